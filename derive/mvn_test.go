package derive

import (
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmv"
)

const mvnDecls = "k: dim\nx, a, b: vector[k]\nA, B: matrix[k,k] spd\n"

// The multivariate examples derive the results of seed 002, verified in
// one, two, three and five dimensions.
func TestMultivariateExamples(t *testing.T) {
	cases := map[string]string{
		"mvn.kl":        "1/2*(log(det(Sigma_q)/det(Sigma_p)) + (mu_p - mu_q)'*inv(Sigma_q)*(mu_p - mu_q) + tr(inv(Sigma_q)*Sigma_p) - k)",
		"mvn-std.kl":    "1/2*(mu'*mu + tr(Sigma) - k - log(det(Sigma)))",
		"mvn-diag.kl":   "-1/2*sum(d in 1..k, 1 + log(sigma[d]^2) - mu[d]^2 - sigma[d]^2)",
		"vae-logvar.kl": "-1/2*sum(d in 1..k, 1 + lv[d] - mu[d]^2 - exp(lv[d]))",
	}
	for file, want := range cases {
		src, err := os.ReadFile("../examples/" + file)
		require.NoError(t, err)
		d := deriveAll(t, string(src))[0]
		assert.Equal(t, want, expr.String(d.Result), file)
		assert.Equal(t, []int{1, 2, 3, 5}, d.Verification.Dims, file)
		assert.LessOrEqual(t, len(d.Steps), 12, file)
	}
}

// The diagonal multivariate route and the univariate product route give
// the same sum over coordinates, symbolically.
func TestDiagonalRoutesAgree(t *testing.T) {
	mv, err := os.ReadFile("../examples/mvn-diag.kl")
	require.NoError(t, err)
	uni, err := os.ReadFile("../examples/diag-normal.kl")
	require.NoError(t, err)
	a := deriveAll(t, string(mv))[0].Result
	b := deriveAll(t, string(uni))[0].Result
	assert.Equal(t, expr.String(b), strings.ReplaceAll(expr.String(a), "1..k", "1..D"))
}

// The result is checked against an independent implementation, gonum's
// distmv KL between Normals, with random SPD matrices in several sizes,
// k = 5 included.
func TestMultivariateAgainstGonum(t *testing.T) {
	d := deriveAll(t, mvnDecls+"p(x) = MvNormal(x; a, A)\nq(x) = MvNormal(x; b, B)\nderive KL(p || q)\n")[0]
	rng := rand.New(rand.NewPCG(5, 6))
	for _, k := range []int{1, 2, 3, 5} {
		A, B := spd(rng, k, 0.5), spd(rng, k, 0.5)
		a, b := vec(rng, k), vec(rng, k)
		env := &expr.Env{Vals: map[string]float64{"k": float64(k)}, Vecs: map[string][]float64{"a": a, "b": b},
			Mats: map[string]*mat.Dense{"A": dense(A), "B": dense(B)}}
		got, err := expr.Eval(d.Result, env)
		require.NoError(t, err)
		p, ok := distmv.NewNormal(a, A, nil)
		require.True(t, ok)
		q, ok := distmv.NewNormal(b, B, nil)
		require.True(t, ok)
		want := distmv.KullbackLeibler{}.DistNormal(p, q)
		assert.InDelta(t, want, got, 1e-9*max(1, want), "k = %d", k)
	}
}

