package render

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

func TestMarkdown(t *testing.T) {
	want := "# KL divergence KL(p ‖ q)\n\n" +
		"- $" + `p(x) = \mathcal{N}(x;\, m, s^{2})` + "$\n" +
		"- $s > 0$\n\n" +
		"$$\n" + smallAligned + "\n$$\n" + `
Result: $D_{\mathrm{KL}}(p \,\|\, q) = \mathbb{E}_{x \sim p}[\log p(x)] - \mathbb{E}_{x \sim p}[\log q(x)]$

verified: 8 points × 3 steps, result agrees with direct integration; largest relative error 2.0e-16

## Rules used

- ` + "`definition-kl`" + `: definition of KL divergence
- ` + "`log-quotient`" + `: log of a quotient
- ` + "`linearity`" + `: linearity of E\_p & sums
`
	var b bytes.Buffer
	require.NoError(t, Markdown(&b, small(), wide))
	assert.Equal(t, want, b.String())

	// A math fence in place of $$, for renderers that eat backslashes.
	b.Reset()
	fenced := wide
	fenced.MathFence = true
	require.NoError(t, Markdown(&b, small(), fenced))
	assert.Contains(t, b.String(), "\n```math\n"+smallAligned+"\n```\n")
}

// Rules used lists fine-step rules, in order of first use, with the title
// of their first use, escaped so that Markdown does not format it.
func TestMarkdownRulesAndBound(t *testing.T) {
	d := kl()
	d.Bound = "depth limit *8* reached"
	var b bytes.Buffer
	require.NoError(t, Markdown(&b, d, Options{}))
	assert.Contains(t, b.String(), "\n$$\n\nstopped: depth limit \\*8\\* reached\n\nverified: 8 points")
	assert.Contains(t, b.String(), "## Rules used\n\n"+
		"- `definition-kl`: definition of KL divergence\n"+
		"- `log-quotient`: log of a quotient\n"+
		"- `substitute-p`: substitute p\n"+
		"- `substitute-q`: substitute q\n"+
		"- `log-normal`: log-density of a normal\n"+
		"- `moments`: E\\[x\\] = mu\\_1, 100% ~ {ok}\n")
}

func TestMarkdownUnnamedRule(t *testing.T) {
	d := small()
	d.Steps[1].Rule = ""
	var b bytes.Buffer
	require.NoError(t, Markdown(&b, d, Options{}))
	assert.Contains(t, b.String(), "## Rules used\n\n- `definition-kl`: definition of KL divergence\n- `linearity`:")
}

// The verdict's conditions are inline math, each case taken introduced
// by "if" (check reads a bare relation as a claim), the cases where the
// result is infinite after "where", and the ends of a limit as text, as
// in the LaTeX verdict; a name is escaped for Markdown.
func TestMarkdownVerdictConditions(t *testing.T) {
	v := derive.Verification{Points: 8, Steps: 5, Direct: true, MaxRelErr: 1e-15,
		Cases:     "cases taken: a_1 - 1 <= 0 at 5, 0 < b <= 1 at 2, otherwise at 1",
		Otherwise: "infinite where s_2 < s_1 or m > 1: at each of 8 points drawn there",
		Limits:    "where v_1 = 1, the limit of the result agrees with direct integration, at 8 points"}
	assert.Equal(t, "verified: 8 points × 5 steps, result agrees with direct integration; largest relative error 1.0e-15; "+
		`cases taken: if $a_{1} - 1 \le 0$ at 5, if $0 < b \le 1$ at 2, otherwise at 1; `+
		`infinite where $s_{2} < s_{1}$ or $m > 1$: at each of 8 points drawn there; `+
		`where v₁ = 1, the limit of the result agrees with direct integration, at 8 points`,
		markdownVerdict(v, expr.Notation{}))
}
