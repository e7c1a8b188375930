package expr

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mathext"
)

// Under a Beta with a shape below 1 the density grows without bound at
// that end, and the double-exponential rule's nodes come within 1e-300
// of it, x near 0 exactly and x near 1 through its distance 1 − x. The
// expectations of log x, log(1 − x), log q(x) for a q of the same kind,
// and the entropy must come out with a finite error estimate that covers
// the closed form (written here with this package's ψ), compiled and by
// the tree walk alike. At the far end of a shape above 1 the density
// underflows while log(1 − x) is zero only within its estimate; that
// product is zero, not the NaN of −∞ ± ∞ in log space.
func TestBetaSingularEnds(t *testing.T) {
	f := mustFile(t, "p(x) = Beta(x; a, b)\nq(x) = Beta(x; c, d)\n")
	defer func() { compileLoops = true }()
	shapes := [][4]float64{
		{3, 0.2156, 2.5, 0.4}, {0.3, 0.2, 0.7, 0.05}, {0.05, 4, 0.2, 0.9}, {1.098, 0.2154, 0.9502, 2.219},
		{0.5, 0.5, 2, 2}, {6, 0.1, 0.1, 6}, {2, 2, 0.3, 0.3},
	}
	for _, s := range shapes {
		a, b, c, d := s[0], s[1], s[2], s[3]
		env := envOf(f, map[string]float64{"a": a, "b": b, "c": c, "d": d})
		logX, log1mX := digamma(a)-digamma(a+b), digamma(b)-digamma(a+b)
		want := map[string]float64{
			"E(x ~ p, log(x))":     logX,
			"E(x ~ p, log(1 - x))": log1mX,
			"E(x ~ p, log(q(x)))":  (c-1)*logX + (d-1)*log1mX - mathext.Lbeta(c, d),
			"H(p)":                 mathext.Lbeta(a, b) - (a-1)*logX - (b-1)*log1mX,
		}
		for src, w := range want {
			for _, compiled := range []bool{true, false} {
				compileLoops = compiled
				got, err := EvalErr(MustParse(src), env)
				require.NoError(t, err, "%s at %v", src, s)
				assert.Less(t, got.Err, 1e-9*max(1, math.Abs(w)), "%s at %v: the error estimate", src, s)
				assert.InDelta(t, w, got.V, got.Err+1e-13*max(1, math.Abs(w)), "%s at %v, compiled %v", src, s, compiled)
			}
		}
	}
}
