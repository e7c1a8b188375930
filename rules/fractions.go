package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
)

// Shared fractions inside a bracket. The normal form spreads (a + b)/2
// over its terms, a/2 + b/2; a textbook keeps the midpoint whole,
// ((a + b)/2 - m)^2. Inside a power of a sum, the simple terms that
// share a fractional coefficient are written as that coefficient times
// their sum again.

// presentPowers writes the sums under the powers of a term with their
// shared fractions grouped.
func (n *normalizer) presentPowers(t term) term {
	var fs []factor
	changed := false
	for _, f := range t.factors {
		nf := f
		switch b := f.base.(type) {
		case *expr.Pow:
			if s, ok := b.Base.(*expr.Add); ok && isHalf(powerExponent(b)) {
				// A root keeps its sum whole in the normal form, with
				// the sum expanded, (2*s/pi + 2/pi)^(1/2): it is
				// written as the root of the sum in textbook form,
				// sqrt(2*(s + 1)/pi).
				r := expr.Fn("sqrt", leadPositive(n.present(n.poly(s))))
				nf = factor{base: r, exp: f.exp, key: expr.Key(r)}
			} else if s, ok := b.Base.(*expr.Add); ok {
				if g, ok := n.groupFractions(s); ok {
					p := expr.Power(g, b.Exp)
					nf = factor{base: p, exp: f.exp, key: expr.Key(p)}
				}
			}
		case *expr.Add:
			if g, ok := n.groupFractions(b); ok {
				nf = factor{base: g, exp: f.exp, key: expr.Key(g)}
			}
		}
		changed = changed || nf.key != f.key
		fs = append(fs, nf)
	}
	if !changed {
		return t
	}
	return term{coef: t.coef, factors: fs}
}

// groupFractions writes the simple terms of a sum that share a
// fractional coefficient, two or more of them, as c*(sum), in the place
// of the first: a/2 + b/2 - m is 1/2*(a + b) - m.
func (n *normalizer) groupFractions(s *expr.Add) (expr.Expr, bool) {
	p := n.poly(s)
	groups := map[string][]int{}
	for i, t := range p {
		if !t.coef.IsInt() && len(t.factors) > 0 && simple(t) && !hasDenominator(t) {
			k := new(big.Rat).Abs(t.coef).RatString()
			groups[k] = append(groups[k], i)
		}
	}
	var out []expr.Expr
	done := false
	for i, t := range p {
		k := new(big.Rat).Abs(t.coef).RatString()
		g := groups[k]
		switch {
		case len(g) < 2 || t.coef.IsInt() || len(t.factors) == 0 || !simple(t) || hasDenominator(t):
			out = append(out, t.expr())
		case g[0] == i:
			c := new(big.Rat).Abs(t.coef)
			if allNegative(p, g) {
				c.Neg(c)
			}
			inner := make([]term, len(g))
			for j, at := range g {
				inner[j] = term{coef: new(big.Rat).Quo(p[at].coef, c), factors: p[at].factors}
			}
			out = append(out, expr.Prod(&expr.Num{Val: c}, expr.Sum(ordered(inner)...)))
			done = true
		}
	}
	if !done {
		return nil, false
	}
	// Positive terms first, as ordered writes them: 3*m - (a + b)/2.
	var pos, neg []expr.Expr
	for _, e := range out {
		if _, isNeg := negativeTerm(e); isNeg {
			neg = append(neg, e)
		} else {
			pos = append(pos, e)
		}
	}
	return expr.Sum(append(pos, neg...)...), true
}

func allNegative(p poly, idx []int) bool {
	for _, i := range idx {
		if p[i].coef.Sign() > 0 {
			return false
		}
	}
	return true
}

// expUp writes an exponential that is a whole denominator as the
// exponential of the negated argument, l*exp(3*(m - k)) rather than
// l/exp(3*k - 3*m), as a textbook writes e^{-u}, and the exponentials
// of one term as one, exp(c + m + v/2) rather than exp(c)*exp(m + v/2).
// It runs on the terms once they share their fractions, so
// b*(a + 1)/exp(c) stays one term, b*(a + 1)*exp(-c).
func (n *normalizer) expUp(e expr.Expr) expr.Expr {
	factors := []expr.Expr{e}
	if m, ok := e.(*expr.Mul); ok {
		factors = m.Factors
	}
	fs, args, at, negative := gatherExps(factors)
	if len(args) == 0 || (len(args) == 1 && !negative) {
		return e
	}
	arg := n.present(n.poly(expr.Sum(args...)))
	if z, ok := arg.(*expr.Num); ok && z.Val.Sign() == 0 {
		fs = append(fs[:at], fs[at+1:]...) // exp(k)*exp(-k) is 1
	} else {
		fs[at] = expr.Fn("exp", arg)
	}
	return expr.Prod(fs...)
}

// gatherExps splits a product's factors into the others, with a nil at
// the place of the first exponential (at, −1 if none), and the
// arguments k·u of its exponentials exp(u)^k; negative says whether a
// k is below 0.
func gatherExps(factors []expr.Expr) (fs, args []expr.Expr, at int, negative bool) {
	at = -1
	for _, f := range factors {
		k, arg, ok := expFactor(f)
		if !ok {
			fs = append(fs, f)
			continue
		}
		if at < 0 {
			at = len(fs)
			fs = append(fs, nil)
		}
		negative = negative || k.Val.Sign() < 0
		args = append(args, expr.Prod(k, arg))
	}
	return fs, args, at, negative
}

// expFactor reads exp(u)^k, with k a number (1 for exp(u) itself).
func expFactor(f expr.Expr) (*expr.Num, expr.Expr, bool) {
	k := expr.N(1)
	if pw, ok := f.(*expr.Pow); ok {
		num, ok := pw.Exp.(*expr.Num)
		if !ok {
			return nil, nil, false
		}
		k, f = num, pw.Base
	}
	c, ok := f.(*expr.Call)
	if !ok || c.Fn != "exp" || len(c.Args) != 1 {
		return nil, nil, false
	}
	return k, c.Args[0], true
}

// powerExponent is the number a power is raised to, or nil.
func powerExponent(p *expr.Pow) *big.Rat {
	if k, ok := p.Exp.(*expr.Num); ok {
		return k.Val
	}
	return nil
}

func isHalf(r *big.Rat) bool { return r != nil && expr.RatIs(r, 1, 2) }
