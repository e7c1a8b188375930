package check

// The constructs of real hand derivations, each from a small example of
// its own.

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRandomVariableContext: X \sim N(m, s^2) gives the density of X,
// which h(X), an expectation without a density and p(x) refer to.
func TestRandomVariableContext(t *testing.T) {
	doc := "Let $Y \\sim \\mathcal{N}(m, s^2)$.\n\n" +
		"$$h(Y) = -\\mathrm{E}[\\ln p(y)] = \\frac{1}{2}\\ln(2\\pi s^2) + \\frac{1}{2}$$\n\n" +
		"$$h(Y) = \\ln s$$\n"
	r := run(t, Markdown, doc)
	require.Len(t, r.Links, 3)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	assert.Equal(t, Wrong, r.Links[2].Status)
}

// The random variable itself inside an expectation, E[X^2] for
// X \sim N(\mu, \sigma^2), is the variable of X's density, not the
// density's value: a true moment is ✓ and a false one ✗, under one
// random variable or several, where the one the body names gives the
// law. A body naming two, E[XY], needs their joint law and is not read.
func TestRandomVariableInsideExpectation(t *testing.T) {
	one := "Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$.\n\n"
	two := one + "Let $Y \\sim \\mathrm{Beta}(a, b)$.\n\n"
	for _, c := range []struct {
		doc, link string
		want      Status
	}{
		{one, `\mathbb{E}[X^2] = \mu^2 + \sigma^2`, OK},
		{one, `\mathbb{E}[(X - \mu)^2] = \sigma^2`, OK},
		{one, `\mathbb{E}[X^2] = \mu^2 + 2\sigma^2`, Wrong},
		{one, `\mathbb{E}_X[X] = \mu`, OK},
		{two, `\mathbb{E}[X^2] = \mu^2 + \sigma^2`, OK},
		{two, `\mathbb{E}[\ln Y] = \psi(a) - \psi(a + b)`, OK},
		{two, `\mathbb{E}[\ln(1 - Y)] = \psi(b) - \psi(a + b)`, OK},
		{two, `\mathbb{E}[\ln Y] = \psi(b) - \psi(a + b)`, Wrong},
		{two, `\mathbb{E}[X Y] = \mu \frac{a}{a + b}`, Unchecked},
		// The inner E[X] takes its own X: the outer one's variable is
		// not put into it.
		{two, `\mathbb{E}[(X - \mathbb{E}[X])^2] = \sigma^2`, OK},
		{two, `\mathrm{Var}(Y) = \frac{ab}{(a+b)^2(a+b+1)}`, OK},
		{two, `\mathrm{Var}(Y) = \frac{ab}{(a+b)^2}`, Wrong},
		// Under a Gamma the variance's inner expectation is a quadrature
		// too; it is free of the outer variable, so it is taken once and
		// the link is not too costly to evaluate.
		{"Let $G \\sim \\mathrm{Gamma}(\\alpha, \\beta)$.\n\n", `\mathrm{Var}(G) = \frac{\alpha}{\beta^2}`, OK},
		{"Let $G \\sim \\mathrm{Gamma}(\\alpha, \\beta)$.\n\n", `\mathrm{Var}(G) = \frac{\alpha}{\beta}`, Wrong},
		// Bars round a univariate random variable are its absolute
		// value, not a 1×1 determinant: E|X| = μ is false.
		{one, `\mathbb{E}[|X|] = \mu`, Wrong},
		{one, `\mathbb{E}[\lvert X \rvert] = \mu`, Wrong},
		{one, `\mathbb{E}|X - \mu| = \sigma\sqrt{2/\pi}`, OK},
		{one, `\mathbb{E}\left|X - \mu\right| = \sigma`, Wrong},
		// h(X) = … is the entropy of X, a claim, not a definition of h.
		{one, `h(X) = -\mathbb{E}[\ln p(X)]`, OK},
		{one, `h(X) = \frac{1}{2}\ln(2\pi e \sigma^2)`, OK},
		{one, `h(X) = \frac{1}{2}\ln(2\pi \sigma^2)`, Wrong},
	} {
		r := run(t, Markdown, c.doc+"$$"+c.link+"$$\n")
		require.Len(t, r.Links, 1, c.link)
		assert.Equal(t, c.want, r.Links[0].Status, "%s: %s", c.link, r.Links[0].Reason)
	}
}

// TestStandardDeviationArgument: N(m, sigma) with a bare sigma names the
// standard deviation, and the report says so.
func TestStandardDeviationArgument(t *testing.T) {
	doc := "Let $p(x) = N(m, \\sigma)$.\n\n" +
		"$$\\int p(x) (x - m)^2 dx = \\sigma^2$$\n\n" +
		"$$\\int p(x) (x - m)^2 dx = \\sigma$$\n"
	r := run(t, Markdown, doc)
	require.Len(t, r.Links, 2)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Equal(t, Wrong, r.Links[1].Status)
	require.Len(t, r.Notes, 1)
	assert.Contains(t, r.Notes[0], "σ is read as the standard deviation")
}

