package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gauss is the context of most tests: two univariate Gaussians.
var gauss = []string{"p(x) = Normal(x; mu1, sigma1^2)", "q(x) = Normal(x; mu2, sigma2^2)"}

// run checks a document and returns its report.
func run(t *testing.T, kind Kind, doc string, givens ...string) *Report {
	t.Helper()
	s, err := Read("d", doc, kind)
	require.NoError(t, err)
	r, err := Check(s, Options{Givens: givens})
	require.NoError(t, err)
	return r
}

// verdict checks plain LaTeX that states exactly one link.
func verdict(t *testing.T, tex string, givens ...string) *Link {
	t.Helper()
	r := run(t, Plain, tex, givens...)
	require.Len(t, r.Links, 1, tex)
	return r.Links[0]
}

// TestConstructs checks, for every LaTeX construct the reader supports,
// a correct identity that uses it (it must pass) and the same identity
// with a planted mistake (it must fail).
func TestConstructs(t *testing.T) {
	for _, c := range []struct{ name, good, bad string }{
		{"fractions", `\frac{a}{2} + \dfrac{a}{2} = \tfrac{2a}{2}`, `\frac{a}{2} + \dfrac{a}{2} = \tfrac{a}{2}`},
		{"roots", `\sqrt{\sigma_1^2} + \sqrt[3]{\sigma_1^3} = 2\sigma_1`, `\sqrt{a^2} + \sqrt[3]{\sigma_1^3} = a + \sigma_1`},
		{"log without parentheses", `\log 2\pi\sigma_1^2 = \log(2\pi) + 2\log \sigma_1`, `\log 2\pi\sigma_1^2 = \log(2\pi) + \log \sigma_1`},
		{"ln and exp", `\ln e^{a} + \exp(0) = a + 1`, `\ln e^{a} + \exp(0) = a`},
		{"braces with a note", `\underbrace{\sigma_1 + \sigma_1}_{\text{twice}} + \overbrace{\boxed{a}}^{=a} = 2\sigma_1 + a`, `\underbrace{\sigma_1 + \sigma_1}_{=1} = 1`},
		{"left and right", `\left[\frac{1}{\sigma_1}\right]^{2} = \sigma_1^{-2}`, `\left[\frac{1}{\sigma_1}\right]^{2} = \sigma_1^{-1}`},
		{"products", `a \cdot b \times 2 = 2ab`, `a \cdot b \times 2 = ab`},
		{"abs", `|-\sigma_1| = \sigma_1`, `|-\sigma_1| = -\sigma_1`},
		{"integral", `\int_{-\infty}^{\infty} p(x)\, x^2 \,\mathrm{d}x = \mu_1^2 + \sigma_1^2`, `\int_{-\infty}^{\infty} p(x)\, x^2 \,\mathrm{d}x = \mu_1^2`},
		{"integral over R", `\int_{\mathbb{R}} q(x) \,dx = 1`, `\int_{\mathbb{R}} q(x) \,dx = 2`},
		{"expectation", `\mathbb{E}_{x \sim p}[x] = \mu_1`, `\mathbb{E}_{x \sim p}[x] = \mu_2`},
		{"upright expectation", `\mathrm{E}_q[(x - \mu_2)^2] = \sigma_2^2`, `\mathrm{E}_q[(x - \mu_2)^2] = \sigma_1^2`},
		{"upright entropy", `\mathrm{h}(p) = \frac{1}{2}\ln(2\pi e \sigma_1^2)`, `\mathrm{h}(p) = \frac{1}{2}\ln(2\pi \sigma_1^2)`},
		{"plain-TeX fraction", `{\sigma_1^2 \over 2} + {1\over 2}\sigma_1^2 = \sigma_1^2`, `{\sigma_1^2 \over 2} = \sigma_1^2`},
		{"old-style roman differential", `\int p(x)\, x \,{\rm d}x = \mu_1`, `\int p(x)\, x \,{\rm d}x = \mu_2`},
		{"log of a braced argument", `\log{\sigma_1 \over \sigma_2}\sigma_1 = \sigma_1\log\sigma_1 - \sigma_1\log\sigma_2`, `\log{\sigma_1 \over \sigma_2}\sigma_1 = \log\sigma_1 - \log\sigma_2`},
		{"doubled mid", `KL(p \mid\mid q) = \mathbb{E}_p[\log p(x) - \log q(x)]`, `KL(p \mid\mid q) = \mathbb{E}_q[\log q(x) - \log p(x)]`},
		{"therefore", `\therefore \log e^{a} = a`, `\therefore \log e^{a} = 2a`},
		{"log of a bracket, then a power", `\log\left(\sigma_1^{2}\right) = 2\log \sigma_1`, `\left(\log \sigma_1\right)^{2} = 2\log \sigma_1`},
		{"bold with a subscript inside", `\boldsymbol{\mu_1} + \mathbf{\mu_1} = 2\mu_1`, `\boldsymbol{\mu_1} = 2\mu_1`},
		{"fraktur D", `\mathfrak{D}_{KL}(p \| q) = \mathbb{E}_p[\log p(x) - \log q(x)]`, `\mathfrak{D}_{KL}(p \| q) = \mathbb{E}_q[\log p(x) - \log q(x)]`},
		{"variance", `\mathrm{Var}_q(x) + \text{Var}_q[2x] = 5\sigma_2^2`, `\operatorname{Var}_q(x) = \sigma_2`},
		{"blackboard variance", `\mathbb{V}_q[x] + \mathbb{V}{\rm ar}_q(x) = 2\sigma_2^2`, `\mathbb{V}_q[x] = \sigma_2`},
		{"random variable in an expectation", `\mathbb{E}_q[(X - \mu_2)^2] = \sigma_2^2`, `\mathbb{E}_q[(X - \mu_2)^2] = \sigma_2`},
		{"entropy of the variable", `H(x) = -\int p(x) \log p(x) \cdot \mathrm{d}x`, `H(x) = \int p(x) \log p(x) \cdot \mathrm{d}x`},
		{"expectation by name", `E_q[(x - \mu_2)^2] = \sigma_2^2`, `E_q[(x - \mu_2)^2] = \sigma_1^2`},
		{"expectation with its density's variable", `\mathbb{E}_{p(x)}\left[x^2\right] = \mu_1^2 + \sigma_1^2`, `\mathbb{E}_{p(x)}\left[x^2\right] = \sigma_1^2`},
		{"braced expectation head", `{\mathbb{E}_{X\sim P(x)}}\left[X\right] = \mu_1`, `{\mathbb{E}_{X\sim P(x)}}\left[X\right] = -\mu_1`},
		{"KL", `D_{KL}(p \| q) = \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{2\sigma_2^2} - \frac12`, `D_{KL}(p \| q) = \log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1-\mu_2)^2}{2\sigma_2^2}`},
		{"KL spellings", `\mathrm{KL}[P\,||\,Q] = \mathbb{E}_{x\sim p}\left[\log \frac{p(x)}{q(x)}\right]`, `\mathrm{KL}[P\,||\,Q] = \mathbb{E}_{x\sim q}\left[\log \frac{q(x)}{p(x)}\right]`},
		{"entropy", `H(p) = \frac{1}{2}\log(2\pi e \sigma_1^2)`, `H(p) = \frac{1}{2}\log(2\pi \sigma_1^2)`},
		{"cross-entropy", `\mathbb{H}(p, q) = H(p) + KL(p || q)`, `\mathbb{H}(p, q) = H(p) - KL(p || q)`},
		{"density with its parameters", `q(x; \mu_2, \sigma_2^2) = \frac{1}{\sqrt{2\pi\sigma_2^2}} e^{-\frac{(x-\mu_2)^2}{2\sigma_2^2}}`, `q(x; \mu_2, \sigma_2^2) = \frac{1}{\sqrt{2\pi}} e^{-\frac{(x-\mu_2)^2}{2\sigma_2^2}}`},
		{"conditional density", `\int q(x \mid y)\, x \,dx = \mu_2`, `\int q(x \mid y)\, x \,dx = \mu_1`},
		{"normal family", `\mathcal{N}(x; \mu_1, \sigma_1^2) = p(x)`, `\mathcal{N}(x; \mu_1, \sigma_1^2) = q(x)`},
		{"sums", `\sum_{d=1}^{3} d\,\sigma_1 = 6\sigma_1`, `\sum_{d=1}^{3} d\,\sigma_1 = 3\sigma_1`},
		{"products over an index", `\prod_{d=1}^{2} \sigma_1 = \sigma_1^2`, `\prod_{d=1}^{2} \sigma_1 = 2\sigma_1`},
		{"names in every notation", `\sigma_1 + \sigma_{1} + sigma1 + σ₁ = 4\sigma_1`, `\sigma_1 + \sigma_{1} + sigma1 + σ₂ = 4\sigma_1`},
		{"Unicode operators", `∫ p(x) x dx = μ₁`, `∫ p(x) x dx = μ₂`},
		{"angle brackets", `\langle x - \mu_1 \rangle = 0`, `\langle x - \mu_1 \rangle = 1`},
		{"a row carried on by +", `\begin{aligned} (a+b)^2 &= a^2 \\ + 2ab + b^2 \end{aligned}`, `\begin{aligned} (a+b)^2 &= a^2 \\ + ab + b^2 \end{aligned}`},
		{"layout", `\displaystyle a \;+\; \quad b \label{eq} \tag{1} = a + b.`, `\displaystyle a \;+\; \quad b \label{eq} \tag{1} = a - b.`},
		{"inequality", `\log \sigma_1 \leq \sigma_1 - 1`, `\log \sigma_1 \geq \sigma_1 - 1`},
	} {
		ctx := gauss
		if c.name == "angle brackets" || c.name == "entropy of the variable" { // one density
			ctx = gauss[:1]
		}
		good := verdict(t, c.good, ctx...)
		assert.Equal(t, OK, good.Status, "%s: %s: %s", c.name, c.good, good.Reason)
		assert.Equal(t, Points, good.Points, c.name)
		assert.Empty(t, good.Where, c.name)
		bad := verdict(t, c.bad, ctx...)
		assert.Equal(t, Wrong, bad.Status, "%s: %s: %s", c.name, c.bad, bad.Reason)
		assert.NotNil(t, bad.Witness, c.name)
	}
}

