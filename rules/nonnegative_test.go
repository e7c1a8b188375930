package rules

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The sign calculus knows squares, abs and sqrt as ≥ 0, and as > 0 only
// where the base is known nonzero: a² is 0 at a = 0, so it is not
// positive unless a is.
func TestSignOfNonnegativeAtoms(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true}, PositiveExprs: []expr.Expr{expr.MustParse("b - a")}}
	for src, want := range map[string][2]bool{ // {≥ 0, > 0}
		"a^2":               {true, false},
		"a[j]^2":            {true, false},
		"2*a^2":             {true, false},
		"-a^2":              {false, false},
		"a^3":               {false, false},
		"a^-2":              {true, false},
		"s^2":               {true, true},
		"(-s)^2":            {true, true},
		"(a - b)^2":         {true, true}, // b - a > 0 is assumed
		"(a + c)^2":         {true, false},
		"1 + a^2":           {true, true},
		"a^2 + c^2":         {true, false},
		"a^2 - 1":           {false, false},
		"s*c^2":             {true, false},
		"s + s*c^2":         {true, true},
		"abs(a)":            {true, false},
		"abs(s)":            {true, true},
		"abs(-s)":           {true, true},
		"u + 1 + abs(a)":    {false, false},
		"1 + abs(a) + a^2":  {true, true},
		"sqrt(a)":           {true, false},
		"sqrt(s) + abs(a)":  {true, true},
		"exp(a) + a^2":      {true, true},
		"c*a^2":             {false, false},
		"(a^2)^(1/2)":       {true, false},
		"b - a + (a + c)^2": {true, true},
	} {
		e := expr.MustParse(src)
		assert.Equal(t, want[0], ctx.IsNonnegative(e), "%s ≥ 0", src)
		assert.Equal(t, want[1], ctx.IsPositive(e), "%s > 0", src)
	}
}

// genSigned writes a random expression from a small grammar of the
// terms whose sign the calculus decides: sums, products, negations,
// squares and cubes, roots, abs, exp and log of the real names a and b,
// which are often exactly 0, and of s, which is positive.
func genSigned(rng *rand.Rand, depth int) string {
	leaves := []string{"a", "b", "s", "0", "1", "2", "-1", "1/2"}
	if depth == 0 || rng.IntN(4) == 0 {
		return leaves[rng.IntN(len(leaves))]
	}
	sub := func() string { return genSigned(rng, depth-1) }
	switch rng.IntN(10) {
	case 0, 1:
		return "(" + sub() + " + " + sub() + ")"
	case 2:
		return "(" + sub() + " - " + sub() + ")"
	case 3:
		return "(" + sub() + ")*(" + sub() + ")"
	case 4, 5:
		return "(" + sub() + ")^2"
	case 6:
		return "(" + sub() + ")^3"
	case 7:
		return "abs(" + sub() + ")"
	case 8:
		return "sqrt(" + sub() + ")"
	}
	return []string{"exp", "log"}[rng.IntN(2)] + "(" + sub() + ")"
}

// Whatever the calculus says is ≥ 0 or > 0 is so at every point where
// it is defined, and at points where the real names are 0 above all.
func TestSignCalculusIsSound(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true}}
	rng := rand.New(rand.NewPCG(9, 4))
	real := func() float64 {
		if rng.IntN(3) == 0 {
			return 0
		}
		return 4*rng.Float64() - 2
	}
	claims := 0
	for range 3000 {
		src := genSigned(rng, 4)
		e := expr.MustParse(src)
		nonneg, pos := ctx.IsNonnegative(e), ctx.IsPositive(e)
		if pos && !nonneg {
			t.Errorf("%s: positive but not nonnegative", src)
		}
		if !nonneg {
			continue
		}
		claims++
		for range 12 {
			env := &expr.Env{Vals: map[string]float64{"a": real(), "b": real(), "s": 0.05 + 2*rng.Float64()}}
			v, err := expr.Eval(e, env)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				continue // not defined there
			}
			if v < 0 || pos && v <= 0 {
				t.Errorf("%s = %g at %v, but the calculus says it is %s", src, v, env.Vals, map[bool]string{true: "> 0", false: ">= 0"}[pos])
			}
		}
	}
	assert.Greater(t, claims, 600, "the grammar should give many signed terms")
}

// A quadratic in one symbol with a positive leading number and a
// discriminant provably ≤ 0 is ≥ 0; one whose discriminant may be
// positive is not claimed.
func TestNonnegativeQuadratic(t *testing.T) {
	ctx := &Context{}
	for src, want := range map[string]bool{
		"c^2 - 2*c*d + d^2":           true, // (c − d)²
		"4*u^2 + 4*u*v + v^2":         true, // (2u + v)²
		"c^2 + d^2 - c*d":             true, // disc −3d²
		"a^2 + b^2 + c^2 - a*b - b*c": true, // disc in a: −3b² − 4c² + 4bc, itself ≤ 0
		"c^2 + d^2 - 3*c*d":           false,
		"c^2 - 2*c*d":                 false,
		"-(c^2) + 2*c*d - d^2":        false,
		"c^2 - 2*c*d + d^2 - 1":       false,
	} {
		e, ok := Normalize(expr.MustParse(src), ctx)
		require.True(t, ok, src)
		assert.Equal(t, want, ctx.IsNonnegative(e), "%s (as %s)", src, expr.String(e))
	}
}

// A root of 0 is 0: taken apart into prime powers, 0 had none and read
// as 1, so that b² − 1 + √0 was b², and claimed ≥ 0.
func TestRootOfZero(t *testing.T) {
	ctx := &Context{}
	for src, want := range map[string]string{
		"sqrt(0)":           "0",
		"0^(3/2)":           "0",
		"b^2 - 1 + sqrt(0)": "b^2 - 1",
		"b*0^(1/2)":         "0",
	} {
		n, ok := Normalize(expr.MustParse(src), ctx)
		require.True(t, ok, src)
		assert.Equal(t, want, expr.String(n), src)
	}
	assert.False(t, ctx.IsNonnegative(expr.MustParse("b^2 - 1 + sqrt(0)")))
}
