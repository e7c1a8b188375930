package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
)

// IsPositive reports whether e is provably > 0 from the context's
// assumptions. It is a small sign calculus, not a theorem prover: when it
// cannot tell, it says no, and the rule that asked does not fire.
func (ctx *Context) IsPositive(e expr.Expr) bool {
	if ctx.given(e) {
		return true
	}
	switch e := e.(type) {
	case *expr.Num:
		return e.Val.Sign() > 0
	case *expr.Sym:
		return e.Name == "pi" || e.Name == "e" || (ctx != nil && ctx.Positive[e.Name])
	case *expr.Index:
		s, ok := e.Base.(*expr.Sym)
		return ok && ctx != nil && ctx.Positive[s.Name]
	case *expr.Add:
		// Every term ≥ 0 (a count, a square, an abs) with one positive.
		some, rest := false, true
		for _, t := range e.Terms {
			switch {
			case ctx.IsPositive(t):
				some = true
			case !ctx.IsNonnegative(t):
				rest = false
			}
		}
		if some && rest || ctx.aboveAssumed(e) {
			return true
		}
		floor, ok := ctx.countFloor(e)
		return ok && ctx.IsPositive(floor)
	case *expr.Mul:
		for _, f := range ctx.withoutAssumed(e.Factors) {
			if !ctx.IsPositive(f) {
				return false
			}
		}
		return true
	case *expr.Pow:
		// An even power is positive where its base is nonzero, which is
		// known when the base or its negation is positive; a² alone is 0
		// at a = 0 (see IsNonnegative).
		return ctx.IsPositive(e.Base) || evenPower(e) && ctx.IsPositive(negation(e.Base))
	case *expr.Big:
		if e.Op == "sum" {
			// A sum of positive terms over 1..K, a declared dimension,
			// is not empty.
			k, ok := e.Hi.(*expr.Sym)
			return ok && expr.IsInt(e.Lo, 1) && ctx != nil && ctx.Types != nil && ctx.Types.Dims[k.Name] && ctx.IsPositive(e.Body)
		}
		return e.Op == "prod" && ctx.IsPositive(e.Body)
	case *expr.Call:
		switch e.Fn {
		case "det":
			return ctx.positiveDefinite(e.Args[0])
		case "exp":
			return true
		case "abs":
			return ctx.IsPositive(e.Args[0]) || ctx.IsPositive(negation(e.Args[0]))
		case "sqrt":
			return ctx.IsPositive(e.Args[0])
		case "log":
			// log A > 0 where A > 1: log(1 + k²) + 1 > 0 and such.
			return ctx.IsPositive(expr.Sum(e.Args[0], expr.N(-1)))
		case "gamma", "beta":
			// Γ and B of positive arguments are positive; of others Γ
			// changes sign.
			for _, a := range e.Args {
				if !ctx.IsPositive(a) {
					return false
				}
			}
			return true
		}
		// A family's density, and a declared density, is positive on its
		// support; for the families klderive takes expectations under
		// that is the whole space.
		if _, f := expr.FamilyCall(e); f != nil {
			return f.Support == expr.RealLine && !f.Support.Discrete
		}
		return ctx != nil && ctx.Densities[e.Fn] != nil
	}
	return false
}

// given reports whether e is, or is a coordinate of, an assumed-positive
// expression.
func (ctx *Context) given(e expr.Expr) bool {
	if ctx == nil {
		return false
	}
	for _, p := range ctx.PositiveExprs {
		if expr.Equal(p, e) || SameTerms(p, e) || ctx.coordinateOf(p, e) {
			return true
		}
	}
	return false
}

// aboveAssumed reports whether a sum is an assumed-positive sum plus
// something positive or zero (a number, a square …): m - x + 1 is n - x + 1, positive on a
// Binomial(n, a)'s support, plus m - n, positive by "assume n < m"; and
// 6 - x is 4 - x plus 2. The terms the two sums share cancel; the rest
// is a number, an assumption itself (8 - x is n + 1 - x plus 7 - n), or
// shorter than the sum and shown positive in turn, so that the search
// ends.
func (ctx *Context) aboveAssumed(e *expr.Add) bool {
	if ctx == nil || len(ctx.PositiveExprs) == 0 {
		return false
	}
	whole, _ := expr.SizeDepth(e)
	for _, p := range ctx.PositiveExprs {
		pa, ok := p.(*expr.Add)
		if !ok {
			continue
		}
		rest, left, shared := cancelTerms(e.Terms, pa.Terms)
		if !shared {
			continue
		}
		for _, t := range left {
			rest = append(rest, expr.Neg(t))
		}
		diff := expr.Sum(rest...)
		if n, ok := diff.(*expr.Num); ok && n.Val.Sign() >= 0 || ctx.assumed(diff) {
			return true
		}
		if size, _ := expr.SizeDepth(diff); size < whole && ctx.IsNonnegative(diff) {
			return true
		}
	}
	return false
}

