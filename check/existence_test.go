package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A condition of existence holds for the whole document, the claim
// stated before it included; a condition after a plain "if" still
// qualifies only the math before it.
func TestExistenceCondition(t *testing.T) {
	doc := "Let $p = \\mathcal{N}(\\mu_1, \\sigma_1^2)$ and $q = \\mathcal{N}(\\mu_2, \\sigma_2^2)$.\n\nThen\n$$\n\\sqrt{(\\sigma_2 - \\sigma_1)^2} = \\sigma_2 - \\sigma_1 .\n$$\n\nThe gap %s $\\sigma_1 \\leq \\sigma_2$ and $\\mu_1 < \\mu_2$.\n\nSo\n$$\n\\sqrt{(\\mu_2 - \\mu_1)^2} = \\mu_2 - \\mu_1 .\n$$\n"
	for words, want := range map[string]string{
		"only exists, if":      "oo",
		"is defined only when": "oo",
		"is positive if":       "xx",
	} {
		r := run(t, Markdown, strings.Replace(doc, "%s", words, 1))
		assert.Equal(t, want, marks(r), "%q: %v", words, summary(r))
		if want == "oo" {
			assert.Equal(t, "σ₁ ≤ σ₂ (line 8), μ₁ < μ₂ (line 8)", r.Links[0].Conditions, words)
		}
	}
}

// A relation a quantifier binds inside a reason ("since … for any
// $u > 0$") restricts nothing that follows; the same words outside a
// reason state a case. (The reason's own relation, with its u unknown,
// is not checked.)
func TestReasonQuantifier(t *testing.T) {
	for doc, want := range map[string]string{
		"Since $u^2 > 0$ for any $u > 0$, we have\n$$\n\\sqrt{u^2} = u\n$$\n":    "?x",
		"Because $w^2 > 0$ for all $w < 0$, we have\n$$\n\\sqrt{w^2} = -w\n$$\n": "?x",
		"For any $u > 0$, we have\n$$\n\\sqrt{u^2} = u\n$$\n":                    "o",
	} {
		r := run(t, Markdown, doc)
		assert.Equal(t, want, marks(r), "%q: %v", doc, summary(r))
	}
}
