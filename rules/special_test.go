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
		for _, r := range Special.Get() {
			_, _, ok := r.Apply(in, ctx)
			assert.False(t, ok, "%s rewrites %s, whose argument may be negative", r.Name, src)
		}
	}
}

// The exact values fold at the numbers they hold for, and only there.
func TestSpecialValues(t *testing.T) {
	ctx := testCtx(t)
	for src, want := range map[string]string{
		"trigamma(1)": "1/6*pi^2", "trigamma(2)": "1/6*pi^2 - 1", "trigamma(1/2)": "1/2*pi^2", "trigamma(3/2)": "1/2*pi^2 - 4",
		"gamma(1)": "1", "gamma(2)": "1", "gamma(6)": "120", "lgamma(2)": "log(1)", "beta(1, 1)": "1", "beta(2, 2)": "1/6",
		"trigamma(0)": "", "trigamma(-1/2)": "", "trigamma(1/3)": "", "trigamma(a)": "", "gamma(1/2)": "sqrt(pi)", "gamma(3/2)": "1/2*sqrt(pi)", "gamma(7/2)": "15/8*sqrt(pi)",
		"gamma(-1/2)": "", "gamma(1/3)": "", "gamma(21)": "",
		"beta(1/2, 1)": "gamma(1/2)*gamma(1)/gamma(3/2)", "beta(1/2, 1/2)": "gamma(1/2)*gamma(1/2)/gamma(1)", "lgamma(0)": "",
		"beta(-1/2, 1)": "", "beta(1/3, 1/2)": "", "beta(1/2, a)": "",
		"digamma(1/2)": "digamma(1) - 2*log(2)", "digamma(3/2)": "digamma(1) - 2*log(2) + 2", "digamma(7/2)": "digamma(1) - 2*log(2) + 46/15",
		"digamma(1)": "", "digamma(2)": "digamma(1) + 1", "digamma(5)": "digamma(1) + 25/12", "digamma(0)": "", "digamma(-1/2)": "", "digamma(1/3)": "",
	} {
		var got string
		for _, r := range SpecialValues.Get() {
			if out, _, ok := r.Apply(expr.MustParse(src), ctx); ok {
				got = expr.String(out)
			}
		}
		assert.Equal(t, want, got, src)
	}
}
