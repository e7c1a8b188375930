package rules

import (
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sign of an argument of abs and erf goes where it has fewer minus
// signs, for sums, products and numbers, nested and in either order, and
// so does the base of an even power (not an odd one); a tie keeps the
// argument as written; a positive power of exp goes into
// the exponent, a negative one stays a quotient.
func TestSignsVariants(t *testing.T) {
	ctx := testCtx(t)
	rng := rand.New(rand.NewPCG(7, 8))
	for in, want := range map[string]string{
		"abs(-3*m - 1)":           "abs(3*m + 1)",
		"abs(-k)":                 "abs(k)",
		"abs(-2)":                 "abs(2)",
		"abs(-m - k + 1)":         "abs(m + k - 1)",
		"abs(m - 1)":              "abs(m - 1)",
		"abs(1 - m)":              "abs(1 - m)",
		"-erf(-1/sqrt(2*v))":      "erf(1/sqrt(2*v))",
		"erf(-(m + k)/sqrt(2*v))": "-erf((m + k)/sqrt(2*v))",
		"2*erf(-m - k)":           "-2*erf(m + k)",
		"erf(k - m)":              "erf(k - m)",
		"exp(w)^2":                "exp(2*w)",
		"exp(-m + k)^3/s":         "exp(3*(-m + k))/s",
		"exp(w)^(1/2)":            "exp(1/2*w)",
		"(-2*a - m)^2":            "(2*a + m)^2",
		"exp(-(-m - 1)^2/(2*v))":  "exp(-(m + 1)^2/(2*v))",
		"(-m - 1)^3":              "(-m - 1)^3",
		"(x - m)^2":               "(x - m)^2",
		"(-x + m)^2":              "(-x + m)^2",
		"b/exp(w)":                "b/exp(w)",
		"exp(-abs(-3*m - 1)/s)":   "exp(-abs(3*m + 1)/s)",
	} {
		e, _, err := ctx.Types.Check(expr.MustParse(in), nil, expr.Pos{})
		require.NoError(t, err, in)
		out := e
		for _, r := range Signs.Get() {
			out = everywhere(r, out, ctx)
		}
		assert.Equal(t, expr.String(expr.MustParse(want)), expr.String(out), in)
		sameValue(t, rng, ctx, e, out, 6)
	}
}
