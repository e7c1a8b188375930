package rules

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// testCtx is the context the worked examples are written against.
func testCtx(t *testing.T) *Context {
	t.Helper()
	f, err := expr.ParseFile("ctx.kl", `n: dim
y_0, w_0, c_0: vector[n]
S_0, A_0: matrix[n,n] spd
p(x) = Normal(x; m, v)
q(x) = Normal(x; k, w)
r(z) = prod(d in 1..D, Normal(z[d]; mu[d], t[d]))
g(y_0) = MvNormal(y_0; w_0, S_0)
b(j) = Bernoulli(j; a_b)
c(j) = Poisson(j; l_c)
h(j) = Geometric(j; a_h)
m_o: count
o(j) = Binomial(j; m_o, a_o)
w_c: vector[n] simplex
`)
	require.NoError(t, err)
	types, err := f.Types()
	require.NoError(t, err)
	ctx := &Context{Densities: map[string]*expr.Density{}, Positive: map[string]bool{}, Types: types}
	for _, d := range f.Densities {
		body, _, err := types.Check(d.Body, nil, d.Pos)
		require.NoError(t, err)
		ctx.Densities[d.Name] = &expr.Density{Name: d.Name, Var: d.Var, Body: body}
	}
	for _, s := range []string{"s", "v", "w", "t", "a", "b"} {
		ctx.Positive[s] = true
	}
	return ctx
}

// randomEnv binds every symbol the examples use, by the domains' sampler
// that derive and check use too: positive ones as positive numbers,
// others as real ones, vectors of length D = 2.
// sameValue checks at n random points of ctx that out has the value of
// e, as a rewrite must keep it.
func sameValue(t *testing.T, rng *rand.Rand, ctx *Context, e, out expr.Expr, n int) {
	t.Helper()
	for range n {
		env := randomEnv(rng, ctx)
		a, b := value(t, e, env), value(t, out, env)
		for i := range a {
			assert.InDelta(t, a[i], b[i], 1e-9*math.Max(1, math.Abs(a[i])), "%s = %s", expr.String(e), expr.String(out))
		}
	}
}

func randomEnv(rng *rand.Rand, ctx *Context) *expr.Env {
	env := &expr.Env{Vals: map[string]float64{"D": 2, "d": float64(1 + rng.IntN(2))}, Vecs: map[string][]float64{}, Dens: ctx.Densities}
	draw := func(name string) float64 {
		if ctx.Positive[name] {
			return expr.Positive.Draw(rng)
		}
		return expr.Real.Draw(rng)
	}
	for _, s := range []string{"s", "v", "w", "a", "b", "m", "k", "c", "u", "x", "y", "n", "f", "g"} {
		env.Vals[s] = draw(s)
	}
	for _, s := range []string{"mu", "t", "u", "c"} {
		env.Vecs[s] = []float64{draw(s), draw(s)}
	}
	env.Vals["n"] = 3
	env.Vals["a_b"] = expr.UnitInterval.Draw(rng)
	env.Vals["l_c"] = expr.Positive.Draw(rng)
	env.Vals["a_h"] = expr.UnitInterval.Draw(rng)
	env.Vals["m_o"] = expr.Count.Draw(rng)
	env.Vals["a_o"] = expr.UnitInterval.Draw(rng)
	for _, s := range []string{"y_0", "w_0", "c_0"} {
		env.Vecs[s] = []float64{draw(s), draw(s), draw(s)}
	}
	env.Mats = map[string]*mat.Dense{"S_0": expr.DrawPositiveDefinite(rng, 3), "A_0": expr.DrawPositiveDefinite(rng, 3)}
	return env
}

// value evaluates a scalar, or the entries of a vector or matrix.
func value(t *testing.T, e expr.Expr, env *expr.Env) []float64 {
	t.Helper()
	if v, err := expr.Eval(e, env); err == nil {
		return []float64{v}
	}
	m, err := expr.EvalMatrix(e, env)
	require.NoError(t, err, expr.String(e))
	return m.RawMatrix().Data
}

