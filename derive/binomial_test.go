package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// binomialPMF is the textbook n!/(x!(n − x)!) a^x (1 − a)^(n − x), by the
// standard library's log Γ, for the expected values below.
func binomialPMF(x, n, a float64) float64 {
	ln, _ := math.Lgamma(n + 1)
	lx, _ := math.Lgamma(x + 1)
	lnx, _ := math.Lgamma(n - x + 1)
	return math.Exp(ln - lx - lnx + x*math.Log(a) + (n-x)*math.Log1p(-a))
}

// binomialSum is Σ_x pmf_p(x)·f(x) over {0, …, n}.
func binomialSum(n, a float64, f func(x float64) float64) float64 {
	s := 0.0
	for x := 0.0; x <= n; x++ {
		s += binomialPMF(x, n, a) * f(x)
	}
	return s
}

// Binomial information quantities with generated compound probabilities
// and counts, literal or declared, derive, verify and agree with sums
// over the support written here; with more trials in p than in q the KL
// is ∞ with a witness.
func TestBinomialQuantities(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 21))
	probs := compoundProbs
	for range 5 {
		i, j := rng.IntN(len(probs)), rng.IntN(len(probs))
		count := []string{"n", "3", "7"}[rng.IntN(3)]
		src := fmt.Sprintf("n: count\np(x) = Binomial(x; %s, %s)\nq(x) = Binomial(x; %s, %s)\nassume b > 0\nassume b < 1\nassume a < 1\nderive KL(p || q), KL(q || p), H(p, q)\n",
			count, probs[i].src, count, subst(probs[j].src))
		t.Run(src, func(t *testing.T) {
			ds := deriveAll(t, src)
			require.Len(t, ds, 3)
			for range 6 {
				u, v := 0.1+0.8*rng.Float64(), 0.1+0.8*rng.Float64()
				n := float64(1 + rng.IntN(5))
				if count != "n" {
					n, _ = expr.Eval(expr.MustParse(count), nil)
				}
				pa, qb := probs[i].at(u), probs[j].at(v)
				logRatio := func(a, b float64) func(x float64) float64 {
					return func(x float64) float64 { return math.Log(binomialPMF(x, n, a) / binomialPMF(x, n, b)) }
				}
				want := []float64{
					binomialSum(n, pa, logRatio(pa, qb)),
					binomialSum(n, qb, logRatio(qb, pa)),
					binomialSum(n, pa, func(x float64) float64 { return -math.Log(binomialPMF(x, n, qb)) }),
				}
				env := &expr.Env{Vals: map[string]float64{"a": u, "b": v, "n": n}}
				for k, d := range ds {
					assert.True(t, d.Verification.Summed)
					got, err := expr.Eval(d.Result, env)
					require.NoError(t, err)
					assert.InDelta(t, want[k], got, 1e-10*math.Max(1, math.Abs(want[k])), "%s at a = %g, b = %g, n = %g", expr.String(d.Result), u, v, n)
				}
			}
		})
	}
	t.Run("more trials in p", func(t *testing.T) {
		ds := deriveAll(t, "n, m: count\np(x) = Binomial(x; n, a)\nq(x) = Binomial(x; m, b)\nr(x) = Binomial(x; 2, b)\ns(x) = Binomial(x; 5, a)\nassume m < n\nderive KL(p || q), KL(s || r)\n")
		for _, d := range ds {
			assert.Equal(t, "inf", expr.String(d.Result))
			assert.NotEmpty(t, d.Verification.Witness)
		}
	})
}

