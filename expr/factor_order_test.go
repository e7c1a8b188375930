package expr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A product prints as a person writes it: the number, π, then names in
// reading order (letters, then subscripts as numbers), a density at its
// variable, sums, then functions, whatever order the tree holds them
// in, with other names and in a denominator too. A product that may
// hold a matrix keeps its order, and the input syntax keeps the tree's.
func TestPersonOrder(t *testing.T) {
	for _, c := range []struct{ in, text, tex string }{
		{"b*a", "a·b", `a b`},
		{"b_2*a_1/b_1", "a₁·b₂/b₁", `\frac{a_{1} b_{2}}{b_{1}}`},
		{"a10*a2*a1", "a₁·a₂·a₁₀", `a_{1} a_{2} a_{10}`},
		{"log(s)*t*2*pi", "2·π·t·log(s)", `2 \pi t \log s`},
		{"digamma(a)*(a - 1)*c", "c·(a - 1)·ψ(a)", `c (a - 1) \psi(a)`},
		{"exp(v)*(u + 1)*l", "l·(u + 1)·exp(v)", `l (u + 1) e^{v}`},
		{"p(x)*x^2", "x²·p(x)", `x^{2} p(x)`},
		{"log(q(x))*p(x)", "p(x)·log(q(x))", `p(x) \log q(x)`},
		{"sigma[d]*mu[d]", "μ[d]·σ[d]", `\mu_{d} \sigma_{d}`},
		{"b/(v*a)", "b/(a·v)", `\frac{b}{a v}`},
		// A ratio of Γs is a coefficient, written before the powers it
		// multiplies, in any names; a Γ alone keeps its place.
		{"p^k*(1 - p)^(m - k)*gamma(m + 1)/(gamma(k + 1)*gamma(m - k + 1))", "Γ(m + 1)·p^k·(1 - p)^(m - k)/(Γ(k + 1)·Γ(m - k + 1))", `\frac{\Gamma(m + 1) p^{k} (1 - p)^{m - k}}{\Gamma(k + 1) \Gamma(m - k + 1)}`},
		{"t^z*beta(z, 2)/beta(u, v)", "B(z, 2)·t^z/B(u, v)", `\frac{\mathrm{B}(z, 2) t^{z}}{\mathrm{B}(u, v)}`},
		{"a*gamma(a)", "a·Γ(a)", `a \Gamma(a)`},
		// Matrices do not commute.
		{"x'*A*x", "xᵀ·A·x", `x^{\top} A x`},
		{"inv(S)*S", "inv(S)·S", `S^{-1} S`},
	} {
		x := MustParse(c.in)
		assert.Equal(t, c.text, Format(x, Unicode), c.in)
		assert.Equal(t, c.tex, Format(x, LaTeX), c.in)
		assert.Equal(t, String(x), Format(x, Plain), c.in)
	}
	// A reader's own math shown back keeps the order they wrote.
	assert.Equal(t, "b₂·a₁/b₁", Notation{AsWritten: true}.Format(MustParse("b_2*a_1/b_1"), Unicode))
}

// A file ranks its parameters as its first goal names its densities,
// then as declared, and a product follows that rank before reading
// order: Binomial(x; m, b) against Binomial(x; n, a) is m·b·log(b/a).
func TestSymbolOrder(t *testing.T) {
	f, err := ParseFile("t.kl", "p(x) = Binomial(x; n, a)\nr(x) = Binomial(x; m, b)\nderive KL(r || p)\n")
	if !assert.NoError(t, err) {
		return
	}
	order := f.SymbolOrder()
	assert.Equal(t, map[string]int{"m": 0, "b": 1, "n": 2, "a": 3}, order)
	note := Notation{Order: order}
	assert.Equal(t, "m·b·log(b/a)", note.Format(MustParse("b*m*log(b/a)"), Unicode))
	assert.Equal(t, `\frac{m b}{n a}`, note.Format(MustParse("b*m/(a*n)"), LaTeX))
	// A name the problem does not rank follows, in reading order.
	assert.Equal(t, "m·b·c·z", note.Format(MustParse("z*c*b*m"), Unicode))
}
