package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
)

// maxDegree is the highest power of the variable that Coefficients reads.
var maxDegree = big.NewRat(1<<20, 1)

// Coefficients writes e as a polynomial in the symbol x, after expanding
// logarithms and multiplying out powers, and returns the coefficient of
// each power. It fails when x occurs other than as a non-negative integer
// power: inside a logarithm, say, or in a denominator.
func Coefficients(e expr.Expr, x string, ctx *Context) (map[int]expr.Expr, bool) {
	n := &normalizer{ctx: ctx, expand: true}
	p := n.poly(e)
	if n.overflow {
		return nil, false
	}
	parts := map[int]poly{}
	for _, t := range p {
		deg := 0
		var rest []factor
		for _, f := range t.factors {
			if s, ok := f.base.(*expr.Sym); ok && s.Name == x {
				// A degree beyond maxDegree is no quadratic and would
				// not fit in an int.
				if !f.exp.IsInt() || f.exp.Sign() < 0 || f.exp.Cmp(maxDegree) > 0 {
					return nil, false
				}
				deg += int(f.exp.Num().Int64())
				continue
			}
			if expr.Uses(f.base, x) {
				return nil, false
			}
			rest = append(rest, f)
		}
		parts[deg] = append(parts[deg], term{coef: new(big.Rat).Set(t.coef), factors: rest})
	}
	out := map[int]expr.Expr{}
	for d, q := range parts {
		out[d] = n.collect(q).expr()
	}
	return out, true
}
