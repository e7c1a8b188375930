package expr

import (
	"fmt"
	"math"
)

// A density written as a formula on a stated support,
// cases(l*exp(-l*x) if x >= 0; 0 otherwise), is zero outside it: an
// expectation under it integrates over the support alone, where the
// formula, and its logarithm, are what the density is.

// caseSupport finds the support of a density whose body is one case of
// bounds on its variable with 0 otherwise, and evaluates its ends; ok is
// false for any other body.
func (ev evaluator) caseSupport(d *Density) (lo, hi float64, ok bool, err error) {
	cs, isCases := d.Body.(*Cases)
	name := varName(d.Var)
	if !isCases || name == "" || len(cs.Cases) != 1 || !IsInt(cs.Else, 0) {
		return 0, 0, false, nil
	}
	lo, hi = math.Inf(-1), math.Inf(1)
	for _, r := range cs.Cases[0].When {
		bound, below, isBound := VariableBound(r, name)
		if !isBound {
			return 0, 0, false, nil
		}
		v, err := ev.eval(bound)
		if err != nil {
			return 0, 0, true, err
		}
		if below {
			lo = math.Max(lo, v.V)
		} else {
			hi = math.Min(hi, v.V)
		}
	}
	if !(lo < hi) {
		return 0, 0, true, fmt.Errorf("the support of %s is empty (%g, %g)", d.Name, lo, hi)
	}
	return lo, hi, true, nil
}

// VariableBound reads a condition x >= b, x < b, b <= x, ... as the
// bound b of the variable name, below it or above it; ok is false for
// any other relation.
func VariableBound(r *Rel, name string) (bound Expr, below, ok bool) {
	l, isVar := r.L.(*Sym)
	other, op := r.R, r.Op
	if !isVar || l.Name != name {
		s, isSym := r.R.(*Sym)
		if !isSym || s.Name != name {
			return nil, false, false
		}
		other = r.L
		op = map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}[op]
	}
	if Uses(other, name) {
		return nil, false, false
	}
	switch op {
	case ">", ">=":
		return other, true, true
	case "<", "<=":
		return other, false, true
	}
	return nil, false, false
}

// overCases integrates density·body over the stated support [lo, hi]
// of the density d by the double-exponential rules.
func (ev evaluator) overCases(name string, d *Density, lo, hi float64, body Expr) (Value, error) {
	weight := Fn(d.Name, S(name))
	breaks := append(ev.breakpoints(body, name), ev.breakpoints(d.Body, varName(d.Var))...)
	l := ev.keptLoop("cases "+d.Name, name, compileFrom, func(l *loop) { l.term = l.weighted(weight, body) }, body)
	defer l.free()
	term := l.term
	g := func(x, _, _, logX float64) (Value, error) {
		l.setLogged(x, logX)
		return term()
	}
	return intervalIntegral(g, lo, hi, breaks, false, label{e: Prod(weight, body)})
}
