package check

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestGivenErrors(t *testing.T) {
	s, err := Read("d.md", "$a = a$", Markdown)
	require.NoError(t, err)
	for given, want := range map[string]string{
		"p(x) = Normal(x; mu, sigma^2": `--given:1:29: expected ")" but found end of line`,
		"p(x) = Weibull(x; 1, 2)":      "--given:1:8: unknown family Weibull in the density p; known families: Bernoulli, Beta, Binomial, Categorical, Dirichlet, Exponential, Gamma, Geometric, HalfNormal, Laplace, LogNormal, MvNormal, Normal, Poisson, Uniform",
		"derive KL(p || q)":            "--given:1:8: a --given states a density or an assumption; put the goal in --claim 'KL(p || q) = ...'",
		"x: vector[k]":                 `--given:1:11: the dimension k is not declared; add "k: dim"`,
		"assume s != 1":                `--given:1:1: an assumption is a comparison with <, <=, > or >=, as in "assume s > 0" or "assume a2 < a1"; s != 1 is not supported`,
	} {
		_, err := Check(s, Options{Givens: []string{given}})
		var ge *GivenError
		var pe *expr.Error
		if !assert.ErrorAs(t, err, &pe, given) {
			continue
		}
		assert.Equal(t, want, pe.Error(), given)
		if errors := assert.ErrorAs(t, err, &ge, given); errors {
			assert.Equal(t, given, ge.Src)
		}
	}
}

func TestKLBlock(t *testing.T) {
	doc := "Intro.\n\n```klderive\np(x) = Normal(x; mu1, sigma1^2)\nassume mu1 > 0\n```\n\n$$\\mathbb{E}_p[\\log x] = \\mathbb{E}_p[\\log x]$$\n"
	r := run(t, Markdown, doc)
	assert.Equal(t, []Given{
		{Stmt: "p(x) = Normal(x; mu_1, sigma_1^2)", Expr: r.Context[0].Expr, Source: "klderive block at line 4"},
		{Stmt: "assume mu_1 > 0", Expr: r.Context[1].Expr, Source: "klderive block at line 4"},
	}, r.Context)
	// An error in the block points into the document.
	s, err := Read("d.md", "x\n\n```klderive\np(x) = Normal(x; 0, -1)\n```\n", Markdown)
	require.NoError(t, err)
	_, err = Check(s, Options{})
	assert.EqualError(t, err, "d.md:4:21: the variance of p must be positive, not -1")
}

// In a LaTeX file, "% klderive: " comment lines are the context, each a
// statement; an error points at its column in the file.
func TestKLComment(t *testing.T) {
	doc := "% klderive: k: dim\n% klderive: x, m: vector[k]\n% klderive: p(x) = MvNormal(x; m, I)\n" +
		"\\[ \\mathbb{E}_{x \\sim p}[x^T x] = m^T m + k \\]\n% klderive is a comment like any other\n"
	r := run(t, TeX, doc)
	require.Len(t, r.Context, 3)
	assert.Equal(t, "k: dim", r.Context[0].Stmt)
	assert.Equal(t, "klderive block at line 3", r.Context[2].Source)
	assert.Equal(t, []string{"4:35 ok"}, summary(r))
	s, err := Read("d.tex", "% klderive: p(x) = Normal(x; 0, -1)\n", TeX)
	require.NoError(t, err)
	_, err = Check(s, Options{})
	assert.EqualError(t, err, "d.tex:1:33: the variance of p must be positive, not -1")
}

// A --given that states a declaration of the document's klderive block
// again is no conflict; a different declaration of the same name is.
func TestGivenRepeatsBlockDeclaration(t *testing.T) {
	doc := "```klderive\nk: dim\nx, m: vector[k]\np(x) = MvNormal(x; m, I)\n```\n\n$$\\mathbb{E}_{x \\sim p}[x^T x] = m^T m + k$$\n"
	r := run(t, Markdown, doc, "k: dim", "x, m: vector[k]")
	assert.Equal(t, []string{"7:34 ok"}, summary(r))
	s, err := Read("d.md", doc, Markdown)
	require.NoError(t, err)
	_, err = Check(s, Options{Givens: []string{"k, n: dim"}})
	assert.ErrorContains(t, err, "declared twice")
}

