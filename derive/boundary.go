package derive

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/klderive/klderive/expr"
)

// The finite case of a piecewise result holds where its conditions do,
// ends included: Uniform(a1, b1) ‖ Beta(k1, k2) is finite when 0 ≤ a1 and
// b1 ≤ 1. Its formula may have no value at an end, although the
// divergence does: E[log x] under the Uniform is (b1·log b1 −
// a1·log a1)/(b1 − a1) − 1, whose a1·log a1 is 0·(−∞) at a1 = 0. There the
// formula stands for its limit, as a textbook's 0·log 0 = 0 does, and the
// case says so; the limit is checked numerically: the formula a little
// inside the end against direct integration at the end. A formula that
// has no value at an end and whose limit does not agree is an error, not
// shown; so is an end no point of the case can be moved to, as whether
// the formula has a value there is then not known.

// boundarySteps are how far inside an end the formula is evaluated, in
// units of the end's size (at least 1). The error of the limit is then
// about step·|log step| times a coefficient, inside limitTolerance at
// both. The formula's own error estimate is not used there: it bounds
// the rounding of each term of size log(step) alone, and grows as
// 1/step, while the terms cancel far more exactly (1 − b₁ is exact for
// b₁ near 1); the values are compared at two steps instead, so that one
// lucky rounding cannot pass.
var boundarySteps = []float64{1e-9, 1e-11}

// limitTolerance is the relative tolerance of a limit against direct
// integration at the end.
const limitTolerance = 1e-6

// closeIn is how much closer to direct integration the formula must come
// from one of boundarySteps to the next, a hundredth of it, when it is
// not yet within the tolerance: a tenth at least.
const closeIn = 10

// closesIn reports whether the formula's distances from direct
// integration, at boundarySteps in turn, show it tends there: within tol
// at the last step, and at each earlier one within tol or closing in by
// closeIn. An error of s·log²s (0·log²0 at the end) is 4·10⁻⁷·s's
// coefficient at the first step and within tol only at the second;
// a formula with another limit does not close in.
func closesIn(offs []float64, tol float64) bool {
	if len(offs) < len(boundarySteps) || !(offs[len(offs)-1] <= tol) {
		return false
	}
	for i := 0; i+1 < len(offs); i++ {
		if !(offs[i] <= tol) && !(offs[i] >= closeIn*offs[i+1]) {
			return false
		}
	}
	return true
}

// boundaryPoints is how many points of the finite case each end is
// checked at.
const boundaryPoints = 4

