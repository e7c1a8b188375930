package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// general is the KL of two univariate Gaussians in general, and
// specialForm the same with μ₂ = 0 and σ₂ = 1, which holds only in that case.
const (
	general     = "$$KL(p \\| q) = \\log\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1 - \\mu_2)^2}{2\\sigma_2^2} - \\frac12$$\n\n"
	specialForm = "\n\n$$KL(p \\| q) = -\\log\\sigma_1 + \\frac{\\sigma_1^2 + \\mu_1^2}{2} - \\frac12$$\n"
	// wrongSpecial is wrong in the special case too (σ₁ for σ₁²).
	wrongSpecial = "\n\n$$KL(p \\| q) = -\\log\\sigma_1 + \\frac{\\sigma_1 + \\mu_1^2}{2} - \\frac12$$\n"
)

// TestStatedDensityCase: a density stated to be the standard member of
// its family, in math or in words, fixes its parameters from there on,
// and the report says so.
func TestStatedDensityCase(t *testing.T) {
	for _, stated := range []string{
		"When $q$ is $\\mathcal N(0, 1)$, this is",
		"where $q = \\mathcal{N}(0,1)$:",
		"Now take $q(x) \\sim N(0, 1)$.",
		"Here $q$ is the standard normal distribution.",
		"Assuming $\\mu_2 = 0$ and $\\sigma_2 = 1$, it is",
	} {
		r := run(t, Markdown, general+stated+specialForm, gauss...)
		require.Len(t, r.Links, 2, stated)
		assert.Equal(t, OK, r.Links[0].Status, stated)
		assert.Empty(t, r.Links[0].Under, stated)
		assert.Equal(t, OK, r.Links[1].Status, "%s: %s", stated, r.Links[1].Reason)
		assert.Equal(t, "μ₂ = 0, σ₂ = 1", r.Links[1].Under, stated)
		r = run(t, Markdown, general+stated+wrongSpecial, gauss...)
		assert.Equal(t, Wrong, r.Links[1].Status, stated)
	}
	// Without the statement the special form is wrong in general.
	r := run(t, Markdown, general+"Then"+specialForm, gauss...)
	assert.Equal(t, Wrong, r.Links[1].Status)
}

// TestStatedPrior: "the standard normal prior" is the density the
// document calls the prior, or the one not conditioned on anything.
func TestStatedPrior(t *testing.T) {
	doc := "$$KL(q \\| p) = \\log\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1 - \\mu_2)^2}{2\\sigma_2^2} - \\frac12$$\n\n" +
		"For the standard normal prior this is\n\n" +
		"$$KL(q \\| p) = -\\log\\sigma_1 + \\frac{\\sigma_1^2 + \\mu_1^2}{2} - \\frac12$$\n"
	r := run(t, Markdown, doc, "q(z | x) = Normal(z; mu1, sigma1^2)", "p(z) = Normal(z; mu2, sigma2^2)")
	require.Len(t, r.Links, 2)
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	assert.Equal(t, "μ₂ = 0, σ₂ = 1", r.Links[1].Under)
	// Named in the text.
	named := "The prior $p(z)$ is fixed.\n\n" + doc
	r = run(t, Markdown, named, "q(z) = Normal(z; mu1, sigma1^2)", "p(z) = Normal(z; mu2, sigma2^2)")
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	// In several dimensions, N(0, I) sets a mean vector and a covariance.
	mv := "$$KL(q \\| p) = \\frac12\\left(\\mathrm{tr}(\\Sigma_2^{-1}\\Sigma_1) + (\\mu_2-\\mu_1)^T\\Sigma_2^{-1}(\\mu_2-\\mu_1) - k + \\log\\frac{\\det\\Sigma_2}{\\det\\Sigma_1}\\right)$$\n\n" +
		"If the prior is a standard Gaussian:\n\n" +
		"$$KL(q \\| p) = \\frac12\\left(\\mathrm{tr}(\\Sigma_1) + \\mu_1^T\\mu_1 - k - \\log\\det\\Sigma_1\\right)$$\n"
	r = run(t, Markdown, mv, "k: dim", "z, mu1, mu2: vector[k]", "Sigma1, Sigma2: matrix[k,k] spd",
		"q(z | x) = MvNormal(z; mu1, Sigma1)", "p(z) = MvNormal(z; mu2, Sigma2)")
	require.Len(t, r.Links, 2)
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	assert.Equal(t, "μ₂ = 0, Σ₂ = I", r.Links[1].Under)
}

// TestStatedCaseNotUnderstood: a special case the checker cannot read
// (no density is the prior; a parameter the densities share) never
// lets a link after it be reported wrong for failing in general.
func TestStatedCaseNotUnderstood(t *testing.T) {
	r := run(t, Markdown, general+"For the standard normal prior,"+specialForm, gauss...)
	require.Len(t, r.Links, 2)
	assert.Equal(t, Unchecked, r.Links[1].Status)
	assert.Contains(t, r.Links[1].Reason, "not understood")
	// A link that holds in general still holds in any special case.
	r = run(t, Markdown, general+"For the standard normal prior,\n\n"+general, gauss...)
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	shared := []string{"p(x) = Normal(x; m, sigma1^2)", "q(x) = Normal(x; m, sigma2^2)"}
	r = run(t, Markdown, "When $q$ is $\\mathcal N(0, 1)$,\n\n$$\\mathbb{E}_q[x] = 0$$\n", shared...)
	require.Len(t, r.Links, 1)
	assert.Equal(t, Unchecked, r.Links[0].Status)
	assert.Contains(t, r.Links[0].Reason, "parameter of p too")
	// Spelled out after "i.e.", the case is read in its parameters.
	r = run(t, Markdown, general+"If we assume the prior is a unit Gaussian, i.e. $\\mu_2 = 0$ and $\\sigma_2 = 1$,"+specialForm, gauss...)
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	r = run(t, Markdown, general+"If we assume the prior is a unit Gaussian, i.e. $\\mu_2 = 0$ and $\\sigma_2 = 1$,"+wrongSpecial, gauss...)
	assert.Equal(t, Wrong, r.Links[1].Status)
}
