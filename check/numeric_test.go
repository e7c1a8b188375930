package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Expectations of non-polynomials under a Gaussian: the true statements
// pass and the false ones fail. A fixed Gauss–Hermite rule had these the
// wrong way round.
func TestNonPolynomialExpectations(t *testing.T) {
	given := "p(x) = Normal(x; mu1, sigma1^2)"
	for _, c := range []struct {
		tex  string
		want Status
	}{
		{`E_p[|x - \mu_1|] = 0.81459286890062765\, \sigma_1`, Wrong},
		{`E_p[|x - \mu_1|] = \sigma_1\sqrt{2/\pi}`, OK},
		{`E_p[\log|x-\mu_1|] = \log\sigma_1 - 0.44021`, Wrong},
		{`E_p[\log|x-\mu_1|] = \log\sigma_1 - 0.63518142273073908`, OK},
	} {
		l := verdict(t, c.tex, given)
		assert.Equal(t, c.want, l.Status, "%s: %s", c.tex, l.Reason)
	}
}

// A link whose sides the evaluator cannot compute accurately (here an
// integrable singularity the adaptive rule cannot resolve to the
// tolerance) is not checked, never ✓ and never ✗.
func TestInaccurateIsNotChecked(t *testing.T) {
	for _, tex := range []string{
		`\int \frac{e^{-x^2}}{\sqrt{|x - 1/3|}} dx = 3.4332092535336507`,
		`\int \frac{e^{-x^2}}{\sqrt{|x - 1/3|}} dx = 3.4332`,
	} {
		l := verdict(t, tex)
		assert.Equal(t, Unchecked, l.Status, tex)
		assert.Contains(t, l.Reason, "numerically inconclusive", tex)
	}
}

// A divergent integral is not checked, with the reason.
func TestDivergentIsNotChecked(t *testing.T) {
	l := verdict(t, `\int x^2 \, dx = 1`)
	assert.Equal(t, Unchecked, l.Status)
	assert.Contains(t, l.Reason, "diverges")
}
