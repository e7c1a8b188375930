package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Discrete derivations as seed 003 writes them: sums over the support of
// x (\sum_x), a series (\sum_{x=0}^{\infty}), the self-information
// \mathbb I and families written without their variable. Each correct
// identity passes; the same with a planted mistake is wrong.
func TestDiscreteConstructs(t *testing.T) {
	bern := []string{"p(x) = Bernoulli(x; a)", "q(x) = Bernoulli(x; b)"}
	pois := []string{"p(x) = Poisson(x; l)"}
	for _, c := range []struct {
		name, good, bad string
		given           []string
	}{
		{"sum over the support", `-\sum_x p(x) \log p(x) = -a \log a - (1 - a)\log(1 - a)`, `-\sum_x p(x) \log p(x) = -a \log a + (1 - a)\log(1 - a)`, bern},
		{"entropy as a sum", `\mathbb H(p) = -\sum_x p(x) \log p(x)`, `\mathbb H(p) = \sum_x p(x) \log p(x)`, bern},
		{"self-information", `\mathbb H(p, q) = \mathbb E_{x \sim p}[\mathbb I(q)]`, `\mathbb H(p, q) = \mathbb E_{x \sim p}[\mathbb I(p)]`, bern},
		// I(p) is a function of x, which takes the values of p's support.
		{"self-information of an outcome", `\mathbb I(p) = -x \log a - (1 - x) \log(1 - a)`, `\mathbb I(p) = -x \log a + (1 - x) \log(1 - a)`, bern},
		{"self-information of a count", `\mathbb I(p) = l - x \log l + \log \Gamma(x + 1)`, `\mathbb I(p) = l - x \log l + \log \Gamma(x)`, pois},
		// With vectors declared, the outcome k of a Categorical and its
		// probability w_k are still read and drawn in the support.
		{"self-information of a category", `\mathbb I(c) = -\log w_k`, `\mathbb I(c) = -\log w_k^2`, []string{"K: dim", "w: vector[K] simplex", "c(k) = Categorical(k; w)"}},
		{"self-information beside vectors", `\mathbb I(g) = -\log s - m \log(1 - s)`, `\mathbb I(g) = -\log s - m^2 \log(1 - s)`, []string{"K: dim", "w: vector[K] simplex", "g(m) = Geometric(m; s)"}},
		{"series", `\sum_{x=0}^{\infty} x p(x) = l`, `\sum_{x=0}^{\infty} x p(x) = l^2`, pois},
		{"series of a variable", `\sum_x x^2 p(x) = l + l^2`, `\sum_x x^2 p(x) = l^2`, pois},
	} {
		t.Run(c.name, func(t *testing.T) {
			good := verdict(t, c.good, c.given...)
			assert.Equal(t, OK, good.Status, "%s: %s", c.good, good.Reason)
			bad := verdict(t, c.bad, c.given...)
			assert.Equal(t, Wrong, bad.Status, "%s: %s", c.bad, bad.Reason)
		})
	}
}

// A family written without its variable defines a density of the
// variable named before \sim: p: x \sim \mathrm{Bern}(a).
func TestDiscreteDefinitions(t *testing.T) {
	r := run(t, Markdown, "$$\np: x \\sim \\mathrm{Bern}(a)\n\\\\\nq: x \\sim \\mathrm{Poisson}(\\lambda)\n$$\n\n$$\\mathbb E_{x \\sim q}[x] = \\lambda$$\n\n$$\\mathbb E_{x \\sim p}[x^2] = a$$\n")
	if assert.Len(t, r.Links, 2) {
		for _, l := range r.Links {
			assert.Equal(t, OK, l.Status, l.Reason)
		}
	}
}
