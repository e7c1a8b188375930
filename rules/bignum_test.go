package rules

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// bigLog is log(n) for an integer of any size, in float64.
func bigLog(n *big.Int) float64 {
	f := new(big.Float).SetInt(n)
	mant := new(big.Float)
	exp := f.MantExp(mant)
	m, _ := mant.Float64()
	return math.Log(m) + float64(exp)*math.Ln2
}

// randomBig draws an integer up to about 10^40 or beyond: a product of
// small primes, times a large random cofactor when cofactor is set.
func randomBig(rng *rand.Rand, cofactor bool) *big.Int {
	n := big.NewInt(1)
	for range rng.IntN(8) {
		p := []int64{2, 3, 5, 7, 11, 13, 1019, 1021}[rng.IntN(8)]
		n.Mul(n, new(big.Int).Exp(big.NewInt(p), big.NewInt(int64(1+rng.IntN(12))), nil))
	}
	if cofactor {
		// A random cofactor of up to 40 digits.
		c := big.NewInt(int64(1 + rng.IntN(9)))
		for range rng.IntN(40) {
			c.Mul(c, big.NewInt(10)).Add(c, big.NewInt(int64(rng.IntN(10))))
		}
		n.Mul(n, c)
	}
	return n
}

// The logarithm of an integer beyond int64 is split exactly: its normal
// form has the logarithm's value. Where the integers have only small
// prime factors, which are all split out, log(a*b) - log(a) - log(b) and
// log(a^k) - k*log(a) vanish, for k up to 1000; a large cofactor stays
// whole, so only the values are compared then.
func TestLogOfLargeIntegers(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 40))
	ctx := &Context{Positive: map[string]bool{}}
	for i := range 300 {
		smooth := i%2 == 0
		a, b := randomBig(rng, !smooth), randomBig(rng, !smooth)
		la := expr.Fn("log", &expr.Num{Val: new(big.Rat).SetInt(a)})
		n, ok := Normalize(la, ctx)
		require.True(t, ok)
		got, err := expr.Eval(n, &expr.Env{})
		require.NoError(t, err, expr.String(n))
		assert.InDelta(t, bigLog(a), got, 1e-9*math.Max(1, bigLog(a)), "log(%s) normalises to %s", a, expr.String(n))

		ab := &expr.Num{Val: new(big.Rat).SetFrac(a, b)}
		lb := expr.Fn("log", &expr.Num{Val: new(big.Rat).SetInt(b)})
		for _, zero := range []expr.Expr{
			expr.Sub(expr.Sub(expr.Fn("log", expr.Prod(&expr.Num{Val: new(big.Rat).SetInt(a)}, &expr.Num{Val: new(big.Rat).SetInt(b)})), la), lb),
			expr.Sum(expr.Sub(expr.Fn("log", ab), la), lb),
		} {
			n, ok := Normalize(zero, ctx)
			require.True(t, ok)
			if smooth {
				assert.Equal(t, "0", expr.String(n), expr.String(zero))
			}
			got, err := expr.Eval(n, &expr.Env{})
			require.NoError(t, err, expr.String(n))
			assert.InDelta(t, 0, got, 1e-9*math.Max(1, bigLog(a)+bigLog(b)), expr.String(zero))
		}
		k := int64(1 + rng.IntN(1000))
		pow := expr.Sub(expr.Fn("log", &expr.Pow{Base: &expr.Num{Val: new(big.Rat).SetInt(a)}, Exp: expr.N(k)}), expr.Prod(expr.N(k), la))
		n, ok = Normalize(pow, ctx)
		require.True(t, ok)
		if smooth {
			assert.Equal(t, "0", expr.String(n), expr.String(pow))
		}
	}
}

// Large powers are kept as powers, neither hanging nor filling memory,
// and still cancel exactly.
func TestLargePowers(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true}}
	cases := map[string]string{
		"x^1000*x^(-999)":                   "x",
		"2^1000/2^999":                      "2",
		"(10^40)^3/(10^60)^2":               "1",
		"((10^40)^64)^64 - (10^40)^4096":    "0",
		"log(2^1000) - 1000*log(2)":         "0",
		"log((10^40)^3*s^1000)":             "120*log(2) + 120*log(5) + 1000*log(s)",
		"log(20000000000000000000*s^2)":     "20*log(2) + 19*log(5) + 2*log(s)",
		"log(1/100000000000000000000)":      "-20*log(2) - 20*log(5)",
		"(x^1000)^1000 - x^1000000":         "0",
		"log(3^(-100)*2^1000) + 100*log(3)": "1000*log(2)",
	}
	for in, want := range cases {
		n, ok := Normalize(expr.MustParse(in), ctx)
		require.True(t, ok, in)
		assert.Equal(t, want, expr.String(n), in)
	}
}
