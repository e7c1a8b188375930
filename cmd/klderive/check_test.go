package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkReport is the JSON report of klderive check, as a consumer reads it.
type checkReport struct {
	File  string `json:"file"`
	Links []struct {
		Line      int             `json:"line"`
		Col       int             `json:"col"`
		LHS       string          `json:"lhs"`
		RHS       string          `json:"rhs"`
		Status    string          `json:"status"`
		Witness   json.RawMessage `json:"witness"`
		Diagnosis string          `json:"diagnosis"`
		Reason    string          `json:"reason"`
	} `json:"links"`
	FirstWrong *struct {
		Line int `json:"line"`
		Col  int `json:"col"`
	} `json:"first_wrong"`
	Summary struct {
		Links     int `json:"links"`
		OK        int `json:"ok"`
		Wrong     int `json:"wrong"`
		Unchecked int `json:"unchecked"`
	} `json:"summary"`
}

func decodeReport(t *testing.T, out string) checkReport {
	t.Helper()
	var r checkReport
	require.NoError(t, json.Unmarshal([]byte(out), &r), out)
	return r
}

// writeDoc writes a document into a temporary directory.
func writeDoc(t *testing.T, name, src string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(src), 0o644))
	return path
}

var checkGivens = []string{"--given", "p(x) = Normal(x; mu1, sigma1^2)", "--given", "q(x) = Normal(x; mu2, sigma2^2)"}

func TestCheckExitStatus(t *testing.T) {
	good := writeDoc(t, "good.md", "# KL\n\n$$D_{KL}(p\\|q) = \\mathbb{E}_p[\\log p(x) - \\log q(x)]$$\n")
	code, out, stderr := runCLI(t, "", append([]string{"check", good}, checkGivens...)...)
	assert.Equal(t, 0, code, stderr)
	assert.Empty(t, stderr)
	assert.Contains(t, out, "0 wrong, 1 verified, 0 not checked\n")

	bad := writeDoc(t, "bad.md", "$$\\mathbb{E}_p[x^2] = 2(\\mu_1^2 + \\sigma_1^2)$$\n\n$$x = \\foo$$\n")
	code, out, _ = runCLI(t, "", append([]string{"check", bad, "--format", "json"}, checkGivens...)...)
	assert.Equal(t, 1, code)
	r := decodeReport(t, out)
	require.NotNil(t, r.FirstWrong)
	assert.Equal(t, 1, r.FirstWrong.Line)
	assert.Equal(t, 1, r.Summary.Wrong)
	assert.Equal(t, 1, r.Summary.Unchecked)
	assert.Equal(t, "right = 2 × left: a factor of 2?", r.Links[0].Diagnosis)

	// Unchecked links alone do not fail.
	code, _, _ = runCLI(t, `a = \foo`, "check")
	assert.Equal(t, 0, code)
}

func TestCheckStdin(t *testing.T) {
	// Plain LaTeX on standard input.
	code, out, stderr := runCLI(t, `\begin{aligned} (a+b)^2 &= a^2 + 2ab + b^2 \\ &= a^2 + b^2 \end{aligned}`, "check")
	assert.Equal(t, 1, code, stderr)
	assert.Equal(t, "<stdin>:1  ✓  = a² + 2·a·b + b²                                         (numerically equal at 16 points)\n"+
		"<stdin>:1  ✗  the two sides differ: at a = -1.191, b = 0.7362: left = 0.2073, right = 1.962 (right − left = -2·a·b at every point: a dropped or extra term?)\n"+
		"1 wrong, 1 verified, 0 not checked; the first wrong link is <stdin>:1:50\n", out)
}

func TestCheckInputErrors(t *testing.T) {
	block := writeDoc(t, "block.md", "Intro\n\n```klderive\np(x) = Normal(x; 0, -1)\n```\n")
	big := writeDoc(t, "big.md", strings.Repeat("x", 5<<20))
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"bad --given", []string{"check", "-", "--given", "p(x) = Normal(x; mu, s^2"},
			"--given:1:25: expected \")\" but found end of line\np(x) = Normal(x; mu, s^2\n                        ^\n"},
		{"bad klderive block", []string{"check", block},
			block + ":4:21: the variance of p must be positive, not -1\np(x) = Normal(x; 0, -1)\n                    ^\n"},
		{"bad claim", append([]string{"check", "-", "--claim", "KL(p || q) = (("}, checkGivens...),
			"--claim:1:16: expected an expression but found end of input\nKL(p || q) = ((\n               ^\n"},
		{"claim without a goal", []string{"check", "-", "--claim", "1"},
			"--claim:1:1: the claim names no quantity and the document has no goal; write --claim 'KL(p || q) = ...'\n1\n^\n"},
		{"missing file", []string{"check", "no-such-file.md"}, "klderive: open no-such-file.md: no such file or directory\n"},
		{"too large", []string{"check", big}, ""},
		{"unknown format", []string{"check", "-", "--format", "yaml"}, ""},
	}
	for _, tt := range tests {
		code, out, stderr := runCLI(t, "", tt.args...)
		assert.Equal(t, 2, code, tt.name)
		assert.Empty(t, out, tt.name)
		if tt.stderr != "" {
			assert.Equal(t, tt.stderr, stderr, tt.name)
		} else {
			assert.NotEmpty(t, stderr, tt.name)
		}
	}
	// A document too large is refused with its position; the source line
	// is the (long) first line.
	_, _, stderr := runCLI(t, "", "check", big)
	assert.True(t, strings.HasPrefix(stderr, big+":1:1: the document is larger than 4 MB\nxxx"), stderr[:100])
}

func TestCheckTeXFile(t *testing.T) {
	tex := writeDoc(t, "kl.tex", "\\documentclass{article}\n\\begin{document}\n"+
		"Let $p(x) = \\mathcal{N}(x; \\mu, s^2)$.\n"+
		"\\begin{align}\nH(p) &= \\frac{1}{2}\\log(2\\pi e s^2) \\label{eq:h}\\\\\n&= \\frac12 + \\frac12\\log(2\\pi s^2)\n\\end{align}\n"+
		"\\end{document}\n")
	code, out, stderr := runCLI(t, "", "check", tex, "--format", "json")
	assert.Equal(t, 0, code, stderr)
	r := decodeReport(t, out)
	assert.Equal(t, 2, r.Summary.OK)
	assert.Equal(t, 5, r.Links[0].Line)
	assert.Equal(t, 6, r.Links[1].Line)
	assert.Equal(t, 4, r.Links[1].Col)
}

// A false equation between numbers fails the check; a condition is
// listed, not judged.
func TestCheckNumbersAndConditions(t *testing.T) {
	doc := writeDoc(t, "n.md", "Let $\\mu_1 = 0$.\n\n$$2 = 3$$\n")
	code, out, stderr := runCLI(t, "", append([]string{"check", doc}, checkGivens...)...)
	assert.Equal(t, 1, code, stderr)
	assert.Contains(t, out, "condition: \\mu_1 = 0  (line 1, applies to lines 1–3)\n")
	assert.Contains(t, out, "n.md:3  ✗  the two sides differ: left = 2, right = 3")
}
