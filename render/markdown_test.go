package render

import (
	"bytes"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
