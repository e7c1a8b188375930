package rules

import (
	"math/big"
	"slices"

	"github.com/klderive/klderive/expr"
)

// IsNonnegative reports whether e is provably ≥ 0 wherever it is
// defined: a square, an abs, a sqrt, a count, and sums and products of
// such and of positive terms. It is what IsPositive asks of the terms of
// a sum beside a positive one (1 + a² > 0), and, like it, says no when
// it cannot tell. It walks the tree once and asks IsPositive only of
// leaves and of terms it cannot take apart, so that the two do not
// repeat each other's work at every level.
func (ctx *Context) IsNonnegative(e expr.Expr) bool {
	switch e := e.(type) {
	case *expr.Num:
		return e.Val.Sign() >= 0
	case *expr.Sym:
		return ctx.isCount(e) || ctx.IsPositive(e)
	case *expr.Add:
		for _, t := range e.Terms {
			if !ctx.IsNonnegative(t) {
				if ctx.given(e) || ctx.aboveAssumed(e) {
					return true
				}
				if floor, ok := ctx.countFloor(e); ok && ctx.IsNonnegative(floor) {
					return true
				}
				return ctx.nonnegativeQuadratic(e)
			}
		}
		return true
	case *expr.Mul:
		for _, f := range ctx.withoutAssumed(e.Factors) {
			if !ctx.IsNonnegative(f) {
				return false
			}
		}
		return true
	case *expr.Pow:
		// x^r of x ≥ 0 is ≥ 0 where it is defined, and so is an even
		// power of anything (a^-2 too, away from a = 0).
		return evenPower(e) || ctx.IsNonnegative(e.Base)
	case *expr.Call:
		switch e.Fn {
		case "abs", "sqrt", "exp":
			return true
		case "log":
			// log A ≥ 0 where A ≥ 1: log(1 + k²) is, and bounds a
			// uniform's support as the case log(1 + k²) ≥ 0 needs.
			return ctx.IsNonnegative(expr.Sum(e.Args[0], expr.N(-1)))
		}
	case *expr.Big:
		// An empty sum is 0 and an empty product 1.
		return (e.Op == "sum" || e.Op == "prod") && ctx.IsNonnegative(e.Body)
	}
	return ctx.IsPositive(e)
}

// evenPower reports whether e is a power with an even integer exponent.
func evenPower(e *expr.Pow) bool {
	n, ok := e.Exp.(*expr.Num)
	return ok && n.Val.IsInt() && n.Val.Num().Bit(0) == 0
}

// negation is −e with the sign taken inside where that is simple: a sum
// term by term and a product through its coefficient, so that
// IsPositive can look at (b − a)² as (a − b)² and at abs(−s) as abs(s).
func negation(e expr.Expr) expr.Expr {
	if a, ok := e.(*expr.Add); ok {
		terms := make([]expr.Expr, len(a.Terms))
		for i, t := range a.Terms {
			terms[i] = expr.Neg(t)
		}
		return expr.Sum(terms...)
	}
	return expr.Neg(e)
}

// nonnegativeQuadratic reports whether a sum is a·s² + b·s + c in one of
// its symbols s, with a a positive number and b² − 4·a·c provably ≤ 0:
// then it is a·(s + b/(2a))² + (4·a·c − b²)/(4a) ≥ 0, as
// c² − 2·c·d + d² = (c − d)² is. Only a sum with a square of a symbol
// among its few terms is tried; the discriminant has one symbol fewer,
// so the question ends.
func (ctx *Context) nonnegativeQuadratic(e *expr.Add) bool {
	if len(e.Terms) > 8 {
		return false
	}
	for _, t := range e.Terms {
		s, ok := squaredSymbol(t)
		if !ok {
			continue
		}
		cs, ok := Coefficients(e, s, ctx)
		if !ok {
			continue
		}
		if _, cubic := cs[3]; cubic || len(cs) > 3 {
			continue
		}
		a, ok := cs[2].(*expr.Num)
		if !ok || a.Val.Sign() <= 0 {
			continue
		}
		b, c := cs[1], cs[0]
		if b == nil {
			b = expr.N(0)
		}
		if c == nil {
			c = expr.N(0)
		}
		// 4·a·c − b² ≥ 0.
		d, ok := Normalize(expr.Sub(expr.Prod(&expr.Num{Val: new(big.Rat).Mul(big.NewRat(4, 1), a.Val)}, c), expr.Power(b, expr.N(2))), ctx)
		if ok && !slices.Contains(expr.Symbols(d), s) && ctx.IsNonnegative(d) {
			return true
		}
	}
	return false
}

// squaredSymbol is s for a term k·s² or s² of a normal-form sum.
func squaredSymbol(t expr.Expr) (string, bool) {
	if m, ok := t.(*expr.Mul); ok && len(m.Factors) == 2 {
		if _, num := m.Factors[0].(*expr.Num); num {
			t = m.Factors[1]
		}
	}
	p, ok := t.(*expr.Pow)
	if !ok || !expr.IsInt(p.Exp, 2) {
		return "", false
	}
	if s, ok := p.Base.(*expr.Sym); ok {
		return s.Name, true
	}
	return "", false
}
