package expr

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A product whose factors overflow is taken in log space, by the tree
// walk and the compiled loops alike. The references are computed apart,
// from math.Lgamma, or to 40 digits with mpmath.

// logTerm is λ^k·e^(−λ)/k!, from log Γ.
func logTerm(lam, k float64) float64 {
	lg, _ := math.Lgamma(k + 1)
	return math.Exp(k*math.Log(lam) - lam - lg)
}

func TestLogSpaceProducts(t *testing.T) {
	for _, c := range []struct {
		src  string
		want float64
	}{
		// 200^134 overflows; Γ(172) does too.
		{"200^134*exp(-200)/gamma(135)", logTerm(200, 134)},
		{"200^200*exp(-200)/gamma(201)", logTerm(200, 200)},
		{"1000^1000*exp(-1000)/gamma(1001)", logTerm(1000, 1000)},
		// Signs are kept apart from the magnitudes.
		{"-(200^200)*exp(-200)/gamma(201)", -logTerm(200, 200)},
		{"(-2)*200^200*exp(-200)*(-3)/gamma(201)", 6 * logTerm(200, 200)},
		{"200^200*exp(-200)*log(gamma(201))/gamma(201)", logTerm(200, 200) * lgammaOf(201)},
		// A binomial coefficient and its powers, each out of range.
		{"gamma(501)/(gamma(151)*gamma(351))*(3/10)^150*(7/10)^350",
			math.Exp(lgammaOf(501) - lgammaOf(151) - lgammaOf(351) + 150*math.Log(0.3) + 350*math.Log(0.7))},
		// An underflow to 0 where no factor is 0.
		{"10^(-200)*10^(-200)*10^300", 1e-100},
		// Several factors that overflow, one inside another product.
		{"gamma(181)*gamma(321)/(gamma(181)*gamma(321))", 1},
		{"gamma(501)/(gamma(181)*gamma(321))", math.Exp(lgammaOf(501) - lgammaOf(181) - lgammaOf(321))},
	} {
		e := MustParse(c.src)
		v, err := EvalErr(e, &Env{})
		require.NoError(t, err, c.src)
		assert.InDelta(t, 0, (v.V-c.want)/c.want, 1e-12, "%s = %g, want %g", c.src, v.V, c.want)
		assert.Less(t, v.Err, 1e-10*math.Abs(c.want), c.src)
	}
}

func lgammaOf(x float64) float64 { v, _ := math.Lgamma(x); return v }

// A product that is truly out of range stays so, and an overflow that
// the log space cannot take either is still the error it was.
func TestLogSpaceLimits(t *testing.T) {
	v, err := Eval(MustParse("200^200*200^200"), &Env{})
	require.NoError(t, err)
	assert.True(t, math.IsInf(v, 1), "%g", v)
	// A factor that is 0 (log Γ(1), ± the error of Γ(1)) beside one that
	// overflows: 0, within that error times the rest, e^0.33.
	z, err := EvalErr(MustParse("gamma(501)*log(gamma(1))*exp(-2611)"), &Env{})
	require.NoError(t, err)
	assert.Equal(t, 0.0, z.V)
	assert.Less(t, z.Err, 2e-14)
	_, err = Eval(MustParse("gamma(200)*(-1)^(1/2)"), &Env{})
	require.Error(t, err)
	_, err = Eval(MustParse("gamma(200) + 1"), &Env{})
	assert.ErrorContains(t, err, "gamma overflows")
}

// The entropy of a Poisson(λ) needs Σ p(x)·log Γ(x + 1), whose terms
// overflow factor by factor from x = 134 at λ = 200, and whose first
// terms underflow at λ = 1000. The series is compared with a sum of its
// terms from log Γ and with its value to 40 digits (mpmath); the
// entropy λ − λ·log λ + Σ then loses the digits its cancellation costs.
func TestPoissonEntropySeries(t *testing.T) {
	for _, c := range []struct {
		lam, series, entropy float64
	}{
		{200, 863.7311528110840664708382326829636036116, 4.067679501476730980195226517582606956092},
		{1000, 5912.628011779779902700172721671246433914, 4.872732797642850646198357618153811111146},
	} {
		series := fmt.Sprintf("sum(x in 0..inf, %g^x*exp(-%g)*log(gamma(x + 1))/gamma(x + 1))", c.lam, c.lam)
		byTerms := 0.0
		for k := 0.0; k < 4*c.lam; k++ {
			byTerms += logTerm(c.lam, k) * lgammaOf(k+1)
		}
		e := MustParse(series)
		bothWays(t, e, &Env{})
		v, err := EvalErr(e, &Env{})
		require.NoError(t, err, series)
		assert.InDelta(t, 0, (v.V-byTerms)/byTerms, 1e-12, "%s = %g, by terms %g", series, v.V, byTerms)
		assert.InDelta(t, 0, (v.V-c.series)/c.series, 1e-12, "%s = %g, want %g", series, v.V, c.series)
		h := c.lam - c.lam*math.Log(c.lam) + v.V
		assert.InDelta(t, c.entropy, h, 1e-12*c.series, "H(Poisson(%g))", c.lam)
	}
}

// The compiled loops take an overflowing product as the tree walk does,
// inside every kind of loop.
func TestCompiledLogSpace(t *testing.T) {
	env := loopEnv(t, rand.New(rand.NewPCG(5, 6)))
	for _, body := range []string{
		"300^(x + 140)*exp(-300)/gamma(x + 141)",
		"-(300^(x + 140))*log(gamma(x + 141))/gamma(x + 141)*exp(-300)",
		"gamma(x + 180)/gamma(x + 179)",
	} {
		for _, e := range loops(MustParse(body)) {
			bothWays(t, e, env)
		}
	}
}

// The entropy of a Binomial(500, 3/10) as derived: finite sums over the
// support whose terms hold Γ(501), Γ(x + 1) and Γ(501 − x), which
// overflow, and log Γ(1) = 0 beside them; compared with its value to 40
// digits (mpmath).
func TestBinomialEntropySums(t *testing.T) {
	const pmf = "gamma(501)*(3/10)^x*(7/10)^(500 - x)/(gamma(x + 1)*gamma(501 - x))"
	h := MustParse("-log(gamma(501)) - 150*log(3/10) - 350*log(7/10) + sum(x in 0..500, " + pmf + "*log(gamma(x + 1))) + sum(x in 0..500, " + pmf + "*log(gamma(501 - x)))")
	bothWays(t, h, &Env{})
	v, err := EvalErr(h, &Env{})
	require.NoError(t, err)
	// −log Γ(501) is 2611 in size; the sums cancel it.
	assert.InDelta(t, 3.745790779250546117868817001545149368938, v.V, 1e-12*2611)
	assert.Less(t, v.Err, 1e-7)
}

// overflowed finds a factor's overflow however it is wrapped, and
// nothing else.
func TestOverflowedUnwraps(t *testing.T) {
	o := &overflowError{msg: "Γ(200) overflows"}
	assert.True(t, overflowed(o))
	assert.True(t, overflowed(fmt.Errorf("in a product: %w", o)))
	assert.True(t, overflowed(errors.Join(errors.New("other"), fmt.Errorf("x: %w", o))))
	assert.False(t, overflowed(nil))
	assert.False(t, overflowed(errors.New("log of a negative number")))
	assert.False(t, overflowed(fmt.Errorf("wrapped: %w", errors.New("no"))))
}
