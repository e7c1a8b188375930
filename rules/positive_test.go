package rules

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
)

// A sum is positive when it is an assumed-positive sum plus something
// positive or zero, and not otherwise: the counts of a Binomial with
// fewer trials than another's.
func TestPositiveAboveAssumed(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{}, PositiveExprs: []expr.Expr{
		expr.MustParse("n + 1 - x"), expr.MustParse("m - n"), expr.MustParse("4 - x"),
	}}
	for src, want := range map[string]bool{
		"m - x + 1": true,  // (n + 1 - x) + (m - n)
		"n + 1 - x": true,  // assumed
		"n + 2 - x": true,  // (n + 1 - x) + 1
		"6 - x":     true,  // (4 - x) + 2
		"4 - x":     true,  // assumed
		"3 - x":     false, // (4 - x) - 1
		"n - x":     false, // (n + 1 - x) - 1
		"m - x":     false, // (n + 1 - x) + (m - n) - 1
		"k - x + 1": false, // nothing about k
	} {
		assert.Equal(t, want, ctx.IsPositive(expr.MustParse(src)), src)
	}
}

// A declared count, a number of trials, is an integer ≥ 1, so n − 1 is
// ≥ 0 and n − x + 1 is positive where 2 − x is; a count gives nothing
// below 1, and a negative multiple of one bounds nothing.
func TestCountsAreAtLeastOne(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"n": true}, PositiveExprs: []expr.Expr{expr.MustParse("2 - x")},
		Types: &expr.Types{Counts: map[string]bool{"n": true, "m": true, "x": true}}, Counts: map[string]bool{"x": true}}
	// {nonnegative, positive}
	for src, want := range map[string][2]bool{
		"n - 1":         {true, false},
		"n - 2":         {false, false},
		"2*n - 1":       {true, true},
		"n + m - 2":     {true, false},
		"n - x + 1":     {true, true},
		"n - x":         {false, false},
		"1 - n":         {false, false},
		"-2*n + 3":      {false, false},
		"n - 1/2":       {true, true},
		"n*m - 1":       {false, false},
		"3*m - 3 + s^2": {true, false},
		// x is a density's variable declared a count: it may be 0.
		"x - 1":     {false, false},
		"2*x - 1/2": {false, false},
	} {
		e := expr.MustParse(src)
		assert.Equal(t, want, [2]bool{ctx.IsNonnegative(e), ctx.IsPositive(e)}, src)
	}
}

// log A is ≥ 0 where A ≥ 1 and > 0 where A > 1, as the sign calculus
// can tell of A − 1; of A that may lie below 1 it says nothing.
func TestSignOfLogarithm(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true}}
	// {nonnegative, positive}
	for src, want := range map[string][2]bool{
		"log(k^2 + 1)":      {true, false},
		"log(k^2 + 2)":      {true, true},
		"log(1 + exp(k))":   {true, true},
		"log(s)":            {false, false},
		"log(s + 1)":        {true, true},
		"log(k^2 + 1) + 1":  {true, true},
		"log(1/2 + k^2)":    {false, false},
		"log(log(k^2 + 3))": {false, false}, // log(k² + 3) > 1 is beyond it
		"-log(k^2 + 1)":     {false, false},
	} {
		x := expr.MustParse(src)
		assert.Equal(t, want, [2]bool{ctx.IsNonnegative(x), ctx.IsPositive(x)}, src)
	}
}

// A sum of positive semidefinite matrices with a definite one is
// positive definite, so det of the covariance A + B or c²·A + I is
// positive; a difference, or a real multiple, is not known to be.
func TestPositiveDefiniteSums(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true}, Types: &expr.Types{
		Shapes: map[string]expr.Shape{"A": {R: expr.S("k"), C: expr.S("k")}, "B": {R: expr.S("k"), C: expr.S("k")}, "M": {R: expr.S("k"), C: expr.S("k")}},
		Props:  map[string][]string{"A": {"spd"}, "B": {"spd"}},
	}}
	for src, want := range map[string]bool{
		"det(A + B)":         true,
		"det(c^2*A + I(k))":  true,
		"det(A + exp(c)*B)":  true,
		"det(c^2*A + c^2*B)": false, // both semidefinite only: 0 at c = 0
		"det(A - B)":         false,
		"det(c*A + I(k))":    false, // c may be negative
		"det(A + M)":         false, // M is not known to be semidefinite
		"det(inv(A + s*B))":  true,
	} {
		assert.Equal(t, want, ctx.IsPositive(expr.MustParse(src)), src)
	}
}

// A coordinate of c·a, c a declared scalar, is c·a[d]: c is not indexed.
func TestCoordinateKeepsScalars(t *testing.T) {
	ctx := &Context{Types: &expr.Types{Shapes: map[string]expr.Shape{"a": {R: expr.S("k"), C: expr.N(1)}, "c": {}}}}
	got, ok := coordinate(expr.MustParse("a - c*a + exp(c)*a^2"), expr.S("d"), ctx)
	assert.True(t, ok)
	assert.Equal(t, "a[d] - c*a[d] + exp(c)*a[d]^2", expr.String(got))
}
