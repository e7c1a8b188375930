package render

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klderive/klderive/expr"
	texread "github.com/klderive/klderive/latex"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomCases is a piecewise expression of one to three cases and a
// value otherwise, each value a sum as derivations have (randomSum) or a
// single term, each condition one to three comparisons.
func randomCases(r *rand.Rand) expr.Expr {
	rels := []string{"a%d <= b%d", "0 < c%d", "m%d - 1 <= a%d", "b%d <= m%d + exp(v%d)", "1 <= b%d", "a%d < 0"}
	value := func() string {
		if r.IntN(4) == 0 {
			return "log(b%d - a%d)"
		}
		return expr.String(randomSum(r, 1+r.IntN(12)))
	}
	fill := func(s string) string {
		args := make([]any, strings.Count(s, "%d"))
		for j := range args {
			args[j] = r.IntN(9) + 1
		}
		return fmt.Sprintf(s, args...)
	}
	var cases []string
	for range 1 + r.IntN(3) {
		var when []string
		for range 1 + r.IntN(3) {
			when = append(when, fill(rels[r.IntN(len(rels))]))
		}
		cases = append(cases, fill(value())+" if "+strings.Join(when, " and "))
	}
	other := "inf"
	if r.IntN(3) == 0 {
		other = fill(value())
	}
	return expr.MustParse("cases(" + strings.Join(cases, "; ") + "; " + other + " otherwise)")
}

// leaves is the width of the widest piece of pc that cannot break, with
// the closing brackets that may follow it, and the widest condition, as
// width measures them.
func leaves(pc expr.Piece, width func(string) float64) (leaf, cond float64) {
	switch {
	case pc.Cases != nil:
		for _, c := range pc.Cases {
			l, k := leaves(c.Value, width)
			leaf, cond = max(leaf, l), max(cond, k, width(c.Cond))
		}
	case pc.Parts != nil:
		leaf = width(pc.Open)
		for _, part := range pc.Parts {
			l, k := leaves(part, width)
			leaf, cond = max(leaf, l+width(pc.Close)), max(cond, k)
		}
	default:
		leaf = width(pc.Text)
	}
	return leaf, cond
}

// A piecewise row broken for a page keeps every line within the width
// whenever its widest unbreakable term and its widest condition fit on
// a row of their own, and the LaTeX reader reads it as the row unbroken.
func TestBreakCasesLaTeX(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	fitted, broken := 0, 0
	for range 200 {
		x := randomCases(r)
		avail := 18 + 40*r.Float64()
		lines := breakRow(texRow{x: x}, avail, expr.Notation{})
		require.Len(t, lines, 1, "a piecewise row is one line of the alignment")
		line := lines[0]
		leaf, cond := leaves(expr.Notation{}.Break(x, expr.LaTeX), texWidth)
		// Room for the widest term two levels in, or for a condition
		// on a row of its own, beside the column of "otherwise".
		need := texWidth("&= ") + casesBrace + casesQuad + texWidth(`\text{otherwise}`) + max(leaf+2, cond+1)
		if need <= avail {
			fitted++
			assert.LessOrEqual(t, texWidth(line), avail, "%s at %.1f em:\n%s", expr.String(x), avail, line)
		}
		if strings.Contains(line, "\n") {
			broken++
		}
		whole, err := texread.Parse(expr.Format(x, expr.LaTeX), texread.Options{})
		require.NoError(t, err, expr.Format(x, expr.LaTeX))
		back, err := texread.Parse(strings.TrimPrefix(line, "&= "), texread.Options{})
		require.NoError(t, err, line)
		assert.Equal(t, expr.String(whole), expr.String(back), line)
	}
	assert.Greater(t, fitted, 100, "rows whose terms fit the width")
	assert.Greater(t, broken, 100, "rows broken into their cases")
}

// The same in text: every line within the width when the widest term
// and condition fit on a line of their own, and the lines joined as
// joinText joins them are the row on one line.
func TestBreakCasesText(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	runes := func(s string) float64 { return float64(utf8.RuneCountInString(s)) }
	fitted, broken, own := 0, 0, 0
	for range 200 {
		x := randomCases(r)
		width := 40 + r.IntN(90)
		lines := wrapText("  = ", x, width, expr.Notation{})
		leaf, cond := leaves(expr.Notation{}.Break(x, expr.Unicode), runes)
		// "  = { " and two levels of indent before the widest term, and
		// " }" after it; a condition on its own line two further in.
		if need := max(6+4+leaf+2, 6+2+cond+2); need <= float64(width) {
			fitted++
			for _, l := range lines {
				assert.LessOrEqual(t, utf8.RuneCountInString(l), width, "%s at %d columns:\n%s", expr.String(x), width, strings.Join(lines, "\n"))
			}
		}
		if len(lines) > 1 {
			broken++
		}
		for _, l := range lines {
			if t := strings.TrimSpace(l); strings.HasPrefix(t, "if ") || strings.HasPrefix(t, "otherwise") {
				own++
			}
		}
		assert.Equal(t, strings.Join(strings.Fields("  = "+expr.Format(x, expr.Unicode)), " "),
			joinText(lines))
	}
	assert.Greater(t, fitted, 100, "rows whose terms fit the width")
	assert.Greater(t, broken, 100, "rows broken into their cases")
	assert.Positive(t, own, "no condition went on a line of its own")
}

// A narrow page sets each condition but the last on a row of its own,
// which the reader reads back as the condition of the value above it.
func TestCasesConditionOwnRow(t *testing.T) {
	x := expr.MustParse("cases(log((b2 - a2 + c1 + c2)/(b1 - a1 + c3 + c4)) if a2 <= a1 and b1 <= b2 and m1 + exp(v1) <= b2; inf otherwise)")
	line := breakRow(texRow{x: x}, 27, expr.Notation{})[0]
	assert.Contains(t, line, "\\\\\n\\quad \\text{if }a_{2} \\leq a_{1}")
	assert.LessOrEqual(t, texWidth(line), 27.0, line)
	back, err := texread.Parse(strings.TrimPrefix(line, "&= "), texread.Options{})
	require.NoError(t, err, line)
	assert.Equal(t, expr.String(x), expr.String(back))

	text := wrapText("  = ", x, 74, expr.Notation{})
	assert.Equal(t, []string{
		"  = { log((b₂ - a₂ + c₁ + c₂)/(b₁ - a₁ + c₃ + c₄))",
		"        if a₂ ≤ a₁ and b₁ ≤ b₂ and m₁ + exp(v₁) ≤ b₂;",
		"      ∞  otherwise }",
	}, text)
}

// A cases environment is as wide as its widest row, not as its rows side
// by side.
func TestTexWidthCases(t *testing.T) {
	one := texWidth(`\begin{cases}a + b + c & \text{if }a < b \\ \infty & \text{otherwise}\end{cases}`)
	assert.InDelta(t, casesBrace+texWidth("a + b + c")+casesQuad+texWidth(`\text{otherwise}`), one, 1e-9)
	rows := texWidth("\\begin{cases}\na + b \\\\\n\\quad {} + c & \\text{if }a < b \\\\\n\\infty & \\text{otherwise}\n\\end{cases}")
	assert.Less(t, rows, one)
}