// Held-out problems: other names, the reverse direction, a standard
// Normal written as MvNormal(x; 0, I) first.
func TestMultivariateHeldOut(t *testing.T) {
	cases := map[string]string{
		mvnDecls + "f(x) = MvNormal(x; b, B)\ng(x) = MvNormal(x; a, A)\nderive KL(f || g)\n": "1/2*(log(det(A)/det(B)) + (b - a)'*inv(A)*(b - a) + tr(inv(A)*B) - k)",
		mvnDecls + "f(x) = MvNormal(x; 0, I)\ng(x) = MvNormal(x; a, A)\nderive KL(f || g)\n": "1/2*(log(det(A)) + a'*inv(A)*a + tr(inv(A)) - k)",
		// Precision matrices.
		mvnDecls + "f(x) = MvNormal(x; a, inv(A))\ng(x) = MvNormal(x; b, inv(B))\nderive KL(f || g)\n": "1/2*(log(det(A)/det(B)) + (a - b)'*B*(a - b) + tr(B*inv(A)) - k)",
		// A density written out as the formula, recognised as MvNormal.
		mvnDecls + "f(x) = (2*pi)^(-k/2) * det(A)^(-1/2) * exp(-1/2 * (x - a)' * inv(A) * (x - a))\ng(x) = MvNormal(x; 0, I)\nderive KL(f || g)\n": "1/2*(a'*a + tr(A) - k - log(det(A)))",
	}
	for src, want := range cases {
		d := deriveAll(t, src)[0]
		assert.Equal(t, want, expr.String(d.Result), src)
	}
}

func TestShapeErrors(t *testing.T) {
	cases := map[string]string{
		"k: dim\nx: vector[k]\nS: matrix[k,2]\np(x) = MvNormal(x; 0, S)\n":  "t.kl:4:8: the covariance of MvNormal must be a matrix[k,k], but S is a matrix[k,2]",
		"k: dim\nx, m: vector[k]\nA: matrix[k,k] spd\np(x) = exp(-x*A*m)\n": "t.kl:4:12: cannot multiply x by A: x is a vector[k] and A is a matrix[k,k]",
		"k: dim\nx: vector[k]\np(x) = exp(-det(x))\n":                       "t.kl:3:13: det takes a square matrix, but x is a vector[k]",
		"x: vector[n]\n": "t.kl:1:11: the dimension n is not declared; add \"n: dim\"",
		// Elementwise functions take a vector, not a matrix.
		"k: dim\nx, m: vector[k]\nS: matrix[k,k] spd\np(x) = MvNormal(x; m, diag(exp(S)))\n": "t.kl:4:28: exp takes a scalar, but S is a matrix[k,k]",
		"k: dim\nx, m: vector[k]\np(x) = MvNormal(x; log(m), exp(m))\n":                      "t.kl:3:8: the covariance of MvNormal must be a matrix[k,k], but exp(m) is a vector[k]",
	}
	for src, want := range cases {
		f, err := expr.ParseFile("t.kl", src)
		require.NoError(t, err, src)
		_, err = Load(f)
		require.Error(t, err, src)
		assert.Equal(t, want, err.Error(), src)
	}
}

// spd is B Bᵀ + shift·I for B with entries from [-1, 1].
func spd(rng *rand.Rand, k int, shift float64) *mat.SymDense {
	b := mat.NewDense(k, k, nil)
	b.Apply(func(i, j int, _ float64) float64 { return -1 + 2*rng.Float64() }, b)
	out := mat.NewSymDense(k, nil)
	out.SymOuterK(1, b)
	for i := range k {
		out.SetSym(i, i, out.At(i, i)+shift)
	}
	return out
}

func vec(rng *rand.Rand, k int) []float64 {
	out := make([]float64, k)
	for i := range out {
		out[i] = -1 + 2*rng.Float64()
	}
	return out
}

func dense(s *mat.SymDense) *mat.Dense { return mat.DenseCopyOf(s) }

// A covariance written B' (the transpose of a declared spd matrix): the
// trace tr(inv(B')·B') closes to k, and tr(a·b') of vectors alone is
// taken as the quadratic form b'·a. Matched with a = inv(B'), b = B, it
// had become the matrix B'·inv(B') in a scalar result.
func TestTransposedCovariance(t *testing.T) {
	p := load(t, "k: dim\nx, a: vector[k]\nB: matrix[k,k] spd\np(x) = MvNormal(x; a, B')\nderive H(p)\n")
	d, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.NoError(t, err)
	assert.Equal(t, "1/2*(log(det(B')) + k + k*log(2*pi))", expr.String(d.Result))
	assert.True(t, d.Verification.Direct)
	for _, s := range d.Steps {
		assert.NotContains(t, expr.String(s.After), "B'*inv(B')", s.Rule)
	}
}
