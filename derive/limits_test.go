package derive

import (
	"fmt"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLimitsStopAtTheFirstStepPast checks the size and depth limits,
// which an exhaustive walk counts without measuring the whole term at
// every step (walk.charge), against the terms themselves: derived with
// a limit, each problem stops at the first fine step whose whole term
// is past it, as measured in the derivation made without one.
func TestLimitsStopAtTheFirstStepPast(t *testing.T) {
	sources := []string{
		"p(x) = Normal(x; mu1, sigma1^2)\nq(x) = Normal(x; mu2, sigma2^2)\nderive KL(p || q)\n",
		"f(y) = Normal(y; 3, s^2)\ng(y) = Normal(y; m + 1, 4*t^2)\nderive KL(g || f)\n",
		"p(x) = Gamma(x; a1, b1)\nq(x) = Gamma(x; a2, b2)\nderive KL(p || q)\n",
		"r(z) = Exponential(z; 2*lam)\nderive H(r)\n",
		"p(x) = Normal(x; -mu, exp(v))\nq(x) = Laplace(x; 0, b)\nderive H(p, q)\n",
	}
	for _, src := range sources {
		p := load(t, src)
		g := p.File.Goals[0]
		opt := DefaultOptions
		opt.Verify = false
		full, err := Derive(p, g, opt)
		require.NoError(t, err, src)
		require.Empty(t, full.Bound, src)
		var sizes, depths []int
		for _, st := range full.Steps {
			for _, f := range st.Fine {
				s, d := expr.SizeDepth(f.After)
				sizes, depths = append(sizes, s), append(depths, d)
			}
		}
		require.NotEmpty(t, sizes, src)
		check := func(kind string, measured []int, limits func(n int) Limits, msg string) {
			for _, n := range measured {
				for _, lim := range []int{n - 1, n} {
					want := -1 // the first fine step past lim
					for i, m := range measured {
						if m > lim {
							want = i
							break
						}
					}
					opt.Limits = limits(lim)
					d, err := Derive(p, g, opt)
					name := fmt.Sprintf("%s limit %d in %q", kind, lim, src)
					if want < 0 {
						if err == nil {
							assert.Empty(t, d.Bound, name)
						}
						continue
					}
					require.NoError(t, err, name)
					assert.Equal(t, fmt.Sprintf(msg, lim), d.Bound, name)
					fine := 0
					for _, st := range d.Steps {
						fine += len(st.Fine)
					}
					assert.Equal(t, want+1, fine, "fine steps taken, %s", name)
				}
			}
		}
		check("size", sizes, func(n int) Limits { return Limits{Steps: 2000, Size: n, Depth: 200} },
			"term size limit reached: an expression has more than %d nodes")
		check("depth", depths, func(n int) Limits { return Limits{Steps: 2000, Size: 20000, Depth: n} },
			"depth limit reached: an expression is nested more than %d deep")
	}
}
