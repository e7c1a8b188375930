package family

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The registry's table tests for families with a vector variable or
// vector parameters (Categorical, Dirichlet), in the dimensions the
// derivations are checked in.

var vectorDims = []int{2, 3, 5}

// drawVectorParams draws each parameter of a vector family in k
// dimensions.
func drawVectorParams(rng *rand.Rand, f *Family, k int) [][]float64 {
	out := make([][]float64, len(f.Params))
	for i, p := range f.Params {
		out[i] = drawVec(rng, p.Domain, k)
	}
	return out
}

// vectorIntegratesToOne: a pmf on 1..K sums to 1; a density on the
// simplex integrates to 1, by nested one-dimensional quadrature in two
// and three dimensions (further ones would take minutes), and its
// coordinate-wise form gives the same log-density in every dimension.
func vectorIntegratesToOne(t *testing.T, rng *rand.Rand, f *Family) {
	for _, k := range vectorDims {
		for range points / 4 {
			ps := drawVectorParams(rng, f, k)
			if f.Support.Discrete {
				lo, hi := f.VecBounds(ps)
				sum := 0.0
				for x := lo; x <= hi; x++ {
					sum += math.Exp(f.VecLogPDF([]float64{x}, ps))
				}
				assert.InDelta(t, 1, sum, 1e-12, "%s at %v", f.Name, ps)
				continue
			}
			require.NotNil(t, f.Coordinates, "a density on the simplex splits by coordinate")
			x := expr.DrawSimplex(rng, k)
			co := f.Coordinates(ps)
			want := co.Const
			for i, c := range x {
				want += co.Term(i, c)
			}
			assert.InDelta(t, want, f.VecLogPDF(x, ps), 1e-12*math.Max(1, math.Abs(want)))
			if k <= 3 {
				v, err := overSimplex(k, func(x []float64) float64 { return math.Exp(f.VecLogPDF(x, ps)) })
				require.NoError(t, err)
				assert.InDelta(t, 1, v.V, 1e-9+v.Err, "%s at %v", f.Name, ps)
			}
		}
	}
}

// overSimplex integrates g over the open simplex in k = 2 or 3
// dimensions by nested double-exponential rules, the last coordinate
// taken from its exact distance to the end of the inner interval.
func overSimplex(k int, g func(x []float64) float64) (expr.Value, error) {
	if k == 2 {
		return expr.IntegrateOverEnds(0, 1, func(t, _, toHi float64) (expr.Value, error) {
			return expr.Value{V: g([]float64{t, toHi})}, nil
		})
	}
	return expr.IntegrateOver(0, 1, func(s float64) (expr.Value, error) {
		return expr.IntegrateOverEnds(0, 1-s, func(t, _, toHi float64) (expr.Value, error) {
			return expr.Value{V: g([]float64{s, t, toHi})}, nil
		})
	})
}

// The marginal density of a coordinate of a density on the simplex is
// the integral of the density over the other coordinates (the
// evaluator's expectations rest on it): checked in three dimensions.
func TestMarginalIsIntegralOfDensity(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for _, f := range All() {
		if f.Coordinates == nil {
			continue
		}
		for range points / 4 {
			ps := drawVectorParams(rng, f, 3)
			co := f.Coordinates(ps)
			s := 0.05 + 0.9*rng.Float64()
			v, err := expr.IntegrateOverEnds(0, 1-s, func(t, _, toHi float64) (expr.Value, error) {
				return expr.Value{V: math.Exp(f.VecLogPDF([]float64{s, t, toHi}, ps))}, nil
			})
			require.NoError(t, err)
			want := math.Exp(co.Marginal(0, s))
			assert.InDelta(t, want, v.V, 1e-9*want+v.Err, "%s at %v, x[1] = %g", f.Name, ps, s)
		}
	}
}

// vectorDensityRule: the density rule's formula, with K symbolic, agrees
// with the family's own log-density at random points in each dimension.
func vectorDensityRule(t *testing.T, rng *rand.Rand, f *Family) {
	require.NotEmpty(t, f.Density, "a family has a density rule")
	c, names := call(f)
	types := &expr.Types{Shapes: map[string]expr.Shape{}, Dims: map[string]bool{"K": true}, Props: map[string][]string{}}
	vector := expr.Shape{R: expr.S("K"), C: expr.N(1)}
	for i, p := range f.Params {
		types.Shapes[names[i]] = vector
		if p.Domain == expr.Simplex {
			types.Props[names[i]] = []string{"simplex"}
		}
	}
	if f.VectorVar {
		types.Shapes["x"] = vector
	}
	ctx := &rules.Context{Positive: map[string]bool{}, Types: types}
	typed, _, err := types.Check(c, nil, expr.Pos{})
	require.NoError(t, err)
	formula, _, ok := f.Density[0].Apply(typed, ctx)
	require.True(t, ok, "%s does not expand %s", f.Density[0].Name, expr.String(c))
	for _, k := range vectorDims {
		for range points / 4 {
			env := newEnv()
			env.Vals["K"] = float64(k)
			ps := drawVectorParams(rng, f, k)
			for i, n := range names {
				env.Vecs[n] = ps[i]
			}
			x := []float64{float64(1 + rng.IntN(k))}
			if f.VectorVar {
				x = expr.DrawSimplex(rng, k)
				env.Vecs["x"] = x
			} else {
				env.Vals["x"] = x[0]
			}
			want := f.VecLogPDF(x, ps)
			got, err := expr.EvalErr(formula, env)
			require.NoError(t, err)
			assert.InDelta(t, want, math.Log(got.V), 1e-10*math.Max(1, math.Abs(want)), "%s at %v %v", expr.String(formula), env.Vals, env.Vecs)
		}
	}
}

// The Dirichlet's E[log x[1]] from its rule agrees with a direct
// integration over the simplex in two and three dimensions, which does
// not use the marginal densities the evaluator integrates against.
func TestDirichletLogMeanOverSimplex(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 8))
	for _, k := range []int{2, 3} {
		for range points / 4 {
			a := drawVec(rng, expr.PositiveVector, k)
			v, err := overSimplex(k, func(x []float64) float64 {
				return math.Log(x[0]) * math.Exp(Dirichlet.Get().VecLogPDF(x, [][]float64{a}))
			})
			require.NoError(t, err)
			env := newEnv()
			env.Vals["K"] = float64(k)
			env.Vecs["a"] = a
			want, err := expr.Eval(expr.MustParse("digamma(a[1]) - digamma(sum(j in 1..K, a[j]))"), env)
			require.NoError(t, err)
			assert.InDelta(t, want, v.V, 1e-9*math.Max(1, math.Abs(want))+v.Err, "alpha %v", a)
		}
	}
}