// workedExamples pins what each rule makes of its own example.
var workedExamples = map[string]string{
	"kl-definition":                     "E(x ~ p, log(p(x)) - log(q(x)))",
	"entropy-definition":                "-E(x ~ p, log(p(x)))",
	"cross-entropy-definition":          "-E(x ~ p, log(q(x)))",
	"density-definition":                "Normal(x; m, v)",
	"normal-density":                    "exp(-(y - 1)^2/(2*s))/sqrt(2*pi*s)",
	"log-quotient":                      "log(exp(u)) - log(sqrt(s))",
	"log-reciprocal":                    "-log(s)",
	"log-product":                       "log(s^2) + log(2*pi*exp(u))",
	"log-power":                         "2*log(s)",
	"log-sqrt":                          "1/2*log(2*pi*s)",
	"log-exp":                           "-1/2*(x - m)^2",
	"log-one":                           "0",
	"cancel-pair":                       "x",
	"cancel-common-factor":              "-1/2",
	"absolute-even":                     "abs(3*m + 1)",
	"erf-odd":                           "-erf(1/sqrt(2*v))",
	"power-of-exp":                      "exp(2*w)",
	"exp-product":                       "exp(k*w + v)*m",
	"root-of-square-factor":             "2*s*sqrt(t)",
	"even-power-sign":                   "(2*a + m)^2",
	"complement-twice":                  "s",
	"like-terms":                        "log(exp(v) + 1)",
	"log-ratio-scaled":                  "2*w*log(a/b) + s",
	"log-of-product-over-index":         "sum(d in 1..D, log(exp(u[d])))",
	"negate-sum":                        "-x - (y + 1)",
	"expectation-of-sum":                "E(x ~ p, x) + E(x ~ p, x^2 + 1)",
	"expectation-of-scaled":             "-E(x ~ p, (x - m)^2/(2*s))",
	"expectation-of-scaled-absolute":    "2*E(x ~ p, abs(x - 1/2))",
	"expectation-of-reflected-absolute": "E(x ~ p, abs(x - 1))",
	"absolute-of-positive":              "s^2 + 1",
	"absolute-of-negative":              "3",
	"absolute-of-number":                "3/2",
	"gamma-at-half-integer":             "3/4*sqrt(pi)",
	"maximum-of-numbers":                "1/2",
	"minimum-of-numbers":                "1",
	"expectation-of-constant":           "log(2*pi*s)",
	"expectation-of-index-sum":          "sum(d in 1..D, E(z ~ r, z[d]^2))",
	"index-sum-of-sum":                  "sum(d in 1..D, mu[d]) + sum(d in 1..D, 1)",
	"index-sum-of-scaled":               "-1/2*sum(d in 1..D, mu[d])",
	"normal-mean":                       "m",
	"normal-second-moment":              "v + m^2",
	"normal-variance":                   "v",
	"normal-variance-reversed":          "v",
	"normal-square-about":               "v + (m - c)^2",
	"normal-square-about-reversed":      "v + (m - c)^2",
	"normal-moment-recurrence":          "m*E(x ~ p, x^2) + 2*v*E(x ~ p, x)",
	"expectation-in-powers":             "E(x ~ p, 4*x^2 - 4*x + 1)",
	"coordinate-mean":                   "mu[d]",
	"coordinate-second-moment":          "t[d] + mu[d]^2",
	"coordinate-variance":               "t[d]",
	"coordinate-variance-reversed":      "t[d]",
	"coordinate-square-about":           "t[d] + (mu[d] - c[d])^2",
	"coordinate-square-about-reversed":  "t[d] + (mu[d] - c[d])^2",
	"coordinate-moment-recurrence":      "mu[d]*E(z ~ r, z[d]^3) + 3*t[d]*E(z ~ r, z[d]^2)",
	"algebra":                           "1/2",
	"mvnormal-density":                  "(2*pi)^(-1/2*n)*exp(-1/2*(y_0 - w_0)'*inv(S_0)*(y_0 - w_0))/det(S_0)^(1/2)",
	"scalar-is-trace":                   "tr((y_0 - w_0)'*inv(S_0)*(y_0 - w_0))",
	"scalar-is-trace-2":                 "tr(y_0'*y_0)",
	"trace-cyclic":                      "tr(inv(S_0)*(y_0 - w_0)*(y_0 - w_0)')",
	"trace-cyclic-2":                    "tr(y_0*y_0')",
	"expectation-of-trace":              "tr(E(y_0 ~ g, inv(S_0)*(y_0 - w_0)*(y_0 - w_0)'))",
	"expectation-of-matrix-product":     "inv(S_0)*E(y_0 ~ g, (y_0 - w_0)*(y_0 - w_0)')",
	"mvnormal-covariance":               "S_0",
	"mvnormal-second-moment-about":      "S_0 + (w_0 - c_0)*(w_0 - c_0)'",
	"mvnormal-second-moment":            "S_0 + w_0*w_0'",
	"mvnormal-cross-moment":             "S_0 + (w_0 - c_0)*(w_0 + w_0)'",
	"mvnormal-cross-moment-left":        "S_0 + (w_0 - c_0)*w_0'",
	"mvnormal-cross-moment-right":       "S_0 + w_0*(w_0 - c_0)'",
	"mvnormal-mean":                     "w_0",
	"matrix-distribute":                 "inv(S_0)*S_0 + inv(S_0)*(w_0 - c_0)*(w_0 - c_0)'",
	"trace-of-sum":                      "tr(S_0) + tr(w_0*w_0')",
	"trace-of-outer-product":            "(w_0 - c_0)'*inv(S_0)*(w_0 - c_0)",
	"trace-of-outer-product-2":          "w_0'*w_0",
	"trace-of-inverse-product":          "n",
	"identity-in-product":               "A_0*S_0",
	"inverse-of-identity":               "I(n)",
	"determinant-of-identity":           "1",
	"trace-of-identity":                 "n",
	"log-det-product":                   "log(det(S_0)) + log(det(A_0))",
	"det-of-inverse":                    "1/det(S_0)",
	"inverse-of-inverse":                "S_0",
	"det-of-scaled":                     "2^n*det(S_0)",
	"inverse-of-scaled":                 "inv(S_0)/s",
	"trace-of-scaled":                   "2*tr(S_0)",
	"determinant-of-diagonal":           "prod(d in 1..n, w_0[d]^2)",
	"trace-of-diagonal":                 "sum(d in 1..n, w_0[d]^2)",
	"inverse-of-diagonal":               "diag(1/w_0^2)",
	"inner-product":                     "sum(d in 1..n, w_0[d]*c_0[d])",
	"diagonal-quadratic-form":           "sum(d in 1..n, c_0[d]^2*w_0[d]^2)",
	"textbook-form":                     "log(s/t) + (a + b)/(2*s^2) - 1/2",
	"textbook-form-beside-sums":         "-m*log(3*s) + sum(j in 1..n, log(j))",
	"log-gamma":                         "lgamma(s + 1)",
	"log-gamma-ratio":                   "c + 2*(log(s) + log(s + 1))",
	"lgamma-as-log":                     "log(gamma(2*s))",
	"log-beta":                          "lgamma(s) + lgamma(2*w) - lgamma(s + 2*w)",
	"lbeta-in-lgamma":                   "lgamma(v) + lgamma(w) - lgamma(v + w)",
	"gamma-recurrence":                  "s*gamma(s)",
	"digamma-recurrence":                "digamma(v) + 1/v",
	"trigamma-recurrence":               "trigamma(v) - 1/v^2",
	"trigamma-at-integer":               "1/6*pi^2 - 5/4",
	"trigamma-at-half-integer":          "1/2*pi^2 - 40/9",
	"gamma-at-integer":                  "6",
	"lgamma-at-integer":                 "log(2)",
	"write-out-short-sum":               "c*log(gamma(2)) + c^2*log(gamma(3))",
	"beta-at-integers":                  "1/12",
	"beta-at-half-integers":             "gamma(1/2)*gamma(3/2)/gamma(2)",
	"digamma-at-half-integer":           "digamma(1) - 2*log(2) + 8/3",
	"digamma-at-integer":                "digamma(1) + 11/6",
	"log-of-unit-fraction":              "-log(12)",
	"root-of-square-number":             "3/2",
	"exp-of-zero":                       "1",
	"root-of-a-square":                  "s",
	"discrete-entropy-definition":       "-E(x ~ p, log(p(x)))",
	"log-ratio":                         "a*log(a/b)",
	"log-ratio-among":                   "a*log(a/b) + 1",
	"log-ratio-unit":                    "log(a/b)",
	"log-ratio-unit-among":              "log(a/b) + 1",
	"bernoulli-density":                 "a^y*(1 - a)^(1 - y)",
	"bernoulli-mean":                    "a_b",
	"bernoulli-second-moment":           "a_b",
	"poisson-density":                   "a^y*exp(-a)/gamma(y + 1)",
	"poisson-mean":                      "l_c",
	"poisson-second-moment":             "l_c + l_c^2",
	"poisson-log-factorial-series":      "sum(j in 0..inf, l_c^j*exp(-l_c)*log(gamma(j + 1))/gamma(j + 1))",
	"geometric-density":                 "a*(1 - a)^y",
	"geometric-log-gamma-series":        "sum(j in 0..inf, a_h*(1 - a_h)^j*log(gamma(j + 1)))",
	"geometric-mean":                    "(1 - a_h)/a_h",
	"geometric-second-moment":           "(1 - a_h)*(2 - a_h)/a_h^2",
	"cancel-terms":                      "0",
	"cancel-terms-among":                "1",
	"exponential-density":               "2*s*exp(-2*s*y)",
	"beta-density":                      "y^(s - 1)*(1 - y)^(v - 1)/beta(s, v)",
	"laplace-density":                   "exp(-abs(y - (c - 1))/v)/(2*v)",
	"uniform-density":                   "1/(c + s - (c - 1))",
	"lognormal-density":                 "exp(-(log(y) - c)^2/(2*s))/(y*sqrt(2*pi*s))",
	"halfnormal-density":                "sqrt(2/(pi*s^2))*exp(-y^2/(2*s^2))",
	"gamma-density":                     "v^(s + 1)*y^s*exp(-v*y)/gamma(s + 1)",
	"binomial-density":                  "gamma(m_o + 1)*a^y*(1 - a)^(m_o - y)/(gamma(y + 1)*gamma(m_o - y + 1))",
	"binomial-mean":                     "m_o*a_o",
	"binomial-second-moment":            "m_o*a_o*(1 - a_o) + m_o^2*a_o^2",
	"bernoulli-log-gamma-sum":           "sum(j in 0..1, a_b^j*(1 - a_b)^(1 - j)*log(gamma(j + 2)))",
	"binomial-log-gamma-series":         "sum(j in 0..m_o, gamma(m_o + 1)*a_o^j*(1 - a_o)^(m_o - j)*log(gamma(m_o - j + 1))/(gamma(j + 1)*gamma(m_o - j + 1)))",
	"log-product-constant":              "log(gamma(11)) + log(s^x)",
	"entropy-as-self-information":       "E(x ~ p, I(p))",
	"cross-entropy-as-self-information": "E(x ~ p, I(q))",
	"self-information-definition":       "-log(q(x))",
	"factor-complement":                 "s*(1 - a)",
	"normal-mean-deviation":             "sqrt(2*v/pi)",
	"normal-absolute-about":             "sqrt(2*v/pi)*exp(-(m - c)^2/(2*v)) + (m - c)*erf((m - c)/sqrt(2*v))",
	"categorical-density":               "w_c[y]",
	"collect-index-sums":                "sum(d in 1..D, (mu[d] - c[d])*log(t[d]))",
	"collect-log-sums":                  "sum(d in 1..D, mu[d]^2*log(s/v)) + a",
	"dirichlet-density":                 "gamma(sum(j in 1..n, w_0[j]))*prod(j in 1..n, y_0[j]^(w_0[j] - 1))/prod(j in 1..n, gamma(w_0[j]))",
}

