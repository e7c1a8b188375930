package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// E(x) and V(x) in plain letters, under the density the chain integrates
// against: the chain's first side is an integral of P(x) times f, an
// expectation under P, or a multiple of one.
func TestPlainMomentsUnderTheChainsDensity(t *testing.T) {
	for _, c := range []struct {
		tex    string
		status Status
	}{
		{`\int x^2 p(x) dx = V(x) + E(x)^2 = \sigma_1^2 + \mu_1^2`, OK},
		{`\int x^2 p(x) dx = V(x) - E(x)^2`, Wrong},
		{`\int x^2 q(x) dx = V(x) + E(X)^2 = \sigma_2^2 + \mu_2^2`, OK},
		{`-\int (x - \mu_2)^2 q(x) dx = -V(x)`, OK},
		{`-\int (x - \mu_2)^2 q(x) dx = V(x)`, Wrong},
		{`\mathbb{E}_q[x^2] = Var(x) + \mu_2^2`, OK},
		{`\mathbb{E}_q[x^2] = Var(x) + \mu_1^2`, Wrong},
	} {
		r := run(t, Plain, c.tex, gauss...)
		for _, l := range r.Links {
			if c.status == OK {
				assert.Equal(t, OK, l.Status, "%s: %s %s", c.tex, l.RHS, l.Reason)
			}
		}
		if c.status == Wrong {
			assert.Equal(t, Wrong, r.Links[len(r.Links)-1].Status, c.tex)
		}
	}
	// Without a density to be under, E(x) is ambiguous, not guessed.
	l := verdict(t, `E(x) = \mu_1`, gauss...)
	assert.Equal(t, Unchecked, l.Status)
	// With one density it is under that one.
	l = verdict(t, `V(x) + E(x)^2 = \sigma_1^2 + \mu_1^2`, gauss[0])
	assert.Equal(t, OK, l.Status, l.Reason)
	// Log and trace in plain letters.
	l = verdict(t, `log(p(x)) = -\frac{1}{2}log(2\pi\sigma_1^2) - \frac{(x-\mu_1)^2}{2\sigma_1^2}`, gauss...)
	assert.Equal(t, OK, l.Status, l.Reason)
	l = verdict(t, `\mathbb{E}_p[(x-\mu_p)^T \Sigma_q^{-1} (x-\mu_p)] = Tr(\Sigma_q^{-1}\Sigma_p)`, mvn...)
	assert.Equal(t, OK, l.Status, l.Reason)
	l = verdict(t, `\mathbb{E}_p[(x-\mu_p)^T \Sigma_q^{-1} (x-\mu_p)] = Tr(\Sigma_p^{-1}\Sigma_q)`, mvn...)
	assert.Equal(t, Wrong, l.Status, l.Reason)
}

// A chain that starts with a name takes its density from its first part
// that has one.
func TestChainDensityAfterAName(t *testing.T) {
	r := run(t, Plain, `M = \int x q(x) dx = \mathbb{E}[x] = \mu_2`, gauss...)
	assert.Equal(t, []string{"1:5 unchecked: unknown symbol M", "1:22 ok", "1:38 ok"}, summary(r))
	r = run(t, Plain, `M = \int x q(x) dx = \mathbb{E}[x] = \mu_1`, gauss...)
	assert.Equal(t, []string{"1:5 unchecked: unknown symbol M", "1:22 ok", "1:38 wrong"}, summary(r))
}

// \sum_i without limits runs over the coordinates of the only dimension.
func TestSumOverCoordinates(t *testing.T) {
	diag := []string{"n: dim", "z, mu, sigma: vector[n]", "q(z) = MvNormal(z; mu, diag(sigma^2))"}
	l := verdict(t, `-\log\prod_i\sigma_i^2 = -\sum_i\log\sigma^2_i`, diag...)
	assert.Equal(t, OK, l.Status, l.Reason)
	l = verdict(t, `\sum_i(\log\sigma_i^2 + 1) = \sum_i\log\sigma_i^2 + 1`, diag...)
	assert.Equal(t, Wrong, l.Status, l.Reason)
	// With two dimensions the sum's end is not guessed.
	l = verdict(t, `\sum_i \sigma_i^2 = \sum_i \sigma_i^2`, "n, m: dim", "z, mu, sigma: vector[n]", "q(z) = MvNormal(z; mu, diag(sigma^2))")
	assert.Equal(t, Unchecked, l.Status)
}

// A bare H is the entropy of the only density.
func TestBareEntropy(t *testing.T) {
	l := verdict(t, `H = -\int p(x) \log p(x) dx`, gauss[0])
	assert.Equal(t, OK, l.Status, l.Reason)
	l = verdict(t, `H = \frac{1}{2}\log(2\pi e \sigma_1^2)`, gauss[0])
	assert.Equal(t, OK, l.Status, l.Reason)
	l = verdict(t, `H = \log(2\pi e \sigma_1^2)`, gauss[0])
	assert.Equal(t, Wrong, l.Status, l.Reason)
	// With two densities it is not guessed.
	l = verdict(t, `H = -\int p(x) \log p(x) dx`, gauss...)
	assert.Equal(t, Unchecked, l.Status)
	assert.Equal(t, "unknown symbol H", l.Reason)
}

// A parameter named V is no variance: V(x) with V a parameter is not
// checked.
func TestMomentLetterAsParameter(t *testing.T) {
	l := verdict(t, `\mathbb{E}_p[(x - \mu_1)^2] = V(x)`, "p(x) = Normal(x; mu1, V)")
	assert.Equal(t, Unchecked, l.Status, l.Reason)
	l = verdict(t, `\mathbb{E}_p[(x - \mu_1)^2] = V`, "p(x) = Normal(x; mu1, V)")
	assert.Equal(t, OK, l.Status, l.Reason)
}