// assumed reports whether e is itself an assumed-positive expression.
func (ctx *Context) assumed(e expr.Expr) bool {
	for _, p := range ctx.PositiveExprs {
		if expr.Equal(p, e) || SameTerms(p, e) {
			return true
		}
	}
	return false
}

// cancelTerms removes the terms a and b share, once each; shared says
// whether any were, other than numbers, which Sum folds anyway.
func cancelTerms(a, b []expr.Expr) (restA, restB []expr.Expr, shared bool) {
	restB = append([]expr.Expr(nil), b...)
	for _, t := range a {
		found := -1
		for j, u := range restB {
			if expr.Equal(t, u) {
				found = j
				break
			}
		}
		if found < 0 {
			restA = append(restA, t)
			continue
		}
		if _, num := t.(*expr.Num); !num {
			shared = true
		}
		restB = append(restB[:found], restB[found+1:]...)
	}
	return restA, restB, shared
}

// isCount reports whether e is the variable of a discrete density on
// the counts, which is ≥ 0.
func (ctx *Context) isCount(e expr.Expr) bool {
	s, ok := e.(*expr.Sym)
	return ok && ctx != nil && ctx.Counts[s.Name]
}

// withoutAssumed drops from a product's factors every group that makes
// up an assumed-positive product: with v1*v2 > 0 assumed (a variance
// written so), 2*pi*v1*v2 is 2*pi times a positive unit, and only 2*pi
// is left to be shown positive.
func (ctx *Context) withoutAssumed(factors []expr.Expr) []expr.Expr {
	if ctx == nil {
		return factors
	}
	for _, p := range ctx.PositiveExprs {
		m, ok := p.(*expr.Mul)
		if !ok {
			continue
		}
		if rest, ok := removeFactors(factors, m.Factors); ok {
			factors = rest
		}
	}
	return factors
}

// removeFactors removes one occurrence of each of sub from factors, when
// all are there. It allocates only then: IsPositive asks it often.
func removeFactors(factors, sub []expr.Expr) ([]expr.Expr, bool) {
	if len(sub) > len(factors) || len(factors) > 64 {
		return nil, false
	}
	var used uint64
	for _, s := range sub {
		found := false
		for i, f := range factors {
			if used&(1<<i) == 0 && expr.Equal(f, s) {
				used |= 1 << i
				found = true
				break
			}
		}
		if !found {
			return nil, false
		}
	}
	rest := make([]expr.Expr, 0, len(factors)-len(sub))
	for i, f := range factors {
		if used&(1<<i) == 0 {
			rest = append(rest, f)
		}
	}
	return rest, true
}

// assumedIn names the positivity assumptions a term relies on, as
// "sigma1 > 0", for the record of a step.
func (ctx *Context) assumedIn(e expr.Expr) []string {
	var out []string
	for _, p := range ctx.PositiveExprs {
		if expr.Contains(e, p) || ctx.unitIn(e, p) {
			out = append(out, expr.String(p)+" > 0")
		}
	}
	for _, s := range expr.Symbols(e) {
		if ctx.Positive[s] {
			out = append(out, s+" > 0")
		}
	}
	return out
}

// positiveDefinite reports whether a matrix is known to be positive
// definite: declared spd, an identity, the inverse of one, or a diagonal
// matrix of positive entries.
func (ctx *Context) positiveDefinite(m expr.Expr) bool {
	switch m := m.(type) {
	case *expr.Sym:
		if ctx == nil || ctx.Types == nil {
			return false
		}
		for _, p := range ctx.Types.Props[m.Name] {
			if p == "spd" {
				return true
			}
		}
	case *expr.Mul:
		c, a, ok := ctx.splitScaled(m)
		return ok && ctx.IsPositive(c) && ctx.positiveDefinite(a)
	case *expr.Transpose:
		return ctx.positiveDefinite(m.X)
	case *expr.Add:
		// A sum of positive semidefinite terms, one of them definite:
		// the covariances A + B and c²·A + I.
		definite := false
		for _, t := range m.Terms {
			switch {
			case ctx.positiveDefinite(t):
				definite = true
			case !ctx.semidefinite(t):
				return false
			}
		}
		return definite
	case *expr.Call:
		switch m.Fn {
		case "I":
			return true
		case "inv":
			return ctx.positiveDefinite(m.Args[0])
		case "diag":
			return ctx.IsPositive(m.Args[0])
		}
	}
	return false
}

