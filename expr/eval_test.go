package expr

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mustFile(t *testing.T, src string) *File {
	t.Helper()
	f, err := ParseFile("t.kl", src)
	require.NoError(t, err)
	return f
}

func envOf(f *File, vals map[string]float64) *Env {
	env := &Env{Vals: vals, Vecs: map[string][]float64{}, Dens: map[string]*Density{}}
	for _, d := range f.Densities {
		env.Dens[d.Name] = d
	}
	return env
}

func TestEvalArithmetic(t *testing.T) {
	x := MustParse("log(s2/s1) - 1/2 + (s1^2 + (m1 - m2)^2)/(2*s2^2)")
	v, err := Eval(x, &Env{Vals: map[string]float64{"s_1": 1.2, "s_2": 0.8, "m_1": 0.3, "m_2": -1}})
	require.NoError(t, err)
	want := math.Log(0.8/1.2) - 0.5 + (1.44+1.69)/(2*0.64)
	assert.InDelta(t, want, v, 1e-15)
}

func TestEvalUnbound(t *testing.T) {
	_, err := Eval(MustParse("a + b"), &Env{Vals: map[string]float64{"a": 1}})
	var ub *UnboundError
	require.ErrorAs(t, err, &ub)
	assert.Equal(t, "b", ub.Name)
}

// The numeric KL of two Gaussians, from the family densities and from
// the same densities written out as formulas, matches the textbook value.
func TestEvalKLGaussian(t *testing.T) {
	vals := map[string]float64{"m_1": 0.3, "s_1": 1.2, "m_2": -1, "s_2": 0.8}
	want := math.Log(0.8/1.2) - 0.5 + (1.44+1.69)/(2*0.64)
	fam := mustFile(t, "p(x) = Normal(x; m1, s1^2)\nq(x) = Normal(x; m2, s2^2)\n")
	v, err := Eval(&Info{Kind: "KL", P: "p", Q: "q"}, envOf(fam, vals))
	require.NoError(t, err)
	assert.InDelta(t, want, v, 1e-12)

	raw := mustFile(t, "p(x) = exp(-(x - m1)^2/(2*s1^2))/sqrt(2*pi*s1^2)\nq(x) = exp(-(x - m2)^2/(2*s2^2))/sqrt(2*pi*s2^2)\n")
	v, err = Eval(&Info{Kind: "KL", P: "p", Q: "q"}, envOf(raw, vals))
	require.NoError(t, err)
	assert.InDelta(t, want, v, 1e-8)
}

func TestEvalProductDensity(t *testing.T) {
	f := mustFile(t, "p(z) = prod(d in 1..D, Normal(z[d]; mu[d], s[d]^2))\nq(z) = prod(d in 1..D, Normal(z[d]; 0, 1))\n")
	env := envOf(f, map[string]float64{"D": 2})
	env.Vecs["mu"] = []float64{0.5, -0.2}
	env.Vecs["s"] = []float64{1.3, 0.7}
	v, err := Eval(&Info{Kind: "KL", P: "p", Q: "q"}, env)
	require.NoError(t, err)
	want := 0.0
	for i := range 2 {
		m, s := env.Vecs["mu"][i], env.Vecs["s"][i]
		want += -0.5 * (1 + math.Log(s*s) - m*m - s*s)
	}
	assert.InDelta(t, want, v, 1e-10)
}

func TestEvalIntegral(t *testing.T) {
	v, err := Eval(MustParse("int(x, exp(-x^2/2))"), &Env{})
	require.NoError(t, err)
	assert.InDelta(t, math.Sqrt(2*math.Pi), v, 1e-9)
}

// The tree walk takes log, exp, sqrt, abs, det and tr without looking
// for a family, a special function or I(q) of that name, which holds
// only while none has one.
func TestElementaryNamesAreNoOthers(t *testing.T) {
	for _, fn := range []string{"log", "exp", "sqrt", "abs", "det", "tr"} {
		require.True(t, elementary(fn))
		assert.Nil(t, LookupFamily(fn), fn)
		_, special := specials.Get()[fn]
		assert.False(t, special, fn)
		assert.NotEqual(t, "I", fn)
	}
	assert.False(t, elementary("gamma"))
}
