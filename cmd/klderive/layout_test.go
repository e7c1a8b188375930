package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Text output keeps every line within --width: the heading (the goal
// and its givens) wraps after a given's comma, a row breaks at its
// top-level + or −, inside its outermost bracket or before a factor,
// and the verdict and the result line wrap like the rows. No shipped
// example has a term too narrow to break at these widths.
func TestTextWidth(t *testing.T) {
	examples, err := filepath.Glob("../../examples/*.kl")
	require.NoError(t, err)
	for _, ex := range examples {
		for _, width := range []int{60, 72, 80, 100, 140} {
			code, out, stderr := runCLI(t, "", "derive", "--width", strconv.Itoa(width), ex)
			require.Equal(t, 0, code, stderr)
			lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
			// The heading is the first line of each goal's output, the
			// line after the verdict's last, and the lines that continue
			// it, up to the first row.
			//
			// A long goal leaves a result's continuation lines less room
			// under its "=" than the rows have, so the result is no wider
			// than the page or the widest row: its terms broke there.
			heading, inResult, headings := true, false, 0
			rowsWide, resultWide := 0, 0
			for _, l := range lines {
				n := utf8.RuneCountInString(l)
				assert.LessOrEqual(t, n, width, "%s at --width %d: %s", ex, width, l)
				switch {
				case l == "":
					heading = true
					assert.LessOrEqual(t, resultWide, max(width, rowsWide), "%s at --width %d: the result is wider than its rows", ex, width)
					rowsWide, resultWide = 0, 0
					continue
				case heading && !strings.HasPrefix(l, "  = "):
					headings++
					continue
				case strings.HasPrefix(l, "result: "):
					inResult = true
				case strings.HasPrefix(l, "verified: "), strings.HasPrefix(l, "stopped: "):
					inResult = false
				}
				heading = false
				if inResult {
					resultWide = max(resultWide, n)
				} else if strings.HasPrefix(l, "  ") && resultWide == 0 {
					rowsWide = max(rowsWide, n)
				}
			}
			assert.Positive(t, headings, "%s at --width %d: no heading", ex, width)
			assert.LessOrEqual(t, resultWide, max(width, rowsWide), "%s at --width %d: the result is wider than its rows", ex, width)
		}
	}
}

// A heading too wide for the page breaks after a given's comma, the
// givens aligned under the first; when they do not fit beside the goal
// either, the goal stands alone and "where" starts the next line. The
// assumptions follow it.
func TestTextHeadingWraps(t *testing.T) {
	_, out, _ := runCLI(t, "", "derive", "--width", "80", "../../examples/diag-normal.kl")
	assert.True(t, strings.HasPrefix(out, `KL(q ‖ p)  where q(z) = Π_{d=1..D} 𝒩(z[d]; μ[d], σ[d]²),
                 p(z) = Π_{d=1..D} 𝒩(z[d]; 0, 1)
assuming `), out)
	_, out, _ = runCLI(t, "", "derive", "--width", "50", "../../examples/diag-normal.kl")
	assert.True(t, strings.HasPrefix(out, `KL(q ‖ p)
  where q(z) = Π_{d=1..D} 𝒩(z[d]; μ[d], σ[d]²),
        p(z) = Π_{d=1..D} 𝒩(z[d]; 0, 1)
assuming `), out)
	_, out, _ = runCLI(t, "", "derive", "--width", "100", "../../examples/normal.kl")
	assert.Equal(t, 1, strings.Count(strings.SplitN(out, "assuming ", 2)[0], "\n"), out)
}

// A justification on a line of its own fits the width too: one wider
// than the page wraps at its spaces.
func TestTextJustificationsFit(t *testing.T) {
	examples, err := filepath.Glob("../../examples/*.kl")
	require.NoError(t, err)
	for _, ex := range examples {
		code, out, stderr := runCLI(t, "", "derive", "--width", "40", ex)
		require.Equal(t, 0, code, stderr)
		open := false
		for _, l := range strings.Split(out, "\n") {
			if open || strings.HasPrefix(strings.TrimSpace(l), "[") {
				assert.LessOrEqual(t, utf8.RuneCountInString(l), 40, "%s: %s", ex, l)
				open = !strings.HasSuffix(l, "]")
			}
		}
	}
}

func TestCLIOutputOptions(t *testing.T) {
	code, out, _ := runCLI(t, "", "--version")
	assert.Equal(t, 0, code)
	assert.True(t, strings.HasPrefix(out, "klderive "), out)

	for _, args := range [][]string{
		{"derive", "--standalone", "../../examples/normal.kl"},
		{"derive", "--standalone", "--format", "markdown", "../../examples/normal.kl"},
		{"derive", "--width", "5", "../../examples/normal.kl"},
		{"derive", "--width", "wide", "../../examples/normal.kl"},
		{"derive", "--format", "latex", "--width", "3pt", "../../examples/normal.kl"},
		{"derive", "--format", "html", "--width", "12cm", "../../examples/normal.kl"},
		{"derive", "--just", "left", "../../examples/normal.kl"},
	} {
		code, out, stderr := runCLI(t, "", args...)
		assert.Equal(t, 2, code, "%v", args)
		assert.Empty(t, out, "%v", args)
		assert.NotEmpty(t, stderr, "%v", args)
	}

	// -o writes what standard output would have had.
	path := filepath.Join(t.TempDir(), "kl.md")
	code, out, stderr := runCLI(t, "", "derive", "-f", "markdown", "-o", path, "../../examples/normal.kl")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, out)
	_, want, _ := runCLI(t, "", "derive", "-f", "markdown", "../../examples/normal.kl")
	got, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, want, string(got))

	// A LaTeX width in centimetres is a narrower page than the default.
	_, narrow, _ := runCLI(t, "", "derive", "-f", "latex", "--width", "8cm", "--just", "none", "../../examples/normal.kl")
	_, dflt, _ := runCLI(t, "", "derive", "-f", "latex", "--just", "none", "../../examples/normal.kl")
	assert.Greater(t, strings.Count(narrow, `\\`), strings.Count(dflt, `\\`))
	assert.NotContains(t, narrow, `\text`)

	// --math fence and --box still give a document that checks itself.
	for _, ex := range []string{"normal", "mvn"} {
		code, md, stderr := runCLI(t, "", "derive", "-f", "markdown", "--math", "fence", "--box", "../../examples/"+ex+".kl")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, md, "```math\n")
		assert.Contains(t, md, "Result: $\\boxed{")
		code, rep, stderr := runCLI(t, md, "check", "-", "--stdin-name", ex+".md")
		assert.Equal(t, 0, code, "%s%s", stderr, rep)
		assert.Contains(t, rep, "0 wrong")
		assert.Contains(t, rep, " 0 not checked")
	}
}
