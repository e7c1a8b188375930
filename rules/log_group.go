package rules

import (
	"math/big"
	"sort"

	"github.com/klderive/klderive/expr"
)

// logGroup joins sum(c_i*log(a_i)) into g*log(prod(a_i^k_i)) with integer
// exponents k_i: log(sigma2/sigma1), or 1/2*log(2*pi*sigma^2). A number
// is not raised to a power it does not need: 4*log(a) - 4*log(24) is
// 4*log(a/24), not log(a^4/331776), and a number whose power would be
// too long to read stays a logarithm of its own, 150*log(3) +
// 350*log(7) - 500*log(5) rather than log(3^150*7^350/5^500).
func logGroup(ts []term) expr.Expr {
	g := logContent(ts)
	var num, den, apart []expr.Expr
	atoms := make([]term, len(ts))
	copy(atoms, ts)
	// In a person's order (factorLess): as they came would depend on
	// how the logarithms were reached, and a presented log would not
	// present as itself.
	argOf := func(t term) factor {
		a := t.factors[0].base.(*expr.Call).Args[0]
		return factor{base: a, key: expr.Key(a)}
	}
	sort.SliceStable(atoms, func(i, j int) bool { return factorLess(argOf(atoms[i]), argOf(atoms[j])) })
	keepApart := longNumberPower(atoms, g)
	for _, t := range atoms {
		a := t.factors[0].base.(*expr.Call).Args[0]
		k := new(big.Rat).Quo(t.coef, g)
		if _, isNum := a.(*expr.Num); isNum && keepApart {
			apart = append(apart, expr.Prod(&expr.Num{Val: t.coef}, expr.Fn("log", a)))
			continue
		}
		if k.Sign() > 0 {
			num = append(num, expr.Power(a, &expr.Num{Val: k}))
		} else {
			den = append(den, expr.Power(a, &expr.Num{Val: k.Neg(k)}))
		}
	}
	var arg expr.Expr
	switch {
	case len(num) == 0 && len(den) == 0:
		return expr.Sum(apart...)
	case len(den) == 0:
		arg = expr.Prod(num...)
	case len(num) == 0:
		arg = expr.Power(expr.Prod(den...), expr.N(-1))
	default:
		arg = expr.Quo(expr.Prod(num...), expr.Prod(den...))
	}
	joined := expr.Prod(&expr.Num{Val: g}, expr.Fn("log", arg))
	if len(apart) == 0 {
		return joined
	}
	return expr.Sum(append([]expr.Expr{joined}, apart...)...)
}

// logContent is the number g taken out of the joined logarithm. For
// fractional coefficients it is ratGCD's. For integer ones it is 1, so
// that log(sigma2^2/sigma1^2) keeps the square of each name, unless a
// number would be raised to a power: then the integers' greatest common
// divisor stays outside, so that a perfect power such as 331776*b^4 =
// (24*b)^4 is never formed.
func logContent(ts []term) *big.Rat {
	g := ratGCD(ts)
	if !expr.RatEqual(new(big.Rat).Abs(g), one()) {
		return g
	}
	d := new(big.Int)
	hasNumber := false
	for _, t := range ts {
		if !t.coef.IsInt() {
			return g
		}
		d.GCD(nil, nil, d, new(big.Int).Abs(t.coef.Num()))
		_, isNum := t.factors[0].base.(*expr.Call).Args[0].(*expr.Num)
		hasNumber = hasNumber || isNum
	}
	if !hasNumber || d.Sign() == 0 {
		return g
	}
	return new(big.Rat).Mul(g, new(big.Rat).SetInt(d))
}

// maxJoinedNumber bounds the numerator and denominator of the number a
// joined logarithm may hold when some number in it is raised to a power:
// 81/64 reads at a glance, 3^150*7^350/5^500 does not.
var maxJoinedNumber = big.NewInt(1_000_000)

// longNumberPower reports whether the numbers among the atoms, raised to
// their exponents in the joined logarithm, would be a power left
// unfolded or a number past maxJoinedNumber. Numbers that only multiply
// (every exponent ±1) always join: log(2*pi) is no longer than the
// numbers themselves.
func longNumberPower(atoms []term, g *big.Rat) bool {
	product := big.NewRat(1, 1)
	powered := false
	for _, t := range atoms {
		a, isNum := t.factors[0].base.(*expr.Call).Args[0].(*expr.Num)
		if !isNum {
			continue
		}
		k := new(big.Rat).Quo(t.coef, g)
		powered = powered || !expr.RatEqual(new(big.Rat).Abs(k), one())
		p, ok := expr.Power(a, &expr.Num{Val: k}).(*expr.Num)
		if !ok {
			return powered
		}
		product.Mul(product, p.Val)
	}
	return powered && (product.Num().CmpAbs(maxJoinedNumber) > 0 || product.Denom().Cmp(maxJoinedNumber) > 0)
}

// ratGCD is the largest rational g with every coefficient an integer
// multiple of it; negative when every coefficient is negative.
func ratGCD(ts []term) *big.Rat {
	num, den := new(big.Int), big.NewInt(1)
	allNeg := true
	for _, t := range ts {
		num.GCD(nil, nil, num, new(big.Int).Abs(t.coef.Num()))
		d := t.coef.Denom()
		den.Mul(den, new(big.Int).Quo(d, new(big.Int).GCD(nil, nil, den, d)))
		allNeg = allNeg && t.coef.Sign() < 0
	}
	g := new(big.Rat).SetFrac(num, den)
	allInt := true
	for _, t := range ts {
		allInt = allInt && t.coef.IsInt()
	}
	if allInt {
		g = big.NewRat(1, 1)
	}
	if allNeg {
		g.Neg(g)
	}
	return g
}
