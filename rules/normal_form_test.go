package rules

import (
	"math"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The normal form does not distribute over the argument of a special
// function: erf((log(u) - c)/sqrt(2*w)) keeps its one fraction, in any
// names and signs, while arguments that are equal, written either way,
// still cancel.
func TestNormalFormKeepsSpecialArguments(t *testing.T) {
	ctx := testCtx(t)
	norm := func(s string) string {
		e, _, err := ctx.Types.Check(expr.MustParse(s), nil, expr.Pos{})
		require.NoError(t, err, s)
		out, ok := Normalize(e, ctx)
		require.True(t, ok, s)
		return expr.String(out)
	}
	for in, want := range map[string]string{
		"erf((log(w) - c)/sqrt(2*v))":         "erf((log(w) - c)/sqrt(2*v))",
		"erf(log(w)/sqrt(2*v) - c/sqrt(2*v))": "erf((log(w) - c)/sqrt(2*v))",
		"erf((k - m)/sqrt(2*s))":              "erf((k - m)/sqrt(2*s))",
		"3*digamma((a + b)/2 + a/2)":          "3*digamma(a + 1/2*b)",
	} {
		assert.Equal(t, want, norm(in), in)
	}
	assert.Equal(t, "0", norm("erf((u - c)/sqrt(2*w)) - erf(u/sqrt(2*w) - c/sqrt(2*w))"))
	assert.Equal(t, "0", norm("gamma((a + b)/v) - gamma(b/v + a/v)"))
}

// A power of a sum whose coefficients are all over one denominator has
// the fraction taken out, as an author writes (7*b - m)^2/4; a sum with
// an integer coefficient among its halves keeps them.
func TestNormalFormTakesASharedFractionOutOfAPower(t *testing.T) {
	ctx := testCtx(t)
	for in, want := range map[string]string{
		"(7/2*b - 1/2*m)^2":     "1/4*(7*b - m)^2",
		"(3/4*k + 3/4)^2":       "9/16*(k + 1)^2",
		"(1/2*a + 1/2*b - m)^2": "(1/2*a + 1/2*b - m)^2",
		"(1/2*a + 1/3*b)^2":     "(1/2*a + 1/3*b)^2",
	} {
		e, _, err := ctx.Types.Check(expr.MustParse(in), nil, expr.Pos{})
		require.NoError(t, err, in)
		out, ok := Normalize(e, ctx)
		require.True(t, ok, in)
		assert.Equal(t, want, expr.String(out), in)
	}
}

// The logarithm of a positive sum with a content is the logarithm of
// the content plus that of the rest; a sum with no content, one not
// known positive, or one of fractions stays whole.
func TestLogOfSumTakesOutItsContent(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true, "v": true}}
	env := &expr.Env{Vals: map[string]float64{"s": 0.7, "v": 1.3, "m": -0.4}}
	for src, want := range map[string]string{
		"log(2*pi*s^2 + 2*pi*v)": "log(2) + log(pi) + log(s^2 + v)",
		"log(6*s + 4*s*v)":       "log(2) + log(s) + log(3 + 2*v)",
		"log(s/2 + v/2)":         "-log(2) + log(s + v)",
		"log(s + v)":             "log(s + v)",
		"log(2*m + 2*s)":         "log(2*m + 2*s)",
		"log(2*s + 2*v^2 - 2*m)": "log(2*s + 2*v^2 - 2*m)",
		"log(2/s + 2/v)":         "log(2/s + 2/v)",
	} {
		in := expr.MustParse(src)
		got, ok := Normalize(in, ctx)
		require.True(t, ok, src)
		w, _ := Normalize(expr.MustParse(want), ctx)
		assert.Equal(t, termSet(w), termSet(got), src)
		x, err := expr.Eval(in, env)
		require.NoError(t, err, src)
		y, err := expr.Eval(got, env)
		require.NoError(t, err, src)
		assert.InDelta(t, x, y, 1e-12*math.Max(1, math.Abs(x)), "%s → %s", src, expr.String(got))
	}
}

