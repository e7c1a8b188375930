package render

import (
	"bytes"
	"strings"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// assumed is kl() with three assumptions: a symbol taken positive by
// convention, an assume line of the file, and a parameter's own domain.
func assumed() *derive.Derivation {
	p := expr.MustParse
	d := kl()
	d.Assumed = []derive.Assumption{
		{Fact: p("sigma1 > 0").(*expr.Rel), Why: "a standard deviation, taken positive: %s is the variance of %s", Terms: []expr.Expr{p("sigma1^2"), p("p")}},
		{Fact: p("mu2 < mu1").(*expr.Rel), Why: "assumed"},
		{Fact: p("v > 0").(*expr.Rel), Why: "the variance of %s", Terms: []expr.Expr{p("q")}, Domain: true},
	}
	return d
}

// Every format states the assumptions before the first step, each with
// why unless the file said it, its math as math; a parameter's own
// domain is left out. A LaTeX fragment, which has no prose, says them
// in a comment above its block.
func TestAssumptionsShownBeforeTheSteps(t *testing.T) {
	cases := []struct {
		format string
		want   []string
		first  string // the start of the first step
	}{
		{"text", []string{"assuming σ₁ > 0 (a standard deviation, taken positive: σ₁² is the variance of p); μ₂ < μ₁"}, "  = "},
		{"markdown", []string{`Assuming $\sigma_{1} > 0$ (a standard deviation, taken positive: $\sigma_{1}^{2}$ is the variance of $p$); $\mu_{2} < \mu_{1}$.`}, `\begin{aligned}`},
		{"html", []string{`<p>Assuming `, `taken positive: `, `is the variance of `}, `\begin{aligned}`},
		{"json", []string{`"assumed": [`, `"sigma_1 > 0 (a standard deviation, taken positive: sigma_1^2 is the variance of p)"`, `"mu_2 < mu_1"`}, `"steps"`},
	}
	for _, c := range cases {
		var b bytes.Buffer
		require.NoError(t, Render(&b, c.format, assumed(), Options{}), c.format)
		out := b.String()
		first := strings.Index(out, c.first)
		require.GreaterOrEqual(t, first, 0, "%s:\n%s", c.format, out)
		for _, w := range c.want {
			at := strings.Index(out, w)
			assert.True(t, at >= 0 && at < first, "%s: %q before the steps in:\n%s", c.format, w, out)
		}
		assert.NotContains(t, out, "v > 0", c.format)
		assert.NotContains(t, out, "(assumed)", c.format)
	}
	var frag bytes.Buffer
	require.NoError(t, Render(&frag, "latex", assumed(), Options{}))
	assert.True(t, strings.HasPrefix(frag.String(), `% Assuming $\sigma_{1} > 0$ (`), "a fragment's comment:\n%s", frag.String())
	assert.Contains(t, frag.String(), "$\\mu_{2} < \\mu_{1}$.\n\\begin{aligned}")
	var b bytes.Buffer
	require.NoError(t, Render(&b, "latex", assumed(), Options{Standalone: true}))
	assert.Contains(t, b.String(), `Assuming $\sigma_{1} > 0$ (a standard deviation, taken positive: $\sigma_{1}^{2}$ is the variance of $p$); $\mu_{2} < \mu_{1}$.`+"\n\n\\begin{small}")
}

// The words around an assumption's math are escaped for each format,
// the math is not.
func TestAssumptionWordsEscaped(t *testing.T) {
	d := assumed()
	d.Assumed = []derive.Assumption{{Fact: expr.MustParse("a_1 > 0").(*expr.Rel), Why: "<b>_x_ & %s</b>", Terms: []expr.Expr{expr.MustParse("a_1^2")}}}
	for format, want := range map[string]string{
		"markdown": `(\<b\>\_x\_ & $a_{1}^{2}$\</b\>)`,
		"html":     `(&lt;b&gt;_x_ &amp; `,
	} {
		var b bytes.Buffer
		require.NoError(t, Render(&b, format, d, Options{}))
		assert.Contains(t, b.String(), want, format)
	}
	var b bytes.Buffer
	require.NoError(t, Render(&b, "latex", d, Options{Standalone: true}))
	assert.Contains(t, b.String(), `\_x\_ \& $a_{1}^{2}$`)
}
