package render

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klderive/klderive/expr"
	texread "github.com/klderive/klderive/latex"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomNestedCases is a row whose piecewise part is not its top level:
// a term of a sum (log(2·s) + { … }), a factor over a scale ({ … }/s + …)
// or a factor with a coefficient (c·{ … }), as a moment rule leaves them.
func randomNestedCases(r *rand.Rand) expr.Expr {
	cs := randomCases(r)
	rest := randomSum(r, 1+r.IntN(3))
	switch r.IntN(3) {
	case 0:
		return expr.Sum(rest, cs)
	case 1:
		return expr.Sum(expr.Quo(cs, expr.S("s")), rest)
	}
	return expr.Sum(expr.Prod(expr.S("c"), cs), rest)
}

// A row with a piecewise term or factor breaks inside it as a piecewise
// row does: in LaTeX the reader reads the broken row back as the row
// unbroken, and a row whose widest term and condition have room fits;
// in text the lines joined with single spaces are the row on one line,
// and they fit the width when the widest term and condition do.
func TestBreakNestedCases(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	runes := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	fitted, broken, textFitted, textBroken := 0, 0, 0, 0
	for range 200 {
		x := randomNestedCases(r)
		avail := 24 + 40*r.Float64()
		lines := breakRow(texRow{x: x}, avail, expr.Notation{})
		src := strings.Join(lines, " \\\\\n")
		if strings.Contains(src, `\begin{cases}`+"\n") {
			broken++
		}
		leaf, cond := leaves(expr.Notation{}.Break(x, expr.LaTeX), texWidth)
		// The cases' brace, a \frac's bar or a coefficient, and the
		// continuation's \qquad before the widest term two levels in.
		if need := texWidth("&= ") + 2 + casesBrace + casesQuad + texWidth(`\text{otherwise}`) + max(leaf+3, cond+1); need <= avail {
			fitted++
			for _, l := range lines {
				assert.LessOrEqual(t, texWidth(l), avail, "%s at %.1f em:\n%s", expr.String(x), avail, src)
			}
		}
		whole, err := texread.Parse(expr.Format(x, expr.LaTeX), texread.Options{})
		require.NoError(t, err, expr.Format(x, expr.LaTeX))
		// The continuation rows of the alignment, as the reader reads
		// a derivation's row: one expression.
		joined := strings.TrimPrefix(src, "&= ")
		joined = strings.ReplaceAll(joined, " \\\\\n&\\qquad ", " ")
		back, err := texread.Parse(joined, texread.Options{})
		require.NoError(t, err, src)
		assert.Equal(t, expr.String(whole), expr.String(back), src)

		width := 50 + r.IntN(80)
		text := wrapText("  = ", x, width, expr.Notation{})
		if len(text) > 1 && strings.Contains(strings.Join(text, "\n"), "otherwise") && !strings.Contains(text[0], "otherwise") {
			textBroken++
		}
		tleaf, tcond := leaves(expr.Notation{}.Break(x, expr.Unicode), runes)
		if need := max(6+8+tleaf+4, 6+6+tcond+4); need <= float64(width) {
			textFitted++
			for _, l := range text {
				assert.LessOrEqual(t, utf8.RuneCountInString(l), width, "%s at %d columns:\n%s", expr.String(x), width, strings.Join(text, "\n"))
			}
		}
		assert.Equal(t, strings.Join(strings.Fields("  = "+expr.Format(x, expr.Unicode)), " "),
			joinText(text))
	}
	assert.Greater(t, fitted, 50, "rows whose terms fit the width")
	assert.Greater(t, broken, 50, "rows broken inside their cases in LaTeX")
	assert.Greater(t, textFitted, 50, "rows whose terms fit the columns")
	assert.Greater(t, textBroken, 50, "rows broken inside their cases in text")
}

// The H(LogNormal, Laplace) row of the moments: { … }/s + log(2·s)
// breaks inside its cases, each value on lines of its own; in text the
// scale follows the brace, in LaTeX its fraction stands in front, as an
// author sets it, \frac{1}{s} \begin{cases}…, not the cases over s.
func TestBreakCasesOverScale(t *testing.T) {
	x := expr.MustParse("cases(exp(a + b/2) - m if m <= 0; m*erf((log(m) - a)/sqrt(2*b)) - exp(a + b/2)*erf((log(m) - a - b)/sqrt(2*b)) otherwise)/s + log(2*s)")
	assert.Equal(t, []string{
		"  = { exp(a + b/2) - m                                                              if m ≤ 0;",
		"      m·erf((log(m) - a)/sqrt(2·b)) - exp(a + b/2)·erf((log(m) - a - b)/sqrt(2·b))  otherwise }/s",
		"      + log(2·s)",
	}, wrapText("  = ", x, 100, expr.Notation{}))
	line := strings.Join(breakRow(texRow{x: x}, 26, expr.Notation{}), " \\\\\n")
	assert.Equal(t, "&= \\frac{1}{s} \\begin{cases}\n"+
		"\\exp(a + b/2) - m & \\text{if }m \\leq 0 \\\\\n"+
		"m \\operatorname{erf}\\left(\\frac{\\log m - a}{\\sqrt{2 b}}\\right) \\\\\n"+
		"\\quad {} - \\exp(a + b/2) \\operatorname{erf}\\left(\\frac{\\log m - a - b}{\\sqrt{2 b}}\\right) & \\text{otherwise}\n"+
		"\\end{cases} \\\\\n"+
		"&\\qquad + \\log(2 s)", line)
}
