package expr

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mathext"
)

// A density written as a formula on a stated support is integrated over
// that support alone, however the support is written (x >= 0, 0 < x,
// two bounds in either order), compiled and by the tree walk alike: the
// Exponential's entropy 1 − log λ, and far in its tail, where the
// formula underflows, log p(x) is the formula's own logarithm. A
// Beta written out, on 0 < x < 1, has the Beta's entropy; and a support
// that is empty at the parameters is an error, never a number.
func TestCasesDensityOverItsSupport(t *testing.T) {
	defer func() { compileLoops = true }()
	for _, src := range []string{
		"p(x) = cases(l*exp(-l*x) if x >= 0; 0 otherwise)\n",
		"p(x) = cases(l*exp(-l*x) if 0 < x; 0 otherwise)\n",
	} {
		f := mustFile(t, src)
		for _, l := range []float64{0.5, 2, 40} {
			env := envOf(f, map[string]float64{"l": l})
			want := map[string]float64{
				"H(p)":                   1 - math.Log(l),
				"E(x ~ p, x)":            1 / l,
				"E(x ~ p, log(p(x)))":    math.Log(l) - 1,
				"E(x ~ p, 1)":            1,
				"int(x in 0..inf, p(x))": 1,
			}
			for e, w := range want {
				for _, compiled := range []bool{true, false} {
					compileLoops = compiled
					got, err := EvalErr(MustParse(e), env)
					require.NoError(t, err, "%s at l = %g", e, l)
					assert.InDelta(t, w, got.V, 1e-10*math.Max(1, math.Abs(w)), "%s at l = %g, compiled %v", e, l, compiled)
					assert.Less(t, got.Err, 1e-8, "%s at l = %g: the error estimate", e, l)
				}
			}
		}
	}
	f := mustFile(t, "p(x) = cases(x^(a - 1)*(1 - x)^(b - 1)/beta(a, b) if x < 1 and x > 0; 0 otherwise)\n")
	a, b := 2.5, 1.5
	env := envOf(f, map[string]float64{"a": a, "b": b})
	got, err := EvalErr(MustParse("H(p)"), env)
	require.NoError(t, err)
	want := mathext.Lbeta(a, b) - (a-1)*digamma(a) - (b-1)*digamma(b) + (a+b-2)*digamma(a+b)
	assert.InDelta(t, want, got.V, 1e-9)

	f = mustFile(t, "p(x) = cases(1/(b - a) if x >= a and x <= b; 0 otherwise)\n")
	_, err = EvalErr(MustParse("H(p)"), envOf(f, map[string]float64{"a": 2, "b": 1}))
	assert.ErrorContains(t, err, "support of p is empty")
	got, err = EvalErr(MustParse("H(p)"), envOf(f, map[string]float64{"a": 1, "b": 3}))
	require.NoError(t, err)
	assert.InDelta(t, math.Log(2), got.V, 1e-12)
}
