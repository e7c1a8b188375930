package rules

import (
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// log-ratio-scaled joins a pair whose coefficients are a number apart in
// sign only, in either order, and nothing else: other cofactors, other
// numbers, or a logarithm of a term not known positive stay.
func TestLogRatioScaled(t *testing.T) {
	ctx := testCtx(t)
	for in, want := range map[string]string{
		"-3*log(b) + 3*log(a)":                    "3*log(a/b)",
		"2*w*log(a) + 2*w*log(s) - 2*w*log(b)":    "2*w*log(a/b) + 2*w*log(s)",
		"1/2*(1 - c)*log(v) - 1/2*(1 - c)*log(s)": "1/2*(1 - c)*log(v/s)",
		"2*w*log(a) - 2*c*log(b)":                 "",
		"2*w*log(a) - 3*w*log(b)":                 "",
		"2*w*log(m) - 2*w*log(b)":                 "",
	} {
		e, _, err := ctx.Types.Check(expr.MustParse(in), nil, expr.Pos{})
		require.NoError(t, err, in)
		out, _, ok := LogRatioScaled.Get().Apply(e, ctx)
		if want == "" {
			assert.False(t, ok, in)
			continue
		}
		require.True(t, ok, in)
		assert.Equal(t, want, expr.String(out), in)
	}
}

// n - n·a takes its count out whatever the count is, a name, a product
// or a number, and only when the second term is the first times
// something: 1 - a, n - m·a and -n + n·a stay.
func TestFactorComplementVariants(t *testing.T) {
	ctx := testCtx(t)
	rng := rand.New(rand.NewPCG(5, 6))
	for in, want := range map[string]string{
		"s - s*a":       "s*(1 - a)",
		"3 - 3*b":       "3*(1 - b)",
		"1/2 - 1/2*b":   "1/2*(1 - b)",
		"n*k - n*k*a*b": "n*k*(1 - a*b)",
		"m_o - a_o*m_o": "m_o*(1 - a_o)",
		"1 - a":         "1 - a",
		"n - m*a":       "n - m*a",
		"-n + n*a":      "-n + n*a",
		"n - 2*n*a":     "n - 2*n*a",
	} {
		e, _, err := ctx.Types.Check(expr.MustParse(in), nil, expr.Pos{})
		require.NoError(t, err, in)
		out := everywhere(FactorComplement.Get(), e, ctx)
		assert.Equal(t, expr.String(expr.MustParse(want)), expr.String(out), in)
		sameValue(t, rng, ctx, e, out, 4)
	}
}
