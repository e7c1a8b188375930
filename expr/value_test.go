package expr

import (
	"math"
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
