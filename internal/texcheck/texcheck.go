// Package texcheck checks LaTeX output with the real tools that will read it:
// KaTeX (as used by web pages and Markdown viewers) and pdflatex, and the
// HTML page with headless Chromium. A string that only looks right to our
// own printer tests can still fail in all of them.
//
// The tools are installed outside Go: `npm ci --prefix tools/katex` for KaTeX,
// `apt-get install texlive-latex-base` for pdflatex and `apt-get install
// chromium` for Chromium (.ci/run does all three).
// When one is absent the functions return an error wrapping ErrMissing, and
// Require turns that into a loud skip locally and a failure under CI.
package texcheck

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ErrMissing is wrapped by every error that means "the tool is not
// installed", as opposed to "the tool ran and rejected the input".
var ErrMissing = errors.New("texcheck: tool not installed")

// timeout bounds each tool run: a TeX run that waits for input or loops on
// a macro must fail the test, not hang it until go test's 10 minute limit.
const timeout = 60 * time.Second

// KaTeX renders each expression in display mode with the pinned KaTeX in
// tools/katex, with errors thrown and strict LaTeX compatibility. It
// returns one entry per expression, nil when it rendered. The second
// result is for failures of the check itself, and wraps ErrMissing when
// node or the npm packages are not installed.
func KaTeX(exprs []string) ([]error, error) {
	if len(exprs) == 0 {
		return nil, nil
	}
	root, err := repoRoot()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, "tools", "katex")
	if _, err := exec.LookPath("node"); err != nil {
		return nil, fmt.Errorf("%w: node not on PATH; install Node.js, then run `npm ci --prefix tools/katex`", ErrMissing)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "katex")); err != nil {
		return nil, fmt.Errorf("%w: KaTeX not installed in %s; run `npm ci --prefix tools/katex` in %s", ErrMissing, dir, root)
	}

	in, err := json.Marshal(exprs)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, "node", filepath.Join(dir, "check.js"))
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if ctx.Err() != nil {
		return nil, fmt.Errorf("texcheck: node check.js did not finish within %v", timeout)
	}
	if err != nil {
		return nil, fmt.Errorf("texcheck: node check.js: %v\n%s", err, strings.TrimSpace(stderr.String()))
	}

	var results []struct {
		OK    bool   `json:"ok"`
		Error string `json:"error"`
	}
	if err := json.Unmarshal(out, &results); err != nil {
		return nil, fmt.Errorf("texcheck: reading check.js output: %v", err)
	}
	if len(results) != len(exprs) {
		return nil, fmt.Errorf("texcheck: check.js gave %d results for %d expressions", len(results), len(exprs))
	}
	errs := make([]error, len(results))
	for i, r := range results {
		if !r.OK {
			errs[i] = errors.New(r.Error)
		}
	}
	return errs, nil
}

// PDFLaTeX compiles a complete LaTeX document in a fresh temporary
// directory. It returns nil when pdflatex produced a PDF, and otherwise an
// error quoting the error lines of the log. It wraps ErrMissing when
// pdflatex is not on PATH.
func PDFLaTeX(doc string) error {
	_, err := compile(doc)
	return err
}

// Overfull compiles doc as PDFLaTeX does and returns the log's
// "Overfull \hbox" warnings, each with the line after it (TeX's picture
// of the material that stuck out): a line wider than the text block.
func Overfull(doc string) ([]string, error) {
	log, err := compile(doc)
	if err != nil {
		return nil, err
	}
	var out []string
	lines := strings.Split(log, "\n")
	for i, l := range lines {
		if strings.HasPrefix(l, `Overfull \hbox`) {
			if i+1 < len(lines) {
				l += "\n" + lines[i+1]
			}
			out = append(out, l)
		}
	}
	return out, nil
}

// Widths typesets each of maths as display math in an hbox of the
// document that preamble begins (up to and including \begin{document})
// and returns the widths pdflatex gives them, in pt.
func Widths(preamble string, maths []string) ([]float64, error) {
	var b strings.Builder
	b.WriteString(preamble)
	for i, m := range maths {
		fmt.Fprintf(&b, "\\setbox0\\hbox{$\\displaystyle %s$}\\typeout{texcheck-width %d \\the\\wd0}\n", m, i)
	}
	b.WriteString("\\mbox{}\n\\end{document}\n")
	log, err := compile(b.String())
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(maths))
	seen := 0
	for _, l := range strings.Split(log, "\n") {
		f := strings.Fields(l)
		if len(f) != 3 || f[0] != "texcheck-width" {
			continue
		}
		i, err1 := strconv.Atoi(f[1])
		w, err2 := strconv.ParseFloat(strings.TrimSuffix(f[2], "pt"), 64)
		if err1 == nil && err2 == nil && i >= 0 && i < len(out) {
			out[i] = w
			seen++
		}
	}
	if seen != len(maths) {
		return nil, fmt.Errorf("texcheck: pdflatex reported %d widths of %d", seen, len(maths))
	}
	return out, nil
}

