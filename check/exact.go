package check

import (
	"math/big"

	"github.com/klderive/klderive/expr"
)

// A link between two rational numbers, 10^9 = 10^9 + 1 or
// \frac{1}{10^9} = 0, is decided in exact arithmetic: in floating point
// its sides agree within the tolerance, and a false equation must never
// pass.

// maxExactBits bounds the size of the rationals computed, so that
// 2^{2^{30}} is left to the numeric check rather than computed.
const maxExactBits = 4096

// exactValue is the exact value of x when it is built from numbers with
// +, ·, and integer powers.
func exactValue(x expr.Expr) (*big.Rat, bool) {
	switch x := x.(type) {
	case *expr.Num:
		return x.Val, true
	case *expr.Add:
		sum := new(big.Rat)
		for _, t := range x.Terms {
			v, ok := exactValue(t)
			if !ok {
				return nil, false
			}
			if sum.Add(sum, v); !small(sum) {
				return nil, false
			}
		}
		return sum, true
	case *expr.Mul:
		prod := big.NewRat(1, 1)
		for _, f := range x.Factors {
			v, ok := exactValue(f)
			if !ok {
				return nil, false
			}
			if prod.Mul(prod, v); !small(prod) {
				return nil, false
			}
		}
		return prod, true
	case *expr.Pow:
		b, ok := exactValue(x.Base)
		e, eok := exactValue(x.Exp)
		if !ok || !eok || !e.IsInt() || !e.Num().IsInt64() || b.Sign() == 0 && e.Sign() < 0 {
			return nil, false
		}
		n := e.Num().Int64()
		if n > maxExactBits || n < -maxExactBits || int64(b.Num().BitLen()+b.Denom().BitLen())*abs(n) > maxExactBits {
			return nil, false
		}
		num := new(big.Int).Exp(b.Num(), big.NewInt(abs(n)), nil)
		den := new(big.Int).Exp(b.Denom(), big.NewInt(abs(n)), nil)
		if n < 0 {
			num, den = den, num
		}
		return new(big.Rat).SetFrac(num, den), true
	}
	return nil, false
}

// arithmetic reports whether x is built of numbers with +, · and powers
// only, the trees exactValue may decide: most sides are not, and
// asking first spares building rationals for a side that then fails at
// its first symbol.
func arithmetic(x expr.Expr) bool {
	return !expr.Any(x, func(n expr.Expr) bool {
		switch n.(type) {
		case *expr.Num, *expr.Add, *expr.Mul, *expr.Pow:
			return false
		}
		return true
	})
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}

func small(r *big.Rat) bool { return r.Num().BitLen()+r.Denom().BitLen() <= maxExactBits }

// refute decides a link whose sides are both rational numbers and that
// does not hold: it is wrong, whatever the numeric check found. A link
// that holds keeps the numeric verdict.
func refute(l *Link) {
	if l.Matrix || l.Status == Wrong || l.L == nil || l.R == nil {
		return
	}
	if !arithmetic(l.L) || !arithmetic(l.R) {
		return
	}
	a, ok := exactValue(l.L)
	b, bok := exactValue(l.R)
	if !ok || !bok {
		return
	}
	c := a.Cmp(b)
	holds, known := map[string]bool{"=": c == 0, `\equiv`: c == 0, "<": c < 0, ">": c > 0, `\leq`: c <= 0, `\geq`: c >= 0}[l.Op]
	if !known || holds {
		return
	}
	left, _ := a.Float64()
	right, _ := b.Float64()
	l.Status, l.Reason, l.Witness = Wrong, "", &Witness{Left: left, Right: right}
	l.Diagnosis = ""
	if c != 0 {
		l.Diagnosis = "right − left = " + new(big.Rat).Sub(b, a).RatString() + " exactly, too little for the numeric check to see"
	}
}
