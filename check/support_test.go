package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A density written as a formula is integrated over the support stated
// beside it, in each way a document states one; over the real line the
// Exponential's formula is no density and its entropy diverges. The
// entropy 1 − log λ is ✓ and 1 + log λ, the wrong sign, ✗.
func TestFormulaOnStatedSupport(t *testing.T) {
	for _, def := range []string{
		"Let $p(x) = \\lambda e^{-\\lambda x}$ for $x \\ge 0$, where $\\lambda > 0$.",
		"Let $p(x) = \\lambda e^{-\\lambda x}$ for $x > 0$.",
		"Let $p(x) = \\lambda e^{-\\lambda x}$ for all $x \\in [0, \\infty)$.",
		"$$p(x) = \\lambda e^{-\\lambda x}, \\quad x \\geq 0$$",
		"$$p(x) = \\lambda e^{-\\lambda x} \\quad \\text{for } x \\ge 0$$",
		"$$p(x) = \\lambda e^{-\\lambda x} \\qquad \\text{if } 0 \\le x$$",
		"$$p(x) = \\lambda e^{-\\lambda x} \\mathbb{1}[x \\geq 0]$$",
		"$$p(x) = \\lambda \\exp(-\\lambda x)\\, \\mathbb{1}_{x > 0}$$",
		"$$p(x) = \\begin{cases} \\lambda e^{-\\lambda x} & x \\ge 0 \\\\ 0 & x < 0 \\end{cases}$$",
		"$$p(x) = \\begin{cases} \\lambda e^{-\\lambda x} & x \\ge 0 \\\\ 0 & \\text{otherwise} \\end{cases}$$",
	} {
		doc := def + "\n\n$$\nh(p) = -\\int_0^\\infty p(x) \\log p(x)\\,dx = 1 - \\log\\lambda\n$$\n\n$$\nh(p) = 1 + \\log\\lambda\n$$\n"
		r := run(t, Markdown, doc)
		require.Len(t, r.Links, 3, "%s: %v", def, summary(r))
		assert.Equal(t, OK, r.Links[0].Status, "%s: %v", def, summary(r))
		assert.Equal(t, OK, r.Links[1].Status, "%s: %v", def, summary(r))
		assert.Equal(t, Wrong, r.Links[2].Status, "%s: %v", def, summary(r))
		found := false
		for _, g := range r.Context {
			found = found || strings.HasPrefix(g.Stmt, "p(x) = cases(")
		}
		assert.True(t, found, "%s: the density is in the context: %v", def, r.Context)
	}
}

// Supports between two ends, as numbers or parameters: a Beta and a
// Uniform written out, whose entropies hold; the Uniform's width taken
// from the wrong end is caught.
func TestFormulaOnInterval(t *testing.T) {
	r := run(t, Markdown, "Let $f(x) = \\frac{x^{a-1}(1-x)^{b-1}}{\\mathrm{B}(a, b)}$ for $0 < x < 1$, with $a, b > 0$.\n\n"+
		"$$\nh(f) = -\\int_0^1 f(x) \\ln f(x)\\,dx = \\ln \\mathrm{B}(a,b) - (a-1)\\psi(a) - (b-1)\\psi(b) + (a+b-2)\\psi(a+b)\n$$\n")
	require.Len(t, r.Links, 2, summary(r))
	assert.Equal(t, OK, r.Links[0].Status, summary(r))
	assert.Equal(t, OK, r.Links[1].Status, summary(r))

	r = run(t, Markdown, "$$\np(x) = \\frac{1}{b - a}, \\quad a \\le x \\le b\n$$\nwith $a < b$.\n\n"+
		"$$\nh(p) = -\\int_a^b \\frac{1}{b-a} \\log \\frac{1}{b-a}\\,dx = \\log(b - a)\n$$\n\n$$\nh(p) = \\log(a - b)\n$$\n")
	require.Len(t, r.Links, 3, summary(r))
	assert.Equal(t, OK, r.Links[0].Status, summary(r))
	assert.Equal(t, OK, r.Links[1].Status, summary(r))
	assert.NotEqual(t, OK, r.Links[2].Status, summary(r))
}

