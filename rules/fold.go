package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
)

// FoldNumbers adds up the numbers of a sum, so that a literal parameter
// substituted into a formula reads as a textbook writes it: 1 - 3/10 is
// 7/10, gamma(10 + 1) is gamma(11) and 10 - x + 1 is 11 - x. Only exact
// rationals are added; nothing else of the sum changes.
var FoldNumbers = computed("fold-numbers", "add up the numbers", "a", "a", foldNumbers).with("1 - 3/10 + s")

func foldNumbers(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
	a, ok := e.(*expr.Add)
	if !ok {
		return nil, nil, false
	}
	total, count := new(big.Rat), 0
	for _, t := range a.Terms {
		if n, ok := t.(*expr.Num); ok {
			total.Add(total, n.Val)
			count++
		}
	}
	if count < 2 {
		return nil, nil, false
	}
	// The number keeps the place of the sum's first number, so that
	// 10 - x + 1 becomes 11 - x and 1 - 3/10 stays a difference read
	// left to right.
	out := make([]expr.Expr, 0, len(a.Terms)-count+1)
	placed := false
	for _, t := range a.Terms {
		if _, ok := t.(*expr.Num); ok {
			if !placed {
				out = append(out, &expr.Num{Val: total})
				placed = true
			}
			continue
		}
		out = append(out, t)
	}
	return expr.Sum(out...), nil, true
}
