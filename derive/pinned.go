package derive

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// A finite case may be a single point: Uniform(a, a + 1) lies inside
// Uniform(0, 1) only if 0 ≤ a and a + 1 ≤ 1, that is at a = 0. No point
// drawn at random meets both, so the case is solved instead. Each
// condition says its slack is ≥ 0 (emptyCase); when a sum of slacks
// with positive weights, the assumed ones among them (slackSums), is
// provably ≤ 0, none of them strict, each slack of the sum is 0 wherever
// they all hold. Those equations are solved, one symbol each, where a
// symbol is linear in one with a numeric coefficient, where the equation
// is a numeric multiple of a power of one symbol (−a² = 0 gives a = 0),
// or a number plus a multiple of an exp or a log of such a term.
// The case is then the problem with those values put in: derived and
// verified there as any finite case, the other parameters drawn at
// random. An assumption the values break makes the case empty.

// pin is a symbol a case fixes and the value it fixes it to.
type pin struct {
	sym   string
	value expr.Expr
}

// pinnedCase finds the equations the conditions when, with the
// assumptions, force (slackSums), and solves them. It returns
// the values and the assumptions the proof used, or false when no sum
// of slacks is seen to vanish or its equations cannot be solved.
func (p *Problem) pinnedCase(when []*expr.Rel) ([]pin, []*expr.Rel, bool) {
	rels, sums := p.slackSums(when)
	var eqs []expr.Expr
	var used []*expr.Rel
	for _, s := range sums {
		if s.strict || !nonPositive(s.sum, p.Ctx) {
			continue
		}
		for _, i := range s.parts {
			if d, ok := slackOf(rels[i], p.Ctx); ok {
				eqs = append(eqs, d)
			}
		}
		for _, a := range assumedIn(rels, s.parts, len(when)) {
			if !slices.Contains(used, a) {
				used = append(used, a)
			}
		}
	}
	if len(eqs) == 0 {
		return nil, nil, false
	}
	pins, ok := p.solvePins(eqs)
	return pins, used, ok
}

// PinnedCase is pinnedCase for a reader of a derivation's conditions:
// the equations sym = value that the conditions when, with the
// assumptions, hold at only, each value in the symbols left free, or
// false when no such point is found.
func (p *Problem) PinnedCase(when []*expr.Rel) ([]*expr.Rel, bool) {
	pins, _, ok := p.pinnedCase(splitEquations(when))
	if !ok {
		return nil, false
	}
	out := make([]*expr.Rel, len(pins))
	for i, pn := range pins {
		out[i] = &expr.Rel{Op: "=", L: expr.S(pn.sym), R: pn.value}
	}
	return out, true
}

// nonPositive reports whether d is provably ≤ 0: zero, or the negation
// of a term provably ≥ 0.
func nonPositive(d expr.Expr, ctx *rules.Context) bool {
	if expr.IsInt(d, 0) {
		return true
	}
	m, ok := rules.Normalize(expr.Neg(d), ctx)
	return ok && ctx.IsNonnegative(m)
}

// solvePins solves the equations e = 0 in turn, each for one symbol
// after the values found before are put in; an equation the earlier
// values already satisfy adds nothing.
func (p *Problem) solvePins(eqs []expr.Expr) ([]pin, bool) {
	var pins []pin
	for len(eqs) > 0 {
		e := eqs[0]
		eqs = eqs[1:]
		e, ok := rules.Normalize(putPins(e, pins), p.Ctx)
		if !ok {
			return nil, false
		}
		if expr.IsInt(e, 0) {
			continue
		}
		if len(expr.Symbols(e)) == 0 {
			// The values found settle it, as |0| does, unless they
			// break it.
			if v, err := expr.Eval(e, &expr.Env{}); err == nil && v == 0 {
				continue
			}
			return nil, false
		}
		if terms, ok := p.signedTerms(e); ok {
			// log(t² + 1) + w² = 0 with both terms ≥ 0: each is 0.
			eqs = append(terms, eqs...)
			continue
		}
		s, v, ok := p.solveFor(e)
		if !ok {
			return nil, false
		}
		for i := range pins {
			pins[i].value, _ = rules.Normalize(expr.Replace(pins[i].value, expr.S(s), v), p.Ctx)
		}
		pins = append(pins, pin{s, v})
	}
	return pins, len(pins) > 0
}

// signedTerms are the terms of a sum that are all provably ≥ 0, or all
// provably ≤ 0, and so each 0 where the sum is: false for anything else.
func (p *Problem) signedTerms(e expr.Expr) ([]expr.Expr, bool) {
	sum, ok := e.(*expr.Add)
	if !ok {
		return nil, false
	}
	for _, sign := range []func(expr.Expr) expr.Expr{func(t expr.Expr) expr.Expr { return t }, expr.Neg} {
		all := true
		for _, t := range sum.Terms {
			if !p.Ctx.IsNonnegative(sign(t)) {
				all = false
				break
			}
		}
		if all {
			return append([]expr.Expr(nil), sum.Terms...), true
		}
	}
	return nil, false
}

