package expr

import (
	"github.com/klderive/klderive/internal/corpus"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrintParseRoundTrip(t *testing.T) {
	for _, src := range corpus.Expressions {
		x, err := ParseExpr(src)
		require.NoError(t, err, src)
		printed := String(x)
		y, err := ParseExpr(printed)
		require.NoError(t, err, "reparsing %q printed from %q", printed, src)
		if printed == src {
			assert.True(t, Equal(x, y), "%q does not parse back to the same tree", src)
		}
		assert.Equal(t, printed, String(y), "printing is not idempotent for %q", src)
	}
}

func TestPrintForms(t *testing.T) {
	cases := map[string]string{
		"1/2*log(x)":          "1/2*log(x)",
		"log(x)/2":            "1/2*log(x)",
		"a - b + -c":          "a - b - c",
		"(x - mu)^2/(2*s^2)":  "(x - mu)^2/(2*s^2)",
		"0.5":                 "1/2",
		"2^-1":                "1/2",
		"x*2":                 "2*x",
		"-(x - mu)^2/(2*s^2)": "-(x - mu)^2/(2*s^2)",
		"a^-1":                "1/a",
	}
	for in, want := range cases {
		assert.Equal(t, want, String(MustParse(in)), in)
	}
}

func TestUnicodeAndLaTeXNames(t *testing.T) {
	x := MustParse("sigma_1^2 + mu2 + Sigma_q + logvar")
	assert.Equal(t, "σ₁² + μ₂ + Σ_q + logvar", Format(x, Unicode))
	assert.Equal(t, `\sigma_{1}^{2} + \mu_{2} + \Sigma_{q} + \mathit{logvar}`, Format(x, LaTeX))
	for _, n := range []string{"sigma1", "sigma_1", "sigma_{1}", "σ₁", "σ_1"} {
		assert.Equal(t, "sigma_1", Canonical(n), n)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct{ src, want string }{
		{"p(x) = Normal(x; mu1, sigma1^2\n", "t.kl:1:31: expected \")\" but found end of line\np(x) = Normal(x; mu1, sigma1^2\n                              ^"},
		{"p(x) = 3 + * 2\n", "t.kl:1:12: expected an expression but found \"*\"\np(x) = 3 + * 2\n           ^"},
		{"derive log(x)\n", "t.kl:1:8: a goal is KL(p || q), H(p), H(p, q) or I(p), not log(x)\nderive log(x)\n       ^"},
		{"assume s\n", "t.kl:1:1: an assumption must be a comparison such as \"assume s > 0\"\nassume s\n^"},
		// Names that would print like another name.
		{"p(x) = Normal(x; a_, 1)\n", "t.kl:1:18: the name a_ ends in _; a subscript follows the _, as in a_1\np(x) = Normal(x; a_, 1)\n                 ^"},
		{"p(x) = Normal(x; a__b, 1)\n", "t.kl:1:18: the name a__b has a doubled _; write one, as in a_b\np(x) = Normal(x; a__b, 1)\n                 ^"},
		{"k, m_: dim\n", "t.kl:1:4: the name m_ ends in _; a subscript follows the _, as in m_1\nk, m_: dim\n   ^"},
		{"p_(x) = Normal(x; 0, 1)\n", "t.kl:1:1: the name p_ ends in _; a subscript follows the _, as in p_1\np_(x) = Normal(x; 0, 1)\n^"},
		// Reserved names.
		{"log(x) = Normal(x; 0, 1)\n", "t.kl:1:1: log is a built-in function and cannot be a density; choose another name\nlog(x) = Normal(x; 0, 1)\n^"},
		{"p(pi) = Normal(pi; 0, 1)\n", "t.kl:1:3: pi is a constant and cannot be a variable; choose another name\np(pi) = Normal(pi; 0, 1)\n  ^"},
		{"p(x) = Normal(x; log, 1)\n", "t.kl:1:18: log is a function, not a value; call it as log(...)\np(x) = Normal(x; log, 1)\n                 ^"},
		{"p(x) = Normal(x; 0, 1)*E\n", "t.kl:1:24: E is a keyword, not a value; call it as E(...)\np(x) = Normal(x; 0, 1)*E\n                       ^"},
		{"p(x) = Normal(x; 0, 1)\nderive KL(p || Normal)\n", "t.kl:2:16: Normal is a density family and cannot be a density; choose another name\nderive KL(p || Normal)\n               ^"},
		{"I: matrix[2,2]\n", "t.kl:1:1: I is the identity matrix and cannot be a declared symbol; choose another name\nI: matrix[2,2]\n^"},
		{"p(x) = E(x ~ exp, x)\n", "t.kl:1:14: exp is a built-in function and cannot be a density; choose another name\np(x) = E(x ~ exp, x)\n             ^"},
		{"p(x) = sum(e in 1..3, x)\n", "t.kl:1:12: e is a constant and cannot be an index; choose another name\np(x) = sum(e in 1..3, x)\n           ^"},
		{"p(x) = int(pi, x)\n", "t.kl:1:12: pi is a constant and cannot be a variable; choose another name\np(x) = int(pi, x)\n           ^"},
		// Unknown functions, anywhere in a density or an assumption.
		{"p(x) = sin(x)*Normal(x; 0, 1)\n", "t.kl:1:8: unknown function sin in the density p; known functions: log, exp, sqrt, abs, det, tr, inv, diag, gamma, lgamma, digamma, trigamma, beta, lbeta, erf, max, min, gammainc, betainc\np(x) = sin(x)*Normal(x; 0, 1)\n       ^"},
		{"p(x) = Weibull(x; 1, 2)\n", "t.kl:1:8: unknown family Weibull in the density p; known families: Bernoulli, Beta, Binomial, Categorical, Dirichlet, Exponential, Gamma, Geometric, HalfNormal, Laplace, LogNormal, MvNormal, Normal, Poisson, Uniform\np(x) = Weibull(x; 1, 2)\n       ^"},
		{"assume foo(s) > 0\n", "t.kl:1:8: unknown function foo; known functions: log, exp, sqrt, abs, det, tr, inv, diag, gamma, lgamma, digamma, trigamma, beta, lbeta, erf, max, min, gammainc, betainc\nassume foo(s) > 0\n       ^"},
	}
	for _, c := range cases {
		_, err := ParseFile("t.kl", c.src)
		var pe *Error
		require.ErrorAs(t, err, &pe, c.src)
		assert.Equal(t, c.want, pe.Pretty(c.src))
	}
}

func TestParseDepthBound(t *testing.T) {
	deep := ""
	for range 5000 {
		deep += "("
	}
	_, err := ParseExpr(deep + "x")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "nested too deeply")
}

func FuzzParseFile(f *testing.F) {
	for _, s := range corpus.Expressions {
		f.Add("p(x) = " + s + "\nderive KL(p || q)\n")
	}
	f.Add("k: dim\nx: vector[k]\nS: matrix[k,k] spd\n")
	f.Add("k: dim\nx, m: vector[k]\nS: matrix[k,k] spd\np(x) = MvNormal(x; m, S)\nq(x) = MvNormal(x; 0, I)\nderive KL(p || q)\n")
	f.Add("k: dim\nx, m: vector[k]\nA: matrix[k,2]\np(x) = exp(-1/2*(x - m)'*A^-1*(x - m))*det(A)^T\n")
	f.Add("k: dim\nx, s: vector[k]\np(x) = MvNormal(x; 0, diag(s^2)) * tr(inv(diag(s)) * I)\n")
	f.Add("((((((")
	f.Add("q(z | x, y) = Normal(z; a*x + y, 1)\np(z) = Normal(z; 0, 1)\nderive KL(q || p)\n")
	f.Add("q(z | ) = Normal(z; 0, 1)\nq(z | z) = 1\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, err := ParseFile("fuzz.kl", src)
		if err != nil {
			var pe *Error
			require.ErrorAs(t, err, &pe)
			_ = pe.Pretty(src)
			return
		}
		// The shape checker must reject or accept, never panic.
		if types, err := file.Types(); err == nil {
			for _, d := range file.Densities {
				if _, _, err := types.Check(d.Body, file.Where, d.Pos); err != nil {
					var pe *Error
					require.ErrorAs(t, err, &pe)
				}
			}
		}
		for _, d := range file.Densities {
			printed := String(d.Body)
			again, err := ParseExpr(printed)
			require.NoError(t, err, "printed %q", printed)
			require.Equal(t, printed, String(again))
		}
	})
}
