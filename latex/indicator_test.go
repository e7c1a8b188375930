package latex

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The indicator of an order condition is the piecewise 1 where it holds,
// 0 elsewhere, in each bracket a document writes it with; a chain of
// two comparisons is both; an equality is not read as one.
func TestIndicator(t *testing.T) {
	for src, want := range map[string]string{
		`\lambda e^{-\lambda x} \mathbb{1}[x \geq 0]`: "lambda*exp(-lambda*x)*cases(1 if x >= 0; 0 otherwise)",
		`\mathbb{1}(x > a)`:                           "cases(1 if x > a; 0 otherwise)",
		`\mathbb{1}\{0 < x < 1\}`:                     "cases(1 if 0 < x and x < 1; 0 otherwise)",
		`\mathbb 1_{x \le b} + 1`:                     "cases(1 if x <= b; 0 otherwise) + 1",
	} {
		x, err := Parse(src, Options{})
		require.NoError(t, err, src)
		assert.Equal(t, want, expr.String(x), src)
		back, err := expr.ParseExpr(expr.String(x))
		require.NoError(t, err, src)
		assert.True(t, expr.Equal(x, back), "%s reads back", src)
	}
	for _, src := range []string{`\mathbb{1}(x = k)`, `\mathbb{1}[x \neq 0]`, `\mathbb{1} x`, `\mathbb{1}[x]`} {
		_, err := Parse(src, Options{})
		assert.Error(t, err, src)
	}
}
