package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A prepared log-density must give what Family.logPdfAt gives, to the
// bit, whatever order the parameters come in: the same parameters
// again, new ones, and back. Where an argument carries an error, or the
// variable is taken from its distance to the upper end, it declines.
func TestPreparedLogPdf(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	n := 0
	for _, f := range AllFamilies() {
		if f.LogPDFOf == nil {
			continue
		}
		n++
		var p preparedLog
		sets := make([][]Value, 3)
		for i := range sets {
			for _, par := range f.Params {
				v := 0.2 + 3*rng.Float64()
				if par.Domain == Real {
					v = 4*rng.Float64() - 2
				}
				sets[i] = append(sets[i], Value{V: v})
			}
		}
		for k := range 40 {
			params := sets[[]int{0, 0, 1, 2, 1, 0}[k%6]]
			x := Value{V: f.Support.Lo + rng.Float64()*(math.Min(f.Support.Hi, f.Support.Lo+10)-f.Support.Lo)}
			if math.IsInf(f.Support.Lo, -1) {
				x = Value{V: 10*rng.Float64() - 5}
			}
			if k%7 == 3 {
				x = Value{V: f.Support.Lo - 1} // outside a bounded support
			}
			vals := append([]Value{x}, params...)
			got, ok := p.logPdfAt(f, vals, 0, 0)
			require.True(t, ok, f.Name)
			want := f.logPdfAt(vals, 0, 0, make([]float64, len(vals)))
			assert.True(t, same(got.V, want.V) && same(got.Err, want.Err), "%s at %v: prepared %v, logPdfAt %v", f.Name, vals, got, want)
		}
		withErr := append([]Value{{V: 0.5, Err: 1e-9}}, sets[0]...)
		_, ok := p.logPdfAt(f, withErr, 0, 0)
		assert.False(t, ok, "%s: a variable with an error goes to logPdfAt", f.Name)
		if f.LogPDFNearHi != nil {
			_, ok := p.logPdfAt(f, append([]Value{{V: 0.5}}, sets[0]...), f.Support.Hi, 0.5)
			assert.False(t, ok, "%s: near its upper end the distance is used", f.Name)
		}
	}
	assert.GreaterOrEqual(t, n, 4, "families with a prepared log-density")
}
