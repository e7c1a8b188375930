package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// params generates parameter expressions from a small grammar:
// constants, rationals, sums, differences, negations, products,
// quotients, exp, log and sqrt of symbols and squares of sums. The
// symbols a, b, c are any reals; s and t are assumed positive. With an
// index, every symbol is a coordinate: a[d].
type params struct {
	rng   *rand.Rand
	index string
}

func (g params) sym(names ...string) string {
	n := names[g.rng.IntN(len(names))]
	if g.index != "" {
		return n + "[" + g.index + "]"
	}
	return n
}

func (g params) constant() string {
	switch g.rng.IntN(3) {
	case 0:
		return fmt.Sprint(g.rng.IntN(7) - 3)
	case 1:
		return fmt.Sprintf("%d/%d", g.rng.IntN(5)+1, g.rng.IntN(3)+2)
	}
	return fmt.Sprintf("%.1f", float64(g.rng.IntN(30))/10)
}

// real is any real-valued expression.
func (g params) real(depth int) string {
	if depth == 0 {
		if g.rng.IntN(3) == 0 {
			return g.constant()
		}
		return g.sym("a", "b", "c")
	}
	switch g.rng.IntN(10) {
	case 0:
		return g.real(depth-1) + " + " + g.real(depth-1)
	case 1:
		return g.real(depth-1) + " - (" + g.real(depth-1) + ")"
	case 2:
		return "-(" + g.real(depth-1) + ")"
	case 3:
		return fmt.Sprint(g.rng.IntN(3)+2) + "*(" + g.real(depth-1) + ")"
	case 4:
		return "(" + g.real(depth-1) + ")/(" + g.positive(depth-1) + ")"
	case 5:
		return "exp(" + g.sym("a", "b") + ")"
	case 6:
		return "log(" + g.sym("s", "t") + ")"
	case 7:
		return "sqrt(" + g.sym("s", "t") + ")"
	case 8:
		return "(" + g.sym("a", "b") + " + " + g.sym("c", "s") + ")^2"
	}
	return g.real(0)
}

// positive is an expression that is positive wherever it is defined.
func (g params) positive(depth int) string {
	if depth == 0 {
		switch g.rng.IntN(3) {
		case 0:
			return fmt.Sprint(g.rng.IntN(3) + 1)
		case 1:
			return g.sym("s", "t")
		}
		return g.sym("s", "t") + "^2"
	}
	switch g.rng.IntN(6) {
	case 0:
		return "exp(" + g.real(depth-1) + ")"
	case 1:
		return "1/(" + g.positive(depth-1) + ")"
	case 2:
		return g.positive(depth-1) + "*" + g.positive(0)
	case 3:
		return "sqrt(" + g.sym("s", "t") + ")"
	case 4:
		return fmt.Sprintf("%d/%d*", g.rng.IntN(4)+1, g.rng.IntN(3)+2) + g.positive(depth-1)
	}
	return g.positive(0)
}

var propertyGoals = []string{"KL(p || q)", "KL(q || p)", "H(p)", "H(q)", "H(p, q)", "H(q, p)"}

// closedUni is the textbook value of a goal between two univariate
// Gaussians, the expected value the generated problems are compared with.
func closedUni(goal string, m1, v1, m2, v2 float64) float64 {
	kl := func(m1, v1, m2, v2 float64) float64 {
		return 0.5 * (math.Log(v2/v1) + (v1+(m1-m2)*(m1-m2))/v2 - 1)
	}
	cross := func(m1, v1, m2, v2 float64) float64 {
		return 0.5*math.Log(2*math.Pi*v2) + (v1+(m1-m2)*(m1-m2))/(2*v2)
	}
	switch goal {
	case "KL(p || q)":
		return kl(m1, v1, m2, v2)
	case "KL(q || p)":
		return kl(m2, v2, m1, v1)
	case "H(p)":
		return cross(m1, v1, m1, v1)
	case "H(q)":
		return cross(m2, v2, m2, v2)
	case "H(p, q)":
		return cross(m1, v1, m2, v2)
	}
	return cross(m2, v2, m1, v1)
}