// TestAligned checks the environments and rows of display math.
func TestAligned(t *testing.T) {
	r := run(t, Plain, `\begin{aligned}
D_{\mathrm{KL}}(p \,\|\, q) &= \mathbb{E}_{x \sim p}\left[\log p(x) - \log q(x)\right] && \text{definition} \\
&= \mathbb{E}_{x \sim p}[\log p(x)] \\
& \quad - \mathbb{E}_{x \sim p}[\log q(x)] \nonumber \\[4pt]
&= -H(p) + H(p, q) \quad \text{(entropies)}
\end{aligned}`, gauss...)
	require.Len(t, r.Links, 3)
	for _, l := range r.Links {
		assert.Equal(t, OK, l.Status, "%d: %s", l.Pos.Line, l.Reason)
	}
	assert.Equal(t, []int{2, 3, 5}, []int{r.Links[0].Pos.Line, r.Links[1].Pos.Line, r.Links[2].Pos.Line})
	assert.Equal(t, 4, r.Links[1].Pos.Col)
	for _, env := range []string{"equation", "align", "align*", "gather", "split", "multline"} {
		l := verdict(t, `\begin{`+env+`} a^2 - b^2 = (a - b)(a + b) \end{`+env+`}`)
		assert.Equal(t, OK, l.Status, env)
	}
}

