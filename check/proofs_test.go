package check

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// StatProofBook's proofs, as published (testdata/proofs): the Poisson's
// entropy with its factorials, infinite series and \sum_{x \in
// \mathcal{X}}, the Bernoulli's in bits with \mathrm{Pr}(X = 0) and
// \log_2, the discrete uniform's written \mathcal{U}(a,b) and the
// continuous uniforms' KL with its condition of existence, and the
// Binomial's entropy and KL with {n \choose x} and n, the number of
// trials, a count because the family says so. Every link's
// verdict is pinned, the not-checked ones by their reason: the base-b
// definition, the terms at (−1)! (Γ has no value there; the book's
// 0/0! convention is not the evaluator's), the \ln \lambda e^{\lambda}
// that reads two ways, the Bernoulli's H stated in bits, the discrete
// uniform klderive does not know (not the continuous one it would be
// read as), and the 0·log(0/0) outside both supports. The uniforms' KL
// holds under "only exists, if a₂ ≤ a₁ and b₁ ≤ b₂", the theorem
// included, and its "because p(x) = 0 for any x < a₁" is a reason, no
// condition. A copy of each with one planted mistake fails first on the
// mistake's line.
func TestStatProofBookProofs(t *testing.T) {
	const (
		base     = "a subscript on \\log (another base) is unsupported unless it is a number other than 1, or e (supported LaTeX: see the README)"
		twoWays  = "a function without brackets before a product with an exponential (\\ln a e^{b}) reads two ways; write \\ln(a e^{b}) or (\\ln a) e^{b}"
		bracket  = "a function without brackets before a bracketed factor (\\ln a (b)) reads two ways"
		gammaAt0 = "gamma takes a positive number"
		sumOverX = "\\sum_x, a sum over the values of a variable, is unsupported"
		noRange  = "is not a range of at most 100 integers"
		// E[x]_{\mathrm{Bin}(n,p_1)}: the subscript after the bracket.
		subscript = "a subscript here is unsupported"
		// \mathrm{E}_\mathrm{lbc}(n,p), the book's name for E[log C(n, X)].
		lbc  = "expected the density of the expectation"
		bits = "may be in bits"
	)
	for _, c := range []struct {
		name, marks string
		unchecked   map[int]string // line → (a part of) its reason
		note        string         // (a part of) a note the report has, if any
		under       string         // (a part of) the conditions every link judged is under, if any
		given       string         // a statement of the context, if any
		badLine     int
	}{
		{"statproofbook-poiss-ent.md", "o?oooooooo???ooo??o", map[int]string{20: base, 49: gammaAt0, 50: gammaAt0, 51: gammaAt0, 76: twoWays, 79: twoWays}, "", "", "", 34},
		{"statproofbook-bern-ent.md", "???o", map[int]string{14: unitReason, 20: base, 27: unitReason}, "", "", "", 28},
		{"statproofbook-duni-ent.md", "??????oo", map[int]string{14: "unknown density X", 20: sumOverX, 27: sumOverX, 28: sumOverX, 29: bracket, 30: noRange},
			"the document sums over the values of x, so it means a discrete distribution on the integers between the ends, and klderive's Uniform is continuous", "", "", 31},
		{"statproofbook-cuni-kl.md", "oo??oooo???", map[int]string{33: "not finite (NaN)", 36: "unknown symbol x", 54: bracket, 55: bracket, 56: bracket},
			"", "a₂ ≤ a₁ (line 28), b₁ ≤ b₂ (line 28)", "", 53},
		{"statproofbook-bin-kl.md", "ooo?ooo????o", map[int]string{32: `\ldots`, 50: subscript, 51: subscript, 59: subscript, 60: subscript},
			"", "", "n: count", 41},
		{"statproofbook-bin-ent.md", "?????oo?oo?o?", map[int]string{15: lbc, 27: lbc, 33: base, 40: bracket, 41: bracket, 51: bits, 60: bits, 68: lbc},
			"", "", "n: count", 43},
	} {
		_, r := checkTestdata(t, filepath.Join("testdata/proofs", c.name))
		assert.Equal(t, c.marks, marks(r), "%s: %v", c.name, summary(r))
		if c.given != "" {
			var stmts []string
			for _, g := range r.Context {
				stmts = append(stmts, g.Stmt)
			}
			assert.Contains(t, stmts, c.given, c.name)
		}
		if c.note != "" {
			assert.Contains(t, strings.Join(r.Notes, "\n"), c.note, c.name)
		}
		for _, l := range r.Links {
			if l.Status != Unchecked && c.under != "" {
				assert.Contains(t, l.Conditions, c.under, "%s:%d", c.name, l.Pos.Line)
			}
		}
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
