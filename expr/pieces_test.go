package expr

import (
	"strings"
	"testing"

	"github.com/klderive/klderive/internal/corpus"
	"github.com/stretchr/testify/assert"
)

// Pieces joined again read as the expression printed whole: the only
// difference is the sizing of the brackets (fixed-size ones can span
// lines).
func TestPiecesJoin(t *testing.T) {
	fixed := strings.NewReplacer(`\Bigl`, ``, `\Bigr`, ``, `\left`, ``, `\right`, ``)
	more := []string{
		"1/2*(a + b - c)", "-1/2*k*(a - b)", "-(a + b)", "E(x ~ p, -a + x^2)",
		"sum(d in 1..D, 1 + log(sigma[d]^2) - mu[d]^2)", "a*b - c/d + E(x ~ p, x)",
	}
	for _, src := range append(append([]string{}, corpus.Expressions...), more...) {
		e := MustParse(src)
		for _, s := range []Style{LaTeX, Unicode} {
			open, terms, close := Pieces(e, s)
			assert.NotEmpty(t, terms, src)
			for _, t2 := range terms[1:] {
				assert.True(t, strings.HasPrefix(t2, "+ ") || strings.HasPrefix(t2, "- "), "%s: term %q has no sign", src, t2)
			}
			got := fixed.Replace(open + strings.Join(terms, " ") + close)
			assert.Equal(t, fixed.Replace(Format(e, s)), got, "%s in style %d", src, s)
		}
	}
}
