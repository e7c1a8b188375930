package rules

import (
	"math/big"
	"slices"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Collecting by a common factor. A normal form spreads a product such as
// (a1 - a2)*digamma(a1) into a1*digamma(a1) - a2*digamma(a1); a textbook
// (StatProofBook, Penny's and Gil's tables of KL divergences) writes
// the coefficient of each transcendental factor as one group. The
// factors so collected are calls of the functions a person would factor
// out: ψ, Γ, B, erf and log. A polynomial in the parameters is left
// alone: its terms are the textbook's already.

// specialHeads are the functions collected before the logarithms are
// joined; logarithms are collected after, so that a2*log(b1) -
// a2*log(b2) first becomes a2*log(b1/b2), as a textbook writes it.
var specialHeads = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"digamma": true, "gamma": true, "beta": true, "lgamma": true, "lbeta": true, "erf": true}
}}

var logHead = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"log": true}
}}

// headFactor is the one factor of t that is a call of a function in
// fns, with exponent 1, and whether t has exactly one such factor.
func headFactor(t term, fns map[string]bool) (int, bool) {
	at := -1
	for i, f := range t.factors {
		if c, ok := f.base.(*expr.Call); ok && fns[c.Fn] && expr.RatEqual(f.exp, one()) {
			if at >= 0 {
				return -1, false
			}
			at = i
		}
	}
	return at, at >= 0
}

// collectByFactor joins the terms that share a head factor, when at
// least one of them has a cofactor other than a number, into one term
// (cofactor sum)·head, in the place of the first of them. The cofactor
// sum leads with a positive symbolic term: 1 - a becomes -(a - 1).
func collectByFactor(ts []term, fns map[string]bool) []term {
	groups := map[string][]int{}
	var order []string
	for i, t := range ts {
		if at, ok := headFactor(t, fns); ok {
			k := t.factors[at].key
			if _, seen := groups[k]; !seen {
				order = append(order, k)
			}
			groups[k] = append(groups[k], i)
		}
	}
	replaced := map[int]term{}
	dropped := map[int]bool{}
	for _, k := range order {
		idx := groups[k]
		if len(idx) < 2 || !anySymbolicCofactor(ts, idx) {
			continue
		}
		var h factor
		var cof []term
		for _, i := range idx {
			at, _ := headFactor(ts[i], fns)
			h = ts[i].factors[at]
			rest := append(append([]factor(nil), ts[i].factors[:at]...), ts[i].factors[at+1:]...)
			cof = append(cof, term{coef: ts[i].coef, factors: rest})
		}
		// Factors every cofactor shares go outside: m*erf(u)/s -
		// c*erf(u)/s is (m - c)*erf(u)/s. A denominator left inside
		// would not read as one group.
		common := commonFactors(cof)
		if !polynomial(cof) {
			continue
		}
		sign := one()
		if !anyPositiveSymbolic(cof) {
			sign = big.NewRat(-1, 1)
			for i, c := range cof {
				cof[i] = term{coef: new(big.Rat).Neg(c.coef), factors: c.factors}
			}
		}
		sum := expr.Sum(constantsLast(ordered(cof))...)
		fs := append(append([]factor{{base: sum, exp: one(), key: expr.Key(sum)}}, common...), h)
		replaced[idx[0]] = term{coef: sign, factors: fs}
		for _, i := range idx[1:] {
			dropped[i] = true
		}
	}
	return regroup(ts, replaced, dropped)
}

// regroup is ts with each group of terms collected into one: the term
// at a group's first index replaced, the group's others dropped.
func regroup(ts []term, replaced map[int]term, dropped map[int]bool) []term {
	if len(replaced) == 0 {
		return ts
	}
	var out []term
	for i, t := range ts {
		switch {
		case dropped[i]:
		case replaced[i].coef != nil:
			out = append(out, replaced[i])
		default:
			out = append(out, t)
		}
	}
	return out
}

