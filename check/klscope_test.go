package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// An assume in a klderive block is scoped as a condition stated where
// the block stands. Each document has a line beyond the scope that
// holds under the assumption and not in general: it must be ✗.
func TestBlockAssumptionScope(t *testing.T) {
	const dens = "```klderive\np(x) = Normal(x; a, s^2)\n```\n\n"
	const assume = "```klderive\nassume a > 0\n```\n\n"
	const line = "$$\\mathbb{E}_p[x] = \\sqrt{a^2}$$\n"
	const texDens = "% klderive: p(x) = Normal(x; a, s^2)\n"
	const texLine = "\\[ \\mathbb{E}_p[x] = \\sqrt{a^2} \\]\n"
	for _, c := range []struct {
		name string
		kind Kind
		doc  string
		want string
	}{
		{"a section's ends at the next heading", Markdown, dens + "## Positive\n\n" + assume + line + "\n## Any\n\n" + line, "ox"},
		{"the preamble's stands", Markdown, dens + assume + "## Positive\n\n" + line + "\n## Any\n\n" + line, "oo"},
		{"with the density it stands", Markdown, "## Setup\n\n```klderive\np(x) = Normal(x; a, s^2)\nassume a > 0\n```\n\n## Next\n\n" + line, "o"},
		{"after the derivation has begun, its paragraph group", Markdown, dens + "$$\\mathbb{E}_p[x] = a$$\n\n" + assume + line + "\nHence\n" + line, "oox"},
		{"a list item's ends with it", Markdown, dens + "## A\n\n- Positive:\n\n  ```klderive\n  assume a > 0\n  ```\n\n  " + line + "\nAfter the list,\n" + line, "ox"},
		{"an identity variable's", Markdown, "## A\n\n```klderive\nassume t > 0\n```\n\n$$\\sqrt{t^2} = t$$\n\n## B\n\n$$\\sqrt{t^2} = t$$\n", "ox"},
		{"tex a section's", TeX, texDens + "\\section{Positive}\n% klderive: assume a > 0\n" + texLine + "\\section{Any}\n" + texLine, "ox"},
		{"tex the preamble's", TeX, texDens + "% klderive: assume a > 0\n\\section{Positive}\n" + texLine + "\\section{Any}\n" + texLine, "oo"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.kind, c.doc)
			assert.Equal(t, c.want, marks(r), "%s\n%v", c.doc, summary(r))
		})
	}
}
