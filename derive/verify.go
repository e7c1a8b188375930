package derive

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
)

// Tolerance is the largest relative error (absolute error below 1) that a
// numeric check accepts. A check passes only when the difference plus the
// evaluator's error estimates of both sides is within it; a wrong step is
// off by far more.
const Tolerance = 1e-7

// VerifyError is a shown step that failed its numeric check, or whose
// check could not decide. It is an error either way: such a step is never
// printed as if it held.
type VerifyError struct {
	Step          int // index into the shown lines; 0 is the goal
	Before, After expr.Expr
	Point         string
	Left, Right   expr.Value
	Cause         error
	// Inconclusive says the numbers could not decide, and Why says why:
	// a NaN, an infinity, a huge value or a difference within the error
	// estimates. The step is then not verified, rather than wrong.
	Inconclusive bool
	Why          string
}

func (e *VerifyError) Error() string {
	switch {
	case e.Cause != nil:
		return fmt.Sprintf("step %d could not be evaluated at %s: %v", e.Step, e.Point, e.Cause)
	case e.Inconclusive:
		return fmt.Sprintf("step %d could not be verified numerically at %s: %s (%s = %s, %s = %s); not verified",
			e.Step, e.Point, e.Why, expr.String(e.Before), PlusMinus(e.Left), expr.String(e.After), PlusMinus(e.Right))
	}
	return fmt.Sprintf("step %d does not hold: at %s, %s = %s but %s = %s",
		e.Step, e.Point, expr.String(e.Before), PlusMinus(e.Left), expr.String(e.After), PlusMinus(e.Right))
}

// FewPointsError is a check that found fewer admissible parameter points
// than it needs: the assumptions, or a case's conditions, hold nowhere or
// almost nowhere the sampler looks.
type FewPointsError struct{ Found, Wanted int }

func (e *FewPointsError) Error() string {
	return fmt.Sprintf("could find only %d admissible parameter points of %d; check the assumptions", e.Found, e.Wanted)
}

// summed reports whether the goal's definition is an expectation under
// a discrete density, computed as a sum over its support, and whether
// that support is infinite.
func (p *Problem) summed(goal expr.Expr) (summed, series bool) {
	in, ok := goal.(*expr.Info)
	if !ok || in.Kind == "I" || p.Ctx.Densities[in.P] == nil {
		return false, false
	}
	c, f := expr.FamilyCall(p.Ctx.Densities[in.P].Body)
	if f == nil || !f.Support.Discrete {
		return false, false
	}
	// A Categorical's support ends at its K, the length of its
	// probabilities, which the static support does not know.
	_, hi := f.EndsOf(c)
	return true, hi == nil && f.VecBounds == nil
}

// verify evaluates every line at random admissible points and compares
// each with the one before; the first line, the goal itself, is computed
// by direct numerical integration of its definition.
func (p *Problem) verify(lines []expr.Expr, points int, seed uint64) (Verification, error) {
	v := Verification{Steps: len(lines) - 1, Direct: true}
	v.Summed, v.Series = p.summed(lines[0])
	// Whether the lines use the file's symbols only, asked once: the
	// points and the dimensions follow from it.
	fileOnly := p.fileSymbols != nil && !p.fileSymbols.novel(lines)
	envs := p.pointsOf(points, seed, lines, fileOnly)
	if in, ok := lines[0].(*expr.Info); ok && in.Kind == "I" {
		envs = p.supportPoints(envs, in, seed)
		v.Variable = expr.String(p.Ctx.Densities[in.P].Var)
	}
	v.Points = len(envs)
	if len(envs) < points {
		return v, &FewPointsError{Found: len(envs), Wanted: points}
	}
	envs, cases, err := p.coverCases(envs, perCase, seed, lines)
	if err != nil {
		return v, err
	}
	v.Points, v.Cases = len(envs), cases
	dims := map[int]bool{}
	var dimSyms []string
	if fileOnly {
		dimSyms = p.fileSymbols.dims
	} else {
		_, _, dimSyms = p.symbolsOf(lines...)
	}
	// A step whose sides are the same infinity passes only if they are at
	// every point: infinite at some points only, it is an overflow there.
	infinite := make([]int, len(lines))
	firstInf := make([]*VerifyError, len(lines))
	// The lines at one point share their expectations and the densities
	// at their nodes.
	memo := expr.NewMemo(nil)
	for _, env := range envs {
		for _, d := range dimSyms {
			dims[int(env.Vals[d])] = true
		}
		var prev expr.Value
		memo.Reset(env)
		for i, line := range lines {
			val, err := memo.EvalErr(line)
			if err != nil {
				return v, &VerifyError{Step: i, After: line, Point: pointString(env), Cause: err}
			}
			if i > 0 {
				res, why := Compare(prev, val, Tolerance)
				if res != Agree {
					return v, &VerifyError{Step: i, Before: lines[i-1], After: line, Point: pointString(env),
						Left: prev, Right: val, Inconclusive: res == Inconclusive, Why: why}
				}
				if math.IsInf(val.V, 0) {
					infinite[i]++
					if firstInf[i] == nil {
						firstInf[i] = &VerifyError{Step: i, Before: lines[i-1], After: line, Point: pointString(env),
							Left: prev, Right: val, Inconclusive: true, Why: "both sides are infinite here but finite at other points (an overflow?)"}
					}
				} else {
					v.MaxRelErr = math.Max(v.MaxRelErr, RelErr(prev.V, val.V))
				}
			}
			prev = val
		}
	}
	for i, n := range infinite {
		if n > 0 && n < len(envs) {
			return v, firstInf[i]
		}
	}
	for d := range dims {
		v.Dims = append(v.Dims, d)
	}
	sort.Ints(v.Dims)
	return v, nil
}

// pointString lists a point's values: scalars, then vectors and matrices.
// A point with no parameters at all is "the only point".
func pointString(env *expr.Env) string {
	var parts []string
	for _, k := range sortedKeys(env.Vals) {
		parts = append(parts, fmt.Sprintf("%s = %.4g", k, env.Vals[k]))
	}
	for _, k := range sortedKeys(env.Vecs) {
		parts = append(parts, fmt.Sprintf("%s = %s", k, row(env.Vecs[k])))
	}
	for _, k := range sortedKeys(env.Mats) {
		m := env.Mats[k]
		r, _ := m.Dims()
		rows := make([]string, r)
		for i := range r {
			rows[i] = row(m.RawRowView(i))
		}
		parts = append(parts, fmt.Sprintf("%s = [%s]", k, strings.Join(rows, ", ")))
	}
	if len(parts) == 0 {
		return "the only point (the expression has no parameters)"
	}
	return strings.Join(parts, ", ")
}

func row(vs []float64) string {
	cells := make([]string, len(vs))
	for i, v := range vs {
		cells[i] = fmt.Sprintf("%.4g", v)
	}
	return "[" + strings.Join(cells, ", ") + "]"
}
