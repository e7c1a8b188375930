package render

import (
	"fmt"
	"math/big"
	"strconv"

	"github.com/klderive/klderive/expr"
)

// What the Python and Go emitters share: reading a product into a
// coefficient, numerator and denominator, number literals, and the
// rewrites that pick a numerically stable function.

// unsupported is a result that has no counterpart in a target; its
// message names the construct.
type unsupported struct{ msg string }

func (u *unsupported) Error() string { return u.msg }

func noCounterpart(format string, args ...any) error {
	return &unsupported{fmt.Sprintf(format, args...)}
}

// rank is the number of trailing axes a value of the kind has.
func rank(k kind) int {
	switch k {
	case kVec, kRow:
		return 1
	case kMat, kInv:
		return 2
	}
	return 0
}

// fraction reads a product as coef·num/den: the factors with a negative
// numeric exponent go, inverted, to the denominator.
func fraction(e expr.Expr) (coef *big.Rat, num, den []expr.Expr) {
	coef = big.NewRat(1, 1)
	factors := []expr.Expr{e}
	if m, ok := e.(*expr.Mul); ok {
		factors = m.Factors
	}
	for _, f := range factors {
		if n, ok := f.(*expr.Num); ok {
			coef.Mul(coef, n.Val)
			continue
		}
		if pw, ok := f.(*expr.Pow); ok {
			if x, ok := pw.Exp.(*expr.Num); ok && x.Val.Sign() < 0 {
				den = append(den, expr.Power(pw.Base, &expr.Num{Val: new(big.Rat).Neg(x.Val)}))
				continue
			}
		}
		num = append(num, f)
	}
	return coef, num, den
}

// literal spells a non-negative rational as a float literal when a
// decimal says it exactly (0.5, 2, 0.125), else as a quotient of two
// float literals ("1.0 / 3"), which both languages round once.
func literal(r *big.Rat) (string, bool) {
	f, _ := r.Float64()
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if back, ok := new(big.Rat).SetString(s); ok && back.Cmp(r) == 0 {
		return s, true
	}
	return r.Num().String() + ".0 / " + r.Denom().String(), false
}

// isNum reports whether e is the number n.
func isNum(e expr.Expr, n int64) bool { return expr.IsInt(e, n) }

// xlogyParts recognises x·log(y) with a numeric coefficient c: the form
// that must be 0 at x = 0 (0·log 0 in an entropy) rather than NaN. Only a
// product where both x and y vary can meet 0·log 0; k·log(2π) stays as
// it is.
func xlogyParts(sig *signature, m *expr.Mul) (c *big.Rat, x, y expr.Expr, ok bool) {
	c = big.NewRat(1, 1)
	for _, f := range m.Factors {
		switch f := f.(type) {
		case *expr.Num:
			c.Mul(c, f.Val)
			continue
		case *expr.Call:
			if f.Fn == "log" && y == nil {
				y = f.Args[0]
				continue
			}
		}
		if x != nil {
			return nil, nil, nil, false
		}
		x = f
	}
	return c, x, y, x != nil && y != nil && sig.varies(x) && sig.varies(y)
}

// expm1Parts finds exp(u) - 1 among the terms of a sum: the pair becomes
// expm1(u), accurate for small u; rest are the other terms.
func expm1Parts(a *expr.Add) (u expr.Expr, rest []expr.Expr, ok bool) {
	ie, i1 := -1, -1
	for i, t := range a.Terms {
		if c, isCall := t.(*expr.Call); isCall && c.Fn == "exp" && ie < 0 {
			ie = i
		}
		if isNum(t, -1) && i1 < 0 {
			i1 = i
		}
	}
	if ie < 0 || i1 < 0 {
		return nil, nil, false
	}
	for i, t := range a.Terms {
		if i != ie && i != i1 {
			rest = append(rest, t)
		}
	}
	return a.Terms[ie].(*expr.Call).Args[0], rest, true
}

// log1pArg is x for log(1 + x), accurate for small x.
func log1pArg(x expr.Expr) (expr.Expr, bool) {
	a, ok := x.(*expr.Add)
	if !ok {
		return nil, false
	}
	for i, t := range a.Terms {
		if isNum(t, 1) {
			rest := append(append([]expr.Expr{}, a.Terms[:i]...), a.Terms[i+1:]...)
			return expr.Sum(rest...), true
		}
	}
	return nil, false
}

// expTerms are the u_i of log(exp(u_1) + ... + exp(u_n)), a log-sum-exp.
func expTerms(x expr.Expr) ([]expr.Expr, bool) {
	a, ok := x.(*expr.Add)
	if !ok || len(a.Terms) < 2 {
		return nil, false
	}
	var us []expr.Expr
	for _, t := range a.Terms {
		c, ok := t.(*expr.Call)
		if !ok || c.Fn != "exp" {
			return nil, false
		}
		us = append(us, c.Args[0])
	}
	return us, true
}

// hasDet reports whether a log's argument holds a determinant, so that
// the log is split into log-determinants rather than computing det.
func hasDet(x expr.Expr) bool {
	return expr.Any(x, func(n expr.Expr) bool {
		c, ok := n.(*expr.Call)
		return ok && c.Fn == "det"
	})
}

// hasSpecial reports whether x holds a Γ or B function, whose logarithm
// the code takes as log Γ (lgamma) rather than of the function itself,
// which overflows first.
func hasSpecial(x expr.Expr) bool {
	return expr.Any(x, func(n expr.Expr) bool {
		c, ok := n.(*expr.Call)
		return ok && (c.Fn == "gamma" || c.Fn == "beta")
	})
}

// lbetaTerms is log B(a, b) as log Γ(a) + log Γ(b) − log Γ(a + b), the
// form every target has (B itself is in none of them but SciPy).
func lbetaTerms(c *expr.Call) expr.Expr {
	a, b := c.Args[0], c.Args[1]
	return expr.Sum(expr.Fn("lgamma", a), expr.Fn("lgamma", b), expr.Neg(expr.Fn("lgamma", expr.Sum(a, b))))
}

// logTerms splits log(c·∏ f_i^n_i) into c and the terms n_i·log(f_i);
// used only for arguments holding a determinant, where each factor is
// positive (a determinant of an SPD matrix, a positive constant).
func logTerms(x expr.Expr) []expr.Expr {
	factors := []expr.Expr{x}
	if m, ok := x.(*expr.Mul); ok {
		factors = m.Factors
	}
	var out []expr.Expr
	for _, f := range factors {
		if pw, ok := f.(*expr.Pow); ok {
			out = append(out, expr.Prod(pw.Exp, expr.Fn("log", pw.Base)))
			continue
		}
		out = append(out, expr.Fn("log", f))
	}
	return out
}
