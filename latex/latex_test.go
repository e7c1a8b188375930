package latex

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/corpus"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// texOpt declares the densities of the seed derivations as functions.
var texOpt = Options{Funcs: map[string]bool{"p": true, "q": true, "P": true, "Q": true}}

type texCase struct{ src, want string }

// checkTeX parses each case and compares it, printed in the input
// syntax, with want.
func checkTeX(t *testing.T, cases []texCase) {
	t.Helper()
	for _, c := range cases {
		x, err := Parse(c.src, texOpt)
		if assert.NoError(t, err, c.src) {
			assert.Equal(t, c.want, expr.String(x), c.src)
		}
	}
}

// checkTeXErrors parses each case and compares the one-line error.
func checkTeXErrors(t *testing.T, cases []texCase) {
	t.Helper()
	for _, c := range cases {
		_, err := Parse(c.src, texOpt)
		var e *expr.Error
		if assert.ErrorAs(t, err, &e, c.src) {
			assert.Equal(t, c.want, e.Error(), c.src)
		}
	}
}

func TestLaTeXNumbersAndNames(t *testing.T) {
	checkTeX(t, []texCase{
		{`0.5`, "1/2"},
		{`12`, "12"},
		{`x`, "x"},
		{`\sigma_1 + \sigma_{1} + sigma1 + σ₁ + σ_1`, "sigma_1 + sigma_1 + sigma_1 + sigma_1 + sigma_1"},
		{`\mu_p + \Sigma_{q} + \mu_{\theta}`, "mu_p + Sigma_q + mu_theta"},
		{`\varepsilon + \epsilon + \varphi`, "epsilon + epsilon + phi"},
		{`\pi + 2pi`, "pi + 2*pi"},
		{`\mathbf{I} + I_k + \mathbf{x} + \boldsymbol{\mu}`, "I + I + x + mu"},
		{`\mathit{logvar}`, "logvar"},
		{`x_{12}`, "x_12"},
	})
	// x_12 is x_{1}2 in LaTeX: a number after a factor is refused.
	checkTeXErrors(t, []texCase{
		{`x_12`, "<input>:1:4: a number right after a factor reads ambiguously; write \\cdot before 2"},
		{`sqrt(x)`, `<input>:1:1: "sqrt" reads as a product of letters; write \sqrt`},
	})
}

func TestLaTeXArithmetic(t *testing.T) {
	checkTeX(t, []texCase{
		{`a + b - c`, "a + b - c"},
		{`-x^2`, "-x^2"},
		{`a - -b`, "a + b"},
		{`2\pi\sigma^2`, "2*pi*sigma^2"},
		{`(a)(b)`, "a*b"},
		{`a \cdot b \times c * d`, "a*b*c*d"},
		{`x \cdot 2`, "2*x"},
		{`a/b/c`, "a/(b*c)"},
		{`\frac{1}{2} + \dfrac{a}{b} + \tfrac12 x + \frac1{2} y`, "1/2 + a/b + 1/2*x + 1/2*y"},
		{`\frac{x - \mu}{\sigma}`, "(x - mu)/sigma"},
		{`x^2`, "x^2"},
		{`x^{-1} + A^{-1}`, "1/x + 1/A"},
		{`{\sigma_{2}}^{2}`, "sigma_2^2"},
		{`[a + b]c + \{a\}`, "(a + b)*c + a"},
		{`\left( a \right) \bigl( b \bigr) \Big[ c \Big]`, "a*b*c"},
		{`\left. x + 1 \right.`, "x + 1"},
	})
}

func TestLaTeXRoots(t *testing.T) {
	checkTeX(t, []texCase{
		{`\sqrt{x}`, "sqrt(x)"},
		{`\sqrt2`, "sqrt(2)"},
		{`\sqrt[3]{x}`, "x^(1/3)"},
		{`\frac{1}{\sqrt{2\pi\sigma^2}}`, "1/sqrt(2*pi*sigma^2)"},
	})
}

func TestLaTeXLogAndExp(t *testing.T) {
	checkTeX(t, []texCase{
		{`\frac{1}{2}\log 2\pi{\sigma_{2}}^{2}`, "1/2*log(2*pi*sigma_2^2)"},
		{`\log 2\pi\sigma^2`, "log(2*pi*sigma^2)"},
		{`\frac{1}{2}\log\frac{a}{b}`, "1/2*log(a/b)"},
		{`\log(2\pi) \sigma`, "log(2*pi)*sigma"},
		{`\log x + y`, "log(x) + y"},
		{`\log a \cdot b`, "log(a)*b"},
		{`\log a \log b`, "log(a)*log(b)"},
		{`\ln x`, "log(x)"},
		{`\log\left[\frac{1}{\sqrt{2\pi}} e^{-x}\right]`, "log(exp(-x)/sqrt(2*pi))"},
		{`\left(\log x\right)^2`, "log(x)^2"},
		{`e^{x} + \exp(x) + \exp x + e^x + \mathrm{e}^{x}`, "exp(x) + exp(x) + exp(x) + exp(x) + exp(x)"},
		{`e^{-\frac{(x-\mu_{2})^{2}}{2{\sigma_{2}}^{2}}}`, "exp(-(x - mu_2)^2/(2*sigma_2^2))"},
		{`e`, "e"},
	})
}

func TestLaTeXExpectation(t *testing.T) {
	checkTeX(t, []texCase{
		{`\mathbb{E}_{x\sim p}[f]`, "E(x ~ p, f)"},
		{`\mathbb{E}_{x \sim p(x)}[f]`, "E(x ~ p, f)"},
		{`\mathbb{E}_{X\sim P(x)}\left[X^{2}\right]`, "E(X ~ P, X^2)"},
		{`{\mathbb{E}_{X\sim P(x)}}\left[X^{2}\right]`, "E(X ~ P, X^2)"},
		{`\mathbb{E}_{q(z)}[z]`, "E(z ~ q, z)"},
		{`\mathbb{E}_{z \sim q_\phi}[z]`, "E(z ~ q_phi, z)"},
	})
	// With no variable written, Var is S("") for the checker to fill.
	for _, src := range []string{`\mathbb E_{p}[f]`, `E_p[f]`, `\mathbb{E}_p(f)`} {
		x, err := Parse(src, texOpt)
		require.NoError(t, err, src)
		assert.Equal(t, &expr.Expect{Var: expr.S(""), Dist: "p", Body: expr.S("f")}, x, src)
	}
	x, err := Parse(`\Big\langle x^2 \Big\rangle`, texOpt)
	require.NoError(t, err)
	assert.Equal(t, &expr.Expect{Var: expr.S(""), Dist: "", Body: expr.Power(expr.S("x"), expr.N(2))}, x)
	checkTeX(t, []texCase{{`\langle x \rangle_{x \sim q}`, "E(x ~ q, x)"}})
	// \mathrm{E}(\ln X), as StatProofBook writes a mean, is an expectation;
	// where the document defines a function E it is a call of it.
	x, err = Parse(`\mathrm{E}(\ln X)`, texOpt)
	require.NoError(t, err)
	assert.Equal(t, &expr.Expect{Var: expr.S(""), Dist: "", Body: expr.Fn("log", expr.S("X"))}, x)
	x, err = Parse(`\mathrm{E}(X)`, Options{Funcs: map[string]bool{"E": true}})
	require.NoError(t, err)
	assert.Equal(t, expr.Fn("E", expr.S("X")), x)
}

