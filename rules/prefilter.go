package rules

import "github.com/klderive/klderive/expr"

// Most attempts to match a rule fail, and match finds out only after
// binding variables and, in a sum or a product, trying every order of
// the terms and building the sum of those a final variable would take.
// couldMatch answers the structural part of the question first, without
// binding or allocating: false means that no binding makes p match e
// (every pattern variable is taken to match anything, and the terms of
// a sum each to be free to take any term of the other), so a match
// skipped on its word is one that match would have failed. The first
// match found, and so every derivation, is the same.
func couldMatch(p, e expr.Expr) bool {
	switch p := p.(type) {
	case *expr.Sym:
		if isConstant(p.Name) {
			s, ok := e.(*expr.Sym)
			return ok && s.Name == p.Name
		}
		return true
	case *expr.Num:
		n, ok := e.(*expr.Num)
		return ok && expr.RatEqual(n.Val, p.Val)
	case *expr.Add:
		t, ok := e.(*expr.Add)
		return ok && acPossible(p.Terms, t.Terms)
	case *expr.Mul:
		t, ok := e.(*expr.Mul)
		return ok && acPossible(p.Factors, t.Factors)
	case *expr.Pow:
		t, ok := e.(*expr.Pow)
		return ok && couldMatch(p.Base, t.Base) && couldMatch(p.Exp, t.Exp)
	case *expr.Call:
		t, ok := e.(*expr.Call)
		return ok && t.Fn == p.Fn && allCould(p.Args, t.Args)
	case *expr.Expect:
		t, ok := e.(*expr.Expect)
		return ok && couldMatch(p.Var, t.Var) && couldMatch(p.Body, t.Body)
	case *expr.Big:
		t, ok := e.(*expr.Big)
		return ok && t.Op == p.Op && couldMatch(p.Lo, t.Lo) && couldMatch(p.Hi, t.Hi) && couldMatch(p.Body, t.Body)
	case *expr.Info:
		t, ok := e.(*expr.Info)
		return ok && t.Kind == p.Kind && (p.Q == "") == (t.Q == "")
	case *expr.MatMul:
		t, ok := e.(*expr.MatMul)
		if !ok || len(t.Factors) < len(p.Factors) {
			return false
		}
		n := len(p.Factors)
		if len(t.Factors) > n {
			if !isVar(p.Factors[n-1]) {
				return false
			}
			n--
		}
		return allCould(p.Factors[:n], t.Factors[:n])
	}
	pk := expr.NumChildren(p)
	if pk == 0 || !sameKind(p, e) || expr.NumChildren(e) != pk {
		return false
	}
	for i := range pk {
		if !couldMatch(expr.Child(p, i), expr.Child(e, i)) {
			return false
		}
	}
	return true
}

// allCould is couldMatch of two lists in order.
func allCould(ps, es []expr.Expr) bool {
	if len(ps) != len(es) {
		return false
	}
	for i, p := range ps {
		if !couldMatch(p, es[i]) {
			return false
		}
	}
	return true
}

// acPossible is couldMatch of a sum's or product's terms, as matchAC
// takes them: each pattern term one term of es, except that a final
// variable takes all the terms left over (prepare puts the variables
// last), so there must be as many terms as pattern terms, or more when
// the last is a variable; and every pattern term that is not a variable
// must be able to match one of them.
func acPossible(ps, es []expr.Expr) bool {
	switch {
	case len(ps) == 0:
		return len(es) == 0
	case len(es) < len(ps):
		return false
	case len(es) > len(ps) && !isVar(ps[len(ps)-1]):
		return false
	}
	for _, p := range ps {
		if isVar(p) {
			continue
		}
		found := false
		for _, e := range es {
			if couldMatch(p, e) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}
