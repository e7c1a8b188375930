package derive

import (
	"math"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/require"
)

// Expectations of polynomials no single moment rule takes: higher powers
// by the recurrence, and polynomials expanded in powers first. The
// phases of a derivation take them, and the results agree with the
// closed forms at random points.
func TestPolynomialExpectations(t *testing.T) {
	p := load(t, "assume s > 0\np(x) = Normal(x; m - 1, s^2)\nr(z) = prod(d in 1..D, Normal(z[d]; a[d], s^2))\n")
	var phases []phase
	for _, ph := range p.plan(nil) {
		switch ph.rule {
		case "expand-in-powers", "gaussian-moments", "simplify":
			phases = append(phases, ph)
		}
	}
	// Closed forms of the central moments about the mean mu with
	// variance v, shifted to the point c: E[(x - c)^n] for y = x - mu.
	central := []float64{1, 0, 1, 0, 3, 0, 15} // E[y^n] for unit variance
	about := func(mu, v, c float64, n int) float64 {
		total := 0.0
		for j := 0; j <= n; j++ {
			total += binom(n, j) * central[j] * math.Pow(v, float64(j)/2) * math.Pow(mu-c, float64(n-j))
		}
		return total
	}
	cases := []struct {
		src  string
		want func(env *expr.Env) float64
	}{
		{"E(x ~ p, x^3)", func(env *expr.Env) float64 { return about(env.Vals["m"]-1, sq(env.Vals["s"]), 0, 3) }},
		{"E(x ~ p, x^6)", func(env *expr.Env) float64 { return about(env.Vals["m"]-1, sq(env.Vals["s"]), 0, 6) }},
		{"E(x ~ p, (x - c)^4)", func(env *expr.Env) float64 { return about(env.Vals["m"]-1, sq(env.Vals["s"]), env.Vals["c"], 4) }},
		{"E(x ~ p, (2*x - c)^2 + x*(x + 1)^2)", func(env *expr.Env) float64 {
			mu, v, c := env.Vals["m"]-1, sq(env.Vals["s"]), env.Vals["c"]
			return 4*about(mu, v, c/2, 2) + about(mu, v, 0, 3) + 2*about(mu, v, 0, 2) + mu
		}},
		{"sum(d in 1..D, E(z ~ r, (z[d] - c)^3))", func(env *expr.Env) float64 {
			total := 0.0
			for d := range int(env.Vals["D"]) {
				total += about(env.Vecs["a"][d], sq(env.Vals["s"]), env.Vals["c"], 3)
			}
			return total
		}},
	}
	for _, c := range cases {
		start := expr.MustParse(c.src)
		en := &engine{ctx: p.Ctx, limits: DefaultLimits}
		out, _, err := en.run(start, phases)
		require.NoError(t, err, c.src)
		require.False(t, expr.Any(out, func(n expr.Expr) bool { _, ok := n.(*expr.Expect); return ok }),
			"%s left an expectation: %s", c.src, expr.String(out))
		points := p.SamplePoints(4, 3, start)
		require.NotEmpty(t, points)
		for _, env := range points {
			env.Vals["c"] = 0.7
			got, err := expr.Eval(out, env)
			require.NoError(t, err)
			want := c.want(env)
			require.InDelta(t, want, got, 1e-9*math.Max(1, math.Abs(want)), "%s = %s", c.src, expr.String(out))
			direct, err := expr.Eval(start, env)
			require.NoError(t, err)
			require.InDelta(t, want, direct, 1e-8*math.Max(1, math.Abs(want)), "quadrature of %s", c.src)
		}
	}
}

func sq(x float64) float64 { return x * x }

func binom(n, k int) float64 {
	out := 1.0
	for i := 1; i <= k; i++ {
		out = out * float64(n-k+i) / float64(i)
	}
	return out
}

// Quadratic forms and outer products under a multivariate Gaussian about
// any two points go through the trace trick and the second moments, and
// agree with the quadrature of the expectation itself.
func TestMultivariateQuadraticForms(t *testing.T) {
	p := load(t, "k: dim\nx, m, a, b: vector[k]\nS: matrix[k,k] spd\nA: matrix[k,k]\np(x) = MvNormal(x; m + a, 2*S)\n")
	var phases []phase
	for _, ph := range p.mvPlan() {
		switch ph.rule {
		case "substitute-densities", "expand-logarithms", "textbook-form":
		default:
			phases = append(phases, ph)
		}
	}
	for _, src := range []string{
		"E(x ~ p, (x - a)'*A*(x - b))",
		"E(x ~ p, (x - b)'*A*x)",
		"E(x ~ p, x'*A*(x + a - b))",
		"E(x ~ p, tr(A*(x - a)*(x - b)'))",
		"E(x ~ p, (x - b)'*(x - b))",
	} {
		start, _, err := p.Types.Check(expr.MustParse(src), nil, expr.Pos{})
		require.NoError(t, err, src)
		en := &engine{ctx: p.Ctx, limits: DefaultLimits}
		out, _, err := en.run(start, phases)
		require.NoError(t, err, src)
		require.False(t, expr.Any(out, func(n expr.Expr) bool { _, ok := n.(*expr.Expect); return ok }),
			"%s left an expectation: %s", src, expr.String(out))
		points := p.SamplePoints(4, 5, start)
		require.NotEmpty(t, points)
		for _, env := range points {
			got, err := expr.Eval(out, env)
			require.NoError(t, err, expr.String(out))
			want, err := expr.Eval(start, env)
			require.NoError(t, err, src)
			require.InDelta(t, want, got, 1e-8*math.Max(1, math.Abs(want)), "%s = %s", src, expr.String(out))
		}
	}
}