func TestGivenOverridesDocument(t *testing.T) {
	doc := "$P(x) \\sim \\mathcal{N}(\\mu_1, \\sigma_1)$\n\n$$\\mathbb{E}_{X \\sim P}[X^2] = \\sigma_1^2 + \\mu_1^2$$\n"
	r := run(t, Markdown, doc, "p(x) = Normal(x; mu1, sigma1^2)")
	// P is p: the density is matched case-insensitively.
	assert.Equal(t, []string{"3:32 ok"}, summary(r))
	assert.Empty(t, r.Notes, "the document's P, read with σ₁ a standard deviation, is the given's p")
	// Without the given, the document's own definition is the context:
	// its bare sigma_1 is a standard deviation, so the same line holds.
	r = run(t, Markdown, doc)
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	// A variance written as a variance and a given that differs from it
	// are reported.
	r = run(t, Markdown, "$P(x) \\sim \\mathcal{N}(\\mu_1, v)$\n", "p(x) = Normal(x; mu1, sigma1^2)")
	assert.Equal(t, []string{`line 1 defines P(x) \sim \mathcal{N}(\mu_1, v), read as P(x) = 𝒩(x; μ₁, v), which differs from --given; p(x) = 𝒩(x; μ₁, σ₁²) is used`}, r.Notes)
}

func TestCaseAliasOnlyWhenUnambiguous(t *testing.T) {
	// With both p and P defined, P is P.
	l := verdict(t, `\mathbb{E}_{x\sim P}[x] = 1`, "p(x) = Normal(x; 0, 1)", "P(x) = Normal(x; 1, 1)")
	assert.Equal(t, OK, l.Status, l.Reason)
}

func TestExpectationDensity(t *testing.T) {
	// One density: an expectation without one is under it.
	assert.Equal(t, OK, verdict(t, `\langle x^2 \rangle = \mu_1^2 + \sigma_1^2`, gauss[0]).Status)
	// Two: the P of the chain's KL(P || Q).
	assert.Equal(t, OK, verdict(t, `KL(p \| q) = \langle \log p(x) - \log q(x) \rangle`, gauss...).Status)
	// Otherwise it is ambiguous.
	l := verdict(t, `\langle x \rangle = \mu_1`, gauss...)
	assert.Equal(t, Unchecked, l.Status)
	assert.Equal(t, "an expectation without a density (E_{x∼?}[…]) is ambiguous here: the context has p and q; write E_p[...]", l.Reason)
	// A declaration in the document settles it.
	r := run(t, Markdown, "$$<> \\text{ denotes } \\mathbb E_{x \\sim q} \\\\ \\langle x \\rangle = \\mu_2$$", gauss...)
	assert.Equal(t, []string{"1:67 ok"}, summary(r))
}

func TestSymbolBinding(t *testing.T) {
	// x free on both sides, outside integrals: an identity in x.
	l := verdict(t, `\log q(x) = -\frac{1}{2}\log(2\pi\sigma_2^2) - \frac{(x-\mu_2)^2}{2\sigma_2^2}`, gauss...)
	assert.Equal(t, OK, l.Status, l.Reason)
	// On one side only: unknown.
	l = verdict(t, `\mathbb{E}_p[x] = \mu_1 + c`, gauss...)
	assert.Equal(t, Unchecked, l.Status)
	assert.Equal(t, "unknown symbol c", l.Reason)
	// Inside an integral on both sides: unknown, since it may depend on
	// the variable of integration.
	l = verdict(t, `\int N_1 \log N_1 \,dx = \langle \log N_1 \rangle`, gauss[0])
	assert.Equal(t, Unchecked, l.Status)
	assert.Equal(t, "unknown symbol N₁", l.Reason)
	// A misspelt variable, with the reading that makes the link hold.
	l = verdict(t, `\int p(x) x\,dx = \int p(x) X \,dx`, gauss...)
	assert.Equal(t, "unknown symbol X (reading X as x, the link holds)", l.Reason)
	// A density at the random variable X in an integral over x is at x.
	l = verdict(t, `\int p(x) x\,dx = \int p(X) x \,dx`, gauss...)
	assert.Equal(t, OK, l.Status, l.Reason)
	l = verdict(t, `\int p(X) x\,dx = \mu_2`, gauss...)
	assert.Equal(t, Wrong, l.Status, l.Reason)
	// A density used as a number outside an integral.
	l = verdict(t, `p + 1 = 1 + p`, gauss...)
	assert.Equal(t, "the density p is used as a number; write p(x)", l.Reason)
}

// mvn is the context of seed 002: two Gaussians in k dimensions.
var mvn = []string{"k: dim", "x, mu_p, mu_q: vector[k]", "Sigma_p, Sigma_q: matrix[k,k] spd",
	"p(x) = MvNormal(x; mu_p, Sigma_p)", "q(x) = MvNormal(x; mu_q, Sigma_q)"}

