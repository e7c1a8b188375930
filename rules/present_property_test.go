package rules

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// genSum writes a random sum of the shapes a derivation's last lines
// have: fraction coefficients, powers and reciprocals of sums (with
// integer content to take out), logarithms of positive names, products
// and sums, exp and ψ of names, terms over shared denominators, and
// terms that share a number and a name (1/2*s*a + 1/2*s*b).
// s and v are positive, a, b and m real.
func genSum(rng *rand.Rand) string {
	coefs := []string{"1", "-1", "2", "-3", "1/2", "-1/2", "3/2", "1/24", "-9/2", "1/12"}
	real := []string{"a", "b", "m"}
	pos := []string{"s", "v"}
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	sum := func() string {
		// Two or three terms with small coefficients, some shared.
		n := 2 + rng.IntN(2)
		k := pick([]string{"1", "2", "1/2"})
		var ts []string
		for range n {
			ts = append(ts, pick([]string{k, "-" + k, "1", "3"})+"*"+pick(real))
		}
		return strings.Join(ts, " + ")
	}
	factor := func() string {
		switch rng.IntN(10) {
		case 0:
			return pick(real)
		case 1:
			return pick(pos) + "^2"
		case 2:
			return "(" + sum() + ")^2"
		case 3:
			return "1/(2*" + pick(pos) + " + 2*" + pick(pos) + "^2)"
		case 4:
			return "log(" + pick(pos) + ")"
		case 5:
			return "log(2*pi*" + pick(pos) + ")"
		case 6:
			return "exp(" + pick(real) + ")"
		case 7:
			return "digamma(" + pick(pos) + ")"
		case 8:
			return pick(pos)
		}
		return "1/" + pick(pos)
	}
	// The logarithm of a sum with content to take out: a number, a
	// name to differing powers, or both, 2*pi*s^2 + 4*s.
	logSum := func() string {
		nums := []string{"2", "4", "6", "2*pi", "8*pi"}
		return "log(" + pick(nums) + "*" + pick([]string{"s", "v", "s^2", "s*v"}) + " + " + pick(nums) + "*" + pick([]string{"s", "v", "v^2", "s*v", "1"}) + ")"
	}
	n := 2 + rng.IntN(5)
	var ts []string
	for range n {
		t := pick(coefs)
		for range 1 + rng.IntN(2) {
			t += "*" + factor()
		}
		ts = append(ts, t)
	}
	if rng.IntN(2) == 0 {
		ts = append(ts, pick(coefs)+"*"+logSum())
	}
	return strings.Join(ts, " + ")
}

// The presentation keeps the value of what it rewrites, and it is
// idempotent: a textbook form presented again is itself, to the order
// of its terms and of the factors inside a logarithm of a sum, and
// whatever order the terms came in.
func TestPresentPreservesValueAndIsIdempotent(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true, "v": true}}
	rng := rand.New(rand.NewPCG(11, 12))
	for i := range 1000 {
		src := genSum(rng)
		switch i % 4 {
		case 2:
			src = genWeightedLogs(rng)
		case 3:
			src = genCancelling(rng)
		}
		e := expr.MustParse(src)
		n, ok := Normalize(e, ctx)
		require.True(t, ok, src)
		p := Present(n, ctx)
		again := Present(p, ctx)
		require.Equal(t, expr.String(p), expr.String(again), "presenting %s twice", src)
		shuffled := expr.Sum(shuffle(rng, terms(n))...)
		assert.Equal(t, expr.String(p), expr.String(Present(shuffled, ctx)), "presenting %s in another order", src)
		for range 4 {
			env := &expr.Env{Vals: map[string]float64{
				"s": expr.Positive.Draw(rng), "v": expr.Positive.Draw(rng),
				"a": expr.Real.Draw(rng), "b": expr.Real.Draw(rng), "m": expr.Real.Draw(rng),
			}}
			want, err := expr.EvalErr(e, env)
			require.NoError(t, err, src)
			got, err := expr.EvalErr(p, env)
			require.NoError(t, err, src)
			if math.IsInf(want.V, 0) || math.IsNaN(want.V) {
				assert.Equal(t, fmt.Sprint(want.V), fmt.Sprint(got.V), "%s at %v", src, env.Vals)
				continue
			}
			tol := 1e-9*math.Max(1, math.Abs(want.V)) + want.Err + got.Err
			assert.InDelta(t, want.V, got.V, tol, "%s = %s at %v", src, expr.String(p), env.Vals)
		}
	}
	// The normaliser multiplies, adds and takes out coefficients, among
	// them the small integers whose rationals expr.N shares among
	// nodes: none was changed in place.
	for k := int64(-16); k <= 16; k++ {
		require.Zero(t, expr.N(k).Val.Cmp(big.NewRat(k, 1)), "the shared %d became %s", k, expr.N(k).Val)
	}
}

// terms is the terms of a sum.
func terms(e expr.Expr) []expr.Expr {
	if a, ok := e.(*expr.Add); ok {
		return a.Terms
	}
	return []expr.Expr{e}
}

func shuffle(rng *rand.Rand, ts []expr.Expr) []expr.Expr {
	out := append([]expr.Expr(nil), ts...)
	rng.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// termSet is the sorted printed terms of a sum.
func termSet(e expr.Expr) []string {
	ts := terms(e)
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = expr.String(t)
	}
	sort.Strings(out)
	return out
}
