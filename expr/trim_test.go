package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gammaDensity is the Gamma(a, b) density at x, from its logarithm,
// with a bound on its rounding: each term of the logarithm is computed
// to a few units in its last place, and the exponential turns their sum's
// absolute error into a relative one.
func gammaDensity(x, a, b float64) Value {
	lg, _ := math.Lgamma(a)
	return expOfSum(a*math.Log(b), (a-1)*math.Log(x), -b*x, -lg)
}

// expOfSum is exp(Σ terms), with the error of rounding each term carried
// into the result relative to the sum of their sizes.
func expOfSum(terms ...float64) Value {
	sum, size := 0.0, 0.0
	for _, t := range terms {
		sum += t
		size += math.Abs(t)
	}
	v := math.Exp(sum)
	return Value{v, v * 8 * eps * (size + 1)}
}

// Gamma densities of shapes from 0.02 (a spike at 0) to 2000 (a narrow
// peak) and rates over eight decades, so that the mass sits anywhere from
// 1e-6 to 1e7: the trimmed rule finds their mass, mean and E[log x]
// within its estimates; those of the shapes and rates a check samples
// (moderate ones) are small. (The rule does not cut at a Gamma's mode, so
// a narrow peak far from 1 is found only to within a large estimate.)
func TestTrimmedGammaMoments(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 9))
	for i := range 200 {
		a := math.Exp(math.Log(0.02) + rng.Float64()*math.Log(2000/0.02))
		b := math.Exp(math.Log(1e-4) + rng.Float64()*math.Log(1e8))
		if i%2 == 0 {
			a, b = 0.05+20*rng.Float64(), math.Exp(math.Log(0.01)+rng.Float64()*math.Log(1e4))
		}
		for name, c := range map[string]struct {
			f    func(x float64) Value
			want float64
		}{
			"mass":     {func(x float64) Value { return gammaDensity(x, a, b) }, 1},
			"mean":     {func(x float64) Value { return mul(exact(x), gammaDensity(x, a, b)) }, a / b},
			"log mean": {func(x float64) Value { return mul(throughLog(exact(x)), gammaDensity(x, a, b)) }, digamma(a) - math.Log(b)},
		} {
			v, err := IntegrateOver(0, math.Inf(1), func(x float64) (Value, error) { return c.f(x), nil })
			require.NoError(t, err, "%s at a=%g b=%g", name, a, b)
			assert.LessOrEqual(t, math.Abs(v.V-c.want), v.Err+4*eps*math.Abs(c.want), "%s at a=%g b=%g: %v ± %v, want %v", name, a, b, v.V, v.Err, c.want)
			if i%2 == 0 {
				assert.Less(t, v.Err, 1e-9*math.Max(1, math.Abs(c.want)), "%s at a=%g b=%g", name, a, b)
			}
		}
	}
}

// The same for Beta densities of shapes from 0.05 (spikes at the ends)
// to 500, over the interval by tanh-sinh, the density computed from the
// distances to both ends.
func TestTrimmedBetaMoments(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 10))
	for range 100 {
		a := math.Exp(math.Log(0.05) + rng.Float64()*math.Log(500/0.05))
		b := math.Exp(math.Log(0.05) + rng.Float64()*math.Log(500/0.05))
		la, _ := math.Lgamma(a)
		lb, _ := math.Lgamma(b)
		lab, _ := math.Lgamma(a + b)
		density := func(fromLo, toHi float64) Value {
			return expOfSum((a-1)*math.Log(fromLo), (b-1)*math.Log(toHi), lab, -la, -lb)
		}
		for name, c := range map[string]struct {
			f    func(x, fromLo, toHi float64) Value
			want float64
		}{
			"mass":     {func(x, fromLo, toHi float64) Value { return density(fromLo, toHi) }, 1},
			"mean":     {func(x, fromLo, toHi float64) Value { return mul(exact(x), density(fromLo, toHi)) }, a / (a + b)},
			"log mean": {func(x, fromLo, toHi float64) Value { return mul(throughLog(exact(fromLo)), density(fromLo, toHi)) }, digamma(a) - digamma(a+b)},
		} {
			v, err := IntegrateOverEnds(0, 1, func(x, fromLo, toHi float64) (Value, error) { return c.f(x, fromLo, toHi), nil })
			require.NoError(t, err, "%s at a=%g b=%g", name, a, b)
			assert.LessOrEqual(t, math.Abs(v.V-c.want), v.Err+4*eps*math.Abs(c.want), "%s at a=%g b=%g: %v ± %v, want %v", name, a, b, v.V, v.Err, c.want)
		}
	}
}

