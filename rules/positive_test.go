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