func TestLaTeXIntegral(t *testing.T) {
	checkTeX(t, []texCase{
		{`\int f \,dx`, "int(x, f)"},
		{`\int f\, \mathrm{d}x`, "int(x, f)"},
		{`\int_{-\infty}^{+\infty} f dx`, "int(x, f)"},
		{`\int_{-\infty}^{\infty} f \, d x`, "int(x, f)"},
		{`\int_{\mathbb{R}} f dx`, "int(x, f)"},
		{`\int q(z) \log p(z) dz`, "int(z, q(z)*log(p(z)))"},
		{`\int p(x) (a + b) dx - c`, "int(x, p(x)*(a + b)) - c"},
		{`-\frac{1}{2}\log 2\pi\sigma^{2}\int P(x)\mathrm{d}x`, "-1/2*log(2*pi*sigma^2)*int(x, P(x))"},
		{`\int \int f dx dy`, "int(y, int(x, f))"},
	})
}

func TestLaTeXSumAndProduct(t *testing.T) {
	checkTeX(t, []texCase{
		{`\sum_{d=1}^{D} f`, "sum(d in 1..D, f)"},
		{`\sum_{d=1}^D (1 + \log\sigma_d^2) - x`, "sum(d in 1..D, 1 + log(sigma[d]^2)) - x"},
		{`\prod_{d=1}^{D} \mathcal{N}(z_d; \mu_d, \sigma_{d}^2)`, "prod(d in 1..D, Normal(z[d]; mu[d], sigma[d]^2))"},
		{`\sum_{d=1}^{D} -\frac{1}{2} \sigma_{1,d}`, "sum(d in 1..D, -1/2*sigma_1[d])"},
		{`\sum\limits_{i = 0}^{n-1} x_i`, "sum(i in 0..n - 1, x[i])"},
		{`-\frac{1}{2} \sum_{d=1}^D (1 + \log(\sigma^2))`, "-1/2*sum(d in 1..D, 1 + log(sigma^2))"},
	})
	x, err := Parse(`\sum_{d=1}^{D} f`, texOpt)
	require.NoError(t, err)
	assert.Equal(t, &expr.Big{Op: "sum", Index: "d", Lo: expr.N(1), Hi: expr.S("D"), Body: expr.S("f")}, x)
}

func TestLaTeXMatrixFunctions(t *testing.T) {
	checkTeX(t, []texCase{
		{`\mathrm{tr}(A) + \text{tr}[A] + \operatorname{tr} A + \operatorname{Tr}(A)`, "tr(A) + tr(A) + tr(A) + tr(A)"},
		{`\det A + \det(\Sigma)`, "det(A) + det(Sigma)"},
		{`|\Sigma| + |x| + |\Sigma_q| + |X| + |x - 2|`, "det(Sigma) + abs(x) + det(Sigma_q) + det(X) + abs(x - 2)"},
		{`\left|x\right| \left|y\right|`, "abs(x)*abs(y)"},
		{`|a - |b||`, "abs(a - abs(b))"},
		{`\log |\Sigma_p|`, "log(det(Sigma_p))"},
		{`x^T + x^\top + x^{\mathrm{T}} + x^{T} + x^{\top}`, "x' + x' + x' + x' + x'"},
		{`\mu_p^T \mu_p`, "mu_p'*mu_p"},
		{`\text{tr}[\Sigma_q^{-1} \Sigma_p]`, "tr((1/Sigma_q)*Sigma_p)"},
		{`\begin{pmatrix}1 & 2\\ 3 & 4\end{pmatrix}`, "[[1, 2], [3, 4]]"},
		{`\begin{pmatrix}1 & 2\end{pmatrix}`, "[1, 2]"},
	})
	// A product with a transpose keeps its order as a matrix product.
	x, err := Parse(`\frac{1}{2} (x-\mu)^T \Sigma^{-1} (x-\mu)`, texOpt)
	require.NoError(t, err)
	xm := expr.Sub(expr.S("x"), expr.S("mu"))
	assert.Equal(t, expr.Prod(expr.R(1, 2), expr.MatProd(&expr.Transpose{X: xm}, expr.Power(expr.S("Sigma"), expr.N(-1)), xm)), x)
	x, err = Parse(`\mathrm{tr}(A B)`, texOpt)
	require.NoError(t, err)
	assert.Equal(t, expr.Fn("tr", expr.MatProd(expr.S("A"), expr.S("B"))), x)
}

func TestLaTeXNormal(t *testing.T) {
	checkTeX(t, []texCase{
		{`\mathcal{N}(x; \mu, \sigma^2)`, "Normal(x; mu, sigma^2)"},
		{`\mathcal{N}(x \mid \mu, \sigma^2)`, "Normal(x; mu, sigma^2)"},
		{`\mathcal{N}\left(z;\, 0, 1\right)`, "Normal(z; 0, 1)"},
	})
	// Two arguments have no variable.
	for _, src := range []string{`\mathcal{N}(\mu, \sigma^2)`, `N(\mu,\sigma^2)`, `\mathbb{N}(\mu, \sigma^2)`, `\mathbb N(\mu, \sigma^2)`} {
		x, err := Parse(src, texOpt)
		require.NoError(t, err, src)
		assert.Equal(t, expr.Fn("Normal", expr.S("mu"), expr.Power(expr.S("sigma"), expr.N(2))), x, src)
	}
	checkTeX(t, []texCase{{`N(x)`, "N*x"}})
}

func TestLaTeXInfo(t *testing.T) {
	checkTeX(t, []texCase{
		{`D_{KL}(P \| Q)`, "KL(P || Q)"},
		{`D_{\mathrm{KL}}\left(p \,\|\, q\right)`, "KL(p || q)"},
		{`KL(q||p)`, "KL(q || p)"},
		{`KL(q \parallel p)`, "KL(q || p)"},
		{`\mathrm{KL}[P\,||\,Q]`, "KL(P || Q)"},
		{`\mathbb{D}_{KL}(p||q)`, "KL(p || q)"},
		{`\mathbb D_{KL}(p||q)`, "KL(p || q)"},
		{`D_{KL}(P,Q)`, "KL(P || Q)"},
		{`D_{KL}(q(z) \| p(z))`, "KL(q || p)"},
		{`KL(q_\phi \| p_{\theta})`, "KL(q_phi || p_theta)"},
		{`H(p)`, "H(p)"},
		{`\mathbb{H}(p)`, "H(p)"},
		{`H(p, q)`, "H(p, q)"},
		{`\mathbb H(p,q)`, "H(p, q)"},
		{`H(x + 1)`, "H*(x + 1)"},
		{`K L(p)`, "K*L*p"},
	})
}

