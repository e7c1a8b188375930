package rules

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
)

// A sum of known sign in a denominator cancels with a numerator it
// divides exactly, as often as it divides; a sum of unknown sign, or
// one that does not divide, stays.
func TestPresentCancelsASumThatDividesTheNumerator(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"t": true}, PositiveExprs: []expr.Expr{expr.MustParse("b - a")}}
	env := &expr.Env{Vals: map[string]float64{"t": 0.7, "a": -0.4, "b": 1.3, "m": 0.2, "c": 2.1}}
	for src, want := range map[string]string{
		// A uniform's E|x| on a positive support, over a Laplace's scale.
		"(b^2 - a^2)/(2*t*(b - a))": "(a + b)/(2*t)",
		"(b - a)^2/(b - a)^2 + m":   "m + 1",
		"(b^3 - a^3)/(b - a)^2":     "(a*b + a^2 + b^2)/(b - a)",
		"(b^2 - a^2)/(b - a) + m":   "a + b + m",
		// Not a multiple: as it was, over one line.
		"(b^2 + a^2)/(b - a)": "(a^2 + b^2)/(b - a)",
		// b - c may be 0: nothing cancels.
		"(b^2 - c^2)/(b - c)": "(b^2 - c^2)/(b - c)",
	} {
		out := presentKeepsValue(t, ctx, env, src)
		assert.Equal(t, expr.String(expr.MustParse(want)), expr.String(out), src)
	}
}

// genCancelling writes sums of c·Q·W^j/W^k over positive sums W, which
// the normal form expands into numerators over W^k that cancel when
// j ≥ 1, beside terms that do not. s and v are positive, a real.
func genCancelling(rng *rand.Rand) string {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	ws := []string{"(s + v)", "(1 + s)", "(2*s + v)"}
	qs := []string{"1", "-2", "a", "(a - 1)", "(a + s)", "s^2"}
	var ts []string
	for range 1 + rng.IntN(3) {
		w := pick(ws)
		ts = append(ts, pick(qs)+"*"+w+"^"+pick([]string{"0", "1", "2"})+"/"+w+"^"+pick([]string{"1", "2"}))
	}
	return strings.Join(ts, " + ")
}
