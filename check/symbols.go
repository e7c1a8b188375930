package check

import (
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
)

// The symbols of a link: which the context gives values, which are
// universally quantified, which are unknown, and what evaluating a side
// costs.

// linkSymbols are the symbols a link's value depends on, in order of first
// use: the free symbols of both sides, then the parameters of the
// densities they use.
func linkSymbols(c *context, xs ...expr.Expr) []string {
	var out []string
	seen := map[string]bool{}
	add := func(s string) {
		if !seen[s] && !expr.IsNumberConstant(s) {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, x := range xs {
		for _, s := range expr.Symbols(x) {
			add(s)
		}
	}
	for _, x := range xs {
		for _, d := range densitiesUsed(c, x) {
			for _, s := range expr.Symbols(c.dens[d].Body) {
				if s != varOf(c.dens[d].Var) {
					add(s)
				}
			}
		}
	}
	return out
}

// densitiesUsed lists the densities x names, in order.
func densitiesUsed(c *context, x expr.Expr) []string {
	var out []string
	seen := map[string]bool{}
	add := func(n string) {
		if c.dens[n] != nil && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	expr.Any(x, func(e expr.Expr) bool {
		switch e := e.(type) {
		case *expr.Call:
			add(e.Fn)
		case *expr.Expect:
			add(e.Dist)
		case *expr.Info:
			add(e.P)
			add(e.Q)
		}
		return false
	})
	return out
}

// usesAny reports whether either side of a link names one of the densities.
func usesAny(c *context, l *Link, names []string) bool {
	for _, x := range []expr.Expr{l.L, l.R} {
		for _, d := range densitiesUsed(c, x) {
			if slices.Contains(names, d) {
				return true
			}
		}
	}
	return false
}

// symName spells a canonical name for a reader: sigma_1 as σ₁.
func symName(name string) string { return expr.Format(expr.S(name), expr.Unicode) }

// symNames spells a list of names.
func symNames(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = symName(n)
	}
	return strings.Join(out, ", ")
}

// cost bounds the node evaluations of one evaluation of x: an integral
// over the real line may take the adaptive rule's whole budget
// (expr.MaxNodes), an expectation that or a Gauss–Hermite grid
// (expr.NodeBound), a sum up to a dimension five terms.
func (c *context) cost(x expr.Expr) float64 {
	inner := 1.0
	var buf [4]expr.Expr
	for _, k := range expr.ChildrenIn(x, &buf) {
		inner += c.cost(k)
	}
	switch x := x.(type) {
	case *expr.Integral:
		return expr.MaxNodes * inner
	case *expr.Expect:
		if d := c.dens[x.Dist]; d != nil {
			if _, f := expr.FamilyCall(d.Body); f != nil && f.Coordinates != nil {
				return c.termwiseCost(x.Body, varOf(x.Var))
			}
		}
		// What is free of the variable, such as the E[X] inside
		// Var(X) = E[(X − E[X])²], is evaluated once, not at every node:
		// the evaluator keeps an expectation's value at a point.
		dep, free := c.splitCost(x.Body, varOf(x.Var))
		return float64(expr.NodeBound(x, c.dens))*(1+dep) + free
	case *expr.Info:
		p, ok := c.dens[x.P]
		if !ok {
			return expr.MaxNodes
		}
		// The definition's integrand, as the evaluator takes it.
		var body expr.Expr = expr.Fn("log", expr.Fn(x.P, p.Var))
		if x.Kind == "I" {
			// The self-information is that integrand alone, at one point.
			return float64(expr.Size(body))
		}
		if x.Q != "" {
			body = expr.Sub(body, expr.Fn("log", expr.Fn(x.Q, p.Var)))
		}
		return float64(expr.NodeBound(&expr.Expect{Var: p.Var, Dist: x.P, Body: body}, c.dens)) * 20
	case *expr.Big:
		lo, lok := x.Lo.(*expr.Num)
		hi, hok := x.Hi.(*expr.Num)
		switch {
		case lok && hok:
			return math.Max(1, expr.Float(hi.Val)-expr.Float(lo.Val)+1) * inner
		case hok:
			return maxIndex * inner
		}
		return 5 * inner // a dimension: at most 5
	}
	return inner
}

// splitCost is the cost of body at one node of a rule in v, split into
// what depends on v (paid at every node) and the expectations and
// integrals free of it (paid once).
func (c *context) splitCost(body expr.Expr, v string) (dep, free float64) {
	if !expr.Uses(body, v) {
		switch body.(type) {
		case *expr.Expect, *expr.Integral, *expr.Big, *expr.Info:
			return 0, c.cost(body)
		}
	}
	switch body.(type) {
	case *expr.Expect, *expr.Integral, *expr.Big, *expr.Info:
		return c.cost(body), 0
	}
	dep = 1
	var buf [4]expr.Expr
	for _, k := range expr.ChildrenIn(body, &buf) {
		d, f := c.splitCost(k, v)
		dep, free = dep+d, free+f
	}
	return dep, free
}

// termwiseCost is the cost of an expectation that the evaluator takes
// term by term (under a Dirichlet): a term free of the variable is
// evaluated once, any other at every node of a one-dimensional rule.
func (c *context) termwiseCost(body expr.Expr, v string) float64 {
	switch b := body.(type) {
	case *expr.Add:
		total := 0.0
		for _, t := range b.Terms {
			total += c.termwiseCost(t, v)
		}
		return total
	case *expr.Big:
		if b.Op == "sum" {
			return 5 * c.termwiseCost(b.Body, v)
		}
	case *expr.Mul:
		total, using := 0.0, 0
		for _, f := range b.Factors {
			total += c.termwiseCost(f, v)
			if expr.Uses(f, v) {
				using++
			}
		}
		if using <= 1 {
			return total
		}
	case *expr.Call:
		// The logarithm of a product is taken factor by factor.
		if b.Fn != "log" || len(b.Args) != 1 {
			break
		}
		switch a := b.Args[0].(type) {
		case *expr.Mul:
			total := 0.0
			for _, f := range a.Factors {
				total += c.termwiseCost(expr.Fn("log", f), v)
			}
			return total
		case *expr.Big:
			if a.Op == "prod" {
				return 5 * c.termwiseCost(expr.Fn("log", a.Body), v)
			}
		case *expr.Pow:
			return c.cost(a.Exp) + c.termwiseCost(expr.Fn("log", a.Base), v)
		}
	}
	if !expr.Uses(body, v) {
		return c.cost(body)
	}
	return expr.MaxNodes * c.cost(body)
}

// freeSymbols sorts the free symbols of a link: those the context gives
// values, those free on both sides outside every integral and expectation
// (universally quantified; declared ones only, when vectors and matrices
// are), and the unknown rest.
func freeSymbols(c *context, L, R expr.Expr) (universal, unknown []string) {
	ls, rs := expr.Symbols(L), expr.Symbols(R)
	inside := map[string]bool{}
	for _, x := range []expr.Expr{L, R} {
		for _, s := range symbolsInBinders(x) {
			inside[s] = true
		}
	}
	onRight := map[string]bool{}
	for _, s := range rs {
		onRight[s] = true
	}
	onLeft := map[string]bool{}
	for _, s := range ls {
		onLeft[s] = true
	}
	seen := map[string]bool{}
	for _, s := range append(ls, rs...) {
		if seen[s] || c.params[s] || expr.IsNumberConstant(s) || s == "I" && c.matrices {
			continue
		}
		seen[s] = true
		// With vectors and matrices declared, an undeclared symbol may
		// stand for either (Σ in tr(Σ)): drawing it as a number would
		// judge a matrix identity at a scalar, so it is unknown.
		_, declared := c.prob.Types.Shapes[s]
		if _, ok := c.coordinateIndex(s, L, R); ok {
			universal = append(universal, s)
			continue
		}
		// I(p) = -log p(x) is a function of p's variable x, which one
		// side names and the other holds in I(p).
		both := onLeft[s] && onRight[s] || onLeft[s] && c.selfInformationOf(R, s) || onRight[s] && c.selfInformationOf(L, s)
		// A discrete density's variable is a number, drawn in its support.
		_, counted := c.discreteDensityOf(s)
		if both && !inside[s] && (!c.matrices || declared || counted) && !c.operatorName(s) {
			universal = append(universal, s)
		} else {
			unknown = append(unknown, s)
		}
	}
	sort.Strings(universal)
	return universal, unknown
}

// coordinateIndex reports whether an undeclared symbol is used only as
// the index of coordinates of a Categorical's or a Dirichlet's vectors
// (see resolver.coordinate), the k of E[log x_k] =
// ψ(α_k) − ψ(α₀): the link is claimed for every coordinate, and k is
// drawn among 1, …, K at each point. It returns one of the vectors.
func (c *context) coordinateIndex(s string, sides ...expr.Expr) (string, bool) {
	if c.prob == nil || c.params[s] {
		return "", false
	}
	if _, declared := c.prob.Types.Shapes[s]; declared {
		return "", false
	}
	uses, asIndex, vector := 0, 0, ""
	var walk func(e expr.Expr)
	walk = func(e expr.Expr) {
		switch e := e.(type) {
		case *expr.Sym:
			if e.Name == s {
				uses++
			}
		case *expr.Big:
			if e.Index == s {
				// Bound inside the sum (α₀ = Σ_k α_k beside α_k): not this k.
				walk(e.Lo)
				walk(e.Hi)
				return
			}
		case *expr.Index:
			b, isSym := e.Base.(*expr.Sym)
			if sub, ok := e.Sub.(*expr.Sym); ok && sub.Name == s && isSym {
				if sh, ok := c.prob.Types.Shapes[b.Name]; ok && c.familyVectors[b.Name] && !sh.IsScalar() && expr.IsInt(sh.C, 1) {
					asIndex++
					vector = b.Name
				}
			}
		}
		for _, k := range expr.Children(e) {
			walk(k)
		}
	}
	for _, x := range sides {
		walk(x)
	}
	return vector, asIndex > 0 && asIndex == uses
}

// selfInformationOf reports whether x holds the self-information I(p) of
// a density p whose variable is v.
func (c *context) selfInformationOf(x expr.Expr, v string) bool {
	return expr.Any(x, func(e expr.Expr) bool {
		in, ok := e.(*expr.Info)
		if !ok {
			in, ok = expr.SelfInformation(e, c.dens)
		}
		return ok && in.Kind == "I" && c.dens[in.P] != nil && varOf(c.dens[in.P].Var) == v
	})
}

// discreteDensityOf names a density on a discrete support whose
// variable is v, the first by name of several (the Bernoullis p(x) and
// q(x) share theirs), for drawing v in its support.
func (c *context) discreteDensityOf(v string) (string, bool) {
	names := make([]string, 0, len(c.dens))
	for name := range c.dens {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		d := c.dens[name]
		if _, f := expr.FamilyCall(d.Body); f != nil && f.Support.Discrete && varOf(d.Var) == v {
			return name, true
		}
	}
	return "", false
}

// operatorName reports whether a symbol is an operator the reader did
// not take as one: E or E_p where an expectation is written without its
// brackets (E_p|x - \mu|, E_x(...)), D for the D(P||Q) of a divergence. Drawn as
// a number, it would make a correct step look wrong.
func (c *context) operatorName(s string) bool {
	head, sub, _ := strings.Cut(s, "_")
	if head != "E" && head != "D" && head != "H" {
		return false
	}
	if sub == "" {
		return true
	}
	_, isDensity := c.density(sub)
	return isDensity || c.vars()[sub]
}

// discreteVariable is a universal symbol that a side passes as the
// variable of a discrete family (Bern(x | θ) = θ^x (1 - θ)^{1-x}): the
// identity holds on the support only, which real points miss, so a
// verdict there would be a false alarm.
func (c *context) discreteVariable(universal []string, sides ...expr.Expr) string {
	found := ""
	for _, u := range universal {
		if _, ok := c.discreteDensityOf(u); ok {
			// Drawn in its density's support, an integer there.
			continue
		}
		for _, x := range sides {
			expr.Any(x, func(e expr.Expr) bool {
				call, ok := e.(*expr.Call)
				if !ok || len(call.Args) == 0 || !expr.Equal(call.Args[0], expr.S(u)) {
					return false
				}
				fam := expr.LookupFamily(call.Fn)
				if d := c.dens[call.Fn]; fam == nil && d != nil {
					if body, ok := d.Body.(*expr.Call); ok {
						fam = expr.LookupFamily(body.Fn)
					}
				}
				if fam != nil && fam.Support.Discrete {
					found = u
					return true
				}
				return false
			})
		}
	}
	return found
}

// symbolsInBinders lists the symbols that occur inside an integral or an
// expectation of x without being bound there.
func symbolsInBinders(x expr.Expr) []string {
	var out []string
	var walk func(expr.Expr)
	walk = func(e expr.Expr) {
		switch e.(type) {
		case *expr.Integral, *expr.Expect:
			for s := range expr.AllSymbols(e) {
				out = append(out, s)
			}
			return
		}
		var buf [4]expr.Expr
		for _, k := range expr.ChildrenIn(e, &buf) {
			walk(k)
		}
	}
	walk(x)
	return out
}