// A denominator that is a product of sums keeps them apart, so the
// presentation can write a Beta's second moment over (a + b)·(a + b + 1);
// the two forms are equal, and a shared sum still cancels.
func TestNormalFormKeepsTheFactorsOfADenominator(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"a": true, "b": true}}
	env := &expr.Env{Vals: map[string]float64{"a": 0.8, "b": 2.5}}
	for in, want := range map[string]string{
		"a*(a + 1)/((a + b)*(a + b + 1))": "(a + a^2)/((a + b)*(a + b + 1))",
		"1/((a + b)^2*(a + b + 1))":       "1/((a + b)^2*(a + b + 1))",
		"(a + b)/((a + b)*(a + 1))":       "1/(a + 1)",
	} {
		out := presentKeepsValue(t, ctx, env, in)
		assert.Equal(t, expr.String(expr.MustParse(want)), expr.String(out), in)
	}
}

// The logarithm of a sum over positive denominators is that of its
// numerator less those of the denominators, so that a Geometric of
// probability 1/(s + 1) leaves log(s) − log(s + 1) rather than
// log(1 − 1/(s + 1)); inside a product too, in other names and numbers.
// A numerator not known positive leaves the logarithm whole.
func TestLogOfAFractionOfSums(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true, "v": true, "t": true}}
	for _, c := range []struct{ in, want string }{
		{"log(1 - 1/(s + 1))", "log(s) - log(s + 1)"},
		{"log(1 - 1/(1 + v))", "log(v) - log(1 + v)"},
		{"log(v/(1 - 1/(s + 1)))", "log(v) + log(s + 1) - log(s)"},
		{"log(1 - 1/(1 + exp(-t)))", "-t - log(1 + exp(-t))"},
		{"log(2 + 3/(s + v))", "log(2*s + 2*v + 3) - log(s + v)"},
		{"-4*log(1 - 2/(s + 2))", "4*log(s + 2) - 4*log(s)"},
		{"log(1 - 1/(s + 1)) - log(s) + log(s + 1)", "0"},
		{"log(m - 1/(s + 1))", "log(m - 1/(s + 1))"},
	} {
		got, ok := Normalize(expr.MustParse(c.in), ctx)
		require.True(t, ok, c.in)
		want, ok := Normalize(expr.MustParse(c.want), ctx)
		require.True(t, ok, c.want)
		assert.Equal(t, termSet(want), termSet(got), "%s → %s", c.in, expr.String(got))
		for _, env := range []map[string]float64{{"s": 0.3, "v": 2.1, "t": 0.9, "a": 0.2, "m": 3.5}, {"s": 7, "v": 0.05, "t": 3, "a": -4, "m": 1.5}} {
			x, err := expr.Eval(expr.MustParse(c.in), &expr.Env{Vals: env})
			require.NoError(t, err, c.in)
			y, err := expr.Eval(got, &expr.Env{Vals: env})
			require.NoError(t, err, c.in)
			assert.InDelta(t, x, y, 1e-12*math.Max(1, math.Abs(x)), "%s → %s at %v", c.in, expr.String(got), env)
		}
	}
}

// A sum that a power turns from a denominator into a factor is
// multiplied out, so that it cancels as any other sum does: the moments
// of a Geometric of probability 1/(1 + exp(-s)) leave s·(1 + exp(-s)) − s,
// which is s·exp(-s).
func TestNormalFormExpandsAFlippedDenominator(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true, "v": true}}
	for _, c := range []struct{ in, want string }{
		{"s/(1/(1 + exp(-s))) - s", "s*exp(-s)"},
		{"m/(1/(v + 2)) - 2*m", "m*v"},
		{"(1/(1 + v))^(-2) - 1 - 2*v", "v^2"},
	} {
		got, ok := Normalize(expr.MustParse(c.in), ctx)
		require.True(t, ok, c.in)
		assert.Equal(t, c.want, expr.String(Present(got, ctx)), c.in)
	}
}
