package render

import (
	"slices"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/corpus"
)

// A row that fits on its line is set from the expression's text alone;
// the line breaker sets every row, fitting or not, the same at every
// width, after every lead.
func TestWrapTextShortcut(t *testing.T) {
	leads := []string{"  = ", "      = ", "result: KL(p ‖ q) = ", ""}
	piecewise := []string{
		"cases(a + b if a < b; inf otherwise)",
		"cases(exp(a + b/2) - m if m <= 0; m*erf((log(m) - a)/sqrt(2*b)) - exp(a + b/2)*erf((log(m) - a - b)/sqrt(2*b)) otherwise)/s + log(2*s)",
		"cases(log((b2 - a2)/(b1 - a1)) if a2 <= a1 and b1 <= b2; inf otherwise)",
	}
	for _, src := range append(slices.Clone(corpus.Expressions), piecewise...) {
		x := expr.MustParse(src)
		for _, lead := range leads {
			for width := 4; width <= 120; width += 3 {
				if got, want := wrapText(lead, x, width, expr.Notation{}), breakText(lead, x, width, expr.Notation{}); !slices.Equal(got, want) {
					t.Errorf("%q after %q at width %d:\n got %q\nwant %q", src, lead, width, got, want)
				}
			}
		}
	}
}