// FamilyRules are the rules of the density families, filled in by
// family_ext_test.go.
var FamilyRules Set

// allRules is every rule, this package's and the families'.
func allRules() Set { return append(All()[:len(All()):len(All())], FamilyRules...) }

// Every rule rewrites its own worked example to the pinned result, and
// the two sides agree numerically at random admissible points.
func TestRulesWorkedExamples(t *testing.T) {
	ctx := testCtx(t)
	rng := rand.New(rand.NewPCG(1, 2))
	for _, r := range allRules() {
		t.Run(r.Name, func(t *testing.T) {
			require.NotEmpty(t, r.Example, "rule has no worked example")
			in, _, err := ctx.Types.Check(expr.MustParse(r.Example), nil, expr.Pos{})
			require.NoError(t, err)
			out, _, ok := r.Apply(in, ctx)
			require.True(t, ok, "rule does not rewrite its example %s", r.Example)
			assert.Equal(t, workedExamples[r.Name], expr.String(out))
			for range 8 {
				env := randomEnv(rng, ctx)
				if r.Name == "textbook-form" {
					env.Vals["t"] = expr.Positive.Draw(rng)
				}
				onSupport(rng, in, env)
				a, b := value(t, in, env), value(t, out, env)
				require.Len(t, b, len(a))
				for i := range a {
					assert.InDelta(t, a[i], b[i], 1e-8*math.Max(1, math.Abs(a[i])), "%s = %s at %v", r.Example, expr.String(out), env.Vals)
				}
			}
		})
	}
	assert.Len(t, workedExamples, len(allRules()), "every rule has a pinned example and no pin is stale")
}

