package derive

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/klderive/klderive/expr"
)

// A result that the algebra expands and the textbook form collects back
// into the same terms ends at the line before: the entropies of an
// Exponential and a Laplace with literal or symbolic scales, whose
// log 12 or log(2·s) would go round to 2·log 2 + log 3 and back. A
// textbook form that changes the terms is kept.
func TestNoRoundTripAtTheEnd(t *testing.T) {
	for src, want := range map[string]string{
		"p(x) = Exponential(x; 12)\nderive H(p)\n":                           "-log(12) + 1",
		"p(x) = Laplace(x; m, s)\nderive H(p)\n":                             "1 + log(2*s)",
		"p(x) = Uniform(x; 0, 1)\nq(x) = Beta(x; 2, 3)\nderive KL(p || q)\n": "3 - log(12)",
	} {
		d := deriveAll(t, src)[0]
		assert.Equal(t, want, expr.String(d.Result), src)
		last := d.Steps[len(d.Steps)-1]
		assert.NotEqual(t, "textbook-form", last.Rule, src)
		assert.True(t, expr.Equal(last.After, d.Result), src)
	}
	d := deriveAll(t, "p(x) = Normal(x; m1, s1)\nq(x) = Normal(x; m2, s2)\nderive KL(p || q)\n")[0]
	require.NotEmpty(t, d.Steps)
	assert.Equal(t, "textbook-form", d.Steps[len(d.Steps)-1].Rule)
}
