package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A Binomial's number of trials, a bare symbol of any name, is a count
// because the family takes one: the definition is used, the context says
// so, and claims are judged at integer trials (a wrong mean still fails).
func TestBinomialTrialsCount(t *testing.T) {
	doc := "Let $Y \\sim \\mathrm{Bin}(m, \\theta)$. Then\n$$\n\\mathrm{E}_{p}[y] = %s\n$$\n"
	for claim, want := range map[string]string{
		`m \theta`:       "o",
		`m (1 - \theta)`: "x",
		`(m + 1) \theta`: "x",
	} {
		r := run(t, Markdown, strings.Replace(doc, "%s", claim, 1))
		assert.Equal(t, want, marks(r), "%s: %v", claim, summary(r))
		var stmts []string
		for _, g := range r.Context {
			stmts = append(stmts, g.Stmt)
		}
		assert.Contains(t, stmts, "m: count", claim)
	}
}
