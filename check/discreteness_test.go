package check

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A uniform defined for a variable the document sums over is the
// discrete one: left out with a note, so a claim about it is not checked
// rather than judged against the continuous density. One the document
// does not sum over is used as before, and so is a family whose support
// its parameters do not bound (an exponential beside the same sum).
func TestContinuousSummed(t *testing.T) {
	doc := "Let $Y \\sim %s$. Then\n$$\n\\mathrm{H}(Y) = %s\n$$\n%s"
	sum := "and, over its values,\n$$\n\\sum_{y=0}^{3} c = 4 c\n$$\n"
	uniform, exp := []string{`\mathcal{U}(l, l + w)`, `\ln w`}, []string{`\mathrm{Exp}(\lambda)`, `1 - \ln \lambda`}
	for _, c := range []struct {
		fam   []string
		sum   string
		marks string
	}{{uniform, sum, "?o"}, {uniform, "", "o"}, {exp, sum, "oo"}, {exp, "", "o"}} {
		doc := fmt.Sprintf(doc, c.fam[0], c.fam[1], c.sum)
		r := run(t, Markdown, doc)
		assert.Equal(t, c.marks, marks(r), "%s: %v", doc, summary(r))
		note := "the document sums over the values of y, so it means a discrete distribution on the integers between the ends"
		if c.marks == "?o" {
			assert.Contains(t, strings.Join(r.Notes, "\n"), note)
		} else {
			assert.NotContains(t, strings.Join(r.Notes, "\n"), note)
		}
	}
}
