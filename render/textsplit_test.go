package render

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
)

// joinText joins the lines of a text row back into the row on one line,
// with its runs of spaces as single spaces: a line that starts with a
// factor's · or / follows the line before with no space.
func joinText(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		l = strings.Join(strings.Fields(l), " ")
		if i > 0 && !strings.HasPrefix(l, "·") && !strings.HasPrefix(l, "/") {
			b.WriteString(" ")
		}
		b.WriteString(l)
	}
	return b.String()
}

// Terms with no sum at their top break as an author breaks them: inside
// the log's bracket at its factors, inside a sum's bracket or a
// function's (erf(… − …)), before a factor, each continuation starting
// with its operator. A term that must
// break starts a line of its own, as the breaker sets any such term.
func TestSplitTextRows(t *testing.T) {
	for _, c := range []struct {
		src   string
		width int
		want  []string
	}{
		{"E(x ~ p, log(gamma(sum(j in 1..K, a[j]))*prod(j in 1..K, x[j]^(a[j] - 1))/prod(j in 1..K, gamma(a[j]))) - log(q(x)))", 80, []string{
			"  = E_{x∼p}[log(Γ(Σ_{j=1..K} a[j])·(Π_{j=1..K} x[j]^(a[j] - 1))",
			"        /(Π_{j=1..K} Γ(a[j]))) - log(q(x))]",
		}},
		{"-E(x ~ p, log(gamma(sum(j in 1..K, a[j]))*prod(j in 1..K, x[j]^(a[j] - 1))/prod(j in 1..K, gamma(a[j]))))", 60, []string{
			"  = -E_{x∼p}[log(Γ(Σ_{j=1..K} a[j])",
			"      ·(Π_{j=1..K} x[j]^(a[j] - 1))/(Π_{j=1..K} Γ(a[j])))]",
		}},
		{"c - sum(j in 1..K, (a[j] + exp(l[j]) - 1)*(digamma(a[j] + exp(l[j])) - digamma(sum(i in 1..K, a[i] + exp(l[i])))))", 72, []string{
			"  = c",
			"      - Σ_{j=1..K} ((a[j] + exp(l[j]) - 1)",
			"        ·(ψ(a[j] + exp(l[j])) - ψ(Σ_{i=1..K} (a[i] + exp(l[i])))))",
		}},
		{"c - exp(a + b/2)*erf(log(m)/sqrt(2*b) - a/sqrt(2*b) - sqrt(b)/sqrt(2))", 50, []string{
			"  = c",
			"      - exp(a + b/2)·erf(log(m)/sqrt(2·b)",
			"        - a/sqrt(2·b) - sqrt(b)/sqrt(2))",
		}},
	} {
		x := expr.MustParse(c.src)
		got := wrapText("  = ", x, c.width, expr.Notation{})
		assert.Equal(t, c.want, got, "%s at %d columns", c.src, c.width)
		assert.Equal(t, "= "+expr.Format(x, expr.Unicode), joinText(got))
	}
}

// A term with no place to break stays whole, and a piece that fits is
// not split: 1/2 and x/s are one factor, a sign is not a minus.
func TestSplitTextWhole(t *testing.T) {
	for _, s := range []string{"x", "log(x)", "-1/2", "x/s", "Γ(a[j])", "-x²/2", "E_{x∼p}[x]"} {
		assert.Nil(t, splitText(s).Parts, s)
	}
	pc := splitText("-1/2·log(2·π)/(a + b)")
	var parts []string
	for _, p := range pc.Parts {
		parts = append(parts, p.Text)
	}
	assert.True(t, pc.Tight)
	assert.Equal(t, []string{"-1/2", "·log(2·π)", "/(a + b)"}, parts)
}

// randomTerm is a product, quotient or call of random depth, with sums
// only inside brackets, the shape splitText breaks.
func randomTerm(r *rand.Rand, depth int) string {
	leaf := func() string { return fmt.Sprintf("%c%d", "abcmsx"[r.IntN(6)], r.IntN(9)+1) }
	if depth == 0 {
		return leaf()
	}
	sub := func() string { return randomTerm(r, depth-1) }
	switch r.IntN(7) {
	case 0:
		return sub() + "*" + sub()
	case 1:
		return sub() + "/(" + sub() + " + " + sub() + ")"
	case 2:
		return "log(" + sub() + " - " + sub() + ")"
	case 3:
		return "exp(" + sub() + "*" + sub() + ")"
	case 4:
		return "sum(j in 1..K, " + sub() + "*" + sub() + ")"
	case 5:
		return "E(x ~ p, " + sub() + " + " + sub() + ")"
	}
	return "sqrt(" + sub() + ")^(" + sub() + " - 1)"
}

// Over random terms at random widths, the lines join back to the term,
// and a wide term breaks: every line fits when the width leaves room
// for the deepest nesting of brackets a line must open.
func TestSplitTextProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	broken, fitted := 0, 0
	for range 300 {
		src := randomTerm(r, 2+r.IntN(3))
		x := expr.MustParse("c - " + src)
		width := 30 + r.IntN(70)
		lines := wrapText("  = ", x, width, expr.Notation{})
		assert.Equal(t, "= "+expr.Format(x, expr.Unicode), joinText(lines), "%s at %d", src, width)
		one := utf8.RuneCountInString("  = " + expr.Format(x, expr.Unicode))
		if one > width {
			assert.Greater(t, len(lines), 1, "%s at %d", src, width)
			broken++
		}
		if one <= 2*width {
			over := 0
			for _, l := range lines {
				if utf8.RuneCountInString(l) > width {
					over++
				}
			}
			if over == 0 {
				fitted++
			}
		}
	}
	assert.Greater(t, broken, 100, "terms wider than the width")
	assert.Greater(t, fitted, 100, "terms up to twice the width that fit once broken")
}
