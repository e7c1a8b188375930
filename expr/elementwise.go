package expr

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"github.com/klderive/klderive/internal/once"
)

// elementwise are the functions that act on a vector coordinate by
// coordinate, as a power of a vector does: exp(lv) is the vector of the
// exp(lv[d]), the variances of a VAE encoder written as log-variances.
// Each says which arguments it takes, so that a log of a negative
// coordinate is an error rather than a NaN.
var elementwise = once.Value[map[string]elementFn]{New: func() map[string]elementFn {
	return map[string]elementFn{
		"exp":  {math.Exp, func(float64) bool { return true }},
		"log":  {math.Log, func(x float64) bool { return x > 0 }},
		"sqrt": {math.Sqrt, func(x float64) bool { return x >= 0 }},
		"abs":  {math.Abs, func(float64) bool { return true }},
	}
}}

// elementFn is a function of one number and its domain.
type elementFn struct {
	f      func(float64) float64
	domain func(float64) bool
}

// IsElementwise reports whether fn, given a vector, acts on each coordinate.
func IsElementwise(fn string) bool {
	_, ok := elementwise.Get()[fn]
	return ok
}

// elementwiseCall evaluates an elementwise function of a vector; ok is
// false when c is not one.
func (ev evaluator) elementwiseCall(c *Call) (out *mat.Dense, ok bool, err error) {
	fn, known := elementwise.Get()[c.Fn]
	if !known || len(c.Args) != 1 || !isMatrixValued(c.Args[0], ev) {
		return nil, false, nil
	}
	v, err := ev.matOf(c.Args[0])
	if err != nil {
		return nil, true, err
	}
	if cols(v) != 1 {
		return nil, true, fmt.Errorf("%s takes a scalar or a vector, not a %s", c.Fn, dims(v))
	}
	out = mat.NewDense(rows(v), 1, nil)
	for i := range rows(v) {
		x := v.At(i, 0)
		if !fn.domain(x) {
			return nil, true, fmt.Errorf("%s of %g, coordinate %d of %s, is not defined", c.Fn, x, i+1, String(c.Args[0]))
		}
		out.Set(i, 0, fn.f(x))
	}
	return out, true, nil
}
