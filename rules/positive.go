package rules

import "github.com/klderive/klderive/expr"

// IsPositive reports whether e is provably > 0 from the context's
// assumptions. It is a small sign calculus, not a theorem prover: when it
// cannot tell, it says no, and the rule that asked does not fire.
func (ctx *Context) IsPositive(e expr.Expr) bool {
	if ctx != nil {
		for _, p := range ctx.PositiveExprs {
			if expr.Equal(p, e) || sameTerms(p, e) {
				return true
			}
		}
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
		for _, t := range e.Terms {
			if !ctx.IsPositive(t) {
				return false
			}
		}
		return true
	case *expr.Mul:
		for _, f := range e.Factors {
			if !ctx.IsPositive(f) {
				return false
			}
		}
		return true
	case *expr.Pow:
		// An even power of a symbol is taken as positive: zero would make
		// a density that divides by it meaningless.
		if n, ok := e.Exp.(*expr.Num); ok && n.Val.IsInt() && n.Val.Num().Bit(0) == 0 {
			switch e.Base.(type) {
			case *expr.Sym, *expr.Index:
				return true
			}
		}
		return ctx.IsPositive(e.Base)
	case *expr.Big:
		return e.Op == "prod" && ctx.IsPositive(e.Body)
	case *expr.Call:
		switch e.Fn {
		case "det":
			return ctx.positiveDefinite(e.Args[0])
		case "exp":
			return true
		case "sqrt":
			return ctx.IsPositive(e.Args[0])
		case "Normal":
			return true
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
		// A declared density is positive on its support, which for the
		// families klderive takes expectations under is the whole space.
		return ctx != nil && ctx.Densities[e.Fn] != nil
	}
	return false
}

// assumedIn names the positivity assumptions a term relies on, as
// "sigma1 > 0", for the record of a step.
func (ctx *Context) assumedIn(e expr.Expr) []string {
	var out []string
	for _, p := range ctx.PositiveExprs {
		if expr.Contains(e, p) {
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

// sameTerms reports whether two sums have the same terms in any order,
// so that a2 < b2, assumed as b2 - a2 > 0, also makes -a2 + b2 positive.
func sameTerms(a, b expr.Expr) bool {
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