// commonFactors removes the factors (base and exponent) that every term
// of cof has from each of them, and returns them.
func commonFactors(cof []term) []factor {
	var common []factor
	for _, f := range cof[0].factors {
		shared := true
		for _, c := range cof[1:] {
			shared = shared && hasFactor(c, f)
		}
		if shared {
			common = append(common, f)
		}
	}
	for i, c := range cof {
		var rest []factor
		for _, f := range c.factors {
			if !hasFactor(term{factors: common}, f) {
				rest = append(rest, f)
			}
		}
		cof[i] = term{coef: c.coef, factors: rest}
	}
	return common
}

func hasFactor(t term, f factor) bool {
	for _, g := range t.factors {
		if g.key == f.key && expr.RatEqual(g.exp, f.exp) {
			return true
		}
	}
	return false
}

func polynomial(ts []term) bool {
	for _, t := range ts {
		if hasDenominator(t) {
			return false
		}
	}
	return true
}

func anySymbolicCofactor(ts []term, idx []int) bool {
	for _, i := range idx {
		if len(ts[i].factors) > 1 {
			return true
		}
	}
	return false
}

func anyPositiveSymbolic(cof []term) bool {
	for _, c := range cof {
		if len(c.factors) > 0 && c.coef.Sign() > 0 {
			return true
		}
	}
	return false
}

// constantsLast moves the number of each sign after the symbolic terms
// of that sign, so a coefficient reads a + 1 - a2, as α_p − α_q does
// with α_p = a + 1.
func constantsLast(es []expr.Expr) []expr.Expr {
	var out, cst []expr.Expr
	flush := func() { out, cst = append(out, cst...), nil }
	for i, e := range es {
		if i > 0 {
			_, neg := negativeTerm(e)
			_, prevNeg := negativeTerm(es[i-1])
			if neg != prevNeg {
				flush()
			}
		}
		if _, ok := e.(*expr.Num); ok {
			cst = append(cst, e)
			continue
		}
		out = append(out, e)
	}
	flush()
	return out
}

// leastFactors are the bases of a sum's factors, each to the least
// exponent it has in the terms, a term without it counting as exponent
// 0, so 2*s^3 + 4*s shares s and 1/(2*s) + 1/s^2 shares 1/s^2. A base
// whose least exponent is 0 is not shared, nor one that keep refuses
// (keep sees the base with its least exponent). What is left after
// dividing them out (divideOut) shares nothing more, so taking them
// out again finds nothing.
func leastFactors(ts []term, keep func(factor) bool) []factor {
	var out []factor
	seen := map[string]bool{}
	for _, t := range ts {
		for _, f := range t.factors {
			if seen[f.key] {
				continue
			}
			seen[f.key] = true
			var least *big.Rat
			for _, u := range ts {
				e := exponentOf(u, f.key)
				if least == nil || e.Cmp(least) < 0 {
					least = e
				}
			}
			g := factor{base: f.base, exp: least, key: f.key}
			if least.Sign() != 0 && keep(g) {
				out = append(out, g)
			}
		}
	}
	return out
}

// divideOut divides every term by the factors, which may leave a base
// the term lacked with a negative exponent. The factors left are in a
// person's order (sortFactors): the order they came in depends on how
// the sum was reached, and a sum taken out twice must read the same.
func divideOut(ts []term, fs []factor) []term {
	out := make([]term, len(ts))
	for i, t := range ts {
		out[i] = term{coef: t.coef}
		for _, f := range t.factors {
			if j := slices.IndexFunc(fs, func(c factor) bool { return c.key == f.key }); j >= 0 {
				f = factor{base: f.base, exp: new(big.Rat).Sub(f.exp, fs[j].exp), key: f.key}
			}
			if f.exp.Sign() != 0 {
				out[i].factors = append(out[i].factors, f)
			}
		}
		for _, c := range fs {
			if exponentOf(t, c.key).Sign() == 0 {
				out[i].factors = append(out[i].factors, factor{base: c.base, exp: new(big.Rat).Neg(c.exp), key: c.key})
			}
		}
		out[i].factors = sortFactors(out[i].factors)
	}
	return out
}

// exponentOf is the exponent of the base with the key in the term, 0
// when the term lacks it.
func exponentOf(t term, key string) *big.Rat {
	for _, f := range t.factors {
		if f.key == key {
			return f.exp
		}
	}
	return new(big.Rat)
}
