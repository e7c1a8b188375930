package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/klderive/klderive/internal/texcheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The HTML page is checked in the browser that will show it: headless
// Chromium, offline, loads the page of every example, KaTeX renders every
// formula without an error, the page fits a window 800px wide, and a
// screenshot is taken. Without Chromium these tests skip loudly, and fail
// under CI=true.

// htmlWindow is the width the page must read at without sideways
// scrolling.
const htmlWindow = 800

// artefactDir is where screenshots go: $KLDERIVE_ARTIFACTS when set (CI
// keeps it), else a temporary directory.
func artefactDir(t *testing.T) string {
	dir := os.Getenv("KLDERIVE_ARTIFACTS")
	if dir == "" {
		return t.TempDir()
	}
	dir = filepath.Join(dir, "html")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	return dir
}

var (
	texElements = regexp.MustCompile(`class="tex( display)?"`)
	statusBox   = regexp.MustCompile(`<p id="katex-status"[^>]*>[^<]*</p>`)
	// A formula render.js marked as failed (the class in an element,
	// not the name in the embedded scripts).
	texErrors = regexp.MustCompile(`class="tex( display)? tex-error"`)
)

func TestHTMLInChromium(t *testing.T) {
	examples, err := filepath.Glob("../../examples/*.kl")
	require.NoError(t, err)
	require.NotEmpty(t, examples)
	shots := artefactDir(t)
	for _, ex := range examples {
		name := strings.TrimSuffix(filepath.Base(ex), ".kl")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			code, doc, stderr := runCLI(t, "", "derive", "--format", "html", ex)
			require.Equal(t, 0, code, stderr)
			formulas := len(texElements.FindAllString(doc, -1))
			require.Positive(t, formulas)

			p, err := texcheck.Chromium(doc, htmlWindow, 1000, "")
			texcheck.Require(t, err)
			require.NoError(t, err)
			require.Equal(t, "yes", p.Attrs["rendered"], "%s: the page's script did not finish: %v", name, p.Attrs)
			assert.Equal(t, formulas, p.Int("formulas"), "%s: formulas rendered", name)
			assert.Equal(t, 0, p.Int("katex-errors"), "%s: KaTeX errors", name)
			assert.Empty(t, texErrors.FindAllString(p.DOM, -1), "%s: a formula did not render", name)
			assert.Equal(t, `<p id="katex-status" hidden=""></p>`, statusBox.FindString(p.DOM), "%s: the error box is shown", name)
			assert.GreaterOrEqual(t, strings.Count(p.DOM, `<span class="katex">`), formulas, "%s: KaTeX output", name)
			assert.Positive(t, p.Int("fonts-loaded"), "%s: no KaTeX font loaded", name)
			assert.Equal(t, 0, p.Int("fonts-failed"), "%s: fonts failed to load", name)
			client, scroll := p.Int("client-width"), p.Int("scroll-width")
			assert.Positive(t, client)
			assert.LessOrEqual(t, client, htmlWindow)
			assert.LessOrEqual(t, scroll, client, "%s: the page is %dpx wide in a %dpx window", name, scroll, client)

			// A screenshot of the whole page, kept as an artefact.
			height := min(max(p.Int("scroll-height"), 200), 12000)
			shot := filepath.Join(shots, name+".png")
			_, err = texcheck.Chromium(doc, htmlWindow, height, shot)
			require.NoError(t, err)
			t.Logf("screenshot: %s", shot)
		})
	}
}

// The page reports a formula KaTeX rejects, in strict mode too (é in
// math mode renders without strict mode; pdflatex rejects it), in the
// status box at its top and in the DOM the test reads.
func TestHTMLReportsKaTeXErrors(t *testing.T) {
	code, doc, stderr := runCLI(t, "", "derive", "--format", "html", "../../examples/normal.kl")
	require.Equal(t, 0, code, stderr)
	formulas := len(texElements.FindAllString(doc, -1))
	inline := regexp.MustCompile(`<span class="tex">[^<]*</span>`)
	broken := inline.FindAllString(doc, -1)
	require.NotEmpty(t, broken)
	for _, bad := range []string{`\frac{1}{`, `x^{\unknowncommand}`, `\mu_é`} {
		t.Run(bad, func(t *testing.T) {
			page := inline.ReplaceAllLiteralString(doc, `<span class="tex">`+bad+`</span>`)
			p, err := texcheck.Chromium(page, htmlWindow, 1000, "")
			texcheck.Require(t, err)
			require.NoError(t, err)
			require.Equal(t, "yes", p.Attrs["rendered"])
			assert.Equal(t, formulas, p.Int("formulas"))
			assert.Equal(t, len(broken), p.Int("katex-errors"))
			assert.Len(t, texErrors.FindAllString(p.DOM, -1), len(broken), "formulas marked as errors")
			assert.Equal(t, fmt.Sprintf(`<p id="katex-status">%d of %d formulas could not be rendered; their TeX is shown in red.</p>`, len(broken), formulas), statusBox.FindString(p.DOM))
		})
	}
}
