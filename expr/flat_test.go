package expr

import (
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// flatSource is a sum of n terms, each a product of three factors with a
// division, in the .kl syntax.
func flatSource(n int) string {
	var b strings.Builder
	for i := range n {
		if i > 0 {
			b.WriteString([]string{" + ", " - "}[i%2])
		}
		b.WriteString("a*x/b")
	}
	return b.String()
}

// A flat sum parses into one sum of all its terms, and a flat product
// into one product, in memory linear in their length.
func TestFlatSumsAndProductsAreLinear(t *testing.T) {
	x, err := ParseExpr(flatSource(20000))
	require.NoError(t, err)
	sum, ok := x.(*Add)
	require.True(t, ok)
	assert.Len(t, sum.Terms, 20000)
	assert.Equal(t, "a*x/b", String(sum.Terms[0]))
	assert.Equal(t, "-a*x/b", String(sum.Terms[1]))

	prod, err := ParseExpr(strings.Repeat("x*", 19999) + "x")
	require.NoError(t, err)
	require.IsType(t, &Mul{}, prod)
	assert.Len(t, prod.(*Mul).Factors, 20000)

	// Copying the terms at each + made the bytes allocated grow with the
	// square of the length, though not the number of allocations.
	perTerm := func(n int) float64 {
		src := flatSource(n)
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		_, err := ParseExpr(src)
		runtime.ReadMemStats(&after)
		require.NoError(t, err)
		return float64(after.TotalAlloc-before.TotalAlloc) / float64(n)
	}
	small, large := perTerm(1000), perTerm(10000)
	assert.Less(t, large, 2*small, "bytes per term grow with the length: %.0f at 1,000 terms, %.0f at 10,000", small, large)
}

func BenchmarkParseFlatSum(b *testing.B) {
	src := flatSource(20000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseExpr(src); err != nil {
			b.Fatal(err)
		}
	}
}
