package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// Special functions and integrals over part of the line, as the Gamma
// and Beta families are written: true links pass, false ones fail, a
// divergent one is not checked.
func TestSpecialAndBoundedLinks(t *testing.T) {
	for _, c := range []struct {
		tex  string
		want Status
	}{
		{`\int_0^\infty \frac{b^a}{\Gamma(a)} x^{a - 1} e^{-b x} \log x \,dx = \psi(a) - \log b`, OK},
		{`\int_0^\infty \frac{b^a}{\Gamma(a)} x^{a - 1} e^{-b x} \log x \,dx = \psi(a) + \log b`, Wrong},
		{`\log\mathrm{B}(a, b) = \log\Gamma(a) + \log\Gamma(b) - \log\Gamma(a + b)`, OK},
		{`\log\mathrm{B}(a, b) = \log\Gamma(a) + \log\Gamma(b) + \log\Gamma(a + b)`, Wrong},
		{`\int_{0}^{1} \frac{x^{a-1}(1-x)^{b}}{\mathrm{B}(a, b + 1)} \log(1 - x) \,\mathrm{d}x = \psi(b + 1) - \psi(a + b + 1)`, OK},
		{`\psi(a + 1) = \psi(a) + \frac{1}{a}`, OK},
		{`\Gamma(a + 1) = \Gamma(a)`, Wrong},
		{`\int_0^1 \frac{1}{x} \,dx = 1`, Unchecked},
	} {
		l := verdict(t, c.tex, "assume a > 0", "assume b > 0")
		assert.Equal(t, c.want, l.Status, "%s: %s", c.tex, l.Reason)
	}
}

// Outside their domain the functions have no value: without a > 0 half
// the points cannot be evaluated, and the link is never wrong for that.
func TestSpecialOutsideDomain(t *testing.T) {
	l := verdict(t, `\log\Gamma(a) = \log(\Gamma(a))`)
	assert.NotEqual(t, Wrong, l.Status, l.Reason)
}
