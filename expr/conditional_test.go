package expr

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConditionalDensity: q(z | x) = ... names what conditions the
// density; the conditioning variables are kept, and are parameters.
func TestConditionalDensity(t *testing.T) {
	f := mustFile(t, "q(z | x, y) = Normal(z; a*x + y, s^2)\n")
	require.Len(t, f.Densities, 1)
	d := f.Densities[0]
	assert.Equal(t, "z", String(d.Var))
	require.Len(t, d.Given, 2)
	assert.Equal(t, "x", String(d.Given[0]))
	assert.Equal(t, "y", String(d.Given[1]))
	for src, want := range map[string]string{
		"q(z | z) = Normal(z; 0, 1)\n":   "t.kl:1:7: z is the variable of q and cannot condition it",
		"q(z | 2*x) = Normal(z; 0, 1)\n": "t.kl:1:7: a density is conditioned on a name, not 2*x",
		"q(z | x = Normal(z; 0, 1)\n":    "t.kl:1:",
	} {
		_, err := ParseFile("t.kl", src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), want, src)
	}
}
