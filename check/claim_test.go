package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func claimOf(t *testing.T, doc, claim string, givens ...string) (*Link, error) {
	t.Helper()
	s, err := Read("d.md", doc, Markdown)
	require.NoError(t, err)
	r, err := Check(s, Options{Givens: givens, Claim: claim})
	if err != nil {
		return nil, err
	}
	require.NotNil(t, r.Claim)
	return r.Claim, nil
}

func TestClaim(t *testing.T) {
	doc := "$$D_{KL}(p \\| q) = \\int p(x) \\log\\frac{p(x)}{q(x)}\\,dx$$\n"
	// The .kl syntax, with the goal written.
	c, err := claimOf(t, doc, "KL(p || q) = log(sigma2/sigma1) + (sigma1^2 + (mu1 - mu2)^2)/(2*sigma2^2) - 1/2", gauss...)
	require.NoError(t, err)
	assert.Equal(t, OK, c.Status, c.Reason)
	assert.Equal(t, Points, c.Points)
	assert.Equal(t, "KL(p ‖ q) = log(σ₂/σ₁) + (σ₁² + (μ₁ - μ₂)²)/(2·σ₂²) - 1/2", c.LHS)
	// LaTeX, with the goal taken from the document's first chain.
	c, err = claimOf(t, doc, `\log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} + \frac{1}{2}`, gauss...)
	require.NoError(t, err)
	assert.Equal(t, Wrong, c.Status)
	assert.Equal(t, "right − left = 1 at every point: a dropped or extra constant term?", c.Diagnosis)
	// A goal from a klderive block.
	c, err = claimOf(t, "```klderive\np(x) = Normal(x; 0, s^2)\nderive H(p)\n```\n", "1/2*log(2*pi*e*s^2)")
	require.NoError(t, err)
	assert.Equal(t, OK, c.Status, c.Reason)
}

func TestClaimErrors(t *testing.T) {
	for claim, want := range map[string]string{
		"x + 1":          "--claim:1:1: the claim names no quantity and the document has no goal; write --claim 'KL(p || q) = ...'",
		"mu1 = 2":        "--claim:1:1: the left side of a claim is the quantity it states, KL(p || q), H(p) or H(p, q); not mu_1",
		"KL(p || r) = 1": "--claim:1:1: unknown density r in KL(p ‖ r)",
		"KL(p || q) < 1": "--claim:1:1: a claim is an equality, not <",
		"KL(p || q) = (": `--claim:1:15: expected an expression but found end of input`,
	} {
		_, err := claimOf(t, "no math", claim, gauss...)
		assert.EqualError(t, err, want, claim)
	}
	// Symbols the context does not know leave the claim unchecked.
	c, err := claimOf(t, "no math", "KL(p || q) = c", gauss...)
	require.NoError(t, err)
	assert.Equal(t, Unchecked, c.Status)
	assert.Equal(t, "unknown symbols in the claim: c", c.Reason)
}