func TestLaTeXCalls(t *testing.T) {
	checkTeX(t, []texCase{
		{`p(x)`, "p(x)"},
		{`p\left(x\right)`, "p(x)"},
		{`r(x)`, "r*x"},
		{`q(z; \mu, \sigma^2)`, "q(z, mu, sigma^2)"},
		{`\log p(x) - \log q(x)`, "log(p(x)) - log(q(x))"},
		{`\log(p) - \log(q)`, "log(p) - log(q)"},
	})
}

func TestLaTeXLayout(t *testing.T) {
	checkTeX(t, []texCase{
		{`x + y.`, "x + y"},
		{`x + y,`, "x + y"},
		{`\displaystyle \large x \quad + \qquad y \, \; \! \ z`, "x + y*z"},
		{`x \label{eq:1} \tag{3} \nonumber`, "x"},
		{`\begin{equation} x \end{equation}`, "x"},
		{"x % a comment\n + y", "x + y"},
		{`a~b`, "a*b"},
	})
}

func TestLaTeXErrors(t *testing.T) {
	checkTeXErrors(t, []texCase{
		{`\operatorname{foo}(x)`, `<input>:1:1: unsupported LaTeX command \operatorname{foo}`},
		{`\mathrm{Cov}(x)`, `<input>:1:1: unsupported LaTeX command \mathrm{Cov}`},
		{`\sum_x p(x) f(x)`, `<input>:1:1: \sum_x, a sum over the values of a variable, is unsupported; write \sum_{d=1}^{D}`},
		{`\sum p \log q`, `<input>:1:1: \sum without limits is unsupported; write \sum_{d=1}^{D}`},
		{`a + \ldots + b`, `<input>:1:5: unsupported LaTeX command \ldots`},
		{`a + … + b`, `<input>:1:5: unsupported LaTeX command \ldots`},
		{`\mathbb{D}(X)`, `<input>:1:1: unsupported LaTeX command \mathbb{D}(...)`},
		{`\int dx\, f + g`, `<input>:1:13: \int dx f + g reads two ways; write \int dx\,(f + g) or \left(\int dx\, f\right) + g`},
		{`\int_0 f dx`, `<input>:1:1: an integral from "0" to "" is unsupported; write both limits, \int_a^b, or none for the whole real line`},
		{`\int^{\infty} f dx`, `<input>:1:1: an integral from "" to "\infty" is unsupported; write both limits, \int_a^b, or none for the whole real line`},
		{`\left( x \rangle`, `<input>:1:10: expected ")" to close the "(" at 1:6 but found "\rangle"`},
		{`\int q(z) \log q(z)`, `<input>:1:20: expected the differential (dx) of the integral at 1:1 but found the end of the math`},
		{`{x`, `<input>:1:1: unbalanced braces: { is never closed`},
		{`x}`, `<input>:1:2: unbalanced braces: } without a matching {`},
		{`(x`, `<input>:1:3: expected ")" to close the "(" at 1:1 but found the end of the math`},
		{`|x`, `<input>:1:3: expected | to close the | at 1:1 but found the end of the math`},
		{`\begin{aligned} x`, `<input>:1:1: \begin{aligned} is never ended`},
		{`\begin{cases} x \end{cases}`, `<input>:1:1: each row of cases is a value, &, and its condition`},
		{`\frac{1}{0}`, `<input>:1:1: division by zero`},
		{`x^2^3`, `<input>:1:4: double superscript; write {x^{a}}^{b}`},
		{`x^-1`, `<input>:1:3: expected a superscript or subscript but found "-"; use braces: ^{...}`},
		{`f'(x)`, `<input>:1:2: primes (derivatives) are unsupported`},
		{`\hat{x}`, `<input>:1:1: unsupported LaTeX command \hat`},
		{`\mathcal{N}(x; \mu)`, `<input>:1:12: a normal density is N(x; mean, variance) or N(mean, variance), not 2 arguments`},
		{`\mathbb{E}_{x \sim \mathcal{N}(0, 1)}[x]`, `<input>:1:20: a density family here is unsupported; name the density (x \sim p)`},
		{`\log_b x`, `<input>:1:5: a subscript on \log (another base) is unsupported unless it is a number other than 1, or e`},
		{`\log_1 x`, `<input>:1:5: a subscript on \log (another base) is unsupported unless it is a number other than 1, or e`},
		{`\exp_2 x`, `<input>:1:5: a subscript on \exp (another base) is unsupported`},
		{`\mathrm{Pr}(x)`, `<input>:1:12: Pr(…) is read only as Pr(X = a), the mass of the random variable X at a`},
		{`a = b`, `<input>:1:5: expected one expression, but found a relation (=) before "b"`},
		{``, `<input>:1:1: empty expression`},
		{`x \pm y`, `<input>:1:3: unsupported LaTeX command \pm`},
		{`x \in \mathbb{R}`, `<input>:1:3: unsupported LaTeX command \in`},
		{`\text{Cross Entropy}(q, p)`, `<input>:1:1: unsupported LaTeX command \text{Cross Entropy}`},
		{`\\`, `<input>:1:1: empty expression`},
	})
}

func TestLaTeXErrorPositions(t *testing.T) {
	// Positions are file positions: src starts at line 10, column 5.
	opt := Options{File: "d.md", Line: 10, Col: 5}
	_, err := Parse(`x + \foo`, opt)
	require.EqualError(t, err, `d.md:10:9: unsupported LaTeX command \foo`)
	_, err = Parse("x +\n  \\foo", opt)
	require.EqualError(t, err, `d.md:11:3: unsupported LaTeX command \foo`)
	var e *expr.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "d.md:11:3: unsupported LaTeX command \\foo\n  \\foo\n  ^", e.Pretty(strings.Repeat("\n", 9)+"    x +\n  \\foo"))
}

func chainOf(t *testing.T, src string) []string {
	t.Helper()
	parts, err := ParseChain(src, texOpt)
	require.NoError(t, err, src)
	var out []string
	for _, p := range parts {
		if p.Err != nil {
			var e *expr.Error
			require.ErrorAs(t, p.Err, &e)
			require.Nil(t, p.X)
			out = append(out, strings.TrimSpace(p.Op+" ! "+e.Error()))
			continue
		}
		out = append(out, strings.TrimSpace(p.Op+" "+expr.String(p.X)))
	}
	return out
}

