package rules

import (
	"math/rand/v2"
	"sort"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A logarithm's terms whose cofactors sum to a multiple of its argument
// read as one term, weight times logarithm; a logarithm whose cofactors
// share that weight joins it.
func TestPresentWeightsALogarithmByItsArgument(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true}}
	for _, c := range []struct{ in, want string }{
		{"2*log(1 + s) + 2*s*log(1 + s)", "2*(1 + s)*log(1 + s)"},
		// A Bernoulli's entropy-like terms join over the weight 1 - r.
		{"r*log(r) - r*log(q) + log(1 - r) - r*log(1 - r) - log(1 - q) + r*log(1 - q)",
			"r*log(r/q) + (1 - r)*log((1 - r)/(1 - q))"},
		// A polynomial multiple of the weight keeps its own factor.
		{"(b - 1)*(1 + s)*log(1 + s)", "(b - 1)*(1 + s)*log(1 + s)"},
		// Over a shared denominator, as a uniform's log moments give.
		{"(2*(1 - v)*log(1 - v) - 2*(1 - u)*log(1 - u))/(v - u)",
			"2*((1 - v)*log(1 - v) - (1 - u)*log(1 - u))/(v - u)"},
		// A cofactor that is not a multiple of the argument is left to
		// the other collections: no weight appears.
		{"log(1 + s) + 2*s*log(1 + s)", "(2*s + 1)*log(1 + s)"},
	} {
		n, ok := Normalize(expr.MustParse(c.in), ctx)
		require.True(t, ok, c.in)
		assert.Equal(t, c.want, expr.String(Present(n, ctx)), c.in)
	}
}

// genWeightedLogs writes sums of c·Q·W·log(W)/D, which the normal form
// expands into monomials: W a sum of positive names and numbers, Q a
// number, a name or a sum, D an optional monomial denominator (over a
// sum, the normal form keeps a reciprocal whole). s and v are
// positive, a and b real. Each logarithm is weighted by its own
// argument, so the presentation has no two logarithms with one cofactor
// to join (joined logarithms of sums are another matter).
func genWeightedLogs(rng *rand.Rand) string {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	weights := []string{"(1 + s)", "(s + v)", "(2 + v)", "(1 + 2*s)"}
	cofs := []string{"1", "-2", "1/2", "a", "(a - 1)", "(b + 2*a)", "s"}
	var ts []string
	for range 1 + rng.IntN(4) {
		w := pick(weights)
		t := pick(cofs) + "*" + w + "*log" + w
		if rng.IntN(3) == 0 {
			t += "/" + pick([]string{"s", "(2*v)", "v^2"})
		}
		ts = append(ts, t)
	}
	return strings.Join(ts, " + ")
}

// Exact division undoes a product, and a quotient it reports times the
// divisor is the dividend.
func TestQuotientUndoesAProduct(t *testing.T) {
	ctx := &Context{}
	n := &normalizer{ctx: ctx}
	rng := rand.New(rand.NewPCG(5, 6))
	gen := func() string {
		terms := []string{"1", "-2", "a", "b^2", "3*a*b", "-c", "1/2*a^2", "c*b"}
		var ts []string
		for range 1 + rng.IntN(3) {
			ts = append(ts, terms[rng.IntN(len(terms))])
		}
		return strings.Join(ts, " + ")
	}
	for range 300 {
		ps, ds := gen(), gen()
		p, d := n.poly(expr.MustParse(ps)), n.collect(n.poly(expr.MustParse(ds)))
		if len(d) == 0 {
			continue
		}
		prod := n.mul(p, d)
		q, ok := n.quotient(prod, d)
		require.True(t, ok, "(%s)·(%s) / (%s)", ps, ds, ds)
		assert.Equal(t, monomials(p), monomials(q), "(%s)·(%s) / (%s)", ps, ds, ds)
		// Off by one monomial the division is exact only where that
		// monomial is itself a multiple; whatever is reported must
		// multiply back.
		off := n.collect(append(append(poly(nil), prod...), n.poly(expr.MustParse("a*c^3"))...))
		if q, ok := n.quotient(off, d); ok {
			assert.Equal(t, monomials(off), monomials(n.mul(q, d)), "(%s) / (%s)", expr.String(off.expr()), ds)
		}
	}
}

// monomials is a polynomial as its sorted coefficient–monomial pairs,
// whatever order its terms and factors come in.
func monomials(p poly) []string {
	var out []string
	for _, t := range p {
		if t.coef.Sign() != 0 {
			out = append(out, t.coef.RatString()+" "+t.key())
		}
	}
	sort.Strings(out)
	return out
}