// deriveGenerated derives the one goal of src, which must derive and
// verify, and returns the problem and result.
func deriveGenerated(t *testing.T, src string) (*Problem, expr.Expr) {
	t.Helper()
	f, err := expr.ParseFile("gen.kl", src)
	require.NoError(t, err, src)
	p, err := Load(f)
	require.NoError(t, err, src)
	d, err := Derive(p, f.Goals[0], DefaultOptions)
	require.NoError(t, err, src)
	require.Empty(t, d.Bound, src)
	require.True(t, d.Verification.Direct, src)
	require.LessOrEqual(t, len(d.Steps), 12, "%s: %d shown steps", src, len(d.Steps))
	if testing.Verbose() {
		t.Logf("%s=> %s", src, expr.String(d.Result))
	}
	return p, d.Result
}

// agree evaluates the result and the expected value at the problem's own
// admissible points.
func agree(t *testing.T, p *Problem, src string, result expr.Expr, want func(env *expr.Env) float64) {
	t.Helper()
	for _, env := range p.SamplePoints(3, 7, result) {
		got, err := expr.Eval(result, env)
		require.NoError(t, err, src)
		w := want(env)
		require.False(t, math.IsNaN(w) || math.IsNaN(got), "%s: NaN at %v", src, env.Vals)
		require.LessOrEqual(t, math.Abs(got-w), 1e-8*math.Max(1, math.Abs(w)),
			"%s\nresult %s = %v, closed form %v at %v %v", src, expr.String(result), got, w, env.Vals, env.Vecs)
	}
}

func mustEval(t *testing.T, e expr.Expr, env *expr.Env) float64 {
	t.Helper()
	v, err := expr.Eval(e, env)
	require.NoError(t, err, expr.String(e))
	return v
}

// Several hundred univariate problems with generated parameters derive,
// verify, and agree with the closed form.
func TestGeneratedUnivariate(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	g := params{rng: rng}
	for range 300 {
		goal := propertyGoals[rng.IntN(len(propertyGoals))]
		src := fmt.Sprintf("assume s > 0\nassume t > 0\np(x) = Normal(x; %s, %s)\nq(x) = Normal(x; %s, %s)\nderive %s\n",
			g.real(2), g.positive(2), g.real(2), g.positive(2), goal)
		p, result := deriveGenerated(t, src)
		args := func(name string) []expr.Expr { return p.Ctx.Densities[name].Body.(*expr.Call).Args }
		agree(t, p, src, result, func(env *expr.Env) float64 {
			a, b := args("p"), args("q")
			return closedUni(goal, mustEval(t, a[1], env), mustEval(t, a[2], env), mustEval(t, b[1], env), mustEval(t, b[2], env))
		})
	}
}

// Products of independent Normals over d, with generated coordinate
// parameters, give the sum of the univariate closed forms.
func TestGeneratedProducts(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 14))
	g := params{rng: rng, index: "d"}
	for range 60 {
		goal := propertyGoals[rng.IntN(len(propertyGoals))]
		src := fmt.Sprintf("assume s > 0\nassume t > 0\np(z) = prod(d in 1..D, Normal(z[d]; %s, %s))\nq(z) = prod(d in 1..D, Normal(z[d]; %s, %s))\nderive %s\n",
			g.real(1), g.positive(1), g.real(1), g.positive(1), goal)
		p, result := deriveGenerated(t, src)
		args := func(name string) []expr.Expr { return p.Ctx.Densities[name].Body.(*expr.Big).Body.(*expr.Call).Args }
		agree(t, p, src, result, func(env *expr.Env) float64 {
			total := 0.0
			for d := 1; d <= int(env.Vals["D"]); d++ {
				at := withIndex(env, "d", d)
				a, b := args("p"), args("q")
				total += closedUni(goal, mustEval(t, a[1], at), mustEval(t, a[2], at), mustEval(t, b[1], at), mustEval(t, b[2], at))
			}
			return total
		})
	}
}

