package rules

import (
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// cancelEverywhere cancels common factors at every node until nothing
// changes, as the engine's exhaustive walk does.
func cancelEverywhere(e expr.Expr, ctx *Context) expr.Expr {
	for range 16 {
		out := everywhere(CancelFactor.Get(), e, ctx)
		if expr.Equal(out, e) {
			return out
		}
		e = out
	}
	return e
}

// A factor above and below one product cancels, for other names,
// compound bases, powers on either side and either side the larger; a
// reciprocal inside a denominator goes up, (m^2 + 1)/(2/w); a
// factor not known to be positive (m, which may be 0) stays, and so
// does a denominator opened under a fractional power that is not known
// positive.
func TestCancelFactorVariants(t *testing.T) {
	ctx := testCtx(t)
	for in, want := range map[string]string{
		"(m^2 + 1)/(2/w)":         "1/2*(m^2 + 1)*w",
		"(k - m)^2/(2*s^(-2))":    "1/2*(k - m)^2*s^2",
		"-s^2/(2*s^2)":            "-1/2",
		"-v/(2*v)":                "-1/2",
		"(a^2 + w)/(2*(a^2 + w))": "1/2",
		"exp(k)/exp(k)":           "1",
		"3*exp(k)^2/(4*exp(k))":   "3/4*exp(k)",
		"b^2/b^2":                 "1",
		"b^3/(5*b^2)":             "1/5*b",
		"s^2/(2*s^4*w)":           "1/(2*s^2*w)",
		"v^(1/2)*(m^2 + 1)/(2*v)": "(m^2 + 1)/(2*v^(1/2))",
		"v/(2*v)^(1/2)":           "v^(1/2)/2^(1/2)",
		"m/(2*m^2)^(1/2)":         "m/(2*m^2)^(1/2)",
		"m/(2*m)":                 "m/(2*m)",
		"m^2/(3*m^2)":             "m^2/(3*m^2)",
		"(w - k)^2/(2*(w - k)^2)": "(w - k)^2/(2*(w - k)^2)",
		"(s^2 + (m - k)^2)/(2*w)": "(s^2 + (m - k)^2)/(2*w)",
	} {
		e, _, err := ctx.Types.Check(expr.MustParse(in), nil, expr.Pos{})
		require.NoError(t, err, in)
		out := cancelEverywhere(e, ctx)
		assert.Equal(t, expr.String(expr.MustParse(want)), expr.String(out), in)
		rng := rand.New(rand.NewPCG(3, 4))
		sameValue(t, rng, ctx, e, out, 8)
	}
}
