package derive

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sigma1, sigma_1 and σ₁ are one symbol, so a KL between densities that
// spell it differently is zero, and never log(σ₁/σ₁) of two symbols.
func TestSpellingsAreOneSymbol(t *testing.T) {
	for _, q := range []string{"sigma_1", "σ₁", "sigma_{1}"} {
		d := deriveAll(t, "p(x) = Normal(x; mu1, sigma1^2)\nq(x) = Normal(x; μ₁, "+q+"^2)\nderive KL(p || q)\n")[0]
		assert.Equal(t, "0", expr.String(d.Result), q)
	}
}

// An assumption about a number built from vectors is accepted.
func TestAssumeAScalarOfVectors(t *testing.T) {
	p := load(t, "k: dim\nx: vector[k]\nassume x'*x > 0\np(z) = Normal(z; 0, 1)\nderive H(p)\n")
	_, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.NoError(t, err)
}
