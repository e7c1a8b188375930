package derive

import (
	"slices"

	"github.com/klderive/klderive/expr"
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
	if !sameTerms(before, steps[n-1].After) {
		return steps, result
	}
	return steps[:n-2], before
}

// sameTerms reports whether a and b are the same sum but for the order
// of its terms (or the same expression, when neither is a sum).
func sameTerms(a, b expr.Expr) bool {
	keys := func(e expr.Expr) []string {
		terms := []expr.Expr{e}
		if s, ok := e.(*expr.Add); ok {
			terms = s.Terms
		}
		out := make([]string, len(terms))
		for i, t := range terms {
			out[i] = expr.Key(t)
		}
		slices.Sort(out)
		return out
	}
	return slices.Equal(keys(a), keys(b))
}
