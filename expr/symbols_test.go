package expr

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Symbols lists the free names in order of first use, each once, leaving
// out what a binder binds inside it (but not outside it), and nothing
// for a tree without names; AllSymbols yields the same names.
func TestSymbols(t *testing.T) {
	x, y, a, b := S("x"), S("y"), S("a"), S("b")
	many := make([]Expr, 20) // past the sixteen names a walk looks through
	var names []string
	for i := range many {
		names = append(names, fmt.Sprintf("s%d", i))
		many[i] = Prod(S(names[i]), S(names[i/2]))
	}
	cases := []struct {
		e    Expr
		want []string
	}{
		{N(3), nil},
		{Sum(b, Prod(a, x), b), []string{"b", "a", "x"}},
		{&Expect{Var: x, Dist: "p", Body: Prod(a, x)}, []string{"a"}},
		{Sum(x, &Expect{Var: x, Dist: "p", Body: Prod(a, x)}), []string{"x", "a"}},
		{Sum(&Expect{Var: x, Dist: "p", Body: Prod(a, x)}, x), []string{"a", "x"}},
		{&Integral{Var: y, Lo: a, Hi: x, Body: Prod(y, b)}, []string{"a", "x", "b"}},
		{&Big{Op: "sum", Index: "k", Lo: N(1), Hi: S("n"), Body: Prod(S("k"), &Expect{Var: x, Dist: "p", Body: Sum(x, S("k"), y)})}, []string{"n", "y"}},
		{Sum(many...), names},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, Symbols(c.e), "%s", String(c.e))
		assert.Equal(t, c.want, slices.Collect(AllSymbols(c.e)), "%s", String(c.e))
	}
}

// AllSymbols yields what Symbols lists on random trees, stops when the
// loop stops, and may be used inside its own loop: each walk is its own.
func TestAllSymbolsAgreesWithSymbols(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 6))
	for range 500 {
		e := Sum(randomIntegrand(rng, 4), &Expect{Var: S("x"), Dist: "p", Body: randomIntegrand(rng, 3)}, S(fmt.Sprintf("z%d", rng.IntN(3))))
		want := Symbols(e)
		require.Equal(t, want, slices.Collect(AllSymbols(e)))
		var firstTwo, nested []string
		for s := range AllSymbols(e) {
			if len(firstTwo) == 2 {
				break
			}
			firstTwo = append(firstTwo, s)
			nested = slices.Collect(AllSymbols(e))
		}
		require.Equal(t, want[:min(2, len(want))], firstTwo)
		require.Equal(t, want, nested)
		require.Equal(t, want, Symbols(e), "the pooled walk starts clean")
	}
}
