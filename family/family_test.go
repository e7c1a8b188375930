package family

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// The table tests below are driven by the registry: every family, the
// next ones too, is checked without a line of its own here.

// points is how many random admissible points each check takes.
const points = 16

// call is the family's call on x with symbol parameters a_1, a_2, ...;
// for a multivariate family x and the mean are vectors of size n and
// the covariance a matrix, as declared in types.
func call(f *Family) (expr.Expr, []string) {
	args := []expr.Expr{expr.S("x")}
	var names []string
	for i := range f.Params {
		n := "a_" + string(rune('1'+i))
		names = append(names, n)
		args = append(args, expr.S(n))
	}
	return expr.Fn(f.Name, args...), names
}

// drawParams draws each parameter from its domain, a vector or matrix
// one of size k.
func drawParams(rng *rand.Rand, f *Family, names []string, env *expr.Env, k int) {
	for i, p := range f.Params {
		switch {
		case p.Domain == expr.PositiveDefinite:
			env.Mats[names[i]] = expr.DrawPositiveDefinite(rng, k)
		case f.Multivariate:
			env.Vecs[names[i]] = drawVec(rng, p.Domain, k)
		default:
			env.Vals[names[i]] = p.Domain.Draw(rng)
		}
	}
	if f.Ends != nil && !f.Support.Discrete && env.Vals[names[0]] > env.Vals[names[1]] {
		// A support given by the parameters (a Uniform's) is not empty:
		// its ends in order.
		env.Vals[names[0]], env.Vals[names[1]] = env.Vals[names[1]], env.Vals[names[0]]
	}
}

func drawVec(rng *rand.Rand, d expr.Domain, k int) []float64 {
	if d == expr.Simplex {
		return expr.DrawSimplex(rng, k)
	}
	out := make([]float64, k)
	for i := range out {
		out[i] = d.Draw(rng)
	}
	return out
}

func newEnv() *expr.Env {
	return &expr.Env{Vals: map[string]float64{}, Vecs: map[string][]float64{}, Mats: map[string]*mat.Dense{}}
}

// The density integrates to 1 over its support.
func TestDensityIntegratesToOne(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 1))
	for _, f := range All() {
		if f.Multivariate {
			t.Run(f.Name, func(t *testing.T) { factorsIntoScalars(t, rng, f) })
			continue
		}
		if f.IsVector() {
			t.Run(f.Name, func(t *testing.T) { vectorIntegratesToOne(t, rng, f) })
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			c, names := call(f)
			integral := &expr.Integral{Var: expr.S("x"), Body: c}
			if f.Ends != nil && !f.Support.Discrete {
				// Over the support the parameters give.
				integral.Lo, integral.Hi = f.EndsOf(c.(*expr.Call))
			}
			for range points {
				env := newEnv()
				drawParams(rng, f, names, env, 0)
				if f.Support.Discrete {
					// Summed here from the log-density, not by the
					// evaluator's own sums over the support.
					assert.InDelta(t, 1, sumSupport(f, paramValues(env, names)), 1e-12, "%s at %v", f.Name, env.Vals)
					continue
				}
				v, err := expr.EvalErr(integral, env)
				require.NoError(t, err)
				assert.InDelta(t, 1, v.V, 1e-9+v.Err, "%s at %v", f.Name, env.Vals)
			}
		})
	}
}

// factorsIntoScalars checks a multivariate Gaussian, which the evaluator
// cannot integrate in one variable: with a diagonal covariance its
// log-density is the sum of the univariate Gaussian's, which integrates
// to 1, so it does too.
func factorsIntoScalars(t *testing.T, rng *rand.Rand, f *Family) {
	scalar := Gaussian(false)
	require.True(t, f.Gaussian && scalar != nil, "a multivariate family other than the Gaussian needs a check of its own")
	const k = 3
	c := expr.Fn("log", expr.Fn(f.Name, expr.S("x"), expr.S("m"), expr.S("S")))
	for range points {
		env := newEnv()
		x, m, v := drawVec(rng, expr.Real, k), drawVec(rng, expr.Real, k), drawVec(rng, expr.Positive, k)
		env.Vecs["x"], env.Vecs["m"] = x, m
		env.Mats["S"] = mat.NewDense(k, k, nil)
		want := 0.0
		for i := range k {
			env.Mats["S"].Set(i, i, v[i])
			want += scalar.LogPDF(x[i], []float64{m[i], v[i]})
		}
		got, err := expr.EvalErr(c, env)
		require.NoError(t, err)
		assert.InDelta(t, want, got.V, 1e-12*math.Max(1, math.Abs(want)))
	}
}

