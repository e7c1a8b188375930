package derive

import (
	"math"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCompare(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	v := func(x, e float64) expr.Value { return expr.Value{V: x, Err: e} }
	for _, c := range []struct {
		a, b expr.Value
		want Agreement
	}{
		{v(5, 0), v(5+1e-9, 1e-12), Agree},
		{v(5, 0), v(6, 0), Differ},
		{v(inf, 0), v(5, 0), Inconclusive}, // once NaN, which passed every check
		{v(5, 0), v(-inf, 0), Inconclusive},
		{v(inf, 0), v(inf, inf), Agree},
		{v(inf, 0), v(-inf, 0), Differ},
		{v(nan, 0), v(nan, 0), Inconclusive},
		{v(nan, 0), v(1, 0), Inconclusive},
		{v(1e13, 0), v(1e13, 0), Inconclusive},
		{v(1, 1e-6), v(1, 0), Inconclusive},      // equal, but the estimate is too large
		{v(1, 1e-6), v(1.5, 0), Differ},          // far beyond the estimate
		{v(1, 3e-8), v(1+1e-7, 0), Inconclusive}, // within tolerance plus estimate
		{v(1, inf), v(1, 0), Inconclusive},
		{v(1, nan), v(1, 0), Inconclusive},
		{v(0, 0), v(5e-8, 0), Agree}, // absolute below 1
	} {
		got, why := Compare(c.a, c.b, Tolerance)
		assert.Equal(t, c.want, got, "%v vs %v", c.a, c.b)
		if got == Inconclusive {
			assert.NotEmpty(t, why)
		}
	}
	got, _ := CompareOrder(v(1, 0), v(2, 0), Tolerance)
	assert.Equal(t, Agree, got)
	got, _ = CompareOrder(v(2, 0), v(1, 0), Tolerance)
	assert.Equal(t, Differ, got)
	got, _ = CompareOrder(v(1, 0.1), v(1.05, 0), Tolerance)
	assert.Equal(t, Inconclusive, got)
	got, _ = CompareOrder(v(nan, 0), v(1, 0), Tolerance)
	assert.Equal(t, Inconclusive, got)
}

// A variance that overflows makes the direct integration infinite: the
// derivation is an error that says it is not verified, never "verified"
// with a NaN error.
func TestOverflowIsNotVerified(t *testing.T) {
	p := load(t, "p(x) = Normal(x; m, s^2)\nq(x) = Normal(x; 0, exp(1000 + s^2))\nderive KL(p || q)\n")
	d, err := Derive(p, p.File.Goals[0], DefaultOptions)
	var ve *VerifyError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Inconclusive)
	assert.Contains(t, err.Error(), "not verified")
	assert.NotContains(t, err.Error(), "NaN")
	assert.False(t, math.IsNaN(d.Verification.MaxRelErr))
}

// A point without parameters is named, not printed empty.
func TestPointWithoutParameters(t *testing.T) {
	p := load(t, "p(x) = Normal(x; 0, 1)\nq(x) = Normal(x; 0, exp(1000))\nderive KL(p || q)\n")
	_, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "at the only point (the expression has no parameters)")
	assert.NotContains(t, err.Error(), "at ,")

	env := &expr.Env{Vals: map[string]float64{}, Vecs: map[string][]float64{"mu": {1, -0.5}}}
	assert.Equal(t, "mu = [1, -0.5]", pointString(env))
}

func TestPointsOutOfRange(t *testing.T) {
	p := load(t, "p(x) = Normal(x; 0, 1)\nderive H(p)\n")
	for _, n := range []int{-1, 1, 7, MaxPoints + 1} {
		opt := DefaultOptions
		opt.Points = n
		_, err := Derive(p, p.File.Goals[0], opt)
		assert.ErrorContains(t, err, "from 8 to 10000", n)
	}
}

// Whatever the scale of the parameters, a derivation either verifies with
// a finite error or is an error: never "verified" with a NaN or an
// infinite error, and never verified when the numbers could not decide.
func TestExtremeScalesNeverPassSilently(t *testing.T) {
	for _, variance := range []string{
		"exp(1000 + s^2)", "exp(700 + s^2)", "exp(-700 - s^2)", "s^2*10^300", "s^2/10^300", "exp(40*s)", "s^2",
	} {
		src := "p(x) = Normal(x; m, s^2)\nq(x) = Normal(x; m2, " + variance + ")\nderive KL(p || q), H(p, q), H(q)\n"
		p := load(t, src)
		for _, g := range p.File.Goals {
			d, err := Derive(p, g, DefaultOptions)
			if err != nil {
				continue
			}
			v := d.Verification
			assert.False(t, math.IsNaN(v.MaxRelErr) || math.IsInf(v.MaxRelErr, 0), "%s: %s", variance, expr.String(g.Info))
			assert.LessOrEqual(t, v.MaxRelErr, Tolerance, "%s: %s", variance, expr.String(g.Info))
		}
	}
}

// A variance so small that the quadrature nodes round onto the mean: the
// entropy cannot be checked, and says so, rather than failing or passing.
func TestNodesRoundingOntoTheMean(t *testing.T) {
	p := load(t, "q(x) = Normal(x; m2, exp(-700 - s^2))\nderive H(q)\n")
	_, err := Derive(p, p.File.Goals[0], DefaultOptions)
	var ve *VerifyError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Inconclusive, err.Error())
}

// Sides that are the same infinity pass only where they are so at every
// point: infinite at some points and finite at others, the step is an
// overflow there and not verified.
func TestInfiniteAtSomePointsOnly(t *testing.T) {
	p := load(t, "p(x) = Normal(x; 0, s^2)\nderive H(p)\n")
	jump := expr.MustParse("exp(1000*abs(s - 1)/(s - 1))") // e^1000 above s = 1, e^−1000 below
	_, err := p.verify([]expr.Expr{jump, jump}, 8, 1)
	var ve *VerifyError
	require.ErrorAs(t, err, &ve)
	assert.True(t, ve.Inconclusive)
	assert.Contains(t, ve.Why, "infinite here but finite at other points")

	always := expr.MustParse("exp(1000 + s)")
	v, err := p.verify([]expr.Expr{always, always}, 8, 1)
	require.NoError(t, err, "the same infinity at every point")
	assert.Equal(t, 0.0, v.MaxRelErr)
}
