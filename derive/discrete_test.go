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

// bernoulliKL is the textbook KL between Bernoullis, the expected value
// the derived results are compared with.
func bernoulliKL(a, b float64) float64 {
	return a*math.Log(a/b) + (1-a)*math.Log((1-a)/(1-b))
}

func bernoulliH(a float64) float64 { return -a*math.Log(a) - (1-a)*math.Log(1-a) }

// compoundProb is a probability written in terms of a symbol a, with its
// value at a = u.
type compoundProb struct {
	src string
	at  func(u float64) float64
}

// compoundProbs are the compound probabilities the discrete tests draw.
var compoundProbs = []compoundProb{
	{"a", func(u float64) float64 { return u }},
	{"1 - a", func(u float64) float64 { return 1 - u }},
	{"a/2", func(u float64) float64 { return u / 2 }},
	{"1/(1 + exp(-a))", func(u float64) float64 { return 1 / (1 + math.Exp(-u)) }},
}

// Bernoulli information quantities, with generated compound
// probabilities in both directions, derive, verify, and agree with the
// textbook values at random probabilities.
func TestBernoulliQuantities(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	probs := append(compoundProbs[:len(compoundProbs):len(compoundProbs)], compoundProb{"a^2", func(u float64) float64 { return u * u }})
	for range 6 {
		i, j := rng.IntN(len(probs)), rng.IntN(len(probs))
		src := fmt.Sprintf("p(x) = Bernoulli(x; %s)\nq(x) = Bernoulli(x; %s)\nassume b > 0\nassume b < 1\nassume a < 1\nderive KL(p || q), KL(q || p), H(p), H(p, q)\n",
			probs[i].src, subst(probs[j].src))
		t.Run(src, func(t *testing.T) {
			ds := deriveAll(t, src)
			require.Len(t, ds, 4)
			assert.Equal(t, "definition of entropy", ds[2].Steps[0].Title)
			for range 8 {
				u, v := 0.1+0.8*rng.Float64(), 0.1+0.8*rng.Float64()
				pa, qb := probs[i].at(u), probs[j].at(v)
				env := &expr.Env{Vals: map[string]float64{"a": u, "b": v}}
				want := []float64{bernoulliKL(pa, qb), bernoulliKL(qb, pa), bernoulliH(pa), bernoulliH(pa) + bernoulliKL(pa, qb)}
				for k, d := range ds {
					assert.True(t, d.Verification.Direct)
					got, err := expr.Eval(d.Result, env)
					require.NoError(t, err)
					assert.InDelta(t, want[k], got, 1e-12, "%s at a = %g, b = %g", expr.String(d.Result), u, v)
					assert.False(t, expr.Any(d.Result, func(n expr.Expr) bool { _, ok := n.(*expr.Expect); return ok }),
						"%s keeps an expectation", expr.String(d.Result))
				}
			}
		})
	}
}

// subst writes q's probability in b rather than a.
func subst(s string) string {
	return expr.String(expr.Replace(expr.MustParse(s), expr.S("a"), expr.S("b")))
}

// The shipped Bernoulli example gives the textbook form.
func TestBernoulliExample(t *testing.T) {
	ds := deriveAll(t, "p(x) = Bernoulli(x; a)\nq(x) = Bernoulli(x; b)\nderive KL(p || q)\n")
	assert.Equal(t, "a*log(a/b) + (1 - a)*log((1 - a)/(1 - b))", expr.String(ds[0].Result))
}

func poissonKL(a, b float64) float64 { return a*math.Log(a/b) - a + b }

// Poisson KLs with compound rates, both directions, derive through
// series sums and agree with the textbook value.
func TestPoissonKL(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 12))
	rates := []struct {
		src string
		at  func(u float64) float64
	}{
		{"a", func(u float64) float64 { return u }},
		{"exp(a)", math.Exp},
		{"2*a^2", func(u float64) float64 { return 2 * u * u }},
		{"a + 1", func(u float64) float64 { return u + 1 }},
	}
	for i := range rates {
		j := rng.IntN(len(rates))
		src := fmt.Sprintf("p(x) = Poisson(x; %s)\nq(x) = Poisson(x; %s)\nassume a > 0\nassume b > 0\nderive KL(p || q), KL(q || p)\n",
			rates[i].src, subst(rates[j].src))
		t.Run(src, func(t *testing.T) {
			ds := deriveAll(t, src)
			for range 8 {
				u, v := 0.1+2*rng.Float64(), 0.1+2*rng.Float64()
				pa, qb := rates[i].at(u), rates[j].at(v)
				env := &expr.Env{Vals: map[string]float64{"a": u, "b": v}}
				for k, want := range []float64{poissonKL(pa, qb), poissonKL(qb, pa)} {
					assert.True(t, ds[k].Verification.Direct)
					got, err := expr.Eval(ds[k].Result, env)
					require.NoError(t, err)
					assert.InDelta(t, want, got, 1e-10*math.Max(1, math.Abs(want)), "%s", expr.String(ds[k].Result))
				}
			}
		})
	}
	ds := deriveAll(t, "p(x) = Poisson(x; l1)\nq(x) = Poisson(x; l2)\nderive KL(p || q)\n")
	assert.Equal(t, "l_1*log(l_1/l_2) - l_1 + l_2", expr.String(ds[0].Result))
}

func geometricKL(a, b float64) float64 {
	return math.Log(a/b) + (1-a)/a*math.Log((1-a)/(1-b))
}

func geometricH(a float64) float64 { return -math.Log(a) - (1-a)/a*math.Log(1-a) }

