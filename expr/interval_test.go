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

// Known integrals over intervals and half-lines, with singularities at
// the ends: the value is within its estimate of the truth, and the
// estimate is small.
func TestBoundedKnownIntegrals(t *testing.T) {
	for _, c := range []struct {
		src  string
		want float64
	}{
		{"int(x in 0..1, x^2)", 1.0 / 3},
		{"int(x in 0..inf, x*exp(-x))", 1},
		{"int(x in 0..1, log(x))", -1},
		{"int(x in 0..1, log(1 - x))", -1},
		{"int(x in 0..1, log(x)*log(1 - x))", 2 - math.Pi*math.Pi/6},
		{"int(x in 0..1, x^(-9/10))", 10},
		{"int(x in 0..inf, x^(-1/2)*exp(-x))", math.Sqrt(math.Pi)},
		{"int(x in 0..inf, log(x)*exp(-x))", -0.57721566490153286},
		{"int(x in 1..inf, 1/x^2)", 1},
		{"int(x in -inf..0, exp(x))", 1},
		{"int(x in 2..-1, x)", -1.5}, // limits the other way round
		{"int(x in 0..inf, abs(x - 3)*exp(-x))", 2 + 2*math.Exp(-3)},
		{"int(x in 3..3, x)", 0},
		{"int(x in -inf..inf, exp(-x^2))", math.Sqrt(math.Pi)},
		{"int(x in 0..pi, exp(-(x - 2)^2/(2*10^(-6))))", math.Sqrt(2 * math.Pi * 1e-6)}, // a narrow peak inside
	} {
		v, err := EvalErr(MustParse(c.src), &Env{})
		require.NoError(t, err, c.src)
		assert.LessOrEqual(t, math.Abs(v.V-c.want), v.Err, "%s = %v ± %v, want %v", c.src, v.V, v.Err, c.want)
		assert.Less(t, v.Rel(), 1e-10, c.src)
	}
}

// An integrable singularity at a nonzero end is resolved only as far as
// floating point separates the nodes from the end: the estimate says so.
func TestBoundedEndSingularityEstimate(t *testing.T) {
	v, err := EvalErr(MustParse("int(x in 0..1, x^(-1/2)*(1 - x)^(-1/2))"), &Env{})
	require.NoError(t, err)
	assert.LessOrEqual(t, math.Abs(v.V-math.Pi), v.Err)
	assert.Less(t, v.Rel(), 1e-6)
}

func TestBoundedDivergent(t *testing.T) {
	for src, msg := range map[string]string{
		"int(x in 0..1, 1/x)":                "over [0, 1] diverges: its integrand grows at least like 1/|x - 0| towards 0",
		"int(x in -1..0, 1/x^2)":             "the integrand is not finite (+Inf)", // it overflows first
		"int(x in 1..inf, 1/x)":              "over [1, +Inf] diverges: its integrand does not decay faster than 1/|x|",
		"int(x in -inf..0, exp(-x))":         "the integrand is not finite",
		"int(x in -inf..-1, 1/abs(x)^(1/2))": "diverges",
	} {
		_, err := Eval(MustParse(src), &Env{})
		if assert.Error(t, err, src) {
			assert.Contains(t, err.Error(), msg, src)
		}
	}
	_, err := IntegrateOver(0, 1, func(x float64) (Value, error) { return Value{V: 1 / x}, nil })
	var d *DivergentError
	assert.True(t, errors.As(err, &d), "%v", err)
}

