package expr

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Known integrals over the real line: the adaptive rule's value is within
// its error estimate of the true value, and the estimate is small.
func TestAdaptiveKnownIntegrals(t *testing.T) {
	gamma := 0.57721566490153286
	for _, c := range []struct {
		src  string
		want float64
	}{
		{"int(x, exp(-x^2/2))", math.Sqrt(2 * math.Pi)},
		{"int(x, exp(-(x - 1000)^2))", math.Sqrt(math.Pi)}, // a peak far from the origin
		{"int(x, exp(-(x + 3)^2/(2*10^(-8))))", math.Sqrt(2 * math.Pi * 1e-8)},
		{"int(x, 1/(1 + x^2))", math.Pi}, // a slowly decaying tail
		{"int(x, exp(-abs(x - 3)))", 2},  // a kink
		{"int(x, 1/(1 + abs(x))^(3/2))", 4},
		{"int(x, log(abs(x))*exp(-x^2))", -math.Sqrt(math.Pi) / 2 * (gamma + 2*math.Ln2)},                     // a log singularity
		{"int(x, exp(-x^2)/sqrt(abs(x)))", 3.6256099082219083},                                                // Γ(1/4)
		{"int(x, abs(x^2 - 1)*exp(-x^2))", -math.Sqrt(math.Pi)/2 + 2/math.E + math.Sqrt(math.Pi)*math.Erf(1)}, // two kinks
	} {
		v, err := EvalErr(MustParse(c.src), &Env{})
		require.NoError(t, err, c.src)
		assert.LessOrEqual(t, math.Abs(v.V-c.want), v.Err, "%s = %v ± %v, want %v", c.src, v.V, v.Err, c.want)
		assert.Less(t, v.Rel(), 1e-10, c.src)
	}
}

// moment is E[X^k] for X ~ N(m, v), by the recurrence
// E[X^k] = m·E[X^(k−1)] + (k − 1)·v·E[X^(k−2)].
func moment(k int, m, v float64) float64 {
	a, b := 1.0, m // E[X^0], E[X^1]
	if k == 0 {
		return a
	}
	for j := 2; j <= k; j++ {
		a, b = b, m*b+float64(j-1)*v*a
	}
	return b
}

// Random polynomials under random Normals: the exact Gauss–Hermite rule
// (an expectation) and the adaptive rule (the integral of density times
// polynomial) both agree with the moments, within their estimates.
func TestPolynomialExpectations(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	f := mustFile(t, "p(x) = Normal(x; m, v)\n")
	for range 40 {
		m, sd := -3+6*rng.Float64(), math.Pow(10, -1+2*rng.Float64())
		deg := rng.IntN(7)
		terms := []Expr{}
		want := 0.0
		for k := 0; k <= deg; k++ {
			c := math.Round(-50+100*rng.Float64()) / 10
			terms = append(terms, Prod(numOf(c), Power(S("x"), N(int64(k)))))
			want += c * moment(k, m, sd*sd)
		}
		poly := Sum(terms...)
		env := envOf(f, map[string]float64{"m": m, "v": sd * sd})
		for _, x := range []Expr{
			&Expect{Var: S("x"), Dist: "p", Body: poly},
			&Integral{Var: S("x"), Body: Prod(Fn("p", S("x")), poly)},
		} {
			v, err := EvalErr(x, env)
			require.NoError(t, err, String(x))
			slack := 1e-14 * math.Max(1, math.Abs(want)) * math.Pow(math.Max(1, math.Abs(m)+sd), float64(deg))
			assert.LessOrEqual(t, math.Abs(v.V-want), v.Err+slack, "%s at m=%v sd=%v: %v ± %v, want %v", String(x), m, sd, v.V, v.Err, want)
			assert.Less(t, v.Rel(), 1e-8, String(x))
		}
	}
}

func numOf(c float64) Expr {
	r, _ := new(big.Rat).SetString(strconv.FormatFloat(c, 'f', -1, 64))
	return &Num{Val: r}
}

// Integrals that do not converge are reported as divergent, never as a
// number.
func TestDivergentIntegrals(t *testing.T) {
	for _, src := range []string{"int(x, 1)", "int(x, x^2)", "int(x, x)", "int(x, 1/abs(x))", "int(x, exp(x^2))", "int(x, 1/(1 + abs(x)))"} {
		_, err := EvalErr(MustParse(src), &Env{})
		var div *DivergentError
		assert.ErrorAs(t, err, &div, src)
	}
}

