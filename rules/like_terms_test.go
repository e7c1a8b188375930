package rules

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// everywhere applies r at every node, bottom up, as the engine's walk
// would.
func everywhere(r *Rule, e expr.Expr, ctx *Context) expr.Expr {
	kids := expr.Children(e)
	for i, k := range kids {
		kids[i] = everywhere(r, k, ctx)
	}
	if len(kids) > 0 {
		e = expr.WithChildren(e, kids)
	}
	if out, _, ok := r.Apply(e, ctx); ok {
		return out
	}
	return e
}

func likeTermsEverywhere(e expr.Expr, ctx *Context) expr.Expr {
	return everywhere(LikeTerms.Get(), e, ctx)
}

// Like terms inside a term collect, whatever the names, constants and
// signs, and in either order; a sum with nothing alike is left as it is,
// and a sum term is opened only when it has a like term outside it.
func TestLikeTermsVariants(t *testing.T) {
	ctx := testCtx(t)
	for in, want := range map[string]string{
		"log(m + exp(v) - (m - 1))":            "log(exp(v) + 1)",
		"log(exp(v) + w - (w - 1))":            "log(exp(v) + 1)",
		"log(-(k - 1) + k + exp(v))":           "log(1 + exp(v))",
		"1/(b + c - (b - 2))":                  "1/(c + 2)",
		"(3 - (m - 1))^2":                      "(4 - m)^2",
		"(-5 - (k + 2))^2":                     "(-7 - k)^2",
		"(-m - 2*m)^2":                         "9*m^2",
		"(2*k - 3*k)^3":                        "-k^3",
		"(4*b - (1/2*m + 1/2*b))^2":            "1/4*(7*b - m)^2",
		"(1/3*k - (2/3 - 1/3*k))^2":            "4/9*(k - 1)^2",
		"(k/2 - (1/3 - k/2))^2":                "(k - 1/3)^2",
		"(2 - 2*(1 - c))*log(c)":               "2*c*log(c)",
		"(3 - 3*(1 - u))*log(u)":               "3*u*log(u)",
		"1/2*l*(m - 1 + m + exp(v))":           "1/2*l*(2*m - 1 + exp(v))",
		"sqrt(digamma(a) + 4 - digamma(a))":    "sqrt(4)",
		"(x - (m - 1))^2":                      "(x - (m - 1))^2",
		"(n - n*a)*log(1 - a)":                 "(n - n*a)*log(1 - a)",
		"log(m + m + 3*(a + b))":               "log(2*m + 3*(a + b))",
		"log(m + 3*(a + m))":                   "log(4*m + 3*a)",
		"exp(-(x - c)^2 + (x - c)^2 + w)":      "exp(w)",
		"log(gamma(a + 1) - gamma(a + 1) + v)": "log(v)",
	} {
		e, _, err := ctx.Types.Check(expr.MustParse(in), nil, expr.Pos{})
		require.NoError(t, err, in)
		out := likeTermsEverywhere(e, ctx)
		assert.Equal(t, expr.String(expr.MustParse(want)), expr.String(out), in)
	}
	// A sum at the top of a term is not this rule's: the moment and
	// expectation rules read those terms as they stand.
	top, _, _ := ctx.Types.Check(expr.MustParse("m + 1 - m"), nil, expr.Pos{})
	_, _, ok := LikeTerms.Get().Apply(top, ctx)
	assert.False(t, ok)
}

// genLikeArg writes a random sum of the shapes a substituted density or
// a moment puts inside a function or a power: names, numbers, exp and ψ
// of names, and sums with a number in front, often with like terms.
func genLikeArg(rng *rand.Rand, depth int) string {
	atoms := []string{"m", "k", "exp(v)", "digamma(s)", "s^2", "m*k", "2", "-3", "1/2"}
	coefs := []string{"", "2*", "-", "-2*", "1/2*", "3*"}
	n := 2 + rng.IntN(3)
	var ts []string
	for range n {
		c := coefs[rng.IntN(len(coefs))]
		if depth > 0 && rng.IntN(3) == 0 {
			ts = append(ts, c+"("+genLikeArg(rng, depth-1)+")")
			continue
		}
		ts = append(ts, c+atoms[rng.IntN(len(atoms))])
	}
	return strings.Join(ts, " + ")
}

// Collecting like terms keeps the value, leaves no two like terms in a
// collected sum, and a second pass changes nothing.
func TestLikeTermsKeepValue(t *testing.T) {
	ctx := testCtx(t)
	rng := rand.New(rand.NewPCG(11, 12))
	wraps := []string{"log(1 + (%s)^2)", "(%s)^2", "(%s)^3", "exp(-(%s)^2/4)", "s*(%s)", "sqrt(1 + (%s)^2)"}
	changed := 0
	for range 400 {
		arg := genLikeArg(rng, 2)
		src := strings.Replace(wraps[rng.IntN(len(wraps))], "%s", arg, 1)
		e, _, err := ctx.Types.Check(expr.MustParse(src), nil, expr.Pos{})
		require.NoError(t, err, src)
		out := likeTermsEverywhere(e, ctx)
		if !expr.Equal(out, e) {
			changed++
		}
		again := likeTermsEverywhere(out, ctx)
		assert.Equal(t, expr.String(out), expr.String(again), "not idempotent: %s", src)
		sameValue(t, rng, ctx, e, out, 4)
	}
	assert.Greater(t, changed, 100, "the grammar gives like terms often")
}
