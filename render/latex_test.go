package render

import (
	"bytes"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func latex(t *testing.T, d *derive.Derivation, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, LaTeX(&b, d, opt))
	return b.String()
}

const smallRows = `D_{\mathrm{KL}}(p \,\|\, q) &= \mathbb{E}_{x \sim p}\left[\log \frac{p(x)}{q(x)}\right] && \text{definition of KL divergence} \\
&= \mathbb{E}_{x \sim p}[\log p(x) - \log q(x)] && \text{log of a quotient} \\
&= \mathbb{E}_{x \sim p}[\log p(x)] - \mathbb{E}_{x \sim p}[\log q(x)] && \text{linearity of E\_p \& sums}`

// wide is a page on which no row of the fixtures breaks, for the tests
// of everything but the breaking.
var wide = Options{WidthPt: 1000}

const smallAligned = "\\begin{aligned}\n" + smallRows + "\n\\end{aligned}"

func TestLaTeXFragment(t *testing.T) {
	assert.Equal(t, smallAligned+"\n", latex(t, small(), wide))
}

func TestLaTeXStandalone(t *testing.T) {
	want := `\documentclass{article}
\usepackage{amsmath}
\usepackage{amssymb}
\allowdisplaybreaks
\begin{document}
% klderive: p(x) = Normal(x; m, s^2)
% klderive: assume s > 0
\section*{KL divergence $D_{\mathrm{KL}}(p \,\|\, q)$}
Given $p(x) = \mathcal{N}(x;\, m, s^{2})$ and $s > 0$.

\begin{small}
\begin{align*}
` + smallRows + `
\end{align*}
\end{small}
Result:
\[
D_{\mathrm{KL}}(p \,\|\, q) = \mathbb{E}_{x \sim p}[\log p(x)] - \mathbb{E}_{x \sim p}[\log q(x)]
\]
Verified: 8 points $\times$ 3 steps, result agrees with direct integration; largest relative error $2.0 \times 10^{-16}$.
\end{document}
`
	opt := Options{Standalone: true, WidthPt: wide.WidthPt, Context: []string{"p(x) = Normal(x; m, s^2)", "assume s > 0"}}
	assert.Equal(t, want, latex(t, small(), opt))
	opt.Box = true
	assert.Contains(t, latex(t, small(), opt), "\\[\n\\boxed{D_{\\mathrm{KL}}(p \\,\\|\\, q) = ")
}

func TestLaTeXStandaloneBound(t *testing.T) {
	d := small()
	d.Bound = "size limit 100 & 50% reached"
	d.Verification.Dims = []int{2, 3}
	assert.Contains(t, latex(t, d, Options{Standalone: true}), `\end{small}
Stopped: size limit 100 \& 50\% reached.

Verified: 8 points $\times$ 3 steps, result agrees with direct integration; largest relative error $2.0 \times 10^{-16}$; dimensions tried: 2, 3.
\end{document}
`)
}

// Fine steps are extra lines, indented by \qquad and labelled with the
// rule name in typewriter type.
func TestLaTeXFine(t *testing.T) {
	out := latex(t, kl(), Options{Fine: true, WidthPt: wide.WidthPt})
	assert.Contains(t, out, ` && \text{substitute the densities} \\
&\qquad = \mathbb{E}_{x \sim p}[\log(\mathcal{N}(x;\, \mu_{1}, \sigma_{1}^{2})) - \log q(x)] && \text{\texttt{substitute-p}} \\
&\qquad = `)
	assert.Equal(t, 7, bytes.Count([]byte(out), []byte(`\\`+"\n")), "8 lines (5 shown, 3 fine) and no \\\\ after the last")
}

func TestEscapeText(t *testing.T) {
	cases := map[string]string{
		"log of a quotient": "log of a quotient",
		"E_p & sums":        `E\_p \& sums`,
		`50% #1 $5 {a}`:     `50\% \#1 \$5 \{a\}`,
		`a\b ^ ~`:           `a\textbackslash{}b \textasciicircum{} \textasciitilde{}`,
		"a < b > c | d":     `a \textless{} b \textgreater{} c \textbar{} d`,
		"KL(p ‖ q), x ∼ p":  `KL(p $\|$ q), x $\sim$ p`,
		"σ > 0":             `$\sigma$ \textgreater{} 0`,
		"café – “quoted”":   "café – “quoted”",
		"line\nbreak\ttab":  "line break tab",
		"σ₁ ☃":              `$\sigma$? ?`,
	}
	for in, want := range cases {
		assert.Equal(t, want, escapeText(in), in)
	}
}

func TestSciLaTeX(t *testing.T) {
	assert.Equal(t, `$3.1 \times 10^{-15}$`, sciLaTeX(3.1e-15))
	assert.Equal(t, `$1.0 \times 10^{3}$`, sciLaTeX(1000))
	assert.Equal(t, `$0.0$`, sciLaTeX(0))
	assert.Equal(t, `$1.5$`, sciLaTeX(1.5))
}