// The two sides of every pattern rule without binders agree at random
// values of its pattern variables; a wrong identity fails here before
// any derivation can use it.
func TestPatternRulesHoldNumerically(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, r := range allRules() {
		if r.Computed() || expr.Any(r.LHS, func(n expr.Expr) bool {
			switch n.(type) {
			case *expr.Expect, *expr.Big, *expr.Info:
				return true
			}
			return false
		}) {
			continue
		}
		pos, neg := map[string]bool{}, map[string]bool{}
		for _, c := range r.Conds {
			switch c := c.(type) {
			case positive:
				for _, v := range c {
					pos[v] = true
				}
			case negative:
				for _, v := range c {
					neg[v] = true
				}
			}
		}
		checked := 0
		for range 16 {
			// Pattern variables take the shapes the matrix rules declare:
			// vectors and spd matrices of size 3, scalars otherwise.
			env := &expr.Env{Vals: map[string]float64{"k": 3}, Vecs: map[string][]float64{}, Mats: map[string]*mat.Dense{}}
			for v := range patternVars(r.LHS) {
				sh := expr.Scalar
				if isMatrixRule(r) {
					sh = matrixTypes.Get().Shapes[v]
				}
				switch {
				case v == "k":
				case sh.R != nil && expr.IsInt(sh.C, 1):
					env.Vecs[v] = []float64{expr.Real.Draw(rng), expr.Real.Draw(rng), expr.Real.Draw(rng)}
				case sh.R != nil:
					env.Mats[v] = expr.DrawPositiveDefinite(rng, 3)
				case pos[v]:
					env.Vals[v] = expr.Positive.Draw(rng)
				case neg[v]:
					env.Vals[v] = -expr.Positive.Draw(rng)
				default:
					env.Vals[v] = expr.Real.Draw(rng)
				}
			}
			if v, ok := env.Vals["n"]; ok {
				env.Vals["n"] = math.Round(v)
			}
			onSupport(rng, r.LHS, env)
			a, b := value(t, r.LHS, env), value(t, r.RHS, env)
			require.Len(t, b, len(a), r.Name)
			for i := range a {
				assert.InDelta(t, a[i], b[i], 1e-9*math.Max(1, math.Abs(a[i])), "%s at %v", r.Name, env.Vals)
			}
			checked++
		}
		assert.Equal(t, 16, checked, r.Name)
	}
}

