package expr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The notation options change only the spellings they name, and the
// default is the zero Notation.
func TestNotation(t *testing.T) {
	for _, c := range []struct{ in, def, bars, cond string }{
		{"det(S)", `\det S`, `\lvert S \rvert`, `\det S`},
		{"log(det(Sigma_q))", `\log \det \Sigma_{q}`, `\log \lvert \Sigma_{q} \rvert`, `\log \det \Sigma_{q}`},
		{"log(det(S)/det(T))", `\log \frac{\det S}{\det T}`, `\log \frac{\lvert S \rvert}{\lvert T \rvert}`, `\log \frac{\det S}{\det T}`},
		// A power or a function after it keeps the parentheses; a name
		// goes before it.
		{"det(S)*gamma(x)", `\det(S) \Gamma(x)`, `\lvert S \rvert \Gamma(x)`, `\det(S) \Gamma(x)`},
		{"log(a/b)*gamma(x)", `\log\left(\frac{a}{b}\right) \Gamma(x)`, `\log\left(\frac{a}{b}\right) \Gamma(x)`, `\log\left(\frac{a}{b}\right) \Gamma(x)`},
		{"det(S)*x", `x \det S`, `x \lvert S \rvert`, `x \det S`},
		{"det(Sigma)^(1/2)", `\det(\Sigma)^{1/2}`, `\lvert \Sigma \rvert^{1/2}`, `\det(\Sigma)^{1/2}`},
		// Bars around anything but a matrix name read as abs; a diagonal
		// matrix's own parentheses say where the argument ends.
		{"det(diag(v))", `\det \operatorname{diag}(v)`, `\det \operatorname{diag}(v)`, `\det \operatorname{diag}(v)`},
		{"det(diag(v))^(1/2)", `\det(\operatorname{diag}(v))^{1/2}`, `\det(\operatorname{diag}(v))^{1/2}`, `\det(\operatorname{diag}(v))^{1/2}`},
		{"det(2*S)", `\det(2 S)`, `\det(2 S)`, `\det(2 S)`},
		// A short exponent is a superscript; a tall one, a power of it or
		// one before a factor keeps \exp(...).
		{"exp(v)", `e^{v}`, `e^{v}`, `e^{v}`},
		{"exp(-x)", `e^{-x}`, `e^{-x}`, `e^{-x}`},
		{"exp(v)^2", `\exp(v)^{2}`, `\exp(v)^{2}`, `\exp(v)^{2}`},
		{"exp(-x^2/2)", `\exp(-x^{2}/2)`, `\exp(-x^{2}/2)`, `\exp(-x^{2}/2)`},
		{"exp(-x^2/(2*s))", `\exp\left(-\frac{x^{2}}{2 s}\right)`, `\exp\left(-\frac{x^{2}}{2 s}\right)`, `\exp\left(-\frac{x^{2}}{2 s}\right)`},
		{"Normal(x; m, s^2)", `\mathcal{N}(x;\, m, s^{2})`, `\mathcal{N}(x;\, m, s^{2})`, `\mathcal{N}(x \mid m, s^{2})`},
	} {
		x := MustParse(c.in)
		assert.Equal(t, c.def, Format(x, LaTeX), c.in)
		assert.Equal(t, c.def, Notation{}.Format(x, LaTeX), c.in)
		assert.Equal(t, c.bars, Notation{DetBars: true}.Format(x, LaTeX), c.in)
		assert.Equal(t, c.cond, Notation{CondBar: true}.Format(x, LaTeX), c.in)
		// The input syntax and Unicode do not change.
		assert.Equal(t, String(x), Notation{DetBars: true, CondBar: true}.Format(x, Plain))
		assert.Equal(t, Format(x, Unicode), Notation{DetBars: true, CondBar: true}.Format(x, Unicode))
	}
}

// Square roots of names and numbers in one product are one root in text,
// where a person writes them; a determinant keeps its power,
// det(Σ)^(1/2). LaTeX and the input syntax keep the powers, which their
// readers read back as the same tree.
func TestSquareRootsJoin(t *testing.T) {
	for _, c := range []struct{ in, text string }{
		{"2^(1/2)*v^(1/2)*exp(-x)/(s*pi^(1/2))", "sqrt(2·v)·exp(-x)/(s·sqrt(π))"},
		{"m/(2^(1/2)*v^(1/2))", "m/sqrt(2·v)"},
		{"v^(1/2)", "sqrt(v)"},
		{"a*det(S)^(1/2)", "a·det(S)^(1/2)"},
	} {
		x := MustParse(c.in)
		assert.Equal(t, c.text, Format(x, Unicode), c.in)
		assert.Equal(t, String(x), Format(x, Plain), c.in)
	}
	assert.Equal(t, `2^{1/2} v^{1/2}`, Format(MustParse("2^(1/2)*v^(1/2)"), LaTeX))
}

// The square root of a sum is a root, as a person writes it, in text and
// in LaTeX, in a numerator or a denominator, with any names; the input
// syntax keeps the power, and other powers of a sum stay powers.
func TestRootOfASumIsARoot(t *testing.T) {
	for _, c := range []struct{ in, text, tex string }{
		{"(1 - x)^(1/2)", "sqrt(1 - x)", `\sqrt{1 - x}`},
		{"y^(a - 1)/((1 - y)^(1/2)*beta(a, b))", "y^(a - 1)/(sqrt(1 - y)·B(a, b))", `\frac{y^{a - 1}}{\sqrt{1 - y} \mathrm{B}(a, b)}`},
		{"2*(u + w^2)^(1/2)*k", "2·k·sqrt(u + w²)", `2 k \sqrt{u + w^{2}}`},
		{"(1 - x)^(3/2)", "(1 - x)^(3/2)", `(1 - x)^{3/2}`},
	} {
		x := MustParse(c.in)
		assert.Equal(t, c.text, Format(x, Unicode), c.in)
		assert.Equal(t, c.tex, Format(x, LaTeX), c.in)
		assert.Equal(t, String(x), Format(x, Plain), c.in)
	}
}

// The fraction coefficients of one sum follow one convention: all in
// front when one must be, as a textbook writes 9/2·m²·τ + 1/2·τ·eᵛ -
// 1/2·v; a logarithm keeps ½ in front without deciding the others. Half
// a sum of names is their midpoint, (a + b)/2, and breaks inside its
// bracket as the whole prints.
func TestHalvesOneConventionPerSum(t *testing.T) {
	for _, c := range []struct{ in, text string }{
		{"9/2*tau*m^2 + 1/2*tau*exp(v) - 1/2*v - 1/2", "9/2·m²·τ + 1/2·τ·exp(v) - 1/2·v - 1/2"},
		{"-1/2*k + 1/2*tr(S) - 1/2*log(det(S))", "-1/2·k + 1/2·tr(S) - 1/2·log(det(S))"},
		{"-1/2*k + 1/2*m^2 - 1/2*log(det(S))", "-k/2 + m²/2 - 1/2·log(det(S))"},
		{"(1/2*(a + b) - m)^2", "((a + b)/2 - m)²"},
		{"log(1/2*v) - 1/2*v*exp(v)", "log(v/2) - 1/2·v·exp(v)"},
	} {
		x := MustParse(c.in)
		assert.Equal(t, c.text, Format(x, Unicode), c.in)
		pc := Notation{}.Break(x, Unicode)
		assert.Equal(t, c.text, pc.Text, c.in)
	}
	open, terms, close := Pieces(MustParse("1/2*(a + b - c)"), Unicode)
	assert.Equal(t, []string{"(", "a", "+ b", "- c", ")/2"}, append(append([]string{open}, terms...), close))
}