// Random Gamma and Beta densities integrate to 1 over their supports,
// and their E[log x] is ψ(a) − log b and ψ(a) − ψ(a + b): the rule, the
// special functions and the limits checked against each other.
func TestBoundedDensities(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 8))
	for range 30 {
		a, b := 0.3+5*rng.Float64(), 0.2+4*rng.Float64()
		env := &Env{Vals: map[string]float64{"a": a, "b": b}}
		gamma := "b^a*x^(a - 1)*exp(-b*x)/gamma(a)"
		for body, want := range map[string]float64{
			gamma:             1,
			gamma + "*log(x)": digamma(a) - math.Log(b),
			gamma + "*x":      a / b,
		} {
			src := "int(x in 0..inf, " + body + ")"
			v, err := EvalErr(MustParse(src), env)
			require.NoError(t, err, src)
			assert.LessOrEqual(t, math.Abs(v.V-want), v.Err+1e-14, "%s at a=%g b=%g: %v ± %v, want %v", src, a, b, v.V, v.Err, want)
			assert.Less(t, v.Rel(), 1e-9, "%s at a=%g b=%g", src, a, b)
		}
		// Beta(a, b) with b ≥ 1, so that the end at 1 is not singular.
		b = 1 + 4*rng.Float64()
		env.Vals["b"] = b
		beta := "x^(a - 1)*(1 - x)^(b - 1)/beta(a, b)"
		for body, want := range map[string]float64{
			beta:                 1,
			beta + "*log(x)":     digamma(a) - digamma(a+b),
			beta + "*log(1 - x)": digamma(b) - digamma(a+b),
		} {
			src := "int(x in 0..1, " + body + ")"
			v, err := EvalErr(MustParse(src), env)
			require.NoError(t, err, src)
			assert.LessOrEqual(t, math.Abs(v.V-want), v.Err+1e-14, "%s at a=%g b=%g: %v ± %v, want %v", src, a, b, v.V, v.Err, want)
			assert.Less(t, v.Rel(), 1e-9, "%s at a=%g b=%g", src, a, b)
		}
	}
}

// IntegrateOver takes any limits the registry may give, and stays within
// the node budget of the real line.
func TestIntegrateOver(t *testing.T) {
	calls := 0
	f := func(x float64) (Value, error) { calls++; return exact(math.Exp(-math.Abs(x))), nil }
	for _, c := range []struct{ lo, hi, want float64 }{
		{math.Inf(-1), math.Inf(1), 2}, {0, math.Inf(1), 1}, {math.Inf(-1), 0, 1}, {-1, 1, 2 - 2/math.E}, {1, -1, -(2 - 2/math.E)},
	} {
		calls = 0
		v, err := IntegrateOver(c.lo, c.hi, f, 0)
		require.NoError(t, err)
		assert.InDelta(t, c.want, v.V, 1e-12, fmt.Sprint(c))
		assert.LessOrEqual(t, math.Abs(v.V-c.want), v.Err+1e-15, fmt.Sprint(c))
		assert.LessOrEqual(t, calls, MaxNodes, fmt.Sprint(c))
	}
	_, err := IntegrateOver(math.NaN(), 1, f)
	assert.Error(t, err)
	_, err = IntegrateOver(1e305, math.Inf(1), f)
	assert.ErrorContains(t, err, "the limits are too large")
	// The worst case: many breakpoints, and an integrand no level of
	// which agrees with the last.
	calls = 0
	noisy := func(x, _, _ float64) (Value, error) {
		calls++
		return exact(math.Sin(1e6 * x)), nil
	}
	_, err = IntegrateOverEnds(-1e300, 1e300, noisy, -3, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10)
	require.NoError(t, err)
	assert.LessOrEqual(t, calls, MaxNodes)
}

