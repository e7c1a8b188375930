package render

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomSum is a sum of n terms of the shapes derivations have, under an
// expectation or a coefficient now and then, so that it breaks inside
// the outermost bracket too.
func randomSum(r *rand.Rand, n int) expr.Expr {
	shapes := []string{"log(s%d)", "(x - m%d)^2/(2*s%d^2)", "1/2*log(2*pi*s%d^2)", "E(x ~ p, x^%d)", "tr(A%d)", "m%d^2"}
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

// A broken row keeps every line within the width unless one term alone
// is wider; each continuation line starts with its sign; the lines joined
// again are the row unbroken.
func TestBreakRowProperties(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	fixed := strings.NewReplacer(`\Bigl`, ``, `\Bigr`, ``, `\left`, ``, `\right`, ``)
	for range 300 {
		x := randomSum(r, 1+r.IntN(25))
		avail := 15 + 30*r.Float64()
		lines := breakRow(texRow{x: x}, avail, expr.Notation{})
		open, terms, _ := expr.Pieces(x, expr.LaTeX)
		widest := 0.0
		for _, t := range terms {
			widest = max(widest, texWidth(`\qquad `+open+t))
		}
		joined := strings.TrimPrefix(lines[0], "&= ")
		for i, l := range lines {
			if widest <= avail {
				assert.LessOrEqual(t, texWidth(l), avail, "line %d of %s", i, expr.String(x))
			}
			if i > 0 {
				require.True(t, strings.HasPrefix(l, `&\qquad + `) || strings.HasPrefix(l, `&\qquad - `), "line %d: %s", i, l)
				joined += " " + strings.TrimPrefix(l, `&\qquad `)
			}
		}
		if len(lines) == 1 {
			assert.LessOrEqual(t, texWidth(lines[0]), avail)
			continue
		}
		assert.Equal(t, fixed.Replace(expr.Format(x, expr.LaTeX)), fixed.Replace(joined))
	}
}

// By default a page keeps the justifications in a column when every row
// fits beside them, and sets them as tags otherwise; a fragment has no
// tags, and --just chooses.
func TestJustification(t *testing.T) {
	d := kl()
	page := func(opt Options) string { return latexRows(d, opt, 9, true) }
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
	assert.InDelta(t, 0.6, texWidth("x"), 1e-9)
	// A fraction is as wide as its wider part, scripts are smaller.
	assert.Less(t, texWidth(`\frac{a}{bbbb}`), texWidth("a bbbb"))
	assert.Less(t, texWidth("x^{2}"), texWidth("x2"))
	assert.Zero(t, texWidth(`\left(\right)`)-texWidth("()"))
	assert.InDelta(t, 0.5*float64(len("definition of KL")), texWidth(`\text{definition of KL}`), 1e-9)
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
