package derive

import (
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An Exponential against a Gaussian reads as the textbook's: the
// Gaussian's square about its mean, under the Exponential, is the
// variance plus the squared distance of the means, 1/λ² + (1/λ − μ)²,
// kept as a square to the result, with compound parameters and for the
// cross-entropy too; no line expands it in powers of x.
func TestExponentialAgainstNormalKeepsTheSquare(t *testing.T) {
	for src, square := range map[string]string{
		"q(x) = Exponential(x; l)\np(x) = Normal(x; m, v)\nderive KL(q || p)\n":            "(1/l - m)^2",
		"q(x) = Exponential(x; 2*s)\np(x) = Normal(x; c + 1, w^2)\nderive KL(q || p)\n":    "(1/(2*s) - c - 1)^2",
		"q(x) = Exponential(x; 2*s)\np(x) = Normal(x; c + 1, w^2)\nderive H(q, p)\n":       "(1/(2*s) - c - 1)^2",
		"q(x) = Exponential(x; exp(r))\np(x) = Normal(x; -k, exp(u))\nderive KL(q || p)\n": "(1/exp(r) + k)^2",
	} {
		d := deriveAll(t, src)[0]
		require.True(t, d.Verification.Direct, src)
		res := expr.String(d.Result)
		assert.Contains(t, res, square, src)
		for _, st := range d.Steps {
			assert.NotEqual(t, "expand-in-powers", st.Rule, src)
			assert.False(t, strings.Contains(expr.String(st.After), "x^2"), "%s: %s", src, expr.String(st.After))
		}
	}
}
