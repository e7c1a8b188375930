package rules

import (
	"sort"

	"github.com/klderive/klderive/expr"
)

// sortFactors orders a term's factors, which the normal form holds as
// commuting scalars (a matrix product is one atom), as a person writes
// them (expr.FactorBefore), factors that order leaves equivalent by their
// keys: the order they came in depends on how the term was reached, and
// a form presented twice must read the same.
func sortFactors(fs []factor) []factor {
	out := append([]factor(nil), fs...)
	sort.SliceStable(out, func(i, j int) bool { return factorLess(out[i], out[j]) })
	return out
}

func factorLess(a, b factor) bool {
	switch {
	case expr.FactorBefore(a.base, b.base, nil):
		return true
	case expr.FactorBefore(b.base, a.base, nil):
		return false
	}
	return a.key < b.key
}
