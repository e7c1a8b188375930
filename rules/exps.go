package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// joinExps writes the exponentials of a term as one, as a person does:
// exp(a)·exp(b) is exp(a + b), and a root of one, exp(c)^(1/2), is
// exp(c/2), and a power of one, exp(c)², is exp(2·c). One exponential
// in the denominator stays there, 1/exp(c), and so do exponentials that
// are all in it, 1/exp(a + b). Without the join, exp(c)·exp(c), exp(c)²
// and exp(2·c) would be terms that never collect.
func (n *normalizer) joinExps(t term) term {
	count, unit := 0, true
	for _, f := range t.factors {
		if isExp(f.base) {
			count++
			unit = unit && f.exp.IsInt() && f.exp.Num().IsInt64() && (f.exp.Num().Int64() == 1 || f.exp.Num().Int64() == -1)
		}
	}
	if count == 0 || count == 1 && unit {
		return t
	}
	allNeg := true
	for _, f := range t.factors {
		if isExp(f.base) {
			allNeg = allNeg && f.exp.Sign() < 0
		}
	}
	sign := one()
	if allNeg {
		sign = big.NewRat(-1, 1)
	}
	var arg poly
	var rest []factor
	for _, f := range t.factors {
		if !isExp(f.base) {
			rest = append(rest, f)
			continue
		}
		k := new(big.Rat).Mul(f.exp, sign)
		for _, s := range n.poly(f.base.(*expr.Call).Args[0]) {
			arg = append(arg, term{coef: mulRat(s.coef, k), factors: s.factors})
		}
	}
	arg = n.collect(arg)
	out := term{coef: t.coef, factors: rest}
	if len(arg) == 0 {
		return out // exp(a)·exp(-a) is 1
	}
	e := expr.Fn("exp", arg.expr())
	out.factors = append(out.factors, factor{base: e, exp: sign, key: expr.Key(e)})
	return out
}

func isExp(e expr.Expr) bool {
	c, ok := e.(*expr.Call)
	return ok && c.Fn == "exp" && len(c.Args) == 1
}

// ExpProduct joins the exponentials of a product into one, as a person
// writes a moment at a compound parameter: exp(c)·exp(s·t) is
// exp(c + s·t), and exp(c)·exp(c) is exp(2·c). The joined argument is
// in textbook form.
var ExpProduct = once.Value[*Rule]{New: func() *Rule {
	return computed("exp-product", "a product of exponentials", "exp(a)*exp(b)", "exp(a + b)",
		func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
			m, ok := e.(*expr.Mul)
			if !ok {
				return nil, nil, false
			}
			fs, args, at, _ := gatherExps(m.Factors)
			if len(args) < 2 {
				return nil, nil, false
			}
			arg := Present(expr.Sum(args...), ctx)
			if z, ok := arg.(*expr.Num); ok && z.Val.Sign() == 0 {
				// exp(c)/exp(c) is a factor cancelled, and named so
				// by cancel-common-factor.
				return nil, nil, false
			}
			fs[at] = expr.Fn("exp", arg)
			return expr.Prod(fs...), nil, true
		}).only("*", "").with("exp(v)*exp(k*w)*m")
}}
