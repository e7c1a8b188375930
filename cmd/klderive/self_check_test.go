package main

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGoldenSelfCheck runs klderive check, with no --given, on every
// golden Markdown and standalone LaTeX document that derive wrote: the
// renderer and the checker must agree on every link, so each is verified,
// none wrong and none left unchecked. The documents carry their own
// context (a klderive block, % klderive: comments).
func TestGoldenSelfCheck(t *testing.T) {
	for section, name := range map[string]string{"markdown": "derivation.md", "standalone.tex": "derivation.tex"} {
		docs := goldenSections(t, section)
		require.NotEmpty(t, docs)
		archives := make([]string, 0, len(docs))
		for a := range docs {
			archives = append(archives, a)
		}
		sort.Strings(archives)
		for _, a := range archives {
			t.Run(a+"/"+section, func(t *testing.T) { assertSelfChecks(t, docs[a], name) })
		}
	}
}

// The other notations read back as well: derive's Markdown and standalone
// LaTeX of every example with |Σ| for determinants and \mid in family
// calls check with no wrong and no unchecked link.
func TestSelfCheckNotations(t *testing.T) {
	examples, err := filepath.Glob("../../examples/*.kl")
	require.NoError(t, err)
	require.NotEmpty(t, examples)
	formats := map[string][]string{"derivation.md": {"--format", "markdown"}, "derivation.tex": {"--format", "latex", "--standalone"}}
	for _, ex := range examples {
		for name, format := range formats {
			for _, notation := range [][]string{{"--det", "bars"}, {"--cond", "bar"}, {"--det", "bars", "--cond", "bar"}} {
				t.Run(filepath.Base(ex)+"/"+name+"/"+strings.Join(notation, " "), func(t *testing.T) {
					t.Parallel()
					args := append(append([]string{"derive"}, format...), notation...)
					code, doc, stderr := runCLI(t, "", append(args, ex)...)
					require.Equal(t, 0, code, stderr)
					assertSelfChecks(t, doc, name)
				})
			}
		}
	}
}

// assertSelfChecks runs klderive check on a document derive wrote and
// wants every link verified, those of a goal that is +∞ too (by their
// witnesses where p > 0 and q = 0).
func assertSelfChecks(t *testing.T, doc, name string) {
	t.Helper()
	code, out, stderr := runCLI(t, doc, "check", "-", "--stdin-name", name, "--format", "json")
	require.Empty(t, stderr)
	r := decodeReport(t, out)
	s := r.Summary
	assert.Equal(t, 0, code, "exit status")
	assert.Zero(t, s.Wrong, "wrong links:\n%s", out)
	assert.Zero(t, s.Unchecked, "links not checked:\n%s", out)
	assert.Positive(t, s.OK)
	assert.Equal(t, s.Links, s.OK)
}

// Problems beyond the examples read back too, at the layouts that put a
// case's condition on a row of its own under its value: a Uniform
// against a Beta (piecewise, with its limits at the ends), a narrow page
// and both formats.
func TestSelfCheckBeyondExamples(t *testing.T) {
	problems := map[string]string{
		"families": "p(x) = Uniform(x; a1, b1)\nq(x) = Beta(x; a, b)\nr(x) = Laplace(x; 0, t)\nderive KL(p || q), H(p, r)\n",
		// Finite only at a single point, a = 0 or c = 0: cases no random
		// point meets, which check solves to their point.
		"point":        "p(x) = Uniform(x; a, a + 1)\nq(x) = Uniform(x; 0, 1)\nderive KL(p || q)\n",
		"point-scaled": "p(x) = Uniform(x; 2*a, 2*a + 1)\nq(x) = Uniform(x; a, a + 1)\nderive KL(p || q)\n",
		"point-exp":    "p(x) = Uniform(x; exp(c) - 1, exp(c))\nq(x) = Uniform(x; 0, 1)\nr(x) = Normal(x; m, s)\nderive KL(p || q), H(q, p), KL(r || q)\n",
	}
	formats := map[string][]string{"derivation.md": {"--format", "markdown"}, "derivation.tex": {"--format", "latex", "--standalone"}}
	for problem, src := range problems {
		for name, format := range formats {
			for _, width := range []string{"", "300pt"} {
				t.Run(problem+"/"+name+"/"+width, func(t *testing.T) {
					t.Parallel()
					args := append([]string{"derive"}, format...)
					if width != "" {
						args = append(args, "--width", width)
					}
					code, doc, stderr := runCLI(t, src, append(args, "-")...)
					require.Equal(t, 0, code, stderr)
					assertSelfChecks(t, doc, name)
				})
			}
		}
	}
}
