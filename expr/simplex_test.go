package expr

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mathext"
)

// dirichletEnv binds p(x), a Dirichlet on the 3-simplex with
// concentrations a.
func dirichletEnv(t *testing.T, a []float64) *Env {
	f, err := ParseFile("t.kl", "K: dim\nx, a: vector[K]\np(x) = Dirichlet(x; a)\n")
	require.NoError(t, err)
	types, err := f.Types()
	require.NoError(t, err)
	body, _, err := types.Check(f.Densities[0].Body, nil, Pos{})
	require.NoError(t, err)
	return &Env{Vals: map[string]float64{"K": 3}, Vecs: map[string][]float64{"a": a},
		Dens: map[string]*Density{"p": {Name: "p", Var: S("x"), Body: body}}}
}

// An expectation under a Dirichlet of terms of one coordinate each is
// the sum of one-dimensional integrals against the marginals: it agrees
// with the closed forms E[x_1^2] = a_1(a_1 + 1)/(a_0(a_0 + 1)) and
// E[log(1 - x_2)] = ψ(a_0 − a_2) − ψ(a_0).
func TestDirichletTermByTerm(t *testing.T) {
	a := []float64{0.7, 1.5, 2}
	a0 := a[0] + a[1] + a[2]
	want := a[0]*(a[0]+1)/(a0*(a0+1)) + mathext.Digamma(a0-a[1]) - mathext.Digamma(a0)
	v, err := EvalErr(MustParse("E(x ~ p, x[1]^2 + log(1 - x[2]))"), dirichletEnv(t, a))
	require.NoError(t, err)
	assert.InDelta(t, want, v.V, 1e-10)
	assert.Less(t, v.Err, 1e-9)
}

// A term of several coordinates at once has no one-dimensional integral:
// it is an error that says so, never a value.
func TestDirichletSeveralCoordinates(t *testing.T) {
	env := dirichletEnv(t, []float64{1, 2, 3})
	for _, src := range []string{"E(x ~ p, x[1]*x[2])", "E(x ~ p, log(x[1] + x[2]))", "E(x ~ p, sum(j in 1..K, x[j])^2)"} {
		_, err := EvalErr(MustParse(src), env)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), "more than one coordinate", src)
	}
	_, err := EvalErr(MustParse("E(x ~ p, x[1])"), env)
	assert.NoError(t, err)
	v, _ := EvalErr(MustParse("E(x ~ p, log(x[3]))"), env)
	assert.InDelta(t, mathext.Digamma(3)-mathext.Digamma(6), v.V, 1e-10)
	assert.False(t, math.IsNaN(v.V))
}
