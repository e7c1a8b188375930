package rules

import (
	"github.com/klderive/klderive/internal/once"
	"math/big"
	"slices"

	"github.com/klderive/klderive/expr"
)

// LikeTerms collects the like terms of a sum that stands inside another
// term (the argument of a function, the base of a power, a factor of a
// product) in the line where they first meet, as a person does: the
// uniform density 1/(b - a) at a = m - 1, b = m + e^v is 1/(e^v + 1),
// a Gaussian moment (mu1 - mu2)^2 at mu1 = 3, mu2 = m - 1 is (4 - m)^2,
// and a Binomial's n - n·p at p = 1 - c is 2·c, rather than carrying
// m - m or 2 - 2 to the algebra at the end. A sum term with a number
// in front, -(m - 1) or -2·(1 - c), is opened only when one of its terms
// meets a like term; nothing is expanded otherwise, so (x - m + 1)^2
// and n - n·a stay as they are. A power of a sum that collects into one
// term, (-m - 2·m)^2, is written as the power of each factor, 9·m^2.
// Sums at the top of a line are the other rules' business (a moment
// rule reads the terms as they stand).
var LikeTerms = once.Value[*Rule]{New: func() *Rule {
	return computed("like-terms", "collect like terms", "a", "a", likeTerms).with("log(m + exp(v) - (m - 1))")
}}

func likeTerms(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
	switch e := e.(type) {
	case *expr.Pow, *expr.Mul:
	case *expr.Call:
		// A density's parameters are the user's, read by the
		// substitution rules as written; the density, once
		// substituted, is collected.
		if _, f := expr.FamilyCall(e); f != nil {
			return nil, nil, false
		}
	default:
		return nil, nil, false
	}
	// The engine tries every rule at every node: the children are read
	// in place and copied only when a sum among them collects.
	var out []expr.Expr
	for i, n := 0, expr.NumChildren(e); i < n; i++ {
		a, ok := expr.Child(e, i).(*expr.Add)
		if !ok {
			continue
		}
		c, ok := collectLike(a)
		if !ok {
			continue
		}
		if out == nil {
			out = append([]expr.Expr(nil), expr.Children(e)...)
		}
		out[i] = c
	}
	if out == nil {
		return nil, nil, false
	}
	if p, ok := e.(*expr.Pow); ok {
		if n, ok := p.Exp.(*expr.Num); ok && n.Val.IsInt() {
			if c, rest, ok := powerContent(out[0]); ok {
				return expr.Prod(expr.Power(c, n), expr.Power(rest, n)), nil, true
			}
		}
	}
	return expr.WithChildren(e, out), nil, true
}

// powerContent splits the number out of the base of a power that the
// collection left: one term, -3*m, or a sum whose coefficients are all
// over one denominator, 7/2*b - 1/2*m, which is 1/2*(7*b - m). Raised to
// a power, (-3*m)^2 is 9*m^2 and (7/2*b - 1/2*m)^2 is (7*b - m)^2/4.
func powerContent(e expr.Expr) (*expr.Num, expr.Expr, bool) {
	if m, ok := e.(*expr.Mul); ok {
		if c, ok := m.Factors[0].(*expr.Num); ok {
			return c, expr.Prod(m.Factors[1:]...), true
		}
	}
	a, ok := e.(*expr.Add)
	if !ok {
		return nil, nil, false
	}
	coefs := make([]*big.Rat, len(a.Terms))
	for i, t := range a.Terms {
		coefs[i] = new(big.Rat).SetInt64(1)
		switch t := t.(type) {
		case *expr.Num:
			coefs[i] = t.Val
		case *expr.Mul:
			if c, ok := t.Factors[0].(*expr.Num); ok {
				coefs[i] = c.Val
			}
		}
	}
	k, ok := sharedFraction(coefs)
	if !ok {
		return nil, nil, false
	}
	terms := make([]expr.Expr, len(a.Terms))
	for i, t := range a.Terms {
		terms[i] = expr.Prod(&expr.Num{Val: new(big.Rat).Inv(k)}, t)
	}
	return &expr.Num{Val: k}, expr.Sum(terms...), true
}

// sharedFraction is g/d when every coefficient is a fraction over the
// same denominator d > 1 and g is the content of their numerators.
func sharedFraction(coefs []*big.Rat) (*big.Rat, bool) {
	if len(coefs) < 2 {
		return nil, false
	}
	d := coefs[0].Denom()
	if d.IsInt64() && d.Int64() == 1 {
		return nil, false
	}
	g := new(big.Int)
	for _, c := range coefs {
		if c.Denom().Cmp(d) != 0 {
			return nil, false
		}
		g.GCD(nil, nil, g, new(big.Int).Abs(c.Num()))
	}
	return new(big.Rat).SetFrac(g, d), true
}

