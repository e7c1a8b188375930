package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A density named with a label and a space after the colon, P: \; X, is
// declared; an integral of its family call written out, over the whole
// line or its support, is the expectation under it, where the integrand
// outside the support is 0·log 0 = 0. The true divergence of two Gammas
// is ✓ and one with a sign changed ✗ either way it is written; over part
// of the support the written call is no expectation and the claim is
// not ✓.
func TestWrittenFamilyCallIsItsDensity(t *testing.T) {
	decl := "$$\n\\begin{split}\nP: \\; X &\\sim \\mathrm{Gam}(a_1, b_1) \\\\\nQ: \\; X &\\sim \\mathrm{Gam}(a_2, b_2)\n\\end{split}\n$$\n\n"
	truth := `a_2 \ln \frac{b_1}{b_2} - \ln \frac{\Gamma(a_1)}{\Gamma(a_2)} + (a_1 - a_2) \psi(a_1) - (b_1 - b_2) \frac{a_1}{b_1}`
	wrong := `a_2 \ln \frac{b_1}{b_2} + \ln \frac{\Gamma(a_1)}{\Gamma(a_2)} + (a_1 - a_2) \psi(a_1) - (b_1 - b_2) \frac{a_1}{b_1}`
	for _, integral := range []string{
		`\int_{-\infty}^{+\infty} \mathrm{Gam}(x; a_1, b_1) \, \ln \frac{\mathrm{Gam}(x; a_1, b_1)}{\mathrm{Gam}(x; a_2, b_2)} \, \mathrm{d}x`,
		`\int_0^\infty \mathrm{Gam}(x; a_1, b_1) \ln \frac{\mathrm{Gam}(x; a_1, b_1)}{\mathrm{Gam}(x; a_2, b_2)} dx`,
	} {
		for _, c := range []struct {
			rhs  string
			want Status
		}{{truth, OK}, {wrong, Wrong}} {
			doc := decl + "$$\n\\mathrm{KL}[P\\,||\\,Q] = " + integral + " = " + c.rhs + "\n$$\n"
			r := run(t, Markdown, doc)
			require.Len(t, r.Context, 2, "%v", summary(r))
			require.Len(t, r.Links, 2, "%s: %v", integral, summary(r))
			assert.Equal(t, OK, r.Links[0].Status, "%s: %v", integral, summary(r))
			assert.Equal(t, c.want, r.Links[1].Status, "%s = %s: %v", integral, c.rhs, summary(r))
		}
	}
	part := decl + "$$\n\\int_0^1 \\mathrm{Gam}(x; a_1, b_1) \\ln \\frac{\\mathrm{Gam}(x; a_1, b_1)}{\\mathrm{Gam}(x; a_2, b_2)} dx = " + truth + "\n$$\n"
	r := run(t, Markdown, part)
	require.Len(t, r.Links, 1, "%v", summary(r))
	assert.NotEqual(t, OK, r.Links[0].Status, "%v", summary(r))
}
