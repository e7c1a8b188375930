package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A condition that bounds the variable by a parameter ("for $x > \mu$",
// "when $x \le a$", "on $x \in (0, 1)$") restricts the variable's draw at
// each point, where the parameter has its value: a true piecewise line
// is ✓ under it, a false one ✗, and out of its scope the line is judged
// at every x.
func TestVariableConditions(t *testing.T) {
	const gauss = "Let $p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$.\n\n"
	for _, c := range []struct {
		name string
		kind Kind
		doc  string
		want string
	}{
		{"md two cases, then a wrong one", Markdown, gauss +
			"## Cases\n\nFor $x > \\mu$,\n$$|x - \\mu| = x - \\mu$$\nand for $x \\le \\mu$,\n$$|x - \\mu| = \\mu - x$$\n\n" +
			"## Elsewhere\n\nFor $x > \\mu$,\n$$|x - \\mu| = \\mu - x$$\n\nIn general,\n$$|x - \\mu| = x - \\mu$$\n", "ooxx"},
		{"md inline, with when and on an interval", Markdown, "Let $p(x) = \\mathrm{Laplace}(x; a, b)$.\n\n" +
			"When $x \\le a$, $|x - a| = a - x$. On $x \\in (a, \\infty)$, $|x - a| = x - a$.\n\n" +
			"## Swapped\n\nWhen $x \\le a$, $|x - a| = x - a$. On $x \\in (a, \\infty)$, $|x - a| = a - x$.\n", "ooxx"},
		{"md with \\( \\)", Markdown, gauss + "## Above\n\nFor \\(x > \\mu\\), \\(|x - \\mu| = x - \\mu\\).\n\n## Next\n\nHere \\(|x - \\mu| = x - \\mu\\).\n", "ox"},
		{"md a bound far from the usual draw", Markdown, gauss +
			"For $x > \\mu + 3$ the tail term is $|x - \\mu - 3| = x - \\mu - 3$, and $\\max(x, 2) = x$.\n", "oo"},
		{"md a trailing bound", Markdown, gauss + "## A\n\n$$\\max(x - \\mu, 0) = x - \\mu$$\nfor $x \\ge \\mu$.\n\n" +
			"## B\n\n$$\\max(\\mu - x, 0) = \\mu - x$$ if $x \\le \\mu$, and $$\\max(\\mu - x, 0) = \\mu - x$$\n", "oox"},
		{"md a special case fixes the bound", Markdown, "Let $p(x) = \\mathcal{N}(x; \\mu_1, \\sigma_1^2)$ and $q(x) = \\mathcal{N}(x; \\mu_2, \\sigma_2^2)$.\n\n" +
			"## Centred\n\nLet $\\mu_2 = 0$. For $x > \\mu_2$, $$|x| = x$$ and $$|x| = -x$$\n", "ox"},
		{"tex sections", TeX, "Let \\(p(x) = \\mathcal{N}(x; m, s^2)\\).\n\\section{Above}\nFor \\(x \\geq m\\): \\[ \\max(x, m) = x \\]\n" +
			"\\section{Anywhere}\n\\[ \\max(x, m) = x \\]\n", "ox"},
		{"tex an interval in an item", TeX, "Let \\(p(x) = \\mathcal{N}(x; m, s^2)\\).\n\\begin{itemize}\n" +
			"\\item On \\(x \\in [m, m + 1]\\), \\( |x - m| + |x - m - 1| = x - m + m + 1 - x \\).\n" +
			"\\item Then \\( |x - m| + |x - m - 1| = x - m + m + 1 - x \\).\n\\end{itemize}\n", "ox"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.kind, c.doc)
			assert.Equal(t, c.want, marks(r), "%s\n%v", c.doc, summary(r))
		})
	}
}

// Bounds that no x meets leave the line not checked, saying why; they
// never make it ✓.
func TestVariableConditionsUnmet(t *testing.T) {
	r := run(t, Markdown, "Let $p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$.\n\nFor $x > \\mu + 1$ and $x < \\mu - 1$,\n$$|x - \\mu| = 7 + x - x$$\n")
	require.Len(t, r.Links, 1, "%v", summary(r))
	assert.Equal(t, Unchecked, r.Links[0].Status, "%v", summary(r))
	assert.Contains(t, r.Links[0].Reason, "hold together at no point drawn")
}

// Conditions joined by "and" or a comma after math hold for that math
// together, not only the first; "And" that begins a sentence starts a
// case.
func TestJoinedTrailingConditions(t *testing.T) {
	for doc, want := range map[string]string{
		"## A\n\n$$\\sqrt{a^2 b^2} = ab$$\nwhere $a > 0$ and $b > 0$.\n":                          "o",
		"## A\n\nThen $\\sqrt{a^2 b^2} = ab$ for $a > 0$, $b > 0$.\n":                             "o",
		"## A\n\nFor \\(a > 0\\), \\(b > 0\\): \\(\\sqrt{a^2 b^2} = ab\\).\n":                     "o",
		"## A\n\nThen $\\sqrt{a^2 b^2} = -ab$ for $a > 0$ and $b > 0$.\n":                         "x",
		"## A\n\n$$\\sqrt{a^2} = a$$\nfor $a > 0$. And for $a < 0$ it is\n$$\\sqrt{a^2} = -a$$\n": "oo",
	} {
		r := run(t, Markdown, doc)
		assert.Equal(t, want, marks(r), "%s\n%v", doc, summary(r))
	}
}

// "where $q(x) > 0$" of a density q is about the density's values: the
// reader of conditions, which knows no functions, would take it for
// q·x > 0, and restrict x (and a parameter named q) by it. It restricts
// nothing: |x| = x is judged at every x and is wrong.
func TestDensityValueIsNoCondition(t *testing.T) {
	r := run(t, Markdown, "Let $p(x) = \\mathcal{N}(x; m, s^2)$ and $q(x) = \\mathcal{N}(x; 1, 1)$.\n\n"+
		"Where $q(x) > 0$, $$|x| = x$$\n")
	assert.Equal(t, "x", marks(r), "%v", summary(r))
	for _, st := range r.Statements {
		assert.NotContains(t, st.Text, "q·x", "%v", summary(r))
	}
}
