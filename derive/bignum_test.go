package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Variances with coefficients up to 10^40 and exponents up to 1000
// derive to the closed form: the result is verified, agrees with the
// closed form numerically, and differs from it by 0 in normal form.
// The two coefficients differ, so that a wrong logarithm of either one
// shows in the value. The coefficients are large or moderately small,
// so that the values stay where a relative tolerance means something:
// with a variance of 10^-40 the mean term alone would be 10^40.
func TestLargeCoefficientsAndExponents(t *testing.T) {
	coefs := []struct{ src string }{
		{"20000000000000000000"}, {"100000000000000000000"}, {"10^40"}, {"(10^40)^3"},
		{"3^80"}, {"2^1000"}, {"7*10^40/3"}, {"1/10^8"}, {"12345678901234567890123"},
	}
	rng := rand.New(rand.NewPCG(3, 1000))
	for i := range 12 {
		c := coefs[rng.IntN(len(coefs))].src
		k := 1 + rng.IntN(4) // the second coefficient is c*k
		e, u := 2, "t"
		if i%3 == 0 {
			// A high power of one symbol in both variances: their ratio
			// stays near 1, so the KL stays a number whose tolerance means
			// something (the verifier refuses values above 1e12).
			e, u = 2*(1+rng.IntN(500)), "s"
		}
		// The mean grows with the power for the same reason.
		mean := fmt.Sprintf("m*%s^%d", u, e/2)
		v1 := fmt.Sprintf("%s*s^%d", c, e)
		v2 := fmt.Sprintf("%d*%s*%s^%d", k, c, u, e)
		src := fmt.Sprintf("p(x) = Normal(x; %s, %s)\nq(x) = Normal(x; 0, %s)\nderive KL(p || q)\n", mean, v1, v2)
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			p := load(t, src)
			d, err := Derive(p, p.File.Goals[0], DefaultOptions)
			require.NoError(t, err, src)
			closed := expr.MustParse(fmt.Sprintf("1/2*(log((%s)/(%s)) + (%s + (%s)^2)/(%s) - 1)", v2, v1, v1, mean, v2))
			diff, ok := rules.Normalize(expr.Sub(d.Result, closed), p.Ctx)
			require.True(t, ok)
			assert.Equal(t, "0", expr.String(diff), "%s\nresult %s", src, expr.String(d.Result))
			for range 5 {
				vals := map[string]float64{"m": -1.5 + 3*rng.Float64(), "s": 0.5 + 1.5*rng.Float64(), "t": 0.5 + 1.5*rng.Float64()}
				got, err := expr.Eval(d.Result, &expr.Env{Vals: vals})
				require.NoError(t, err)
				f1, err := expr.Eval(expr.MustParse(v1), &expr.Env{Vals: vals})
				require.NoError(t, err)
				f2, err := expr.Eval(expr.MustParse(v2), &expr.Env{Vals: vals})
				require.NoError(t, err)
				mu, err := expr.Eval(expr.MustParse(mean), &expr.Env{Vals: vals})
				require.NoError(t, err)
				want := closedKL(mu, f1, 0, f2)
				assert.InDelta(t, want, got, 1e-9*math.Max(1, math.Abs(want)), "%s at %v", src, vals)
			}
		})
	}
}
