package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Hand derivations over a Categorical and a Dirichlet, in K dimensions:
// each correct link passes and the same link with a planted mistake
// fails.
func TestVectorFamilyLinks(t *testing.T) {
	cat := []string{"K: dim", "w, u: vector[K] simplex", "p(x) = Categorical(x; w)", "q(x) = Categorical(x; u)"}
	dir := []string{"K: dim", "x, a, b: vector[K]", "p(x) = Dirichlet(x; a)", "q(x) = Dirichlet(x; b)"}
	for _, c := range []struct {
		tex    string
		givens []string
		status Status
	}{
		{`D_{KL}(p \| q) = \mathbb{E}_{x \sim p}[\log w_x - \log u_x]`, cat, OK},
		{`D_{KL}(p \| q) = \sum_{k=1}^{K} w_k \log \frac{w_k}{u_k}`, cat, OK},
		{`D_{KL}(p \| q) = \sum_{k=1}^{K} w_k \log \frac{u_k}{w_k}`, cat, Wrong},
		{`H(p) = -\sum_{k=1}^{K} w_k \log w_k`, cat, OK},
		{`H(p, q) = -\sum_{k=1}^{K} u_k \log w_k`, cat, Wrong},
		{`H(p, q) = -\log \Gamma\left(\sum_{j=1}^{K} b_j\right) + \sum_{j=1}^{K} \log \Gamma(b_j) - \sum_{j=1}^{K} (b_j - 1) \left(\psi(a_j) - \psi\left(\sum_{i=1}^{K} a_i\right)\right)`, dir, OK},
		{`H(p, q) = -\log \Gamma\left(\sum_{j=1}^{K} b_j\right) + \sum_{j=1}^{K} \log \Gamma(b_j) - \sum_{j=1}^{K} (b_j - 1) \left(\psi(b_j) - \psi\left(\sum_{i=1}^{K} a_i\right)\right)`, dir, Wrong},
	} {
		l := verdict(t, c.tex, c.givens...)
		assert.Equal(t, c.status, l.Status, "%s: %s", c.tex, l.Reason)
	}
}