// compile runs pdflatex on doc and returns its log.
func compile(doc string) (string, error) {
	if _, err := exec.LookPath("pdflatex"); err != nil {
		return "", fmt.Errorf("%w: pdflatex not on PATH; install it with `apt-get install --no-install-recommends texlive-latex-base`", ErrMissing)
	}
	dir, err := os.MkdirTemp("", "texcheck-")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	if err := os.WriteFile(filepath.Join(dir, "doc.tex"), []byte(doc), 0o644); err != nil {
		return "", err
	}

	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	// nonstopmode and an empty stdin keep TeX from waiting for a reply to
	// an error; -halt-on-error stops at the first one so it is the one we
	// report; -no-shell-escape because the document is generated text.
	cmd := exec.CommandContext(ctx, "pdflatex",
		"-interaction=nonstopmode", "-halt-on-error", "-no-shell-escape", "doc.tex")
	cmd.Dir = dir
	out, runErr := cmd.CombinedOutput()
	if ctx.Err() != nil {
		return "", fmt.Errorf("texcheck: pdflatex did not finish within %v", timeout)
	}

	// The log has the same messages as the terminal output, but not
	// interleaved with anything else; fall back to the output without it.
	log, err := os.ReadFile(filepath.Join(dir, "doc.log"))
	if err != nil {
		log = out
	}
	if runErr != nil {
		return "", fmt.Errorf("texcheck: pdflatex: %v\n%s", runErr, logErrors(string(log)))
	}
	// A document without content exits 0 with "No pages of output."; that
	// is not a document that compiles.
	if _, err := os.Stat(filepath.Join(dir, "doc.pdf")); err != nil {
		msg := "texcheck: pdflatex wrote no PDF"
		if strings.Contains(string(log), "No pages of output.") {
			msg += ": No pages of output."
		}
		return "", errors.New(msg)
	}
	return string(log), nil
}

// logErrors returns the lines of a TeX log that start with "!" (TeX's error
// marker), each followed by the lines up to and including TeX's two-line
// picture of where it stopped ("l.3 \[ \begin{aligned}" and the rest of the
// input line), but at most maxAfter lines and never the memory statistics
// TeX writes when it gives up.
func logErrors(log string) string {
	const maxAfter = 8
	lines := strings.Split(log, "\n")
	var quoted []string
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "!") {
			continue
		}
		end := min(i+1+maxAfter, len(lines))
		for j := i + 1; j < end; j++ {
			if isLocation(lines[j]) {
				end = min(j+2, len(lines))
				break
			}
			if strings.HasPrefix(lines[j], "Here is how much of TeX's memory") {
				end = j
				break
			}
		}
		quoted = append(quoted, lines[i:end]...)
		i = end - 1
	}
	if len(quoted) == 0 {
		return lastLines(log, 10)
	}
	return strings.TrimSpace(strings.Join(quoted, "\n"))
}

// isLocation reports whether a log line is TeX's "l.<line number> ..."
// context line.
func isLocation(line string) bool {
	rest, ok := strings.CutPrefix(line, "l.")
	return ok && rest != "" && rest[0] >= '0' && rest[0] <= '9'
}

// lastLines returns the last n lines of s, for failures without a "!"
// line to quote.
func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// repoRoot finds the module root by walking up from the working directory
// to go.mod; go test runs each package in its own directory.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("texcheck: no go.mod above the working directory")
		}
		dir = parent
	}
}

// Require handles an error wrapping ErrMissing from KaTeX, PDFLaTeX or
// Chromium: under CI (CI=true) it fails the test, since a CI run that
// silently skips these checks proves nothing; elsewhere it skips with a
// message that says plainly the output went unchecked. It does nothing for any other error, so the
// caller still asserts on it (a test may expect a document to fail).
func Require(t testing.TB, err error) {
	t.Helper()
	if !errors.Is(err, ErrMissing) {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%v\n(CI=true: the LaTeX and HTML checks must run in CI; .ci/run installs the tools)", err)
		return
	}
	t.Skipf("SKIPPED: %v\n"+
		"*** LaTeX or HTML output is NOT being checked by this test. Install the tool, or set CI=true to make this a failure. ***", err)
}