// A formula that integrates to 1 at none of the points is no density
// (its normaliser is missing, or it is a function on a domain): it is
// read as a function, so no claim about a density of that name is
// judged, the report says why, and a link that uses the function is
// judged with its formula. Points where a parameter makes the formula no
// density (λ < 0, no condition stated) are not drawn.
func TestFormulaNotNormalised(t *testing.T) {
	r := run(t, Markdown, "Let $p(x) = \\lambda e^{-\\lambda x}/2$ for $x \\ge 0$.\n\n$$\nh(p) = 1 - \\log\\lambda\n$$\n\n$$\n\\log 4 = 2 \\log 2\n$$\n")
	require.Len(t, r.Links, 2, summary(r))
	assert.Equal(t, Unchecked, r.Links[0].Status)
	assert.Contains(t, r.Links[0].Reason, "unknown density p")
	assert.Equal(t, OK, r.Links[1].Status, "a link without the density is judged")
	assert.Contains(t, strings.Join(r.Notes, "\n"), "integrates to 1 over its support at none of the points drawn, so it is read as a function")

	r = run(t, Markdown, "Let $f(x) = x^2$ for $x > 0$.\n\n$$\\int_0^1 f(x)\\,dx = \\frac{1}{3}$$\n\n$$\\int_0^1 f(x)\\,dx = \\frac{1}{2}$$\n")
	require.Len(t, r.Links, 2, summary(r))
	assert.Equal(t, OK, r.Links[0].Status, summary(r))
	assert.Equal(t, Wrong, r.Links[1].Status, summary(r))

	r = run(t, Markdown, "Let $p(x) = \\lambda e^{-\\lambda x}$ for $x \\ge 0$.\n\n$$\n\\mathbb{E}_p[x] = \\frac{1}{\\lambda}\n$$\n")
	require.Len(t, r.Links, 1, summary(r))
	assert.Equal(t, OK, r.Links[0].Status, summary(r))
	assert.Equal(t, 16, r.Links[0].Points)
}

// A divergence against a density that vanishes where p does not is +∞:
// a finite closed form claimed for it is ✗ at a point with the witness,
// whether q is a family or a formula on its support, and "= ∞" with the
// definition is ✓.
func TestSupportMismatchClaimedFinite(t *testing.T) {
	for _, q := range []string{"$q = \\mathrm{Exp}(\\lambda)$", "$q(x) = \\lambda e^{-\\lambda x}$ for $x \\ge 0$"} {
		doc := "Let $p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$ and " + q + ", with $\\lambda > 0$.\n\n" +
			"$$\nD_{KL}(p \\| q) = \\mathbb{E}_p[\\log p(x) - \\log q(x)] = -\\frac{1}{2}\\log(2\\pi e\\sigma^2) - \\log\\lambda + \\lambda\\mu\n$$\n\n" +
			"$$\nD_{KL}(p \\| q) = \\infty\n$$\n"
		r := run(t, Markdown, doc)
		require.Len(t, r.Links, 3, "%s: %v", q, summary(r))
		assert.Equal(t, OK, r.Links[0].Status, "%s: %v", q, summary(r))
		assert.Equal(t, Wrong, r.Links[1].Status, "%s: %v", q, summary(r))
		assert.Contains(t, r.Links[1].Diagnosis, "the left side is +∞", q)
		assert.Equal(t, OK, r.Links[2].Status, "%s: %v", q, summary(r))
	}
}

// A density written out as a formula on its support and named as its
// family is one density: no note that they differ, and the formula is a
// definition, not a claim judged at points off the support. A formula
// that is another density is noted as differing.
func TestFormulaRestatesFamily(t *testing.T) {
	r := run(t, Markdown, "Let $f(x) = \\frac{x^{a-1}(1-x)^{b-1}}{\\mathrm{B}(a, b)}$ for $0 < x < 1$, that is $f = \\text{Beta}(a, b)$.\n\n$$h(f) = \\ln \\mathrm{B}(a,b) - (a-1)\\psi(a) - (b-1)\\psi(b) + (a+b-2)\\psi(a+b)$$\n")
	assert.NotContains(t, strings.Join(r.Notes, "\n"), "differs", r.Notes)
	require.Len(t, r.Links, 1, summary(r))
	assert.Equal(t, OK, r.Links[0].Status, summary(r))

	r = run(t, Markdown, "Let $p(x) = 2\\lambda e^{-\\lambda x}$ for $x \\ge 0$, that is $p = \\mathrm{Exp}(\\lambda)$.\n\n$$h(p) = 1 - \\log\\lambda$$\n")
	assert.Contains(t, strings.Join(r.Notes, "\n"), "differs", r.Notes)
}
