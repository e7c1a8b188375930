package render

import (
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/klderive/klderive/internal/texcheck"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

// goldenMath is the math of the goldens' standalone documents, cut into
// what the layout measures: each row's cells (the text after &, without
// its \\ and \tag*), and each justification as \text{…} in the normal
// size (the layout scales a \small one itself).
func goldenMath(t *testing.T) (rows, justs []string) {
	paths, err := filepath.Glob("../golden/*.txtar")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	seen := map[string]bool{}
	add := func(list *[]string, s string) {
		s = strings.TrimSpace(s)
		if s != "" && !seen[s] {
			seen[s] = true
			*list = append(*list, s)
		}
	}
	just := func(s string) {
		s = strings.TrimSpace(s)
		s = strings.TrimPrefix(strings.TrimSuffix(strings.TrimPrefix(s, `\text{`), "}"), `\small `)
		add(&justs, `\text{`+s+`}`)
	}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		require.NoError(t, err)
		for _, f := range a.Files {
			if f.Name != "standalone.tex" {
				continue
			}
			in, cases := false, 0
			for _, l := range strings.Split(string(f.Data), "\n") {
				switch {
				case strings.HasPrefix(l, `\begin{align*}`), strings.HasPrefix(l, `\begin{aligned}`):
					in = true
					continue
				case strings.HasPrefix(l, `\end{align*}`), strings.HasPrefix(l, `\end{aligned}`):
					in = false
				}
				// Rows with a cases environment are left out: its &
				// are not the row's.
				was := cases
				cases += strings.Count(l, `\begin{cases}`) - strings.Count(l, `\end{cases}`)
				if !in || was > 0 || cases > 0 || strings.Contains(l, `{cases}`) || !strings.Contains(l, "&") {
					continue
				}
				l = strings.TrimSuffix(strings.TrimSpace(l), `\\`)
				if at := strings.Index(l, `\tag*{`); at >= 0 {
					just(strings.TrimSuffix(strings.TrimSpace(l[at+len(`\tag*{`):]), "}"))
					l = l[:at]
				}
				for _, cell := range strings.Split(l, "&") {
					cell = strings.TrimSpace(cell)
					if rest, ok := strings.CutPrefix(cell, `\qquad \text{`); ok {
						just(`\text{` + rest)
						continue
					}
					if strings.HasPrefix(cell, `\text{`) {
						just(cell)
						continue
					}
					add(&rows, cell)
				}
			}
		}
	}
	return rows, justs
}

// The width estimate stays within a stated margin of what pdflatex sets,
// over every row and justification of the goldens at least 100pt wide:
// never more than 3% narrower (the layout keeps 5% of the page to
// spare), and on average within 5% for rows (sized brackets are rough:
// a \left( is sized by what it holds, a displayed Σ with limits or a
// fraction) and for justifications (text measured by letter class), so
// that what fits is not broken or wrapped.
func TestTeXWidthAgainstPDFLaTeX(t *testing.T) {
	rows, justs := goldenMath(t)
	require.Greater(t, len(rows), 100)
	require.Greater(t, len(justs), 40)
	for _, c := range []struct {
		name   string
		math   []string
		margin float64
	}{{"rows", rows, 0.05}, {"justifications", justs, 0.05}} {
		pt, err := texcheck.Widths(latexPreamble, c.math)
		texcheck.Require(t, err)
		require.NoError(t, err)
		var ratios []float64
		for i, m := range c.math {
			if pt[i] < 100 {
				// Too short for the layout to break or wrap, and for a
				// ratio to mean much.
				continue
			}
			r := texWidth(m) * 10 / pt[i]
			ratios = append(ratios, r)
			if r < 0.97 {
				t.Errorf("%s: estimate %.1fpt, pdflatex %.1fpt (%.0f%%): %s", c.name, texWidth(m)*10, pt[i], 100*r, m)
			}
		}
		sort.Float64s(ratios)
		mean := 0.0
		for _, r := range ratios {
			mean += r
		}
		mean /= float64(len(ratios))
		t.Logf("%s: %d measured, estimate/pdflatex min %.2f median %.2f mean %.2f max %.2f",
			c.name, len(ratios), ratios[0], ratios[len(ratios)/2], mean, ratios[len(ratios)-1])
		if math.Abs(mean-1) > c.margin {
			t.Errorf("%s: the estimate is %.0f%% of pdflatex's width on average", c.name, 100*mean)
		}
	}
}

// The standalone document sets its rows in \small and measures them at
// smallEm points of the normal font: that estimate of every golden row
// of 100pt or more is never below 97% of what pdflatex sets in \small,
// as for the normal size, so that with the 5% pageEm keeps to spare a
// row laid out to fit does not overflow the page.
func TestTeXWidthSmallAgainstPDFLaTeX(t *testing.T) {
	rows, _ := goldenMath(t)
	small := make([]string, len(rows))
	for i, r := range rows {
		small[i] = `\mbox{\small$\displaystyle ` + r + `$}`
	}
	pt, err := texcheck.Widths(latexPreamble, small)
	texcheck.Require(t, err)
	require.NoError(t, err)
	lowest, measured, sum := math.Inf(1), 0, 0.0
	for i, m := range rows {
		if pt[i] < 100 {
			continue
		}
		measured++
		r := texWidth(m) * smallEm / pt[i]
		lowest, sum = min(lowest, r), sum+r
		if r < 0.97 {
			t.Errorf("estimate %.1fpt, pdflatex in \\small %.1fpt (%.0f%%): %s", texWidth(m)*smallEm, pt[i], 100*r, m)
		}
	}
	require.Greater(t, measured, 100)
	t.Logf("%d rows in \\small: estimate/pdflatex min %.3f mean %.3f", measured, lowest, sum/float64(measured))
}