// TestNewlineBreaksRows: \newline ends a row of an aligned block, as \\ does.
func TestNewlineBreaksRows(t *testing.T) {
	r := run(t, Plain, `\begin{aligned} 2\mu_1 &= \mu_1 + \mu_1 \newline &= 2\mu_1 \newline &= 3\mu_1 \end{aligned}`, gauss...)
	require.Len(t, r.Links, 3)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	assert.Equal(t, Wrong, r.Links[2].Status)
	assert.Equal(t, r.Links[1].Pos.Line, r.Links[2].Pos.Line) // one line, several rows
}

// TestQuadSeparatesStatements: two definitions side by side in one
// display, separated by ", \quad", are two definitions; a \quad inside
// brackets separates nothing.
func TestQuadSeparatesStatements(t *testing.T) {
	doc := "$$P(x) \\sim \\mathcal{N}(m, s^2), \\quad Q(x) \\sim \\mathcal{N}(0, 1)$$\n\n" +
		"$$\\mathbb{E}_P[x^2] = m^2 + s^2, \\quad \\mathbb{E}_Q[x^2] = 2$$\n\n" +
		"$$\\left(\\mathbb{E}_Q[x], \\quad 1\\right) = (0, 1)$$\n"
	r := run(t, Markdown, doc)
	require.Len(t, r.Context, 2)
	assert.Equal(t, "Q(x) = Normal(x; 0, 1)", r.Context[1].Stmt)
	require.Len(t, r.Links, 3)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Equal(t, Wrong, r.Links[1].Status)
	assert.Equal(t, 3, r.Links[1].Pos.Line)
	assert.Equal(t, Unchecked, r.Links[2].Status) // a pair is no number
}

// TestInlineChainCarriesOn: inline math that begins with = continues the
// inline math just before it; after a display, or at the start, it has
// nothing on its left.
func TestInlineChainCarriesOn(t *testing.T) {
	r := run(t, Markdown, "The mean is $\\mathbb{E}_p[x]$, which gives $= \\mu_1$ and then $= 2\\mu_1$.\n", gauss...)
	require.Len(t, r.Links, 2)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Equal(t, Wrong, r.Links[1].Status)
	for _, doc := range []string{
		"$$a = 1$$\n\nso $= \\mu_1$.\n",                              // a display between
		"The mean is $\\mathbb{E}_p[x]$. Hence $= \\mu_1$.\n",        // another sentence
		"The mean is $\\mathbb{E}_p[x]$, at least $\\geq \\mu_1$.\n", // no =
	} {
		r = run(t, Markdown, doc, gauss...)
		require.NotEmpty(t, r.Links, doc)
		last := r.Links[len(r.Links)-1]
		assert.Equal(t, Unchecked, last.Status, doc)
		assert.Contains(t, last.Reason, "nothing on the left", doc)
	}
}

// TestUndeclaredMatrixSymbolIsUnknown: with matrices declared, a symbol
// free on both sides but not declared (Σ here) is not drawn as a number,
// which would judge tr(I Σ) = tr(Σ) at a scalar and call it wrong.
func TestUndeclaredMatrixSymbolIsUnknown(t *testing.T) {
	mvn := []string{"k: dim", "x, m: vector[k]", "S: matrix[k,k] spd", "p(x) = MvNormal(x; m, S)"}
	l := verdict(t, `\mathrm{tr}(I \Sigma) = \mathrm{tr}(\Sigma)`, mvn...)
	assert.Equal(t, Unchecked, l.Status)
	assert.Contains(t, l.Reason, "unknown symbol")
	l = verdict(t, `\mathrm{tr}(I S) = \mathrm{tr}(S)`, mvn...)
	assert.Equal(t, OK, l.Status, l.Reason)
}

// TestConditionalDensityContext: q(z \vert x) \sim N(...) in a document,
// and q(z | x) = ... in --given, define q; x is a parameter.
func TestConditionalDensityContext(t *testing.T) {
	doc := "Let $q(z \\vert x) \\sim \\mathcal{N}(\\mu, \\sigma^2)$.\n\n$$\\mathbb{E}_{q}[z^2] = \\mu^2 + \\sigma^2$$\n"
	r := run(t, Markdown, doc)
	require.Len(t, r.Context, 1)
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	r = run(t, Plain, `\mathbb{E}_{q}[z] = a x`, "q(z | x) = Normal(z; a*x, 1)")
	assert.Equal(t, "q(z | x) = Normal(z; a*x, 1)", r.Context[0].Stmt)
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
}