// A small bump far in the tail of an exponential, sensed by the coarse
// nodes, stays inside the refined range: its mass is counted, once at
// 40 and once at 200, where the exponential has long underflowed.
func TestTrimmedKeepsASensedBump(t *testing.T) {
	for _, c := range []struct{ at, sd float64 }{{40, 1}, {200, 20}, {3000, 300}} {
		f := func(x float64) (Value, error) {
			return exact(math.Exp(-x) + 1e-6*math.Exp(-(x-c.at)*(x-c.at)/(2*c.sd*c.sd))), nil
		}
		v, err := IntegrateOver(0, math.Inf(1), f)
		require.NoError(t, err)
		want := 1 + 1e-6*c.sd*math.Sqrt(2*math.Pi)
		assert.LessOrEqual(t, math.Abs(v.V-want), v.Err, "bump at %g: %v ± %v, want %v", c.at, v.V, v.Err, want)
		assert.Less(t, v.Err, 1e-10, "bump at %g", c.at)
	}
}

// The trim leaves out the nodes where a Gamma density is negligible (far
// out it underflows to 0; near 0 it is below 1e-300), about a third of
// the grid, and what it leaves out adds nothing visible to the estimate.
func TestTrimmedNodes(t *testing.T) {
	calls := 0
	f := func(x float64) (Value, error) { calls++; return gammaDensity(x, 2.5, 1.5), nil }
	v, err := IntegrateOver(0, math.Inf(1), f)
	require.NoError(t, err)
	assert.InDelta(t, 1, v.V, 1e-15)
	assert.Less(t, v.Err, 1e-13)
	// The full grid to step 1/32 over t in (−6.8, 4.5) is 360 nodes and
	// 4 for the tails.
	assert.Less(t, calls, 260)
	assert.Greater(t, calls, 100)

	// An integrand that matters everywhere (a slowly falling tail) is
	// not trimmed at all.
	tr := newTrim([2]float64{-7, 5})
	defer tr.free()
	for i := range 97 {
		t := -7 + float64(i)/8
		tr.see(t, math.Exp(-t)) // falls by e per unit of t only
	}
	tr.narrow(1.0/8, 1e3)
	assert.Equal(t, [2]float64{-7, 5}, [2]float64{tr.lo, tr.hi})
	assert.Equal(t, 0.0, tr.bound(1.0/64))
}

// A trim bounds each node it left out by the largest it took beyond its
// range.
func TestTrimBound(t *testing.T) {
	tr := newTrim([2]float64{-4, 4})
	defer tr.free()
	for i := -32; i <= 32; i++ {
		// Negligible (below 1e-18) beyond |t| = 6/8.
		tr.see(float64(i)/8, math.Exp(-50*math.Abs(float64(i)/8)))
	}
	tr.narrow(1.0/8, 1)
	reach := 6.0/8 + deMargin/8.0
	assert.Equal(t, [2]float64{-reach, reach}, [2]float64{tr.lo, tr.hi})
	assert.True(t, tr.takes(reach))
	assert.False(t, tr.takes(-reach-1.0/16))
	assert.False(t, tr.takes(3))
	largest := math.Exp(-50 * (reach + 1.0/8))
	assert.InDelta(t, 2*largest/16, tr.bound(1.0/16), 1e-12*largest)
}
