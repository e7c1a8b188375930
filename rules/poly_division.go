package rules

import (
	"math/big"
	"sort"
)

// Exact division of polynomials, for reading a cofactor such as
// b − 1 − b·u + u as (b − 1)·(1 − u). It is long division under the
// graded lexicographic order of the monomials: the leading monomial of
// a product is the product of the leading monomials, so when the divisor
// divides exactly, its leading monomial divides the remainder's at every
// step, and a step where it does not proves there is no exact quotient.

// quotient is p/d when d divides p exactly, with no remainder. Both are
// polynomials: no factor with a negative exponent.
func (n *normalizer) quotient(p, d poly) (poly, bool) {
	d = n.collect(d)
	if len(d) == 0 || !polynomial(p) || !polynomial(d) {
		return nil, false
	}
	lead := func(ts poly) term {
		best := ts[0]
		for _, t := range ts[1:] {
			if monomialAfter(t, best) {
				best = t
			}
		}
		return best
	}
	ld := lead(d)
	minus := constant(big.NewRat(-1, 1))
	rem := append(poly(nil), p...)
	var out poly
	for len(rem) > 0 {
		if len(out) > maxTerms {
			return nil, false
		}
		m, ok := divideMonomial(lead(rem), ld)
		if !ok {
			return nil, false
		}
		out = append(out, m)
		rem = n.collect(append(rem, n.mul(n.mul(poly{m}, d), minus)...))
	}
	return n.collect(out), true
}

// divideMonomial is a/b when every factor of b divides one of a.
func divideMonomial(a, b term) (term, bool) {
	out := term{coef: new(big.Rat).Quo(a.coef, b.coef)}
	used := make([]bool, len(b.factors))
	for _, f := range a.factors {
		exp := f.exp
		for j, g := range b.factors {
			if !used[j] && g.key == f.key {
				used[j] = true
				exp = new(big.Rat).Sub(f.exp, g.exp)
				break
			}
		}
		switch exp.Sign() {
		case -1:
			return term{}, false
		case 1:
			out.factors = append(out.factors, factor{base: f.base, exp: exp, key: f.key})
		}
	}
	for _, u := range used {
		if !u {
			return term{}, false
		}
	}
	return out, true
}

// monomialAfter reports whether a comes after b in the graded
// lexicographic order: higher total degree, then, over the factors'
// keys in sorted order, the first larger exponent.
func monomialAfter(a, b term) bool {
	da, db := degree(a), degree(b)
	if c := da.Cmp(db); c != 0 {
		return c > 0
	}
	ea, eb := exponents(a), exponents(b)
	keys := make([]string, 0, len(ea)+len(eb))
	for k := range ea {
		keys = append(keys, k)
	}
	for k := range eb {
		if _, ok := ea[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		x, y := ea[k], eb[k]
		if x == nil {
			x = new(big.Rat)
		}
		if y == nil {
			y = new(big.Rat)
		}
		if c := x.Cmp(y); c != 0 {
			return c > 0
		}
	}
	return false
}

func degree(t term) *big.Rat {
	d := new(big.Rat)
	for _, f := range t.factors {
		d.Add(d, f.exp)
	}
	return d
}

func exponents(t term) map[string]*big.Rat {
	m := make(map[string]*big.Rat, len(t.factors))
	for _, f := range t.factors {
		m[f.key] = f.exp
	}
	return m
}