func TestBoundedSyntax(t *testing.T) {
	cases := []struct{ src, unicode, latex string }{
		{"int(x in 0..inf, exp(-x))", "∫_{0}^{∞} exp(-x) dx", `\int_{0}^{\infty} e^{-x} \,\mathrm{d}x`},
		{"int(x in a..b, x^2)", "∫_{a}^{b} x² dx", `\int_{a}^{b} x^{2} \,\mathrm{d}x`},
		{"int(x in -inf..0, exp(x))", "∫_{-∞}^{0} exp(x) dx", `\int_{-\infty}^{0} e^{x} \,\mathrm{d}x`},
	}
	for _, c := range cases {
		x := MustParse(c.src)
		assert.Equal(t, c.src, String(x))
		assert.Equal(t, c.unicode, Format(x, Unicode), c.src)
		assert.Equal(t, c.latex, Format(x, LaTeX), c.src)
	}
	// The variable is bound in the body, not in the limits.
	in := MustParse("int(x in 0..x, x)")
	assert.True(t, Uses(in, "x"))
	assert.False(t, Uses(MustParse("int(x in 0..1, x)"), "x"))
	for src, msg := range map[string]string{
		"int(x in 0, x)":       `expected ".."`,
		"int(x in 0..1 x)":     `expected ","`,
		"int(z[d] in 0..1, z)": "limits are for an integral over a scalar variable",
		"int(x in 0..inf x)":   `expected ","`,
	} {
		_, err := ParseExpr(src)
		if assert.Error(t, err, src) {
			assert.Contains(t, err.Error(), msg, src)
		}
	}
	// A limit with an error estimate moves the integral by |f|·error.
	v, err := EvalErr(MustParse("int(x in 0..int(y, exp(-y^2)), x)"), &Env{})
	require.NoError(t, err)
	assert.LessOrEqual(t, math.Abs(v.V-math.Pi/2), v.Err)
	assert.Greater(t, v.Err, 1e-12)
	_, err = Eval(MustParse("int(x in 0..int(y, exp(-y^2)) - sqrt(pi), 1/x)"), &Env{})
	assert.Error(t, err)
}

func TestBoundedShapes(t *testing.T) {
	f := mustFile(t, "k: dim\nm: vector[k]\np(x) = Normal(x; 0, 1)\n")
	types, err := f.Types()
	require.NoError(t, err)
	_, _, err = types.Check(MustParse("int(x in m..1, x)"), nil, Pos{File: "t.kl", Line: 1, Col: 1})
	if assert.Error(t, err) {
		assert.Contains(t, err.Error(), "the limit m of an integral must be a number, but it is a vector[k]")
	}
	_, s, err := types.Check(MustParse("int(x in 0..inf, x*exp(-x))"), nil, Pos{})
	require.NoError(t, err)
	assert.True(t, s.IsScalar())
}

// With the distances to the ends, a singularity at 1 is resolved as well
// as one at 0: Beta densities with both parameters below 1 integrate to
// 1, and E[log(1 - x)] = ψ(b) − ψ(a + b), to the tolerance of the checks.
func TestIntegrateOverEndsBeta(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 9))
	for range 40 {
		a, b := 0.2+3*rng.Float64(), 0.2+3*rng.Float64()
		lb, _ := math.Lgamma(a)
		lb2, _ := math.Lgamma(b)
		lab, _ := math.Lgamma(a + b)
		logB := lb + lb2 - lab
		density := func(x, fromLo, toHi float64) float64 {
			return math.Exp((a-1)*math.Log(fromLo) + (b-1)*math.Log(toHi) - logB)
		}
		for what, c := range map[string]struct {
			g    func(x, fromLo, toHi float64) float64
			want float64
		}{
			"mass":          {func(x, l, h float64) float64 { return 1 }, 1},
			"E[log x]":      {func(x, l, h float64) float64 { return math.Log(l) }, digamma(a) - digamma(a+b)},
			"E[log(1 - x)]": {func(x, l, h float64) float64 { return math.Log(h) }, digamma(b) - digamma(a+b)},
		} {
			v, err := IntegrateOverEnds(0, 1, func(x, l, h float64) (Value, error) {
				return exact(density(x, l, h) * c.g(x, l, h)), nil
			})
			require.NoError(t, err)
			assert.LessOrEqual(t, math.Abs(v.V-c.want), v.Err+1e-14, "%s of Beta(%g, %g): %v ± %v, want %v", what, a, b, v.V, v.Err, c.want)
			assert.Less(t, v.Rel(), 1e-9, "%s of Beta(%g, %g)", what, a, b)
		}
	}
	// The distances are those from each end, whichever way the limits run.
	_, err := IntegrateOverEnds(3, 1, func(x, l, h float64) (Value, error) {
		assert.InDelta(t, 3-x, l, 1e-12)
		assert.InDelta(t, x-1, h, 1e-12)
		return exact(1), nil
	})
	require.NoError(t, err)
}
