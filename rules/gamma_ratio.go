package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// maxGammaStep bounds the n of Γ(a + n) = a(a + 1)…(a + n − 1)·Γ(a)
// that the recurrence is taken over: a result keeps Γ(a + 20) whole.
const maxGammaStep = 4

// GammaRatio is the recurrence Γ(a + 1) = a·Γ(a), taken n times, in a
// sum where log Γ(a + n) and log Γ(a) stand with opposite coefficients,
// as KL(Gamma(a + 1, ·) ‖ Gamma(a, ·)) leaves them: their difference is
// log a + … + log(a + n − 1), and log(Γ(a)/Γ(a + 1)) is −log a, as a
// person writes it. It holds for a > 0, where Γ is positive. Every sum
// in the term is taken, inside the cases of a piecewise one too.
var GammaRatio = once.Value[*Rule]{New: func() *Rule {
	return computed("log-gamma-ratio", "recurrence of the Gamma function, Γ(a + 1) = a·Γ(a)",
		"log(gamma(a + 1)) - log(gamma(a))", "log(a)", func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
			changed := false
			out := expr.Map(e, func(n expr.Expr) expr.Expr {
				if sum, ok := n.(*expr.Add); ok {
					if x, ok := gammaRatio(sum, ctx); ok {
						changed = true
						return x
					}
				}
				return n
			})
			return out, nil, changed
		}).with("2*log(gamma(s + 2)) + c - 2*log(gamma(s))")
}}

// gammaRatio replaces the first pair of opposite log Γ terms of a sum
// whose arguments differ by a whole number up to maxGammaStep.
func gammaRatio(sum *expr.Add, ctx *Context) (expr.Expr, bool) {
	ks := make([]*big.Rat, len(sum.Terms))
	args := make([]expr.Expr, len(sum.Terms))
	for i, t := range sum.Terms {
		ks[i], args[i] = logGammaTerm(t)
	}
	for i := range sum.Terms {
		for j := range sum.Terms {
			if i == j || ks[i] == nil || ks[j] == nil || new(big.Rat).Add(ks[i], ks[j]).Sign() != 0 {
				continue
			}
			n, ok := wholeGap(args[i], args[j], ctx)
			if !ok || !ctx.IsPositive(args[j]) {
				continue
			}
			// k·log Γ(a + n) − k·log Γ(a) = k·Σ log(a + m), m < n.
			logs := make([]expr.Expr, n)
			for m := range logs {
				logs[m] = expr.Fn("log", expr.Sum(args[j], expr.N(int64(m))))
			}
			var rest []expr.Expr
			for t, x := range sum.Terms {
				if t != i && t != j {
					rest = append(rest, x)
				}
			}
			return expr.Sum(append(rest, expr.Prod(&expr.Num{Val: ks[i]}, expr.Sum(logs...)))...), true
		}
	}
	return nil, false
}

// logGammaTerm reads k·log Γ(a) (or k·lgamma(a)) as k and a; nil when
// the term is none.
func logGammaTerm(t expr.Expr) (*big.Rat, expr.Expr) {
	k := big.NewRat(1, 1)
	if m, ok := t.(*expr.Mul); ok && len(m.Factors) == 2 {
		n, isNum := m.Factors[0].(*expr.Num)
		if !isNum {
			return nil, nil
		}
		k, t = n.Val, m.Factors[1]
	}
	c, ok := t.(*expr.Call)
	if !ok || len(c.Args) != 1 {
		return nil, nil
	}
	switch c.Fn {
	case "lgamma":
		return k, c.Args[0]
	case "log":
		if g, ok := c.Args[0].(*expr.Call); ok && g.Fn == "gamma" && len(g.Args) == 1 {
			return k, g.Args[0]
		}
	}
	return nil, nil
}

// wholeGap is a − b when it is a whole number from 1 to maxGammaStep.
func wholeGap(a, b expr.Expr, ctx *Context) (int, bool) {
	d, ok := Normalize(expr.Sub(a, b), ctx)
	if !ok {
		return 0, false
	}
	n, isNum := d.(*expr.Num)
	if !isNum || !n.Val.IsInt() || !n.Val.Num().IsInt64() {
		return 0, false
	}
	v := n.Val.Num().Int64()
	return int(v), v >= 1 && v <= maxGammaStep
}
