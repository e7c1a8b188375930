package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A link to ∞ is ✓ only with its witness, an interval where p > 0 and
// q = 0 at every point; a finite divergence equated to ∞, or anything
// that is not a divergence, is never ✓.
func TestInfiniteLinks(t *testing.T) {
	normalExp := []string{"p(x) = Normal(x; m, v)", "q(x) = Exponential(x; l)"}
	uniforms := []string{"p(x) = Uniform(x; a1, b1)", "q(x) = Uniform(x; a2, b2)", "assume a2 < a1", "assume b1 < b2"}
	// On the integers one count is a witness: p has more trials than q.
	binomials := []string{"n, m: count", "p(x) = Binomial(x; n, a)", "q(x) = Binomial(x; m, b)", "assume m < n"}
	for _, c := range []struct {
		doc    string
		givens []string
		status Status
		reason string
	}{
		{`$$D_{KL}(p \| q) = \infty$$`, normalExp, OK, ""},
		{`$$D_{KL}(p \| q) = +\infty$$`, normalExp, OK, ""},
		{`$$\mathbb{E}_{x \sim p}[\log p(x) - \log q(x)] = \infty$$`, normalExp, OK, ""},
		{`$$\int p(x) \log\frac{p(x)}{q(x)}\,dx = \infty$$`, normalExp, OK, ""},
		{`$$H(p, q) = \infty$$`, normalExp, OK, ""},
		// The other way round the divergence is finite: no witness.
		{`$$D_{KL}(q \| p) = \infty$$`, normalExp, Unchecked, "no interval where q > 0 and p = 0 was found at one of the points, so ∞ is not shown"},
		// Nested supports: finite one way, +∞ the other.
		{`$$D_{KL}(p \| q) = \infty$$`, uniforms, Unchecked, "no interval where p > 0 and q = 0 was found at one of the points, so ∞ is not shown"},
		{`$$D_{KL}(q \| p) = \infty$$`, uniforms, OK, ""},
		{`$$D_{KL}(p \| q) = \infty$$`, binomials, OK, ""},
		{`$$\sum_{x=0}^{n} p(x) \log\frac{p(x)}{q(x)} = \infty$$`, binomials, Unchecked, "a side equated to ∞ is checked only when it is a KL divergence or cross-entropy of two densities"},
		{`$$D_{KL}(q \| p) = \infty$$`, binomials, Unchecked, "no count where q > 0 and p = 0 was found at one of the points, so ∞ is not shown"},
		{`$$\mathbb{E}_{x \sim p}[x^2] = \infty$$`, normalExp, Unchecked, "a side equated to ∞ is checked only when it is a KL divergence or cross-entropy of two densities"},
		{`$$D_{KL}(p \| q) \leq \infty$$`, normalExp, Unchecked, "only an equation with ∞ is checked, by a witness where p > 0 and q = 0"},
	} {
		s, err := Read("d.md", c.doc+"\n", Markdown)
		require.NoError(t, err)
		r, err := Check(s, Options{Givens: c.givens})
		require.NoError(t, err, c.doc)
		require.Len(t, r.Links, 1, c.doc)
		l := r.Links[0]
		assert.Equal(t, c.status, l.Status, "%s: %s", c.doc, l.Reason)
		if c.status == OK {
			assert.Equal(t, Points, l.Points, c.doc)
			assert.NotEmpty(t, l.Infinite, c.doc)
		} else {
			assert.Equal(t, c.reason, l.Reason, c.doc)
		}
	}
}

// A link between two forms of one divergence, both +∞, is ✓ by the
// witness where p > 0 and q = 0: the definition of an Exponential ‖
// Uniform KL, in each way it is written. A KL divergence equated to a
// cross-entropy, or to the divergence of another pair, is not one
// divergence and stays unchecked (a finite side against a +∞ one is
// wrong); where the pair is finite the numbers
// judge, and a wrong link is still wrong. A cross-entropy may carry its
// minus sign outside the expectation; without it, or of p against
// itself, the link is no cross-entropy of p and q.
func TestSameDivergenceBothInfinite(t *testing.T) {
	expUniform := []string{"p(x) = Exponential(x; l)", "q(x) = Uniform(x; a, b)", "r(x) = Uniform(x; c, d)"}
	normals := []string{"p(x) = Normal(x; m, v)", "q(x) = Normal(x; n, w)"}
	for _, c := range []struct {
		doc    string
		givens []string
		status Status
	}{
		{`$$D_{KL}(p \| q) = \mathbb{E}_{x \sim p}[\log p(x) - \log q(x)]$$`, expUniform, OK},
		{`$$D_{KL}(p \| q) = \int p(x) \log\frac{p(x)}{q(x)}\,dx$$`, expUniform, OK},
		{`$$H(p, q) = \mathbb{E}_{x \sim p}[-\log q(x)]$$`, expUniform, OK},
		// The minus sign outside the expectation, as derive writes it.
		{`$$H(p, q) = -\mathbb{E}_{x \sim p}[\log q(x)]$$`, expUniform, OK},
		{`$$H(p, q) = \mathbb{E}_{x \sim p}[\log q(x)]$$`, expUniform, Unchecked},
		{`$$D_{KL}(p \| q) = -\mathbb{E}_{x \sim p}[\log q(x)]$$`, expUniform, Unchecked},
		// H(p, q) is +∞ and H(p) finite: wrong, at a point where q = 0.
		{`$$H(p, q) = -\mathbb{E}_{x \sim p}[\log p(x)]$$`, expUniform, Wrong},
		{`$$H(p, q) = -\mathbb{E}_{x \sim p}[\log q(x)]$$`, normals, OK},
		{`$$H(p, q) = -\mathbb{E}_{x \sim p}[\log p(x)]$$`, normals, Wrong},
		{`$$D_{KL}(p \| q) = \mathbb{E}_{x \sim p}[-\log q(x)]$$`, expUniform, Unchecked},
		{`$$D_{KL}(p \| q) = H(p, q)$$`, expUniform, Unchecked},
		{`$$D_{KL}(p \| q) = \mathbb{E}_{x \sim p}[\log p(x) - \log r(x)]$$`, expUniform, Unchecked},
		{`$$D_{KL}(p \| q) = \mathbb{E}_{x \sim p}[\log p(x) - \log q(x)]$$`, normals, OK},
		{`$$D_{KL}(p \| q) = \mathbb{E}_{x \sim p}[-\log q(x)]$$`, normals, Wrong},
	} {
		s, err := Read("d.md", c.doc+"\n", Markdown)
		require.NoError(t, err)
		r, err := Check(s, Options{Givens: c.givens})
		require.NoError(t, err, c.doc)
		require.Len(t, r.Links, 1, c.doc)
		l := r.Links[0]
		assert.Equal(t, c.status, l.Status, "%s: %s", c.doc, l.Reason)
		infinite := c.status == OK && c.givens[0] == expUniform[0]
		assert.Equal(t, infinite, strings.HasPrefix(l.Infinite, "both sides, as p > 0 and q = 0"), "%s: %q", c.doc, l.Infinite)
	}
}