// A non-polynomial integrand under a univariate Normal goes to the
// adaptive rule: E|x − μ| = σ·sqrt(2/π) and E log|x − μ| = log σ − (γ +
// log 2)/2, which no fixed Gauss–Hermite rule gets right.
func TestNonPolynomialExpectations(t *testing.T) {
	f := mustFile(t, "p(x) = Normal(x; mu, s^2)\n")
	gamma := 0.57721566490153286
	for _, c := range []struct {
		src  string
		want func(mu, s float64) float64
	}{
		{"E(x ~ p, abs(x - mu))", func(mu, s float64) float64 { return s * math.Sqrt(2/math.Pi) }},
		{"E(x ~ p, log(abs(x - mu)))", func(mu, s float64) float64 { return math.Log(s) - (gamma+math.Ln2)/2 }},
		{"E(x ~ p, abs(x))", func(mu, s float64) float64 {
			return s*math.Sqrt(2/math.Pi)*math.Exp(-mu*mu/(2*s*s)) + mu*math.Erf(mu/(s*math.Sqrt2))
		}},
	} {
		for _, at := range [][2]float64{{0.3, 1.2}, {-1.4, 0.6}, {5, 0.01}} {
			v, err := EvalErr(MustParse(c.src), envOf(f, map[string]float64{"mu": at[0], "s": at[1]}))
			require.NoError(t, err, c.src)
			want := c.want(at[0], at[1])
			assert.LessOrEqual(t, math.Abs(v.V-want), v.Err, "%s at %v: %v ± %v, want %v", c.src, at, v.V, v.Err, want)
			assert.Less(t, v.Rel(), 1e-10, c.src)
		}
	}
}

// The kink of a density written as a formula in another variable's name
// is found too: E|x| under a Laplace density centred at 3 is 3 + e^−3.
func TestBreakpointsOfADensity(t *testing.T) {
	f := mustFile(t, "u(y) = exp(-abs(y - 3))/2\n")
	v, err := EvalErr(MustParse("E(x ~ u, abs(x))"), envOf(f, nil))
	require.NoError(t, err)
	want := 3 + math.Exp(-3)
	assert.LessOrEqual(t, math.Abs(v.V-want), v.Err)
	assert.Less(t, v.Rel(), 1e-10)
}

// A body that grows as fast as the density falls is divergent, although
// the density underflows to zero long before: the product is taken in
// log space there. One that grows more slowly converges.
func TestWeightUnderflowHidesNothing(t *testing.T) {
	f := mustFile(t, "p(x) = Normal(x; 0, 1)\nu(x) = exp(-x^2/2)/sqrt(2*pi)\n")
	for _, dist := range []string{"p", "u"} {
		_, err := EvalErr(MustParse("E(x ~ "+dist+", exp(x^2/2))"), envOf(f, nil))
		var div *DivergentError
		assert.ErrorAs(t, err, &div, dist)
		v, err := EvalErr(MustParse("E(x ~ "+dist+", exp(x))"), envOf(f, nil))
		require.NoError(t, err, dist)
		assert.LessOrEqual(t, math.Abs(v.V-math.Exp(0.5)), v.Err, "%s: %v", dist, v)
		assert.Less(t, v.Rel(), 1e-10, dist)
	}
}

// Many breakpoints are thinned to a spread that keeps the first cut
// within the budget of pieces.
func TestManyBreakpoints(t *testing.T) {
	var bs []float64
	for i := range 100 {
		bs = append(bs, float64(i)/7)
	}
	kept := cleanBreaks(bs)
	require.Len(t, kept, maxBreaks)
	assert.Equal(t, 0.0, kept[0])
	assert.Equal(t, 99.0/7, kept[len(kept)-1])
	assert.Less(t, len(segments(kept)), quadMaxPieces)
}

// A ratio of densities whose numerator and denominator both underflow
// (q/p far out, 0/0) is taken in log space: E_p[q/p] is 1 whichever
// density is wider, and E_p[(q/p)^2] diverges when q is too wide.
func TestDensityRatioInTheTails(t *testing.T) {
	f := mustFile(t, "p(x) = Normal(x; 0.2, 0.6^2)\nq(x) = Normal(x; -0.5, 1.7^2)\n")
	for _, src := range []string{"E(x ~ p, q(x)/p(x))", "E(x ~ q, p(x)/q(x))"} {
		v, err := EvalErr(MustParse(src), envOf(f, nil))
		require.NoError(t, err, src)
		assert.LessOrEqual(t, math.Abs(v.V-1), v.Err+1e-12, "%s: %v", src, v)
		assert.Less(t, v.Err, 1e-9, src)
	}
	_, err := EvalErr(MustParse("E(x ~ p, (q(x)/p(x))^2)"), envOf(f, nil))
	var div *DivergentError
	assert.ErrorAs(t, err, &div)
}
