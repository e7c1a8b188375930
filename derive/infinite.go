package derive

import (
	"fmt"
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// A KL divergence or cross-entropy is +∞ when p puts mass where q is
// zero: the expectation of −log q(x) under p is then infinite, whatever
// the densities' formulas say elsewhere. Before any density is
// substituted (each formula holds on its own support only), the supports
// are compared end by end: an end of q's support inside p's, provably,
// gives +∞ with the reason as the shown step; an end whose side the
// assumptions do not settle stops the derivation with what it needs.

// mismatch compares the supports of the goal's p and q. It returns the
// reason p's support is not inside q's, or, when that depends on the
// parameters in a way the assumptions leave open, the ends to compare:
// the result is then piecewise.
func (p *Problem) mismatch(g *expr.Info) (string, *supportGap, []openEnd) {
	if g.Q == "" {
		return "", nil, nil
	}
	dp, dq := p.Ctx.Densities[g.P], p.Ctx.Densities[g.Q]
	cp, fp := expr.FamilyCall(dp.Body)
	cq, fq := expr.FamilyCall(dq.Body)
	if fp == nil || fq == nil || fp.Multivariate || fq.Multivariate {
		return "", nil, nil
	}
	pLo, pHi := fp.EndsOf(cp)
	qLo, qHi := fq.EndsOf(cq)
	x := expr.String(dp.Var)
	// Lower ends: q's must not lie above p's; upper ends: p's must not
	// lie above q's. A gap at either end is +∞ whatever the other says.
	var open []openEnd
	for _, lower := range []bool{true, false} {
		a, b := qLo, pLo
		if !lower {
			a, b = pHi, qHi
		}
		discrete := fp.Support.Discrete && fq.Support.Discrete
		gap, why, undecided := p.above(a, b, lower, discrete)
		switch {
		case gap:
			qEnd := a
			if !lower {
				qEnd = b
			}
			return why(g.Q, g.P, x), &supportGap{lower: lower, discrete: discrete, pLo: pLo, pHi: pHi, qEnd: qEnd}, nil
		case undecided:
			open = append(open, openEnd{a: a, b: b})
		}
	}
	return "", nil, open
}

// openEnd is an end of the supports whose side the assumptions leave
// open: the result is finite only where a <= b.
type openEnd struct{ a, b expr.Expr }

// supportGap is where q is zero and p is not: beyond q's end on one
// side, within p's support, whose both ends bound it (q's upper end may
// lie below p's lower one, Gamma(a, b) against Uniform(−2, −1)); on the
// integers past q's end when both supports are discrete.
type supportGap struct {
	lower, discrete bool
	pLo, pHi, qEnd  expr.Expr // nil for an infinite end
}

// above decides whether the end a lies provably above b (a gap when a is
// q's lower end and b p's, or a is p's upper end and b q's); open is set
// when the assumptions do not say. nil is −∞ for a lower end and +∞ for
// an upper end. The ends of discrete supports are their first and last
// values, so there the gap is the counts past q's end up to p's.
func (p *Problem) above(a, b expr.Expr, lower, discrete bool) (gap bool, why func(q, pp, x string) string, open bool) {
	switch {
	case a == nil && lower, b == nil && !lower:
		return false, nil, false // q's line reaches −∞, or p's stops short of +∞
	case b == nil && lower:
		return true, func(q, pp, x string) string {
			return fmt.Sprintf("%s(%s) vanishes for %s < %s, where %s(%s) > 0", q, x, x, expr.String(a), pp, x)
		}, false
	case a == nil && !lower:
		return true, func(q, pp, x string) string {
			return fmt.Sprintf("%s(%s) vanishes for %s > %s, where %s(%s) > 0", q, x, x, expr.String(b), pp, x)
		}, false
	}
	below, beyond := expr.Equal(a, b) || p.differenceIs(b, a, p.Ctx.IsNonnegative), p.differenceIs(a, b, p.Ctx.IsPositive)
	below = below || p.beyondAssumed(b, a, p.Ctx.IsNonnegative)
	beyond = beyond || p.beyondAssumed(a, b, p.Ctx.IsPositive)
	if va, vb, ok := constantEnds(a, b); ok {
		// Ends written as numbers, Uniform(-1, 2) against a Beta's 0 and
		// 1, or a Binomial's 10 trials against 4, are compared as numbers.
		below, beyond = va <= vb, va > vb
	}
	if below {
		return false, nil, false
	}
	if !beyond {
		return false, nil, true
	}
	return true, func(q, pp, x string) string {
		lo, hi := b, a
		if discrete {
			// The counts past q's last one up to p's, or from p's
			// first one up to q's first, as one chain of relations.
			rel := "%s < %s <= %s"
			if lower {
				rel = "%s <= %s < %s"
			}
			return fmt.Sprintf("%s(%s) vanishes for the counts "+rel+", where %s(%s) > 0", q, x, expr.String(b), x, expr.String(a), pp, x)
		}
		return fmt.Sprintf("%s(%s) vanishes for %s < %s < %s, where %s(%s) > 0", q, x, expr.String(lo), x, expr.String(hi), pp, x)
	}, false
}

// differenceIs reports whether sign holds of a − b as written, or in
// normal form: the ends 3 + c² and 1 + c² differ by 2, which only the
// normal form shows, while (u + c)² − 0 is ≥ 0 only as written.
func (p *Problem) differenceIs(a, b expr.Expr, sign func(expr.Expr) bool) bool {
	d := expr.Sub(a, b)
	if sign(d) {
		return true
	}
	n, ok := rules.Normalize(d, p.Ctx)
	return ok && sign(n)
}

// beyondAssumed reports whether sign holds of a − b less a difference
// that "assume … <= …" makes non-negative: a − b = n + r with n ≥ 0
// and r ≥ 0 (or r > 0) is ≥ 0 (or > 0). Under "assume k >= 2" the end
// k − 2 lies above 0, and under "assume k <= 1" the end 0 lies above
// k − 2, which the strict facts of the rules' context do not say.
func (p *Problem) beyondAssumed(a, b expr.Expr, sign func(expr.Expr) bool) bool {
	for _, n := range p.NonNegative {
		r, ok := rules.Normalize(expr.Sub(expr.Sub(a, b), n), p.Ctx)
		if ok && sign(r) {
			return true
		}
	}
	return false
}

// constantEnds are the values of two ends free of symbols (pi aside),
// when both are and their values are exact enough to compare.
func constantEnds(a, b expr.Expr) (float64, float64, bool) {
	var vs [2]expr.Value
	for i, e := range []expr.Expr{a, b} {
		for _, s := range expr.Symbols(e) {
			if s != "pi" && s != "e" {
				return 0, 0, false
			}
		}
		v, err := expr.EvalErr(e, &expr.Env{})
		if err != nil || !v.Finite() {
			return 0, 0, false
		}
		vs[i] = v
	}
	// Ends nearer than their errors are left to the rules.
	apart := math.Abs(vs[0].V-vs[1].V) > vs[0].Err+vs[1].Err
	return vs[0].V, vs[1].V, apart || expr.Equal(a, b)
}

// witness checks an infinite result at every sampled point: a point x
// of the gap, inside p's support and beyond q's end, where the
// evaluator's own densities give p(x) > 0 and q(x) = 0.
func (p *Problem) witness(g *expr.Info, gap *supportGap, lines []expr.Expr, points int, seed uint64) (Verification, error) {
	return p.witnessGaps(g, []*supportGap{gap}, lines, points, seed)
}

// witnessGaps is witness where each point may have its witness in any
// one of several gaps: an empty finite case fails at one end or the
// other, depending on the point.
func (p *Problem) witnessGaps(g *expr.Info, gaps []*supportGap, lines []expr.Expr, points int, seed uint64) (Verification, error) {
	envs := p.SamplePoints(points, seed, lines...)
	v := Verification{Points: len(envs), Steps: len(lines) - 1}
	if len(envs) < points {
		return v, &FewPointsError{Found: len(envs), Wanted: points}
	}
	x := expr.String(p.Ctx.Densities[g.P].Var)
	for _, env := range envs {
		var fail *VerifyError
		for _, gap := range gaps {
			at, pv, qv, err := p.gapWitness(g, gap, env, x)
			if err != nil {
				return v, err
			}
			if pv.V-pv.Err > 0 && qv.V == 0 && qv.Err == 0 {
				fail = nil
				break
			}
			fail = &VerifyError{Step: len(lines) - 1, Before: lines[len(lines)-2], After: lines[len(lines)-1], Point: pointString(env),
				Left: pv, Right: qv, Inconclusive: true, Why: fmt.Sprintf("at %s = %.4g, %s = %s and %s = %s: no witness of the infinity", x, at, g.P, PlusMinus(pv), g.Q, PlusMinus(qv))}
		}
		if fail != nil {
			return v, fail
		}
	}
	v.Witness = fmt.Sprintf("%s(%s) > 0 and %s(%s) = 0 at a point of each", g.P, x, g.Q, x)
	return v, nil
}

// gapWitness is the point of a gap, at env, where p is largest, with p's
// and q's values there.
func (p *Problem) gapWitness(g *expr.Info, gap *supportGap, env *expr.Env, x string) (float64, expr.Value, expr.Value, error) {
	end := func(e expr.Expr, inf float64) (float64, error) {
		if e == nil {
			return inf, nil
		}
		return expr.Eval(e, env)
	}
	lo, err := end(gap.pLo, math.Inf(-1))
	if err != nil {
		return 0, expr.Value{}, expr.Value{}, err
	}
	hi, err := end(gap.pHi, math.Inf(1))
	if err != nil {
		return 0, expr.Value{}, expr.Value{}, err
	}
	qe, err := end(gap.qEnd, 0)
	if err != nil {
		return 0, expr.Value{}, expr.Value{}, err
	}
	if gap.lower {
		hi = math.Min(hi, qe)
	} else {
		lo = math.Max(lo, qe)
	}
	// Of a few points of the gap, the one where p is largest, so that a
	// tail far from p's mass does not underflow to 0.
	at, pv := math.NaN(), expr.Value{}
	candidates := gapPoints(lo, hi)
	if gap.discrete {
		// On the integers, the first count past q's end.
		candidates = []float64{qe + 1}
		if gap.lower {
			candidates = []float64{qe - 1}
		}
	}
	for _, c := range candidates {
		env.Vals[x] = c
		cv, err := expr.EvalErr(expr.Fn(g.P, expr.S(x)), env)
		if err != nil {
			delete(env.Vals, x)
			return 0, expr.Value{}, expr.Value{}, err
		}
		if math.IsNaN(at) || cv.V-cv.Err > pv.V-pv.Err {
			at, pv = c, cv
		}
	}
	if math.IsNaN(at) {
		// The gap is empty at this point: no witness in it.
		return at, pv, expr.Value{}, nil
	}
	env.Vals[x] = at
	qv, err := expr.EvalErr(expr.Fn(g.Q, expr.S(x)), env)
	delete(env.Vals, x)
	return at, pv, qv, err
}

// gapPoints are points strictly inside the interval (lo, hi), which has
// at most one infinite end: spread over it and crowding towards each
// finite end, or stepping out geometrically along an infinite one.
func gapPoints(lo, hi float64) []float64 {
	var out []float64
	switch {
	case math.IsInf(hi, 1):
		for k := -20; k <= 6; k++ {
			out = append(out, lo+math.Ldexp(1, k))
		}
	case math.IsInf(lo, -1):
		for k := -20; k <= 6; k++ {
			out = append(out, hi-math.Ldexp(1, k))
		}
	default:
		for k := 1; k <= 20; k++ {
			t := math.Ldexp(1, -k)
			out = append(out, lo+(hi-lo)*t, hi-(hi-lo)*t)
		}
	}
	// A point that rounds onto an end is not inside.
	kept := out[:0]
	for _, c := range out {
		if c > lo && c < hi {
			kept = append(kept, c)
		}
	}
	return kept
}
