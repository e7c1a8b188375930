package rules

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// testCtx is the context the worked examples are written against.
func testCtx(t *testing.T) *Context {
	t.Helper()
	f, err := expr.ParseFile("ctx.kl", `p(x) = Normal(x; m, v)
q(x) = Normal(x; k, w)
r(z) = prod(d in 1..D, Normal(z[d]; mu[d], t[d]))
`)
	require.NoError(t, err)
	ctx := &Context{Densities: map[string]*expr.Density{}, Positive: map[string]bool{}}
	for _, d := range f.Densities {
		ctx.Densities[d.Name] = d
	}
	for _, s := range []string{"s", "v", "w", "t", "a", "b"} {
		ctx.Positive[s] = true
	}
	return ctx
}

// randomEnv binds every symbol the examples use: positive ones in
// [0.3, 3], others in [-2, 2], vectors of length D = 2.
func randomEnv(rng *rand.Rand, ctx *Context) *expr.Env {
	env := &expr.Env{Vals: map[string]float64{"D": 2, "d": float64(1 + rng.IntN(2))}, Vecs: map[string][]float64{}, Dens: ctx.Densities}
	draw := func(name string) float64 {
		if ctx.Positive[name] {
			return 0.3 + 2.7*rng.Float64()
		}
		return -2 + 4*rng.Float64()
	}
	for _, s := range []string{"s", "v", "w", "a", "b", "m", "k", "c", "u", "x", "y", "n", "f", "g"} {
		env.Vals[s] = draw(s)
	}
	for _, s := range []string{"mu", "t", "u", "c"} {
		env.Vecs[s] = []float64{draw(s), draw(s)}
	}
	return env
}

// workedExamples pins what each rule makes of its own example.
var workedExamples = map[string]string{
	"kl-definition":                    "E(x ~ p, log(p(x)) - log(q(x)))",
	"entropy-definition":               "-E(x ~ p, log(p(x)))",
	"cross-entropy-definition":         "-E(x ~ p, log(q(x)))",
	"density-definition":               "Normal(x; m, v)",
	"normal-density":                   "exp(-(y - 1)^2/(2*s))/sqrt(2*pi*s)",
	"log-quotient":                     "log(exp(u)) - log(sqrt(s))",
	"log-reciprocal":                   "-log(s)",
	"log-product":                      "log(2) + log(pi*s)",
	"log-power":                        "2*log(s)",
	"log-sqrt":                         "1/2*log(2*pi*s)",
	"log-exp":                          "-1/2*(x - m)^2",
	"log-one":                          "0",
	"log-of-product-over-index":        "sum(d in 1..D, log(exp(u[d])))",
	"negate-sum":                       "-x - (y + 1)",
	"expectation-of-sum":               "E(x ~ p, x) + E(x ~ p, x^2 + 1)",
	"expectation-of-scaled":            "-E(x ~ p, (x - m)^2/(2*s))",
	"expectation-of-constant":          "log(2*pi*s)",
	"expectation-of-index-sum":         "sum(d in 1..D, E(z ~ r, z[d]^2))",
	"index-sum-of-sum":                 "sum(d in 1..D, mu[d]) + sum(d in 1..D, 1)",
	"index-sum-of-scaled":              "-1/2*sum(d in 1..D, mu[d])",
	"normal-mean":                      "m",
	"normal-second-moment":             "v + m^2",
	"normal-square-about":              "v + (m - c)^2",
	"normal-square-about-reversed":     "v + (m - c)^2",
	"coordinate-mean":                  "mu[d]",
	"coordinate-second-moment":         "t[d] + mu[d]^2",
	"coordinate-square-about":          "t[d] + (mu[d] - c[d])^2",
	"coordinate-square-about-reversed": "t[d] + (mu[d] - c[d])^2",
	"algebra":                          "1/2",
	"textbook-form":                    "log(s/t) + (a + b)/(2*s^2) - 1/2",
}

