package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A non-strict assumption decides an end of the supports as a strict one
// does: Uniform(k + c, k + c + exp(w)) against an Exponential is finite
// under "assume k >= m" when m + c ≥ 0, +∞ under "assume k <= m" when
// m + c < 0, and piecewise otherwise, for generated offsets c and bounds
// m, each assumption written in one of its equivalent forms. Each result
// agrees with quadrature (or is +∞) at points that honour the
// assumption.
func TestNonStrictAssumptionsDecideEnds(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	for range 16 {
		c, m := rng.IntN(7)-3, rng.IntN(7)-3
		lo := fmt.Sprintf("k + %d", c)
		upper := rng.IntN(2) == 0
		forms := []string{"k >= %d", "%d <= k", "k - %d >= 0"}
		if !upper {
			forms = []string{"k <= %d", "%d >= k", "%d - k >= 0"}
		}
		assumption := fmt.Sprintf(forms[rng.IntN(len(forms))], m)
		src := fmt.Sprintf("assume %s\np(x) = Uniform(x; %s, %s + exp(w))\nq(x) = Exponential(x; l)\nderive KL(p || q)\n", assumption, lo, lo)
		p := load(t, src)
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		if !upper && m+c == 0 {
			// The finite case is the single point k = m: no point is
			// drawn there, and the derivation says so.
			require.Error(t, err, src)
			continue
		}
		require.NoError(t, err, src)
		_, piecewise := d.Result.(*expr.Cases)
		infinite := expr.Equal(d.Result, expr.S("inf"))
		switch {
		case upper && m+c >= 0:
			assert.False(t, piecewise || infinite, "%s: %s", src, expr.String(d.Result))
		case !upper && m+c < 0:
			assert.True(t, infinite, "%s: %s", src, expr.String(d.Result))
		default:
			assert.True(t, piecewise, "%s: %s", src, expr.String(d.Result))
		}
		envs := p.SamplePoints(8, 5, d.Result)
		require.NotEmpty(t, envs, src)
		for _, env := range envs {
			got := mustEval(t, d.Result, env)
			pp := paramValues(t, p, "p", env)
			if pp[0] < 0 {
				assert.True(t, math.IsInf(got, 1), "%s at %v", src, env.Vals)
				continue
			}
			ref := reference(p.File.Goals[0].Info, family.Uniform.Get(), family.Exponential.Get(), pp, paramValues(t, p, "q", env))
			assert.InDelta(t, ref, got, 1e-8*math.Max(1, math.Abs(ref)), "%s at %v", src, env.Vals)
		}
	}
}
