package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A condition the document states on its parameters restricts the
// points: sqrt(a²) = a holds for a > 0 only, so it is ✓ where the
// document says a > 0, in each way of saying it, and ✗ where it does not.
func TestStatedConditionsRestrictPoints(t *testing.T) {
	body := "\n\n$$\n\\mathbb{E}[X] = \\sqrt{a^2}\n$$\n"
	for _, stated := range []string{
		"Let $X \\sim \\mathcal{N}(a, s^2)$ where $a > 0$.",
		"Let $X \\sim \\mathcal{N}(a, s^2)$ for $a, s > 0$.",
		"Let $X \\sim \\mathcal{N}(a, s^2)$ with $0 < a < 5$.",
		"Let $X \\sim \\mathcal{N}(a, s^2)$ for $a>0,\\ s>0$.",
		"Let $X \\sim \\mathcal{N}(a, s^2)$ with mean $a > 0$ and variance $s^2$.",
		"Let $X \\sim \\mathcal{N}(a, s^2)$ where $s > 0$ and $a \\geq 1$.",
	} {
		r := run(t, Markdown, stated+body)
		require.Len(t, r.Links, 1, stated)
		assert.Equal(t, OK, r.Links[0].Status, "%s: %v", stated, summary(r))
	}
	for _, unstated := range []string{
		"Let $X \\sim \\mathcal{N}(a, s^2)$.",
		// "if" and "unless" name a case, not the domain.
		"Let $X \\sim \\mathcal{N}(a, s^2)$; the bound is tight if $a > 0$.",
		"Let $X \\sim \\mathcal{N}(a, s^2)$; it fails unless $a > 0$.",
		// A bound on a symbol the context does not know says nothing of a.
		"Let $X \\sim \\mathcal{N}(a, s^2)$ where $t > 0$.",
	} {
		r := run(t, Markdown, unstated+body)
		require.Len(t, r.Links, 1, unstated)
		assert.Equal(t, Wrong, r.Links[0].Status, "%s: %v", unstated, summary(r))
	}
}

// The conditions read are listed with the lines they apply to; 0 < a is
// a condition, not a claim left unchecked.
func TestStatedConditionsInContext(t *testing.T) {
	r := run(t, Markdown, "Let $X \\sim \\mathcal{U}(a, b)$ with $0 < a < b$.\n\n$$\\mathbb{E}[\\log X] = \\frac{b \\log b - a \\log a}{b - a} - 1$$\n")
	var stmts []string
	for _, st := range r.Statements {
		stmts = append(stmts, st.Text+" ("+st.Scope()+")")
	}
	assert.Equal(t, []string{"0 < a (applies to lines 1–3)", "a < b (applies to lines 1–3)"}, stmts)
	require.Len(t, r.Links, 1, summary(r))
	assert.Equal(t, OK, r.Links[0].Status)
	assert.Equal(t, 16, r.Links[0].Points)
	assert.Len(t, r.Context, 1) // the density; the conditions are statements
}

func TestConditionPieces(t *testing.T) {
	assert.Equal(t, []string{`\alpha>0`, `\beta>0`}, conditionPieces(`\alpha>0,\ \beta>0`))
	assert.Equal(t, []string{`a, b > 0`}, conditionPieces(`a, b > 0`))
	assert.Equal(t, []string{`a > 0`, `b < 1`}, conditionPieces(`a > 0 \quad b < 1`))
	assert.Equal(t, []string{`\sigma_{1,d} > 0`}, conditionPieces(`\sigma_{1,d} > 0`))
	assert.Len(t, orderRelations(`0 < a < b`), 2)
	assert.Len(t, orderRelations(`a_1, a_2 > 0`), 2)
	assert.Len(t, orderRelations(`b - a > 0`), 1, "the sign of an expression")
	assert.Empty(t, orderRelations(`(9 - 8)^2 > a`))
	assert.Empty(t, orderRelations(`a = 0`))
}

// Conditions stated in one sentence hold together; when no point
// satisfies them all (each names a case) the link under them is not
// checked, and says why, rather than judged under some of them.
func TestContradictoryConditions(t *testing.T) {
	r := run(t, Markdown, "Let $X \\sim \\mathcal{N}(a, s^2)$, for $a > 0$ and for $a < 0$ alike.\n\n$$\\mathbb{E}[X^2] = a^2 + s^2$$\n")
	require.Len(t, r.Links, 1, summary(r))
	assert.Equal(t, Unchecked, r.Links[0].Status)
	assert.Equal(t, "the conditions in scope here hold together at no point drawn: a > 0 (line 1), a < 0 (line 1)", r.Links[0].Reason)
}

// A chain of conditions after "for" is conditions, each listed with its
// scope, not links that hold at points drawn to satisfy them.
func TestChainConditionIsNoLink(t *testing.T) {
	r := run(t, Markdown, "Let $X \\sim \\mathcal{U}(a, b)$ for $0 < a < b$.\n\n$$\\mathbb{E}[\\log X] = \\frac{b \\log b - a \\log a}{b - a} - 1$$\n")
	assert.Equal(t, []string{"3:24 ok"}, summary(r))
	assert.Equal(t, []string{"1:41 condition: 0 < a", "1:45 condition: a < b"}, statements(r))
	for _, st := range r.Statements {
		assert.Equal(t, "applies to lines 1–3", st.Scope())
	}
}
