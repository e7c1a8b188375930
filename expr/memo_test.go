package expr

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A memo only saves work: every line evaluated through one must have the
// value, the estimate and the error it has alone, to the bit, whatever
// the lines before it left in the memo.

// memoLines are integrands in every kind of loop, so that one memo
// meets the same density at the same nodes many times, with and without
// the lines' expectations repeated.
func memoLines(bodies ...Expr) []Expr {
	var lines []Expr
	for _, b := range bodies {
		lines = append(lines, loops(b)...)
	}
	return lines
}

// sameThroughMemo evaluates lines alone, then in order and in reverse
// order through one memo, which is then reset to a second environment.
// The two share their densities, as the points of a derivation do, so
// that the memo keeps its compiled loops for the second.
func sameThroughMemo(t *testing.T, lines []Expr, env, other *Env) {
	t.Helper()
	other.Dens = env.Dens
	memo := NewMemo(env)
	reversed := slices.Clone(lines)
	slices.Reverse(reversed)
	for _, order := range [][]Expr{lines, reversed} {
		for _, e := range order {
			sameOutcome(t, e, env, memo)
		}
	}
	memo.Reset(other)
	for _, e := range lines {
		sameOutcome(t, e, other, memo)
	}
}

func sameOutcome(t *testing.T, e Expr, env *Env, memo *Memo) {
	t.Helper()
	v1, err1 := EvalErr(e, env)
	v2, err2 := memo.EvalErr(e)
	what := String(e)
	if err1 != nil || err2 != nil {
		require.Error(t, err1, what)
		require.Error(t, err2, what)
		assert.Equal(t, err1.Error(), err2.Error(), what)
		return
	}
	assert.True(t, same(v1.V, v2.V) && same(v1.Err, v2.Err), "%s: alone %v, through the memo %v", what, v1, v2)
}

func TestMemoSpecialCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var bodies []Expr
	for _, src := range []string{
		"log(g(x)) - log(n(x))", "log(g(x))", "x", "log(x)", "log(be(x))", "log(1 - x)",
		"E(y ~ r, y^2)", "r(x + 1)", "log(r(x))", "E(y ~ n, x*y)", "log(f(x)) - log(g(x))",
		"I(g)", "x*I(po)", "log(po(x))", "log(Gamma(x; a, b - 1))", "sum(d in 1..3, x^d/d)",
		"sum(d in 1..2, r(d))", "sum(d in 1..2, log(r(d)))",
	} {
		bodies = append(bodies, MustParse(src))
	}
	lines := memoLines(bodies...)
	// The definition of a KL and its first line, and expectations nested
	// in sums and in each other, which the memo must not keep.
	lines = append(lines,
		&Info{Kind: "KL", P: "g", Q: "n"}, MustParse("E(x ~ g, log(g(x)) - log(n(x)))"),
		&Info{Kind: "H", P: "be"}, &Info{Kind: "KL", P: "n", Q: "f"},
		MustParse("sum(d in 1..3, E(x ~ g, x^d))"), MustParse("E(x ~ g, E(y ~ r, y^2))"),
		MustParse("E(x ~ n, x*E(y ~ r, y))"), MustParse("E(x ~ g, log(x)) + 2*E(x ~ g, log(x))"))
	sameThroughMemo(t, lines, loopEnv(t, rng), loopEnv(t, rng))
}

func TestMemoGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	n := 40
	if testing.Short() {
		n = 10
	}
	var bodies []Expr
	for range n {
		bodies = append(bodies, randomIntegrand(rng, 4))
	}
	sameThroughMemo(t, memoLines(bodies...), loopEnv(t, rng), loopEnv(t, rng))
}

// What the memo keeps: a KL's definition and its first line are one
// entry, and the densities' tables fill at the nodes of the integrals
// over their supports.
func TestMemoKeeps(t *testing.T) {
	env := loopEnv(t, rand.New(rand.NewPCG(13, 14)))
	memo := NewMemo(env)
	_, err := memo.EvalErr(&Info{Kind: "KL", P: "g", Q: "be"})
	require.Error(t, err) // a Beta is zero beyond 1, where the Gamma is not
	var lines []Expr
	for _, src := range []string{"KL(g || g)", "E(x ~ g, log(g(x)) - log(g(x)))", "E(x ~ g, x)", "E(x ~ f, x^2)", "E(x ~ n, x^2)"} {
		e := MustParse(src)
		_, err := memo.EvalErr(e)
		require.NoError(t, err, src)
		lines = append(lines, e)
	}
	assert.Len(t, memo.expects, 5)
	assert.Positive(t, memo.dens["g"].len())
	assert.Positive(t, memo.logs["g"].len())
	assert.Positive(t, len(memo.degrees))
	memo.Reset(env)
	assert.Empty(t, memo.expects)
	assert.Zero(t, memo.dens["g"].len())
	assert.NotEmpty(t, memo.loops, "the same densities: the compiled loops are kept")
	// The same trees at the next point find their loops and degrees:
	// none is compiled or read again.
	loops, degrees := len(memo.loops), len(memo.degrees)
	for _, e := range lines {
		_, err := memo.EvalErr(e)
		require.NoError(t, err, String(e))
	}
	assert.Equal(t, loops, len(memo.loops))
	assert.Equal(t, degrees, len(memo.degrees))
	// An integral, which the memo does not hold, written again in another
	// tree (a later link of a document) takes the same loop.
	for _, src := range []string{"int(x in 0..1, x^2*a)", "int(x in 0..1, x^2*a)", "int(x, exp(-x^2*b))", "int(x, exp(-x^2*b))"} {
		_, err := memo.EvalErr(MustParse(src))
		require.NoError(t, err, src)
	}
	assert.Equal(t, loops+2, len(memo.loops))
	memo.Reset(loopEnv(t, rand.New(rand.NewPCG(15, 16))))
	assert.Empty(t, memo.loops, "other densities: the loops are compiled again")
	assert.Empty(t, memo.degrees, "other densities: the degrees are read again")
}

// A loop kept from one point reads the next point's parameters: its
// hoisted sub-terms, a sum's range and its fallbacks are computed again.
func TestMemoLoopsAcrossPoints(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 18))
	var lines []Expr
	for _, src := range []string{
		"log(g(x)) - log(n(x))", "x*a + log(b)*x^2", "sum(d in 1..D, x^d/d)", "E(y ~ r, y^2)",
		"log(Gamma(x; a, b - 1))", "KL(g || g)", "exp(-x*c)*log(1 + a)",
	} {
		lines = append(lines, loops(MustParse(src))...)
	}
	first := loopEnv(t, rng)
	memo := NewMemo(first)
	for i := range 6 {
		env := loopEnv(t, rng)
		env.Dens = first.Dens
		env.Vals["D"] = float64(1 + i%3)
		memo.Reset(env)
		for _, e := range lines {
			sameOutcome(t, e, env, memo)
		}
	}
	assert.NotEmpty(t, memo.loops)
}

// A density whose parameter a sum binds: its values at the nodes of one
// term are not those of the next.
func TestMemoBoundParameter(t *testing.T) {
	f := mustFile(t, "h(y | s) = Gamma(y; s, b)\n")
	env := envOf(f, map[string]float64{"b": 1.3})
	other := envOf(f, map[string]float64{"b": 0.7})
	sameThroughMemo(t, []Expr{
		MustParse("sum(s in 1..3, E(y ~ h, log(h(y))))"), MustParse("sum(s in 1..3, E(y ~ h, y))"),
		MustParse("sum(s in 1..2, s*E(y ~ h, log(y)))"),
	}, env, other)
}