// The density rule's formula and the evaluator's own log-density agree
// at random points of the support.
func TestDensityRuleAgreesWithLogDensity(t *testing.T) {
	rng := rand.New(rand.NewPCG(2, 2))
	const k = 3
	for _, f := range All() {
		if f.IsVector() {
			t.Run(f.Name, func(t *testing.T) { vectorDensityRule(t, rng, f) })
			continue
		}
		t.Run(f.Name, func(t *testing.T) {
			require.NotEmpty(t, f.Density, "a family has a density rule")
			c, names := call(f)
			ctx := &rules.Context{Positive: map[string]bool{}, Types: &expr.Types{Shapes: map[string]expr.Shape{}, Dims: map[string]bool{"n": true}, Props: map[string][]string{}}}
			for i, p := range f.Params {
				switch {
				case p.Domain == expr.PositiveDefinite:
					ctx.Types.Shapes[names[i]] = expr.Shape{R: expr.S("n"), C: expr.S("n")}
					ctx.Types.Props[names[i]] = []string{"spd"}
				case f.Multivariate:
					ctx.Types.Shapes[names[i]] = expr.Shape{R: expr.S("n"), C: expr.N(1)}
				case p.Domain != expr.Real:
					ctx.Positive[names[i]] = true
				}
			}
			if f.Multivariate {
				ctx.Types.Shapes["x"] = expr.Shape{R: expr.S("n"), C: expr.N(1)}
			}
			typed, _, err := ctx.Types.Check(c, nil, expr.Pos{})
			require.NoError(t, err)
			formula, _, ok := f.Density[0].Apply(typed, ctx)
			require.True(t, ok, "%s does not expand %s", f.Density[0].Name, expr.String(c))
			for range points {
				env := newEnv()
				env.Vals["n"] = k
				drawParams(rng, f, names, env, k)
				var want float64
				if f.Multivariate {
					env.Vecs["x"] = drawVec(rng, expr.Real, k)
					// The evaluator's own multivariate Gaussian.
					v, err := expr.EvalErr(expr.Fn("log", typed), env)
					require.NoError(t, err)
					want = v.V
				} else {
					s := f.SupportAt(paramValues(env, names))
					var x float64
					if f.Ends != nil && !s.Discrete {
						x = s.Lo + (s.Hi-s.Lo)*rng.Float64()
					} else {
						x = drawPoint(rng, s)
					}
					env.Vals["x"] = x
					want = f.LogPDF(x, paramValues(env, names))
				}
				got, err := expr.EvalErr(formula, env)
				require.NoError(t, err)
				assert.InDelta(t, want, math.Log(got.V), 1e-10*math.Max(1, math.Abs(want)), "%s at %v %v", expr.String(formula), env.Vals, env.Vecs)
			}
		})
	}
}

// paramValues are the scalar parameters drawn into env.
func paramValues(env *expr.Env, names []string) []float64 {
	ps := make([]float64, len(names))
	for i, n := range names {
		ps[i] = env.Vals[n]
	}
	return ps
}

// drawPoint draws a point of a scalar family's support: an integer of
// it for a discrete one, among its first twenty.
func drawPoint(rng *rand.Rand, s expr.Support) float64 {
	if s.Discrete {
		lo := math.Ceil(s.Lo)
		n := int(math.Min(s.Hi-lo, 20))
		return lo + float64(rng.IntN(n))
	}
	x := expr.Real.Draw(rng)
	for !s.Contains(x) {
		x = expr.Positive.Draw(rng) + s.Lo
	}
	return x
}

// sumSupport sums the probability mass function of a discrete family
// over its support, an infinite one until a thousand terms in a row are
// below 1e-300 of the sum.
func sumSupport(f *Family, ps []float64) float64 {
	sum, small := 0.0, 0
	s := f.SupportAt(ps)
	for k := math.Ceil(s.Lo); k < s.Hi && small < 1000; k++ {
		t := math.Exp(f.LogPDF(k, ps))
		sum += t
		if t < 1e-300*sum {
			small++
		} else {
			small = 0
		}
	}
	return sum
}

