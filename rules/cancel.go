package rules

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// CancelPair drops two terms of a sum that add up to zero, such as the
// -1/2*k*log(2*pi) and 1/2*k*log(2*pi) of two expanded Gaussian
// log-densities, in the first line where both appear: a person cancels
// them there rather than carrying both to the algebra at the end. Only a
// pair whose sum normalises to exactly 0 goes; nothing else changes.
var CancelPair = once.Value[*Rule]{New: func() *Rule {
	return computed("cancel-pair", "terms that cancel", "a", "a", cancelPair).with("-1/2*k*log(2*pi) + x + 1/2*k*log(2*pi)")
}}

func cancelPair(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	a, ok := e.(*expr.Add)
	if !ok {
		return nil, nil, false
	}
	for i := range a.Terms {
		for j := i + 1; j < len(a.Terms); j++ {
			if !cancels(a.Terms[i], a.Terms[j], ctx) {
				continue
			}
			var rest []expr.Expr
			for k, t := range a.Terms {
				if k != i && k != j {
					rest = append(rest, t)
				}
			}
			switch len(rest) {
			case 0:
				return expr.N(0), nil, true
			case 1:
				return rest[0], nil, true
			}
			return &expr.Add{Terms: rest}, nil, true
		}
	}
	return nil, nil, false
}

// cancels reports whether x + y normalises to exactly 0, remembered in
// a memoised context.
func cancels(x, y expr.Expr, ctx *Context) bool {
	pair := [2]expr.Expr{x, y}
	if c, ok := ctx.cancels[pair]; ok {
		return c
	}
	sum, ok := Normalize(&expr.Add{Terms: []expr.Expr{x, y}}, ctx)
	n, isNum := sum.(*expr.Num)
	c := ok && isNum && n.Val.Sign() == 0
	if ctx.cancels != nil {
		ctx.cancels[pair] = c
	}
	return c
}
