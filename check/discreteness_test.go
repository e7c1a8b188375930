package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A continuous family's definition of a variable the document sums over
// is left out with a note, so a claim about it is not checked rather
// than judged against the continuous density; one the document does not
// sum over is used as before.
func TestContinuousSummed(t *testing.T) {
	doc := "Let $Y \\sim \\mathrm{Exp}(\\lambda)$. Then\n$$\n\\mathrm{H}(Y) = 1 - \\ln \\lambda\n$$\n%s"
	r := run(t, Markdown, strings.Replace(doc, "%s", "and, over its values,\n$$\n\\sum_{y=0}^{3} \\lambda = 4 \\lambda\n$$\n", 1))
	assert.Equal(t, "?o", marks(r), "%v", summary(r))
	assert.Contains(t, strings.Join(r.Notes, "\n"), "the document sums over the values of y, so its Exponential is a discrete distribution")
	r = run(t, Markdown, strings.Replace(doc, "%s", "", 1))
	assert.Equal(t, "o", marks(r), "%v", summary(r))
}
