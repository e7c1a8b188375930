package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// E_p(…) and E_p|…| with a density as the subscript are expectations
// under it, as a forum derivation of the KL divergence of two Laplace
// distributions writes them; its last line, right only where μ₁ = μ₂,
// is wrong in general. Under a subscript that is no density, E_0(m) is
// the symbol E₀ times m, as before.
func TestSubscriptExpectationWithParentheses(t *testing.T) {
	doc := "Let $p(x) \\sim \\text{Laplace}(\\mu_1, b_1)$ and $q(x) \\sim \\text{Laplace}(\\mu_2, b_2)$.\n\n" +
		"$$\\begin{align}D(P||Q) &= E_p(\\log p(x) - \\log q(x)) \\\\\n" +
		"&= E_p\\left( \\log \\frac{b_2}{b_1} - \\frac{|x-\\mu_1|}{b_1} + \\frac{|x-\\mu_2|}{b_2}\\right) \\\\\n" +
		"&= \\log \\frac{b_2}{b_1} - \\frac{1}{b_1}E_p|x-\\mu_1| + \\frac{1}{b_2}E_{x \\sim p}|x-\\mu_2| \\\\\n" +
		"&= \\log \\frac{b_2}{b_1} - 1 + \\frac{b_1}{b_2}\\end{align}$$\n"
	r := run(t, Markdown, doc)
	assert.Equal(t, "ooox", marks(r), "%v", summary(r))
	r = run(t, Markdown, "Let $p(x) = \\mathcal{N}(x; m, s^2)$.\n\n$$E_0(m) + 2 = E_0(m) + 1$$\n")
	require.Len(t, r.Links, 1, "%v", summary(r))
	assert.Equal(t, Wrong, r.Links[0].Status, "%v", summary(r))
	assert.Equal(t, "E_0", r.Links[0].Witness.Point[0].Name, "%v", summary(r))
}

// P = \mathrm{Gam}(a_1, b_1) names a law: the density P of x, written p
// as well, not a random variable P whose variable is p. So
// E_{x∼p}[log p(x) − log q(x)] reads, and a sign error after it is found.
func TestLawNamedByACapital(t *testing.T) {
	doc := "Let $P = \\mathrm{Gam}(a_1, b_1)$ and $Q = \\mathrm{Gam}(a_2, b_2)$.\n\n" +
		"$$\\mathrm{KL}[P\\,\\|\\,Q] = \\mathbb{E}_{x \\sim p}[\\log p(x) - \\log q(x)] = \\mathbb{E}_{x \\sim p}[\\log q(x) - \\log p(x)]$$\n"
	r := run(t, Markdown, doc)
	assert.Equal(t, "ox", marks(r), "%v", summary(r))
}
