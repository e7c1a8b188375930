package derive

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// deriveGoal derives the one goal of src, which must verify against
// direct integration or summation.
func deriveGoal(t *testing.T, src string) *Derivation {
	t.Helper()
	p := load(t, src)
	require.Len(t, p.File.Goals, 1, src)
	d, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.NoError(t, err, src)
	require.True(t, d.Verification.Direct, "%s: not verified directly", src)
	return d
}

// hasCall reports whether e calls one of fns.
func hasCall(e expr.Expr, fns ...string) bool {
	return expr.Any(e, func(n expr.Expr) bool {
		c, ok := n.(*expr.Call)
		return ok && slices.Contains(fns, c.Fn)
	})
}

// The entropy of a Beta at integer and half-integer parameters is a
// number and logarithms of numbers and π: B at half-integers is in
// Gammas, ψ at integers and half-integers is ψ(1) plus numbers and
// log 2, and the ψ(1)'s cancel, since the coefficients of the ψ's in a
// Beta's entropy sum to zero. The expected values are worked by hand
// from H = log B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) + (a + b − 2)ψ(a + b).
func TestBetaEntropyAtHalfIntegersIsClosed(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float64
	}{
		{"1/2", "1/2", math.Log(math.Pi / 4)},
		{"1/2", "3/2", math.Log(math.Pi/2) - 1},
		{"3/2", "1/2", math.Log(math.Pi/2) - 1},
		{"2", "3", 9.0/4 - math.Log(12)},
		{"1", "1", 0},
	} {
		src := fmt.Sprintf("r(y) = Beta(y; %s, %s)\nderive H(r)\n", c.a, c.b)
		d := deriveGoal(t, src)
		assert.False(t, hasCall(d.Result, "beta", "lbeta", "digamma", "gamma", "lgamma"), "%s: %s", src, expr.String(d.Result))
		got, err := expr.Eval(d.Result, &expr.Env{})
		require.NoError(t, err, src)
		assert.InDelta(t, c.want, got, 1e-12, "%s: %s", src, expr.String(d.Result))
	}
}

// A Beta with a half-integer and an integer parameter against a Beta of
// symbols leaves ψ(2) beside ψ(1), which cancel to a number; in either
// name.
func TestBetaHalfIntegerKLHasNoDigammaAtNumbers(t *testing.T) {
	for _, src := range []string{
		"p(x) = Beta(x; 1/2, 3/2)\nq(x) = Beta(x; a, b)\nderive KL(p || q)\n",
		"p(z) = Beta(z; 3/2, 1/2)\nq(z) = Beta(z; u, w)\nderive KL(p || q)\n",
	} {
		d := deriveGoal(t, src)
		assert.False(t, expr.Any(d.Result, func(n expr.Expr) bool {
			c, ok := n.(*expr.Call)
			if !ok || c.Fn != "digamma" {
				return false
			}
			_, num := c.Args[0].(*expr.Num)
			return num
		}), "%s: %s", src, expr.String(d.Result))
	}
}

// Integer powers inside logarithms stay outside them when a number is
// joined in, and the Gamma function over a number prints over it, in
// generated problems: a Binomial of n trials against a Poisson of rate
// c·b, and a Gamma of integer shape against one of symbols.
func TestNumbersJoinedIntoLogarithmsKeepTheirPower(t *testing.T) {
	for _, c := range []struct{ n, c, want string }{
		{"4", "24", "4*a*log(a/(24*b))"},
		{"3", "6", "3*a*log(a/(6*b))"},
		{"5", "10", "5*a*log(a/(10*b))"},
	} {
		src := fmt.Sprintf("p(k) = Binomial(k; %s, a)\nq(k) = Poisson(k; %s*b)\nderive KL(p || q)\n", c.n, c.c)
		d := deriveGoal(t, src)
		assert.Contains(t, expr.String(d.Result), c.want, src)
	}
	d := deriveGoal(t, "p(x) = Binomial(x; 500, 3/10)\nq(x) = Binomial(x; 500, 1/2)\nderive KL(p || q)\n")
	assert.Equal(t, "150*log(3) - 500*log(5) + 350*log(7)", expr.String(d.Result))
	for _, shape := range []string{"4", "3"} {
		d := deriveGoal(t, "p(x) = Gamma(x; "+shape+", b)\nq(x) = Gamma(x; a, c)\nderive KL(p || q)\n")
		text := expr.Format(d.Result, expr.Unicode)
		assert.NotContains(t, text, "log(1/", text)
		assert.True(t, strings.Contains(text, "log(Γ(a)/"), text)
	}
}

// A Geometric or Bernoulli of probability 1/(s + 1) leaves no
// 1 − 1/(s + 1) in its results, in either direction.
func TestNoOneMinusAFractionInGeometricResults(t *testing.T) {
	for _, fam := range []string{"Geometric", "Bernoulli"} {
		for _, pq := range [][2]string{{"1/(s + 1)", "a"}, {"a", "1/(s + 1)"}, {"1/(s + 1)", "1/(t + 2)"}, {"a", "1/(1 + exp(-t))"}} {
			for _, goal := range []string{"KL(p || q)", "H(p, q)"} {
				src := fmt.Sprintf("assume s > 0\nassume t > 0\np(x) = %s(x; %s)\nq(x) = %s(x; %s)\nderive %s\n", fam, pq[0], fam, pq[1], goal)
				d := deriveGoal(t, src)
				text := expr.String(d.Result)
				assert.NotContains(t, text, "1 - 1/", "%s: %s", src, text)
			}
		}
	}
}
