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
		"k*(a - b + c)/s", "(a + b)/(2*s)", "-(a + log(b))/(c - d)", "(-a - log(b))/(c - d)",
	}
	for _, src := range append(append([]string{}, corpus.Expressions...), more...) {
		e := MustParse(src)
		for _, s := range []Style{LaTeX, Unicode} {
			open, terms, close := Pieces(e, s)
			assert.NotEmpty(t, terms, src)
			for _, t2 := range terms[1:] {
				assert.True(t, strings.HasPrefix(t2, "+ ") || strings.HasPrefix(t2, "- "), "%s: term %q has no sign", src, t2)
			}
			got := fixed.Replace(joinFrac(open, strings.Join(terms, " "), close))
			assert.Equal(t, fixed.Replace(Format(e, s)), got, "%s in style %d", src, s)
		}
	}
}

// At every level of Break, a piece's parts joined between its Open and
// Close read as its Text, and every part after the first has its sign.
func TestBreakJoinsAtEveryLevel(t *testing.T) {
	fixed := strings.NewReplacer(`\Bigl`, ``, `\Bigr`, ``, `\left`, ``, `\right`, ``)
	more := []string{
		"a - (b + E(x ~ p, x + c)) + 1/2*E(x ~ p, x^2 - log(s))",
		"E(x ~ p, a + E(x ~ q, b - c)) - 2*(x + (y - z))",
		"sum(d in 1..D, 1 + log(sigma[d]^2)) - 1/2*(a + b)",
	}
	var check func(src string, pc Piece, depth int) int
	check = func(src string, pc Piece, depth int) int {
		if pc.Parts == nil {
			return depth
		}
		var texts []string
		deepest := depth
		for i, part := range pc.Parts {
			if i > 0 {
				assert.True(t, strings.HasPrefix(part.Text, "+ ") || strings.HasPrefix(part.Text, "- "), "%s: part %q has no sign", src, part.Text)
			}
			texts = append(texts, part.Text)
			deepest = max(deepest, check(src, part, depth+1))
		}
		assert.Equal(t, fixed.Replace(pc.Text), fixed.Replace(joinFrac(pc.Open, strings.Join(texts, " "), pc.Close)), src)
		return deepest
	}
	nested := 0
	for _, src := range append(append([]string{}, corpus.Expressions...), more...) {
		e := MustParse(src)
		for _, s := range []Style{LaTeX, Unicode} {
			pc := Notation{}.Break(e, s)
			assert.Equal(t, Format(e, s), pc.Text, src)
			if check(src, pc, 0) > 1 {
				nested++
			}
		}
	}
	// The extra cases break two levels down in both styles.
	assert.GreaterOrEqual(t, nested, 2*len(more))
}

// joinFrac joins a piece's parts between its Open and Close, and a
// fraction broken with its sum taken out, \frac{k}{d} \Bigl(a + b\Bigr),
// as the fraction printed whole, \frac{k (a + b)}{d}.
func joinFrac(open, inner, close string) string {
	sign, rest := "", open
	for _, s := range []string{"+ ", "- ", "-"} {
		if strings.HasPrefix(rest, s) {
			sign, rest = s, rest[len(s):]
			break
		}
	}
	if !strings.HasPrefix(rest, `\frac{`) || !strings.HasSuffix(rest, `} \Bigl(`) || close != `\Bigr)` {
		return open + inner + close
	}
	// \frac{N}{D}: N ends at the brace that closes the first one.
	depth, end := 0, -1
	for i, r := range rest[len(`\frac`):] {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
		}
		if depth == 0 {
			end = len(`\frac`) + i
			break
		}
	}
	n, d := rest[len(`\frac{`):end], rest[end+2:len(rest)-len(`} \Bigl(`)]
	if strings.Trim(d, "0123456789") == "" {
		// A numeric coefficient in front, -\frac{1}{2} (a + b), is
		// how the product prints whole.
		return open + inner + close
	}
	if n == "1" {
		return sign + `\frac{` + inner + `}{` + d + `}`
	}
	return sign + `\frac{` + n + ` (` + inner + `)}{` + d + `}`
}

// A piecewise expression breaks into its cases: Open, each value, CondSep
// and its condition, joined by CaseSep, then Close, read as its Text, in
// both styles; each value breaks as Break breaks it alone.
func TestBreakCases(t *testing.T) {
	e := MustParse("cases(E(x ~ p, a + log(x)) - b if a2 <= a1 and 0 < c; 1/2*(a + b) otherwise)")
	for _, s := range []Style{LaTeX, Unicode} {
		pc := Notation{}.Break(e, s)
		assert.Nil(t, pc.Parts)
		var rows []string
		for _, c := range pc.Cases {
			rows = append(rows, c.Value.Text+pc.CondSep+c.Cond)
		}
		assert.Equal(t, Format(e, s), pc.Open+strings.Join(rows, pc.CaseSep)+pc.Close)
		cs := e.(*Cases)
		assert.Equal(t, Notation{}.Break(cs.Cases[0].Then, s), pc.Cases[0].Value)
		assert.Equal(t, Notation{}.Break(cs.Else, s), pc.Cases[1].Value)
	}
	assert.Equal(t, "otherwise", Notation{}.Break(e, Unicode).Cases[1].Cond)
	assert.Equal(t, `\text{if }a_{2} \leq a_{1}\text{ and }0 < c`, Notation{}.Break(e, LaTeX).Cases[0].Cond)
	assert.Nil(t, Notation{}.Break(e, Plain).Cases, "the input syntax does not break")
}
