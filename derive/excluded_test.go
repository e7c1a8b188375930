package derive

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A case the assumptions rule out is empty: Uniform(m·a, 1 − a) lies
// inside a half-line from 0 only where 0 ≤ m·a, which "assume a < 0"
// forbids, so the result is +∞ with that reason and its witness, for
// generated coefficients and families on the half-line. (At m = 1 the
// supports' comparison sees the gap a < x < 0 at once.)
func TestAssumptionRulesOutCase(t *testing.T) {
	rng := rand.New(rand.NewPCG(8, 1))
	for range 6 {
		m := 2 + rng.IntN(3)
		q := []string{"HalfNormal(x; s)", "Gamma(x; k, l)", "Exponential(x; l)", "LogNormal(x; u, s)"}[rng.IntN(4)]
		goal := []string{"KL(p || q)", "H(p, q)"}[rng.IntN(2)]
		src := fmt.Sprintf("p(x) = Uniform(x; %d*a, 1 - a)\nq(x) = %s\nassume a < 0\nderive %s\n", m, q, goal)
		d, _, err := deriveOne(src)
		require.NoError(t, err, src)
		assert.Equal(t, "inf", expr.String(d.Result), src)
		assert.Contains(t, d.Steps[len(d.Steps)-1].Title, "never holds where a < 0, as assumed", src)
		assert.NotEmpty(t, d.Verification.Witness, src)
	}
}

// A condition the assumptions keep fails nowhere, so no witness of +∞ is
// sought where it fails: under "assume a <= 0", 1 + n·a ≤ 1 always
// holds, and the case 0 ≤ m·a (shown a ≥ 0) is the point a = 0, +∞
// where a < 0.
func TestAssumptionKeepsCondition(t *testing.T) {
	for _, mn := range [][2]int{{2, 1}, {3, 2}, {2, 3}} {
		src := fmt.Sprintf("p(x) = Uniform(x; %d*a, 1 + %d*a)\nq(x) = Beta(x; k1, k2)\nassume a <= 0\nderive H(p, q)\n", mn[0], mn[1])
		d, _, err := deriveOne(src)
		require.NoError(t, err, src)
		cs, ok := d.Result.(*expr.Cases)
		require.True(t, ok, "%s: %s", src, expr.String(d.Result))
		assert.Equal(t, "log(beta(k_1, k_2)) + k_1 + k_2 - 2", expr.String(cs.Cases[0].Then), src)
		assert.Contains(t, d.Verification.Otherwise, "infinite where a < 0:", src)
		assert.NotContains(t, d.Verification.Otherwise, " or ", src)
	}
}

// An assumed end whose own side moves, a <= 0 from a drawn a < −1, is
// reached just inside as well as at the end: the limit of −a·log(−a) at
// a = 0 is checked.
func TestAssumedEndOnItsMovingSide(t *testing.T) {
	src := "p(x) = Uniform(x; -a, 1 + c^2)\nq(x) = LogNormal(x; m, s)\nassume a <= 0\nderive KL(p || q)\n"
	d, _, err := deriveOne(src)
	require.NoError(t, err, src)
	assert.Contains(t, d.Verification.Limits, "where a = 0, the limit of the result agrees with direct integration", src)
}

// Three relations together: Uniform(a, 2 − a) lies inside
// Uniform(b, b + 2) where b ≤ a and −a ≤ b, which with "assume a <= 0"
// is the point a = b = 0 (KL 0 there), and Uniform(b, b + 2) inside
// Uniform(a, 1 + 2·a) needs a ≥ 1, never under that assumption.
func TestThreeRelationsTogether(t *testing.T) {
	src := "p(x) = Uniform(x; a, 2 - a)\nq(x) = Uniform(x; b, b + 2)\nassume a <= 0\nderive KL(p || q)\n"
	d, _, err := deriveOne(src)
	require.NoError(t, err, src)
	assert.Equal(t, "cases(0 if b <= a and b + a >= 0; inf otherwise)", expr.String(d.Result), src)
	assert.Contains(t, d.Steps[1].Title, "as a <= 0 is assumed, only where a = 0 and b = 0", src)

	src = "p(x) = Uniform(x; a, 1 + 2*a)\nq(x) = Uniform(x; b, b + 2)\nassume a <= 0\nderive H(q, p)\n"
	d, _, err = deriveOne(src)
	require.NoError(t, err, src)
	assert.Equal(t, "inf", expr.String(d.Result), src)
	assert.Contains(t, d.Steps[len(d.Steps)-1].Title, "which never hold together where a <= 0, as assumed", src)
	assert.NotEmpty(t, d.Verification.Witness, src)
}

// An end of a case outside the parameters' domains is no end to check:
// -1 <= a for Uniform(a, 1 + 2·a), whose width 1 + a is 0 at a = −1,
// always holds, and its failing is no region to find a witness in.
func TestEndOutsideTheDomain(t *testing.T) {
	src := "p(x) = Uniform(x; a, 1 + 2*a)\nq(x) = Uniform(x; -1, b)\nderive H(p, q)\n"
	d, _, err := deriveOne(src)
	require.NoError(t, err, src)
	assert.Equal(t, "cases(log(b + 1) if a >= -1 and 1 + 2*a <= b; inf otherwise)", expr.String(d.Result), src)
	assert.Equal(t, "infinite where b < 1 + 2*a: at each of 8 points drawn there, a value of x was found inside the support of p and outside that of q", d.Verification.Otherwise, src)
}

// A parameter's domain rules out a case as an assumption does, and the
// reason says which: Uniform(a, 1 + 2·a) needs 1 + a > 0, so it never
// ends at or below −1.
func TestDomainRulesOutCase(t *testing.T) {
	src := "p(x) = Uniform(x; a, 1 + 2*a)\nq(x) = Uniform(x; -2, -1)\nderive KL(p || q)\n"
	d, _, err := deriveOne(src)
	require.NoError(t, err, src)
	assert.Equal(t, "inf", expr.String(d.Result), src)
	assert.Contains(t, d.Steps[len(d.Steps)-1].Title, "never holds where 1 + a > 0, as the parameters require", src)
	assert.NotEmpty(t, d.Verification.Witness, src)
}