func TestLaTeXChainAligned(t *testing.T) {
	src := `\begin{aligned}
KL(q \parallel p) &= - \int q(z) \log p(z) dz + \int q(z) \log q(z) dz \label{eq:kl} \\
&= \int q(z) \log \frac{q(z)}{p(z)} dz \nonumber \\[4pt]
&\approx 0.
\end{aligned}`
	assert.Equal(t, []string{
		"KL(q || p)",
		"= -int(z, q(z)*log(p(z))) + int(z, q(z)*log(q(z)))",
		"= int(z, q(z)*log(q(z)/p(z)))",
		`\approx 0`,
	}, chainOf(t, src))

	parts, err := ParseChain(src, Options{File: "a.md", Line: 3, Col: 3, Funcs: texOpt.Funcs})
	require.NoError(t, err)
	require.Len(t, parts, 4)
	assert.Equal(t, expr.Pos{File: "a.md", Line: 4, Col: 1}, parts[0].Pos)
	assert.Equal(t, "KL(q \\parallel p)", parts[0].Src)
	assert.Equal(t, expr.Pos{File: "a.md", Line: 5, Col: 4}, parts[2].Pos)
}

func TestLaTeXChainRows(t *testing.T) {
	// Rows that begin with = continue the chain; a row after a trailing
	// relation completes it; "& +" continues the previous part; a row
	// without a relation starts a new chain.
	src := `a = b \\ = c \\ d = \\ e + f \\ & + g \\ x \sim \mathcal{N}(0, 1) \\ y := 2`
	assert.Equal(t, []string{
		"a", "= b", "= c",
		"d", "= e + f + g",
		"x", `\sim Normal(0, 1)`,
		"y", ":= 2",
	}, chainOf(t, src))

	// A block that begins with a relation continues an earlier block.
	assert.Equal(t, []string{"= 1/2*k"}, chainOf(t, `= \frac{k}{2}`))
	// A broken part keeps its place; the chain goes on.
	assert.Equal(t, []string{
		"a", "= ! <input>:1:5: unsupported LaTeX command \\foo", "= c", "= ! <input>:1:14: nothing follows =",
	}, chainOf(t, `a = \foo = c =`))
	assert.Empty(t, chainOf(t, ` \\ `))
	assert.Equal(t, []string{"a", `\leq 1`, `\geq 2`, `\neq 3`, "< 4", `\leq 5`}, chainOf(t, `a \le 1 \geq 2 \ne 3 < 4 <= 5`))
	// Relations inside braces and brackets do not split.
	assert.Equal(t, []string{"sum(d in 1..D, x[d])", "= E(x ~ p, x)"}, chainOf(t, `\sum_{d=1}^{D} x_d = \mathbb{E}_{x \sim p}[x]`))
}

