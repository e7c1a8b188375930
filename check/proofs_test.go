package check

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// StatProofBook's discrete entropies, as published (testdata/proofs):
// the Poisson's with its factorials, infinite series and \sum_{x \in
// \mathcal{X}}, and the Bernoulli's in bits with \mathrm{Pr}(X = 0) and
// \log_2. Every link's verdict is pinned, the not-checked ones by their
// reason: the base-b definition, the terms at (−1)! (Γ has no value
// there; the book's 0/0! convention is not the evaluator's), the
// \ln \lambda e^{\lambda} that reads two ways, and the Bernoulli's H
// stated in bits. A copy of each with one planted mistake fails first
// on the mistake's line.
func TestStatProofBookDiscreteProofs(t *testing.T) {
	const (
		base     = "a subscript on \\log (another base) is unsupported unless it is a number other than 1, or e (supported LaTeX: see the README)"
		twoWays  = "a function without brackets before a product with an exponential (\\ln a e^{b}) reads two ways; write \\ln(a e^{b}) or (\\ln a) e^{b}"
		gammaAt0 = "gamma takes a positive number"
	)
	for _, c := range []struct {
		name, marks string
		unchecked   map[int]string // line → (a part of) its reason
		badLine     int
	}{
		{"statproofbook-poiss-ent.md", "o?oooooooo???ooo??o", map[int]string{20: base, 49: gammaAt0, 50: gammaAt0, 51: gammaAt0, 76: twoWays, 79: twoWays}, 34},
		{"statproofbook-bern-ent.md", "???o", map[int]string{14: unitReason, 20: base, 27: unitReason}, 28},
	} {
		_, r := checkTestdata(t, filepath.Join("testdata/proofs", c.name))
		assert.Equal(t, c.marks, marks(r), "%s: %v", c.name, summary(r))
		for _, l := range r.Links {
			if l.Status != Unchecked {
				continue
			}
			want, ok := c.unchecked[l.Pos.Line]
			if assert.True(t, ok, "%s:%d not checked: %s", c.name, l.Pos.Line, l.Reason) {
				assert.Contains(t, l.Reason, want, "%s:%d", c.name, l.Pos.Line)
			}
		}
		_, bad := checkTestdata(t, filepath.Join("testdata/proofs", "bad-"+c.name))
		f := bad.FirstWrong()
		require.NotNil(t, f, "bad-%s: %v", c.name, summary(bad))
		assert.Equal(t, c.badLine, f.Pos.Line, "bad-%s: %v", c.name, summary(bad))
	}
}
