package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestCheckStrict: --strict fails a document with a link not checked or
// with no checked link at all, and says which on standard error; without
// it those exit 0.
func TestCheckStrict(t *testing.T) {
	given := []string{"--given", "p(x) = Normal(x; mu1, sigma1^2)"}
	for _, c := range []struct {
		doc        string
		code, want int
		stderr     string
	}{
		{"$$\\mathbb{E}_p[x] = \\mu_1$$\n", 0, 0, ""},
		{"$$\\mathbb{E}_p[x] = \\mu_1 = \\hat\\mu$$\n", 0, 1, "d.md: --strict: 1 not checked\n"},
		{"no math at all\n", 0, 1, "d.md: --strict: no link was checked\n"},
		{"$$\\mu_1 = \\mu_2$$\n", 0, 1, "d.md: --strict: no link was checked\n"}, // a condition only
		{"$$\\mathbb{E}_p[x] = 2\\mu_1$$\n", 1, 1, ""},
	} {
		args := append([]string{"check", "-", "--stdin-name", "d.md"}, given...)
		code, _, stderr := runCLI(t, c.doc, args...)
		assert.Equal(t, c.code, code, c.doc)
		assert.Empty(t, stderr, c.doc)
		code, _, stderr = runCLI(t, c.doc, append(args, "--strict")...)
		assert.Equal(t, c.want, code, c.doc)
		assert.Equal(t, c.stderr, stderr, c.doc)
	}
}

// TestCheckDirectory: a directory argument checks every .md and .tex
// file under it in lexical order, and the worst verdict decides the exit.
func TestCheckDirectory(t *testing.T) {
	dir := t.TempDir()
	write := func(name, doc string) {
		path := filepath.Join(dir, name)
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, []byte(doc), 0o644))
	}
	write("a.md", "$$1 + 1 = 2$$\n")
	write("sub/b.md", "$$2 \\cdot 2 = 4$$\n")
	write("sub/c.txt", "$$2 = 3$$\n") // not a document
	code, out, stderr := runCLI(t, "", "check", "--strict", dir)
	assert.Equal(t, 0, code, out)
	assert.Empty(t, stderr)
	assert.Equal(t, 2, strings.Count(out, "0 wrong, 1 verified, 0 not checked"), out)
	write("sub/d.tex", "\\[ 2 = 3 \\]\n")
	code, out, _ = runCLI(t, "", "check", dir)
	assert.Equal(t, 1, code, out)
	assert.Contains(t, out, "d.tex:1")
	code, _, stderr = runCLI(t, "", "check", "--claim", "KL(p || q) = 0", dir)
	assert.Equal(t, 2, code)
	assert.Contains(t, stderr, "--claim needs a single document")
}
