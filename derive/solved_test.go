package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Conditions far outside the range the domains draw from are met by
// points solved from them, and every point meets them.
func TestPointsSolvedFromConditions(t *testing.T) {
	p := load(t, "assume u < m - 5\nassume m + 5 < w\nassume s > 0\nassume 3*c - s > 4\np(x) = Uniform(x; u, w)\nq(x) = Normal(x; c, s)\nderive H(p)\n")
	envs := p.SamplePoints(8, 3)
	require.Len(t, envs, 8)
	for _, env := range envs {
		v := env.Vals
		assert.Less(t, v["u"], v["m"]-5, v)
		assert.Less(t, v["m"]+5, v["w"], v)
		assert.Greater(t, v["s"], 0.0, v)
		assert.Greater(t, 3*v["c"]-v["s"], 4.0, v)
	}
}

// Conditions that no point meets still give fewer points, not a hang:
// u < m − 5 and m < u together are empty.
func TestUnsolvableConditionsEndInFewPoints(t *testing.T) {
	p := load(t, "assume u < m - 5\nassume m < u\np(x) = Uniform(x; u, m + 1)\nderive H(p)\n")
	assert.Empty(t, p.SamplePoints(8, 3))
}

// A Uniform with generated compound ends (constants, sums, negations,
// functions of the symbols) against a Uniform(a2, b2) is piecewise, and
// its finite case, whose conditions put a2 below p's lower end and b2
// above its upper one, is sampled and verified: the result agrees with
// quadrature in both cases, and both are taken.
func TestCompoundEndsAgainstUniform(t *testing.T) {
	rng := rand.New(rand.NewPCG(41, 42))
	g := params{rng: rng}
	for range 20 {
		lo := g.real(2)
		pdf := fmt.Sprintf("Uniform(x; %s, %s + %s)", lo, lo, g.positive(1))
		if rng.IntN(2) == 0 {
			pdf = fmt.Sprintf("Uniform(x; %s - 1, %s + exp(v))", lo, lo)
		}
		src := fmt.Sprintf("assume s > 0\nassume t > 0\np(x) = %s\nq(x) = Uniform(x; a2, b2)\nderive KL(p || q)\n", pdf)
		p := load(t, src)
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		require.NoError(t, err, src)
		cs, ok := d.Result.(*expr.Cases)
		require.True(t, ok, "%s: %s", src, expr.String(d.Result))
		seen := map[int]int{}
		for _, env := range p.SamplePoints(24, 19, d.Result) {
			k, err := expr.Taken(cs, env)
			require.NoError(t, err)
			seen[k]++
			got := mustEval(t, d.Result, env)
			if k == 1 {
				assert.True(t, math.IsInf(got, 1), src)
				continue
			}
			ref := reference(p.File.Goals[0].Info, family.Uniform.Get(), family.Uniform.Get(), paramValues(t, p, "p", env), paramValues(t, p, "q", env))
			assert.InDelta(t, ref, got, 1e-8*math.Max(1, math.Abs(ref)), "%s at %v", src, env.Vals)
		}
		assert.Positive(t, seen[0], src)
		assert.Positive(t, seen[1], src)
	}
}

// Two conditions that bound z from either side, one of them through
// exp(a), leave z an interval only where a is small: z is drawn inside
// it, so that solving one condition does not break the other.
func TestPointsSolvedBetweenBounds(t *testing.T) {
	p := load(t, "assume z + 1 < a/2\nassume a/2 + exp(a) < z + 3/2\nassume a <= -1 + s\nassume s > 0\np(x) = Uniform(x; a/2, a/2 + exp(a))\nderive H(p)\n")
	envs := p.SamplePoints(8, 5)
	require.Len(t, envs, 8)
	for _, env := range envs {
		v := env.Vals
		assert.Less(t, v["z"]+1, v["a"]/2, v)
		assert.Less(t, v["a"]/2+math.Exp(v["a"]), v["z"]+1.5, v)
		assert.LessOrEqual(t, v["a"], -1+v["s"], v)
	}
}
