package texcheck

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// aligned is the shape render produces for a derivation: one line per step,
// each with its justification in \text after &&.
const aligned = `\begin{aligned} D_{\mathrm{KL}}\left(p \,\|\, q\right) ` +
	`&= \mathbb{E}_{x \sim p}\left[\log\left(\frac{p\left(x\right)}{q\left(x\right)}\right)\right] && \text{definition} \\ ` +
	`&= \frac{1}{2} \log\left(\sigma^{2}\right) \end{aligned}`

func TestKaTeX(t *testing.T) {
	// One call for all three also checks that results come back in order.
	errs, err := KaTeX([]string{aligned, `\frac{1}{`, `\foo`})
	Require(t, err)
	require.NoError(t, err)
	require.Len(t, errs, 3)
	require.NoError(t, errs[0])
	require.ErrorContains(t, errs[1], "KaTeX parse error: Unexpected end of input")
	require.ErrorContains(t, errs[2], `Undefined control sequence: \foo`)
}

func TestKaTeXStrict(t *testing.T) {
	// KaTeX renders a bare accented letter in math mode, but LaTeX does
	// not; strict mode must report it, because pdflatex reads the same text.
	errs, err := KaTeX([]string{`\text{é}`, `é`})
	Require(t, err)
	require.NoError(t, err)
	require.NoError(t, errs[0])
	require.ErrorContains(t, errs[1], "unicodeTextInMathMode")
}

func document(body string) string {
	return `\documentclass{article}\usepackage{amsmath}\begin{document}` + body + `\end{document}`
}

func TestPDFLaTeX(t *testing.T) {
	err := PDFLaTeX(document(`\[ \begin{aligned} a &= b && \text{x} \end{aligned} \]`))
	Require(t, err)
	require.NoError(t, err)
}

func TestPDFLaTeXBroken(t *testing.T) {
	for _, tc := range []struct{ name, doc, want string }{
		{"undefined command", document(`\[ \foo{1} \]`), "! Undefined control sequence.\nl.1 "},
		{"no amsmath", `\documentclass{article}\begin{document}\[ \begin{aligned} a &= b \end{aligned} \]\end{document}`,
			"! LaTeX Error: Environment aligned undefined."},
		{"unfinished", document(`\[ \frac{1}{ \]`), "! File ended while scanning use of \\frac"},
		{"no pages", document(``), "pdflatex wrote no PDF: No pages of output."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := PDFLaTeX(tc.doc)
			Require(t, err)
			require.ErrorContains(t, err, tc.want)
			require.NotContains(t, err.Error(), "TeX's memory", "the quote should stop before the memory statistics")
		})
	}
}

func TestMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := KaTeX([]string{"x"})
	require.ErrorIs(t, err, ErrMissing)
	require.ErrorContains(t, err, "npm ci --prefix tools/katex")
	err = PDFLaTeX(document("x"))
	require.ErrorIs(t, err, ErrMissing)
	require.ErrorContains(t, err, "texlive-latex-base")
}

func TestLogErrors(t *testing.T) {
	log := "LaTeX Font Info:    ... okay on input line 1.\n" +
		"! LaTeX Error: Environment aligned undefined.\n" +
		"\n" +
		"See the LaTeX manual or LaTeX Companion for explanation.\n" +
		"l.3 \\[ \\begin{aligned}\n" +
		"                       a &= b \\end{aligned} \\]\n" +
		"Here is how much of TeX's memory you used:\n" +
		" 423 strings out of 478051\n" +
		"\n" +
		"!  ==> Fatal error occurred, no output PDF file produced!\n"
	require.Equal(t, "! LaTeX Error: Environment aligned undefined.\n"+
		"\n"+
		"See the LaTeX manual or LaTeX Companion for explanation.\n"+
		"l.3 \\[ \\begin{aligned}\n"+
		"                       a &= b \\end{aligned} \\]\n"+
		"!  ==> Fatal error occurred, no output PDF file produced!",
		logErrors(log))
}

// recorder is a testing.TB that records what Require asked of it instead
// of stopping the test.
type recorder struct {
	testing.TB
	fatal, skip string
}

func (r *recorder) Helper()                      {}
func (r *recorder) Fatalf(f string, args ...any) { r.fatal = fmt.Sprintf(f, args...) }
func (r *recorder) Skipf(f string, args ...any)  { r.skip = fmt.Sprintf(f, args...) }

func TestRequire(t *testing.T) {
	missing := fmt.Errorf("%w: pdflatex not on PATH", ErrMissing)

	t.Setenv("CI", "true")
	var r recorder
	Require(&r, missing)
	require.Contains(t, r.fatal, "pdflatex not on PATH")
	require.Empty(t, r.skip)

	t.Setenv("CI", "")
	r = recorder{}
	Require(&r, missing)
	require.Contains(t, r.skip, "SKIPPED: texcheck: tool not installed: pdflatex not on PATH")
	require.Contains(t, r.skip, "NOT being checked")
	require.Empty(t, r.fatal)

	// Any other error is left to the caller.
	r = recorder{}
	Require(&r, fmt.Errorf("pdflatex: exit status 1"))
	Require(&r, nil)
	require.Equal(t, recorder{}, r)
}

func TestBodyAttrs(t *testing.T) {
	got := bodyAttrs(`<html><head></head><body class="x" data-formulas="5" data-note="a &amp; b"><p data-x="1">`)
	assert.Equal(t, map[string]string{"formulas": "5", "note": "a & b"}, got)
	assert.Empty(t, bodyAttrs("no body"))
	assert.Equal(t, -1, Page{Attrs: got}.Int("note"))
	assert.Equal(t, 5, Page{Attrs: got}.Int("formulas"))
}

// Chromium runs a page's script, offline: a fetch of any host fails.
func TestChromiumRunsScriptsOffline(t *testing.T) {
	doc := `<!DOCTYPE html><html><body><script>
document.body.setAttribute("data-ran", "yes");
fetch("http://example.com/").then(
  function () { document.body.setAttribute("data-net", "reached"); },
  function () { document.body.setAttribute("data-net", "failed"); });
</script></body></html>`
	p, err := Chromium(doc, 400, 300, "")
	Require(t, err)
	require.NoError(t, err)
	assert.Equal(t, "yes", p.Attrs["ran"])
	assert.Equal(t, "failed", p.Attrs["net"])
}