// solveFor solves e = 0 for one of its parameters, taken in order of
// first use; k·exp(h) + c = 0 and k·log(h) + c = 0 are solved for h first.
func (p *Problem) solveFor(e expr.Expr) (string, expr.Expr, bool) {
	if h, v, ok := invert(e); ok {
		if d, ok := rules.Normalize(expr.Sub(h, v), p.Ctx); ok {
			return p.solveFor(d)
		}
	}
	for _, s := range unitFirst(e, p.Ctx) {
		if expr.IsNumberConstant(s) || p.Types.Dims[s] {
			continue
		}
		if sh, declared := p.Types.Shapes[s]; declared && !sh.IsScalar() {
			continue
		}
		if p.Types.Counts[s] {
			// A count is pinned only to a number of trials: n − 1 = 0
			// under n <= 1 gives n = 1.
			if v, ok := p.countPin(e, s); ok {
				return s, v, true
			}
			continue
		}
		cs, ok := rules.Coefficients(e, s, p.Ctx)
		if !ok {
			continue
		}
		if c, ok := linearCoef(e, s, p.Ctx); ok {
			rest := cs[0]
			if rest == nil {
				rest = expr.N(0)
			}
			v, ok := rules.Normalize(expr.Prod(&expr.Num{Val: new(big.Rat).Neg(new(big.Rat).Inv(c))}, rest), p.Ctx)
			if ok {
				return s, v, true
			}
			continue
		}
		if v, ok := doubleRoot(cs, p.Ctx); ok {
			return s, v, true
		}
		// c·s^n = 0 with c a nonzero number: s = 0.
		if len(cs) == 1 {
			for deg, c := range cs {
				if n, isNum := c.(*expr.Num); isNum && deg > 0 && n.Val.Sign() != 0 {
					return s, expr.N(0), true
				}
			}
		}
	}
	return "", nil, false
}

// unitFirst is the symbols of e in order of first use, those of
// coefficient ±1 first: c = 3·d − 1 rather than d = c/3 + 1/3, whose
// value put into 1 + c = 3·d rounds less often to both sides' being
// unequal, so that the case can be decided at the point.
func unitFirst(e expr.Expr, ctx *rules.Context) []string {
	syms := expr.Symbols(e)
	unit := func(s string) bool {
		c, ok := linearCoef(e, s, ctx)
		return ok && new(big.Rat).Abs(c).Cmp(big.NewRat(1, 1)) == 0
	}
	slices.SortStableFunc(syms, func(a, b string) int {
		switch ua, ub := unit(a), unit(b); {
		case ua && !ub:
			return -1
		case ub && !ua:
			return 1
		}
		return 0
	})
	return syms
}

// doubleRoot is the one root of a·s² + b·s + c = 0, with a a nonzero
// number and b² − 4·a·c zero in normal form: s = −b/(2a). The square of
// a difference, c² − 2·c·d + d² = (c − d)², is 0 at c = d alone.
func doubleRoot(cs map[int]expr.Expr, ctx *rules.Context) (expr.Expr, bool) {
	for deg := range cs {
		if deg > 2 {
			return nil, false
		}
	}
	a, ok := cs[2].(*expr.Num)
	if !ok || a.Val.Sign() == 0 {
		return nil, false
	}
	b, c := cs[1], cs[0]
	if b == nil {
		b = expr.N(0)
	}
	if c == nil {
		c = expr.N(0)
	}
	disc, ok := rules.Normalize(expr.Sub(expr.Power(b, expr.N(2)), expr.Prod(expr.N(4), a, c)), ctx)
	if !ok || !expr.IsInt(disc, 0) {
		return nil, false
	}
	return rules.Normalize(expr.Prod(&expr.Num{Val: new(big.Rat).Neg(new(big.Rat).Inv(new(big.Rat).Mul(big.NewRat(2, 1), a.Val)))}, b), ctx)
}

