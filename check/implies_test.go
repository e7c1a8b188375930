package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A moment statement, a density before an arrow and claims after it, is
// judged under its own density: true claims pass, false ones fail, with
// any of the arrows and ways of writing a mean.
func TestImplicationClaims(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{`$$ X \sim \mathrm{Gam}(a, b) \quad \Rightarrow \quad \mathrm{E}(X) = \frac{a}{b} \quad \text{and} \quad \mathrm{E}(\ln X) = \psi(a) - \ln(b) \; , $$`, "oo"},
		{`$$ x \sim \mathrm{Gam}(a,b) \quad \implies \quad \left\langle x \right\rangle = \frac{a}{b} \quad \text{and} \quad \left\langle \ln x \right\rangle = \psi(a) - \ln(b) $$`, "oo"},
		{`$$ x \sim \mathrm{Gam}(a,b) \Longrightarrow \left\langle \ln x \right\rangle = \psi(a) + \ln(b) $$`, "x"},
		{`$$ X \sim \mathrm{Gam}(a, b) \Rightarrow \mathrm{E}(X) = \frac{b}{a}, \; \mathrm{E}(\ln X) = \psi(a) - \ln(b) $$`, "xo"},
		{`$$ Y \sim \mathcal{N}(m, s^2) \Rightarrow \mathrm{E}(Y^2) = s^2 + m^2 $$`, "o"},
		{`$$ Y \sim \mathcal{N}(m, s^2) \Rightarrow \mathrm{E}(Y^2) = s^2 $$`, "x"},
		{"$$ \\label{eq:m}\n\\begin{split}\nx \\sim \\mathrm{Gam}(a,b) \\quad \\Rightarrow \\quad &\\left\\langle x \\right\\rangle = \\frac{a}{b} \\quad \\text{and} \\\\\n&\\left\\langle \\ln x \\right\\rangle = \\psi(a) + \\ln(b) \\; ,\n\\end{split}\n$$", "ox"},
	} {
		r := run(t, Markdown, "Moments:\n\n"+c.doc+"\n")
		assert.Equal(t, c.want, marks(r), "%s\n%v", c.doc, summary(r))
		for _, l := range r.Links {
			assert.Regexp(t, `\(line [35]\)`, l.Conditions, c.doc)
		}
	}
}

// The hypothesis holds only in its block: the document's own density is
// untouched by one of the same name before or after it, parameters of
// the statement that the document does not have stay unknown after it,
// and the document's parameters are fresh inside it.
func TestImplicationDoesNotLeak(t *testing.T) {
	const moments = "$$ X \\sim \\mathrm{Gam}(a, b) \\Rightarrow \\mathrm{E}(X) = \\frac{a}{b} $$\n\n"
	// The document's X is a Normal: its mean is still μ after the block,
	// and a/b is no claim about it.
	doc := "Let $X \\sim \\mathcal{N}(\\mu, \\sigma^2)$.\n\n" + moments +
		"$$ \\mathrm{E}(X) = \\mu $$\n\n$$ \\mathrm{E}(X^2) = \\mu^2 $$\n\n$$ \\mathrm{E}(X) = \\frac{a}{b} $$\n"
	r := run(t, Markdown, doc)
	require.Len(t, r.Links, 4, "%v", summary(r))
	assert.Equal(t, "oox?", marks(r), "%v", summary(r))
	assert.Empty(t, r.Links[1].Conditions)
	// With no density of its own the document has nothing to judge the
	// same claim by after the block.
	r = run(t, Markdown, moments+"Hence\n\n$$ \\mathrm{E}(X) = \\frac{a}{b} $$\n")
	assert.Equal(t, "o?", marks(r), "%v", summary(r))
	// A special case of the document's b does not reach into the block,
	// whose b is its own: the false claim there fails.
	doc = "Let $X \\sim \\mathrm{Gam}(a, b)$ and let $b = 1$.\n\n" +
		"$$ Y \\sim \\mathrm{Gam}(a, b) \\Rightarrow \\mathrm{E}(Y) = a $$\n\n$$ \\mathrm{E}(X) = a $$\n"
	r = run(t, Markdown, doc)
	assert.Equal(t, "xo", marks(r), "%v", summary(r))
}

// The document's conditions in scope at a moment statement, on its
// symbols, restrict its points as they restrict any link there: E(1/X)
// of a Gamma is b/(a - 1) for a > 1 only. Without the condition the
// link holds only where its left side has a value, and says so; a
// condition out of scope (after a heading) or on a symbol the statement
// does not have is not taken.
func TestImplicationUnderTheDocumentsConditions(t *testing.T) {
	const claim = "$$ X \\sim \\mathrm{Gam}(a, b) \\Rightarrow \\mathrm{E}(1/X) = \\frac{b}{a - 1} $$\n"
	for _, c := range []struct {
		doc, conditions string
		where           bool
	}{
		{"For $a > 1$,\n\n" + claim, "X(x) = Gamma(x; a, b) (line 3), a > 1 (line 1)", false},
		{claim, "X(x) = Gamma(x; a, b) (line 1)", true},
		{"## A\n\nFor $a > 1$, it is finite.\n\n## B\n\n" + claim, "X(x) = Gamma(x; a, b) (line 7)", true},
		{"For $c > 1$,\n\n" + claim, "X(x) = Gamma(x; a, b) (line 3)", true},
	} {
		r := run(t, Markdown, c.doc)
		require.Len(t, r.Links, 1, "%s\n%v", c.doc, summary(r))
		l := r.Links[0]
		assert.Equal(t, OK, l.Status, "%s: %s", c.doc, l.Reason)
		assert.Equal(t, c.conditions, l.Conditions, c.doc)
		assert.Equal(t, c.where, l.Where != "", "%s: %q", c.doc, l.Where)
	}
	// The condition's own claim is judged under it: one false for a > 1
	// fails.
	r := run(t, Markdown, "For $a > 1$,\n\n$$ X \\sim \\mathrm{Gam}(a, b) \\Rightarrow \\mathrm{E}(1/X) = \\frac{b}{a} $$\n")
	assert.Equal(t, "x", marks(r), "%v", summary(r))
}
