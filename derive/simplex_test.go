package derive

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A vector declared simplex is drawn on the simplex, every coordinate at
// least 0.05, in each dimension tried; its coordinates are positive.
func TestSimplexPoints(t *testing.T) {
	p := load(t, "K: dim\nw: vector[K] simplex\nx, m: vector[K]\np(x) = MvNormal(x; m, I)\nderive H(p)\n")
	assert.True(t, p.Ctx.Positive["w"])
	sizes := map[int]bool{}
	for _, env := range p.SamplePoints(16, 1, expr.MustParse("sum(k in 1..K, w[k])")) {
		w := env.Vecs["w"]
		require.Len(t, w, int(env.Vals["K"]))
		sizes[len(w)] = true
		sum := 0.0
		for _, c := range w {
			assert.GreaterOrEqual(t, c, 0.05)
			sum += c
		}
		assert.InDelta(t, 1, sum, 1e-15)
	}
	for _, k := range []int{2, 3, 5} {
		assert.True(t, sizes[k], "K = %d tried", k)
	}
}
