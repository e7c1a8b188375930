package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Compound parameters, generated, for every continuous family on a
// fixed support, both directions, entropies and cross-entropies: each
// derivation verifies (against direct integration too), keeps no
// expectation, and equals the derivation with plain parameters after
// the compound ones are put in its result. Beta is not among them yet:
// with a compound shape below 1 or above 2 the quadrature's estimate at
// the upper end (E[log(1 - x)], log p(x) where x rounds to 1) is NaN or
// the integrand infinite, and the derivation is reported not verified
// (never shown as verified); that is the evaluator's to fix.
func TestCompoundParameters(t *testing.T) {
	families := []struct {
		name  string
		kinds []byte // 'p' positive, 'r' real, per parameter
	}{
		{"Normal", []byte("rp")}, {"Exponential", []byte("p")}, {"Gamma", []byte("pp")},
		{"Laplace", []byte("rp")}, {"LogNormal", []byte("rp")}, {"HalfNormal", []byte("p")},
	}
	positive := []string{"a + 1", "exp(c)", "2*a", "a^2", "1/a", "a*b + 1/2"}
	reals := []string{"c - 1", "2*c", "a + c", "-c"}
	rng := rand.New(rand.NewPCG(21, 4))
	for _, f := range families {
		for range 2 {
			var plainP, plainQ, compound []string
			subst := map[string]string{}
			for i, k := range f.kinds {
				pn, qn := fmt.Sprintf("u_%d", i+1), fmt.Sprintf("w_%d", i+1)
				plainP, plainQ = append(plainP, pn), append(plainQ, qn)
				c := positive[rng.IntN(len(positive))]
				if k == 'r' {
					c = reals[rng.IntN(len(reals))]
				}
				compound = append(compound, c)
				subst[pn] = c
			}
			call := func(args []string) string { return f.name + "(x; " + strings.Join(args, ", ") + ")" }
			goals := "derive KL(p || q), KL(q || p), H(p), H(p, q)\n"
			src := "p(x) = " + call(compound) + "\nq(x) = " + call(plainQ) + "\n" + goals
			plain := "p(x) = " + call(plainP) + "\nq(x) = " + call(plainQ) + "\n" + goals
			t.Run(src, func(t *testing.T) {
				ds, refs := deriveAll(t, src), deriveAll(t, plain)
				require.Len(t, ds, 4)
				for k, d := range ds {
					assert.True(t, d.Verification.Direct, "%s: not checked against direct integration", expr.String(d.Result))
					assert.False(t, expr.Any(d.Result, func(n expr.Expr) bool { _, ok := n.(*expr.Expect); return ok }),
						"%s keeps an expectation", expr.String(d.Result))
					want := refs[k].Result
					for name, c := range subst {
						want = expr.Replace(want, expr.S(name), expr.MustParse("("+c+")"))
					}
					for range 6 {
						env := &expr.Env{Vals: map[string]float64{"a": 0.4 + rng.Float64(), "b": 0.4 + rng.Float64(), "c": rng.Float64() - 0.5}}
						for i := range f.kinds {
							env.Vals[fmt.Sprintf("w_%d", i+1)] = 0.5 + 1.5*rng.Float64()
						}
						got, err := expr.Eval(d.Result, env)
						require.NoError(t, err, expr.String(d.Result))
						w, err := expr.Eval(want, env)
						require.NoError(t, err, expr.String(want))
						assert.InDelta(t, w, got, 1e-9*math.Max(1, math.Abs(w)), "%s against %s at %v", expr.String(d.Result), expr.String(want), env.Vals)
					}
				}
			})
		}
	}
}
