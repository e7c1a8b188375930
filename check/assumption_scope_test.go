package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// An assumption stated in prose follows the rules of every condition:
// it stands from the preamble, the densities' sentence or with
// "throughout"; otherwise it ends at the next heading or with its list
// item or environment; and a sentence that keeps it to its part ("in
// this section", "for the rest of this section") keeps it there even
// in the preamble. Each document has a line after the scope that holds
// under the assumption and not in general: it must be ✗.
func TestAssumptionScope(t *testing.T) {
	const x = "Let $X \\sim \\mathcal{N}(a, s^2)$.\n\n"
	const line = "$$\\mathbb{E}[X] = \\sqrt{a^2}$$\n"
	for _, c := range []struct {
		name string
		kind Kind
		doc  string
		want string
	}{
		{"md assume that, in a section", Markdown, x + "## A\n\nAssume that $a > 0$.\n\n" + line + "\n## B\n\n" + line, "ox"},
		{"md we assume in this section", Markdown, x + "## A\n\nWe assume $a > 0$ in this section.\n\n" + line + "\n## B\n\n" + line, "ox"},
		{"md assume throughout this section that", Markdown, x + "## A\n\nWe assume throughout this section that $a > 0$.\n\n" + line + "\n## B\n\n" + line, "ox"},
		{"md for the rest of this section", Markdown, x + "## A\n\nFor the rest of this section, assume $a > 0$.\n\n" + line + "\n## B\n\n" + line, "ox"},
		{"md in this section, in the preamble", Markdown, x + "In this section we suppose that $a > 0$.\n\n" + line + "\n## B\n\n" + line, "ox"},
		{"md the preamble stands", Markdown, x + "Assume that $a > 0$.\n\n## A\n\n" + line + "\n## B\n\n" + line, "oo"},
		{"md throughout stands", Markdown, x + "## A\n\nWe assume $a > 0$ throughout.\n\n" + line + "\n## B\n\n" + line, "oo"},
		{"md a list item", Markdown, x + "## A\n\n- Assume $a > 0$. Then $\\mathbb{E}[X] = \\sqrt{a^2}$.\n- Otherwise $\\mathbb{E}[X] = \\sqrt{a^2}$.\n", "ox"},
		{"tex in this subsection", TeX, x + "\\section{A}\n\\subsection{Positive}\nIn this subsection we assume \\(a > 0\\).\n\\[" + line[2:len(line)-3] + "\\]\n\\subsection{Any}\n\\[" + line[2:len(line)-3] + "\\]\n", "ox"},
		{"tex throughout the proof", TeX, x + "\\begin{proof}\nAssume \\(a > 0\\) throughout the proof. Then \\[" + line[2:len(line)-3] + "\\]\n\\end{proof}\n\\[" + line[2:len(line)-3] + "\\]\n", "ox"},
		{"tex two joined by and", TeX, "Let \\(X \\sim \\mathcal{N}(a, s^2)\\) and \\(Y \\sim \\mathcal{N}(b, s^2)\\).\n\\section{A}\n" +
			"Suppose \\(a > 0\\) and \\(b > 0\\). Then \\[ \\mathbb{E}_X[x] \\mathbb{E}_Y[y] = \\sqrt{a^2 b^2} \\]\n", "o"},
		{"md suppose that states a special case", Markdown, "Let $p(x) = \\mathcal{N}(x; \\mu_1, \\sigma_1^2)$ and $q(x) = \\mathcal{N}(x; \\mu_2, \\sigma_2^2)$.\n\n" +
			"## Centred\n\nSuppose that $\\mu_2 = 0$. Then $$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n\n## General\n\n$$\\mathbb{E}_p[x - \\mu_2] = \\mu_1$$\n", "ox"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.kind, c.doc)
			assert.Equal(t, c.want, marks(r), "%s\n%v", c.doc, summary(r))
		})
	}
}
