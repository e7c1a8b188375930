package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// withFamily registers a family for one test.
func withFamily(t *testing.T, f *Family) {
	t.Helper()
	families.Get()[f.Name] = f
	t.Cleanup(func() { delete(families.Get(), f.Name) })
}

// A test family on {0, 1, 2, ...}: failures before the first success,
// whose mean (1 − p)/p and second moment (1 − p)(2 − p)/p² are summed
// series, and a coin on {0, 1}, summed exactly.
var (
	testGeometric = &Family{Name: "TestGeometric", Params: []Param{{"p", UnitInterval}}, Support: Integers(0, math.Inf(1)),
		LogPDF: func(x float64, p []float64) float64 { return x*math.Log1p(-p[0]) + math.Log(p[0]) }}
	testCoin = &Family{Name: "TestCoin", Params: []Param{{"p", UnitInterval}}, Support: Integers(0, 1),
		LogPDF: func(x float64, p []float64) float64 { return x*math.Log(p[0]) + (1-x)*math.Log1p(-p[0]) }}
)

func TestDiscreteExpectations(t *testing.T) {
	withFamily(t, testGeometric)
	withFamily(t, testCoin)
	rng := rand.New(rand.NewPCG(10, 10))
	for range 16 {
		p := UnitInterval.Draw(rng)
		env := &Env{Vals: map[string]float64{"a": p}, Dens: map[string]*Density{
			"g": {Name: "g", Var: S("x"), Body: MustParse("TestGeometric(x; a)")},
			"c": {Name: "c", Var: S("x"), Body: MustParse("TestCoin(x; a)")},
		}}
		cases := []struct {
			src  string
			want float64
		}{
			{"E(x ~ g, 1)", 1},
			{"E(x ~ g, x)", (1 - p) / p},
			{"E(x ~ g, x^2)", (1 - p) * (2 - p) / (p * p)},
			{"E(x ~ c, 1)", 1},
			{"E(x ~ c, x^2 + 3*x)", 4 * p},
			{"E(x ~ c, log(c(x)))", p*math.Log(p) + (1-p)*math.Log1p(-p)},
		}
		for _, c := range cases {
			v, err := EvalErr(MustParse(c.src), env)
			require.NoError(t, err, c.src)
			assert.InDelta(t, c.want, v.V, 1e-13*math.Max(1, math.Abs(c.want)), "%s at p = %g", c.src, p)
			// The estimate covers the error, and holds the truncation
			// bound, which is tiny next to the sum.
			assert.LessOrEqual(t, math.Abs(v.V-c.want), v.Err+1e-14*math.Max(1, math.Abs(c.want)), c.src)
			assert.Less(t, v.Rel(), 1e-12, c.src)
		}
	}
}

// A series whose terms do not fall off geometrically is refused, not
// summed to a guess.
func TestDiscreteSeriesThatDoesNotSettle(t *testing.T) {
	withFamily(t, testGeometric)
	env := &Env{Vals: map[string]float64{"a": 0.5}, Dens: map[string]*Density{
		"g": {Name: "g", Var: S("x"), Body: MustParse("TestGeometric(x; a)")},
	}}
	_, err := EvalErr(MustParse("E(x ~ g, exp(x))"), env)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "not finite")
	_, err = EvalErr(MustParse("E(x ~ g, 2^x)"), env)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "did not settle")
}

// Terms that cancel exactly make a series of zeros, whose ratios the
// test cannot take: the sum of the terms, each summed on its own, is 0
// within its estimate, whether the densities are named or written out.
// A zero body that is no sum is still refused, never taken for 0.
func TestDiscreteSeriesOfCancellingTerms(t *testing.T) {
	withFamily(t, testGeometric)
	for _, a := range []float64{0.02, 0.5, 0.9} {
		env := &Env{Vals: map[string]float64{"a": a}, Dens: map[string]*Density{
			"g": {Name: "g", Var: S("x"), Body: MustParse("TestGeometric(x; a)")},
			"h": {Name: "h", Var: S("y"), Body: MustParse("TestGeometric(y; a)")},
		}}
		for _, src := range []string{
			"KL(g || h)",
			"E(x ~ g, log(g(x)) - log(h(x)))",
			"E(x ~ g, log(a) + x*log(1 - a) - log(a) - x*log(1 - a))",
		} {
			v, err := EvalErr(MustParse(src), env)
			require.NoError(t, err, "%s at a = %g", src, a)
			assert.LessOrEqual(t, math.Abs(v.V), v.Err, "%s at a = %g", src, a)
			assert.Less(t, v.Err, 1e-12, "%s at a = %g", src, a)
		}
		_, err := EvalErr(MustParse("E(x ~ g, (log(g(x)) - log(h(x)))^2)"), env)
		require.Error(t, err, "a = %g", a)
		assert.Contains(t, err.Error(), "exactly 0")
	}
}

func TestIntegersSupport(t *testing.T) {
	s := Integers(0, 1)
	assert.True(t, s.Contains(0) && s.Contains(1))
	assert.False(t, s.Contains(2) || s.Contains(-1) || s.Contains(0.5))
}

// sum(k in lo..inf, f) is a series, summed with its tail bound in the
// estimate; one whose terms do not fall geometrically is refused.
func TestInfiniteSum(t *testing.T) {
	env := &Env{Vals: map[string]float64{"a": 0.3}}
	for src, want := range map[string]float64{
		"sum(k in 0..inf, 2^(-k))":              2,
		"sum(k in 1..inf, a^k/gamma(k + 1))":    math.Exp(0.3) - 1,
		"sum(k in 0..inf, (k + 1)*(1/2)^(k+1))": 2,
	} {
		v, err := EvalErr(MustParse(src), env)
		require.NoError(t, err, src)
		assert.InDelta(t, want, v.V, 1e-14, src)
		assert.Positive(t, v.Err, "%s: the tail bound is in the estimate", src)
		assert.Less(t, v.Err, 1e-13, src)
	}
	_, err := EvalErr(MustParse("sum(k in 1..inf, 1/k^2)"), env)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "did not settle")
}

// simplex is a property of vectors; DrawSimplex keeps every coordinate
// at least 0.05 and sums to 1.
func TestSimplexProperty(t *testing.T) {
	f, err := ParseFile("t.kl", "K: dim\nw: vector[K] simplex\n")
	require.NoError(t, err)
	types, err := f.Types()
	require.NoError(t, err)
	assert.Equal(t, []string{"simplex"}, types.Props["w"])
	f, err = ParseFile("t.kl", "K: dim\nS: matrix[K,K] simplex\n")
	require.NoError(t, err)
	_, err = f.Types()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "simplex applies to vectors")
	rng := rand.New(rand.NewPCG(5, 5))
	for _, k := range []int{1, 2, 3, 5} {
		w := DrawSimplex(rng, k)
		sum := 0.0
		for _, c := range w {
			assert.GreaterOrEqual(t, c, 0.05)
			sum += c
		}
		assert.InDelta(t, 1, sum, 1e-15)
	}
}
