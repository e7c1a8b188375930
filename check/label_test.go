package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLabels: KL = \int ... names what its chain computes; the name is
// no unknown symbol, and a later chain that starts with it is checked
// against its definition.
func TestLabels(t *testing.T) {
	doc := "$$KL = \\int p(x) \\log\\frac{p(x)}{q(x)} dx = \\log\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1 - \\mu_2)^2}{2\\sigma_2^2} - \\frac12$$\n\n" +
		"$$KL = \\mathbb{E}_p[\\log p(x) - \\log q(x)]$$\n\n" +
		"$$KL = \\mathbb{E}_q[\\log q(x) - \\log p(x)]$$\n"
	r := run(t, Markdown, doc, gauss...)
	require.Len(t, r.Links, 3)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	assert.Equal(t, Wrong, r.Links[2].Status, "the other direction")
	require.NotEmpty(t, r.Statements)
	assert.Equal(t, Definition, r.Statements[0].Kind)
	for _, name := range []string{`KL_{loss}`, `L_{KL}`, `\mathcal{L}_{\text{VAE}}`, `ELBO`} {
		r = run(t, Markdown, "$$"+name+" = \\mathbb{E}_p[x]$$\n\n$$"+name+" = \\mu_1$$\n\n$$"+name+" = \\mu_2$$\n", gauss...)
		require.Len(t, r.Links, 2, name)
		assert.Equal(t, OK, r.Links[0].Status, name)
		assert.Equal(t, Wrong, r.Links[1].Status, name)
	}
	// A label for something unknown is no definition: the link is not
	// checked, and says why.
	r = run(t, Markdown, "$$KL = \\int f(x) dx$$\n", gauss...)
	require.Len(t, r.Links, 1)
	assert.Equal(t, Unchecked, r.Links[0].Status)
	// A single letter is a symbol, not a label.
	r = run(t, Markdown, "$$M = \\mu_1 + 1$$\n", gauss...)
	require.Len(t, r.Links, 1)
	assert.Equal(t, Unchecked, r.Links[0].Status)
}
