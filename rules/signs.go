package rules

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Signs writes the sign of an argument the way a person does, where the
// argument lands: |−u| = |u| and (−u)^(2k) = u^(2k) (even functions)
// and erf(−u) = −erf(u) (erf is odd), taking whichever of u and −u has fewer minus signs, so that
// |−3·m − 1| reads |3·m + 1| and −erf(−1/√(2v)) reads erf(1/√(2v)); and
// exp(w)^k = exp(k·w), which holds for every real w and k since exp(w)
// is positive. They hold everywhere, so no condition is needed. Only a
// positive power is joined: b/exp(c) stays a quotient, as written.
var Signs = once.Value[Set]{New: func() Set {
	return Set{
		computed("absolute-even", "the absolute value is even", "abs(u)", "abs(u)", absoluteEven).only("call", "abs").with("abs(-3*m - 1)"),
		computed("erf-odd", "erf is odd", "erf(u)", "erf(u)", erfOdd).only("call", "erf").with("erf(-1/sqrt(2*v))"),
		computed("even-power-sign", "an even power is even", "u^k", "u^k", evenPowerSign).only("^", "").with("(-2*a - m)^2"),
		computed("power-of-exp", "a power of an exponential", "exp(w)^k", "exp(k*w)", powerOfExp).only("^", "").with("exp(w)^2"),
	}
}}

func absoluteEven(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
	c, ok := e.(*expr.Call)
	if !ok || c.Fn != "abs" || len(c.Args) != 1 {
		return nil, nil, false
	}
	if neg, better := fewerMinus(c.Args[0]); better {
		return &expr.Call{Fn: "abs", Args: []expr.Expr{neg}}, nil, true
	}
	return nil, nil, false
}

func evenPowerSign(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
	p, ok := e.(*expr.Pow)
	if !ok || !evenPower(p) {
		return nil, nil, false
	}
	switch p.Base.(type) {
	case *expr.Add, *expr.Mul:
	default:
		return nil, nil, false
	}
	if neg, better := fewerMinus(p.Base); better {
		return expr.Power(neg, p.Exp), nil, true
	}
	return nil, nil, false
}

func erfOdd(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
	c, ok := e.(*expr.Call)
	if !ok || c.Fn != "erf" || len(c.Args) != 1 {
		return nil, nil, false
	}
	if neg, better := fewerMinus(c.Args[0]); better {
		return expr.Neg(&expr.Call{Fn: "erf", Args: []expr.Expr{neg}}), nil, true
	}
	return nil, nil, false
}

// fewerMinus is −u, and whether u leads with a minus sign and −u has
// fewer minus signs: −3·m − 1 against 3·m + 1, −1/√(2v) against
// 1/√(2v), −(2·a + b)/√(2w) against (2·a + b)/√(2w). A tie keeps u as
// written, and so does a u that leads with a plus, x − a − c: the
// expectation rules read |x + c| with the variable first.
func fewerMinus(u expr.Expr) (expr.Expr, bool) {
	if !leadsMinus(u) {
		return nil, false
	}
	neg := flip(u)
	return neg, minusSigns(neg) < minusSigns(u)
}

// flip is −u with the sign taken where it is written: into each term of
// a sum, into a product's number, or else into the first sum among a
// product's factors, so that −(2·a + b)/√(2w) flips to (2·a + b)/√(2w).
func flip(u expr.Expr) expr.Expr {
	m, ok := u.(*expr.Mul)
	if !ok {
		return negation(u)
	}
	if _, ok := m.Factors[0].(*expr.Num); ok {
		return expr.Neg(u)
	}
	for i, f := range m.Factors {
		if _, ok := f.(*expr.Add); ok {
			fs := append([]expr.Expr(nil), m.Factors...)
			fs[i] = negation(f)
			return expr.Prod(fs...)
		}
	}
	return expr.Neg(u)
}

// leadsMinus reports whether e is written with a minus sign in front.
func leadsMinus(e expr.Expr) bool {
	switch e := e.(type) {
	case *expr.Num:
		return e.Val.Sign() < 0
	case *expr.Add:
		return leadsMinus(e.Terms[0])
	case *expr.Mul:
		if c, ok := e.Factors[0].(*expr.Num); ok {
			return c.Val.Sign() < 0
		}
		for _, f := range e.Factors {
			if a, ok := f.(*expr.Add); ok {
				return leadsMinus(a)
			}
		}
	}
	return false
}

// minusSigns counts the minus signs e is written with: one for each
// negative number in front of a term or product, counting into the
// terms of sums and the sum factors of products.
func minusSigns(e expr.Expr) int {
	switch e := e.(type) {
	case *expr.Num:
		if e.Val.Sign() < 0 {
			return 1
		}
	case *expr.Add:
		n := 0
		for _, t := range e.Terms {
			n += minusSigns(t)
		}
		return n
	case *expr.Mul:
		n := 0
		for _, f := range e.Factors {
			switch f.(type) {
			case *expr.Num, *expr.Add:
				n += minusSigns(f)
			}
		}
		return n
	}
	return 0
}

func powerOfExp(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
	p, ok := e.(*expr.Pow)
	if !ok {
		return nil, nil, false
	}
	c, ok := p.Base.(*expr.Call)
	k, isNum := p.Exp.(*expr.Num)
	if !ok || c.Fn != "exp" || len(c.Args) != 1 || !isNum || k.Val.Sign() <= 0 {
		return nil, nil, false
	}
	return &expr.Call{Fn: "exp", Args: []expr.Expr{expr.Prod(k, c.Args[0])}}, nil, true
}
