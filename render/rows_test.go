package render

import (
	"fmt"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomSum is a sum of n terms of the shapes derivations have, under an
// expectation or a coefficient now and then, so that it breaks inside
// the outermost bracket too, and with a bracketed sum as a term now and
// then, so that a term too wide for its line breaks again.
func randomSum(r *rand.Rand, n int) expr.Expr {
	shapes := []string{"log(s%d)", "(x - m%d)^2/(2*s%d^2)", "1/2*log(2*pi*s%d^2)", "E(x ~ p, x^%d)", "tr(A%d)", "m%d^2",
		"E(x ~ p, log(s%d) + x^2 - m%d*x + log(t%d))", "(a%d + b%d - log(c%d) + 1/2*x^2)"}
	terms := make([]string, n)
	for i := range terms {
		sh := shapes[r.IntN(len(shapes))]
		args := make([]any, strings.Count(sh, "%d"))
		for j := range args {
			args[j] = r.IntN(9) + 1
		}
		terms[i] = fmt.Sprintf(sh, args...)
	}
	src := strings.Join(terms, " - ")
	switch r.IntN(3) {
	case 1:
		src = "E(x ~ p, " + src + ")"
	case 2:
		src = "-1/2*(" + src + ")"
	}
	return expr.MustParse(src)
}

// continuation matches the start of a continuation line: \qquad, a
// \quad for each level beyond the first, and the term's sign.
var continuation = regexp.MustCompile(`^&\\qquad (\\quad )*[+-] `)

// A broken row keeps every line within the width unless a piece that
// cannot break is wider; each continuation line starts with its sign;
// the lines joined again are the row unbroken.
func TestBreakRowProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	fixed := strings.NewReplacer(`\Bigl`, ``, `\Bigr`, ``, `\left`, ``, `\right`, ``)
	nested := 0
	for range 300 {
		x := randomSum(r, 1+r.IntN(25))
		avail := 15 + 30*r.Float64()
		lines := breakRow(texRow{x: x}, avail, expr.Notation{})
		widest := widestLeaf(expr.Notation{}.Break(x, expr.LaTeX), 0)
		joined := strings.TrimPrefix(lines[0], "&= ")
		for i, l := range lines {
			if widest <= avail {
				assert.LessOrEqual(t, texWidth(l), avail, "line %d of %s", i, expr.String(x))
			}
			if i > 0 {
				m := continuation.FindString(l)
				require.NotEmpty(t, m, "line %d: %s", i, l)
				if strings.Contains(m, `\quad `) {
					nested++
				}
				joined += " " + strings.TrimPrefix(l, m[:len(m)-2])
			}
		}
		assert.Equal(t, fixed.Replace(expr.Format(x, expr.LaTeX)), fixed.Replace(joined))
	}
	assert.Positive(t, nested, "no row broke inside a term")
}

// widestLeaf is the width of the widest piece of pc that cannot break,
// on a continuation line of its level, with the opening of its bracket.
func widestLeaf(pc expr.Piece, level int) float64 {
	lead := `&\qquad ` + strings.Repeat(`\quad `, max(0, level-1))
	if pc.Parts == nil {
		return texWidth(lead + pc.Text + `\Bigr]\Bigr]`)
	}
	w := texWidth(lead + pc.Open)
	for _, part := range pc.Parts {
		w = max(w, widestLeaf(part, level+1))
	}
	return w
}

// By default a page keeps the justifications in a column when every row
// fits beside them, and sets them as tags otherwise; a fragment has no
// tags, and --just chooses.
func TestJustification(t *testing.T) {
	d := kl()
	page := func(opt Options) string { return latexRows(d, opt, smallEm, true) }
	frag := func(opt Options) string { return latexRows(d, opt, 10, false) }
	assert.Contains(t, page(Options{WidthPt: 1000}), `&& \text{substitute the densities}`)
	assert.NotContains(t, page(Options{WidthPt: 1000}), `\tag`)
	assert.Contains(t, page(Options{WidthPt: 200}), `\tag*{\small substitute the densities}`)
	assert.NotContains(t, frag(Options{WidthPt: 200}), `\tag`)
	assert.Contains(t, frag(Options{WidthPt: 200, Just: JustTag}), `&\qquad \text{\small substitute the densities}`)
	assert.Contains(t, page(Options{Just: JustBelow}), "\\\\\n&\\qquad \\text{\\small substitute the densities}")
	none := page(Options{Just: JustNone})
	assert.NotContains(t, none, `\text`)
	assert.NotContains(t, none, `\tag`)
}

func TestTexWidth(t *testing.T) {
	// Math italic by letter class: i narrower than x, x than m or X.
	assert.Less(t, texWidth("i"), texWidth("x"))
	assert.Less(t, texWidth("x"), texWidth("m"))
	assert.Less(t, texWidth("x"), texWidth("X"))
	// A fraction is as wide as its wider part, scripts are smaller.
	assert.Less(t, texWidth(`\frac{a}{bbbb}`), texWidth("a bbbb"))
	assert.Less(t, texWidth("x^{2}"), texWidth("x2"))
	// A sized bracket is a little wider than one on the line.
	assert.Greater(t, texWidth(`\left(\right)`), texWidth("()"))
	// Text by letter class, its math as math, \small at 90%.
	assert.Less(t, texWidth(`\text{ill}`), texWidth(`\text{mmm}`))
	assert.InDelta(t, texWidth(`a_{1} \le b`), texWidth(`\text{$a_{1} \le b$}`), 1e-9)
	assert.InDelta(t, 0.9*texWidth(`\text{definition of KL}`), texWidth(`\text{\small definition of KL}`), 1e-9)
	assert.InDelta(t, 0.525*7, texWidth(`\text{\texttt{kl-def.}}`), 1e-9)
}

// The result line of a page is boxed with --box when it fits, and
// broken like a row, without the box, when it does not.
func TestResultDisplay(t *testing.T) {
	d := kl()
	boxed := resultDisplay(d, Options{Box: true})
	assert.True(t, strings.HasPrefix(boxed, "\\[\n\\boxed{"), boxed)
	narrow := resultDisplay(d, Options{Box: true, WidthPt: 100})
	assert.True(t, strings.HasPrefix(narrow, "\\begin{align*}\n"), narrow)
	assert.NotContains(t, narrow, `\boxed`)
	assert.Contains(t, narrow, "\\\\\n&\\qquad ")
}
