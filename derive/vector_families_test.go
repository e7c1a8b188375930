package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mathext"
)

// Generated problems over the vector families: every one derives,
// verifies for K = 2, 3 and 5, and its result agrees with the closed form
// computed here from the coordinates.

// concentrations are compound concentration vectors of a Dirichlet,
// positive in every coordinate.
var concentrations = []string{"a", "b", "a + b", "exp(l)", "2*a", "a + exp(l)", "a^2", "b/2", "exp(l)/2 + b"}

// vectorAt is the value of a vector expression at a point.
func vectorAt(t *testing.T, src string, env *expr.Env) []float64 {
	t.Helper()
	m, err := expr.EvalMatrix(expr.MustParse(src), env)
	require.NoError(t, err, src)
	return m.RawMatrix().Data
}

// dirichletParts are log Γ(α₀) − Σ log Γ(αₖ) and ψ(αₖ) − ψ(α₀), the
// pieces of every closed form below.
func dirichletParts(a []float64) (logNorm float64, logMean []float64) {
	total := 0.0
	for _, ak := range a {
		total += ak
	}
	lg, _ := math.Lgamma(total)
	logNorm = lg
	for _, ak := range a {
		l, _ := math.Lgamma(ak)
		logNorm -= l
		logMean = append(logMean, mathext.Digamma(ak)-mathext.Digamma(total))
	}
	return logNorm, logMean
}

// dirichletCross is H(p, q) = −E_p[log q] for p = Dir(a), q = Dir(b).
func dirichletCross(a, b []float64) float64 {
	_, mean := dirichletParts(a)
	norm, _ := dirichletParts(b)
	out := -norm
	for k := range b {
		out -= (b[k] - 1) * mean[k]
	}
	return out
}

func TestGeneratedDirichlet(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for range 24 {
		pa := concentrations[rng.IntN(len(concentrations))]
		qa := concentrations[rng.IntN(len(concentrations))]
		goal := []string{"KL(p || q)", "KL(q || p)", "H(p)", "H(p, q)", "H(q, p)"}[rng.IntN(5)]
		src := fmt.Sprintf("K: dim\nx, a, b, l: vector[K]\np(x) = Dirichlet(x; %s)\nq(x) = Dirichlet(x; %s)\nderive %s\n", pa, qa, goal)
		t.Run(src, func(t *testing.T) {
			p, result := deriveGenerated(t, src)
			agree(t, p, src, result, func(env *expr.Env) float64 {
				a, b := vectorAt(t, pa, env), vectorAt(t, qa, env)
				switch goal {
				case "KL(p || q)":
					return dirichletCross(a, b) - dirichletCross(a, a)
				case "KL(q || p)":
					return dirichletCross(b, a) - dirichletCross(b, b)
				case "H(p)":
					return dirichletCross(a, a)
				case "H(p, q)":
					return dirichletCross(a, b)
				}
				return dirichletCross(b, a)
			})
		})
	}
}

func TestGeneratedCategorical(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	for range 12 {
		names := []string{"w", "u", "v"}
		pw, qw := names[rng.IntN(3)], names[rng.IntN(3)]
		goal := []string{"KL(p || q)", "KL(q || p)", "H(p)", "H(p, q)", "H(q, p)"}[rng.IntN(5)]
		src := fmt.Sprintf("K: dim\nw, u, v: vector[K] simplex\np(x) = Categorical(x; %s)\nq(x) = Categorical(x; %s)\nderive %s\n", pw, qw, goal)
		t.Run(src, func(t *testing.T) {
			p, result := deriveGenerated(t, src)
			agree(t, p, src, result, func(env *expr.Env) float64 {
				a, b := env.Vecs[pw], env.Vecs[qw]
				cross := func(a, b []float64) float64 {
					out := 0.0
					for k := range a {
						out -= a[k] * math.Log(b[k])
					}
					return out
				}
				switch goal {
				case "KL(p || q)":
					return cross(a, b) - cross(a, a)
				case "KL(q || p)":
					return cross(b, a) - cross(b, b)
				case "H(p)":
					return cross(a, a)
				case "H(p, q)":
					return cross(a, b)
				}
				return cross(b, a)
			})
		})
	}
}

// A Categorical's probabilities must be a declared point of the simplex:
// a vector expression is an input error at its place, since no rule knows
// that it sums to 1.
func TestCategoricalNeedsDeclaredSimplex(t *testing.T) {
	f, err := expr.ParseFile("t.kl", "K: dim\nw, u: vector[K] simplex\np(x) = Categorical(x; (w + u)/2)\nderive H(p)\n")
	require.NoError(t, err)
	_, err = Load(f)
	require.EqualError(t, err, "t.kl:3:8: the probabilities of p must be a vector declared simplex (w: vector[K] simplex), not 1/2*(w + u)")
}
