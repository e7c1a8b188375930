package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A function the document defines is read as its formula in the links
// after it: true statements about it are ✓, false ones ✗; functions
// defined through one another open in turn; a formula that uses its own
// name defines nothing, and its uses stay not checked.
func TestDocumentFunctions(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want []Status
	}{
		{"$$f(x) = x^2$$\n\n$$\\int_0^1 f(x)\\,dx = \\frac{1}{3}$$\n\n$$\\int_0^1 f(t)\\,dt = \\frac{1}{2}$$\n", []Status{OK, Wrong}},
		{"$$g(t) = t + 1$$\n\n$$f(x) = g(x)^2$$\n\n$$\\int_0^1 f(x)\\,dx = \\frac{7}{3}$$\n", []Status{OK}},
		{"$$f(x) = e^{-a x}$$\n\n$$f(0) = 1$$\n\n$$f(1) = e^{-a}$$\n\n$$f(2) = e^{-a}$$\n", []Status{OK, OK, Wrong}},
		{"$$f(x) = f(x) + 1$$\n\n$$f(2) = 3$$\n", []Status{Unchecked}},
		// The Beta entropy through the density written out.
		{"Let $X \\sim \\mathrm{Beta}(a, b)$ with density $f(x) = \\frac{x^{a-1}(1-x)^{b-1}}{\\mathrm{B}(a, b)}$.\n\n" +
			"$$h(X) = -\\int_0^1 f(x) \\ln f(x)\\,dx = \\ln\\mathrm{B}(a, b) - (a-1)\\psi(a) - (b-1)\\psi(b) + (a+b-2)\\psi(a+b)$$\n", []Status{OK, OK}},
	} {
		r := run(t, Markdown, c.doc)
		require.Len(t, r.Links, len(c.want), c.doc)
		for i, l := range r.Links {
			assert.Equal(t, c.want[i], l.Status, "%s: link %d: %s", c.doc, i, l.Reason)
		}
	}
	// A link read through a function says so, and where it is defined.
	r := run(t, Markdown, "$$g(t) = t + 1$$\n\n$$f(x) = g(x)^2$$\n\n$$\\int_0^1 f(x)\\,dx = \\frac{7}{3}$$\n\n$$1 + 1 = 2$$\n")
	require.Len(t, r.Links, 2)
	assert.Equal(t, "f as defined on line 3, g as defined on line 1", r.Links[0].Defined)
	assert.Empty(t, r.Links[1].Defined)
}