// TestUnicodeSymbols matches symbols across notations: \sigma_1,
// \sigma_{1}, sigma1 and σ₁ are one symbol, in the document and in the
// context.
func TestUnicodeSymbols(t *testing.T) {
	l := verdict(t, `\mathbb{E}_{x \sim p}[x^2] = σ₁^2 + mu1^2`, "p(x) = Normal(x; μ_1, sigma_{1}^2)")
	assert.Equal(t, OK, l.Status, l.Reason)
}

// A remark on a line of its own under a row, \qquad \text{...}, is
// commentary even when its math has groups of its own and a relation:
// the chain around it is checked and a wrong step after it is still
// caught. The remark's own relation, in letters the context does not
// give, is listed as a remark.
func TestRemarkUnderRow(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want []Status
	}{
		{"$$\\begin{aligned}\n2 s^2 &= s^2 + s^2 \\\\\n&\\qquad \\text{\\small since $\\operatorname{tr}(\\mathit{AB}) = \\operatorname{tr}(\\mathit{BA})$} \\\\\n&= 2 \\cdot s^{2}\n\\end{aligned}$$\n", []Status{OK, OK}},
		{"$$\\begin{aligned}\n2 s^2 &= s^2 + s^2 \\\\\n&\\qquad \\text{\\small linearity; $\\frac{a}{b} = c$} \\\\\n&= 3 s^{2}\n\\end{aligned}$$\n", []Status{OK, Wrong}},
	} {
		r := run(t, Markdown, c.doc, "assume s > 0")
		var got []Status
		for _, l := range r.Links {
			got = append(got, l.Status)
		}
		assert.Equal(t, c.want, got, c.doc)
		if assert.Len(t, r.Statements, 1) {
			assert.Equal(t, Remark, r.Statements[0].Kind)
		}
	}
}
