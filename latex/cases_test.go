package latex

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCases: a cases environment reads as the piecewise expression the
// printer writes it from, in the printer's spelling and in common hand
// ones; its comparisons stay inside it, not relations of the chain.
func TestCases(t *testing.T) {
	want := expr.MustParse("cases(log((b2 - a2)/(b1 - a1)) if a2 <= a1 and b1 <= b2; inf otherwise)")
	for _, src := range []string{
		expr.Format(want, expr.LaTeX),
		`\begin{cases} \log\frac{b_2 - a_2}{b_1 - a_1} & \text{if } a_2 \le a_1 \text{ and } b_1 \le b_2, \\ \infty & \text{otherwise.} \end{cases}`,
		`\begin{cases} \log\frac{b_2 - a_2}{b_1 - a_1} & a_2 \leq a_1, b_1 \leq b_2 \\ \infty & \text{otherwise} \end{cases}`,
	} {
		x, err := Parse(src, Options{})
		require.NoError(t, err, src)
		assert.Equal(t, expr.String(want), expr.String(x), src)
	}
	// A value broken over rows without &, its condition beside its last
	// row or on a row of its own.
	long := expr.MustParse("cases(a + b - log(c) if a <= b and 0 < c; inf otherwise)")
	for _, src := range []string{
		`\begin{cases} a + b \\ \quad - \log c & \text{if } a \leq b \text{ and } 0 < c \\ \infty & \text{otherwise} \end{cases}`,
		`\begin{cases} a + b \\ \quad {} - \log c & \text{if } a \leq b \text{ and } 0 < c \\ \infty & \text{otherwise} \end{cases}`,
		"\\begin{cases}\na \\\\\n\\quad + b \\\\\n\\quad - \\log c \\\\\n\\quad \\text{if }a \\leq b\\text{ and }0 < c \\\\\n\\infty & \\text{otherwise}\n\\end{cases}",
	} {
		x, err := Parse(src, Options{})
		require.NoError(t, err, src)
		assert.Equal(t, expr.String(long), expr.String(x), src)
	}
	parts, err := ParseChain(`D = \begin{cases} 0 & \text{if } a < b \\ \infty & \text{otherwise}\end{cases} = E`, Options{})
	require.NoError(t, err)
	require.Len(t, parts, 3)
	assert.Equal(t, "cases(0 if a < b; inf otherwise)", expr.String(parts[1].X))
	for src, msg := range map[string]string{
		`\begin{cases} 1 & \text{otherwise} \end{cases}`:                           "is the last row of cases, after a row with a condition",
		`\begin{cases} 1 & \text{if } a \\ 0 & \text{otherwise} \end{cases}`:       "expected a comparison",
		`\begin{cases} 1 & \text{when } a < b \\ 0 & \text{otherwise} \end{cases}`: `expected \text{if} or \text{otherwise}`,
		`\begin{cases} 1 & \text{if } a < b \end{cases}`:                           "ends with a row",
		`\begin{cases} 1 \\ + 2 & \text{otherwise} \end{cases}`:                    "is the last row of cases, after a row with a condition",
		`\begin{cases} 1 & \text{if } a < b \\ 0 \end{cases}`:                      "each row of cases is a value, &, and its condition",
	} {
		_, err := Parse(src, Options{})
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), msg, src)
	}
}

// A product with a cases factor prints its fraction in front of the
// environment, as an author sets it, and reads back as the product:
// over a symbol, a product, a number, negated, with other factors.
func TestCasesFactorRoundTrip(t *testing.T) {
	for _, src := range []string{
		"cases(a - m if m <= 0; a + m otherwise)/s",
		"-cases(a - m if m <= 0; a + m otherwise)/s",
		"2*c*cases(log(a) if 0 < a; inf otherwise)/(s*t)",
		"cases(a if a < b; b otherwise)/(1 + s)",
		"cases(a if a < b; b otherwise)/2 + log(s)",
		"exp(v)*cases(a if a < b; b otherwise)/sqrt(v)",
	} {
		want := expr.MustParse(src)
		tex := expr.Format(want, expr.LaTeX)
		assert.NotContains(t, tex, `\frac{\begin{cases}`, src)
		x, err := Parse(tex, Options{})
		require.NoError(t, err, tex)
		assert.Equal(t, expr.String(want), expr.String(x), "%s printed as %s", src, tex)
	}
}

// A second row whose condition is the first's complement is the value
// otherwise, as a density's 0 & x < 0 is; rows that leave a point out
// (x > 0 and x < 0 miss 0) are still refused.
func TestCasesComplement(t *testing.T) {
	for src, want := range map[string]string{
		`\begin{cases} e^{-x} & x \geq 0 \\ 0 & x < 0 \end{cases}`:       "cases(exp(-x) if x >= 0; 0 otherwise)",
		`\begin{cases} 1 & 0 < x \\ 0 & x \leq 0 \end{cases}`:            "cases(1 if 0 < x; 0 otherwise)",
		`\begin{cases} 1 & x > a \\ 2 & \text{if } a \geq x \end{cases}`: "cases(1 if x > a; 2 otherwise)",
	} {
		x, err := Parse(src, Options{})
		require.NoError(t, err, src)
		assert.Equal(t, want, expr.String(x), src)
	}
	for _, src := range []string{
		`\begin{cases} 1 & x > 0 \\ 0 & x < 0 \end{cases}`,
		`\begin{cases} 1 & x > 0 \\ 0 & y \leq 0 \end{cases}`,
	} {
		_, err := Parse(src, Options{})
		assert.Error(t, err, src)
	}
}
