package derive

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/klderive/klderive/expr"
)

// ascendingForms are the shown conditions as the case machinery reads
// them, L <= R or L < R: a >= -1 as -1 <= a.
func ascendingForms(when []*expr.Rel) []*expr.Rel {
	out := make([]*expr.Rel, len(when))
	for i, r := range when {
		switch r.Op {
		case ">":
			r = &expr.Rel{Op: "<", L: r.R, R: r.L}
		case ">=":
			r = &expr.Rel{Op: "<=", L: r.R, R: r.L}
		}
		out[i] = r
	}
	return out
}

// The shown conditions are those a person writes, and chains where two
// share a middle term.
func TestTidyConditions(t *testing.T) {
	p := load(t, "assume s > 0\np(x) = Uniform(x; a, s)\nderive H(p)\n")
	for _, c := range []struct{ in, want string }{
		{"0 <= m - 1", "m ≥ 1"},
		{"1 <= a and a + 1 <= s + 1", "1 ≤ a ≤ s"},
		{"a + 1 <= s + 1 and 1 <= a", "1 ≤ a ≤ s"},
		{"0 <= a + 1", "a ≥ -1"},
		{"2 - a <= b + 2", "b + a ≥ 0"},
		{"b - 3 < 2*t", "b < 2·t + 3"},
		{"u + exp(v) <= 1 and 1 <= u", "u + exp(v) ≤ 1 and u ≥ 1"},
		{"a2 <= a1 and b1 <= b2", "a₂ ≤ a₁ and b₁ ≤ b₂"},
		{"a <= s and s <= t and t*s <= 2*t", "a ≤ s ≤ t and s·t ≤ 2·t"},
		{"t*s - 1 <= 2*s", "s·t ≤ 2·s + 1"},
		{"0 <= 2*a", "a ≥ 0"},
		{"2*a - 1 > 0", "a > 1/2"},
		{"3 - 2*s < 0", "s > 3/2"},
	} {
		shown := tidyConditions(rels(t, c.in), p.Ctx)
		cs := &expr.Cases{Cases: []expr.Case{{When: shown, Then: expr.N(0)}}, Else: expr.S("inf")}
		assert.Equal(t, "{ 0 if "+c.want+"; ∞ otherwise }", expr.Format(cs, expr.Unicode), c.in)
	}
}

// A tidied condition holds exactly where the condition does, at
// generated conditions and points.
func TestTidyConditionsAreEquivalent(t *testing.T) {
	p := load(t, "assume s > 0\np(x) = Uniform(x; a, s)\nderive H(p)\n")
	terms := []string{"a", "s", "m", "exp(c)", "2*s", "s^2", "t*s", "1/2", "3", "-a", "-2*m"}
	ops := []string{"<", "<=", ">", ">="}
	rng := rand.New(rand.NewPCG(11, 12))
	sum := func() string {
		n := 1 + rng.IntN(3)
		out := terms[rng.IntN(len(terms))]
		for range n - 1 {
			out += " + " + terms[rng.IntN(len(terms))]
		}
		return out
	}
	for range 300 {
		src := sum() + " " + ops[rng.IntN(len(ops))] + " " + sum()
		r := rels(t, src)[0]
		tidy := tidyRel(r, p.Ctx)
		for range 20 {
			env := &expr.Env{Vals: map[string]float64{}}
			for _, s := range []string{"a", "s", "m", "c", "t"} {
				// Quarters, so that both sides are often equal.
				env.Vals[s] = float64(rng.IntN(17)-8) / 4
			}
			env.Vals["s"] = math.Abs(env.Vals["s"]) + 0.25
			want, err := holds(r, env)
			require.NoError(t, err, src)
			got, err := holds(tidy, env)
			require.NoError(t, err, src)
			assert.Equal(t, want, got, "%s shown as %s at %v", src, expr.String(tidy), env.Vals)
		}
	}
}

func rels(t *testing.T, src string) []*expr.Rel {
	t.Helper()
	var out []*expr.Rel
	for _, part := range strings.Split(src, " and ") {
		r, ok := expr.MustParse(part).(*expr.Rel)
		require.True(t, ok, part)
		out = append(out, r)
	}
	return out
}

// holds evaluates a comparison at env, to within rounding.
func holds(r *expr.Rel, env *expr.Env) (bool, error) {
	d, err := expr.Eval(expr.Sub(r.R, r.L), env)
	if err != nil {
		return false, err
	}
	d = math.Round(d*1e9) / 1e9
	switch r.Op {
	case "<":
		return d > 0, nil
	case "<=":
		return d >= 0, nil
	case ">":
		return d < 0, nil
	}
	return d <= 0, nil
}
