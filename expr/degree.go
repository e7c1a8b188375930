package expr

// Polynomial degree of an integrand in its variable, read from the tree.
// An expectation under a Gaussian of a polynomial of degree n is exact on
// a Gauss–Hermite rule of n/2 + 1 nodes per coordinate, so the evaluator
// takes that rule, and its only error is rounding. The logarithm of a
// Gaussian density of the variable counts as degree 2: it is a quadratic.
// Anything the reading cannot place (abs, a density itself, a nested
// expectation that depends on the variable) is not a polynomial, and goes
// to the adaptive rule instead.

// polyDegree is the degree of e in name, or −1 when e is not a polynomial.
func (ev evaluator) polyDegree(e Expr, name string) int {
	if d, ok := ev.degree(e, name); ok {
		return d
	}
	return -1
}

// degree returns the total degree of e as a polynomial in the variable
// name, or false when e is not one.
func (ev evaluator) degree(e Expr, name string) (int, bool) {
	if !Uses(e, name) {
		return 0, true
	}
	switch e := e.(type) {
	case *Sym:
		return 1, true // the variable itself
	case *Index:
		if s, ok := e.Base.(*Sym); ok && s.Name == name && !Uses(e.Sub, name) {
			return 1, true // a coordinate of a vector variable
		}
	case *Add:
		return ev.maxDegree(e.Terms, name)
	case *Mul:
		return ev.sumDegree(e.Factors, name)
	case *MatMul:
		return ev.sumDegree(e.Factors, name)
	case *Transpose:
		return ev.degree(e.X, name)
	case *Matrix:
		var all []Expr
		for _, row := range e.Rows {
			all = append(all, row...)
		}
		return ev.maxDegree(all, name)
	case *Pow:
		n, ok := e.Exp.(*Num)
		if !ok || !n.Val.IsInt() || n.Val.Sign() < 0 || !n.Val.Num().IsInt64() {
			return 0, false
		}
		d, ok := ev.degree(e.Base, name)
		return d * int(n.Val.Num().Int64()), ok
	case *Big:
		if e.Op == "sum" && !Uses(e.Lo, name) && !Uses(e.Hi, name) {
			return ev.degree(e.Body, name)
		}
	case *Call:
		switch {
		case e.Fn == "log" && len(e.Args) == 1:
			return ev.logDegree(e.Args[0], name)
		case e.Fn == "tr" && len(e.Args) == 1:
			return ev.degree(e.Args[0], name)
		}
	}
	return 0, false
}

// logDegree is the degree of log(e) as a polynomial in name.
func (ev evaluator) logDegree(e Expr, name string) (int, bool) {
	if !Uses(e, name) {
		return 0, true
	}
	switch e := e.(type) {
	case *Mul:
		best := 0
		for _, f := range e.Factors {
			d, ok := ev.logDegree(f, name)
			if !ok {
				return 0, false
			}
			best = max(best, d)
		}
		return best, true
	case *Pow:
		if Uses(e.Exp, name) {
			return 0, false
		}
		return ev.logDegree(e.Base, name)
	case *Big:
		if e.Op == "prod" && !Uses(e.Lo, name) && !Uses(e.Hi, name) {
			return ev.logDegree(e.Body, name)
		}
	case *Call:
		if d, ok := ev.env.Dens[e.Fn]; ok && len(e.Args) == 1 {
			v := varName(d.Var)
			arg, ok := ev.degree(e.Args[0], name)
			if !ok || arg > 1 || v == "" {
				return 0, false
			}
			inner, ok := ev.logDegree(d.Body, v)
			// The density's parameters must not be the variable itself.
			if !ok || (v != name && Uses(d.Body, name)) {
				return 0, false
			}
			return inner * arg, true
		}
		switch {
		case e.Fn == "exp" && len(e.Args) == 1:
			return ev.degree(e.Args[0], name)
		case e.Fn == "sqrt" && len(e.Args) == 1:
			return ev.logDegree(e.Args[0], name)
		case isGaussian(e):
			if Uses(e.Args[1], name) || Uses(e.Args[2], name) {
				return 0, false
			}
			d, ok := ev.degree(e.Args[0], name)
			return 2 * d, ok && d <= 1
		}
	}
	return 0, false
}

func (ev evaluator) maxDegree(xs []Expr, name string) (int, bool) {
	best := 0
	for _, x := range xs {
		d, ok := ev.degree(x, name)
		if !ok {
			return 0, false
		}
		best = max(best, d)
	}
	return best, true
}

func (ev evaluator) sumDegree(xs []Expr, name string) (int, bool) {
	total := 0
	for _, x := range xs {
		d, ok := ev.degree(x, name)
		if !ok {
			return 0, false
		}
		total += d
	}
	return total, true
}

// maxGrid is the most nodes of a Gauss–Hermite grid (hermiteNodes).
const maxGrid = 243

// NodeBound bounds the evaluations of its body that the evaluator takes
// for the expectation x under the densities dens, for a caller that
// bounds its work: a Gauss–Hermite grid for a polynomial under a Gaussian
// family, the adaptive rule's whole budget otherwise.
func NodeBound(x *Expect, dens map[string]*Density) int {
	d, ok := dens[x.Dist]
	if !ok {
		return MaxNodes
	}
	gaussian := isGaussian(d.Body)
	if b, ok := d.Body.(*Big); ok && b.Op == "prod" {
		_, gaussian = GaussianCall(b.Body, false)
	}
	ev := evaluator{env: &Env{Dens: dens}}
	if gaussian && ev.polyDegree(x.Body, varName(x.Var)) >= 0 {
		return maxGrid
	}
	return MaxNodes
}

// isGaussian reports whether e is a call to a Gaussian family, of one
// variable or many.
func isGaussian(e Expr) bool {
	c, f := FamilyCall(e)
	return c != nil && f.Gaussian
}
