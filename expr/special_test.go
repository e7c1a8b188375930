package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mathext"
)

func TestSpecialValues(t *testing.T) {
	euler := 0.57721566490153286
	cases := map[string]float64{
		"gamma(5)":         24,
		"gamma(1/2)":       math.Sqrt(math.Pi),
		"lgamma(1/2)":      math.Log(math.Pi) / 2,
		"lgamma(200)":      857.93366982585743, // log(199!), far past where gamma overflows
		"digamma(1)":       -euler,
		"digamma(1/2)":     -euler - 2*math.Log(2),
		"trigamma(1)":      math.Pi * math.Pi / 6,
		"trigamma(1/2)":    math.Pi * math.Pi / 2,
		"trigamma(3)":      math.Pi*math.Pi/6 - 1 - 1.0/4,
		"trigamma(1/4)":    math.Pi*math.Pi + 8*0.91596559417721901, // π² + 8G, G Catalan's constant
		"beta(2, 3)":       1.0 / 12,
		"lbeta(1/2, 1/2)":  math.Log(math.Pi),
		"erf(0)":           0,
		"erf(1) + erf(-1)": 0,
		"erf(3/10)":        0.32862675945912743,
		"beta(a, b)*gamma(a + b) - gamma(a)*gamma(b)": 0,
		"max(a, b) + min(a, b)":                       2.1,
		"max(-1/3, 0)":                                0,
		"gammainc(1, 2)":                              1 - math.Exp(-2),       // the exponential's cdf
		"gammainc(2, 3)":                              1 - 4*math.Exp(-3),     // 1 − e^(−x)(1 + x)
		"gammainc(1/2, 2)":                            math.Erf(math.Sqrt(2)), // the half-normal's cdf
		"gammainc(a, 0)":                              0,
		"betainc(1, 1, 3/10)":                         0.3,  // the uniform's cdf
		"betainc(2, 1, 3/10)":                         0.09, // x²
		"betainc(a, b, 1)":                            1,
		"betainc(a, b, 0)":                            0,
		"betainc(1/2, 1/2, 1/4)":                      2 / math.Pi * math.Asin(0.5), // the arcsine law
	}
	env := &Env{Vals: map[string]float64{"a": 1.7, "b": 0.4}}
	for src, want := range cases {
		v, err := EvalErr(MustParse(src), env)
		require.NoError(t, err, src)
		assert.InDelta(t, want, v.V, 1e-13*math.Max(1, math.Abs(want)), src)
		assert.Less(t, v.Err, 1e-12*math.Max(1, math.Abs(want)), src)
	}
}

func TestSpecialDomain(t *testing.T) {
	for src, msg := range map[string]string{
		"gamma(0)":            "gamma takes a positive number, not gamma(0)",
		"gamma(-1/2)":         "gamma takes a positive number",
		"digamma(-2)":         "digamma takes a positive number",
		"trigamma(0)":         "trigamma takes a positive number",
		"lgamma(-1/2)":        "lgamma takes a positive number",
		"beta(-1, 2)":         "beta takes two positive numbers",
		"lbeta(1, 0)":         "lbeta takes two positive numbers",
		"gamma(200)":          "gamma overflows",
		"beta(1)":             "beta takes 2 argument(s), not 1",
		"erf(1, 2)":           "erf takes 1 argument(s), not 2",
		"gammainc(0, 1)":      "gammainc takes a positive shape and a non-negative number",
		"gammainc(1, -1)":     "gammainc takes a positive shape and a non-negative number",
		"betainc(1, 2, 3/2)":  "betainc takes two positive shapes and a number in [0, 1]",
		"betainc(-1, 2, 1/2)": "betainc takes two positive shapes and a number in [0, 1]",
		"betainc(1, 2)":       "betainc takes 3 argument(s), not 2",
	} {
		_, err := Eval(MustParse(src), &Env{})
		if assert.Error(t, err, src) {
			assert.Contains(t, err.Error(), msg, src)
		}
	}
	// An argument whose interval reaches a pole has no error bound.
	v, err := EvalErr(MustParse("gamma(int(x, exp(-x^2))^2 - pi)"), &Env{})
	if err == nil {
		assert.False(t, v.Finite() && v.Rel() < 1e-6, "Γ near its pole at 0 is not accurate: %v", v)
	}
}