// Every rule rewrites its own worked example to the pinned result, and
// the two sides agree numerically at random admissible points.
func TestRulesWorkedExamples(t *testing.T) {
	ctx := testCtx(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range All() {
		t.Run(r.Name, func(t *testing.T) {
			require.NotEmpty(t, r.Example, "rule has no worked example")
			in := expr.MustParse(r.Example)
			out, _, ok := r.Apply(in, ctx)
			require.True(t, ok, "rule does not rewrite its example %s", r.Example)
			assert.Equal(t, workedExamples[r.Name], expr.String(out))
			for range 8 {
				env := randomEnv(rng, ctx)
				if r.Name == "textbook-form" {
					env.Vals["t"] = 0.3 + 2.7*rng.Float64()
				}
				a, err := expr.Eval(in, env)
				require.NoError(t, err)
				b, err := expr.Eval(out, env)
				require.NoError(t, err)
				assert.InDelta(t, a, b, 1e-8*math.Max(1, math.Abs(a)), "%s = %s at %v", r.Example, expr.String(out), env.Vals)
			}
		})
	}
	assert.Len(t, workedExamples, len(All()), "every rule has a pinned example and no pin is stale")
}

// The two sides of every pattern rule without binders agree at random
// values of its pattern variables; a wrong identity fails here before
// any derivation can use it.
func TestPatternRulesHoldNumerically(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, r := range All() {
		if r.Computed() || expr.Any(r.LHS, func(n expr.Expr) bool {
			switch n.(type) {
			case *expr.Expect, *expr.Big, *expr.Info:
				return true
			}
			return false
		}) {
			continue
		}
		pos := map[string]bool{}
		for _, c := range r.Conds {
			if p, ok := c.(positive); ok {
				for _, v := range p {
					pos[v] = true
				}
			}
		}
		checked := 0
		for range 16 {
			env := &expr.Env{Vals: map[string]float64{}}
			for v := range patternVars(r.LHS) {
				if pos[v] {
					env.Vals[v] = 0.2 + 3*rng.Float64()
				} else {
					env.Vals[v] = -2 + 4*rng.Float64()
				}
			}
			if v, ok := env.Vals["n"]; ok {
				env.Vals["n"] = math.Round(v)
			}
			a, err1 := expr.Eval(r.LHS, env)
			b, err2 := expr.Eval(r.RHS, env)
			require.NoError(t, err1, r.Name)
			require.NoError(t, err2, r.Name)
			assert.InDelta(t, a, b, 1e-9*math.Max(1, math.Abs(a)), "%s at %v", r.Name, env.Vals)
			checked++
		}
		assert.Equal(t, 16, checked, r.Name)
	}
}

// A rule whose right side uses a variable its left side does not bind is
// rejected when the table is built.
func TestRuleWithUnboundVariableIsRejected(t *testing.T) {
	assert.PanicsWithValue(t, "rule bad: right side uses b, which the left side does not bind", func() {
		rw("bad", "bad", "log(a)", "log(b)")
	})
}

func TestMatchingIsModuloCommutativity(t *testing.T) {
	ctx := testCtx(t)
	out, _, ok := Log[0].Apply(expr.MustParse("log(u*exp(x)/s)"), &Context{Positive: map[string]bool{"u": true, "s": true}})
	require.True(t, ok)
	assert.Equal(t, "log(u*exp(x)) - log(s)", expr.String(out))
	// A condition that fails keeps the rule from firing.
	_, _, ok = Log[2].Apply(expr.MustParse("log(m*s)"), ctx)
	assert.False(t, ok, "log-product must not split log(m*s) when m may be negative")
}

func TestNormalFormAndTextbookForm(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"sigma1": true, "sigma2": true, "sigma": true, "tau1": true, "tau2": true}}
	cases := []struct{ in, normal, textbook string }{
		{"-(sigma1^2 + (mu1 - mu1)^2)/(2*sigma1^2) + (sigma1^2 + (mu1 - mu2)^2)/(2*sigma2^2) + 1/2*log(2*pi*sigma2^2) - 1/2*log(2*pi*sigma1^2)",
			"-1/2 + sigma1^2/(2*sigma2^2) + (mu1 - mu2)^2/(2*sigma2^2) + log(sigma2) - log(sigma1)",
			"log(sigma2/sigma1) + (sigma1^2 + (mu1 - mu2)^2)/(2*sigma2^2) - 1/2"},
		{"-1/2 + 1/2*sigma^2 + 1/2*mu^2 - log(sigma)", "-1/2 + 1/2*sigma^2 + 1/2*mu^2 - log(sigma)",
			"-1/2*(1 + log(sigma^2) - mu^2 - sigma^2)"},
		{"-1/2 - 1/2*v + 1/2*m^2 + 1/2*exp(v)", "-1/2 - 1/2*v + 1/2*m^2 + 1/2*exp(v)",
			"-1/2*(1 + v - m^2 - exp(v))"},
		{"1/2*log(2*pi*sigma^2) + 1/2", "1/2*log(2) + 1/2*log(pi) + log(sigma) + 1/2", "1/2*(1 + log(2*pi*sigma^2))"},
		{"log(4) - 2*log(2)", "0", "0"},
	}
	for _, c := range cases {
		n, ok := Normalize(expr.MustParse(c.in), ctx)
		require.True(t, ok)
		assert.Equal(t, c.normal, expr.String(n), c.in)
		assert.Equal(t, c.textbook, expr.String(Present(n, ctx)), c.in)
	}
}

func TestCoefficients(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"s": true}}
	c, ok := Coefficients(expr.MustParse("log(exp(-(x - m)^2/(2*s^2))/sqrt(2*pi*s^2))"), "x", ctx)
	require.True(t, ok)
	assert.Equal(t, "-1/(2*s^2)", expr.String(c[2]))
	assert.Equal(t, "m/s^2", expr.String(c[1]))
	_, ok = Coefficients(expr.MustParse("log(x)"), "x", ctx)
	assert.False(t, ok)
}