// With fewer trials in p than in q the KL is finite: E_p[log C(m, x)]
// has no closed form, so the result keeps finite sums over p's support,
// and a step says so, but for one trial, whose two terms are written
// out. Literal and declared counts, compound
// probabilities, against the sums over the support written here.
func TestBinomialFewerTrialsInP(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	for _, counts := range [][2]string{{"3", "5"}, {"n", "m"}, {"1", "m"}, {"n", "7"}} {
		i, j := rng.IntN(len(compoundProbs)), rng.IntN(len(compoundProbs))
		// The assumption that p has fewer trials than q.
		assume := fmt.Sprintf("assume %s < %s\n", counts[0], counts[1])
		src := fmt.Sprintf("n, m: count\np(x) = Binomial(x; %s, %s)\nq(x) = Binomial(x; %s, %s)\n%sassume b < 1\nassume a < 1\nderive KL(p || q), H(p, q)\n",
			counts[0], compoundProbs[i].src, counts[1], subst(compoundProbs[j].src), assume)
		t.Run(src, func(t *testing.T) {
			ds := deriveAll(t, src)
			require.Len(t, ds, 2)
			kl := ds[0]
			// One trial's two terms are written out; more stay sums.
			short := counts[0] == "1"
			hasSum := expr.Any(kl.Result, func(e expr.Expr) bool { b, ok := e.(*expr.Big); return ok && b.Op == "sum" })
			assert.Equal(t, !short, hasSum, expr.String(kl.Result))
			said := map[string]bool{}
			for _, st := range kl.Steps {
				said[st.Rule] = true
			}
			assert.True(t, said["series"], "a step takes the sums over the support")
			assert.Equal(t, short, said["write-out-sums"], "a step writes the two terms out")
			for range 6 {
				u, v := 0.1+0.8*rng.Float64(), 0.1+0.8*rng.Float64()
				n := float64(1 + rng.IntN(4))
				m := n + float64(1+rng.IntN(3))
				if c, err := strconv.ParseFloat(counts[0], 64); err == nil {
					n = c
				}
				if c, err := strconv.ParseFloat(counts[1], 64); err == nil {
					m = c
				}
				pa, qb := compoundProbs[i].at(u), compoundProbs[j].at(v)
				want := []float64{
					binomialSum(n, pa, func(x float64) float64 { return math.Log(binomialPMF(x, n, pa) / binomialPMF(x, m, qb)) }),
					binomialSum(n, pa, func(x float64) float64 { return -math.Log(binomialPMF(x, m, qb)) }),
				}
				env := &expr.Env{Vals: map[string]float64{"a": u, "b": v, "n": n, "m": m}}
				for k, d := range ds {
					got, err := expr.Eval(d.Result, env)
					require.NoError(t, err)
					assert.InDelta(t, want[k], got, 1e-10*math.Max(1, math.Abs(want[k])), "%s at a = %g, b = %g, n = %g, m = %g", expr.String(d.Result), u, v, n, m)
				}
			}
		})
	}
}

// A count that is neither a positive integer nor declared one is an
// input error that says what to write.
func TestBinomialCountErrors(t *testing.T) {
	for src, want := range map[string]string{
		"p(x) = Binomial(x; n, a)\nderive H(p)\n":               `add "n: count"`,
		"p(x) = Binomial(x; 2.5, a)\nderive H(p)\n":             "not 5/2",
		"n: count\np(x) = Binomial(x; n + 1, a)\nderive H(p)\n": "not n + 1",
	} {
		f, err := expr.ParseFile("t.kl", src)
		require.NoError(t, err)
		_, err = Load(f)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), want, src)
	}
}

// A compound probability and a literal count are written out as a person
// writes them: the complement of 1 - c is c where the pmf is substituted,
// and Γ(3) is 2 where the logarithms expand. With fewer trials in p, the
// two sums over p's support that share p's weight are one sum of a
// logarithm of a ratio.
func TestBinomialCompoundProbabilityAndLiteralCount(t *testing.T) {
	d := deriveAll(t, "p(x) = Binomial(x; 2, 1 - c)\nq(x) = Binomial(x; 2, b)\nderive KL(p || q)\n")[0]
	require.GreaterOrEqual(t, len(d.Steps), 3)
	sub, expand := expr.String(d.Steps[1].After), expr.String(d.Steps[2].After)
	assert.Contains(t, sub, "c^(2 - x)")
	assert.NotContains(t, sub, "1 - (1 - c)")
	assert.Contains(t, expand, "log(2)")
	assert.NotContains(t, expand, "gamma(3)")
	assert.True(t, d.Verification.Direct && d.Verification.Summed)

	d = deriveAll(t, "n, m: count\nr(x) = Binomial(x; m, b)\np(x) = Binomial(x; n, a)\nassume m < n\nderive KL(r || p)\n")[0]
	res := expr.String(d.Result)
	assert.Equal(t, 1, strings.Count(res, "sum(x in 0..m"), res)
	assert.Contains(t, res, "log(gamma(n - x + 1)/gamma(m - x + 1))")
	assert.True(t, d.Verification.Direct && d.Verification.Summed)
}