// semidefinite reports whether a matrix is known to be positive
// semidefinite: a nonnegative multiple of a positive definite one, c²·A.
func (ctx *Context) semidefinite(m expr.Expr) bool {
	if ctx.positiveDefinite(m) {
		return true
	}
	mul, ok := m.(*expr.Mul)
	if !ok {
		return false
	}
	c, a, ok := ctx.splitScaled(mul)
	return ok && ctx.IsNonnegative(c) && ctx.positiveDefinite(a)
}

// unitIn reports whether the assumed-positive product p is a group of
// factors of a product within e, as v1*v2 is of 2*pi*v1*v2.
func (ctx *Context) unitIn(e, p expr.Expr) bool {
	m, ok := p.(*expr.Mul)
	return ok && expr.Any(e, func(n expr.Expr) bool {
		f, ok := n.(*expr.Mul)
		if !ok {
			return false
		}
		_, found := removeFactors(f.Factors, m.Factors)
		return found
	})
}

// SameTerms reports whether two sums have the same terms in any order,
// so that a2 < b2, assumed as b2 - a2 > 0, also makes -a2 + b2 positive.
func SameTerms(a, b expr.Expr) bool {
	x, ok1 := a.(*expr.Add)
	y, ok2 := b.(*expr.Add)
	if !ok1 || !ok2 || len(x.Terms) != len(y.Terms) {
		return false
	}
	used := make([]bool, len(y.Terms))
	for _, t := range x.Terms {
		found := false
		for j, u := range y.Terms {
			if !used[j] && expr.Equal(t, u) {
				used[j], found = true, true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// coordinateOf reports whether e is a coordinate of the vector p, as
// a[j] + b[j] is of a + b: a vector assumed positive is positive in
// every coordinate.
func (ctx *Context) coordinateOf(p, e expr.Expr) bool {
	if ctx.DimOf(p) == nil {
		return false
	}
	var sub expr.Expr
	expr.Any(e, func(n expr.Expr) bool {
		if ix, ok := n.(*expr.Index); ok && sub == nil {
			sub = ix.Sub
		}
		return sub != nil
	})
	if sub == nil {
		return false
	}
	c, ok := coordinate(p, sub, ctx)
	return ok && (expr.Equal(c, e) || SameTerms(c, e))
}

// countFloor bounds a sum from below through its declared counts, the
// numbers of trials, which are integers ≥ 1: each term k·n with k > 0 is
// at least k, so n − x + 1 ≥ 2 − x and n − 1 ≥ 0. It reports false when
// the sum has no such term; the bound has fewer symbols, so a sign
// asked of it in turn ends.
func (ctx *Context) countFloor(e *expr.Add) (expr.Expr, bool) {
	if ctx == nil || ctx.Types == nil || len(ctx.Types.Counts) == 0 {
		return nil, false
	}
	terms := make([]expr.Expr, len(e.Terms))
	floored := false
	for i, t := range e.Terms {
		terms[i] = t
		// A density's variable declared a count ranges from 0: only
		// a number of trials is at least 1.
		if k, n, ok := countTerm(t, ctx.Types.Counts); ok && !ctx.Counts[n] {
			terms[i] = &expr.Num{Val: k}
			floored = true
		}
	}
	if !floored {
		return nil, false
	}
	return expr.Sum(terms...), true
}

// countTerm is the coefficient k > 0 of a term k·n of a declared count
// n, and n.
func countTerm(t expr.Expr, counts map[string]bool) (*big.Rat, string, bool) {
	switch t := t.(type) {
	case *expr.Sym:
		return big.NewRat(1, 1), t.Name, counts[t.Name]
	case *expr.Mul:
		if len(t.Factors) != 2 {
			return nil, "", false
		}
		k, okK := t.Factors[0].(*expr.Num)
		n, okN := t.Factors[1].(*expr.Sym)
		if okK && okN && counts[n.Name] && k.Val.Sign() > 0 {
			return k.Val, n.Name, true
		}
	}
	return nil, "", false
}
