package rules

import (
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