// With a complement for a probability and a literal count, the moments
// line has n·c where it had n - n·(1 - c), and the logarithms join in
// pairs with a numeric coefficient, as the textbook's n·p·log(p/q) +
// n·(1 - p)·log((1 - p)/(1 - q)) at p = 1 - c reads, in both directions.
func TestBinomialComplementReadsAsTheTextbook(t *testing.T) {
	for src, want := range map[string]string{
		"p(x) = Binomial(x; 2, 1 - c)\nq(x) = Binomial(x; 2, b)\nderive KL(p || q)\n":     "2*(1 - c)*log((1 - c)/b) + 2*c*log(c/(1 - b))",
		"p(x) = Binomial(x; 4, 1 - u)\nq(x) = Binomial(x; 4, 1 - w)\nderive KL(q || p)\n": "4*(1 - w)*log((1 - w)/(1 - u)) + 4*w*log(w/u)",
	} {
		d := deriveAll(t, src)[0]
		assert.Equal(t, want, expr.String(d.Result), src)
		assert.True(t, d.Verification.Direct && d.Verification.Summed, src)
		for _, st := range d.Steps {
			assert.NotContains(t, expr.String(st.After), "2 - 2*(1 - c)", src)
		}
	}
}

// A Bernoulli against a Binomial: the Binomial's log-factorials are
// taken over the Bernoulli's {0, 1}, written out, and closed by the
// exact values of Γ, so the result has no sum left. Literal and
// declared counts (n ≥ 1, so {0, 1} lies inside {0, …, n} with no
// cases), compound probabilities, both quantities, against the
// two-term sums written here.
func TestBernoulliAgainstBinomial(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 9))
	for _, count := range []string{"1", "4", "7", "n"} {
		i, j := rng.IntN(len(compoundProbs)), rng.IntN(len(compoundProbs))
		src := fmt.Sprintf("n: count\np(x) = Bernoulli(x; %s)\nq(x) = Binomial(x; %s, %s)\nassume b < 1\nassume a < 1\nderive KL(p || q), H(p, q)\n",
			compoundProbs[i].src, count, subst(compoundProbs[j].src))
		t.Run(src, func(t *testing.T) {
			ds := deriveAll(t, src)
			require.Len(t, ds, 2)
			for _, d := range ds {
				assert.False(t, expr.Any(d.Result, func(e expr.Expr) bool { _, ok := e.(*expr.Big); return ok }), expr.String(d.Result))
				assert.True(t, d.Verification.Summed)
			}
			for range 6 {
				u, v := 0.1+0.8*rng.Float64(), 0.1+0.8*rng.Float64()
				trials := float64(1 + rng.IntN(5))
				if c, err := strconv.ParseFloat(count, 64); err == nil {
					trials = c
				}
				env := &expr.Env{Vals: map[string]float64{"a": u, "b": v, "n": trials}}
				pa, qb := compoundProbs[i].at(u), compoundProbs[j].at(v)
				logQ := func(x float64) float64 { return math.Log(binomialPMF(x, trials, qb)) }
				want := []float64{
					(1-pa)*(math.Log(1-pa)-logQ(0)) + pa*(math.Log(pa)-logQ(1)),
					-(1-pa)*logQ(0) - pa*logQ(1),
				}
				for k, d := range ds {
					got, err := expr.Eval(d.Result, env)
					require.NoError(t, err)
					assert.InDelta(t, want[k], got, 1e-10*math.Max(1, math.Abs(want[k])), "%s at a = %g, b = %g, n = %g", expr.String(d.Result), u, v, trials)
				}
			}
		})
	}
}

// A Binomial against a Bernoulli is finite only with one trial: the
// condition n <= 1 with n ≥ 1 pins the count, and the case is derived at
// n = 1 and +∞ beyond, each checked here against the sum it is.
func TestBinomialAgainstBernoulliPinsOneTrial(t *testing.T) {
	ds := deriveAll(t, "n: count\np(x) = Binomial(x; n, a)\nq(x) = Bernoulli(x; 1 - b)\nassume a < 1\nassume b < 1\nderive KL(p || q)\n")
	require.Len(t, ds, 1)
	d := ds[0]
	assert.Contains(t, d.Steps[1].Title, "which holds only where n = 1")
	assert.Contains(t, d.Verification.Otherwise, "infinite where n > 1")
	rng := rand.New(rand.NewPCG(4, 4))
	for range 6 {
		u, v := 0.1+0.8*rng.Float64(), 0.1+0.8*rng.Float64()
		want := (1-u)*math.Log((1-u)/v) + u*math.Log(u/(1-v))
		got, err := expr.Eval(d.Result, &expr.Env{Vals: map[string]float64{"a": u, "b": v, "n": 1}})
		require.NoError(t, err)
		assert.InDelta(t, want, got, 1e-12, "%s at a = %g, b = %g", expr.String(d.Result), u, v)
		got, err = expr.Eval(d.Result, &expr.Env{Vals: map[string]float64{"a": u, "b": v, "n": 2}})
		require.NoError(t, err)
		assert.True(t, math.IsInf(got, 1), "%s at n = 2 is %g", expr.String(d.Result), got)
	}
}
