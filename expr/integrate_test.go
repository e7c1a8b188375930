package expr

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// A non-polynomial body under a multivariate Gaussian has no error bound:
// its value comes with an infinite estimate, so no check can pass on it.
func TestMultivariateNonPolynomialIsInconclusive(t *testing.T) {
	f := mustFile(t, "k: dim\nx, mu: vector[k]\nS: matrix[k,k] spd\np(x) = MvNormal(x; mu, S)\nr(z) = prod(d in 1..D, Normal(z[d]; 0, 1))\n")
	env := envOf(f, map[string]float64{"D": 2, "k": 2})
	env.Vecs["mu"] = []float64{0.1, -0.2}
	env.Mats = map[string]*mat.Dense{"S": mat.NewDense(2, 2, []float64{1, 0.2, 0.2, 2})}
	for _, src := range []string{"E(x ~ p, abs(x[1]))", "E(z ~ r, abs(z[1]))"} {
		v, err := EvalErr(MustParse(src), env)
		require.NoError(t, err, src)
		assert.True(t, math.IsInf(v.Err, 1), "%s: %v", src, v)
	}
	v, err := EvalErr(MustParse("E(x ~ p, x[1]^2 + x[2])"), env)
	require.NoError(t, err)
	assert.InDelta(t, 1+0.01-0.2, v.V, 1e-14)
	assert.Less(t, v.Err, 1e-13)
}
