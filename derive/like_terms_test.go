package derive

import (
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Like terms that meet inside a term collect in the first shown line
// where they meet, for other names and constants than the examples':
// the width of a uniform density with compound ends, a Gaussian moment
// at compound means, a Binomial's n - n·p at a complement. Each
// derivation still verifies.
func TestLikeTermsCollectWhereTheyMeet(t *testing.T) {
	for _, c := range []struct {
		src, rule string
		want      []string
		never     []string
	}{
		{"u(x) = Uniform(x; k - 1/2, k + 2*exp(w))\ns(x) = Exponential(x; r)\nderive KL(u || s)\n",
			"substitute-densities", []string{"log(1/(2*exp(w) + 1/2))"}, []string{"k + 2*exp(w) - k"}},
		{"u(x) = Uniform(x; k - 1/2, k + 2*exp(w))\ns(x) = Exponential(x; r)\nderive KL(u || s)\n",
			"moments", []string{"(2*k - 1/2 + 2*exp(w))"}, []string{"k - 1/2 + k"}},
		{"p(x) = Normal(x; 5, 3)\nq(x) = Normal(x; c + 2, s^2)\nderive KL(p || q)\n",
			"gaussian-moments", []string{"(3 - c)^2"}, []string{"5 - (c + 2)"}},
		{"p(x) = Normal(x; 3*c, 1)\nq(x) = Normal(x; -c, s^2)\nderive KL(p || q)\n",
			"gaussian-moments", []string{"16*c^2"}, []string{"3*c + c"}},
		{"p(x) = Binomial(x; 3, 1 - u)\nq(x) = Binomial(x; 3, b)\nderive KL(p || q)\n",
			"discrete-moments", []string{"3*u*log(u)"}, []string{"3 - 3*(1 - u)"}},
	} {
		d := deriveAll(t, c.src)[0]
		require.True(t, d.Verification.Points > 0 && d.Verification.Direct, c.src)
		var line string
		for _, st := range d.Steps {
			if st.Rule == c.rule {
				line = expr.String(st.After)
			}
		}
		require.NotEmpty(t, line, "no %s line in %s", c.rule, c.src)
		for _, w := range c.want {
			assert.Contains(t, line, w, c.src)
		}
		for _, n := range c.never {
			assert.False(t, strings.Contains(line, n), "%s line has %s: %s", c.rule, n, line)
		}
	}
}

// A squared distance of means whose coefficients are all halves takes
// the half out where the moment lands, and the result has one fraction:
// (7·b − m)²/4, not (7/2·b − 1/2·m)², in either direction.
func TestSharedFractionLeavesTheSquare(t *testing.T) {
	for src, want := range map[string]string{
		"p(x) = Normal(x; 4*b, s^2)\nq(x) = Normal(x; (m + b)/2, t^2)\nderive KL(p || q)\n": "log(t/s) + (4*s^2 + (7*b - m)^2)/(8*t^2) - 1/2",
		"p(x) = Normal(x; 4*b, s^2)\nq(x) = Normal(x; (m + b)/2, t^2)\nderive KL(q || p)\n": "log(s/t) + (4*t^2 + (m - 7*b)^2)/(8*s^2) - 1/2",
	} {
		d := deriveAll(t, src)[0]
		assert.Equal(t, want, expr.String(d.Result), src)
		for _, st := range d.Steps {
			assert.NotContains(t, expr.String(st.After), "7/2*b", src)
		}
	}
}

// A uniform against an exponential ends as a textbook writes it, the
// rate times the uniform's mean less log(l·(b − a)), with other names
// and ends: no ½ taken out over a log of a square.
func TestUniformAgainstExponentialReads(t *testing.T) {
	for src, want := range map[string]string{
		"u(x) = Uniform(x; a2, b2)\nw(x) = Exponential(x; l)\nderive KL(u || w)\n": "1/2*l*(a_2 + b_2) - log(l*(b_2 - a_2))",
		"u(x) = Uniform(x; c, d)\nw(x) = Exponential(x; r)\nderive KL(u || w)\n":   "1/2*r*(c + d) - log(r*(d - c))",
	} {
		d := deriveAll(t, src)[0]
		require.True(t, d.Verification.Points > 0 && d.Verification.Direct, src)
		assert.Contains(t, expr.String(d.Result), want, src)
		for _, st := range d.Steps {
			assert.NotContains(t, expr.String(st.After), ")^2*", src)
		}
	}
}

// A Gaussian whose variance is a sum, against the standard normal or
// another Gaussian, keeps the variance whole: its ratio to itself
// cancels where the moment lands, and log(2·π·(a² + c²)) is log(2·π)
// plus the logarithm of the variance, so that the 2·π cancels and no
// line carries log(2·π·a² + 2·π·c²).
func TestSummedVarianceStaysWhole(t *testing.T) {
	for src, want := range map[string]string{
		"p(x) = Normal(x; m, a^2 + c^2)\nq(x) = Normal(x; 0, 1)\nderive KL(p || q)\n":      "-1/2*(1 + log(a^2 + c^2) - a^2 - c^2 - m^2)",
		"p(x) = Normal(x; k, 2*u^2 + exp(w))\nq(x) = Normal(x; 0, 1)\nderive KL(p || q)\n": "log(2*u^2 + exp(w))",
		"p(x) = Normal(x; m, s^2 + t^2)\nq(x) = Normal(x; 0, s^2)\nderive KL(p || q)\n":    "log(s^2/(s^2 + t^2))",
	} {
		d := deriveAll(t, src)[0]
		require.True(t, d.Verification.Points > 0 && d.Verification.Direct, src)
		assert.Contains(t, expr.String(d.Result), want, src)
		for _, st := range d.Steps {
			line := expr.String(st.After)
			assert.NotContains(t, line, "2*pi*a^2 +", src)
			assert.NotContains(t, line, "(a^2 + c^2)/(2*(a^2 + c^2))", src)
		}
	}
}
