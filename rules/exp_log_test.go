package rules

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The textbook form writes exp(k·log(u)) of a positive u as u^k, and a
// root's sum from a positive term; of a u not known positive, the
// exponential stays.
func TestTextbookExpOfLogAndRoots(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true, "t": true}}
	for src, want := range map[string]string{
		"exp(log(s)/2)":            "sqrt(s)",
		"a*exp(-log(s)/2)":         "a/sqrt(s)",
		"exp(log(s) + c + t/2)":    "s*exp(c + 1/2*t)",
		"exp(2*log(s) - 3*log(t))": "s^2/t^3",
		"exp(log(m)/2)":            "exp(1/2*log(m))",
		"(1 - x)^(1/2)":            "sqrt(1 - x)",
		"a*sqrt(-x + 1)":           "a*sqrt(1 - x)",
	} {
		n, ok := Normalize(expr.MustParse(src), ctx)
		require.True(t, ok, src)
		assert.Equal(t, want, expr.String(Present(n, ctx)), src)
	}
}