func TestLaTeXChainErrors(t *testing.T) {
	for src, want := range map[string]string{
		`\begin{aligned} a \end{align}`:      `<input>:1:19: \end{align} does not match \begin{aligned} at 1:1`,
		`a \end{aligned}`:                    `<input>:1:3: \end{aligned} without a \begin`,
		`\left( x`:                           ``,
		`x \\`:                               ``,
		`\left`:                              `<input>:1:1: \left without a delimiter`,
		`\tag x`:                             `<input>:1:1: expected { after \tag`,
		`a \`:                                `<input>:1:3: a lone backslash at the end of the math`,
		strings.Repeat("x", expr.MaxInput+1): `<input>:1:1: input is larger than 1048576 bytes`,
	} {
		_, err := ParseChain(src, texOpt)
		if want == "" {
			assert.NoError(t, err, src)
			continue
		}
		var e *expr.Error
		if assert.ErrorAs(t, err, &e, src) {
			assert.Equal(t, want, e.Error())
		}
	}
}

// texRoundTrip extends the .kl corpus with more of what derivations print.
var texRoundTrip = []string{
	"2*pi*sigma^2", "a*b + c", "(a + b)*(c - d)", "-x", "x - 1/2", "log(2*pi) + 1",
	"sum(d in 1..D, log(sigma[d]))", "y*sum(d in 1..D, x[d])", "2*sum(d in 1..D, x[d]^2)",
	"E(z ~ q, log(q(z)) - log(p(z)))", "int(z, q(z)*log(q(z)))", "int(x, p(x))*y",
	"Normal(z; 0, 1)", "exp(-x^2/2)/sqrt(2*pi)", "sigma_1^2/(2*sigma_2^2)", "x^2*y^3",
	"1/(1 + x)", "(x - mu)^2", "logvar - mu^2", "exp(logvar)", "x^(-1/2)", "exp(x)^2",
	"sqrt(x)^3", "abs(x)^2", "det(S)", "tr(A*B)", "x'*A*x", "(x - mu)'*S^-1*(x - mu)",
	"log(det(S1)/det(S2))", "KL(q1 || p2)", "H(q)", "1/2*(mu'*mu + tr(S) - k - log(det(S)))",
	"-1/2*sum(d in 1..D, 1 + logvar[d] - mu[d]^2 - exp(logvar[d]))",
	"E(x ~ p, (x - m)^2)/(2*s^2)", "a/(b/c)", "(a/b)^2", "2^(-x)", "x^(2*y)",
}

// TestLaTeXPrintParse checks that the LaTeX printer and this parser
// agree: Format(e, LaTeX) parses back to e, up to the order of a
// product's factors, which LaTeX prints in a person's order: compared in
// Unicode, which prints them in that order too, and the LaTeX of what
// was read is the LaTeX it was read from.
func TestLaTeXPrintParse(t *testing.T) {
	checked := 0
	for _, src := range append(append([]string{}, corpus.Expressions...), texRoundTrip...) {
		x, err := expr.ParseExpr(src)
		require.NoError(t, err, src)
		if _, ok := x.(*expr.Rel); ok {
			continue
		}
		tex := expr.Format(x, expr.LaTeX)
		y, err := Parse(tex, Options{Funcs: map[string]bool{"p": true, "q": true}})
		if assert.NoError(t, err, "%s printed as %s", src, tex) {
			assert.Equal(t, expr.Format(x, expr.Unicode), expr.Format(y, expr.Unicode), "%s printed as %s", src, tex)
			assert.Equal(t, tex, expr.Format(y, expr.LaTeX), "%s printed as %s", src, tex)
			checked++
		}
	}
	assert.GreaterOrEqual(t, checked, 50)
}

func TestLaTeXDeepAndLarge(t *testing.T) {
	n := 10 << 20
	big := map[string]string{
		"braces":   strings.Repeat("{", n),
		"fracs":    strings.Repeat(`\frac`, n/5),
		"parens":   strings.Repeat("(", expr.MaxInput-10) + "x",
		"nested":   strings.Repeat(`\frac{1}{`, 100000) + "x" + strings.Repeat("}", 100000),
		"powers":   strings.Repeat("x^{", 200000) + "x" + strings.Repeat("}", 200000),
		"roots":    strings.Repeat(`\sqrt`, 200000) + "x",
		"bars":     strings.Repeat("|", expr.MaxInput-10),
		"unclosed": strings.Repeat("{", expr.MaxInput-10),
	}
	for name, src := range big {
		_, err := Parse(src, texOpt)
		var e *expr.Error
		assert.ErrorAs(t, err, &e, name)
	}
	// A long flat expression is read whole; BenchmarkLaTeXFlatSum shows the
	// time is linear in its length.
	x, err := Parse(strings.Repeat("a+", 200000)+"a", texOpt)
	require.NoError(t, err)
	assert.Len(t, x.(*expr.Add).Terms, 200001)
}

// BenchmarkLaTeXFlatSum reads flat sums of growing length: the time per
// term stays flat when reading is linear.
func BenchmarkLaTeXFlatSum(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		src := strings.Repeat("a+", n) + "a"
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse(src, texOpt); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n+1), "ns/term")
		})
	}
}

func FuzzLaTeX(f *testing.F) {
	for _, s := range append(append([]string{}, corpus.Expressions...), texRoundTrip...) {
		if x, err := expr.ParseExpr(s); err == nil {
			f.Add(expr.Format(x, expr.LaTeX))
		}
	}
	for _, s := range texSeeds {
		f.Add(s)
	}
	for _, s := range []string{
		`\int_0^\infty \frac{\beta^\alpha}{\Gamma(\alpha)} x^{\alpha - 1} e^{-\beta x} \log x \,dx = \psi(\alpha) - \log\beta`,
		`\log\mathrm{B}(a, b) = \log\Gamma(a) + \log\Gamma(b) - \log\Gamma(a + b)`,
		`\int_{0}^{1} \frac{x^{a-1}(1-x)^{b-1}}{\operatorname{B}(a,b)} \mathrm{d}x = \operatorname{erf}(\infty`,
		`\sum_{x=0}^{n} {n \choose x} p^x (1-p)^{n-x}`, `\binom{n}{x}`, `{n \choose}`, `\binom`, `x^23`, `{\mathbb{E}_{x_12`, `H(p_12`, `\left|\left|x\right|\right|`,
		`\begin{pmatrix}1\\\end{pmatrix}`, `\int\int dx`, `\sum_{d=1}^{\sum_{e=1}^{2}e} d`, `&+\\&-`,
		"\\\\[10px]&=", `\sqrt[0]{x}`, `0^{-1}`, `e^`, `\mathrm`, `KL(`, `E_`, `\mathbb`,
		`{a \over}`, `{\over b}`, `{\rm}`, `{\rm d}x`, `\mathrm{E}_`, `\mathrm{h}(`, `h(X`, `\mid\mid`,
		`a/b c`, `\log(a)^`, `\stackrel{`, `\stackrel{a}{=`, `\overset{}{}`, `\boldsymbol{`, `\mathbf 0`, `\vec{x_1}`, `\mathfrak{D}_{KL}(p`, `x \newline y`,
		// Plain letters, moments of a variable, sums over coordinates,
		// integrals over a domain, scripts in either order.
		`log(a)^2 + Tr(A B) - det[S`, `V(x) - E(X)^2 = Var(x`, `E(x`, `\sum_i \mu^2_i`, `\prod_{j}^{m}\sigma_j`,
		`\sum_i^`, `\mu^2_`, `\mu^2_i^3`, `\int_x p(x) \log p(x)`, `\int_{\mathcal X} p(x)`, `\int_z dz`, `\int_x p(z) dz`,
		`\text{diag}(\sigma_1^2,\ldots,\sigma^2_n)`, `\mathrm{diag}(a_1, \dots`, `\text{diag}(a_1, b`,
		// A bare divergence D(P||Q), and what only starts like one.
		`D(P||Q)`, `D(p \| q`, `D(P||`, `D(x|`, `D(P \parallel Q) = E_p|x - \mu|`, `KL_{loss} = D(`,
		// Evaluation brackets, whole and broken.
		`\int_a^b x \, dx = \left[ \frac{x^2}{2} \right]_a^b`, `\int_0^1 t\,dt = [t]^1_0`, `[x]_`, `[x]^{2`, `\left[x\right]^2_`, `\int x\,dx = [x]_{[x]_0^1}^2`,
		// Discrete notation: bases, masses, sums over sets.
		`\log_2 \mathrm{Pr}(X = 0)`, `\log_{10`, `\log_0 x`, `\Pr(X = `, `\Pr(X`, `p(X=0)`, `p(X=`, `\sum_{x \in \{0,1\}} p(x)`,
		`\sum_{x \in \{0, \ldots, n\}} x`, `\sum_{x \in \{`, `\sum_{x \in \mathcal{X}} p(x)`, `\sum_{x \in \mathcal{X}`,
		`\int_0^1 dx\, x`, `\int_a^b \, \mathrm{d}x`, `\int_x dy`, `n! + (n-1)!!`, `\ln \frac{a}{b} (b - a)`, `\ln a e^{b}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		fuzzChain(t, src, texOpt)
		fuzzChain(t, src, plainOpt)
	})
}

// plainOpt names random variables and a dimension, for E(x) and \sum_i.
var plainOpt = Options{Funcs: texOpt.Funcs, Vars: map[string]bool{"x": true, "X": true}, Dim: "n"}

// fuzzChain parses src: it ends in an error with a position or in parts
// that print.
func fuzzChain(t *testing.T, src string, opt Options) {
	t.Helper()
	{
		parts, err := ParseChain(src, opt)
		if err != nil {
			var e *expr.Error
			require.ErrorAs(t, err, &e)
			_ = e.Pretty(src)
			return
		}
		for _, p := range parts {
			if p.Err != nil {
				var e *expr.Error
				require.ErrorAs(t, p.Err, &e)
				require.NotContains(t, e.Msg, "internal error")
				require.Nil(t, p.X)
				continue
			}
			require.NotNil(t, p.X)
			_ = expr.String(p.X)
			_ = expr.Format(p.X, expr.LaTeX)
		}
		x, err := Parse(src, opt)
		if err != nil {
			var e *expr.Error
			require.ErrorAs(t, err, &e)
			return
		}
		require.NotNil(t, x)
		if texPrintAmbiguous(x) {
			return
		}
		// What the reader builds, the LaTeX printer writes back readably:
		// the same tree but for the order of a product's factors, which
		// the printer puts in a person's order (b a prints as a b), so
		// the two compare in Unicode, which orders them alike.
		tex := expr.Format(x, expr.LaTeX)
		y, err := Parse(tex, opt)
		require.NoError(t, err, "%s printed as %s", src, tex)
		require.Equal(t, expr.Format(logSpecials(x), expr.Unicode), expr.Format(logSpecials(y), expr.Unicode), "%s printed as %s", src, tex)
	}
}

// logSpecials writes log(Γ(a)) as log Γ(a) and log(B(a, b)) as
// log B(a, b): a textbook's \log\Gamma(a) is both, which the printer
// writes for either and the reader reads as the second. They are one
// function, defined for positive arguments alone.
func logSpecials(x expr.Expr) expr.Expr {
	return expr.Map(x, func(e expr.Expr) expr.Expr {
		if c, ok := e.(*expr.Call); ok && c.Fn == "log" && len(c.Args) == 1 {
			if in, ok := c.Args[0].(*expr.Call); ok && (in.Fn == "gamma" || in.Fn == "beta") {
				return expr.Fn("l"+in.Fn, in.Args...)
			}
		}
		return e
	})
}

// texPrintAmbiguous reports whether x holds what Format(x, LaTeX) is known
// not to print readably: a sum or product over an index followed by
// another factor (\sum_{d=1}^{D} x_d y reads as the sum of x_d y), a
// Normal without its variable, printed N(mu;\, v), a density's name
// times a bracket, p*(1 + x) or (1 + x)*p, which reads as the call
// p(1 + x), a symbol
// d in an integral, where d x reads as a differential, a sum over a
// support still unresolved, and a matrix
// product with a factor such as 2^{x} that the printer juxtaposes after
// another without \cdot.
func texPrintAmbiguous(x expr.Expr) bool {
	return expr.Any(x, func(n expr.Expr) bool {
		switch n := n.(type) {
		case *expr.MatMul:
			for i, f := range n.Factors {
				if s := expr.Format(f, expr.LaTeX); i > 0 && s[0] >= '0' && s[0] <= '9' {
					return true
				}
				if s, ok := f.(*expr.Sym); ok && texOpt.Funcs[s.Name] && i < len(n.Factors)-1 {
					return true
				}
			}
		case *expr.Integral:
			return expr.Any(n.Body, func(m expr.Expr) bool { return expr.Equal(m, expr.S("d")) })
		case *expr.Big:
			// \sum_x over a support: the checker puts the support's
			// ends in place of the marker before anything prints it.
			return n.Lo == OverSupport
		case *expr.Mul:
			for _, f := range n.Factors[:len(n.Factors)-1] {
				if _, ok := f.(*expr.Big); ok {
					return true
				}
			}
			// The printer puts names before brackets, so a density's
			// name that is a factor reads as a call wherever it stands
			// but last in both the tree's order and a person's.
			order := append([]expr.Expr(nil), n.Factors...)
			sort.SliceStable(order, func(i, j int) bool { return expr.FactorBefore(order[i], order[j], nil) })
			for _, fs := range [][]expr.Expr{n.Factors, order} {
				for _, f := range fs[:len(fs)-1] {
					if s, ok := f.(*expr.Sym); ok && texOpt.Funcs[s.Name] {
						return true
					}
				}
			}
		case *expr.Call:
			return n.Fn == "Normal" && len(n.Args) == 2
		}
		return false
	})
}

// texSeeds are the math blocks of the hand derivations in ../shared/seeds.
var texSeeds = []string{
	// 000: KL between two Gaussians, by integrals.
	`D_{KL}(P,Q)=\int_{-\infty}^{+\infty}P(x)\log\frac{P(x)}{Q(x)} \mathrm{d}x`,
	`\int_{-\infty}^{+\infty}P(x)\log Q(x) \mathrm{d}x=\int_{-\infty}^{+\infty}P(X)\log\left[\frac{1}{\sqrt{2\pi{\sigma_{2}}^{2}}}
e^{-\frac{(x-\mu_{2})^{2}}{2{\sigma_{2}}^{2}}}\right]\mathrm{d}x\\
=\int_{-\infty}^{+\infty}P(x)\left[\log\frac{1}{\sqrt{2\pi{\sigma_{2}}^{2}}}-\frac{(x-\mu_{2})^{2}}{2{\sigma_{2}}^{2}}\right]\mathrm{d}x\\
=-\frac{1}{2}\log 2\pi{\sigma_{2}}^{2}\int_{-\infty}^{+\infty}P(x)\mathrm{d}x - \frac{1}{2{\sigma_{2}}^{2}}\int_{-\infty}^{+\infty}P(x)(x-\mu_{2})^{2}\mathrm{d}x\\
=-\frac{1}{2}\log 2\pi{\sigma_{2}}^{2} - \frac{1}{2{\sigma_{2}}^{2}}\int_{-\infty}^{+\infty}P(x)\left(x^{2}-2\mu_{2}x +{\mu_{2}}^{2}\right)\mathrm{d}x\\
=-\frac{1}{2}\log 2\pi{\sigma_{2}}^{2} - \frac{1}{2{\sigma_{2}}^{2}}{\mathbb{E}_{X\sim P(x)}}\left[X^{2}-2\mu_{2}X +{\mu_{2}}^{2}\right]`,
	`{\mathbb{E}_{X\sim P(x)}}\left[X^{2}\right]={\sigma_{1}}^{2}+{\mu_{1}}^{2}`,
	`\int_{-\infty}^{+\infty}P(x)\log Q(x) \mathrm{d}x = 
-\frac{1}{2}\log 2\pi{\sigma_{2}}^{2} - \frac{1}{2{\sigma_{2}}^{2}}\left({\sigma_{1}}^{2}+{\mu_{1}}^{2}-2\mu_{1}\mu_{2}+{\mu_{2}}^{2}\right)\\
= -\frac{1}{2}\log 2\pi{\sigma_{2}}^{2} - \frac{1}{2{\sigma_{2}}^{2}}\left[{\sigma_{1}}^{2}+(\mu_{1}-\mu_{2})^{2}\right]`,
	`D_{KL}(P,Q)=\log \frac{\sigma_{2}}{\sigma_{1}} - \frac{1}{2} + \frac{1}{2{\sigma_{2}}^{2}}\left[{\sigma_{1}}^{2}+(\mu_{1}-\mu_{2})^{2}\right]`,
	// 001: the VAE KL, by entropy and cross-entropy.
	`\begin{aligned} KL(q \parallel p) &= - \int q(z) \log p(z) dz - (- \int q(z) \log q(z) dz) \\ &= - \int q(z) \log p(z) dz + \int q(z) \log q(z) dz \\ &= \int q(z) \log \frac{q(z)}{p(z)} \end{aligned}`,
	`q(z; \mu, \sigma^2) = \frac{1}{\sqrt{2\pi\sigma^2}} e^{-\frac{(z - \mu)^2}{2\sigma^2}}`,
	`\begin{aligned}\log q(z; \mu, \sigma^2) &= \log\left(\frac{1}{\sqrt{2\pi\sigma^2}}\right) + \left(-\frac{(z - \mu)^2}{2\sigma^2}\right) \\ &= -\frac{1}{2}\log(2\pi\sigma^2) - \frac{(z - \mu)^2}{2\sigma^2}\end{aligned}`,
	`\begin{aligned}-\int q(z) \log q(z) dz &= \int q(z) \left[ \frac{1}{2} \log(2\pi\sigma^2) + \frac{1}{2\sigma^2} (z - \mu)^2 \right] dz \\ &= \frac{1}{2} \log(2\pi\sigma^2) \int q(z) dz + \frac{1}{2\sigma^2} \int (z - \mu)^2 q(z) dz \\ &= \frac{1}{2} \log(2\pi\sigma^2) + \frac{1}{2} \\ &= \frac{1}{2} \log(2\pi) + \frac{1}{2} \log(\sigma^2) + \frac{1}{2}\end{aligned}`,
	`KL(q||p) = \frac{1}{2}\log(2\pi) + \frac{1}{2}(\mu^2 + \sigma^2) - \frac{1}{2}\log(2\pi) - \frac{1}{2}\log(\sigma^2) - \frac{1}{2} \\ = -\frac{1}{2}(1 + \log(\sigma^2) + -\mu^2 - \sigma^2)`,
	`KL(q||p) = -\frac{1}{2} \sum_{d=1}^D (1 + \log(\sigma^2) + -\mu^2 - \sigma^2)`,
	// 002: multivariate normals, by traces.
	`p(x) = \frac{1}{(2\pi)^{K/2} |\Sigma|^{1/2}} \exp \left[-\frac{1}{2} (x-\mu)^T \Sigma^{-1} (x-\mu) \right]`,
	`D_{KL}(P||Q) = E_p[\log(p) - \log(q)]`,
	`\frac{1}{2} E_p \left[\log \frac{|\Sigma_q|}{|\Sigma_p|} \right] - \frac{1}{2} E_p [(x-\mu_p)^T \Sigma_p^{-1} (x-\mu_p)] + \frac{1}{2} E_p [(x-\mu_p)^T \Sigma_q^{-1} (x-\mu_q)]`,
	`= \frac{1}{2} \text{tr}[\Sigma_p^{-1} \mathbb{E}_p[(x - \mu_p)(x - \mu_p)^T]]`,
	`= \frac{1}{2} \text{tr}[\mathbf{I}_k]`,
	`D_{KL}(p||q) = \frac{1}{2} \left[\log \frac{|\Sigma_q|}{|\Sigma_p|} - k + (\mu_p - \mu_q)^T \Sigma_q^{-1} (\mu_p - \mu_q) + \text{tr}[\Sigma_q^{-1} \Sigma_p] \right]`,
	`D_{KL}(p||q) = \frac{1}{2} [\mu_p^T \mu_p + \text{tr}[\Sigma_p] - k - \log |\Sigma_p|]`,
	// 003: KaTeX notes, with \mathbb letters, Unicode and \\[10px].
	"\\large\n\\mathbb E_{x \\sim p}[f(x)] \n= \\sum_x p(x) f(x)\n",
	"\\mathbb I(p) = - \\log p(x)\n ",
	"\\begin{aligned}\n\n& \\mathbb D_{KL}(p||q) = \n\\mathbb H(p,q) - \\mathbb H(p)\n\n\\\\[10px] &=\n\n\\mathbb E_{x \\sim p}[\\mathbb I(q)] \n- \\mathbb E_{x \\sim p}[\\mathbb I(p)]\n\n\\\\[10px] &=\n\n- \\sum p \\log q + \\sum p \\log p\n\\\\[10px] &=\n\\mathbb E_{x \\sim p}[\\log \\frac{p}{q}]\n\\\\[10px] &=\n\\mathbb E_{x \\sim p}[\\log p - \\log q]\n\n\\end{aligned}\n",
	"p: x \\sim \\mathbb N(\\mu_1, \\sigma_1^2)\n\\\\\nq: x \\sim \\mathbb N(\\mu_2, \\sigma_2^2)\n\\\\[10px]\n<> \\text{ denotes } \\mathbb E_{x \\sim p}\n\\\\\n\\langle x \\rangle = \\mu_1\n\\\\\n\\langle x^2 \\rangle = \\mu_1^2 + \\sigma_1^2\n",
	"\\begin{aligned}\n\n& \\mathbb D_{KL}(p||q) = \\int p \\log \\frac{p}{q}dx\n\n\\\\[10px] &=\n\\int \\mathbb N_1 \\log \\frac{\\mathbb N_1}{\\mathbb N_2} dx\n\n\\\\[10px] &=\n\\Big\\langle \\log \\frac{\\mathbb N_1}{\\mathbb N_2} \\Big\\rangle\n\n\\\\[10px] &=\n\\Big\\langle\\log\\big[(\\frac{σ_1}{σ_2})^{-1}\\exp(-\\frac{1}{2}…+\\frac{1}{2}…)\\big]\\Big\\rangle\n\n\\\\[10px] &=\n\\frac{1}{2}\\Big[-\\langle\\log\\frac{σ_1^2}{σ_2^2}\\rangle-\\frac{\\langle(x-μ_1)^2\\rangle}{σ_1^2}+\\frac{\\langle x^2+μ_2^2-2x μ_2\\rangle}{σ_2^2}\\Big]\n\n\\\\[10px] &=\n\\frac{1}{2}\\Big[-\\log\\frac{σ_1^2}{σ_2^2}-1+\\frac{σ_1^2}{σ_2^2}+ \\frac{(μ_1-μ_2)^2}{σ_2^2}\\Big]\n\n\\end{aligned}\n",
}

func TestLaTeXSeeds(t *testing.T) {
	chains := make([][]string, len(texSeeds))
	for i, src := range texSeeds {
		chains[i] = chainOf(t, src)
	}
	// 000: every line reads, including the braced expectation head.
	assert.Equal(t, []string{"KL(P || Q)", "= int(x, P(x)*log(P(x)/Q(x)))"}, chains[0])
	assert.Equal(t, []string{
		"int(x, P(x)*log(Q(x)))",
		"= int(x, P(X)*log(exp(-(x - mu_2)^2/(2*sigma_2^2))/sqrt(2*pi*sigma_2^2)))",
		"= int(x, P(x)*(log(1/sqrt(2*pi*sigma_2^2)) - (x - mu_2)^2/(2*sigma_2^2)))",
		"= -1/2*log(2*pi*sigma_2^2)*int(x, P(x)) - int(x, P(x)*(x - mu_2)^2)/(2*sigma_2^2)",
		"= -1/2*log(2*pi*sigma_2^2) - int(x, P(x)*(x^2 - 2*mu_2*x + mu_2^2))/(2*sigma_2^2)",
		"= -1/2*log(2*pi*sigma_2^2) - E(X ~ P, X^2 - 2*mu_2*X + mu_2^2)/(2*sigma_2^2)",
	}, chains[1])
	assert.Equal(t, []string{"E(X ~ P, X^2)", "= sigma_1^2 + mu_1^2"}, chains[2])
	assert.Equal(t, "= log(sigma_2/sigma_1) - 1/2 + (sigma_1^2 + (mu_1 - mu_2)^2)/(2*sigma_2^2)", chains[4][1])
	// 001: the last line of the first block has no differential.
	assert.Equal(t, []string{
		"KL(q || p)",
		"= -int(z, q(z)*log(p(z))) + int(z, q(z)*log(q(z)))",
		"= -int(z, q(z)*log(p(z))) + int(z, q(z)*log(q(z)))",
		"= ! <input>:1:186: expected the differential (dx) of the integral at 1:154 but found the end of the math",
	}, chains[5])
	assert.Equal(t, []string{"q(z, mu, sigma^2)", "= exp(-(z - mu)^2/(2*sigma^2))/sqrt(2*pi*sigma^2)"}, chains[6])
	assert.Equal(t, "= 1/2*log(2*pi*sigma^2)*int(z, q(z)) + int(z, (z - mu)^2*q(z))/(2*sigma^2)", chains[8][2])
	assert.Equal(t, "= -1/2*(1 + log(sigma^2) - mu^2 - sigma^2)", chains[9][2])
	assert.Equal(t, "= -1/2*sum(d in 1..D, 1 + log(sigma^2) - mu^2 - sigma^2)", chains[10][1])
	// 002: determinants, transposes, traces; a block may begin with =.
	assert.Equal(t, "= exp(-1/2*(x - mu)'*(1/Sigma)*(x - mu))/((2*pi)^(1/2*K)*det(Sigma)^(1/2))", chains[11][1])
	assert.Equal(t, []string{"KL(P || Q)", "= E( ~ p, log(p) - log(q))"}, chains[12])
	assert.Equal(t, []string{"= 1/2*tr((1/Sigma_p)*E( ~ p, (x - mu_p)*(x - mu_p)'))"}, chains[14])
	assert.Equal(t, []string{"= 1/2*tr(I)"}, chains[15])
	assert.Equal(t, "= 1/2*(mu_p'*mu_p + tr(Sigma_p) - k - log(det(Sigma_p)))", chains[17][1])
	// 003: \sum_x over a symbol that is no variable is refused by
	// name; \mathbb I is the self-information.
	assert.Equal(t, []string{
		"E(x ~ p, f*x)",
		`= ! <input>:3:3: \sum_x, a sum over the values of a variable, is unsupported; write \sum_{d=1}^{D}`,
	}, chains[18])
	assert.Equal(t, []string{
		"I(p)",
		"= -log(p(x))",
	}, chains[19])
	assert.Equal(t, []string{
		"KL(p || q)",
		"= H(p, q) - H(p)",
		"= E(x ~ p, I(q)) - E(x ~ p, I(p))",
		`= ! <input>:13:3: \sum without limits is unsupported; write \sum_{d=1}^{D}`,
		"= E(x ~ p, log(p/q))",
		"= E(x ~ p, log(p) - log(q))",
	}, chains[20])
	assert.Equal(t, "= mu_1^2 + sigma_1^2", chains[21][len(chains[21])-1])
	assert.Equal(t, []string{
		"KL(p || q)",
		"= int(x, p*log(p/q))",
		"= int(x, N_1*log(N_1/N_2))",
		"= E( ~ , log(N_1/N_2))",
		`= ! <input>:12:60: unsupported LaTeX command \ldots`,
		"= 1/2*(-E( ~ , log(sigma_1^2/sigma_2^2)) - E( ~ , (x - mu_1)^2)/sigma_1^2 + E( ~ , x^2 + mu_2^2 - 2*x*mu_2)/sigma_2^2)",
		"= 1/2*(-log(sigma_1^2/sigma_2^2) - 1 + sigma_1^2/sigma_2^2 + (mu_1 - mu_2)^2/sigma_2^2)",
	}, chains[22])
}

func TestLaTeXAmbiguousLogPower(t *testing.T) {
	checkTeXErrors(t, []texCase{
		{`\log\left(\frac{1}{s}\right)^{\frac{1}{2}}`, `<input>:1:29: \log(a)^{n} is ambiguous; write \log\left(a^{n}\right) or \left(\log a\right)^{n}`},
		{`\log(s)^2`, `<input>:1:8: \log(a)^{n} is ambiguous; write \log\left(a^{n}\right) or \left(\log a\right)^{n}`},
	})
	checkTeX(t, []texCase{{`\exp(s)^2`, "exp(s)^2"}, {`(\log s)^2`, "log(s)^2"}})
}

func TestLaTeXDifferentialFirst(t *testing.T) {
	checkTeX(t, []texCase{
		{`\int {\rm d}x~p(x) \log p(x)`, "int(x, p(x)*log(p(x)))"},
		{`-\int dx\, x^2 p(x)`, "-int(x, x^2*p(x))"},
	})
}

func TestLaTeXAmbiguousSlash(t *testing.T) {
	checkTeXErrors(t, []texCase{
		{`a/2\sigma^2`, `<input>:1:2: a/b c reads two ways; write a/(b c) or \frac{a}{b} c`},
	})
	checkTeX(t, []texCase{{`a/(2\sigma^2)`, "a/(2*sigma^2)"}, {`a/2 + b`, "1/2*a + b"}, {`a/b \cdot c`, "a*c/b"}})
}

func TestLaTeXStackedRelation(t *testing.T) {
	parts, err := ParseChain(`a \stackrel{(1)}{=} b \overset{\text{Jensen}}{\leq} c`, texOpt)
	require.NoError(t, err)
	require.Len(t, parts, 3)
	assert.Equal(t, "=", parts[1].Op)
	assert.Equal(t, `\leq`, parts[2].Op)
	for _, src := range []string{`\stackrel{`, `\stackrel{a}{`, `\stackrel{a}{=`, `\overset{}{}`} {
		_, err := ParseChain(src, texOpt)
		if err != nil {
			var e *expr.Error
			assert.ErrorAs(t, err, &e, src)
		}
	}
}

// Heads reads the two parts of each chain's first link as a full read
// does when Heads holds of the link (and is asked of the first part's
// source and the relation, once a link), and leaves the others unread.
func TestParseChainHeads(t *testing.T) {
	for _, src := range []string{
		`p(x) \sim \mathcal{N}(\mu, \sigma^2) = a = b`,
		"a &= b \\\\ &= c \\\\ d &= e \\\\ &\\leq f",
		`= a = b`,
		`q = \mathcal N(0, 1), \quad p \sim N(m, s)`,
		`a, \quad b = c, \quad \frac{1}{2} \sim N(0, 1)`,
		`d \leq e = f`,
	} {
		all, err := ParseChain(src, Options{})
		require.NoError(t, err)
		for _, only := range []string{"", `\sim`, "="} {
			var asked []string
			heads, err := ParseChain(src, Options{Heads: func(left, op string) bool {
				asked = append(asked, left+" "+op)
				return only == "" || op == only
			}})
			require.NoError(t, err)
			require.Len(t, heads, len(all), src)
			var want []string
			for i := range all {
				w := all[i]
				first := w.Op == "" && i+1 < len(all) && all[i+1].Op != ""
				second := w.Op != "" && i > 0 && all[i-1].Op == ""
				if first {
					want = append(want, w.Src+" "+all[i+1].Op)
				}
				switch {
				case first && (only == "" || all[i+1].Op == only), second && (only == "" || w.Op == only):
				default:
					w.X, w.Err = nil, nil
				}
				assert.Equal(t, w, heads[i], "%s (only %q): part %d", src, only, i)
			}
			assert.Equal(t, want, asked, "%s: Heads is asked once a link", src)
		}
	}
}
