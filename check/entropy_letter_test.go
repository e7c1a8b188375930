package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A density named h does not make H a name of it: H(h, q) and H(p, q)
// stay the cross-entropy, judged both ways, whether the densities come
// from the document or from --given.
func TestDensityNamedH(t *testing.T) {
	const cross = "\\frac12 \\log(2\\pi s^2) + \\frac{\\sigma^2 + (\\mu - m)^2}{2 s^2}"
	const wrong = "\\frac12 \\log(2\\pi s^2) + \\frac{\\sigma^2 + (\\mu - m)^2}{s^2}"
	for _, c := range []struct {
		name   string
		doc    string
		givens []string
		want   string
	}{
		{"h and q", "Let $h(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$ and $q(x) = \\mathcal{N}(x; m, s^2)$.\n\n" +
			"$$H(h, q) = " + cross + "$$\n\n$$H(h, q) = " + wrong + "$$\n\n$$H(h) = \\frac12 \\log(2\\pi e \\sigma^2)$$\n\n$$\\int h(x) \\, dx = 1$$\n", nil, "oxoo"},
		{"a third density h", "Let $p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$, $q(x) = \\mathcal{N}(x; m, s^2)$ and $h(x) = \\mathcal{N}(x; 0, 1)$.\n\n" +
			"$$H(p, q) = " + cross + "$$\n\n$$H(p, q) = " + wrong + "$$\n\n$$H(h) = \\frac12 \\log(2\\pi e)$$\n", nil, "oxo"},
		{"given", "\\[ H(h, q) = " + cross + " \\]\n\\[ H(q, h) = " + cross + " \\]\n",
			[]string{"h(x) = Normal(x; mu, sigma^2)", "q(x) = Normal(x; m, s^2)"}, "ox"},
	} {
		t.Run(c.name, func(t *testing.T) {
			kind := Markdown
			if c.givens != nil {
				kind = TeX
			}
			r := run(t, kind, c.doc, c.givens...)
			assert.Equal(t, c.want, marks(r), "%s\n%v", c.doc, summary(r))
		})
	}
}