// boundaryLimits finds the ends of the finite case, each condition of
// when made tight and all of them together, where the result has no
// value, and, with verify, checks there that its limit is the goal's
// direct integral. It returns the ends so taken, as relations a = b,
// and how many points checked them. Finding the ends is cheap (the
// formula at a few points), so that the derivation shows them whether
// or not it is verified.
//
// An end no point reaches is an error where the ends are a case's own
// (mustReach); an assumption's end may lie outside what the others
// allow (k >= -1 where k > 2), and is then passed over.
func (p *Problem) boundaryLimits(fin *Problem, goal, result expr.Expr, when []*expr.Rel, seed uint64, verify, mustReach bool) ([]string, int, error) {
	sets := make([][]*expr.Rel, 0, len(when)+1)
	for _, r := range when {
		if !p.endOutside(r) {
			sets = append(sets, []*expr.Rel{r})
		}
	}
	if len(when) > 1 {
		sets = append(sets, when)
	}
	var ends []string
	checked := 0
	bases := fin.SamplePoints(boundaryPoints, seed, result)
	for _, set := range sets {
		undefined, reached := false, false
		for _, base := range bases {
			at, exact, ok := p.tight(base, set, when, 0)
			if !ok || !holdsBeside(at, when, set) {
				// An end of the case lies where its other conditions
				// hold: b + exp(−b) = 2 at b = −1.15 is no end of the
				// case b ≥ 1.
				continue
			}
			reached = true
			// Only at the end itself does a value show the formula has
			// one there; near it, as bisection leaves the point, the
			// formula is taken as its limit, which the check covers.
			if v, err := expr.EvalErr(result, at); exact && err == nil && !math.IsNaN(v.V) && !math.IsInf(v.V, 0) {
				continue
			}
			undefined = true
			if !verify {
				break
			}
			direct, err := expr.EvalErr(goal, at)
			if err != nil || !direct.Finite() {
				return nil, 0, fmt.Errorf("where %s, the result has no value, and direct integration gives none either (%v) at %s", tightString(set), err, pointString(at))
			}
			var offs []float64
			var limit float64
			for _, step := range boundarySteps {
				inside, _, ok := p.tight(base, set, when, step)
				if !ok {
					return nil, 0, fmt.Errorf("where %s, the result has no value, and no point just inside is admissible", tightString(set))
				}
				if limit, err = expr.Eval(result, inside); err != nil {
					break
				}
				offs = append(offs, math.Abs(limit-direct.V))
			}
			tol := limitTolerance*math.Max(1, math.Abs(direct.V)) + direct.Err
			if err != nil || !closesIn(offs, tol) {
				return nil, 0, fmt.Errorf("where %s, the result has no value, and %v just inside does not agree with direct integration at the end, %s, at %s",
					tightString(set), limit, PlusMinus(direct), pointString(at))
			}
			checked++
		}
		if !reached && len(set) == 1 && len(bases) > 0 && mustReach {
			// Whether the formula has a value at this end is not known.
			return nil, 0, fmt.Errorf("no point of the case was moved to its end where %s, so the formula is not known to have a value there", tightString(set))
		}
		if undefined && len(set) == 1 {
			ends = append(ends, tightString(set))
		}
	}
	return ends, checked, nil
}

// besideAt is beside at env with s moved to x.
func besideAt(env *expr.Env, s string, x float64, beside func(*expr.Env) bool) bool {
	old := env.Vals[s]
	env.Vals[s] = x
	defer func() { env.Vals[s] = old }()
	return beside(env)
}

// holdsBeside reports whether every condition of when that set does not
// make tight holds at env.
func holdsBeside(env *expr.Env, when, set []*expr.Rel) bool {
	for _, r := range when {
		if slices.Contains(set, r) {
			continue
		}
		v, err := expr.Eval(&expr.Cases{Cases: []expr.Case{{When: []*expr.Rel{r}, Then: expr.N(1)}}, Else: expr.N(0)}, env)
		if err != nil || v != 1 {
			return false
		}
	}
	return true
}

// endOutside reports whether the end where r is tight lies provably
// outside the parameters' domains: -1 <= a of Uniform(a, 1 + 2·a), whose
// width 1 + a vanishes at a = −1. It solves the end for a symbol, as a
// point case is solved, and finds a domain false there.
func (p *Problem) endOutside(r *expr.Rel) bool {
	d, ok := slackOf(r, p.Ctx)
	if !ok {
		return false
	}
	s, v, ok := p.solveFor(d)
	if !ok {
		return false
	}
	pins := []pin{{s, v}}
	for _, e := range p.Ctx.PositiveExprs {
		if holds, settled := p.settled(&expr.Rel{Op: ">", L: putPins(e, pins), R: expr.N(0)}); settled && !holds {
			return true
		}
	}
	return false
}

// tight is base with each condition L ≤ R of set made R − L = gap·scale,
// scale the size of the end (at least 1): solved exactly for a drawn
// symbol the condition is linear in with a numeric coefficient, or else
// found by bisection along a drawn symbol, from base, inside, to a point
// outside (0 ≤ c² − 1, say); exact reports that every condition was
// solved exactly, so that the point is the end itself. ok is false when
// no symbol reaches the end, or the point is not admissible.
func (p *Problem) tight(base *expr.Env, set, when []*expr.Rel, gap float64) (env *expr.Env, exact, ok bool) {
	at := *base
	at.Vals = maps.Clone(base.Vals)
	exact = true
	for _, r := range set {
		if p.solveEnd(&at, r, gap) {
			// Once more, with the scale at the point solved for: it
			// moves where the end's own side moves (a <= 0 from a = −1).
			p.solveEnd(&at, r, gap)
			continue
		}
		if !bisectEnd(&at, r, gap, func(env *expr.Env) bool { return holdsBeside(env, when, set) }) {
			return nil, false, false
		}
		exact = false
	}
	// A symbol moved for a later condition may have moved an earlier one.
	for _, r := range set {
		g, err := endGap(&at, r, gap)
		if err != nil || math.Abs(g) > 1e-3*gap+1e-12 {
			return nil, false, false
		}
	}
	return &at, exact, p.admissible(&at)
}

