package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

// goldenContext returns the statements of a golden archive's input.kl
// that give context: its densities and assumptions, not its goals.
func goldenContext(t *testing.T, a *txtar.Archive) []string {
	t.Helper()
	var out []string
	for _, f := range a.Files {
		if f.Name != "input.kl" {
			continue
		}
		for _, line := range strings.Split(string(f.Data), "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "derive ") {
				continue
			}
			out = append(out, line)
		}
	}
	require.NotEmpty(t, out, "no context in input.kl")
	return out
}

// TestCheckRoundTrip checks klderive's own derivations with klderive
// check: the LaTeX fragment and the Markdown of every golden case, with
// the problem as --given, must pass with no wrong and no unchecked link
// (the Markdown states the same declarations again, which is no
// conflict). The renderer and the checker keep each other honest.
// TestGoldenSelfCheck checks the Markdown and standalone documents
// without --given.
func TestCheckRoundTrip(t *testing.T) {
	paths, err := filepath.Glob("../../golden/*.txtar")
	require.NoError(t, err)
	cases := 0
	for _, p := range paths {
		if base := filepath.Base(p); strings.HasPrefix(base, "seed-") || strings.HasPrefix(base, "corpus-") || strings.HasPrefix(base, "check-") {
			continue
		}
		a, err := txtar.ParseFile(p)
		require.NoError(t, err)
		givens := goldenContext(t, a)
		for _, f := range a.Files {
			var args []string
			switch f.Name {
			case "latex":
				args = []string{"check", "-", "--format", "json"}
			case "markdown":
				args = []string{"check", "-", "--stdin-name", "derivation.md", "--format", "json"}
			default:
				continue
			}
			for _, g := range givens {
				args = append(args, "--given", g)
			}
			t.Run(filepath.Base(p)+"/"+f.Name, func(t *testing.T) {
				code, out, stderr := runCLI(t, string(f.Data), args...)
				require.Equal(t, 0, code, "%s\n%s", stderr, out)
				r := decodeReport(t, out)
				assert.Zero(t, r.Summary.Wrong, out)
				// A result of +∞ (a support mismatch) is checked too:
				// "= ∞" and the definition whose sides both diverge, by a
				// witness where p > 0 and q = 0.
				assert.Zero(t, r.Summary.Unchecked, out)
				assert.Positive(t, r.Summary.OK, out)
			})
			cases++
		}
	}
	assert.GreaterOrEqual(t, cases, 8)
}
