package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// equationCase is a problem whose finite case is a point where two
// parameters meet, the equation it shows, and the finite value there.
type equationCase struct {
	src, shown, value string
}

// equationCases generates the problems: two uniforms of one width whose
// lower ends are linear in two parameters, with generated names,
// coefficients and constants, in both directions and as cross-entropies;
// the square of a difference; and ends behind an exp or a log.
func equationCases(rng *rand.Rand) []equationCase {
	names := [][2]string{{"c", "d"}, {"u", "v"}, {"mu", "nu"}, {"a_1", "a_2"}}
	var out []equationCase
	for range 4 {
		n := names[rng.IntN(len(names))]
		k := 2 + rng.IntN(3)
		w := 1 + rng.IntN(3)
		lo, other := n[0], fmt.Sprintf("%d*%s + %d", k, n[1], rng.IntN(3)-1)
		p := fmt.Sprintf("p(x) = Uniform(x; %s, %s + %d)\nq(x) = Uniform(x; %s, %s + %d)\n", lo, lo, w, other, other, w)
		out = append(out,
			equationCase{p + "derive KL(p || q)\n", "=", "0"},
			equationCase{p + "derive KL(q || p)\n", "=", "0"},
			equationCase{p + "derive H(p, q)\n", "=", fmt.Sprintf("log(%d)", w)},
		)
	}
	out = append(out,
		equationCase{"p(x) = Uniform(x; c, c + 1)\nq(x) = Uniform(x; d, d + 1)\nderive KL(p || q)\n", "c = d", "0"},
		equationCase{"p(x) = Uniform(x; c - 1, c + 1)\nq(x) = Uniform(x; -d - 1, 1 - d)\nderive KL(p || q)\n", "c + d = 0", "0"},
		equationCase{"p(x) = Uniform(x; a, b)\nq(x) = Uniform(x; c, c + b - a)\nderive KL(p || q)\n", "a = c", "0"},
		equationCase{"p(x) = Uniform(x; exp(c), exp(c) + 2)\nq(x) = Uniform(x; exp(d), exp(d) + 2)\nderive H(p, q)\n", "=", "log(2)"},
		equationCase{"p(x) = Uniform(x; log(c), log(c) + 1)\nq(x) = Uniform(x; log(d), log(d) + 1)\nassume c > 0\nassume d > 0\nderive KL(q || p)\n", "=", "0"},
		// (c − d)² ≤ 0: a point, and the case otherwise one-sided.
		equationCase{"p(x) = Uniform(x; 2*c*d, 2*c*d + 3)\nq(x) = Uniform(x; c^2 + d^2, c^2 + d^2 + 3)\nderive H(p, q)\n", "≤", "log(3)"},
	)
	return out
}

// A finite case at a point where two parameters meet is derived there,
// its condition shown as the equation (c = d, not c ≤ d ≤ c), and the
// result agrees with its closed form at the point; elsewhere it is +∞
// with its witness.
func TestEquationCases(t *testing.T) {
	for _, c := range equationCases(rand.New(rand.NewPCG(8, 1))) {
		p := load(t, c.src)
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		require.NoError(t, err, c.src)
		cs, ok := d.Result.(*expr.Cases)
		require.True(t, ok, "%s: %s", c.src, expr.String(d.Result))
		require.Len(t, cs.Cases, 1, c.src)
		assert.Equal(t, "inf", expr.String(cs.Else), c.src)
		shown := expr.Format(d.Result, expr.Unicode)
		assert.Contains(t, shown, c.shown, c.src)
		if c.shown != "≤" {
			require.Len(t, cs.Cases[0].When, 1, c.src)
			assert.Equal(t, "=", cs.Cases[0].When[0].Op, "%s: %s", c.src, shown)
		}
		assert.False(t, strings.Contains(d.Steps[1].Title, "≤") && strings.Count(shown, "≤") == 2, "%s: %s", c.src, d.Steps[1].Title)
		assert.NotEmpty(t, d.Verification.Otherwise, c.src)
		want := expr.MustParse(c.value)
		for _, env := range d.inCase.SamplePoints(8, 3, cs.Cases[0].Then) {
			got, w := mustEval(t, cs.Cases[0].Then, env), mustEval(t, want, env)
			assert.InDelta(t, w, got, 1e-9*math.Max(1, math.Abs(w)), "%s at %v", c.src, env.Vals)
		}
	}
}