// invert reads e = k·f(h) + c, for a number c, a nonzero number k and f
// exp or log, as h = v: exp(a) − 1 = 0 as a = log(1); and k·|h| = 0 or
// k·√h = 0 as h = 0.
func invert(e expr.Expr) (h, v expr.Expr, ok bool) {
	sum, isSum := e.(*expr.Add)
	if !isSum {
		sum = &expr.Add{Terms: []expr.Expr{e, expr.N(0)}} // c = 0
	}
	if len(sum.Terms) != 2 {
		return nil, nil, false
	}
	if h, v, ok := sameOneToOne(sum.Terms[0], sum.Terms[1]); ok {
		return h, v, true
	}
	for i, t := range sum.Terms {
		c, isNum := sum.Terms[1-i].(*expr.Num)
		if !isNum {
			continue
		}
		k := big.NewRat(1, 1)
		if m, isMul := t.(*expr.Mul); isMul && len(m.Factors) == 2 {
			if n, isNum := m.Factors[0].(*expr.Num); isNum && n.Val.Sign() != 0 {
				k, t = n.Val, m.Factors[1]
			}
		}
		call, isCall := t.(*expr.Call)
		if !isCall || len(call.Args) != 1 {
			continue
		}
		// f(h) = −c/k.
		at := &expr.Num{Val: new(big.Rat).Neg(new(big.Rat).Quo(c.Val, k))}
		switch {
		case call.Fn == "exp" && at.Val.Sign() > 0:
			return call.Args[0], expr.Fn("log", at), true
		case call.Fn == "log":
			return call.Args[0], expr.Fn("exp", at), true
		case (call.Fn == "abs" || call.Fn == "sqrt") && at.Val.Sign() == 0:
			// |h| = 0 and √h = 0 hold where h = 0 alone.
			return call.Args[0], at, true
		}
	}
	return nil, nil, false
}

// sameOneToOne reads k·f(h) − k·f(g) = 0, for f exp or log, one to one,
// and a nonzero number k, as h = g: exp(c) − exp(d) = 0 holds at c = d
// alone.
func sameOneToOne(s, t expr.Expr) (h, g expr.Expr, ok bool) {
	split := func(e expr.Expr) (*big.Rat, *expr.Call) {
		k := big.NewRat(1, 1)
		if m, isMul := e.(*expr.Mul); isMul && len(m.Factors) == 2 {
			if n, isNum := m.Factors[0].(*expr.Num); isNum {
				k, e = n.Val, m.Factors[1]
			}
		}
		c, _ := e.(*expr.Call)
		return k, c
	}
	k1, f1 := split(s)
	k2, f2 := split(t)
	if f1 == nil || f2 == nil || f1.Fn != f2.Fn || len(f1.Args) != 1 || len(f2.Args) != 1 ||
		f1.Fn != "exp" && f1.Fn != "log" || k1.Sign() == 0 || new(big.Rat).Add(k1, k2).Sign() != 0 {
		return nil, nil, false
	}
	return f1.Args[0], f2.Args[0], true
}

// putPins puts the pinned values into e, and writes the absolute value
// of a number they leave, |0| from a pinned |c|, which the normal form
// keeps, as the number.
func putPins(e expr.Expr, pins []pin) expr.Expr {
	for _, pn := range pins {
		e = expr.Replace(e, expr.S(pn.sym), pn.value)
	}
	return expr.Map(e, func(n expr.Expr) expr.Expr {
		if call, ok := n.(*expr.Call); ok && call.Fn == "abs" && len(call.Args) == 1 {
			if v, ok := call.Args[0].(*expr.Num); ok {
				return &expr.Num{Val: new(big.Rat).Abs(v.Val)}
			}
		}
		return n
	})
}

// pinnedArgs is the family call at the pinned values with each argument
// they changed in its normal form: Uniform(x; 0, exp(0)) as
// Uniform(x; 0, 1), and Uniform(x; c, c + b − a) at a = c as
// Uniform(x; c, b), as a person puts the point in.
func (p *Problem) pinnedArgs(before, c *expr.Call) expr.Expr {
	args := slices.Clone(c.Args)
	for i, a := range args {
		if i < len(before.Args) && expr.Equal(a, before.Args[i]) {
			continue
		}
		if n, ok := rules.Normalize(a, p.Ctx); ok {
			args[i] = n
		}
	}
	return expr.Fn(c.Fn, args...)
}

// pinsString says the values as a title does: a = 0 and b = 1.
func pinsString(pins []pin) string {
	parts := make([]string, len(pins))
	for i, pn := range pins {
		parts[i] = expr.String(&expr.Rel{Op: "=", L: expr.S(pn.sym), R: pn.value})
	}
	return strings.Join(parts, " and ")
}

