package derive

import (
	"fmt"
	"maps"
	"math"
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
// shown.

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
func (p *Problem) boundaryLimits(fin *Problem, goal, result expr.Expr, when []*expr.Rel, seed uint64, verify bool) ([]string, int, error) {
	sets := make([][]*expr.Rel, 0, len(when)+1)
	for _, r := range when {
		sets = append(sets, []*expr.Rel{r})
	}
	if len(when) > 1 {
		sets = append(sets, when)
	}
	var ends []string
	checked := 0
	bases := fin.SamplePoints(boundaryPoints, seed, result)
	for _, set := range sets {
		undefined := false
		for _, base := range bases {
			at, ok := p.tight(base, set, 0)
			if !ok {
				continue
			}
			if v, err := expr.EvalErr(result, at); err == nil && !math.IsNaN(v.V) && !math.IsInf(v.V, 0) {
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
			for _, step := range boundarySteps {
				inside, ok := p.tight(base, set, step)
				if !ok {
					return nil, 0, fmt.Errorf("where %s, the result has no value, and no point just inside is admissible", tightString(set))
				}
				limit, err := expr.Eval(result, inside)
				scale := math.Max(1, math.Abs(direct.V))
				if err != nil || !(math.Abs(limit-direct.V) <= limitTolerance*scale+direct.Err) {
					return nil, 0, fmt.Errorf("where %s, the result has no value, and %v just inside does not agree with direct integration at the end, %s, at %s",
						tightString(set), limit, PlusMinus(direct), pointString(at))
				}
			}
			checked++
		}
		if undefined && len(set) == 1 {
			ends = append(ends, tightString(set))
		}
	}
	return ends, checked, nil
}

// tight is base with each condition L ≤ R of set made R − L = gap·scale,
// scale the size of the end (at least 1), by solving it for a drawn
// symbol it is linear in with a numeric coefficient; false when a
// condition has none, or the point is not admissible.
func (p *Problem) tight(base *expr.Env, set []*expr.Rel, gap float64) (*expr.Env, bool) {
	env := *base
	env.Vals = maps.Clone(base.Vals)
	for _, r := range set {
		d := expr.Sub(r.R, r.L)
		v, err := expr.Eval(d, &env)
		if err != nil {
			return nil, false
		}
		solved := false
		for _, s := range expr.Symbols(d) {
			if _, drawn := env.Vals[s]; !drawn || expr.IsNumberConstant(s) {
				continue
			}
			k, ok := linearCoef(d, s, p.Ctx)
			if !ok {
				continue
			}
			c, _ := k.Float64()
			scale := 1.0
			if l, err := expr.Eval(r.L, &env); err == nil {
				scale = math.Max(1, math.Abs(l))
			}
			env.Vals[s] += (gap*scale - v) / c
			solved = true
			break
		}
		if !solved {
			return nil, false
		}
	}
	// A symbol solved for a later condition may have moved an earlier one.
	for _, r := range set {
		d, errD := expr.Eval(expr.Sub(r.R, r.L), &env)
		l, errL := expr.Eval(r.L, &env)
		if errD != nil || errL != nil || math.Abs(d-gap*math.Max(1, math.Abs(l))) > 1e-3*gap+1e-14 {
			return nil, false
		}
	}
	return &env, p.admissible(&env)
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
