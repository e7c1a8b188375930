package derive

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A discrete goal in closed form ends in textbook form as a continuous
// one does: the log of a reciprocal is a negated log, logarithms with a
// common factor are joined (b·log(b) + b·log(3a) is b·log(3ab)), and
// the log of an exponential is its exponent. The problems are
// generated: Poisson, Geometric and Bernoulli parameters that are
// reciprocals, exponentials and quotients of other names, in both
// directions and as cross-entropies.
func TestDiscreteTextbookForm(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 13))
	derived := 0
	for range 6 {
		k := 2 + rng.IntN(5)
		a, b := []string{"a", "u", "lam"}[rng.IntN(3)], []string{"b", "m", "nu"}[rng.IntN(3)]
		rates := []string{fmt.Sprintf("1/(%d*%s)", k, a), fmt.Sprintf("exp(-%s)", a), fmt.Sprintf("%s/%d", a, k)}
		probs := []string{fmt.Sprintf("1/(%d*%s + 1)", k, a), fmt.Sprintf("exp(-%s)", a), fmt.Sprintf("%s/(%s + 1)", a, a)}
		src := fmt.Sprintf("assume %s > 0\nassume %s > 0\np(x) = Poisson(x; %s)\nq(x) = Poisson(x; %s)\ng(x) = Geometric(x; %s)\nw(x) = Bernoulli(x; %s)\nv(x) = Bernoulli(x; 1/(1 + exp(-%s)))\n"+
			"derive KL(p || q), KL(q || p), H(g), KL(w || v), KL(v || w), H(w, v), H(v, w)\n",
			a, b, b, rates[rng.IntN(len(rates))], probs[rng.IntN(len(probs))], probs[rng.IntN(len(probs))], b)
		p := load(t, src)
		for _, g := range p.File.Goals {
			d, err := Derive(p, g, DefaultOptions)
			require.NoError(t, err, "%s\n%s", expr.String(g.Info), src)
			derived++
			shown := expr.Format(d.Result, expr.Unicode)
			for _, what := range logArtefacts(d.Result) {
				assert.Fail(t, "the result carries "+what, "%s = %s of\n%s", expr.String(g.Info), shown, src)
			}
			if g.Info.Kind == "KL" && g.Info.P == "p" {
				// b·log(b) − b·log(1/(3a)) is b·log(3ab): one logarithm.
				assert.Equal(t, 1, strings.Count(shown, "log("), "%s = %s of\n%s", expr.String(g.Info), shown, src)
			}
		}
	}
	assert.Equal(t, 42, derived)
}

// logArtefacts are the logarithms in e a textbook does not write: of a
// reciprocal, log(1/(3a)), and of an exponential, log(exp(-b)).
func logArtefacts(e expr.Expr) []string {
	var out []string
	expr.Any(e, func(n expr.Expr) bool {
		l, ok := n.(*expr.Call)
		if !ok || l.Fn != "log" || len(l.Args) != 1 {
			return false
		}
		switch a := l.Args[0].(type) {
		case *expr.Pow:
			if expr.IsInt(a.Exp, -1) {
				out = append(out, "the log of a reciprocal")
			}
		case *expr.Call:
			if a.Fn == "exp" {
				out = append(out, "the log of an exponential")
			}
		}
		return false
	})
	return out
}