// TestStatedSpecialCase: "let $\mu_2 = 0$" fixes μ₂ for the links after
// it, which say so; the links before it, and a condition after "if", are
// judged in general.
func TestStatedSpecialCase(t *testing.T) {
	doc := "$$\\mathbb{E}_q[x] = \\mu_2$$\n\n" +
		"Now let $\\mu_2 = 0$.\n\n" +
		"$$\\mathbb{E}_q[x] = 0$$\n\n" +
		"$$\\mathbb{E}_q[x^2] = \\sigma_2^2 + 1$$\n"
	r := run(t, Markdown, doc, gauss...)
	require.Len(t, r.Links, 3)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Empty(t, r.Links[0].Under)
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	assert.Equal(t, "μ₂ = 0", r.Links[1].Under)
	assert.Equal(t, Wrong, r.Links[2].Status)
	// "with ... and ...": both special cases, from there on.
	doc = "The same KL with $\\mu_2 = 0$ and $\\sigma_2 = 1$:\n\n" +
		"$$KL(p \\| q) = -\\log\\sigma_1 + \\frac{\\sigma_1^2 + \\mu_1^2}{2} - \\frac{1}{2}$$\n\n" +
		"$$\\mathbb{E}_q[x^2] = 2$$\n"
	r = run(t, Markdown, doc, gauss...)
	require.Len(t, r.Links, 2)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Equal(t, "μ₂ = 0, σ₂ = 1", r.Links[0].Under)
	assert.Equal(t, Wrong, r.Links[1].Status)
	// "and" alone, after no special case, states none.
	r = run(t, Markdown, "Take $\\sigma_2 = 1$. Then and $\\mu_2 = 0$ so\n\n$$\\mathbb{E}_q[x] = 0$$\n", gauss...)
	require.Len(t, r.Links, 1)
	assert.Equal(t, Wrong, r.Links[0].Status)
	// After "if", a condition qualifies its own sentence only.
	r = run(t, Markdown, "It vanishes if $\\mu_2 = 0$.\n\n$$\\mathbb{E}_q[x] = 0$$\n", gauss...)
	require.Len(t, r.Links, 1)
	assert.Equal(t, Wrong, r.Links[0].Status)
	assert.Empty(t, r.Links[0].Under)
}

// TestProseDeclaresTheExpectation: "$\langle \rangle$ denote the
// expectation operator under $p$" in the text says what ⟨x²⟩ is under.
func TestProseDeclaresTheExpectation(t *testing.T) {
	doc := "Letting $\\langle \\rangle$ denote the expectation operator under $q$, we have\n\n$$\\langle x^2 \\rangle = \\sigma_2^2 + \\mu_2^2$$\n"
	r := run(t, Markdown, doc, gauss...)
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	r = run(t, Markdown, "$$\\langle x^2 \\rangle = \\sigma_2^2 + \\mu_2^2$$\n", gauss...)
	assert.Equal(t, Unchecked, r.Links[0].Status)
}

// p = N(\mu_1, \sigma_1^2), a lower-case name and symbols for the
// parameters, defines p as a Gaussian of x, as p = \mathrm{Cat}(\pi)
// defines a Categorical; the links that use it are judged. With numbers
// for the parameters, q = N(0, 1) of a q defined before stays a special
// case stated.
func TestLowerCaseGaussianDefinition(t *testing.T) {
	doc := "Let $p = \\mathcal{N}(\\mu_1, \\sigma_1^2)$ and $q = \\mathcal{N}(\\mu_2, \\sigma_2^2)$.\n\n" +
		"$$D_{KL}(p\\|q) \\geq 0$$\n\n" +
		"$$D_{KL}(p\\|q) = D_{KL}(q\\|p)$$\n\n" +
		"$$H(p, q) = H(p) + D_{KL}(p\\|q)$$\n"
	r := run(t, Markdown, doc)
	require.Len(t, r.Context, 2)
	assert.Equal(t, "p(x) = Normal(x; mu_1, sigma_1^2)", r.Context[0].Stmt)
	require.Len(t, r.Links, 3)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Equal(t, Wrong, r.Links[1].Status, r.Links[1].Reason)
	assert.Equal(t, OK, r.Links[2].Status, r.Links[2].Reason)

	doc += "\nNow let $q = \\mathcal{N}(0, 1)$.\n\n$$D_{KL}(p\\|q) = \\frac{1}{2}(\\sigma_1^2 + \\mu_1^2 - 1) - \\ln\\sigma_1$$\n"
	r = run(t, Markdown, doc)
	require.Len(t, r.Links, 4)
	assert.Equal(t, OK, r.Links[3].Status, r.Links[3].Reason)
	assert.NotEmpty(t, r.Links[3].Under)
}
