package latex

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
)

// \binom{n}{k}, its display and text forms and the plain-TeX {n \choose
// k} read as Γ(n + 1)/(Γ(k + 1)·Γ(n − k + 1)), with compound arguments
// and beside other factors.
func TestBinomialCoefficient(t *testing.T) {
	for src, want := range map[string]string{
		`\binom{n}{x}`:                   "gamma(n + 1)/(gamma(x + 1)*gamma(n - x + 1))",
		`\dbinom{m}{j}`:                  "gamma(m + 1)/(gamma(j + 1)*gamma(m - j + 1))",
		`\tbinom{5}{2}`:                  "gamma(6)/(gamma(3)*gamma(4))",
		`{n \choose x}`:                  "gamma(n + 1)/(gamma(x + 1)*gamma(n - x + 1))",
		`{m + 1 \choose j - 1} p^j`:      "gamma(m + 2)*p^j/(gamma(j)*gamma(m + 2 - (j - 1)))",
		`\binom{a}{b} + {a \choose b+1}`: "gamma(a + 1)/(gamma(b + 1)*gamma(a - b + 1)) + gamma(a + 1)/(gamma(b + 2)*gamma(a - (b + 1) + 1))",
	} {
		x, err := Parse(src, texOpt)
		if assert.NoError(t, err, src) {
			assert.Equal(t, want, expr.String(x), src)
		}
	}
	// The coefficient's value, not only its form: 6 choose 2 is 15.
	x, err := Parse(`{6 \choose 2}`, texOpt)
	if assert.NoError(t, err) {
		v, err := expr.Eval(x, &expr.Env{})
		if assert.NoError(t, err) {
			assert.InDelta(t, 15, v, 1e-12)
		}
	}
	for _, src := range []string{`\binom{n}`, `{n \choose}`, `{n \choose x`} {
		_, err := Parse(src, texOpt)
		assert.Error(t, err, src)
	}
}
