package rules

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

// Generated sums of terms c·(monomial)·f(…) for special functions and
// logarithms f: the textbook form keeps the value, and writes each ψ
// factor once.
func TestCollectByFactorGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 1))
	ctx := &Context{Positive: map[string]bool{"a": true, "b": true, "s": true}}
	heads := []string{"digamma(a)", "digamma(a + b)", "digamma(1)", "log(b)", "log(s)", "log(gamma(a))", "erf(c)"}
	monos := []string{"1", "a", "b", "c", "a*b", "a^2", "c*s"}
	for n := 0; n < 300; n++ {
		var terms []string
		for k := 1 + rng.IntN(6); k > 0; k-- {
			coef := fmt.Sprintf("%d/%d", rng.IntN(7)-3, 1+rng.IntN(2))
			terms = append(terms, coef+"*"+monos[rng.IntN(len(monos))]+"*"+heads[rng.IntN(len(heads))])
		}
		if rng.IntN(2) == 0 {
			terms = append(terms, monos[rng.IntN(len(monos))])
		}
		in := expr.MustParse(strings.Join(terms, " + "))
		norm, ok := Normalize(in, ctx)
		require.True(t, ok)
		out := Present(norm, ctx)
		for _, h := range []string{"digamma(a)", "digamma(a + b)", "digamma(1)"} {
			assert.LessOrEqual(t, strings.Count(expr.String(out), h), 1, "%s → %s", expr.String(in), expr.String(out))
		}
		for i := 0; i < 4; i++ {
			env := &expr.Env{Vals: map[string]float64{
				"a": expr.Positive.Draw(rng), "b": expr.Positive.Draw(rng), "s": expr.Positive.Draw(rng), "c": expr.Real.Draw(rng)}}
			want, err := expr.Eval(in, env)
			require.NoError(t, err)
			got, err := expr.Eval(out, env)
			require.NoError(t, err, expr.String(out))
			assert.InDelta(t, want, got, 1e-9*math.Max(1, math.Abs(want)), "%s → %s", expr.String(in), expr.String(out))
		}
	}
}

// A logarithm over a square root inside a function's argument,
// erf(log(m)/sqrt(2*v) - mu/sqrt(2*v)), keeps its denominator: the
// cofactor of the logarithm was looked up among the terms before the
// square root was written whole, found nowhere, and dropped.
func TestPresentKeepsTheCofactorOfALogarithm(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"m": true, "v": true, "s": true}}
	env := &expr.Env{Vals: map[string]float64{"m": 0.67, "v": 0.86, "mu": 1.1, "s": 0.74}}
	for _, src := range []string{
		"erf(log(m)/sqrt(2*v) - mu/sqrt(2*v))",
		"m*erf(log(m)/sqrt(2*v) - mu/sqrt(2*v))/s - exp(mu + v/2)*erf(log(m)/sqrt(2*v) - mu/sqrt(2*v) - sqrt(v/2))/s",
		"log(2)/sqrt(v) + log(pi)/sqrt(v)",
	} {
		in := expr.MustParse(src)
		norm, ok := Normalize(in, ctx)
		require.True(t, ok, src)
		out := Present(norm, ctx)
		want, err := expr.Eval(in, env)
		require.NoError(t, err)
		got, err := expr.Eval(out, env)
		require.NoError(t, err, expr.String(out))
		assert.InDelta(t, want, got, 1e-12*math.Max(1, math.Abs(want)), "%s → %s", src, expr.String(out))
	}
}
