package render

import (
	"strings"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The standalone verdict sets the conditions of a piecewise result's ∞
// case as math, in \ensuremath (which klderive check does not read as
// the document's hypothesis), with other names and in both directions.
func TestLaTeXVerdictSetsInfiniteConditionsAsMath(t *testing.T) {
	for src, want := range map[string]string{
		"p(x) = Uniform(x; c, d)\nq(x) = Uniform(x; g, h)\nderive KL(p || q)\n": `infinite where \ensuremath{c < g} or \ensuremath{h < d}`,
		"p(x) = Uniform(x; c, d)\nq(x) = Uniform(x; g, h)\nderive KL(q || p)\n": `infinite where \ensuremath{g < c} or \ensuremath{d < h}`,
	} {
		d, doc := standaloneOf(t, src)
		require.NotEmpty(t, d.Verification.Otherwise, src)
		assert.Contains(t, doc, want, src)
		verdict := doc[strings.Index(doc, "Verified:"):]
		assert.NotContains(t, verdict, `\textless{}`, "%s: a condition set as text", src)
	}
}

// The cases each point of a piecewise term took are klderive's report
// too: in \ensuremath, not $…$, which klderive check would read as the
// document's claim (m - 1 ≤ 0 is no identity in m), in a LogNormal
// against a Laplace of either sign of location.
func TestLaTeXVerdictSetsCasesTakenAsReport(t *testing.T) {
	for src, want := range map[string]string{
		"assume s > 0\np(x) = Laplace(x; m - 1, s)\nq(x) = LogNormal(x; c, 1/2)\nderive KL(q || p)\n": `cases taken: \ensuremath{m - 1 \le 0} at`,
		"p(x) = Laplace(x; -u, 2)\nq(x) = LogNormal(x; 0, v)\nderive H(q, p)\n":                       `cases taken: \ensuremath{-u \le 0} at`,
	} {
		_, doc := standaloneOf(t, src)
		verdict := doc[strings.Index(doc, "Verified:"):]
		assert.Contains(t, verdict, want, src)
		assert.NotContains(t, verdict, `$m`, src)
	}
}

// standaloneOf derives the first goal of src and renders it as a
// standalone LaTeX document.
func standaloneOf(t *testing.T, src string) (*derive.Derivation, string) {
	t.Helper()
	f, err := expr.ParseFile("v.kl", src)
	require.NoError(t, err)
	p, err := derive.Load(f)
	require.NoError(t, err)
	d, err := derive.Derive(p, f.Goals[0], derive.DefaultOptions)
	require.NoError(t, err, src)
	var b strings.Builder
	require.NoError(t, LaTeX(&b, d, Options{Standalone: true}))
	return d, b.String()
}

// The witness of +∞, p(x) > 0 and q(x) = 0, is math too: as text, > sets
// as an inverted question mark in pdflatex's default font, and a name
// p_1 stops it with "Missing $ inserted". Subscripted and plain names,
// both directions, discrete and continuous.
func TestLaTeXVerdictSetsTheWitnessAsMath(t *testing.T) {
	for src, want := range map[string]string{
		"p_1(x) = Normal(x; m, s)\nq_1(x) = Exponential(x; l)\nderive KL(p_1 || q_1)\n":   `\ensuremath{p_{1}(x) > 0} and \ensuremath{q_{1}(x) = 0}`,
		"p(x) = Exponential(x; l)\nw(x) = Uniform(x; 0, 1)\nderive H(p, w)\n":             `\ensuremath{p(x) > 0} and \ensuremath{w(x) = 0}`,
		"n: count\nr2(x) = Poisson(x; l)\ng(x) = Binomial(x; n, a)\nderive KL(r2 || g)\n": `\ensuremath{r_{2}(x) > 0} and \ensuremath{g(x) = 0}`,
	} {
		d, doc := standaloneOf(t, src)
		require.NotEmpty(t, d.Verification.Witness, src)
		verdict := doc[strings.Index(doc, "Verified:"):]
		assert.Contains(t, verdict, want, src)
		assert.NotContains(t, outsideMath(verdict), ">", "%s: a relation set as text", src)
	}
}

// outsideMath is s without its \ensuremath{…} groups, braces balanced.
func outsideMath(s string) string {
	var b strings.Builder
	for {
		i := strings.Index(s, `\ensuremath{`)
		if i < 0 {
			return b.String() + s
		}
		b.WriteString(s[:i])
		depth, j := 0, i+len(`\ensuremath`)
		for ; j < len(s); j++ {
			if s[j] == '{' {
				depth++
			} else if s[j] == '}' {
				if depth--; depth == 0 {
					break
				}
			}
		}
		s = s[min(j+1, len(s)):]
	}
}
