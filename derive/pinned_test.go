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

// pointCase is a problem whose finite case is a single point, and the
// finite value there in closed form, in the remaining parameters.
type pointCase struct {
	src, pin, value string
}

// pointCases generates the problems: p's ends both move up with the
// parameter, by generated coefficients, so that p lies inside q only
// where the parameter is 0 (or, with an assumption, where the one
// condition left meets it), against a uniform, a Beta and an
// Exponential, as KL divergences and cross-entropies.
func pointCases(rng *rand.Rand) []pointCase {
	var out []pointCase
	for range 6 {
		a := []string{"a", "u", "t_1", "mu"}[rng.IntN(4)]
		m, n := 1+rng.IntN(3), 1+rng.IntN(3)
		lo, hi := fmt.Sprintf("%d*%s", m, a), fmt.Sprintf("1 + %d*%s", n, a)
		if m == 1 {
			lo = a
		}
		out = append(out,
			pointCase{fmt.Sprintf("p(x) = Uniform(x; %s, %s)\nq(x) = Uniform(x; 0, 1)\nderive KL(p || q)\n", lo, hi), a + " = 0", "0"},
			pointCase{fmt.Sprintf("p(x) = Uniform(x; %s - 1, %s - 1 + w)\nq(x) = Uniform(x; -1, w)\nassume w > 0\nderive H(p, q)\n", lo, hi), a + " = 0", "log(1 + w)"},
			pointCase{fmt.Sprintf("p(x) = Uniform(x; %s, %s)\nq(x) = Beta(x; k1, k2)\nderive KL(p || q)\n", lo, hi), a + " = 0", "log(beta(k1, k2)) + k1 + k2 - 2"},
			pointCase{fmt.Sprintf("p(x) = Uniform(x; %s, c)\nq(x) = Exponential(x; l)\nassume %s <= 0\nassume c > 0\nderive KL(p || q)\n", lo, a), a + " = 0", "-log(c) - log(l) + l*c/2"},
		)
	}
	// Two conditions pin two parameters, each by a square, or each with
	// an assumption: a Beta inside Uniform(a1, b1) with 0 <= a1 and
	// b1 <= 1 (where the Beta's density grows without bound at an end,
	// the direct integral meets the uniform's end there).
	out = append(out,
		pointCase{"p(x) = Uniform(x; -a^2, 2 + b^2)\nq(x) = Uniform(x; 0, 2)\nderive H(p, q)\n", "a = 0 and b = 0", "log(2)"},
		// The square of a difference, 0 at c = d alone.
		pointCase{"p(x) = Uniform(x; u, u + 1 + (c - d)^2)\nq(x) = Beta(x; k1, k2)\nderive KL(p || q)\n", "u = 0 and c = d", "log(beta(k1, k2)) + k1 + k2 - 2"},
		pointCase{"p(x) = Beta(x; k1, k2)\nq(x) = Uniform(x; a1, b1)\nassume a1 >= 0\nassume b1 <= 1\nderive KL(p || q)\n", "a_1 = 0 and b_1 = 1",
			"(k1 - 1)*digamma(k1) + (k2 - 1)*digamma(k2) - (k1 + k2 - 2)*digamma(k1 + k2) - log(beta(k1, k2))"})
	// The point behind an exp or a log.
	out = append(out,
		pointCase{"p(x) = Uniform(x; exp(a) - 2, exp(a) - 1)\nq(x) = Uniform(x; 0, 1)\nderive KL(p || q)\n", "a = log(2)", "0"},
		pointCase{"p(x) = Uniform(x; 2*log(a) - 1, 2*log(a))\nq(x) = Uniform(x; -1, 0)\nassume a > 0\nderive H(p, q)\n", "a = 1", "0"},
		// A condition on an exp or a log that only an assumption on its
		// argument pins: exp(a) ≥ 1 is a ≥ 0, and log(s) ≥ 1 is s ≥ e.
		pointCase{"p(x) = Uniform(x; 0, 1)\nq(x) = Uniform(x; a, exp(a))\nassume a <= 0\nderive KL(p || q)\n", "a = 0", "0"},
		pointCase{"p(x) = Uniform(x; 0, 1)\nq(x) = Uniform(x; -1, 2*exp(a) - 1)\nassume a <= 0\nderive H(p, q)\n", "a = 0", "log(2)"},
		pointCase{"p(x) = Uniform(x; 0, 1)\nq(x) = Uniform(x; 0, log(s))\nassume s <= exp(1)\nderive KL(p || q)\n", "s = e", "0"},
		// |c| = 0 holds at c = 0 alone, and the |0| left is 0.
		pointCase{"p(x) = Uniform(x; u, u + 1 + abs(c))\nq(x) = Beta(x; k1, k2)\nderive KL(p || q)\n", "u = 0 and c = 0", "log(beta(k1, k2)) + k1 + k2 - 2"})
	// A condition left once the point is put in: the case is a range of
	// b at c = 0, with its end b = 1 taken as a limit against the Beta.
	out = append(out,
		pointCase{"p(x) = Uniform(x; c, b)\nq(x) = Uniform(x; 0, 1)\nassume c <= 0\nderive KL(p || q)\n", "c = 0", "-log(b)"},
		// A sum of terms each ≥ 0 vanishes where each does: t = 0, w = 0.
		pointCase{"p(x) = Uniform(x; log(t^2 + 1), log(t^2 + 1) + w^2 + 1)\nq(x) = Beta(x; r^2 + 1, 1 + exp(k))\nderive KL(p || q)\n", "t = 0 and w = 0",
			"log(beta(r^2 + 1, 1 + exp(k))) + r^2 + exp(k)"},
		pointCase{"p(x) = Uniform(x; c, b)\nq(x) = Beta(x; k1, k2)\nassume c <= 0\nderive KL(p || q)\n", "c = 0",
			"-log(b) - (k1 - 1)*(log(b) - 1) + (k2 - 1)*((1 - b)*log(1 - b)/b + 1) + log(beta(k1, k2))"})
	return out
}

