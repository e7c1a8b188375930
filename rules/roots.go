package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
)

// The normal form splits a square root into half powers of its atoms,
// sqrt(2*v/pi) into 2^(1/2)*v^(1/2)*pi^(-1/2); a textbook keeps the
// root whole. sqrtTerm joins the half powers of a term again: into one
// root sqrt(num/den) when some are positive, and into a root in the
// denominator, 1/sqrt(den), when all are negative, so that terms over
// the same root share one fraction.
func sqrtTerm(t term) term {
	half := big.NewRat(1, 2)
	var num, den []expr.Expr
	var rest []factor
	for _, f := range t.factors {
		switch {
		case expr.RatEqual(f.exp, half):
			num = append(num, f.base)
		case new(big.Rat).Neg(f.exp).Cmp(half) == 0:
			den = append(den, f.base)
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
