package expr

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Error estimates propagate through arithmetic: an inaccurate integral
// stays inaccurate whatever is done with it, and rounding is counted.
func TestValuePropagation(t *testing.T) {
	x := Value{2, 0.1}
	assert.InDelta(t, 0.2, mul(x, Value{V: 2}).Err, 1e-14) // and rounding
	assert.InDelta(t, 0.15, add(x, Value{1, 0.05}).Err, 1e-14)
	l := through(x, math.Log)
	assert.InDelta(t, math.Log(2)-math.Log(1.9), l.Err, 1e-12)
	lv, err := logValue(Value{1e-3, 1e-2}, N(1))
	require.NoError(t, err)
	assert.True(t, math.IsInf(lv.Err, 1), "a log of an interval reaching 0 has no bound")
	assert.Greater(t, exact(3).Err, 0.0)
	assert.Equal(t, 0.0, Value{V: 3}.Err)
}

// throughExp, throughLog and throughPow bound by derivatives what
// through and throughAll measure at the ends of the interval. Their
// estimate must cover the largest change of the function over the
// interval, computed accurately with Expm1 and Log1p, and stay within a
// small factor of it, at errors from rounding size up to 1e-4 of the
// value, where the bounds are used.
func TestThroughBounds(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	covers := func(what string, est Value, v, change float64) {
		t.Helper()
		rounding := 4 * eps * math.Abs(v)
		require.GreaterOrEqual(t, est.Err, change*(1-4*eps), what)
		require.LessOrEqual(t, est.Err, 1.01*change+2*rounding, what)
	}
	for range 20000 {
		x := (rng.Float64()*2 - 1) * math.Pow(10, float64(rng.IntN(5)-2))
		e := math.Min(math.Abs(x), 1) * math.Pow(10, -16+12*rng.Float64())
		in := Value{x, e}
		v := math.Exp(x)
		covers(fmt.Sprint("exp ", in), throughExp(in), v, v*math.Expm1(e))
		if x > 0 && e < x {
			covers(fmt.Sprint("log ", in), throughLog(in), math.Log(x), -math.Log1p(-e/x))
		}
		b := Value{math.Abs(x) + 1e-3, e * rng.Float64() * math.Min(math.Abs(x), 1)}
		k := Value{(rng.Float64()*2 - 1) * 4, e * rng.Float64() / 10}
		p := math.Pow(b.V, k.V)
		r := b.Err / b.V
		base := p * math.Max(math.Abs(math.Expm1(k.V*math.Log1p(r))), math.Abs(math.Expm1(k.V*math.Log1p(-r))))
		exponent := p * math.Expm1(k.Err*math.Abs(math.Log(b.V)))
		covers(fmt.Sprint("pow ", b, k), throughPow(b, k), p, base+exponent)
	}
	// Outside the bounds' range the ends are measured as before.
	for _, in := range []Value{{1, 0.5}, {-800, 1e-3}, {800, 1e-10}, {1, math.Inf(1)}} {
		want := through(in, math.Exp)
		got := throughExp(in)
		assert.True(t, same(want.V, got.V) && same(want.Err, got.Err), "exp %v: %v, through %v", in, got, want)
	}
	for _, in := range []Value{{1, 0.5}, {1e-310, 1e-320}, {math.Inf(1), 1}} {
		want := through(in, math.Log)
		got := throughLog(in)
		assert.True(t, same(want.V, got.V) && same(want.Err, got.Err), "log %v: %v, through %v", in, got, want)
	}
	for _, bk := range [][2]Value{{{-2, 1e-12}, {3, 0}}, {{0, 1e-12}, {2, 1e-15}}, {{2, 1e-12}, {2000, 1e-15}}, {{2, 0.1}, {30, 0}}} {
		want := throughAll(bk[:], func(a []float64) float64 { return math.Pow(a[0], a[1]) })
		got := throughPow(bk[0], bk[1])
		assert.True(t, same(want.V, got.V) && same(want.Err, got.Err), "pow %v: %v, throughAll %v", bk, got, want)
	}
}
