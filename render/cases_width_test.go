package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/texcheck"
	"github.com/stretchr/testify/require"
)

// casesProblems are cross-family problems whose derivations carry
// piecewise values with fractions in their cells, under other names
// and in both directions.
var casesProblems = []string{
	"p(x) = LogNormal(x; m, v)\nq(x) = Laplace(x; l, s)\nderive KL(p || q), H(p, q)\n",
	"p(x) = Laplace(x; c, d)\nq(x) = LogNormal(x; n, w)\nderive KL(q || p)\n",
	"p(x) = Uniform(x; a1, b1)\nq(x) = LogNormal(x; n, w)\nderive KL(p || q), H(p, q)\n",
	"p(x) = Uniform(x; a1, b1)\nq(x) = Beta(x; k3, k4)\nderive KL(p || q)\n",
	"p(x) = Uniform(x; a1, b1)\nq(x) = Gamma(x; a2, b2)\nderive KL(p || q), H(p, q)\n",
	"p(x) = Gamma(x; a, b)\nq(x) = Laplace(x; u, t)\nderive KL(p || q)\n",
}

// The cells of a cases environment are set in text style, a \frac in
// them with script-style parts: the estimate of every such cell with a
// fraction, over the derivations of casesProblems, is never below 95%
// of what pdflatex sets (the layout keeps 5% of the page to spare; a
// \left[ around a fraction of a fraction, sized by what it holds, is
// the roughest, at 96%), and on average within 5%, as for the rows.
func TestTeXCasesCellsAgainstPDFLaTeX(t *testing.T) {
	cells := casesCells(t)
	require.Greater(t, len(cells), 20)
	styled := make([]string, len(cells))
	for i, c := range cells {
		styled[i] = `\textstyle ` + c
	}
	pt, err := texcheck.Widths(latexPreamble, styled)
	texcheck.Require(t, err)
	require.NoError(t, err)
	measured, sum := 0, 0.0
	for i, c := range cells {
		if pt[i] < 30 {
			continue // too short for a ratio to mean much
		}
		r := texMath(c, textStyle) * 10 / pt[i]
		measured, sum = measured+1, sum+r
		if r < 0.95 {
			t.Errorf("estimate %.1fpt, pdflatex %.1fpt (%.0f%%): %s", texMath(c, textStyle)*10, pt[i], 100*r, c)
		}
	}
	require.Greater(t, measured, 20)
	mean := sum / float64(measured)
	t.Logf("%d cases cells: estimate/pdflatex mean %.3f", measured, mean)
	require.InDelta(t, 1, mean, 0.05)
}

// casesCells is every distinct cell with a \frac of the cases
// environments in the standalone LaTeX of casesProblems.
func casesCells(t *testing.T) []string {
	t.Helper()
	env := regexp.MustCompile(`(?s)\\begin\{cases\}(.*?)\\end\{cases\}`)
	seen := map[string]bool{}
	var out []string
	for _, src := range casesProblems {
		f, err := expr.ParseFile("cases.kl", src)
		require.NoError(t, err)
		p, err := derive.Load(f)
		require.NoError(t, err, src)
		var ds []*derive.Derivation
		for _, g := range f.Goals {
			d, err := derive.Derive(p, g, derive.DefaultOptions)
			require.NoError(t, err, src)
			ds = append(ds, d)
		}
		var b strings.Builder
		require.NoError(t, latexAll(&b, ds, Options{Standalone: true}))
		for _, m := range env.FindAllStringSubmatch(b.String(), -1) {
			for _, row := range texCells(m[1], `\\`) {
				for _, c := range texCells(row, "&") {
					c = strings.TrimSpace(c)
					if strings.Contains(c, `\frac`) && !seen[c] {
						seen[c] = true
						out = append(out, c)
					}
				}
			}
		}
	}
	return out
}