func TestMatrices(t *testing.T) {
	for _, c := range []struct{ good, bad string }{
		{`\mathbb{E}_p[(x - \mu_p)^T \Sigma_p^{-1} (x - \mu_p)] = k`, `\mathbb{E}_p[(x - \mu_p)^T \Sigma_p^{-1} (x - \mu_p)] = 2k`},
		{`\mathbb{E}_p[(x - \mu_p)(x - \mu_p)^T] = \Sigma_p`, `\mathbb{E}_p[(x - \mu_p)(x - \mu_p)^T] = \Sigma_q`},
		{`\mathbb{E}_p[x] = \mu_p`, `\mathbb{E}_p[x] = \mu_q`},
		{`\text{tr}[\Sigma_q^{-1}\Sigma_p] = \mathrm{tr}(\Sigma_p \Sigma_q^{-1})`, `\text{tr}[\Sigma_q^{-1}\Sigma_p] = \mathrm{tr}(\Sigma_q \Sigma_p^{-1})`},
		{`\log\frac{|\Sigma_q|}{|\Sigma_p|} = \log\det\Sigma_q - \log\det\Sigma_p`, `\log\frac{|\Sigma_q|}{|\Sigma_p|} = \log\det\Sigma_q + \log\det\Sigma_p`},
		{`\frac{1}{2}\mathrm{tr}[\mathbf{I}_k] = \frac{k}{2}`, `\frac{1}{2}\mathrm{tr}[\mathbf{I}_k] = k`},
		{`D_{KL}(p \| q) = \frac{1}{2}\left[\log\frac{|\Sigma_q|}{|\Sigma_p|} - k + (\mu_p - \mu_q)^T \Sigma_q^{-1} (\mu_p - \mu_q) + \mathrm{tr}(\Sigma_q^{-1}\Sigma_p)\right]`,
			`D_{KL}(p \| q) = \frac{1}{2}\left[\log\frac{|\Sigma_q|}{|\Sigma_p|} + k + (\mu_p - \mu_q)^T \Sigma_q^{-1} (\mu_p - \mu_q) + \mathrm{tr}(\Sigma_q^{-1}\Sigma_p)\right]`},
	} {
		good := verdict(t, c.good, mvn...)
		assert.Equal(t, OK, good.Status, "%s: %s", c.good, good.Reason)
		bad := verdict(t, c.bad, mvn...)
		assert.Equal(t, Wrong, bad.Status, "%s: %s", c.bad, bad.Reason)
	}
	// Vector and matrix sides are compared entry by entry.
	l := verdict(t, `\mathbb{E}_p[(x - \mu_p)(x - \mu_p)^T] = 2\Sigma_p`, mvn...)
	require.NotNil(t, l.Witness)
	assert.True(t, l.Matrix)
	assert.Regexp(t, `^\[\d+(,\d+)?\]$`, l.Witness.Entry)
	assert.InDelta(t, 2*l.Witness.Left, l.Witness.Right, 1e-9)
	// Shapes are checked.
	l = verdict(t, `\mu_p + \Sigma_p = 1`, mvn...)
	assert.Equal(t, Unchecked, l.Status)
	assert.Equal(t, "cannot add a vector[k] and a matrix[k,k]: mu_p and Sigma_p", l.Reason)
	l = verdict(t, `\mathbb{E}_p[x] = 0`, mvn...)
	assert.Equal(t, "the left side is a vector[k] but the right side is a scalar", l.Reason)
}

func TestOneDimension(t *testing.T) {
	l := verdict(t, `\mathbb{E}_p[(x-\mu_p)^T \Sigma_p^{-1} (x - \mu_p)] = \mathrm{tr}[\mathbf{I}_k]`,
		"p(x) = Normal(x; mu_p, Sigma_p)", "k: dim")
	assert.Equal(t, OK, l.Status, l.Reason)
	assert.True(t, l.OneDim)
	// In a multivariate context matrix notation is not evaluated.
	l = verdict(t, `\mathbb{E}_q[z_1^T z_1] = \mathrm{tr}(I)`, "q(z) = prod(d in 1..D, Normal(z[d]; 0, 1))")
	assert.Equal(t, Unchecked, l.Status)
	assert.Equal(t, "matrix notation needs declared vectors and matrices in the context (x: vector[k]); the densities here are products of univariate ones", l.Reason)
}
