package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// "with $S = \text{diag}(...)$" defines S for the links after it.
func TestStatedNotation(t *testing.T) {
	ctx := []string{"n: dim", "z, mu, sigma: vector[n]", "q(z) = MvNormal(z; mu, diag(sigma^2))"}
	doc := "$$\\log|S| = \\log|S|$$\n\n" +
		"with $S = \\text{diag}(\\sigma_1^2, \\ldots, \\sigma_n^2)$,\n\n" +
		"$$\\log|S| = \\sum_i \\log\\sigma_i^2$$\n\nand\n\n" +
		"$$\\mathrm{tr}(S) = \\sum_i \\sigma_i$$\n\n" +
		"Hence $\\mathrm{tr}(S) = \\sum_i \\sigma_i^2$.\n"
	r := run(t, Markdown, doc, ctx...)
	require.Len(t, r.Links, 4)
	assert.Equal(t, Unchecked, r.Links[0].Status, "before the notation S is unknown")
	assert.Equal(t, OK, r.Links[1].Status, r.Links[1].Reason)
	assert.Equal(t, Wrong, r.Links[2].Status, r.Links[2].Reason)
	// Stated mid-document, it lasts as a case stated there does: to its
	// paragraph group's end (paragraph.go), beyond which S is unknown.
	assert.Equal(t, Unchecked, r.Links[3].Status, r.Links[3].Reason)
	assert.Equal(t, "unknown symbol S", r.Links[3].Reason)
	// After "if" it qualifies its sentence only; in unknown symbols it
	// defines nothing.
	r = run(t, Markdown, "if $S = \\text{diag}(\\sigma_1^2, \\ldots, \\sigma_n^2)$\n\n$$\\log|S| = \\sum_i \\log\\sigma_i^2$$\n", ctx...)
	assert.Equal(t, Unchecked, r.Links[0].Status)
	r = run(t, Markdown, "with $S = \\text{diag}(c_1, \\ldots, c_n)$\n\n$$\\log|S| = \\sum_i \\log c_i$$\n", ctx...)
	assert.Equal(t, Unchecked, r.Links[0].Status) // A value stated for an unknown symbol is a notation with a scope:
	// after the next heading a is unknown again, and √(a²) = 2 is not
	// judged as if a were still 2.
	r = run(t, Markdown, "## A\n\nIn the special case $a = 2$:\n$$\\sqrt{a^2} = 2$$\n\n## B\n\n$$\\sqrt{a^2} = 2$$\n")
	assert.Equal(t, "o?", marks(r), "%v", summary(r))
}

// A density written with what it is conditioned on, parameters included,
// is defined, not claimed.
func TestConditionedDefinition(t *testing.T) {
	r := run(t, Markdown, "$$f(x | \\mu, \\sigma^2) = \\frac{1}{\\sqrt{2\\pi\\sigma^2}} e^{-\\frac{(x-\\mu)^2}{2\\sigma^2}}$$\n", gauss...)
	assert.Empty(t, r.Links)
	require.Len(t, r.Statements, 1)
	assert.Equal(t, Definition, r.Statements[0].Kind)
	// A formula on the left is still a claim.
	r = run(t, Markdown, "$$f(x | \\mu + 1) = 2$$\n", gauss...)
	assert.Len(t, r.Links, 1)
}