func TestSpecialPrint(t *testing.T) {
	cases := []struct{ src, unicode, latex string }{
		{"gamma(a)", "Γ(a)", `\Gamma(a)`},
		{"lgamma(a + 1)", "log Γ(a + 1)", `\log\Gamma(a + 1)`},
		{"digamma(alpha)", "ψ(α)", `\psi(\alpha)`},
		{"trigamma(a + b)", "ψ′(a + b)", `\psi'(a + b)`},
		{"trigamma(a)^2", "ψ′(a)²", `\psi'(a)^{2}`},
		{"beta(a, b)", "B(a, b)", `\mathrm{B}(a, b)`},
		{"lbeta(a, b)^2", "(log B(a, b))²", `(\log\mathrm{B}(a, b))^{2}`},
		{"erf(x)", "erf(x)", `\operatorname{erf}(x)`},
		{"beta*gamma", "β·γ", `\beta \gamma`},
		{"gammainc(a, b*x)", "P(a, b·x)", `\mathrm{P}(a, b x)`},
		{"betainc(a + 1, b, x)", "I_{x}(a + 1, b)", `I_{x}(a + 1, b)`},
		{"betainc(a, b, abs(u))", "I_{abs(u)}(a, b)", `I_{\left|u\right|}(a, b)`},
		{"betainc(a, b, min(max(u, 0), 1))", "I_{min(max(u, 0), 1)}(a, b)", `I_{\min(\max(u, 0), 1)}(a, b)`},
	}
	for _, c := range cases {
		x := MustParse(c.src)
		assert.Equal(t, c.src, String(x))
		assert.Equal(t, c.unicode, Format(x, Unicode), c.src)
		assert.Equal(t, c.latex, Format(x, LaTeX), c.src)
	}
}

// TestFamilyIsNotFunction: a family named like a special function prints
// as a distribution, with its semicolon, never as the function.
func TestFamilyIsNotFunction(t *testing.T) {
	families.Get()["Gamma"] = &Family{Name: "Gamma", Params: []Param{{"shape", Positive}, {"rate", Positive}},
		Support: HalfLine(0), TeX: `\mathrm{Gamma}`, Unicode: "Gamma"}
	defer delete(families.Get(), "Gamma")
	dist, fn := MustParse("Gamma(x; a, b)"), MustParse("gamma(a)")
	assert.Equal(t, "Gamma(x; a, b)", String(dist))
	assert.Equal(t, "Gamma(x; a, b)", Format(dist, Unicode))
	assert.Equal(t, `\mathrm{Gamma}(x;\, a, b)`, Format(dist, LaTeX))
	for _, s := range []Style{Plain, Unicode, LaTeX} {
		assert.NotEqual(t, Format(dist, s)[:3], Format(fn, s)[:3])
	}
}

func TestSpecialNames(t *testing.T) {
	// beta and gamma, bare, are the letters; called, the functions.
	f, err := ParseFile("t.kl", "p(x) = Normal(x; beta, gamma^2)\nassume beta > 0\nbeta: scalar\n")
	require.NoError(t, err)
	assert.Equal(t, "Normal(x; beta, gamma^2)", String(f.Densities[0].Body))
	for src, msg := range map[string]string{
		"beta(x) = Normal(x; 0, 1)\n":    "t.kl:1:1: beta is a built-in function and cannot be a density",
		"lgamma(x) = Normal(x; 0, 1)\n":  "t.kl:1:1: lgamma is a built-in function and cannot be a density",
		"p(x) = Normal(x; lgamma, 1)\n":  "t.kl:1:18: lgamma is a function, not a value",
		"p(x) = Normal(x; 0, beta(1))\n": "t.kl:1:21: beta takes 2 argument(s), not 1 in the density p",
		"derive KL(p || gamma)\n":        "t.kl:1:16: gamma is a built-in function and cannot be a density",
	} {
		_, err := ParseFile("t.kl", src)
		if assert.Error(t, err, src) {
			assert.Contains(t, err.Error(), msg, src)
		}
	}
}

// TestSpecialIdentities checks the functions against each other at random
// points: ψ is the derivative of log Γ and ψ′ that of ψ, the recurrences
// of Γ, ψ and ψ′, and log B from log Γ.
func TestSpecialIdentities(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	for range 200 {
		a, b := 0.2+8*rng.Float64(), 0.05+8*rng.Float64()
		h := 1e-4
		lg := func(x float64) float64 { v, _ := math.Lgamma(x); return v }
		slope := (lg(a+h) - lg(a-h)) / (2 * h)
		assert.InDelta(t, slope, digamma(a), 1e-6*math.Max(1, math.Abs(slope)), "ψ(%g)", a)
		assert.InDelta(t, digamma(a)+1/a, digamma(a+1), 1e-13*math.Max(1, math.Abs(1/a)), "ψ(%g + 1)", a)
		assert.InDelta(t, lg(a)+lg(b)-lg(a+b), mathext.Lbeta(a, b), 1e-13*math.Max(1, math.Abs(lg(a))+math.Abs(lg(b))+math.Abs(lg(a+b))), "log B(%g, %g)", a, b)
		assert.InDelta(t, a*math.Gamma(a), math.Gamma(a+1), 1e-14*math.Gamma(a+1), "Γ(%g + 1)", a)
		slope = (digamma(a+h) - digamma(a-h)) / (2 * h)
		assert.InDelta(t, slope, trigamma(a), 1e-6*trigamma(a), "ψ′(%g)", a)
		assert.InDelta(t, trigamma(a)-1/(a*a), trigamma(a+1), 1e-14*trigamma(a), "ψ′(%g + 1)", a)
	}
}

