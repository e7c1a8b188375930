package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// I(p) of generated densities, with compound and constant parameters,
// derives -log p(x) as a function of x; its verification placed x in the
// support, and the result agrees with the log-probabilities written here
// at outcomes drawn again.
func TestSelfInformationDerives(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 10))
	lgamma := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
	for k := range 12 {
		pr := compoundProbs[rng.IntN(len(compoundProbs))]
		cases := []struct {
			density string
			want    func(x, u float64) float64 // -log p(x) at a = u
			outcome func(r *rand.Rand) float64
		}{
			{"Bernoulli(x; " + pr.src + ")", func(x, u float64) float64 {
				return -x*math.Log(pr.at(u)) - (1-x)*math.Log(1-pr.at(u))
			}, func(r *rand.Rand) float64 { return float64(r.IntN(2)) }},
			{"Binomial(x; 4, " + pr.src + ")", func(x, u float64) float64 { return -math.Log(binomialPMF(x, 4, pr.at(u))) },
				func(r *rand.Rand) float64 { return float64(r.IntN(5)) }},
			{"Geometric(x; " + pr.src + ")", func(x, u float64) float64 { return -math.Log(pr.at(u)) - x*math.Log(1-pr.at(u)) },
				func(r *rand.Rand) float64 { return float64(r.IntN(9)) }},
			{"Poisson(x; 2*a + 1)", func(x, u float64) float64 { l := 2*u + 1; return l - x*math.Log(l) + lgamma(x+1) },
				func(r *rand.Rand) float64 { return float64(r.IntN(9)) }},
			{"Normal(x; 1 - a, exp(2*a))", func(x, u float64) float64 {
				return 0.5*math.Log(2*math.Pi) + u + (x-1+u)*(x-1+u)/(2*math.Exp(2*u))
			}, func(r *rand.Rand) float64 { return 4*r.Float64() - 2 }},
			{"Gamma(x; 3, a)", func(x, u float64) float64 { return -3*math.Log(u) - 2*math.Log(x) + u*x + lgamma(3) },
				func(r *rand.Rand) float64 { return 0.1 + 3*r.Float64() }},
		}
		c := cases[k%len(cases)]
		src := fmt.Sprintf("p(x) = %s\nassume a < 1\nderive I(p)\n", c.density)
		t.Run(src, func(t *testing.T) {
			ds := deriveAll(t, src)
			require.Len(t, ds, 1)
			d := ds[0]
			assert.Equal(t, "x", d.Verification.Variable)
			assert.False(t, d.Verification.Summed)
			assert.Equal(t, 8, d.Verification.Points)
			assert.Equal(t, "-log(p(x))", expr.String(d.Steps[0].After))
			assert.False(t, expr.Any(d.Result, func(n expr.Expr) bool { _, ok := n.(*expr.Info); return ok }))
			for range 5 {
				u, x := 0.1+0.8*rng.Float64(), c.outcome(rng)
				got, err := expr.Eval(d.Result, &expr.Env{Vals: map[string]float64{"a": u, "x": x}})
				require.NoError(t, err)
				want := c.want(x, u)
				assert.InDelta(t, want, got, 1e-10*math.Max(1, math.Abs(want)), "%s at a = %g, x = %g", expr.String(d.Result), u, x)
			}
		})
	}
}

// The textbook forms: the Bernoulli's -x·log(a) - (1 - x)·log(1 - a), a
// Categorical's -log(w[k]), and a Dirichlet's vector variable drawn on
// the simplex.
func TestSelfInformationExamples(t *testing.T) {
	ds := deriveAll(t, "K: dim\nw: vector[K] simplex\nx: vector[K]\np(y) = Bernoulli(y; a)\nc(k) = Categorical(k; w)\nd(x) = Dirichlet(x; w)\nderive I(p), I(c), I(d)\n")
	assert.Equal(t, "-y*log(a) - (1 - y)*log(1 - a)", expr.String(ds[0].Result))
	assert.Equal(t, "-log(w[k])", expr.String(ds[1].Result))
	assert.Equal(t, "k", ds[1].Verification.Variable)
	assert.Contains(t, expr.String(ds[2].Result), "log(x[j])")
	assert.Equal(t, 8, ds[2].Verification.Points)
}

// A wrong line of a self-information fails its check: the verification
// does evaluate the lines at values of x.
func TestSelfInformationWrongStepFails(t *testing.T) {
	p := load(t, "p(x) = Bernoulli(x; a)\nderive I(p)\n")
	g := p.File.Goals[0].Info
	right := expr.MustParse("-x*log(a) - (1 - x)*log(1 - a)")
	wrong := expr.MustParse("-x*log(a) + (1 - x)*log(1 - a)")
	_, err := p.verify([]expr.Expr{g, right}, 8, 1)
	require.NoError(t, err)
	_, err = p.verify([]expr.Expr{g, wrong}, 8, 1)
	var ve *VerifyError
	require.ErrorAs(t, err, &ve)
	assert.False(t, ve.Inconclusive)
	assert.Contains(t, ve.Point, "x = ")
}

// Goals the syntax refuses say what a goal is.
func TestSelfInformationGoalErrors(t *testing.T) {
	for src, want := range map[string]string{
		"p(x) = Bernoulli(x; a)\nderive I(3)\n":             "a goal is KL(p || q), H(p), H(p, q) or I(p), not I(3)",
		"p(x) = Bernoulli(x; a)\nderive KL(p || p) via I\n": "only an entropy or a cross-entropy goes via I",
		"p(x) = Bernoulli(x; a)\nderive H(p) via J\n":       "only an entropy or a cross-entropy goes via I",
	} {
		_, err := expr.ParseFile("t.kl", src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), want, src)
	}
	f, err := expr.ParseFile("t.kl", "p(x) = Bernoulli(x; a)\nderive I(q)\n")
	require.NoError(t, err)
	_, err = Load(f)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "names the density q, which is not defined")
}
