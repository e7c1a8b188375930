package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestProseContext: simple sentences that name the densities in words
// define them; a standard deviation named so is positive; prose about
// Gaussians that is not read leaves the links not checked, with a note.
func TestProseContext(t *testing.T) {
	kl := "\n\n$$KL(p \\| q) = \\log\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1 - \\mu_2)^2}{2\\sigma_2^2} - \\frac12$$\n"
	for _, words := range []string{
		"Here $p$ and $q$ are Gaussians with means $\\mu_1$, $\\mu_2$ and variances $\\sigma_1^2$, $\\sigma_2^2$.",
		"Here $p$ and $q$ are normal distributions with means $\\mu_1, \\mu_2$ and standard deviations $\\sigma_1$ and $\\sigma_2$.",
	} {
		r := run(t, Markdown, words+kl)
		require.Len(t, r.Context, 2, words)
		require.Len(t, r.Links, 1)
		assert.Equal(t, OK, r.Links[0].Status, "%s: %s", words, r.Links[0].Reason)
	}
	// Variances in the wrong order make the KL wrong: the sentence is read
	// as written.
	r := run(t, Markdown, "Here $p$ and $q$ are Gaussians with means $\\mu_1$, $\\mu_2$ and variances $\\sigma_2^2$, $\\sigma_1^2$."+kl)
	assert.Equal(t, Wrong, r.Links[0].Status)
	r = run(t, Markdown, "$X$ is a Gaussian with mean $m$ and variance $v$.\n\n$$h(X) = \\frac{1}{2}\\log(2\\pi e v)$$\n")
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	r = run(t, Markdown, "where $s$ is the standard deviation.\n\n$$\\sqrt{s^2} = s$$\n")
	require.Len(t, r.Context, 1)
	assert.Equal(t, "assume s > 0", r.Context[0].Stmt)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	// Not of a shape that is read: not checked, and the note says why.
	r = run(t, Markdown, "The two Gaussians have their means and variances as usual, $\\mu_i$ and $\\sigma_i^2$."+kl)
	assert.Equal(t, Unchecked, r.Links[0].Status)
	require.NotEmpty(t, r.Notes)
	assert.Contains(t, r.Notes[len(r.Notes)-1], "not read as context")
}
