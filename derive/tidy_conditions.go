package derive

import (
	"math/big"
	"slices"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// The support comparison states a case's conditions as its ends meet,
// 0 <= m - 1 or a + 1 <= s + 1, and the case machinery (emptyCase,
// excludedCase, pinnedCase, the witnesses) reads them in that shape. What
// is shown is what a person writes: shared terms cancelled, a lone
// term's coefficient divided out (a >= 0, not 2*a >= 0), each term on
// the side where it is positive, a number on the right of a lone symbol
// (m >= 1), and two conditions sharing a middle term next to each other,
// so that a printer can set them as a chain, 1 <= a <= s.

// tidyConditions is when as shown: each relation tidied, and a pair that
// shares a middle term ordered so that the first one's right side is the
// second one's left.
func tidyConditions(when []*expr.Rel, ctx *rules.Context) []*expr.Rel {
	out := make([]*expr.Rel, len(when))
	for i, r := range when {
		out[i] = tidyRel(r, ctx)
	}
	out = equations(out, ctx)
	chained := make([]bool, len(out))
	for i := 0; i+1 < len(out); i++ {
		if chained[i] {
			continue // the end of a chain before: pairs only, which is all the ends of two supports make
		}
		for j := i + 1; j < len(out); j++ {
			a, b := out[i], out[j]
			if !ascending(a) || !ascending(b) {
				continue
			}
			// A chain through a number, a + 1 <= 2 <= b, reads as two
			// statements run together; only a shared term is chained.
			if _, num := a.L.(*expr.Num); !num && expr.Equal(b.R, a.L) {
				a, b = b, a
			} else if _, num := a.R.(*expr.Num); num || !expr.Equal(a.R, b.L) {
				continue
			}
			// a, b is the chain; it takes the places i and i+1.
			rest := append([]*expr.Rel{}, out[i+1:j]...)
			rest = append(rest, out[j+1:]...)
			out = append(append(out[:i:i], a, b), rest...)
			chained[i], chained[i+1] = true, true
			break
		}
	}
	for i, r := range out {
		if !chained[i] {
			out[i] = numberRight(r)
		}
	}
	return out
}

// equations joins two conditions that bound the same difference from
// both sides, c <= d and d <= c, into the equation they make, c = d,
// in the place of the first: a chain c <= d <= c says it less plainly.
// The machinery reads an equation back as the pair (splitEquations).
func equations(rels []*expr.Rel, ctx *rules.Context) []*expr.Rel {
	out := slices.Clone(rels)
	for i := 0; i < len(out); i++ {
		for j := i + 1; j < len(out); j++ {
			a, b := out[i], out[j]
			if a.Op != "<=" || b.Op != "<=" {
				continue
			}
			// The slacks a.R − a.L and b.R − b.L are opposite.
			if d, ok := rules.Normalize(expr.Sum(expr.Sub(a.R, a.L), expr.Sub(b.R, b.L)), ctx); !ok || !expr.IsInt(d, 0) {
				continue
			}
			eq := &expr.Rel{Op: "=", L: a.L, R: a.R}
			_, num := a.L.(*expr.Num)
			l, lone := a.L.(*expr.Sym)
			r, rone := a.R.(*expr.Sym)
			if num || rone && (!lone || r.Name < l.Name) {
				// c + d = 0, not 0 = c + d; c = 3·d and c = d, not
				// 3·d = c and d = c.
				eq.L, eq.R = a.R, a.L
			}
			out[i] = eq
			out = slices.Delete(out, j, j+1)
			break
		}
	}
	return out
}

// splitEquations reads each equation L = R of conditions as the pair
// L <= R and R <= L, the shape the case machinery takes.
func splitEquations(when []*expr.Rel) []*expr.Rel {
	var out []*expr.Rel
	for _, r := range when {
		if r.Op == "=" {
			out = append(out, &expr.Rel{Op: "<=", L: r.L, R: r.R}, &expr.Rel{Op: "<=", L: r.R, R: r.L})
			continue
		}
		out = append(out, r)
	}
	return out
}

// shownRel is one condition as tidyConditions shows it.
func shownRel(r *expr.Rel, ctx *rules.Context) *expr.Rel {
	return tidyConditions([]*expr.Rel{r}, ctx)[0]
}

// ascending reports whether r reads from its smaller side, L < R or L <= R.
func ascending(r *expr.Rel) bool { return r.Op == "<" || r.Op == "<=" }

// tidyRel is the comparison L op R as R - L op' 0 in normal form with
// each term moved to the side where its coefficient is positive, both
// sides read from the smaller, L <= R. A comparison it cannot put so (no
// order, a slack the normal form cannot hold, or one that is a number)
// is kept as it is.
func tidyRel(r *expr.Rel, ctx *rules.Context) *expr.Rel {
	op := r.Op
	switch op {
	case ">", ">=":
		r = &expr.Rel{Op: map[string]string{">": "<", ">=": "<="}[op], L: r.R, R: r.L}
	case "<", "<=":
	default:
		return r
	}
	d, ok := rules.Normalize(expr.Sub(r.R, r.L), ctx)
	if !ok {
		return r
	}
	if _, num := d.(*expr.Num); num {
		return r
	}
	terms := []expr.Expr{d}
	if s, ok := d.(*expr.Add); ok {
		terms = s.Terms
	}
	if k, ok := loneCoefficient(terms); ok {
		// One term besides numbers: divided by its coefficient, a >= 0
		// rather than 2*a >= 0.
		if d, ok = rules.Normalize(expr.Prod(&expr.Num{Val: new(big.Rat).Inv(k)}, d), ctx); !ok {
			return r
		}
		terms = []expr.Expr{d}
		if s, ok := d.(*expr.Add); ok {
			terms = s.Terms
		}
	}
	var lo, hi []expr.Expr
	for _, t := range terms {
		if negativeTerm(t) {
			n, ok := rules.Normalize(expr.Neg(t), ctx)
			if !ok {
				return r
			}
			lo = append(lo, n)
		} else {
			hi = append(hi, t)
		}
	}
	// A number alone with the other terms moves across when that leaves
	// no side 0: a >= -1, not 0 <= a + 1.
	if len(lo) == 0 {
		hi, lo = moveNumber(hi)
	} else if len(hi) == 0 {
		lo, hi = moveNumber(lo)
	}
	return &expr.Rel{Op: r.Op, L: side(lo), R: side(hi)}
}

// moveNumber takes the number out of terms, when there is one beside
// other terms, and gives it negated as the other side's one term.
func moveNumber(terms []expr.Expr) (rest, other []expr.Expr) {
	if len(terms) < 2 {
		return terms, nil
	}
	for i, t := range terms {
		if n, ok := t.(*expr.Num); ok {
			rest = append(append(rest, terms[:i]...), terms[i+1:]...)
			return rest, []expr.Expr{&expr.Num{Val: new(big.Rat).Neg(n.Val)}}
		}
	}
	return terms, nil
}

// loneCoefficient is the absolute numeric coefficient of the one term
// of terms that is not a number, when there is one such term and its
// coefficient is not 1.
func loneCoefficient(terms []expr.Expr) (*big.Rat, bool) {
	var k *big.Rat
	for _, t := range terms {
		if _, num := t.(*expr.Num); num {
			continue
		}
		if k != nil {
			return nil, false
		}
		k = big.NewRat(1, 1)
		if m, ok := t.(*expr.Mul); ok && len(m.Factors) > 1 {
			if n, ok := m.Factors[0].(*expr.Num); ok {
				k = new(big.Rat).Abs(n.Val)
			}
		}
	}
	return k, k != nil && k.Cmp(big.NewRat(1, 1)) != 0
}

// negativeTerm reports whether a term of a normal-form sum has a negative
// numeric coefficient.
func negativeTerm(t expr.Expr) bool {
	if m, ok := t.(*expr.Mul); ok && len(m.Factors) > 0 {
		t = m.Factors[0]
	}
	n, ok := t.(*expr.Num)
	return ok && n.Val.Sign() < 0
}

// side is the sum of terms, 0 when there are none.
func side(terms []expr.Expr) expr.Expr {
	switch len(terms) {
	case 0:
		return expr.N(0)
	case 1:
		return terms[0]
	}
	return expr.Sum(terms...)
}

// numberRight turns 1 <= m into m >= 1, and 0 <= a + b into a + b >= 0:
// what is bounded is read first, the bound after it.
func numberRight(r *expr.Rel) *expr.Rel {
	_, num := r.L.(*expr.Num)
	_, other := r.R.(*expr.Num)
	if !num || other {
		return r
	}
	flip := map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}
	return &expr.Rel{Op: flip[r.Op], L: r.R, R: r.L}
}
