package derive

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Relational assumptions are facts for the rules (strict ones, with what
// follows from them by transitivity) and constraints on the sampler.
func TestRelationalAssumptions(t *testing.T) {
	p := load(t, `p(x) = Normal(x; m, (b1 - a1)^2)
q(x) = Normal(x; 0, (b2 - a2)^2)
assume a2 < a1
assume a1 < b1
assume b2 > b1
assume c <= m
assume 0 < s
`)
	assert.Contains(t, p.Assumed, "a_2 < a_1 (assumed)")
	assert.Contains(t, p.Assumed, "b_2 > b_1 (assumed)")
	assert.Contains(t, p.Assumed, "c <= m (assumed)")
	assert.Contains(t, p.Assumed, "s > 0 (assumed)")
	for src, want := range map[string]bool{
		"a1 - a2": true, "-a2 + a1": true, "b1 - a1": true, "b2 - b1": true,
		"b2 - a2": true, "b1 - a2": true, "b2 - a1": true, // by transitivity
		"2*(b2 - a2)": true, "(b2 - a2)^3": true, "log(b2 - a2)": false,
		"a2 - a1": false, "m - c": false, // a non-strict fact is not positivity
		"s": true,
	} {
		assert.Equal(t, want, p.Ctx.IsPositive(expr.MustParse(src)), src)
	}
	envs := p.SamplePoints(64, 3)
	require.Len(t, envs, 64)
	for _, env := range envs {
		v := env.Vals
		assert.True(t, v["a_2"] < v["a_1"] && v["a_1"] < v["b_1"] && v["b_1"] < v["b_2"], "%v", v)
		assert.LessOrEqual(t, v["c"], v["m"], "%v", v)
	}
}

// A derivation under relational assumptions verifies at points that
// honour them.
func TestDeriveUnderRelations(t *testing.T) {
	ds := deriveAll(t, `p(x) = Normal(x; m1, (b1 - a1)^2)
q(x) = Normal(x; m2, (b2 - a2)^2)
assume a1 < b1
assume a2 < b2
assume m1 <= m2
derive KL(p || q)
`)
	require.Len(t, ds, 1)
	assert.Contains(t, expr.String(ds[0].Result), "log")
}

func TestRelationalAssumptionErrors(t *testing.T) {
	for src, msg := range map[string]string{
		"assume a < b < c\n":                   "t.kl:1:14: comparisons cannot be chained",
		"assume a != b\n":                      "t.kl:1:1: an assumption is a comparison with <, <=, > or >=",
		"k: dim\nx: vector[k]\nassume x < y\n": "t.kl:3:8: only numbers can be compared in an assumption, and x is a vector[k]",
		"assume a < gamma(b, c)\n":             "t.kl:1:12: gamma takes 1 argument(s), not 2",
	} {
		f, err := expr.ParseFile("t.kl", src)
		if err == nil {
			_, err = Load(f)
		}
		if assert.Error(t, err, src) {
			assert.Contains(t, err.Error(), msg, src)
		}
	}
}
