package rules

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Joined logarithms keep a power's exponent outside when a number would
// otherwise be raised to it, and leave long numbers' logarithms apart.
func TestLogGroupKeepsANumbersExponentOutside(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true, "v": true, "w": true}}
	for _, c := range []struct{ in, want string }{
		// Binomial(4, a) against Poisson(24*b) leaves these.
		{"4*a*log(s) - 4*a*log(24) - 4*a*log(v)", "4*a*log(s/(24*v))"},
		{"3*log(2) + 3*log(pi)", "3*log(2*pi)"},
		{"-3*log(2*s) + w", "w - 3*log(2*s)"},
		{"2*log(2) + 2*log(s) + 4*log(v)", "2*log(2*s*v^2)"},
		// Two Binomials of 500 trials: 3^150*7^350/5^500 is unreadable.
		{"150*log(3/10) + 350*log(7/10) + 500*log(2)", "150*log(3) - 500*log(5) + 350*log(7)"},
		{"150*log(3) - 150*log(5) + 2*log(s)", "2*log(s) + 150*log(3) - 150*log(5)"},
		// Names alone keep their squares, and fractional multiples
		// their content, as before.
		{"2*log(s) - 2*log(v)", "log(s^2/v^2)"},
		{"1/2*log(2*pi*s^2)", "1/2*log(2*pi*s^2)"},
		{"3/2*log(2*s) + 3/2*log(pi)", "3/2*log(2*pi*s)"},
	} {
		n, ok := Normalize(expr.MustParse(c.in), ctx)
		require.True(t, ok, c.in)
		assert.Equal(t, c.want, expr.String(Present(n, ctx)), c.in)
	}
}

// Generated k*q*log(x) - k*q*log(c*y) + r: whatever the number c, the
// power k, the names and the cofactor q, the presentation keeps its
// value, raises nothing to a power inside a logarithm, and holds no
// number past maxJoinedNumber there.
func TestLogGroupGenerated(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true, "v": true, "w": true}}
	rng := rand.New(rand.NewPCG(3, 17))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	names := []string{"s", "v", "w", "(1 + s)"}
	numbers := []string{"2", "3", "6", "7", "10", "24", "1/2", "2/3", "5/4", "1000"}
	cofs := []string{"1", "-1", "a", "-2*a", "(1 - a)"}
	rests := []string{"", " + s", " - a*v", " + 3"}
	for range 300 {
		k := 2 + rng.IntN(60)
		q := pick(cofs)
		src := fmt.Sprintf("%d*%s*log(%s) - %d*%s*log(%s*%s)%s", k, q, pick(names), k, q, pick(numbers), pick(names), pick(rests))
		e := expr.MustParse(src)
		n, ok := Normalize(e, ctx)
		require.True(t, ok, src)
		p := Present(n, ctx)
		expr.Any(p, func(x expr.Expr) bool {
			c, ok := x.(*expr.Call)
			if !ok || c.Fn != "log" {
				return false
			}
			expr.Any(c.Args[0], func(y expr.Expr) bool {
				// Each name enters to the first power, so the
				// power k stays outside.
				if pw, ok := y.(*expr.Pow); ok && !expr.IsInt(pw.Exp, -1) {
					assert.Fail(t, "a power inside a logarithm", "%s gives %s", src, expr.String(p))
				}
				if num, ok := y.(*expr.Num); ok {
					big := num.Val.Num().CmpAbs(maxJoinedNumber) > 0 || num.Val.Denom().Cmp(maxJoinedNumber) > 0
					assert.False(t, big, "%s: a long number in %s", src, expr.String(p))
				}
				return false
			})
			return false
		})
		for range 3 {
			env := &expr.Env{Vals: map[string]float64{
				"s": expr.Positive.Draw(rng), "v": expr.Positive.Draw(rng), "w": expr.Positive.Draw(rng), "a": expr.Real.Draw(rng),
			}}
			want, err := expr.EvalErr(e, env)
			require.NoError(t, err, src)
			got, err := expr.EvalErr(p, env)
			require.NoError(t, err, src)
			tol := 1e-9*math.Max(1, math.Abs(want.V)) + want.Err + got.Err
			assert.InDelta(t, want.V, got.V, tol, "%s = %s at %v", src, expr.String(p), env.Vals)
		}
	}
}
