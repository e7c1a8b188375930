package rules

import (
	"sort"

	"github.com/klderive/klderive/expr"
)

// The order of a product's factors as a person writes them: numbers
// first, then the constants π and e, then names in reading order (a
// before b, a1 before a2), then everything compound (sums, powers of
// sums, function calls), the last in the order of their keys so that
// the same factors always come out in the same order.

// sortFactors orders a term's factors, which the normal form holds as
// commuting scalars (a matrix product is one atom), in that order.
func sortFactors(fs []factor) []factor {
	out := append([]factor(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool { return factorLess(out[i], out[j]) })
	return out
}

func factorLess(a, b factor) bool {
	ra, rb := factorRank(a.base), factorRank(b.base)
	if ra != rb {
		return ra < rb
	}
	return a.key < b.key
}

// factorRank is 0 for a number, 1 for π or e, 2 for a name or a
// coordinate of one, 3 for anything else.
func factorRank(e expr.Expr) int {
	switch e := e.(type) {
	case *expr.Num:
		return 0
	case *expr.Sym:
		if e.Name == "pi" || e.Name == "e" {
			return 1
		}
		return 2
	case *expr.Index:
		return 2
	}
	return 3
}
