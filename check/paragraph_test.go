package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// In a document without headings, a case stated once the derivation has
// begun lasts through its paragraph group only. Each document pairs a
// line in the case with a line after the group that holds in the case
// but not in general: judged in the case, a false claim would pass.
func TestParagraphGroupScope(t *testing.T) {
	const gauss = "Let $p(x) = \\mathcal{N}(x; \\mu_1, \\sigma_1^2)$ and $q(x) = \\mathcal{N}(x; \\mu_2, \\sigma_2^2)$.\n\n" +
		"$$\\mathbb{E}_p[x] = \\mu_1$$\n\n"
	const root = "We have\n$$\\sqrt{a^2} = |a|$$\n\n"
	for _, c := range []struct {
		name string
		kind Kind
		doc  string
		want string
	}{
		{"a special case ends at fresh prose", Markdown, gauss +
			"Let $\\mu_2 = 0$. Then\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n\nThe mean of $x - \\mu_2$ is then\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n", "oox"},
		{"a condition ends at fresh prose", Markdown, root +
			"For $a > 0$,\n$$\\sqrt{a^2} = a$$\n\nHence\n$$\\sqrt{a^2} = a$$\n", "oox"},
		{"lower-case prose and continued chains carry it on", Markdown, root +
			"For $a > 0$,\n\n$$\\sqrt{a^2} = a$$\n\n$$= |a|$$\n\nwhich gives\n\n$$\\sqrt{a^2} + 1 = a + 1$$\n\nSo $\\sqrt{a^2} = a$.\n", "oooox"},
		{"the first chain after the statement is its", Markdown, root +
			"In the special case $a = 2$:\n\n$$\\sqrt{a^2} = 2$$\n\n$$\\sqrt{a^2} = 2$$\n", "oo?"},
		{"a second chain of its own ends it", Markdown, root +
			"For $a > 0$:\n$$\\sqrt{a^2} = a$$\n\n$$\\sqrt{a^2} = a$$\n", "oox"},
		{"a case in words ends too", Markdown,
			"Let $p(z \\mid x) = \\mathcal{N}(z; \\mu, \\sigma^2)$ and $r(z) = \\mathcal{N}(z; m, s^2)$.\n\n$$\\mathbb{E}_p[z] = \\mu$$\n\n" +
				"For the standard normal prior,\n$$\\mathbb{E}_p[(z - m)^2] = \\sigma^2 + \\mu^2$$\n\nIn any case\n$$\\mathbb{E}_p[(z - m)^2] = \\sigma^2 + \\mu^2$$\n", "oox"},
		{"before any claim it is the setup", Markdown,
			"For $a > 0$,\n$$\\sqrt{a^2} = a$$\n\nHence\n$$\\sqrt{a^2} = a$$\n", "oo"},
		{"a definition before is no claim", Markdown,
			"$$f(a) = \\sqrt{a^2} + 1$$\n\nFor $a > 0$,\n$$\\sqrt{a^2} = a$$\n\nHence\n$$\\sqrt{a^2} = a$$\n", "oo"},
		{"a chain that starts with a function is a claim", Markdown,
			"$$f(a) = \\sqrt{a^2} = |a|$$\n\nFor $a > 0$,\n$$\\sqrt{a^2} = a$$\n\nHence\n$$\\sqrt{a^2} = a$$\n", "oox"},
		{"throughout still stands", Markdown, root +
			"From now on, assume $a > 0$.\n\nThen\n$$\\sqrt{a^2} = a$$\n\nHence\n$$\\sqrt{a^2} = a$$\n", "ooo"},
		{"tex a paragraph ends it", TeX, "We have \\[ \\sqrt{a^2} = |a| \\]\n\nIf $a > 0$, then\n\\[ \\sqrt{a^2} = a \\]\nwhere the root is positive.\n\n" +
			"Thus \\( \\sqrt{a^2} = a \\).\n", "oox"},
		{"tex a special case ends at a paragraph", TeX, "Let \\(p(x) = \\mathcal{N}(x; \\mu_1, \\sigma_1^2)\\) and \\(q(x) = \\mathcal{N}(x; \\mu_2, \\sigma_2^2)\\).\n" +
			"Then \\[ \\mathbb{E}_p[x] = \\mu_1. \\]\nSet $\\sigma_2 = 1$: \\[ \\mathbb{E}_p[\\sigma_2 x] = \\mu_1 \\]\n\nAnd \\( \\mathbb{E}_p[\\sigma_2 x] = \\mu_1 \\).\n", "oox"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.kind, c.doc)
			assert.Equal(t, c.want, marks(r), "%s\n%v", c.doc, summary(r))
		})
	}
}
