package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// The normal form splits a square root into half powers of its atoms,
// sqrt(2*v/pi) into 2^(1/2)*v^(1/2)*pi^(-1/2); a textbook keeps the
// root whole. sqrtTerm joins the half powers of a term again: into one
// root sqrt(num/den) when some are positive, and into a root in the
// denominator, 1/sqrt(den), when all are negative, so that terms over
// the same root share one fraction.
func sqrtTerm(t term) term {
	var num, den []expr.Expr
	var rest []factor
	for _, f := range t.factors {
		switch {
		case expr.RatIs(f.exp, 1, 2):
			num = append(num, leadPositive(f.base))
		case expr.RatIs(f.exp, -1, 2):
			den = append(den, leadPositive(f.base))
		default:
			rest = append(rest, f)
		}
	}
	if len(num)+len(den) == 0 {
		return t
	}
	var root factor
	switch {
	case len(num) == 0:
		r := expr.Fn("sqrt", expr.Prod(den...))
		root = factor{base: r, exp: new(big.Rat).SetInt64(-1), key: expr.Key(r)}
	case len(den) == 0:
		r := expr.Fn("sqrt", expr.Prod(num...))
		root = factor{base: r, exp: one(), key: expr.Key(r)}
	default:
		r := expr.Fn("sqrt", expr.Quo(expr.Prod(num...), expr.Prod(den...)))
		root = factor{base: r, exp: one(), key: expr.Key(r)}
	}
	return term{coef: t.coef, factors: append([]factor{root}, rest...)}
}

// leadPositive writes a sum under a root from a positive term, as a
// textbook does: sqrt(1 - x), not sqrt(-x + 1).
func leadPositive(e expr.Expr) expr.Expr {
	s, ok := e.(*expr.Add)
	if !ok {
		return e
	}
	if _, neg := negativeTerm(s.Terms[0]); !neg {
		return e
	}
	for i, t := range s.Terms {
		if _, neg := negativeTerm(t); !neg {
			terms := append([]expr.Expr{t}, s.Terms[:i]...)
			return &expr.Add{Terms: append(terms, s.Terms[i+1:]...)}
		}
	}
	return e
}

// presentArgs writes the arguments of the special functions of a term
// in textbook form, erf((m - c)/sqrt(2*v)) rather than the normal form's
// sum of fractions.
func (n *normalizer) presentArgs(t term) term {
	var fs []factor
	changed := false
	for _, f := range t.factors {
		c, ok := f.base.(*expr.Call)
		if !ok || !specialHeads.Get()[c.Fn] {
			fs = append(fs, f)
			continue
		}
		args := make([]expr.Expr, len(c.Args))
		for i, a := range c.Args {
			args[i] = n.present(n.poly(a))
		}
		nc := expr.Fn(c.Fn, args...)
		changed = changed || !expr.Equal(nc, c)
		fs = append(fs, factor{base: nc, exp: f.exp, key: expr.Key(nc)})
	}
	if !changed {
		return t
	}
	return term{coef: t.coef, factors: fs}
}

// RootFactors take out of a root what a person takes out of it: a square
// number, sqrt(4·s/π) = 2·sqrt(s/π), and the square of a positive,
// sqrt(2·s²/π) = s·sqrt(2/π). A moment at a compound parameter leaves
// such roots, the mean absolute deviation sqrt(2·v/π) at v = 2·s.
var rootFactors = once.Value[*Rule]{New: func() *Rule {
	return computed("root-of-square-factor", "a square factor out of a root", "sqrt(a^2*b)", "a*sqrt(b)",
		func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
			c, ok := e.(*expr.Call)
			if !ok || c.Fn != "sqrt" || len(c.Args) != 1 {
				return nil, nil, false
			}
			// Only a product: a lone square is the root of a square's.
			m, ok := c.Args[0].(*expr.Mul)
			if !ok {
				return nil, nil, false
			}
			fs := m.Factors
			var out, in []expr.Expr
			var because []string
			for _, f := range fs {
				w, left, ok := squarePart(f, ctx)
				if !ok {
					in = append(in, f)
					continue
				}
				out = append(out, w)
				if left != nil {
					in = append(in, left)
				}
				if pw, ok := f.(*expr.Pow); ok {
					because = append(because, expr.String(pw.Base)+" > 0")
				}
			}
			if len(out) == 0 {
				return nil, nil, false
			}
			if len(in) > 0 {
				out = append(out, expr.Fn("sqrt", expr.Prod(in...)))
			}
			return expr.Prod(out...), because, true
		}).only("call", "sqrt").with("sqrt(4*s^2*t)")
}}

// squarePart splits a factor of a root into its root taken out, w, and
// what stays under the root, left (nil for nothing): a rational with a
// square numerator or denominator part, 8/9 into 2/3 and 2, or an even
// power of a positive base, s² into s.
func squarePart(f expr.Expr, ctx *Context) (w, left expr.Expr, ok bool) {
	switch f := f.(type) {
	case *expr.Num:
		if f.Val.Sign() <= 0 {
			return nil, nil, false
		}
		two := big.NewInt(2)
		wn, ln := perfectPart(f.Val.Num(), two)
		wd, ld := perfectPart(f.Val.Denom(), two)
		root := new(big.Rat).SetFrac(wn, wd)
		if expr.RatEqual(root, one()) {
			return nil, nil, false
		}
		rest := new(big.Rat).SetFrac(ln, ld)
		if expr.RatEqual(rest, one()) {
			return &expr.Num{Val: root}, nil, true
		}
		return &expr.Num{Val: root}, &expr.Num{Val: rest}, true
	case *expr.Pow:
		k, isNum := f.Exp.(*expr.Num)
		if !isNum || !k.Val.IsInt() || k.Val.Num().Bit(0) != 0 || !ctx.IsPositive(f.Base) {
			return nil, nil, false
		}
		half := new(big.Rat).Quo(k.Val, big.NewRat(2, 1))
		return expr.Power(f.Base, &expr.Num{Val: half}), nil, true
	}
	return nil, nil, false
}
