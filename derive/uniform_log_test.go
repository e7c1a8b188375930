package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A uniform inside a Beta's (0, 1), or a Gamma's or a LogNormal's
// half-line, by assumption,
// strict or not, takes the logarithm's moments wherever the argument is
// ≥ 0 on its support: KL divergences and cross-entropies both ways
// where finite, and the entropy, for generated names and ends. A
// non-strict assumption admits its end, where the formula (a1·log a1)
// has no value: there it is its limit, said and checked. Each result
// agrees with direct integration at points that honour the assumptions.
func TestUniformLogMomentsUnderAssumptions(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 4))
	for range 18 {
		lo, hi := []string{"a1", "u"}[rng.IntN(2)], []string{"b1", "v"}[rng.IntN(2)]
		op := []string{">", ">="}[rng.IntN(2)]
		q := []string{"Beta(x; k1, k2)", "Gamma(x; k1, k2)", "LogNormal(x; k1, k2)"}[rng.IntN(3)]
		src := fmt.Sprintf("p(x) = Uniform(x; %s, %s)\nq(x) = %s\nassume %s %s 0\n", lo, hi, q, lo, op)
		if q[0] == 'B' {
			src += fmt.Sprintf("assume 1 %s %s\n", op, hi)
		}
		goal := []string{"KL(p || q)", "H(p, q)", "H(p)"}[rng.IntN(3)]
		src += "derive " + goal + "\n"
		p := load(t, src)
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		require.NoError(t, err, src)
		_, piecewise := d.Result.(*expr.Cases)
		require.False(t, piecewise, "%s: %s", src, expr.String(d.Result))
		if op == ">=" && goal != "H(p)" {
			assert.Contains(t, d.Verification.Limits, "the limit of the result agrees with direct integration", src)
			assert.Contains(t, d.Steps[len(d.Steps)-1].Title, ", its limit)", src)
		}
		for _, env := range p.SamplePoints(8, 5, d.Start, d.Result) {
			direct, err := expr.EvalErr(d.Start, env)
			require.NoError(t, err, src)
			got := mustEval(t, d.Result, env)
			assert.InDelta(t, direct.V, got, 1e-8*math.Max(1, math.Abs(direct.V))+direct.Err, "%s at %v", src, env.Vals)
		}
	}
}

// A uniform whose lower end is 0 itself takes the logarithm's moments,
// its first and its second about a point: 0·log 0 and 0·log² 0 fold to 0
// as the rule's right side is built. KL(Uniform(0, 1) ‖ LogNormal(m, s))
// is log(2πs)/2 + (2 + 2m + m²)/(2s) − 1, from E[log x] = −1 and
// E[log² x] = 2.
func TestUniformFromZeroAgainstLogNormal(t *testing.T) {
	p := load(t, "p(x) = Uniform(x; 0, 1)\nq(x) = LogNormal(x; m, s)\nderive KL(p || q)\n")
	d, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.NoError(t, err)
	want := expr.MustParse("log(2*pi*s)/2 + (2 + 2*m + m^2)/(2*s) - 1")
	for _, env := range p.SamplePoints(8, 2, d.Result) {
		w := mustEval(t, want, env)
		assert.InDelta(t, w, mustEval(t, d.Result, env), 1e-12*math.Max(1, math.Abs(w)), "at %v", env.Vals)
	}
}

// Under Uniform(0, 1) the nodes near 1 are bound with their distance
// from it, as under a Beta, so that log(1 − x) of a Beta q keeps its
// digits: from x alone, 1 − x had an error estimate as large as itself
// and the integral one of +Inf, and the step was not verified.
func TestUniformNearItsUpperEnd(t *testing.T) {
	p := load(t, "f(x) = Uniform(x; 0, 1)\nq(x) = Beta(x; r^2 + 1, exp(r))\nderive KL(f || q)\n")
	d, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.NoError(t, err)
	assert.True(t, d.Verification.Direct)
	env := &expr.Env{Vals: map[string]float64{"r": 1.023}, Dens: p.Ctx.Densities}
	v, err := expr.EvalErr(expr.MustParse("E(x ~ f, -log(x^(r^2)*(1 - x)^(exp(r) - 1)/beta(r^2 + 1, exp(r))))"), env)
	require.NoError(t, err)
	lb, _ := math.Lgamma(1.023*1.023 + 1)
	lc, _ := math.Lgamma(math.Exp(1.023))
	ld, _ := math.Lgamma(1.023*1.023 + 1 + math.Exp(1.023))
	want := 1.023*1.023 + math.Exp(1.023) - 1 + lb + lc - ld
	assert.InDelta(t, want, v.V, 1e-12)
	assert.Less(t, v.Err, 1e-10)
}