// atPins is the problem with the pinned values put into its densities
// and assumptions, and the conditions of when the values do not settle,
// in strict form. An assumption or condition the values make a false
// comparison of numbers is returned as broken: the case is then empty.
func (p *Problem) atPins(at expr.Pos, pins []pin, when []*expr.Rel) (*Problem, []*expr.Rel, *expr.Rel, error) {
	f := *p.File
	f.Densities = make([]*expr.Density, len(p.File.Densities))
	for i, d := range p.File.Densities {
		c := *d
		c.Body = putPins(d.Body, pins)
		before, _ := expr.FamilyCall(d.Body)
		if call, _ := expr.FamilyCall(c.Body); call != nil && before != nil && call != d.Body {
			c.Body = p.pinnedArgs(before, call)
		}
		f.Densities[i] = &c
	}
	f.Assumptions = nil
	var rest []*expr.Rel
	for _, a := range p.File.Assumptions {
		r := &expr.Rel{Op: a.Rel.Op, L: putPins(a.Rel.L, pins), R: putPins(a.Rel.R, pins)}
		holds, settled := p.settled(r)
		if !settled {
			f.Assumptions = append(f.Assumptions, &expr.Assumption{Rel: r, Pos: a.Pos})
		} else if !holds {
			return nil, nil, a.Rel, nil
		}
	}
	for _, w := range when {
		r := &expr.Rel{Op: w.Op, L: putPins(w.L, pins), R: putPins(w.R, pins)}
		holds, settled := p.settled(r)
		if !settled {
			rest = append(rest, r)
		} else if !holds {
			return nil, nil, w, nil
		}
	}
	strict := make([]*expr.Assumption, len(rest))
	for i, r := range rest {
		strict[i] = &expr.Assumption{Rel: &expr.Rel{Op: strings.TrimSuffix(r.Op, "="), L: r.L, R: r.R}, Pos: at}
	}
	f.Assumptions = append(f.Assumptions, strict...)
	// A parameter's domain, the rate exp(a) − 1 > 0 say, or a symbol
	// taken positive, may break as an assumption may.
	positive := slices.Clone(p.Ctx.PositiveExprs)
	for _, pn := range pins {
		if p.Ctx.Positive[pn.sym] {
			positive = append(positive, expr.S(pn.sym))
		}
	}
	for _, e := range positive {
		r := &expr.Rel{Op: ">", L: putPins(e, pins), R: expr.N(0)}
		if holds, settled := p.settled(r); settled && !holds {
			return nil, nil, &expr.Rel{Op: ">", L: e, R: expr.N(0)}, nil
		}
	}
	q, err := Load(&f)
	return q, rest, nil, err
}

// settled reports whether r compares two numbers once normalized, and
// then whether it holds.
func (p *Problem) settled(r *expr.Rel) (holds, settled bool) {
	d, ok := slackOf(r, p.Ctx)
	if !ok {
		return false, false
	}
	n, isNum := d.(*expr.Num)
	if !isNum {
		return false, false
	}
	sign := n.Val.Sign()
	if slices.Contains([]string{"<", ">"}, r.Op) {
		return sign > 0, true
	}
	return sign >= 0, true
}

// statesPins reports whether the conditions shown are the equations of
// the pins themselves, c = d for the pin c = d: the title need not say
// the point again.
func (p *Problem) statesPins(shown []*expr.Rel, pins []pin) bool {
	if len(shown) != len(pins) {
		return false
	}
	for i, r := range shown {
		if r.Op != "=" {
			return false
		}
		d, ok := rules.Normalize(expr.Sub(expr.Sub(r.L, r.R), expr.Sub(expr.S(pins[i].sym), pins[i].value)), p.Ctx)
		e, ok2 := rules.Normalize(expr.Sum(expr.Sub(r.L, r.R), expr.Sub(expr.S(pins[i].sym), pins[i].value)), p.Ctx)
		if !(ok && expr.IsInt(d, 0) || ok2 && expr.IsInt(e, 0)) {
			return false
		}
	}
	return true
}

// pinnedTitle says why the case is a point: its conditions, with the
// assumptions used, hold only there.
func pinnedTitle(when []*expr.Rel, pins []pin, assumed []*expr.Rel) string {
	which := "which hold together"
	if len(when) == 1 {
		which = "which holds"
	}
	switch len(assumed) {
	case 0:
	case 1:
		which += fmt.Sprintf(", as %s is assumed,", conditions(assumed))
	default:
		which += fmt.Sprintf(", as %s are assumed,", conditions(assumed))
	}
	return fmt.Sprintf("%s only where %s", which, pinsString(pins))
}

// countPin solves e = 0 for the count s when e is linear in s alone and
// the root is a positive integer, as a number of trials must be.
func (p *Problem) countPin(e expr.Expr, s string) (expr.Expr, bool) {
	if len(expr.Symbols(e)) != 1 {
		return nil, false
	}
	c, ok := linearCoef(e, s, p.Ctx)
	if !ok {
		return nil, false
	}
	cs, ok := rules.Coefficients(e, s, p.Ctx)
	if !ok {
		return nil, false
	}
	rest, ok := cs[0].(*expr.Num)
	if !ok {
		return nil, false
	}
	v := new(big.Rat).Quo(new(big.Rat).Neg(rest.Val), c)
	if !v.IsInt() || v.Sign() <= 0 {
		return nil, false
	}
	return &expr.Num{Val: v}, true
}
