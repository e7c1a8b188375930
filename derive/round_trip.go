package derive

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// withoutRoundTrip drops the last two steps when the algebra expanded a
// line and the textbook form then collected it back into the same
// terms, in another order: 1 − log 12 expanded to 1 − 2·log 2 − log 3
// and collected to −log 12 + 1. A person stops at the line before; so
// does the derivation, whose result is then that line.
func withoutRoundTrip(steps []Step, result expr.Expr) ([]Step, expr.Expr) {
	n := len(steps)
	if n < 3 || steps[n-2].Rule != "simplify" || steps[n-1].Rule != "textbook-form" {
		return steps, result
	}
	before := steps[n-2].Before
	if after := steps[n-1].After; !expr.Equal(before, after) && !rules.SameTerms(before, after) {
		return steps, result
	}
	return steps[:n-2], before
}