// expectationCtx is the context the families' worked examples are
// written against: p a scalar family on x, r an independent product over
// the coordinates of z, g a multivariate family on y_0.
const expectationCtx = `n: dim
y_0, w_0, c_0: vector[n]
S_0: matrix[n,n] spd
p(x) = Normal(x; m, v)
r(z) = prod(d in 1..D, Normal(z[d]; mu[d], t[d]))
g(y_0) = MvNormal(y_0; w_0, S_0)
b(j) = Bernoulli(j; a_b)
c(j) = Poisson(j; l_c)
h(j) = Geometric(j; a_h)
m_o: count
o(j) = Binomial(j; m_o, a_o)
w_c: vector[n] simplex
k_c(j) = Categorical(j; w_c)
a_d: vector[n]
t_d(y_0) = Dirichlet(y_0; a_d)
`

// Every expectation rule agrees with the evaluator's quadrature of its
// left side, at points whose parameters are drawn from their domains.
func TestExpectationRulesAgreeWithQuadrature(t *testing.T) {
	file, err := expr.ParseFile("ctx.kl", expectationCtx)
	require.NoError(t, err)
	types, err := file.Types()
	require.NoError(t, err)
	ctx := &rules.Context{Densities: map[string]*expr.Density{}, Positive: map[string]bool{}, Types: types}
	domain := map[string]expr.Domain{} // what each parameter symbol is
	for _, d := range file.Densities {
		body, _, err := types.Check(d.Body, nil, d.Pos)
		require.NoError(t, err)
		ctx.Densities[d.Name] = &expr.Density{Name: d.Name, Var: d.Var, Body: body}
		inner := body
		if b, ok := body.(*expr.Big); ok {
			inner = b.Body
		}
		c, f := expr.FamilyCall(inner)
		require.NotNil(t, f)
		for i, a := range c.Args[1:] {
			for _, s := range expr.Symbols(a) {
				domain[s] = f.Params[i].Domain
				if f.Params[i].Domain == expr.Positive {
					ctx.Positive[s] = true
				}
			}
		}
	}
	rng := rand.New(rand.NewPCG(3, 3))
	for _, f := range All() {
		types, ctx, domain := types, ctx, domain
		if !f.Gaussian && !f.Support.Discrete && !f.IsVector() {
			// The discrete and vector families' examples are written in the
			// shared context above; a scalar continuous family has one of
			// its own.
			types, ctx, domain = scalarContext(t, f)
		}
		for _, r := range rules.Join(f.Sums, f.Moments, f.Series, f.Powers) {
			examples := []expr.Expr{expr.MustParse(r.Example)}
			if z := r.Zero(); z != "" && expr.Uses(examples[0], z) {
				// The example with the term that may be absent taken
				// away: E[|x − c|] as E[|x|]. (A rule about the location,
				// c = −m, takes it only at a location 0, which the
				// derivations' tests try.)
				examples = append(examples, expr.Replace(examples[0], expr.S(z), expr.N(0)))
			}
			for k, example := range examples {
				name := f.Name + "/" + r.Name
				if k > 0 {
					name += "/without-" + r.Zero()
				}
				t.Run(name, func(t *testing.T) {
					in, _, err := types.Check(example, nil, expr.Pos{})
					require.NoError(t, err)
					out, _, ok := r.Apply(in, ctx)
					require.True(t, ok, "%s does not rewrite its example %s", r.Name, expr.String(example))
					for range points {
						env := newEnv()
						env.Dens = ctx.Densities
						env.Vals["n"], env.Vals["D"], env.Vals["d"] = 3, 2, float64(1+rng.IntN(2))
						// A vector variable is bound, to zeros, so that the
						// evaluator knows E(y_0 ~ g, y_0) is a vector.
						env.Vecs["y_0"] = make([]float64, 3)
						for _, s := range append(append(expr.Symbols(in), "m", "v", "mu", "t", "w_0", "S_0", "a_b", "l_c", "a_h", "m_o", "a_o"), sortedNames(domain)...) {
							switch sh, declared := types.Shapes[s]; {
							case s == "n" || s == "D" || s == "d" || s == "x" || s == "z" || s == "y_0" || s == "j" || s == "pi":
							case declared && !expr.IsInt(sh.C, 1):
								drawParams(rng, MvNormal.Get(), []string{"", s}, env, 3)
							case declared:
								env.Vecs[s] = drawVec(rng, domain[s], 3)
							case s == "mu" || s == "t" || indexed(in, s):
								env.Vecs[s] = drawVec(rng, domain[s], 2)
							default:
								env.Vals[s] = domain[s].Draw(rng)
							}
						}
						if f.Ends != nil && !f.Support.Discrete && signed(r) {
							// The logarithm's moments hold on a support
							// inside (0, 1) only, as their conditions say.
							env.Vals["a_1"], env.Vals["a_2"] = expr.UnitInterval.Draw(rng), expr.UnitInterval.Draw(rng)
						}
						if f.Ends != nil && !f.Support.Discrete && env.Vals["a_1"] > env.Vals["a_2"] {
							env.Vals["a_1"], env.Vals["a_2"] = env.Vals["a_2"], env.Vals["a_1"]
						}
						a, b := values(t, in, env), values(t, out, env)
						require.Len(t, b, len(a))
						for i := range a {
							assert.InDelta(t, a[i], b[i], 1e-9*math.Max(1, math.Abs(a[i])), "%s = %s", expr.String(example), expr.String(out))
						}
					}
				})
			}
		}
	}
}