// Geometric information quantities derive and agree with the textbook
// values at random probabilities.
func TestGeometricQuantities(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	ds := deriveAll(t, "p(x) = Geometric(x; a)\nq(x) = Geometric(x; b^2)\nassume b < 1\nderive KL(p || q), KL(q || p), H(p), H(p, q)\n")
	require.Len(t, ds, 4)
	for range 8 {
		a, b := 0.1+0.8*rng.Float64(), 0.1+0.8*rng.Float64()
		env := &expr.Env{Vals: map[string]float64{"a": a, "b": b}}
		for k, want := range []float64{geometricKL(a, b*b), geometricKL(b*b, a), geometricH(a), geometricH(a) + geometricKL(a, b*b)} {
			got, err := expr.Eval(ds[k].Result, env)
			require.NoError(t, err)
			assert.InDelta(t, want, got, 1e-10*math.Max(1, math.Abs(want)), "%s", expr.String(ds[k].Result))
		}
	}
}

// The Poisson entropy keeps E[log x!] as its series, on a line that
// says so, and the series is summed in the verification.
func TestPoissonEntropyKeepsSeries(t *testing.T) {
	ds := deriveAll(t, "p(x) = Poisson(x; l)\nq(x) = Poisson(x; m)\nderive H(p), H(p, q)\n")
	rng := rand.New(rand.NewPCG(14, 14))
	for _, d := range ds {
		last := d.Steps[len(d.Steps)-1]
		assert.Equal(t, "no closed form: kept as a series over the support", last.Title)
		assert.True(t, d.Verification.Direct)
		assert.Empty(t, d.Verification.Dims, "inf is not a dimension")
	}
	for range 8 {
		l, m := 0.1+5*rng.Float64(), 0.1+5*rng.Float64()
		// E[log x!] summed here from the standard library's log Γ.
		elf := 0.0
		for k := 0.0; k < 200; k++ {
			lg, _ := math.Lgamma(k + 1)
			elf += math.Exp(k*math.Log(l)-l-lg) * lg
		}
		env := &expr.Env{Vals: map[string]float64{"l": l, "m": m}}
		for k, want := range []float64{l - l*math.Log(l) + elf, m - l*math.Log(m) + elf} {
			got, err := expr.Eval(ds[k].Result, env)
			require.NoError(t, err)
			assert.InDelta(t, want, got, 1e-10*math.Max(1, math.Abs(want)), "%s", expr.String(ds[k].Result))
		}
	}
}

// A literal probability outside (0, 1) is an input error at its place.
func TestProbabilityOutsideUnitInterval(t *testing.T) {
	for _, src := range []string{"p(x) = Bernoulli(x; 3/2)\n", "p(x) = Geometric(x; 0)\n", "p(x) = Bernoulli(x; 1)\n"} {
		f, err := expr.ParseFile("t.kl", src)
		require.NoError(t, err)
		_, err = Load(f)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), "must be in (0, 1)", src)
		assert.Contains(t, err.Error(), "t.kl:1:", src)
	}
}

// KL(p ‖ p) is 0 for every discrete family, also where a density is
// written twice under two names: its lines, whose terms cancel exactly,
// are summed term by term and verified.
func TestDiscreteKLOfADensityWithItself(t *testing.T) {
	for _, fam := range []string{"Geometric(x; a)", "Poisson(x; exp(c))", "Bernoulli(x; a)", "Binomial(x; n, a)", "Geometric(x; 1/(1 + exp(-c)))"} {
		src := "n: count\nassume a < 1\np(x) = " + fam + "\nq(x) = " + fam + "\nderive KL(p || q), KL(p || p)\n"
		for _, d := range deriveAll(t, src) {
			assert.Equal(t, "0", expr.String(d.Result), src)
			assert.True(t, d.Verification.Summed, src)
		}
	}
}

// A Geometric against a Poisson keeps E[log x!] as its series, which
// the evaluator sums through log Γ where Γ itself overflows (a slowly
// decaying Geometric reaches x = 171 and beyond); the result agrees
// with the sum over the support written here, for rates near 0 and 1.
func TestGeometricAgainstPoissonKeepsItsSeries(t *testing.T) {
	ds := deriveAll(t, "p(x) = Geometric(x; a)\nq(x) = Poisson(x; l)\nassume a < 1\nderive KL(p || q), H(p, q)\n")
	require.Len(t, ds, 2)
	for _, d := range ds {
		assert.True(t, expr.Any(d.Result, func(e expr.Expr) bool { b, ok := e.(*expr.Big); return ok && b.Op == "sum" }), expr.String(d.Result))
		assert.True(t, d.Verification.Summed)
	}
	for _, a := range []float64{0.01, 0.3, 0.9} {
		for _, l := range []float64{0.5, 7} {
			var kl, h float64
			for x := 0.0; x < 20000; x++ {
				lp := math.Log(a) + x*math.Log1p(-a)
				lf, _ := math.Lgamma(x + 1)
				lq := x*math.Log(l) - l - lf
				kl += math.Exp(lp) * (lp - lq)
				h -= math.Exp(lp) * lq
			}
			env := &expr.Env{Vals: map[string]float64{"a": a, "l": l}}
			for k, want := range []float64{kl, h} {
				got, err := expr.Eval(ds[k].Result, env)
				require.NoError(t, err)
				assert.InDelta(t, want, got, 1e-9*math.Max(1, math.Abs(want)), "%s at a = %g, l = %g", expr.String(ds[k].Result), a, l)
			}
		}
	}
}
