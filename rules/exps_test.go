package rules

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/klderive/klderive/expr"
)

// The normal form writes the exponentials of a term as one, a power of
// one folded into its argument, and a perfect power out of a root, for
// generated products of exponentials, roots of numbers and names: the
// value is kept, no term has two exponentials or one to a power other
// than ±1, no number under a root has a square part, and the normal
// form of a normal form is itself.
func TestNormalFormJoinsExponentialsAndTakesPowersOutOfRoots(t *testing.T) {
	ctx := testCtx(t)
	rng := rand.New(rand.NewPCG(3, 5))
	args := []string{"k", "s*w", "-v", "m - k", "2*a", "log(s)", "x^2/(2*w)"}
	pows := []string{"1", "-1", "2", "1/2", "-1/2", "3/2", "-2"}
	nums := []string{"4", "8", "12", "9/4", "2/9", "18", "50", "3"}
	names := []string{"s", "v", "w^2", "pi", "a*b"}
	for i := range 300 {
		var fs []string
		for range 1 + rng.IntN(3) {
			fs = append(fs, fmt.Sprintf("exp(%s)^(%s)", args[rng.IntN(len(args))], pows[rng.IntN(len(pows))]))
		}
		if rng.IntN(2) == 0 {
			fs = append(fs, fmt.Sprintf("sqrt(%s*%s)", nums[rng.IntN(len(nums))], names[rng.IntN(len(names))]))
		}
		if rng.IntN(3) == 0 {
			fs = append(fs, "m")
		}
		src := fs[0]
		for _, f := range fs[1:] {
			src += "*" + f
		}
		if i%4 == 0 {
			src += " + " + fs[0] // two terms that must collect
		}
		e, _, err := ctx.Types.Check(expr.MustParse(src), nil, expr.Pos{})
		require.NoError(t, err, src)
		out, ok := Normalize(e, ctx)
		require.True(t, ok, src)
		sameValue(t, rng, ctx, e, out, 4)
		again, _ := Normalize(out, ctx)
		assert.Equal(t, expr.String(out), expr.String(again), "the normal form of %s is its own", src)
		terms := []expr.Expr{out}
		if a, ok := out.(*expr.Add); ok {
			terms = a.Terms
		}
		for _, term := range terms {
			exps := 0
			expr.Any(term, func(n expr.Expr) bool {
				switch n := n.(type) {
				case *expr.Pow:
					if c, ok := n.Base.(*expr.Call); ok && c.Fn == "exp" && !expr.IsNum(n.Exp, big.NewRat(-1, 1)) {
						assert.Fail(t, "an exponential to a power", "%s in %s from %s", expr.String(n), expr.String(out), src)
					}
					if b, ok := n.Base.(*expr.Num); ok && !n.Exp.(*expr.Num).Val.IsInt() {
						w, _ := perfectPart(b.Val.Num(), n.Exp.(*expr.Num).Val.Denom())
						assert.Equal(t, int64(1), w.Int64(), "a perfect power under a root: %s from %s", expr.String(out), src)
					}
				case *expr.Call:
					if n.Fn == "exp" {
						exps++
					}
				}
				return false
			})
			assert.LessOrEqual(t, exps, 1, "one exponential per term: %s from %s", expr.String(out), src)
		}
	}
}

// The moments line joins the exponentials of a product with the
// argument in textbook form, and leaves exp(c)/exp(c) to the rule that
// cancels a common factor.
func TestExpProduct(t *testing.T) {
	ctx := testCtx(t)
	for in, want := range map[string]string{
		"exp(v)*exp(v)":         "exp(2*v)",
		"m*exp(v)/exp(k)":       "m*exp(v - k)",
		"exp(v)^2*exp(-w/2)*s":  "exp(2*v - 1/2*w)*s",
		"exp(v)*exp(s*w + w/2)": "exp(s*w + v + 1/2*w)",
	} {
		e, _, err := ctx.Types.Check(expr.MustParse(in), nil, expr.Pos{})
		require.NoError(t, err, in)
		out, _, ok := ExpProduct.Get().Apply(e, ctx)
		require.True(t, ok, in)
		assert.Equal(t, want, expr.String(out), in)
	}
	_, _, ok := ExpProduct.Get().Apply(expr.MustParse("s*exp(v)/exp(v)"), ctx)
	assert.False(t, ok)
}

// A square factor comes out of a root: a number's square part and an
// even power of a positive; a power of a name of unknown sign stays.
func TestRootOfSquareFactor(t *testing.T) {
	ctx := testCtx(t)
	for in, want := range map[string]string{
		"sqrt(4*s/pi)":   "2*sqrt(s/pi)",
		"sqrt(8*v)":      "2*sqrt(2*v)",
		"sqrt(2*s^2/pi)": "s*sqrt(2/pi)",
		"sqrt(9/4*w)":    "3/2*sqrt(w)",
		"sqrt(4*s^2)":    "2*s",
	} {
		e, _, err := ctx.Types.Check(expr.MustParse(in), nil, expr.Pos{})
		require.NoError(t, err, in)
		out, _, ok := rootFactors.Get().Apply(e, ctx)
		require.True(t, ok, in)
		assert.Equal(t, want, expr.String(out), in)
	}
	for _, in := range []string{"sqrt(2*m^2)", "sqrt(2*pi*s)", "sqrt(3*k)"} {
		_, _, ok := rootFactors.Get().Apply(expr.MustParse(in), ctx)
		assert.False(t, ok, in)
	}
}