// scalarContext is the context of a scalar family's worked examples:
// p(x) is the family with parameters a_1, a_2, ..., each of its domain.
// Parameters that bound the support (a Uniform's ends) are drawn in
// order by the test, as the family's Ends give them.
func scalarContext(t *testing.T, f *Family) (*expr.Types, *rules.Context, map[string]expr.Domain) {
	c, names := call(f)
	types := &expr.Types{Shapes: map[string]expr.Shape{}, Dims: map[string]bool{}, Props: map[string][]string{}}
	ctx := &rules.Context{Densities: map[string]*expr.Density{"p": {Name: "p", Var: expr.S("x"), Body: c}}, Positive: map[string]bool{}, Types: types}
	domain := map[string]expr.Domain{}
	for i, p := range f.Params {
		domain[names[i]] = p.Domain
		if p.Domain == expr.Positive {
			ctx.Positive[names[i]] = true
		}
	}
	if f.Ends != nil && !f.Support.Discrete {
		// A support given by the parameters lies inside (0, 1) for the
		// rules that need it to (signed).
		ctx.Positive[names[0]] = true
		ctx.PositiveExprs = append(ctx.PositiveExprs, expr.Sub(expr.N(1), expr.S(names[1])))
	}
	return types, ctx, domain
}

// signed reports whether a rule needs the sign of a parameter, a > 0,
// b < 1 or a + c >= 0.
func signed(r *rules.Rule) bool {
	for _, c := range r.Conds {
		if s := c.String(); strings.HasSuffix(s, "> 0") || strings.HasSuffix(s, ">= 0") || strings.HasSuffix(s, "< 1") {
			return true
		}
	}
	return false
}

// sortedNames lists the parameter symbols in order, so that the draws
// are reproducible.
func sortedNames(domain map[string]expr.Domain) []string {
	out := make([]string, 0, len(domain))
	for s := range domain {
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// indexed reports whether e uses the symbol as a vector, s[d].
func indexed(e expr.Expr, s string) bool {
	return expr.Any(e, func(n expr.Expr) bool {
		i, ok := n.(*expr.Index)
		return ok && expr.Equal(i.Base, expr.S(s))
	})
}

// values evaluates a scalar, or the entries of a vector or matrix.
func values(t *testing.T, e expr.Expr, env *expr.Env) []float64 {
	t.Helper()
	if v, err := expr.Eval(e, env); err == nil {
		return []float64{v}
	}
	m, err := expr.EvalMatrix(e, env)
	require.NoError(t, err, expr.String(e))
	return m.RawMatrix().Data
}

// greek are the files that spell a Greek letter whose name is also a
// family's: the table of letter names, and the LaTeX reader's \Gamma.
var greek = map[string]bool{"../expr/names.go Gamma": true, "../latex/special.go Gamma": true}

// No family is named by a string literal outside its own file: adding a
// family is adding its file (and running go generate ./rules, which
// writes the trees of its one-liners into a generated file).
func TestFamilyNamesOnlyInTheirFiles(t *testing.T) {
	var names []string
	own := map[string]string{}
	for _, f := range All() {
		names = append(names, regexp.QuoteMeta(f.Name))
		own[f.Name] = strings.ToLower(f.Name) + ".go"
	}
	literal := regexp.MustCompile(`"(` + strings.Join(names, "|") + `)"`)
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil || strings.HasPrefix(string(src), "// Code generated") {
			return err
		}
		for _, m := range literal.FindAllStringSubmatch(string(src), -1) {
			if path != filepath.Join("..", "family", own[m[1]]) && !greek[filepath.ToSlash(path)+" "+m[1]] {
				t.Errorf("%s names the family %s; only family/%s may", path, m[1], own[m[1]])
			}
		}
		return nil
	})
	require.NoError(t, err)
}
