package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// A special case ("let $\mu_2 = 0$") lasts as far as a condition does:
// to the next heading, the end of its list item or environment, or a
// sentence that goes back to the general case. Each document pairs a
// true line in the case with a line after it that holds at μ₂ = 0 (or
// σ₂ = 1, b = 1) but not in general: judged in the case it would be ✓,
// a false claim passed.
func TestSpecialCaseScope(t *testing.T) {
	const gauss = "Let $p(x) = \\mathcal{N}(x; \\mu_1, \\sigma_1^2)$ and $q(x) = \\mathcal{N}(x; \\mu_2, \\sigma_2^2)$.\n\n"
	const gaussTeX = "Let \\(p(x) = \\mathcal{N}(x; \\mu_1, \\sigma_1^2)\\) and \\(q(x) = \\mathcal{N}(x; \\mu_2, \\sigma_2^2)\\).\n"
	for _, words := range []string{"Now consider general $\\mu_2$:", "For arbitrary \\(\\mu_2\\) the same steps give", "Dropping this assumption,",
		"In full generality,", "Without the restriction, we get", "We now go back to general parameters:"} {
		doc := gauss + "Let $\\mu_2 = 0$. Then\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n\n" + words + "\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n"
		r := run(t, Markdown, doc)
		assert.Equal(t, "ox", marks(r), "%s\n%v", doc, summary(r))
	}
	for _, c := range []struct {
		name string
		kind Kind
		doc  string
		want string
	}{
		{"md a heading ends it", Markdown, gauss +
			"## The centred prior\n\nLet $\\mu_2 = 0$. Then\n$$\\mathbb{E}_p[(x - \\mu_2)^2] = \\sigma_1^2 + \\mu_1^2$$\n\n" +
			"## General parameters\n\n$$\\mathbb{E}_p[(x - \\mu_2)^2] = \\sigma_1^2 + \\mu_1^2$$\n", "ox"},
		{"md the case holds to its heading", Markdown, gauss +
			"## The centred prior\n\nLet $\\mu_2 = 0$. Then\n$$\\mathbb{E}_p[(x - \\mu_2)^2] = \\sigma_1^2 + \\mu_1^2$$\nand so\n\n" +
			"$$\\mathbb{E}_p[x^2 - 2 x \\mu_2] = \\sigma_1^2 + \\mu_1^2$$\n\n## Next\n\n$$\\mathbb{E}_p[x] = \\mu_1$$\n", "ooo"},
		{"md back to the general case", Markdown, gauss +
			"If we set $\\sigma_2 = 1$, the prior's variance drops out:\n$$\\mathbb{E}_p[\\sigma_2^2 x] = \\mu_1$$\n" +
			"Back to the general case:\n$$\\mathbb{E}_p[\\sigma_2^2 x] = \\mu_1$$\n", "ox"},
		{"md we now return to the general case", Markdown, gauss +
			"With $\\mu_2 = 0$ and $\\sigma_2 = 1$ this becomes\n$$\\mathbb{E}_p[(x - \\mu_2)/\\sigma_2] = \\mu_1$$\n" +
			"We now return to the general case, where\n$$\\mathbb{E}_p[(x - \\mu_2)/\\sigma_2] = \\mu_1$$\n", "ox"},
		{"md in general", Markdown, gauss +
			"Take $\\mu_2 = 0$:\n$$\\mathbb{E}_p[x + \\mu_2] = \\mu_1$$\n\nIn general,\n$$\\mathbb{E}_p[x + \\mu_2] = \\mu_1$$\n" +
			"and the true general line\n$$\\mathbb{E}_p[x + \\mu_2] = \\mu_1 + \\mu_2$$\n", "oxo"},
		{"md a list item ends it", Markdown, gauss +
			"## Two cases\n\n- Let $\\mu_2 = 0$. Then $\\mathbb{E}_p[x - \\mu_2] = \\mu_1$.\n- Let $\\mu_2 = 1$. Then $\\mathbb{E}_p[x - \\mu_2] = \\mu_1 - 1$.\n\n" +
			"After the list, $\\mathbb{E}_p[x - \\mu_2] = \\mu_1 - 1$.\n", "oox"},
		{"md in the preamble it stands", Markdown, gauss +
			"Let $\\mu_2 = 0$ throughout.\n\n## A\n\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n\n## B\n\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n", "oo"},
		{"md a false line in the case is wrong", Markdown, gauss +
			"## Centred\n\nLet $\\mu_2 = 0$. Then\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1 + 1$$\n\n## General\n\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1 - \\mu_2$$\n", "xo"},
		{"tex a section ends it", TeX, gaussTeX +
			"\\section{A special case}\nLet \\(\\mu_2 = 0\\). Then\n\\[ \\mathbb{E}_p[x - \\mu_2] = \\mu_1 \\]\n" +
			"\\section{The general case}\n\\[ \\mathbb{E}_p[x - \\mu_2] = \\mu_1 \\]\n", "ox"},
		{"tex an environment ends it", TeX, gaussTeX +
			"\\begin{remark}\nIf we set $\\sigma_2 = 1$, then \\( \\mathbb{E}_p[\\sigma_2 x] = \\mu_1 \\).\n\\end{remark}\n" +
			"Hence \\( \\mathbb{E}_p[\\sigma_2 x] = \\mu_1 \\).\n", "ox"},
		{"tex items of cases", TeX, gaussTeX +
			"\\begin{itemize}\n\\item Take $\\mu_2 = 0$: \\( \\mathbb{E}_p[x\\mu_2] = 0 \\).\n\\item Take $\\mu_2 = 2$: \\( \\mathbb{E}_p[x\\mu_2] = 2\\mu_1 \\).\n\\end{itemize}\n" +
			"So \\( \\mathbb{E}_p[x\\mu_2] = 2\\mu_1 \\) and \\( \\mathbb{E}_p[x\\mu_2] = \\mu_1\\mu_2 \\).\n", "ooxo"},
		{"md in the special case", Markdown, "Let $p(x) = \\mathrm{Gamma}(x; a, b)$.\n\n## Unit rate\n\nIn the special case $b = 1$,\n$$\\mathbb{E}_p[x] = a$$\n\n" +
			"## Any rate\n\n$$\\mathbb{E}_p[x] = a$$\n\n$$\\mathbb{E}_p[b x] = a$$\n", "oxo"},
		{"md a case in words ends at a heading", Markdown, "Let $p(z \\mid x) = \\mathcal{N}(z; \\mu, \\sigma^2)$ and $r(z) = \\mathcal{N}(z; m, s^2)$.\n\n" +
			"## Standard prior\n\nFor the standard normal prior,\n$$\\mathbb{E}_p[(z - m)^2] = \\sigma^2 + \\mu^2$$\n\n" +
			"## Any prior\n\n$$\\mathbb{E}_p[(z - m)^2] = \\sigma^2 + \\mu^2$$\n", "ox"},
		{"md a case not understood ends at a heading", Markdown, gauss +
			"## Standard prior\n\nIf the prior is a standard Gaussian,\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n\n" +
			"## Any prior\n\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n", "?x"},
		{"md a value stated with the density stands, to In general", Markdown,
			"Let $p(x) = \\mathcal{N}(x; \\mu_1, \\sigma_1^2)$ and $q(x) = \\mathcal{N}(x; \\mu_2, \\sigma_2^2)$ with $\\mu_2 = 0$.\n\n" +
				"## A\n\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n\n## B\n\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n\nIn general,\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n", "oox"},
		{"md a later condition on the parameter starts a case", Markdown, gauss +
			"Let $\\mu_2 = 0$. Then\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n\nFor $\\mu_2 > 0$,\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\nand so\n" +
			"$$\\mathbb{E}_p[x] - \\sqrt{\\mu_2^2} = \\mu_1 - \\mu_2$$\n", "oxo"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.kind, c.doc)
			assert.Equal(t, c.want, marks(r), "%s\n%v", c.doc, summary(r))
		})
	}
}

