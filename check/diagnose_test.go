package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestDiagnoses plants one kind of mistake in a correct link each time and
// checks what the checker says it looks like.
func TestDiagnoses(t *testing.T) {
	for _, c := range []struct{ tex, want string }{
		{`\mathbb{E}_p[(x-\mu_1)^2] = 2\sigma_1^2`, "right = 2 × left: a factor of 2?"},
		{`\mathbb{E}_p[(x-\mu_1)^2] = \frac{\sigma_1^2}{2}`, "right = ½ × left: a factor of ½?"},
		{`\mathbb{E}_p[x - \mu_2] = \mu_2 - \mu_1`, "right = −left: a sign error?"},
		{`H(p) = \frac{1}{2}\log(2\pi\sigma_1^2)`, "right − left = −1/2 at every point: a dropped or extra constant term?"},
		{`H(p) = \frac{1}{2} + \log\sigma_1`, "right − left = −1/2·log(2π) at every point: a dropped or extra constant term?"},
		{`\mathbb{E}_p[(x - \mu_2)^2] = \sigma_2^2 + (\mu_1 - \mu_2)^2`, "swapping σ₁ and σ₂ in the right side makes the sides agree: a swapped pair?"},
		{`KL(p \| q) = \mathbb{E}_{q}[\log q(x) - \log p(x)]`, "swapping p and q in the right side makes the sides agree: a swapped pair?"},
		{`\mathbb{E}_p[x(x - \mu_2)] = \sigma_1^2 + \mu_1^2 - \mu_2\mu_2`, "in the right side, -μ₂·μ₂ should perhaps be -μ₁·μ₂: with that one change the sides agree"},
		{`H(p, q) = \frac{1}{2}\log(2\pi\sigma_2^2) + \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{\sigma_2^2}`, "in the right side, (σ₁² + (μ₁ - μ₂)²)/σ₂² is twice what it should be: with that changed the sides agree"},
		{`H(p, q) = -\frac{1}{2}\log(2\pi\sigma_2^2) + \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{2\sigma_2^2}`, "in the right side, -1/2·log(2·π·σ₂²) has the wrong sign: with that changed the sides agree"},
		{`\mathbb{E}_p[x^2] = \mu_1^2 + \sigma_1`, "reading σ₁ as σ₁² in the right side makes the sides agree: a standard deviation taken for a variance, or the other way round?"},
		{`-\mathbb{E}_p[\log p(x)] = \frac{1}{2}\log(2\pi) + \frac{1}{2}(\mu_1^2 + \sigma_1^2) + \mu_2 - \mu_2`, "the left side is H(p) (the entropy) but the right side is H(p, q) (the cross-entropy)"},
		{`\mathbb{E}_p[x^2] = \mu_1^2 + \sigma_1^2 + \log\sigma_1`, "right − left = log(σ₁) at every point: a dropped or extra term?"},
		{`\mathbb{E}_p[(x - \mu_2)^2] = \sigma_1^2 + (\mu_1 - \mu_2)^2 - \frac{\mu_1^2}{2\sigma_2}`, "right − left = -μ₁²/(2·σ₂) at every point: a dropped or extra term?"},
		{`\mathbb{E}_p[x^2] = \mu_1^2 + \sigma_1^2 + e^{\sigma_1}`, "the difference right − left depends only on σ₁: the mistake involves σ₁"},
		{`KL(p \| q) = \frac{1}{2}\left(\mu_1^2 + \sigma_1^2 - 1 - \log\sigma_1^2\right)`, "the sides agree when μ₂ = 0 and σ₂ = 1, not in general: the mistake involves μ₂ and σ₂, or the right side is a special case"},
	} {
		ctx := gauss
		if c.want == "the left side is H(p) (the entropy) but the right side is H(p, q) (the cross-entropy)" {
			ctx = []string{gauss[0], "q(x) = Normal(x; 0, 1)", "assume mu2 > 0"}
		}
		l := verdict(t, c.tex, ctx...)
		if assert.Equal(t, Wrong, l.Status, c.tex) {
			assert.Equal(t, c.want, l.Diagnosis, c.tex)
		}
	}
}

func TestWitness(t *testing.T) {
	l := verdict(t, `\mathbb{E}_p[x] = \mu_2`, gauss...)
	assert.Equal(t, Wrong, l.Status)
	if assert.NotNil(t, l.Witness) {
		var names []string
		vals := map[string]float64{}
		for _, b := range l.Witness.Point {
			names = append(names, b.Name)
			vals[b.Name] = b.Value
		}
		// The link's own symbols first, then the parameters of the
		// densities it uses.
		assert.Equal(t, []string{"mu_2", "mu_1", "sigma_1"}, names)
		assert.InDelta(t, vals["mu_1"], l.Witness.Left, 1e-9)
		assert.InDelta(t, vals["mu_2"], l.Witness.Right, 1e-12)
	}
}

func TestRelations(t *testing.T) {
	assert.Equal(t, OK, verdict(t, `H(p) \geq \log \sigma_1`, gauss...).Status)
	assert.Equal(t, Wrong, verdict(t, `KL(p \| q) < 0`, gauss...).Status)
	l := verdict(t, `KL(p \| q) \approx 0`, gauss...)
	assert.Equal(t, Unchecked, l.Status)
	assert.Equal(t, "≈ states no equality; only =, ≤ and ≥ are checked", l.Reason)
}

func TestEvaluationFailures(t *testing.T) {
	l := verdict(t, `\log(-\sigma_1^2) = 1`, gauss...)
	assert.Equal(t, Unchecked, l.Status)
	assert.Equal(t, "the left side cannot be evaluated: log of a non-positive number (-1) in log(-1)", l.Reason)
	l = verdict(t, `\int\int\int p(x) p(y) p(z) \,dx\,dy\,dz = 1`, gauss...)
	assert.Equal(t, Unchecked, l.Status)
	assert.Equal(t, "too costly to evaluate: integrals or sums are nested too deeply", l.Reason)
}
