package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
)

// Cancelling a sum in a denominator. The normal form keeps a sum under a
// negative power whole, (b − a)⁻¹, and expands the numerators, so a
// uniform's mean of |x| on a positive support, (b² − a²)/(2·t·(b − a)),
// keeps the factor that a person cancels at once: (a + b)/(2·t). The
// terms over one denominator are cancelled by each sum in it that
// divides their numerator exactly (poly_division.go) and is of known
// sign, so never 0, as CancelFactor asks of what it cancels; where none
// does, they stay as they are.

// cancelDenominators divides the numerator of each group of terms over
// one denominator by the sums of that denominator, as often as it
// divides exactly.
func (n *normalizer) cancelDenominators(ts []term) []term {
	groups := map[string][]int{}
	var order []string
	for i, t := range ts {
		if !hasSumDenominator(t) {
			continue
		}
		k := denKey(t)
		if _, seen := groups[k]; !seen {
			order = append(order, k)
		}
		groups[k] = append(groups[k], i)
	}
	replaced := map[int][]term{}
	for _, k := range order {
		idx := groups[k]
		if len(idx) < 2 {
			continue
		}
		var num poly
		for _, i := range idx {
			num = append(num, ts[i])
		}
		if out, ok := n.cancel(num); ok {
			replaced[idx[0]] = out
			for _, i := range idx[1:] {
				replaced[i] = nil
			}
		}
	}
	if len(replaced) == 0 {
		return ts
	}
	var out []term
	for i, t := range ts {
		r, ok := replaced[i]
		if !ok {
			out = append(out, t)
			continue
		}
		out = append(out, r...)
	}
	// What cancelled may meet like terms: a from (a·(b − a))/(b − a)
	// and a from elsewhere are 2·a.
	return n.collect(out)
}

// cancel divides terms that share their denominator (every factor with
// a negative exponent) by each sum of it that divides their numerator.
func (n *normalizer) cancel(ts poly) (poly, bool) {
	var den []factor
	for _, f := range ts[0].factors {
		if f.exp.Sign() < 0 {
			den = append(den, factor{base: f.base, exp: new(big.Rat).Set(f.exp), key: f.key})
		}
	}
	num := make(poly, len(ts))
	for i, t := range ts {
		num[i] = term{coef: t.coef}
		for _, f := range t.factors {
			if f.exp.Sign() > 0 {
				num[i].factors = append(num[i].factors, f)
			}
		}
	}
	changed := false
	for j, f := range den {
		// The normal form keeps (b − a)² whole under the power −1.
		b, m := denominatorSum(f)
		if b == nil || !(n.ctx.IsPositive(b) || n.ctx.IsPositive(expr.Neg(b))) {
			continue
		}
		d := n.poly(b)
		left := m
		for left > 0 {
			q, ok := n.quotient(num, d)
			if !ok {
				break
			}
			num, changed = q, true
			left--
		}
		switch {
		case left == m:
		case left == 0:
			den[j].exp = new(big.Rat)
		case left == 1:
			den[j] = factor{base: b, exp: new(big.Rat).SetInt64(-1), key: expr.Key(b)}
		default:
			pw := expr.Power(b, expr.N(int64(left)))
			den[j] = factor{base: pw, exp: new(big.Rat).SetInt64(-1), key: expr.Key(pw)}
		}
	}
	if !changed {
		return nil, false
	}
	var below []factor
	for _, f := range den {
		if f.exp.Sign() != 0 {
			below = append(below, f)
		}
	}
	out := make(poly, len(num))
	for i, t := range num {
		out[i] = term{coef: t.coef, factors: append(append([]factor(nil), t.factors...), below...)}
	}
	return out, true
}

// denominatorSum reads a factor of a denominator as a sum to a positive
// integer power m: (b − a)^(−1) has m = 1, ((b − a)^2)^(−1) has m = 2.
// It is nil for any other factor.
func denominatorSum(f factor) (expr.Expr, int) {
	if f.exp.Sign() >= 0 || !f.exp.IsInt() {
		return nil, 0
	}
	k := new(big.Int).Neg(f.exp.Num())
	base := f.base
	if pw, ok := base.(*expr.Pow); ok {
		e, ok := pw.Exp.(*expr.Num)
		if !ok || !e.Val.IsInt() || e.Val.Sign() <= 0 {
			return nil, 0
		}
		k.Mul(k, e.Val.Num())
		base = pw.Base
	}
	if _, ok := base.(*expr.Add); !ok || !k.IsInt64() || k.Int64() > 8 {
		return nil, 0
	}
	return base, int(k.Int64())
}

func hasSumDenominator(t term) bool {
	for _, f := range t.factors {
		if b, _ := denominatorSum(f); b != nil {
			return true
		}
	}
	return false
}
