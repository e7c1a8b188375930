package latex

import (
	"math"

	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An evaluation bracket [F]_a^b is F(b) − F(a), in the variable of the
// integral before it: its value at a point is that difference, its
// printed LaTeX reads back as the same tree, and a bracket whose
// variable nothing tells is an error, never a guess.
func TestEvaluationBracket(t *testing.T) {
	env := &expr.Env{Vals: map[string]float64{"a": 0.5, "b": 2, "c": 1.5, "lambda": 0.7}}
	for _, c := range []struct {
		src  string
		want float64 // the last part's value at env
	}{
		{`\int_a^b 2x \, dx = \left[ x^2 \right]_a^b`, 2*2 - 0.5*0.5},
		{`\int_a^b 2t \, dt = [t^2]^b_a`, 2*2 - 0.5*0.5},
		{`\int_a^b c \, du = c \cdot \Big[ u \Big]_{a}^{b} + 0`, 1.5 * (2 - 0.5)},
		{`\int_0^b y \, dy = \frac{1}{2}\left[ y^2 \right]_0^b`, 0.5 * 2 * 2},
		{`\int_a^b \frac{1}{b - a} \, dx = \frac{1}{b-a} \cdot \left[ x \cdot \ln(b-a) \right]_a^b`, math.Log(1.5)},
		// An earlier part's integral gives the variable to a later one.
		{`\int_0^1 x \, dx = \int_0^1 x \, dx = \left[ \frac{x^2}{2} \right]_0^1`, 0.5},
		// A bracket with a superscript alone is a power.
		{`\int_a^b x \, dx = \left[ \frac{b}{a} \right]^2`, 16},
	} {
		parts, err := ParseChain(c.src, Options{})
		require.NoError(t, err, c.src)
		last := parts[len(parts)-1]
		require.NoError(t, last.Err, c.src)
		v, err := expr.Eval(last.X, env)
		require.NoError(t, err, c.src)
		assert.InDelta(t, c.want, v, 1e-12, "%s: %s", c.src, expr.String(last.X))
		tex := expr.Format(last.X, expr.LaTeX)
		again, err := Parse(tex, Options{})
		require.NoError(t, err, "%s printed as %s", c.src, tex)
		assert.Equal(t, expr.String(last.X), expr.String(again), "%s printed as %s", c.src, tex)
	}
	// Alone, its variable is the only random variable it names.
	x, err := Parse(`\left[ \frac{x^3}{3} \right]_0^1`, Options{Vars: map[string]bool{"x": true, "X": true}})
	require.NoError(t, err)
	assert.Equal(t, "1/3", expr.String(x))
	for _, c := range []struct{ src, err string }{
		{`\left[ x^2 \right]_a^b`, "the variable of the evaluation bracket [F]_a^b is not known"},
		{`\int_0^1 x \, dx = [x^2]_0`, "an evaluation bracket [F]_a^b needs both limits"},
		{`\int_0^1 x \, dx = \left[ x + \int_0^1 x \, dx \right]_0^1`, "binds its variable x itself"},
		// F in another letter than the integral's: not read by the
		// integral's variable (that would make it 0).
		{`\int_0^1 2t \, dt = [x^2]_0^1`, "the variable of the evaluation bracket [F]_a^b is not known"},
	} {
		parts, err := ParseChain(c.src, Options{})
		if err == nil {
			err = parts[len(parts)-1].Err
		}
		require.Error(t, err, c.src)
		assert.Contains(t, err.Error(), c.err, c.src)
	}
}