// A label defined in a special case stands for its definition in that
// case only: used after the case ends it is not checked, saying why,
// rather than ✗ on a true general result or ✓ on a false one; used in
// the case, or defined in general and used in the case, it is judged.
func TestLabelInSpecialCase(t *testing.T) {
	const gauss = "Let $p(x) = \\mathcal{N}(x; \\mu_1, \\sigma_1^2)$ and $q(x) = \\mathcal{N}(x; \\mu_2, \\sigma_2^2)$.\n\n"
	const special = "\\frac{1}{2}(\\sigma_1^2 + \\mu_1^2 - 1 - \\log \\sigma_1^2)"
	const general = "\\log\\frac{\\sigma_2}{\\sigma_1} + \\frac{\\sigma_1^2 + (\\mu_1 - \\mu_2)^2}{2\\sigma_2^2} - \\frac12"
	doc := gauss + "## Standard prior\n\nLet $\\mu_2 = 0$ and $\\sigma_2 = 1$.\n\n$$KL_{std} = " + special + "$$\n\n$$KL_{std} = " + general + "$$\n\n" +
		"## General\n\n$$KL_{std} = " + general + "$$\n"
	r := run(t, Markdown, doc)
	assert.Equal(t, "o?", marks(r), "%v", summary(r))
	assert.Equal(t, "the label defined on line 7 stands for its definition in the special case μ₂ = 0, which does not hold here", r.Links[1].Reason)

	doc = gauss + "$$KL_{gen} = " + general + "$$\n\n## Standard prior\n\nLet $\\mu_2 = 0$ and $\\sigma_2 = 1$.\n\n$$KL_{gen} = " + special + "$$\n\n" +
		"## Back\n\n$$KL_{gen} = " + special + "$$\n"
	r = run(t, Markdown, doc)
	assert.Equal(t, "ox", marks(r), "%v", summary(r))
}
