package expr

import "math"

// breakpoints are the places where an integrand in name may have a kink
// or a narrow peak: the roots of the linear parts (the x − μ of |x − μ|
// or of exp(−(x − μ)²)), the roots and vertices of the quadratic parts,
// the means of the Normal densities of the variable and the kinks a
// family declares. The adaptive
// rule cuts the line there, so that neither a kink nor a peak far from
// the origin falls between its nodes.
func (ev evaluator) breakpoints(e Expr, name string) []float64 {
	var out []float64
	at := func(x Expr, v float64) (float64, bool) {
		r, err := ev.bind(name, exact(v)).eval(x)
		return r.V, err == nil && !math.IsNaN(r.V) && !math.IsInf(r.V, 0)
	}
	var visit func(x Expr) bool
	visit = func(x Expr) bool {
		if len(out) > 64 || !Uses(x, name) {
			return false
		}
		if c, ok := x.(*Call); ok {
			if d, ok := ev.env.Dens[c.Fn]; ok && len(c.Args) == 1 && Equal(c.Args[0], S(name)) && varName(d.Var) != "" {
				// A density of the variable itself: its breakpoints, in
				// its own variable, are the integrand's.
				out = append(out, ev.breakpoints(d.Body, varName(d.Var))...)
			}
			if c, ok := GaussianCall(c, false); ok && !Uses(c.Args[1], name) {
				x = Sub(c.Args[0], c.Args[1])
			}
			if c, f := FamilyCall(c); f != nil && f.Breaks != nil && Equal(c.Args[0], S(name)) {
				// A family's own kinks (a Laplace's location), where its
				// parameters are free of the variable.
				if ps, err := ev.evalAll(c.Args[1:]); err == nil && !Uses(&Call{Fn: c.Fn, Args: c.Args[1:]}, name) {
					out = append(out, f.Breaks(values(ps))...)
				}
			}
		}
		deg, ok := ev.degree(x, name)
		if !ok || deg < 1 || deg > 2 {
			return false
		}
		fm, ok1 := at(x, -1)
		f0, ok2 := at(x, 0)
		f1, ok3 := at(x, 1)
		if !ok1 || !ok2 || !ok3 {
			return false
		}
		a, b, c := (f1+fm)/2-f0, (f1-fm)/2, f0
		switch {
		case deg == 1 || a == 0:
			if b != 0 {
				out = append(out, -c/b)
			}
		default:
			out = append(out, -b/(2*a))
			if disc := b*b - 4*a*c; disc > 0 {
				s := math.Sqrt(disc)
				out = append(out, (-b-s)/(2*a), (-b+s)/(2*a))
			}
		}
		return false
	}
	Any(e, visit)
	return out
}
