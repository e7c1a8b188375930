package expr

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/internal/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The compiled loops must compute what the tree walk computes: the same
// value, the same error estimate and the same error, to the bit. These
// tests evaluate integrands both ways, inside every kind of loop: the
// double-exponential rules over a support (with the Beta's distance from
// its upper end), Gauss–Hermite and the adaptive rule under a Normal, a
// bounded integral, a sum over a discrete support and a series.

// loopDensities are the densities the integrands are taken under.
const loopDensities = `g(x) = Gamma(x; a, b)
n(x) = Normal(x; c, a)
be(x) = Beta(x; a, b)
po(x) = Poisson(x; a)
f(x) = exp(-(x - c)^2/(2*a))/sqrt(2*pi*a)
r(y | x) = Normal(y; x, b)
`

// loops wraps an integrand in x into each kind of loop.
func loops(body Expr) []Expr {
	return []Expr{
		&Expect{Var: S("x"), Dist: "g", Body: body},
		&Expect{Var: S("x"), Dist: "n", Body: body},
		&Expect{Var: S("x"), Dist: "be", Body: body},
		&Expect{Var: S("x"), Dist: "po", Body: body},
		&Expect{Var: S("x"), Dist: "f", Body: body},
		&Integral{Var: S("x"), Lo: N(0), Hi: N(1), Body: body},
		&Big{Op: "sum", Index: "x", Lo: N(1), Hi: S("inf"), Body: Prod(body, Power(N(2), Neg(S("x"))))},
	}
}

// bothWays evaluates e compiled and by the tree walk and requires the
// same outcome.
func bothWays(t *testing.T, e Expr, env *Env) {
	t.Helper()
	defer func() { compileLoops = true }()
	compileLoops = true
	v1, err1 := EvalErr(e, env)
	compileLoops = false
	v2, err2 := EvalErr(e, env)
	what := String(e)
	if err1 != nil || err2 != nil {
		require.Error(t, err1, what)
		require.Error(t, err2, what)
		assert.Equal(t, err2.Error(), err1.Error(), what)
		return
	}
	assert.True(t, same(v1.V, v2.V) && same(v1.Err, v2.Err), "%s: compiled %v, tree walk %v", what, v1, v2)
}

