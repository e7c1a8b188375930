package derive

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
)

// Tolerance is the largest relative error (absolute error below 1) that a
// numeric check accepts. Quadrature of the definition is accurate to
// about 1e-10; a wrong step is off by far more.
const Tolerance = 1e-7

// VerifyError is a shown step that failed its numeric check. It is an
// error: such a step is never printed as if it held.
type VerifyError struct {
	Step          int // index into the shown lines; 0 is the goal
	Before, After expr.Expr
	Point         string
	Left, Right   float64
	Cause         error
}

func (e *VerifyError) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("step %d could not be evaluated at %s: %v", e.Step, e.Point, e.Cause)
	}
	return fmt.Sprintf("step %d does not hold: at %s, %s = %.10g but %s = %.10g",
		e.Step, e.Point, expr.String(e.Before), e.Left, expr.String(e.After), e.Right)
}

// verify evaluates every line at random admissible points and compares
// each with the one before; the first line, the goal itself, is computed
// by direct numerical integration of its definition.
func (p *Problem) verify(lines []expr.Expr, points int, seed uint64) (Verification, error) {
	v := Verification{Steps: len(lines) - 1, Direct: true}
	envs := p.SamplePoints(points, seed, lines...)
	v.Points = len(envs)
	if len(envs) < points {
		return v, fmt.Errorf("could find only %d admissible parameter points of %d; check the assumptions", len(envs), points)
	}
	dims := map[int]bool{}
	_, _, dimSyms := p.symbolsOf(lines...)
	for _, env := range envs {
		for _, d := range dimSyms {
			dims[int(env.Vals[d])] = true
		}
		prev := math.NaN()
		for i, line := range lines {
			val, err := expr.Eval(line, env)
			if err != nil {
				return v, &VerifyError{Step: i, After: line, Point: pointString(env), Cause: err}
			}
			if i > 0 {
				e := RelErr(prev, val)
				v.MaxRelErr = math.Max(v.MaxRelErr, e)
				if e > Tolerance {
					return v, &VerifyError{Step: i, Before: lines[i-1], After: line, Point: pointString(env), Left: prev, Right: val}
				}
			}
			prev = val
		}
	}
	for d := range dims {
		v.Dims = append(v.Dims, d)
	}
	sort.Ints(v.Dims)
	return v, nil
}

func pointString(env *expr.Env) string {
	var parts []string
	for _, k := range sortedKeys(env.Vals) {
		parts = append(parts, fmt.Sprintf("%s = %.4g", k, env.Vals[k]))
	}
	for _, k := range sortedKeys(env.Vecs) {
		parts = append(parts, fmt.Sprintf("%s = %.4g", k, env.Vecs[k]))
	}
	return strings.Join(parts, ", ")
}
