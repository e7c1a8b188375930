package rules

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
)

// Γ and B are positive only where their arguments are: for an argument of
// unknown sign, the logarithm's rules must not fire.
func TestSpecialPositivity(t *testing.T) {
	ctx := testCtx(t)
	for src, want := range map[string]bool{
		"gamma(a)": true, "gamma(a + 1)": true, "beta(a, b)": true, "beta(a, 2*s)": true,
		"gamma(m)": false, "beta(a, m)": false, "gamma(a - 1)": false,
		"lgamma(a)": false, "digamma(a)": false,
	} {
		assert.Equal(t, want, ctx.IsPositive(expr.MustParse(src)), src)
	}
	for _, src := range []string{"log(gamma(m))", "log(beta(m, a))", "gamma(m + 1)", "digamma(m + 1)", "lgamma(m)"} {
		in := expr.MustParse(src)
		for _, r := range Special {
			_, _, ok := r.Apply(in, ctx)
			assert.False(t, ok, "%s rewrites %s, whose argument may be negative", r.Name, src)
		}
	}
}