// withIndex is env with the index d bound to a coordinate.
func withIndex(env *expr.Env, d string, at int) *expr.Env {
	out := *env
	out.Vals = map[string]float64{}
	for k, v := range env.Vals {
		out.Vals[k] = v
	}
	out.Vals[d] = float64(at)
	return &out
}

var (
	mvMeans = []string{"0", "m", "-m", "a + b", "2*m", "m - b", "A*m + b", "1/2*a - b", "exp(a) - b"}
	mvCovs  = []string{"I", "2*I", "s^2*I", "S", "3*S", "diag(w)", "diag(exp(lv))", "diag(w^2)", "inv(P)", "1/t*S", "diag(sqrt(w))", "diag(1/w)", "diag(exp(lv) + w)"}
)

// Multivariate Gaussians with scaled identities, sums of means and
// diagonal covariances agree with the closed forms, in the dimensions the
// derivation verifies.
func TestGeneratedMultivariate(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	for range 45 {
		goal := propertyGoals[rng.IntN(len(propertyGoals))]
		src := "k: dim\nx, m, a, b, w, lv: vector[k]\nS, P: matrix[k,k] spd\nA: matrix[k,k]\nassume s > 0\nassume t > 0\n" +
			fmt.Sprintf("p(x) = MvNormal(x; %s, %s)\nq(x) = MvNormal(x; %s, %s)\nderive %s\n", pick(mvMeans), pick(mvCovs), pick(mvMeans), pick(mvCovs), goal)
		p, result := deriveGenerated(t, src)
		args := func(name string) []expr.Expr { return p.Ctx.Densities[name].Body.(*expr.Call).Args }
		agree(t, p, src, result, func(env *expr.Env) float64 {
			a, b := args("p"), args("q")
			k := int(env.Vals["k"])
			m1, s1 := meanOf(t, a[1], env, k), matOf(t, a[2], env)
			m2, s2 := meanOf(t, b[1], env, k), matOf(t, b[2], env)
			return closedMv(goal, m1, s1, m2, s2)
		})
	}
}

func meanOf(t *testing.T, e expr.Expr, env *expr.Env, k int) *mat.VecDense {
	if expr.IsInt(e, 0) {
		return mat.NewVecDense(k, nil)
	}
	m := matOf(t, e, env)
	return mat.NewVecDense(k, mat.Col(nil, 0, m))
}

func matOf(t *testing.T, e expr.Expr, env *expr.Env) *mat.Dense {
	m, err := expr.EvalMatrix(e, env)
	require.NoError(t, err, expr.String(e))
	return m
}

// closedMv is the textbook cross-entropy H(N1, N2) and what follows from
// it: H(N) = H(N, N), KL(N1 || N2) = H(N1, N2) - H(N1).
func closedMv(goal string, m1 *mat.VecDense, s1 *mat.Dense, m2 *mat.VecDense, s2 *mat.Dense) float64 {
	cross := func(m1 *mat.VecDense, s1 *mat.Dense, m2 *mat.VecDense, s2 *mat.Dense) float64 {
		k, _ := s1.Dims()
		var inv mat.Dense
		if err := inv.Inverse(s2); err != nil {
			return math.NaN()
		}
		var prod mat.Dense
		prod.Mul(&inv, s1)
		var diff mat.VecDense
		diff.SubVec(m1, m2)
		quad := mat.Inner(&diff, &inv, &diff)
		return 0.5 * (float64(k)*math.Log(2*math.Pi) + math.Log(mat.Det(s2)) + mat.Trace(&prod) + quad)
	}
	switch goal {
	case "KL(p || q)":
		return cross(m1, s1, m2, s2) - cross(m1, s1, m1, s1)
	case "KL(q || p)":
		return cross(m2, s2, m1, s1) - cross(m2, s2, m2, s2)
	case "H(p)":
		return cross(m1, s1, m1, s1)
	case "H(q)":
		return cross(m2, s2, m2, s2)
	case "H(p, q)":
		return cross(m1, s1, m2, s2)
	}
	return cross(m2, s2, m1, s1)
}
