package rules

import (
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