// A rule whose right side uses a variable its left side does not bind is
// rejected when it is prepared, and every rule of the tables is.
func TestRuleWithUnboundVariableIsRejected(t *testing.T) {
	assert.PanicsWithValue(t, "rule bad: right side uses b, which the left side does not bind", func() {
		rw("bad", "bad", "log(a)", "log(b)").build()
	})
	for _, r := range allRules() {
		if !r.Computed() {
			assert.NotPanics(t, r.build, r.Name)
		}
	}
}

func TestMatchingIsModuloCommutativity(t *testing.T) {
	ctx := testCtx(t)
	out, _, ok := logQuotient.Get().Apply(expr.MustParse("log(u*exp(x)/s)"), &Context{Positive: map[string]bool{"u": true, "s": true}})
	require.True(t, ok)
	assert.Equal(t, "log(u*exp(x)) - log(s)", expr.String(out))
	// A condition that fails keeps the rule from firing.
	_, _, ok = LogProduct.Get().Apply(expr.MustParse("log(m*s)"), ctx)
	assert.False(t, ok, "log-product must not split log(m*s) when m may be negative")
}

func TestNormalFormAndTextbookForm(t *testing.T) {
	ctx := &Context{Positive: map[string]bool{"sigma_1": true, "sigma_2": true, "sigma": true, "tau_1": true, "tau_2": true}}
	cases := []struct{ in, normal, textbook string }{
		{"-(sigma_1^2 + (mu_1 - mu_1)^2)/(2*sigma_1^2) + (sigma_1^2 + (mu_1 - mu_2)^2)/(2*sigma_2^2) + 1/2*log(2*pi*sigma_2^2) - 1/2*log(2*pi*sigma_1^2)",
			"-1/2 + sigma_1^2/(2*sigma_2^2) + (mu_1 - mu_2)^2/(2*sigma_2^2) + log(sigma_2) - log(sigma_1)",
			"log(sigma_2/sigma_1) + (sigma_1^2 + (mu_1 - mu_2)^2)/(2*sigma_2^2) - 1/2"},
		{"-1/2 + 1/2*sigma^2 + 1/2*mu^2 - log(sigma)", "-1/2 + 1/2*sigma^2 + 1/2*mu^2 - log(sigma)",
			"-1/2*(1 + log(sigma^2) - mu^2 - sigma^2)"},
		{"-1/2 - 1/2*v + 1/2*m^2 + 1/2*exp(v)", "-1/2 - 1/2*v + 1/2*m^2 + 1/2*exp(v)",
			"-1/2*(1 + v - m^2 - exp(v))"},
		{"1/2*log(2*pi*sigma^2) + 1/2", "1/2*log(2) + 1/2*log(pi) + log(sigma) + 1/2", "1/2*(1 + log(2*pi*sigma^2))"},
		{"log(4) - 2*log(2)", "0", "0"},
		// A common transcendental factor collects its coefficients, as a
		// textbook writes (a1 - a2)ψ(a1) and -(a - 1)ψ(a).
		{"a_1*digamma(a_1) - a_2*digamma(a_1)", "a_1*digamma(a_1) - a_2*digamma(a_1)", "(a_1 - a_2)*digamma(a_1)"},
		{"a + digamma(a) - a*digamma(a)", "a + digamma(a) - a*digamma(a)", "a - (a - 1)*digamma(a)"},
		{"a*log(tau_1) - c*log(tau_1) + log(tau_1)", "a*log(tau_1) - c*log(tau_1) + log(tau_1)", "(a + 1 - c)*log(tau_1)"},
		{"c*log(tau_1) - c*log(tau_2) + a*digamma(b)", "c*log(tau_1) - c*log(tau_2) + a*digamma(b)", "c*log(tau_1/tau_2) + a*digamma(b)"},
		// What every term of a sum shares comes out of its power, and
		// terms over the same sum share one fraction.
		{"b*c/(2*b - 2*a) - m*c/(2*b - 2*a) + c/(s*b - s*a)", "b*c/(2*(b - a)) - m*c/(2*(b - a)) + c/(s*(b - a))",
			"c*(b - m)/(2*(b - a)) + c/(s*(b - a))"},
		{"(2*a + 4*b)^2", "4*(a + 2*b)^2", "4*(a + 2*b)^2"},
		// Terms over one symbolic denominator share a fraction when that
		// scales only simple terms; a midpoint spread over its terms is
		// whole again.
		{"(b - a)^2/(24*v) + (a/2 + b/2 - m)^2/(2*v)", "(b - a)^2/(24*v) + (1/2*a + 1/2*b - m)^2/(2*v)",
			"(1/2*(a + b) - m)^2/(2*v) + (b - a)^2/(24*v)"},
		{"1/v^2 + (4 - m)^2/(2*v^2)", "1/v^2 + (4 - m)^2/(2*v^2)", "(2 + (4 - m)^2)/(2*v^2)"},
		{"(-a/2 - b/2 + 3*m)^2", "(-1/2*a - 1/2*b + 3*m)^2", "(3*m - 1/2*(a + b))^2"},
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

// isMatrixRule reports whether a rule is about vectors and matrices.
func isMatrixRule(r *Rule) bool {
	return expr.Any(r.LHS, func(n expr.Expr) bool {
		switch n := n.(type) {
		case *expr.MatMul, *expr.Transpose:
			return true
		case *expr.Call:
			switch n.Fn {
			case "tr", "det", "inv", "I", "MvNormal":
				return true
			}
		}
		return false
	})
}

// onSupport draws the parameters of a family's density rule from their
// domains and its variable inside the family's support: the substitution
// holds there only (outside it the density is 0 and its formula may be
// anything, or undefined), and on a discrete support at its integers.
func onSupport(rng *rand.Rand, lhs expr.Expr, env *expr.Env) {
	c, f := expr.FamilyCall(lhs)
	if f == nil || f.Multivariate {
		return
	}
	if f.IsVector() {
		vectorOnSupport(rng, c, f, env)
		return
	}
	for i, p := range f.Params {
		if s, ok := c.Args[i+1].(*expr.Sym); ok {
			env.Vals[s.Name] = p.Domain.Draw(rng)
		}
	}
	x, ok := c.Args[0].(*expr.Sym)
	if !ok {
		return
	}
	ps := make([]float64, len(c.Args)-1)
	for i, a := range c.Args[1:] {
		ps[i], _ = expr.Eval(a, env)
	}
	if s := f.SupportAt(ps); s.Discrete {
		lo := math.Ceil(s.Lo)
		env.Vals[x.Name] = lo + float64(rng.IntN(int(math.Min(s.Hi-lo, 20))))
		return
	}
	lo, hi := f.Support.Lo, f.Support.Hi
	if f.Ends != nil {
		s := f.SupportAt(ps)
		lo, hi = s.Lo, s.Hi
		if !(lo < hi) {
			// The support's ends were drawn the wrong way round: swap
			// the symbols' values.
			a, okA := c.Args[1].(*expr.Sym)
			b, okB := c.Args[2].(*expr.Sym)
			if !okA || !okB {
				return
			}
			env.Vals[a.Name], env.Vals[b.Name] = env.Vals[b.Name], env.Vals[a.Name]
			lo, hi = hi, lo
		}
	}
	for v := env.Vals[x.Name]; ; v = expr.Real.Draw(rng) {
		switch {
		case math.IsInf(lo, -1) && math.IsInf(hi, 1):
		case math.IsInf(hi, 1):
			v = lo + math.Abs(v)
		case !math.IsInf(lo, -1):
			v = lo + (hi-lo)*rng.Float64()
		}
		if v > lo && v < hi {
			env.Vals[x.Name] = v
			return
		}
	}
}

// vectorOnSupport draws the parameters of a call to a vector family in
// three dimensions, and its variable on the support: an outcome 1..3 or
// a point of the simplex.
func vectorOnSupport(rng *rand.Rand, c *expr.Call, f *expr.Family, env *expr.Env) {
	const k = 3
	for i, p := range f.Params {
		s, ok := c.Args[i+1].(*expr.Sym)
		if !ok || !p.Vector() {
			continue
		}
		delete(env.Vals, s.Name)
		env.Vecs[s.Name] = make([]float64, k)
		for j := range k {
			env.Vecs[s.Name][j] = p.Domain.Draw(rng)
		}
		if p.Domain == expr.Simplex {
			env.Vecs[s.Name] = expr.DrawSimplex(rng, k)
		}
	}
	x, ok := c.Args[0].(*expr.Sym)
	switch {
	case !ok:
	case f.VectorVar:
		delete(env.Vals, x.Name)
		env.Vecs[x.Name] = expr.DrawSimplex(rng, k)
	default:
		env.Vals[x.Name] = float64(1 + rng.IntN(k))
	}
}
