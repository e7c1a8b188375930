package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// CancelFactor cancels a factor that stands both above and below the
// line of one product, in the line where the two meet, as a person
// does: a Gaussian moment E[(x − μ)²] = σ² landing over 2·σ² is 1/2, not
// σ²/(2·σ²); (a² + c²)/(2·(a² + c²)) is 1/2, and b³/b² is b. Only a
// factor provably positive cancels (u^a·u^(−b) = u^(a−b) needs u > 0
// once the exponents are fractions, and u ≠ 0 always), and a
// denominator is opened into its factors only under an integer power,
// (2·u)^(−1) = 2^(−1)·u^(−1), or when it is positive itself. A
// reciprocal inside a denominator goes up, as a person writes a
// Gaussian of precision τ: (x − m)²/(2/τ) is (x − m)²·τ/2.
var CancelFactor = once.Value[*Rule]{New: func() *Rule {
	return computed("cancel-common-factor", "cancel a common factor; a reciprocal in a denominator goes up", "a", "a", cancelFactor).only("*", "").with("-s^2/(2*s^2)")
}}

// power is one factor of a product read as base^exp, at position at of
// the product, and, for a factor of a denominator den^(−k), den =
// d1·d2·…, at position sub of den's factors, with outerExp = −k.
type power struct {
	base     expr.Expr
	exp      *big.Rat
	at, sub  int
	den      *expr.Mul
	outerExp *big.Rat
}

func cancelFactor(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	m, ok := e.(*expr.Mul)
	if !ok || !hasReciprocal(m) || expr.Any(m, nonScalar) {
		return nil, nil, false
	}
	// Room for the powers of a product of the usual size, on the stack:
	// the rule is tried at every product with a reciprocal.
	var upRoom, downRoom [8]power
	ups, downs := upRoom[:0], downRoom[:0]
	for i, f := range m.Factors {
		b, k := asPower(f)
		if k.Sign() > 0 {
			ups = append(ups, power{base: b, exp: k, at: i, sub: -1})
			continue
		}
		if d, ok := b.(*expr.Mul); ok && (k.IsInt() || ctx.IsPositive(d)) {
			for j, g := range d.Factors {
				gb, gk := asPower(g)
				downs = append(downs, power{base: gb, exp: mulRat(gk, k), at: i, sub: j, den: d, outerExp: k})
			}
			continue
		}
		downs = append(downs, power{base: b, exp: k, at: i, sub: -1})
	}
	// A reciprocal inside a denominator goes up: x/(2/t) is t*x/2.
	for _, d := range downs {
		if d.sub >= 0 && d.exp.Sign() > 0 && !isNumber(d.base) {
			fs := append([]expr.Expr(nil), m.Factors...)
			den := append([]expr.Expr(nil), d.den.Factors...)
			den[d.sub] = expr.N(1)
			fs[d.at] = expr.Power(expr.Prod(den...), &expr.Num{Val: d.outerExp})
			return expr.Prod(append(fs, powerOrOne(d.base, d.exp))...), nil, true
		}
	}
	for _, u := range ups {
		if isNumber(u.base) {
			continue
		}
		for _, d := range downs {
			if d.exp.Sign() >= 0 || !expr.Equal(u.base, d.base) || !ctx.IsPositive(u.base) {
				continue
			}
			return cancelPower(m, u, d), ctx.assumedIn(u.base), true
		}
	}
	return nil, nil, false
}

func isNumber(e expr.Expr) bool { _, ok := e.(*expr.Num); return ok }

// hasReciprocal is a quick look for a factor with a negative number
// as its exponent; most products have none, and then nothing cancels.
func hasReciprocal(m *expr.Mul) bool {
	for _, f := range m.Factors {
		if p, ok := f.(*expr.Pow); ok {
			if n, ok := p.Exp.(*expr.Num); ok && n.Val.Sign() < 0 {
				return true
			}
		}
	}
	return false
}

// asPower reads f as base^k for a rational k: u^(−2) is (u, −2),
// (u^2)^(−1) is (u, −2), and a factor with no numeric exponent is f^1.
// (u^a)^b = u^(a·b) holds for the positive bases that cancel. The
// exponent is not to be changed: a factor that is no power, as most
// are, has the shared 1, and a single power shares its own exponent.
func asPower(f expr.Expr) (expr.Expr, *big.Rat) {
	if p, ok := f.(*expr.Pow); ok {
		if n, ok := p.Exp.(*expr.Num); ok {
			b, k := asPower(p.Base)
			return b, mulRat(k, n.Val)
		}
	}
	return f, one()
}

// cancelPower writes the product m with the powers u (above) and d
// (below) of one base joined into one, on the side whose exponent is
// the larger.
func cancelPower(m *expr.Mul, u, d power) expr.Expr {
	net := new(big.Rat).Add(u.exp, d.exp)
	fs := append([]expr.Expr(nil), m.Factors...)
	fs[u.at] = expr.N(1)
	if net.Sign() > 0 {
		fs[u.at] = expr.Power(u.base, &expr.Num{Val: net})
		net = new(big.Rat) // nothing of the base stays below
	}
	if d.sub < 0 {
		fs[d.at] = powerOrOne(d.base, net)
		return expr.Prod(fs...)
	}
	// Inside (d1·d2·…)^(−k) the factor's own exponent is net/(−k).
	den := append([]expr.Expr(nil), d.den.Factors...)
	den[d.sub] = powerOrOne(d.base, new(big.Rat).Quo(net, d.outerExp))
	fs[d.at] = expr.Power(expr.Prod(den...), &expr.Num{Val: d.outerExp})
	return expr.Prod(fs...)
}

// powerOrOne is b^k, and 1 at k = 0.
func powerOrOne(b expr.Expr, k *big.Rat) expr.Expr {
	if k.Sign() == 0 {
		return expr.N(1)
	}
	return expr.Power(b, &expr.Num{Val: k})
}
