package rules

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Generated sums of terms c·(monomial)·f(…) for special functions and
// logarithms f: the textbook form keeps the value, and writes each ψ
// factor once.
func TestCollectByFactorGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	ctx := &Context{Positive: map[string]bool{"a": true, "b": true, "s": true}}
	heads := []string{"digamma(a)", "digamma(a + b)", "digamma(1)", "log(b)", "log(s)", "log(gamma(a))", "erf(c)"}
	monos := []string{"1", "a", "b", "c", "a*b", "a^2", "c*s"}
	for n := 0; n < 300; n++ {
		var terms []string
		for k := 1 + rng.IntN(6); k > 0; k-- {
			coef := fmt.Sprintf("%d/%d", rng.IntN(7)-3, 1+rng.IntN(2))
			terms = append(terms, coef+"*"+monos[rng.IntN(len(monos))]+"*"+heads[rng.IntN(len(heads))])
		}
		if rng.IntN(2) == 0 {
			terms = append(terms, monos[rng.IntN(len(monos))])
		}
		in := expr.MustParse(strings.Join(terms, " + "))
		norm, ok := Normalize(in, ctx)
		require.True(t, ok)
		out := Present(norm, ctx)
		for _, h := range []string{"digamma(a)", "digamma(a + b)", "digamma(1)"} {
			assert.LessOrEqual(t, strings.Count(expr.String(out), h), 1, "%s → %s", expr.String(in), expr.String(out))
		}
		for i := 0; i < 4; i++ {
			env := &expr.Env{Vals: map[string]float64{
				"a": expr.Positive.Draw(rng), "b": expr.Positive.Draw(rng), "s": expr.Positive.Draw(rng), "c": expr.Real.Draw(rng)}}
			want, err := expr.Eval(in, env)
			require.NoError(t, err)
			got, err := expr.Eval(out, env)
			require.NoError(t, err, expr.String(out))
			assert.InDelta(t, want, got, 1e-9*math.Max(1, math.Abs(want)), "%s → %s", expr.String(in), expr.String(out))
		}
	}
}

// A logarithm over a square root inside a function's argument,
// erf(log(m)/sqrt(2*v) - mu/sqrt(2*v)), keeps its denominator: the
// cofactor of the logarithm was looked up among the terms before the
// square root was written whole, found nowhere, and dropped.
func TestPresentKeepsTheCofactorOfALogarithm(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"m": true, "v": true, "s": true}}
	env := &expr.Env{Vals: map[string]float64{"m": 0.67, "v": 0.86, "mu": 1.1, "s": 0.74}}
	for _, src := range []string{
		"erf(log(m)/sqrt(2*v) - mu/sqrt(2*v))",
		"m*erf(log(m)/sqrt(2*v) - mu/sqrt(2*v))/s - exp(mu + v/2)*erf(log(m)/sqrt(2*v) - mu/sqrt(2*v) - sqrt(v/2))/s",
		"log(2)/sqrt(v) + log(pi)/sqrt(v)",
	} {
		presentKeepsValue(t, ctx, env, src)
	}
}

// Terms with one number and a name in common share one product, and a
// half is taken out over logarithms only when what it squares is a name:
// a uniform's mean times a rate reads l*(a + b)/2 beside log(l*(b - a)),
// in either sign and with other names, while the Gaussian's
// -1/2*(1 + log(s^2) - ...) keeps its square of a name; two names are
// never squared into one logarithm, log(b^2*l^2).
func TestPresentSharesAFactorAndSquaresOnlyNames(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"l": true, "r": true, "s": true}, PositiveExprs: []expr.Expr{expr.MustParse("b - a"), expr.MustParse("d - c")}}
	env := &expr.Env{Vals: map[string]float64{"l": 0.7, "r": 1.9, "s": 0.8, "a": 0.3, "b": 1.4, "c": -0.5, "d": 2.1, "m": 0.4}}
	for src, want := range map[string]string{
		"l*a/2 + l*b/2 - log(b - a) - log(l)":  "1/2*l*(a + b) - log(l*(b - a))",
		"-r*c/2 - r*d/2 + log(d - c) + log(r)": "log(r*(d - c)) - 1/2*r*(c + d)",
		"-1/2 - log(s) + s^2/2 + m^2/2":        "-1/2*(1 + log(s^2) - m^2 - s^2)",
		"3/2*l*a + 3/2*l*b + 3/2*r*a":          "3/2*(l*a + r*a + l*b)",
		"1/2*l*a + 1/2*r*b - log(b - a)":       "1/2*l*a + 1/2*r*b - log(b - a)",
		// Two names are not squared into one logarithm: Uniform(0, b)
		// against Exponential(l).
		"-log(b) - log(l) + l*b/2":      "1/2*l*b - log(b*l)",
		"log(s) + log(r) - r*m/2 - 1/2": "log(r*s) - 1/2*r*m - 1/2",
	} {
		out := presentKeepsValue(t, ctx, env, src)
		assert.Equal(t, expr.String(expr.MustParse(want)), expr.String(out), src)
	}
}

// An exponential in a denominator is written as the exponential of its
// negated argument, in a product and alone, the exponentials of a
// product are one, and the value is kept.
func TestPresentWritesAReciprocalExpAsExp(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"l": true, "v": true}}
	env := &expr.Env{Vals: map[string]float64{"l": 0.7, "v": 1.3, "k": 0.4, "m": -0.9, "a": 2.2}}
	for src, want := range map[string]string{
		"3*k - 3*m + l/exp(3*k - 3*m)": "3*k + l*exp(3*(m - k)) - 3*m",
		"a/exp(v)":                     "a*exp(-v)",
		"1/exp(v/2) + m":               "m + exp(-1/2*v)",
		"l*exp(k)":                     "l*exp(k)",
		// The exponentials of one term are one: a Gamma's rate exp(c)
		// times a LogNormal's mean.
		"l*exp(k)*exp(m + v/2)": "l*exp(k + m + 1/2*v)",
		"exp(k)^2*exp(-m)/l":    "exp(2*k - m)/l",
		"exp(k)*exp(-k) + a":    "a + 1",
	} {
		out := presentKeepsValue(t, ctx, env, src)
		assert.Equal(t, expr.String(expr.MustParse(want)), expr.String(out), src)
	}
}

// presentKeepsValue normalises and presents src, requires that the
// textbook form has the value of src at env, and returns it.
func presentKeepsValue(t *testing.T, ctx *Context, env *expr.Env, src string) expr.Expr {
	t.Helper()
	in := expr.MustParse(src)
	norm, ok := Normalize(in, ctx)
	require.True(t, ok, src)
	out := Present(norm, ctx)
	want, err := expr.Eval(in, env)
	require.NoError(t, err)
	got, err := expr.Eval(out, env)
	require.NoError(t, err, expr.String(out))
	assert.InDelta(t, want, got, 1e-12*math.Max(1, math.Abs(want)), "%s → %s", src, expr.String(out))
	return out
}