// endGap is R − L − gap·scale for a condition L ≤ R at env: 0 at the
// point tight wants.
func endGap(env *expr.Env, r *expr.Rel, gap float64) (float64, error) {
	d, err := expr.Eval(expr.Sub(r.R, r.L), env)
	if err != nil {
		return 0, err
	}
	l, err := expr.Eval(r.L, env)
	if err != nil {
		return 0, err
	}
	return d - gap*math.Max(1, math.Abs(l)), nil
}

// solveEnd solves a condition for a symbol it is linear in with a
// numeric coefficient; the scale is taken at the point before.
func (p *Problem) solveEnd(env *expr.Env, r *expr.Rel, gap float64) bool {
	d := expr.Sub(r.R, r.L)
	g, err := endGap(env, r, gap)
	if err != nil {
		return false
	}
	for _, s := range expr.Symbols(d) {
		if _, drawn := env.Vals[s]; !drawn || expr.IsNumberConstant(s) {
			continue
		}
		if k, ok := linearCoef(d, s, p.Ctx); ok {
			c, _ := k.Float64()
			env.Vals[s] -= g / c
			return true
		}
	}
	return false
}

// bisectEnd moves one drawn symbol of the condition, stepping outward
// from env (where the gap is positive) in both directions until the gap
// turns negative, then bisecting to the last representable value
// inside. A direction in which beside, the case's other conditions,
// fails first leads out of the case and is given up: from b in [1, 1.84]
// the end b + exp(−b) = 2 of the case b ≥ 1 is 1.84, not −1.15.
func bisectEnd(env *expr.Env, r *expr.Rel, gap float64, beside func(*expr.Env) bool) bool {
	at := func(s string, x float64) (float64, bool) {
		old := env.Vals[s]
		env.Vals[s] = x
		g, err := endGap(env, r, gap)
		env.Vals[s] = old
		return g, err == nil && !math.IsNaN(g)
	}
	for _, s := range expr.Symbols(expr.Sub(r.R, r.L)) {
		x0, drawn := env.Vals[s]
		if !drawn || expr.IsNumberConstant(s) {
			continue
		}
		if g, ok := at(s, x0); !ok || g <= 0 {
			return false
		}
		for _, dir := range []float64{-1, 1} {
			h := 1e-3 * math.Max(1, math.Abs(x0))
			for range 60 {
				x1 := x0 + dir*h
				g, ok := at(s, x1)
				h *= 2
				if ok && g > 0 && !besideAt(env, s, x1, beside) {
					// The case ends here by another of its conditions,
					// before this one's end.
					break
				}
				if !ok || g > 0 {
					continue
				}
				in, out := x0, x1
				for range 200 {
					mid := in + (out-in)/2
					if mid == in || mid == out {
						break
					}
					if g, ok := at(s, mid); ok && g >= 0 {
						in = mid
					} else {
						out = mid
					}
				}
				env.Vals[s] = in
				return true
			}
		}
	}
	return false
}

// tightString says where conditions are tight: a₁ = 0 and b₁ = 1.
func tightString(set []*expr.Rel) string {
	parts := make([]string, len(set))
	for i, r := range set {
		l, r := r.L, r.R
		if _, ok := l.(*expr.Num); ok {
			l, r = r, l // a₁ = 0, not 0 = a₁
		}
		parts[i] = expr.String(&expr.Rel{Op: "=", L: l, R: r})
	}
	return strings.Join(parts, " and ")
}
