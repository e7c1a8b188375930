package latex

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An integral with its differential first keeps its limits: \int_0^1
// dx\, f is over (0, 1), not the real line (read over ℝ, \int_0^1 dx\,
// p(x) = 1 held for every density). With nothing after the differential
// it is the integral of 1.
func TestDifferentialFirstKeepsLimits(t *testing.T) {
	env := &expr.Env{Vals: map[string]float64{"a": 0.5, "b": 2}}
	for _, c := range []struct {
		src  string
		want float64
	}{
		{`\int_0^1 dx \, x`, 0.5},
		{`\int_a^b \mathrm{d}x \, 2x`, 2*2 - 0.5*0.5},
		{`\int_{a}^{b} \, \mathrm{d}x`, 1.5},
		{`\int_a^b dt`, 1.5},
		{`\int_0^1 dx + 1`, 2},
	} {
		x, err := Parse(c.src, Options{})
		require.NoError(t, err, c.src)
		v, err := expr.Eval(x, env)
		require.NoError(t, err, c.src)
		assert.InDelta(t, c.want, v, 1e-9, "%s: %s", c.src, expr.String(x))
	}
	_, err := Parse(`\int_x dy \, y`, Options{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the integral over x has the differential dy")
}
