package rules

import (
	"math/big"
	"slices"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Logarithms weighted by their own argument. A uniform's log moments, an
// entropy of a Bernoulli, and the like leave terms such as
// 2·log(1 − u) − 2·u·log(1 − u) in the normal form; a person reads them
// as the one term 2·(1 − u)·log(1 − u). Joining the logarithms by
// cofactor first (as present does for a2·log(b1) − a2·log(b2)) would
// instead give log((1 − v)²/(1 − u)²) + u·log((1 − u)²): every
// coefficient pulled into a logarithm of its own. So the terms of one
// logarithm whose cofactors sum to a multiple of its argument are
// collected first, into that multiple times the argument times the
// logarithm; and another logarithm whose cofactors sum to a multiple of
// the same weight is written over that weight too, so the two join as
// (1 − a)·log((1 − a)/(1 − b)) when present joins logarithms by their
// cofactor.

// weightedHeads are the functions whose terms are collected over their
// argument: log, and abs, whose E|x − m| under a uniform leaves
// |1 − m| − m·|1 − m|, that is (1 − m)·|1 − m|.
var weightedHeads = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"log": true, "abs": true}
}}

// collectWeightedLogs rewrites each group of two or more terms that
// share a logarithm and whose cofactors, past the factors they all
// share, sum to r times a weight, as one term r·weight·log·shared. The
// weights are the arguments of the logarithms whose cofactors sum to a
// multiple of them.
func (n *normalizer) collectWeightedLogs(ts []term) []term {
	groups := map[string][]int{}
	var order []string
	for i, t := range ts {
		if at, ok := headFactor(t, weightedHeads.Get()); ok {
			k := t.factors[at].key
			if _, seen := groups[k]; !seen {
				order = append(order, k)
			}
			groups[k] = append(groups[k], i)
		}
	}
	type group struct {
		idx    []int
		head   factor
		common []factor
		cof    poly
	}
	var found []group
	var weights []expr.Expr
	for _, k := range order {
		idx := groups[k]
		if len(idx) < 2 {
			continue
		}
		g := group{idx: idx}
		for _, i := range idx {
			at, _ := headFactor(ts[i], weightedHeads.Get())
			g.head = ts[i].factors[at]
			rest := append(append([]factor(nil), ts[i].factors[:at]...), ts[i].factors[at+1:]...)
			g.cof = append(g.cof, term{coef: ts[i].coef, factors: rest})
		}
		g.common = commonFactors(g.cof)
		den, ok := clearDenominators(g.cof)
		if !ok {
			continue
		}
		g.common = append(g.common, den...)
		found = append(found, g)
		arg := g.head.base.(*expr.Call).Args[0]
		if _, ok := n.over(g.cof, arg); ok {
			weights = append(weights, arg)
		}
	}
	replaced := map[int]term{}
	dropped := map[int]bool{}
	for _, g := range found {
		// Its own argument first: (1 + s)·(2 + v)·log(2 + v) is weighted
		// by 2 + v, whatever other weights divide it.
		own := g.head.base.(*expr.Call).Args[0]
		for _, w := range append([]expr.Expr{own}, weights...) {
			q, ok := n.over(g.cof, w)
			wf := factor{base: w, exp: one(), key: expr.Key(w)}
			if !ok || slices.ContainsFunc(g.common, func(f factor) bool { return f.key == wf.key }) {
				continue // w·log(w)/w is no way to write log(w)
			}
			// Names first, then the weight and its logarithm, then
			// the denominator, a·(1 − u)·log(1 − u)/v; each part in
			// the order of its keys, which is the same however the
			// terms came.
			var fs, below []factor
			for _, f := range g.common {
				if f.exp.Sign() < 0 {
					below = append(below, f)
				} else {
					fs = append(fs, f)
				}
			}
			byKey := func(a, b factor) int {
				_, na := a.base.(*expr.Sym)
				_, nb := b.base.(*expr.Sym)
				if na != nb { // names before sums: 2·s·(b − a)
					return boolInt(nb) - boolInt(na)
				}
				return strings.Compare(a.key, b.key)
			}
			slices.SortStableFunc(fs, byKey)
			slices.SortStableFunc(below, byKey)
			fs = append(append(fs, wf, g.head), below...)
			replaced[g.idx[0]] = weighted(q, fs)
			for _, i := range g.idx[1:] {
				dropped[i] = true
			}
			break
		}
	}
	return regroup(ts, replaced, dropped)
}

// over is p divided by the weight w, when w is a sum that divides p
// exactly: a weight of a single symbol needs no collecting, since
// a·log(a) is already one term.
func (n *normalizer) over(p poly, w expr.Expr) (poly, bool) {
	if _, ok := w.(*expr.Add); !ok {
		return nil, false
	}
	return n.quotient(p, n.poly(w))
}

// weighted is the term q·fs: a number or a monomial q joins the term's
// coefficient and factors, and a sum is one factor, led by a positive
// symbolic term with its numbers' content outside, 2·(b − 1) for
// 2·b − 2, as collectByFactor writes a cofactor.
func weighted(q poly, fs []factor) term {
	if len(q) == 1 {
		return term{coef: q[0].coef, factors: append(append([]factor(nil), q[0].factors...), fs...)}
	}
	g := numberContent(q)
	if !anyPositiveSymbolic(q) {
		g.Neg(g)
	}
	inner := make([]term, len(q))
	for i, t := range q {
		inner[i] = term{coef: new(big.Rat).Quo(t.coef, g), factors: t.factors}
	}
	sum := expr.Sum(constantsLast(ordered(inner))...)
	return term{coef: g, factors: append([]factor{{base: sum, exp: one(), key: expr.Key(sum)}}, fs...)}
}

// clearDenominators multiplies the terms of cof, in place, by the least
// power of each base that leaves no negative exponent, and returns that
// power's reciprocal: log(1 + s)/s + log(1 + s) has the cofactor
// (1 + s)/s, a weight over a denominator. Only names and calls are
// cleared: a sum the normal form keeps whole under a negative power
// would come back as a factor of the quotient, which the normal form
// expands, so the result would not be its own textbook form.
func clearDenominators(cof []term) ([]factor, bool) {
	var den []factor
	at := map[string]int{}
	for _, t := range cof {
		for _, f := range t.factors {
			if f.exp.Sign() >= 0 {
				continue
			}
			if _, ok := f.base.(*expr.Add); ok {
				return nil, false
			}
			if i, ok := at[f.key]; ok {
				if f.exp.Cmp(den[i].exp) < 0 {
					den[i].exp = f.exp
				}
				continue
			}
			at[f.key] = len(den)
			den = append(den, f)
		}
	}
	for i, t := range cof {
		fs := append([]factor(nil), t.factors...)
		for _, d := range den {
			found := false
			for j, f := range fs {
				if f.key == d.key {
					fs[j].exp = new(big.Rat).Sub(f.exp, d.exp)
					found = true
				}
			}
			if !found {
				fs = append(fs, factor{base: d.base, exp: new(big.Rat).Neg(d.exp), key: d.key})
			}
		}
		kept := fs[:0]
		for _, f := range fs {
			if f.exp.Sign() != 0 {
				kept = append(kept, f)
			}
		}
		cof[i] = term{coef: t.coef, factors: kept}
	}
	return den, true
}
