package render

import (
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// JSON never fails on a non-finite number: it is a string.
func TestNumberJSON(t *testing.T) {
	for v, want := range map[float64]string{
		1.5:                    `1.5`,
		3.3306690738754696e-16: `3.3306690738754696e-16`,
		math.Inf(1):            `"inf"`,
		math.Inf(-1):           `"-inf"`,
		math.NaN():             `"nan"`,
	} {
		b, err := json.Marshal(number(v))
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
	}
}
