package derive

import (
	"fmt"
	"math"
	"strings"

	"github.com/klderive/klderive/expr"
)

// A KL divergence or cross-entropy is +∞ when p puts mass where q is
// zero: the expectation of −log q(x) under p is then infinite, whatever
// the densities' formulas say elsewhere. Before any density is
// substituted (each formula holds on its own support only), the supports
// are compared end by end: an end of q's support inside p's, provably,
// gives +∞ with the reason as the shown step; an end whose side the
// assumptions do not settle stops the derivation with what it needs.

// mismatch compares the supports of the goal's p and q. It returns the
// reason p's support is not inside q's, or an error when that depends
// on the parameters in a way the assumptions leave open.
func (p *Problem) mismatch(g *expr.Info) (string, *supportGap, error) {
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
	var needs, assume []string
	for _, lower := range []bool{true, false} {
		a, b := qLo, pLo
		if !lower {
			a, b = pHi, qHi
		}
		discrete := fp.Support.Discrete && fq.Support.Discrete
		gap, why, open := p.above(a, b, lower, discrete)
		switch {
		case gap:
			pEnd, qEnd := b, a
			if !lower {
				pEnd, qEnd = a, b
			}
			return why(g.Q, g.P, x), &supportGap{lower: lower, discrete: discrete, pEnd: pEnd, qEnd: qEnd}, nil
		case open:
			needs = append(needs, expr.String(a)+" <= "+expr.String(b))
			// A strict assumption is a fact the rules use; a non-strict
			// one only constrains the points.
			assume = append(assume, "assume "+expr.String(a)+" < "+expr.String(b))
		}
	}
	if len(needs) > 0 {
		need := strings.Join(needs, " and ")
		return "", nil, &Failure{Msg: fmt.Sprintf("%s is finite only where the support of %s lies inside that of %s (%s), and +inf where %s(%s) = 0 on part of the support of %s; "+
			"say which with assumptions, such as: %s", expr.String(g), g.P, g.Q, need, g.Q, x, g.P, strings.Join(assume, "; "))}
	}
	return "", nil, nil
}

// supportGap is where q is zero and p is not: between p's end and q's
// end on one side; on the integers between them when both supports are
// discrete.
type supportGap struct {
	lower, discrete bool
	pEnd, qEnd      expr.Expr // nil for an infinite end
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
	// Literal ends, a Binomial's 10 trials against 4, are compared as
	// numbers.
	m, mok := a.(*expr.Num)
	n, nok := b.(*expr.Num)
	switch {
	case mok && nok && m.Val.Cmp(n.Val) <= 0, expr.Equal(a, b) || p.Ctx.IsPositive(expr.Sub(b, a)):
		return false, nil, false
	case mok && nok:
	case !p.Ctx.IsPositive(expr.Sub(a, b)):
		return false, nil, true
	}
	return true, func(q, pp, x string) string {
		lo, hi := b, a
		if discrete {
			// The words avoid an equation, which no justification has.
			from, to := plus(b, expr.N(1)), a
			if lower {
				from, to = b, minus(a, expr.N(1))
			}
			return fmt.Sprintf("%s(%s) vanishes for the counts %s from %s to %s, where %s(%s) > 0", q, x, x, expr.String(from), expr.String(to), pp, x)
		}
		return fmt.Sprintf("%s(%s) vanishes for %s < %s < %s, where %s(%s) > 0", q, x, expr.String(lo), x, expr.String(hi), pp, x)
	}, false
}

// witness checks an infinite result at every sampled point: a point x
// between the two ends of the gap where the evaluator's own densities
// give p(x) > 0 and q(x) = 0.
func (p *Problem) witness(g *expr.Info, gap *supportGap, lines []expr.Expr, points int, seed uint64) (Verification, error) {
	envs := p.SamplePoints(points, seed, lines...)
	v := Verification{Points: len(envs), Steps: len(lines) - 1}
	if len(envs) < points {
		return v, fmt.Errorf("could find only %d admissible parameter points of %d; check the assumptions", len(envs), points)
	}
	x := expr.String(p.Ctx.Densities[g.P].Var)
	end := func(e expr.Expr, env *expr.Env, inf float64) (float64, error) {
		if e == nil {
			return inf, nil
		}
		return expr.Eval(e, env)
	}
	for _, env := range envs {
		sign := 1.0
		if gap.lower {
			sign = -1
		}
		pe, err := end(gap.pEnd, env, sign*math.Inf(1))
		if err != nil {
			return v, err
		}
		qe, err := end(gap.qEnd, env, 0)
		if err != nil {
			return v, err
		}
		// Towards p's end until inside p's support too, which may stop
		// short of q's end (Uniform(0, 1) against Uniform(2, 3)); on
		// the integers, the first count past q's end.
		at, pv := qe+sign, expr.Value{}
		for k := 1; k < 60; k++ {
			if gap.discrete {
				env.Vals[x] = at
				if pv, err = expr.EvalErr(expr.Fn(g.P, expr.S(x)), env); err != nil {
					return v, err
				}
				break
			}
			if !math.IsInf(pe, 0) {
				at = pe + (qe-pe)/math.Ldexp(1, k)
			}
			env.Vals[x] = at
			if pv, err = expr.EvalErr(expr.Fn(g.P, expr.S(x)), env); err != nil {
				return v, err
			}
			if pv.V > 0 || math.IsInf(pe, 0) {
				break
			}
		}
		qv, err := expr.EvalErr(expr.Fn(g.Q, expr.S(x)), env)
		if err != nil {
			return v, err
		}
		delete(env.Vals, x)
		if !(pv.V-pv.Err > 0) || qv.V != 0 || qv.Err != 0 {
			return v, &VerifyError{Step: len(lines) - 1, Before: lines[len(lines)-2], After: lines[len(lines)-1], Point: pointString(env),
				Left: pv, Right: qv, Inconclusive: true, Why: fmt.Sprintf("at %s = %.4g, %s = %s and %s = %s: no witness of the infinity", x, at, g.P, PlusMinus(pv), g.Q, PlusMinus(qv))}
		}
	}
	v.Witness = fmt.Sprintf("%s(%s) > 0 and %s(%s) = 0 at a point of each", g.P, x, g.Q, x)
	return v, nil
}
