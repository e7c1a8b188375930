package expr

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mathext"
)

// A Beta whose shapes exceed 1 has a density that falls to zero at both
// ends, below 1e-280 at the outermost nodes, so log p(x) is taken by the
// careful path through the density's body. There the variable must keep
// its exact distance from 1: x itself rounds to 1, where log(1 − x) is
// −∞ and −log p(x) would be +∞ (H(p) failed with "log of a non-positive
// number" for b ≥ 2). Both the compiled loop and the tree walk are held
// to the closed form log B(a, b) − (a − 1)ψ(a) − (b − 1)ψ(b) +
// (a + b − 2)ψ(a + b), with this package's ψ (gonum's, and so distuv's
// entropy, is accurate to about 1e-10 only).
func TestBetaEntropyWhereTheDensityUnderflows(t *testing.T) {
	f := mustFile(t, "p(x) = Beta(x; a, b)\n")
	defer func() { compileLoops = true }()
	for _, ab := range [][2]float64{{1.6103, 1.992}, {2, 2}, {1.5, 3}, {3, 1.5}, {7, 2}, {2, 7}, {0.5, 2}, {40, 3}} {
		env := envOf(f, map[string]float64{"a": ab[0], "b": ab[1]})
		a, b := ab[0], ab[1]
		want := mathext.Lbeta(a, b) - (a-1)*digamma(a) - (b-1)*digamma(b) + (a+b-2)*digamma(a+b)
		for _, compiled := range []bool{true, false} {
			compileLoops = compiled
			got, err := EvalErr(MustParse("H(p)"), env)
			require.NoError(t, err, "a = %g, b = %g, compiled %v", ab[0], ab[1], compiled)
			assert.InDelta(t, want, got.V, 1e-12, "a = %g, b = %g, compiled %v", ab[0], ab[1], compiled)
			assert.Less(t, got.Err, 1e-9, "a = %g, b = %g: the error estimate", ab[0], ab[1])
			assert.InDelta(t, want, got.V, got.Err+1e-15, "a = %g, b = %g: within its estimate", ab[0], ab[1])
		}
	}
}

// Far in an Exponential's tail, log p(x) − log q(x) against a Laplace q
// on the other side of 0 is log 2 − 2x + 2(x + 1), whose terms cancel to
// a constant known only to within eps·x, far more than itself at
// x = 1e30. The weight underflows there, and the product is bounded by
// it times the body's bound: KL = log 2 + 2 with a small estimate, not
// ± ∞.
func TestCancellingBodyUnderUnderflowingWeight(t *testing.T) {
	f := mustFile(t, "p(x) = Exponential(x; 2)\nq(x) = Laplace(x; -1, 1/2)\n")
	env := envOf(f, map[string]float64{})
	defer func() { compileLoops = true }()
	for _, compiled := range []bool{true, false} {
		compileLoops = compiled
		got, err := EvalErr(MustParse("KL(p || q)"), env)
		require.NoError(t, err)
		assert.InDelta(t, math.Log(2)+2, got.V, 1e-13, "compiled %v", compiled)
		assert.Less(t, got.Err, 1e-12, "compiled %v: the error estimate", compiled)
	}
}