// same is bit-for-bit equality, NaN included.
func same(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

// loopEnv binds the parameters of loopDensities and of the corpus.
func loopEnv(t *testing.T, rng *rand.Rand) *Env {
	f := mustFile(t, loopDensities)
	env := envOf(f, map[string]float64{
		"a": 0.3 + 3*rng.Float64(), "b": 0.3 + 3*rng.Float64(), "c": 2*rng.Float64() - 1, "D": 2,
	})
	for _, s := range []string{"sigma1", "sigma2", "mu1", "mu2", "sigma", "mu", "m", "s", "v", "tau", "alpha", "beta", "gamma", "a1", "a2", "b1", "b2"} {
		env.Vals[s] = 0.2 + 2*rng.Float64()
	}
	env.Vecs["mu"] = []float64{0.3, -0.4}
	env.Vecs["sigma"] = []float64{1.1, 0.6}
	env.Vecs["z"] = []float64{0.2, 0.9}
	return env
}

func TestCompiledCorpus(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, src := range corpus.Expressions {
		e, err := ParseExpr(src)
		require.NoError(t, err, src)
		env := loopEnv(t, rng)
		for _, l := range loops(e) {
			bothWays(t, l, env)
		}
	}
}

// The integrands the tree walk treats specially: the exact complement
// 1 − x near the Beta's upper end, a density of a shifted variable, a
// conditional density whose parameter is the loop's variable, a nested
// expectation, finite sums and products, domain errors, and the log x
// and x^(a − 1) that take the logarithm a node brings (an exponent with
// an error estimate, a − 1, needs log x for it).
func TestCompiledSpecialCases(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, src := range []string{
		"log(1 - x)", "(1 - x)^(b - 1)", "log(be(x))", "-log(be(x))", "be(x)*log(be(x))", "be(x)*log(1 - x)",
		"log(g(x)) - log(n(x))", "log(g(x + 1))", "f(2*x)", "log(f(x))",
		"r(x + 1)", "E(y ~ r, y^2)", "E(y ~ n, x*y)", "int(y in 0..x, y)",
		"sum(d in 1..3, x^d/d)", "prod(d in 1..3, x + d)", "sum(d in 1..D, z[d]*x)",
		"log(-x)", "sqrt(x - 2)", "x^c", "(x - 1/2)^(1/3)", "lgamma(x - 1/2)", "digamma(x)",
		"Gamma(x; a - 1, b)", "log(Gamma(x; a, b - 1))", "Normal(x; c, a)*Beta(x; a, b)",
		"exp(x^2)", "exp(exp(x))", "x^-3", "x^40", "x^-70", "(1e-200*x)^2", "abs(x - c)*erf(x)",
		"beta(x, a)", "lbeta(a, x + 1)", "gamma(x)", "trigamma(x)", "I(g)", "x*I(po)",
		"log(x)", "log(x)^2 - log(x)", "x^(a - 1)", "x^(a - 1)*exp(-b*x)", "log(x^(a - 1))", "log(2*x)", "log(x + 1)",
		"max(x, c)*min(x, 1)", "gammainc(a, max(x - c, 0))", "betainc(a, b, min(max(x - c, 0), 1))", "gammainc(a, x - 1)",
	} {
		e := MustParse(src)
		env := loopEnv(t, rng)
		for _, l := range loops(e) {
			bothWays(t, l, env)
		}
	}
}

// A self-information I(q), as a call or as read from LaTeX, depends on
// the loop's variable though it does not write it: it is −log q at q's
// variable. Hoisted out of the loop it would be evaluated with x unbound.
func TestCompiledSelfInformation(t *testing.T) {
	env := loopEnv(t, rand.New(rand.NewPCG(5, 6)))
	for _, dist := range []string{"g", "n", "be", "po", "f"} {
		for _, l := range loops(&Info{Kind: "I", P: dist}) {
			bothWays(t, l, env)
			_, err := EvalErr(l, env)
			assert.NotContains(t, fmt.Sprint(err), "unknown symbol x", String(l))
		}
	}
}

// Generated integrands: random trees over the loop's variable, the
// parameters, the elementary and special functions, families, densities
// and sums.
func TestCompiledGenerated(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 150
	if testing.Short() {
		n = 30
	}
	for range n {
		e := randomIntegrand(rng, 4)
		env := loopEnv(t, rng)
		for _, l := range loops(e) {
			bothWays(t, l, env)
		}
	}
}

func randomIntegrand(rng *rand.Rand, depth int) Expr {
	leaf := func() Expr {
		switch rng.IntN(6) {
		case 0, 1:
			return S("x")
		case 2:
			return S([]string{"a", "b", "c", "pi"}[rng.IntN(4)])
		case 3:
			return Sub(N(1), S("x"))
		case 4:
			return R(int64(rng.IntN(7)-3), int64(1+rng.IntN(3)))
		}
		return Prod(S("c"), S("x"))
	}
	if depth == 0 || rng.IntN(4) == 0 {
		return leaf()
	}
	sub := func() Expr { return randomIntegrand(rng, depth-1) }
	switch rng.IntN(14) {
	case 0, 1:
		return Sum(sub(), sub())
	case 2, 3:
		return Prod(sub(), sub())
	case 4:
		return &Pow{Base: sub(), Exp: N(int64(rng.IntN(8) - 3))}
	case 5:
		return &Pow{Base: sub(), Exp: []Expr{R(1, 2), S("a"), Neg(S("b"))}[rng.IntN(3)]}
	case 6:
		return Fn([]string{"log", "exp", "sqrt", "abs"}[rng.IntN(4)], sub())
	case 7:
		return Fn([]string{"lgamma", "digamma", "gamma", "erf"}[rng.IntN(4)], sub())
	case 8:
		return Fn([]string{"beta", "lbeta"}[rng.IntN(2)], sub(), sub())
	case 9:
		return Fn("Normal", sub(), S("c"), sub())
	case 10:
		return Fn("Gamma", sub(), S("a"), sub())
	case 11:
		return Fn([]string{"g", "n", "be", "f"}[rng.IntN(4)], sub())
	case 12:
		return &Big{Op: []string{"sum", "prod"}[rng.IntN(2)], Index: "d", Lo: N(1), Hi: N(2), Body: Prod(S("d"), sub())}
	}
	return Fn("log", Fn([]string{"g", "n", "be", "f"}[rng.IntN(4)], sub()))
}

// powInt is math.Pow to the bit wherever it takes the fast path.
func TestPowInt(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 200000 {
		x := math.Ldexp(rng.Float64()*2-1, rng.IntN(200)-100)
		k := float64(rng.IntN(41) - 20)
		require.True(t, same(math.Pow(x, k), powInt(x, k)), fmt.Sprintf("%v^%v", x, k))
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1, math.Inf(1), math.Inf(-1), math.NaN(), 1e300, 1e-300, 5e-324} {
		for _, k := range []float64{-70, -3, -2, -1, 0, 1, 2, 3, 65, 1e20} {
			assert.True(t, same(math.Pow(x, k), powInt(x, k)), fmt.Sprintf("%v^%v", x, k))
		}
	}
}

// The vector families (a Categorical's probabilities, a Dirichlet's
// concentrations and variable) are compiled as calls the tree walk
// evaluates: their parameters are vectors, which no slot holds.
func TestCompiledVectorFamilies(t *testing.T) {
	f := mustFile(t, "K: dim\nw: vector[K] simplex\nu: vector[K] simplex\nal: vector[K]\nc(x) = Categorical(x; w)\nd(y) = Dirichlet(y; al)\n")
	env := envOf(f, map[string]float64{"K": 3})
	env.Vecs["w"] = []float64{0.2, 0.5, 0.3}
	env.Vecs["u"] = []float64{0.6, 0.1, 0.3}
	env.Vecs["al"] = []float64{1.5, 0.7, 2.2}
	for _, src := range []string{
		"E(x ~ c, log(c(x)))", "E(x ~ c, log(w[x]) - log(u[x]))", "E(x ~ c, x^2*Categorical(x; u))",
		"E(y ~ d, log(y[1]))", "E(y ~ d, log(d(y)))", "E(y ~ d, log(Dirichlet(y; 2*al)))",
	} {
		e := MustParse(src)
		bothWays(t, e, env)
		_, err := EvalErr(e, env)
		assert.NoError(t, err, src)
	}
}