// piece is one term of a sum with its nested sums opened: a rational
// coefficient times an atom, nil for a number.
type piece struct {
	coef *big.Rat
	atom expr.Expr
	key  string
}

// pieces opens t into its terms, scaling those of a sum with a number in
// front, c·(a + b), by c.
func pieces(t expr.Expr, coef *big.Rat, out []piece) []piece {
	switch t := t.(type) {
	case *expr.Num:
		return append(out, piece{coef: new(big.Rat).Mul(coef, t.Val)})
	case *expr.Add:
		for _, u := range t.Terms {
			out = pieces(u, coef, out)
		}
		return out
	case *expr.Mul:
		if c, ok := t.Factors[0].(*expr.Num); ok {
			rest := expr.Prod(t.Factors[1:]...)
			return pieces(rest, new(big.Rat).Mul(coef, c.Val), out)
		}
	}
	return append(out, piece{coef: new(big.Rat).Set(coef), atom: t, key: expr.Key(t)})
}

// collectLike adds the like terms of a, opening the sum terms that have
// one; it reports false when no two terms are alike.
func collectLike(a *expr.Add) (expr.Expr, bool) {
	if !mayCollect(a) || expr.Any(a, nonScalar) {
		return nil, false
	}
	opened := make([][]piece, len(a.Terms))
	count := map[string]int{}
	for i, t := range a.Terms {
		opened[i] = pieces(t, new(big.Rat).SetInt64(1), nil)
		for _, p := range opened[i] {
			count[p.key]++
		}
	}
	var all []piece
	merged := false
	for i, t := range a.Terms {
		open := false
		for _, p := range opened[i] {
			open = open || count[p.key] > 1
		}
		merged = merged || open
		if open || len(opened[i]) == 1 {
			all = append(all, opened[i]...)
			continue
		}
		// Kept whole: a sum term none of whose terms meets another.
		all = append(all, piece{coef: new(big.Rat).SetInt64(1), atom: t, key: "\x00whole" + expr.Key(t)})
	}
	if !merged {
		return nil, false
	}
	sums := map[string]*big.Rat{}
	var order []piece
	for _, p := range all {
		if s, ok := sums[p.key]; ok {
			s.Add(s, p.coef)
			continue
		}
		sums[p.key] = new(big.Rat).Set(p.coef)
		order = append(order, p)
	}
	terms := make([]expr.Expr, 0, len(order))
	for _, p := range order {
		c := sums[p.key]
		switch {
		case c.Sign() == 0:
		case p.atom == nil:
			terms = append(terms, &expr.Num{Val: c})
		default:
			terms = append(terms, expr.Prod(&expr.Num{Val: c}, p.atom))
		}
	}
	return expr.Sum(terms...), true
}

// mayCollect is a quick look, without keys, for what collectLike needs:
// a sum term with a number in front, or two terms alike but for their
// numbers. The engine asks at every node of every line, and most sums
// have neither.
func mayCollect(a *expr.Add) bool {
	for i, t := range a.Terms {
		fs, one := unscaled(t)
		if one == nil && len(fs) == 1 {
			one = fs[0]
		}
		if _, ok := one.(*expr.Add); ok {
			return true
		}
		for _, u := range a.Terms[:i] {
			if alike(t, u) {
				return true
			}
		}
	}
	return false
}

// unscaled is the factors of a product without its number (m, k for
// 2*m*k), or, for a term that is no product, the term itself as one.
func unscaled(t expr.Expr) ([]expr.Expr, expr.Expr) {
	m, ok := t.(*expr.Mul)
	if !ok {
		return nil, t
	}
	if _, ok := m.Factors[0].(*expr.Num); ok {
		return m.Factors[1:], nil
	}
	return m.Factors, nil
}

// alike reports whether two terms differ at most in their numbers.
func alike(x, y expr.Expr) bool {
	xf, x1 := unscaled(x)
	yf, y1 := unscaled(y)
	if x1 == nil && y1 == nil {
		return slices.EqualFunc(xf, yf, expr.Equal)
	}
	if x1 == nil && len(xf) == 1 {
		x1 = xf[0]
	}
	if y1 == nil && len(yf) == 1 {
		y1 = yf[0]
	}
	return x1 != nil && y1 != nil && expr.Equal(x1, y1)
}

// nonScalar reports a node of matrix algebra, where a sum's terms are
// not numbers to be added as such.
func nonScalar(n expr.Expr) bool {
	switch n.(type) {
	case *expr.MatMul, *expr.Transpose, *expr.Matrix:
		return true
	}
	return false
}