// TestTrigammaSeries compares ψ′ with its defining series Σ 1/(x + k)²,
// summed to N terms with the Euler–Maclaurin tail 1/y + 1/(2y²) + 1/(6y³)
// at y = x + N, whose next term is below 1e-17 for N = 2000: a reference
// that shares nothing with trigamma's own recurrence and expansion.
func TestTrigammaSeries(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	for range 50 {
		x := math.Exp(-4 + 9*rng.Float64())
		sum := 0.0
		const n = 2000
		for k := n - 1; k >= 0; k-- {
			y := x + float64(k)
			sum += 1 / (y * y)
		}
		y := x + n
		sum += 1/y + 1/(2*y*y) + 1/(6*y*y*y)
		assert.InDelta(t, sum, trigamma(x), 2e-15*sum, "ψ′(%g)", x)
	}
}

// TestIncompleteFunctionsAgainstQuadrature holds P(s, x) and I_x(a, b),
// computed by gonum's continued fractions and series, to the integrals
// that define them, ∫₀ˣ t^(s−1) e^(−t) dt/Γ(s) and ∫₀ˣ t^(a−1)(1 − t)^(b−1)
// dt/B(a, b), by this package's own double-exponential rule, and checks
// that their error estimates stay small at the ends of the domain.
func TestIncompleteFunctionsAgainstQuadrature(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for range 100 {
		s, x := math.Exp(-2+5*rng.Float64()), 40*rng.Float64()*rng.Float64()
		lg, _ := math.Lgamma(s)
		ref, err := IntegrateOver(0, x, func(t float64) (Value, error) {
			return Value{V: math.Exp((s-1)*math.Log(t) - t - lg)}, nil
		})
		require.NoError(t, err)
		v, err := EvalErr(Fn("gammainc", S("s"), S("x")), &Env{Vals: map[string]float64{"s": s, "x": x}})
		require.NoError(t, err)
		assert.InDelta(t, ref.V, v.V, 1e-13+ref.Err, "P(%g, %g)", s, x)
		a, b, y := math.Exp(-2+4*rng.Float64()), math.Exp(-2+4*rng.Float64()), rng.Float64()
		lb := mathext.Lbeta(a, b)
		ref, err = IntegrateOverEnds(0, y, func(t, fromLo, toHi float64) (Value, error) {
			return Value{V: math.Exp((a-1)*math.Log(t) + (b-1)*math.Log1p(-t) - lb)}, nil
		})
		require.NoError(t, err)
		v, err = EvalErr(Fn("betainc", S("a"), S("b"), S("y")), &Env{Vals: map[string]float64{"a": a, "b": b, "y": y}})
		require.NoError(t, err)
		assert.InDelta(t, ref.V, v.V, 1e-13+ref.Err, "I_%g(%g, %g)", y, a, b)
	}
	// At the edge of the domain, with an argument known only to
	// rounding, the estimate stays that of rounding (for shapes above 1:
	// below, I_x(a, b) is steeper than any power at that end, and the
	// estimate honestly grows with it).
	env := &Env{Vals: map[string]float64{"u": -0.3, "a": 1.5, "b": 1.7}}
	for _, src := range []string{"gammainc(a, (u + abs(u))/2)", "betainc(a, b, (u + abs(u))/2)", "betainc(a, b, (1 + abs(u + 2) - abs(u + 1))/2)"} {
		v, err := EvalErr(MustParse(src), env)
		require.NoError(t, err, src)
		assert.Less(t, v.Err, 1e-12, src)
	}
	// Through max and min the end is exact, whatever the shapes: the
	// argument's own estimate (2u − 1 carries its rounding) does not
	// reach across the edge.
	env = &Env{Vals: map[string]float64{"u": -0.3, "w": 1.3, "a": 0.2, "b": 0.3}}
	for _, src := range []string{"gammainc(a, max(2*u - 1, 0))", "betainc(a, b, min(max(2*u - 1, 0), 1))", "betainc(a, b, min(max(2*w - 1, 0), 1))"} {
		v, err := EvalErr(MustParse(src), env)
		require.NoError(t, err, src)
		assert.Less(t, v.Err, 1e-13, src)
	}
}

// TestLgammaAccuracy measures the standard library's log Γ against its
// values to 25 digits (mpmath), within a quarter of the bound lgammaScale
// claims: two roundings of the value at most.
func TestLgammaAccuracy(t *testing.T) {
	for x, want := range map[float64]float64{
		1.5:        -0.1207822376352452223455184,
		3.25:       0.9358019311087253582584675,
		7.75:       8.025458396315983871200245,
		8.5:        9.54926725730099771173714,
		20.125:     39.71159938675508038204342,
		171.5:      709.1431630309282422723639,
		1001:       5912.128178488163348878131,
		5001:       37591.14350887676656917322,
		100001:     1051299.221899121865129278,
		10000000.5: 151180957.4285217269192655,
	} {
		got, _ := math.Lgamma(x)
		assert.LessOrEqual(t, math.Abs(got-want), specialAcc*lgammaScale(want)/4, "lgamma(%g)", x)
	}
}
