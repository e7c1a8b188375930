package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Every draw of a domain is inside it beyond the margin, and a NaN or an
// interval reaching out of the domain is never inside.
func TestDomainDrawsAreInside(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for _, d := range []Domain{Real, Positive, UnitInterval, Simplex, Count, PositiveDefinite} {
		for range 200 {
			v := Value{V: d.Draw(rng)}
			assert.Greater(t, d.Inside(v), Margin*math.Abs(v.V), "%s: %g", d, v.V)
		}
		assert.False(t, d.Inside(Value{V: math.NaN()}) > 0, "%s: NaN", d)
	}
	assert.False(t, Positive.Inside(Value{V: 0.1, Err: 0.2}) > 0, "an error estimate across zero")
	assert.False(t, UnitInterval.Inside(Value{V: 0.95, Err: 0.1}) > 0, "an error estimate across one")
	assert.False(t, Count.Inside(Value{V: 2.5}) > 0, "a count is an integer")
}

// A compound variance is checked as a whole: s1*v2 is not admissible
// where s1 < 0, nor at any coordinate of a product where it fails.
func TestInDomainsCompoundParameters(t *testing.T) {
	variance := MustParse("Normal(x; m, s1*v2)")
	at := func(s1 float64) *Env { return &Env{Vals: map[string]float64{"m": 0, "s_1": s1, "v_2": 1.3}} }
	assert.True(t, InDomains(variance, at(0.8)))
	assert.False(t, InDomains(variance, at(-1.02)))
	assert.False(t, InDomains(variance, at(0)), "zero is not positive")
	coords := MustParse("prod(d in 1..D, Normal(z[d]; 0, w[d]))")
	env := &Env{Vals: map[string]float64{"D": 3}, Vecs: map[string][]float64{"w": {1, 2, -0.5}}}
	assert.False(t, InDomains(coords, env))
	env.Vecs["w"][2] = 0.5
	assert.True(t, InDomains(coords, env))
}
