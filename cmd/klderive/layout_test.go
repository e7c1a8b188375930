package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Text output wraps every derivation line to --width; only a single
// term wider than the width (a density written out) may stick out: a
// longer line has no + or − left at the top level or inside its
// outermost bracket, where it could have broken.
func TestTextWidth(t *testing.T) {
	examples, err := filepath.Glob("../../examples/*.kl")
	require.NoError(t, err)
	for _, ex := range examples {
		for _, width := range []string{"80", "100", "140"} {
			code, out, stderr := runCLI(t, "", "derive", "--width", width, ex)
			require.Equal(t, 0, code, stderr)
			lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
			// The heading (goal and givens) is the first line of each
			// goal's output, the line after the verdict's last; the
			// verdict and the result line wrap like the rows.
			//
			// A long goal leaves a result's continuation lines less room
			// under its "=" than the rows have, so the result is no wider
			// than the page or the widest row: its terms broke there.
			heading, inResult := true, false
			rowsWide, resultWide := 0, 0
			for _, l := range lines {
				n := utf8.RuneCountInString(l)
				switch {
				case heading:
					heading = false
					continue
				case l == "":
					heading = true
					assert.LessOrEqual(t, resultWide, max(atoi(width), rowsWide), "%s at --width %s: the result is wider than its rows", ex, width)
					rowsWide, resultWide = 0, 0
					continue
				case strings.HasPrefix(l, "result: "):
					inResult = true
				case strings.HasPrefix(l, "verified: "), strings.HasPrefix(l, "stopped: "):
					inResult = false
				}
				if inResult {
					resultWide = max(resultWide, n)
				} else if strings.HasPrefix(l, "  ") && resultWide == 0 {
					rowsWide = max(rowsWide, n)
				}
				if n > atoi(width) {
					assert.False(t, breakable(l), "%s at --width %s: %s", ex, width, l)
				}
			}
			assert.LessOrEqual(t, resultWide, max(atoi(width), rowsWide), "%s at --width %s: the result is wider than its rows", ex, width)
		}
	}
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

// breakable reports whether a line, after its leading "=" or sign, has a
// " + " or " - " at bracket depth 0 or 1. The bracket of a function's
// argument, erf(a - b), is no place to break: it counts as two levels.
func breakable(l string) bool {
	l = strings.TrimLeft(l, " =+-")
	depth := 0
	var open []int // the depth each open bracket added
	prev := ' '
	for i, r := range l {
		switch r {
		case '(', '[':
			n := 1
			if r == '(' && (unicode.IsLetter(prev) || unicode.IsDigit(prev)) {
				n = 2
			}
			open = append(open, n)
			depth += n
		case ')', ']':
			if len(open) > 0 {
				depth -= open[len(open)-1]
				open = open[:len(open)-1]
			}
		case '+', '-':
			if depth <= 1 && strings.HasPrefix(l[i-1:], " "+string(r)+" ") {
				return true
			}
		}
		prev = r
	}
	return false
}

func atoi(s string) int {
	n := 0
	for _, c := range s {
		n = 10*n + int(c-'0')
	}
	return n
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
