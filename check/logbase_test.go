package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A value set for a symbol the document uses as a log base is the
// base's: it neither restricts nor fixes a parameter of the same name.
// Each document states the Gamma entropy with the rate b, then a line
// true only at b = e (or b = 2): read as a special case of the rate, the
// false line would pass.
func TestLogBaseIsNoParameter(t *testing.T) {
	for _, c := range []struct{ name, base, value, atValue string }{
		{"nats, rate b", "b", "e", "1"},
		{"bits, braced base", "{b}", "2", `\ln 2`},
		{"rate beta, base beta", "{\\beta}", "e", "1"},
	} {
		rate := "b"
		if strings.Contains(c.base, "beta") {
			rate = `\beta`
		}
		doc := "Let $X \\sim \\mathrm{Gam}(a, " + rate + ")$.\n\n" +
			"The entropy is $$\\mathrm{h}(X) = - \\int p(x) \\, \\log_" + c.base + " p(x) \\, \\mathrm{d}x \\; .$$\n\n" +
			"In nats we set $" + strings.Trim(c.base, "{}") + " = " + c.value + "$, so that\n\n" +
			"$$\\mathrm{h}(X) = a + \\ln \\Gamma(a) + (1-a) \\psi(a) - \\ln " + rate + "$$\n\n" +
			"and, wrongly,\n\n$$\\mathrm{h}(X) = a + \\ln \\Gamma(a) + (1-a) \\psi(a) - " + c.atValue + "$$\n"
		r := run(t, Markdown, doc)
		assert.Equal(t, "?ox", marks(r), "%s\n%v", c.name, summary(r))
		assert.Equal(t, Base, stmtKind(r, c.value), c.name)
		for _, l := range r.Links {
			assert.Empty(t, l.Under, c.name)
		}
	}
}

// Without a logarithm in base b, "set $b = e$" is a special case of the
// rate as before: the line true at b = e passes under it, and says so.
func TestValueOfAParameterStillSpecialises(t *testing.T) {
	doc := "Let $X \\sim \\mathrm{Gam}(a, b)$.\n\nWe set $b = e$, so that\n\n" +
		"$$\\mathrm{h}(X) = a + \\ln \\Gamma(a) + (1-a) \\psi(a) - 1$$\n"
	r := run(t, Markdown, doc)
	assert.Equal(t, "o", marks(r), "%v", summary(r))
	assert.Equal(t, "b = e", r.Links[0].Under)
}

// stmtKind is the kind of the statement whose text ends with value.
func stmtKind(r *Report, value string) StatementKind {
	for _, st := range r.Statements {
		if strings.HasSuffix(st.Text, "= "+value) {
			return st.Kind
		}
	}
	return ""
}