// A finite case that holds at a single point is solved to it and derived
// there: the result is piecewise, its finite value agrees with the closed
// form at the other parameters drawn at random, the split says where the
// point is, and elsewhere the result is +∞ with its witness.
func TestPointCaseIsSolved(t *testing.T) {
	for _, c := range pointCases(rand.New(rand.NewPCG(5, 9))) {
		p := load(t, c.src)
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		require.NoError(t, err, c.src)
		cs, ok := d.Result.(*expr.Cases)
		require.True(t, ok, "%s: %s", c.src, expr.String(d.Result))
		require.Len(t, cs.Cases, 1, c.src)
		assert.Equal(t, "inf", expr.String(cs.Else), c.src)
		// The point, said by the conditions themselves when they are its
		// equations (unless a = 0), or after them.
		title := d.Steps[1].Title
		assert.True(t, strings.Contains(title, "only where "+c.pin) || strings.HasSuffix(title, "unless "+c.pin), "%s: %s", c.src, title)
		assert.NotEmpty(t, d.Verification.Otherwise, c.src)
		want := expr.MustParse(c.value)
		for _, env := range d.inCase.SamplePoints(8, 3, cs.Cases[0].Then) {
			got, w := mustEval(t, cs.Cases[0].Then, env), mustEval(t, want, env)
			assert.InDelta(t, w, got, 1e-9*math.Max(1, math.Abs(w)), "%s at %v", c.src, env.Vals)
		}
	}
}

// A point the conditions pin but a parameter's domain or an assumption
// excludes makes the finite case empty: +∞ everywhere, with the reason,
// never a failure. The rate exp(a) − 1 > 0 says a > 0, which rules out
// a <= 0 at once.
func TestExcludedPointIsEmpty(t *testing.T) {
	for src, why := range map[string][]string{
		"p(x) = Uniform(x; a, a + 1)\nq(x) = Uniform(x; 0, 1)\nr(x) = Exponential(x; exp(a) - 1)\nderive KL(p || q)\n": {"a <= 0 never holds where exp(a) - 1 > 0"},
		"p(x) = Uniform(x; 2*a, 1 + a)\nq(x) = Uniform(x; 0, 1)\nassume a^2 > 0\nderive H(p, q)\n":                     {"only where a = 0, where ", "fails"},
	} {
		p := load(t, src)
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		require.NoError(t, err, src)
		assert.Equal(t, "inf", expr.String(d.Result), src)
		last := d.Steps[len(d.Steps)-1]
		assert.Equal(t, "support-mismatch", last.Rule, src)
		for _, w := range why {
			assert.Contains(t, last.Title, w, src)
		}
		assert.NotEmpty(t, d.Verification.Witness, src)
	}
}

// The direct integral of a Beta against a uniform that shares its ends
// meets the uniform's end where the Beta's x rounds onto 1: the uniform's
// density is still 1 there, for k2 < 1 too, where the Beta's grows
// without bound.
func TestBetaAgainstUniformOnItsEnds(t *testing.T) {
	p := load(t, "p(x) = Beta(x; k1, k2)\nq(x) = Uniform(x; 0, 1)\nderive KL(p || q)\n")
	want := expr.MustParse("(k_1 - 1)*digamma(k_1) + (k_2 - 1)*digamma(k_2) - (k_1 + k_2 - 2)*digamma(k_1 + k_2) - log(beta(k_1, k_2))")
	for _, k2 := range []float64{0.3, 0.8577, 1, 2.5} {
		env := &expr.Env{Vals: map[string]float64{"k_1": 1.799, "k_2": k2}, Dens: p.Ctx.Densities}
		got, err := expr.EvalErr(p.File.Goals[0].Info, env)
		require.NoError(t, err, "k2 = %g", k2)
		w := mustEval(t, want, env)
		assert.InDelta(t, w, got.V, 1e-9*math.Max(1, math.Abs(w)), "k2 = %g", k2)
	}
}
