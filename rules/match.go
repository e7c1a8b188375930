package rules

import "github.com/klderive/klderive/expr"

// binding maps pattern variables to the terms they matched. Binder names
// (the p of E(x ~ p, f), the d of sum(d in ...)) are bound to symbols.
// It is a persistent list: extending it for one branch of a match
// leaves the others untouched, and costs one small allocation.
type binding = *bnode

type bnode struct {
	name string
	val  expr.Expr
	next *bnode
}

func (b *bnode) with(name string, e expr.Expr) *bnode {
	return &bnode{name: name, val: e, next: b}
}

func (b *bnode) lookup(name string) (expr.Expr, bool) {
	for n := b; n != nil; n = n.next {
		if n.name == name {
			return n.val, true
		}
	}
	return nil, false
}

// get is lookup for variables a rule's table guarantees are bound.
func (b *bnode) get(name string) expr.Expr {
	v, _ := b.lookup(name)
	return v
}

// match matches pattern p against term e under b and calls k with each
// extended binding until k accepts one. Sums and products are matched
// modulo commutativity: a pattern's terms may match the term's in any
// order, and a final pattern variable takes all the terms left over.
// Matrix products keep their order.
func match(p, e expr.Expr, b binding, k func(binding) bool) bool {
	switch p := p.(type) {
	case *expr.Sym:
		if isConstant(p.Name) {
			s, ok := e.(*expr.Sym)
			return ok && s.Name == p.Name && k(b)
		}
		return bindName(p.Name, e, b, k)
	case *expr.Num:
		n, ok := e.(*expr.Num)
		return ok && expr.RatEqual(n.Val, p.Val) && k(b)
	case *expr.Add:
		t, ok := e.(*expr.Add)
		return ok && matchAC(p.Terms, t.Terms, expr.Sum, b, k)
	case *expr.Mul:
		t, ok := e.(*expr.Mul)
		return ok && matchAC(p.Factors, t.Factors, expr.Prod, b, k)
	case *expr.Pow:
		t, ok := e.(*expr.Pow)
		if !ok {
			return false
		}
		if isVar(p.Base) { // as in matchSeq, a variable binds without a continuation
			b, ok := bindVar(p.Base, t.Base, b)
			return ok && match(p.Exp, t.Exp, b, k)
		}
		return match(p.Base, t.Base, b, func(b binding) bool { return match(p.Exp, t.Exp, b, k) })
	case *expr.Call:
		t, ok := e.(*expr.Call)
		return ok && t.Fn == p.Fn && matchSeq(p.Args, t.Args, b, k)
	case *expr.Expect:
		t, ok := e.(*expr.Expect)
		return ok && bindName(p.Dist, expr.S(t.Dist), b, func(b binding) bool {
			return matchSeq([]expr.Expr{p.Var, p.Body}, []expr.Expr{t.Var, t.Body}, b, k)
		})
	case *expr.Big:
		t, ok := e.(*expr.Big)
		return ok && t.Op == p.Op && bindName(p.Index, expr.S(t.Index), b, func(b binding) bool {
			return matchSeq([]expr.Expr{p.Lo, p.Hi, p.Body}, []expr.Expr{t.Lo, t.Hi, t.Body}, b, k)
		})
	case *expr.Info:
		t, ok := e.(*expr.Info)
		if !ok || t.Kind != p.Kind || (p.Q == "") != (t.Q == "") {
			return false
		}
		return bindName(p.P, expr.S(t.P), b, func(b binding) bool {
			if p.Q == "" {
				return k(b)
			}
			return bindName(p.Q, expr.S(t.Q), b, k)
		})
	case *expr.MatMul:
		t, ok := e.(*expr.MatMul)
		return ok && matchOrdered(p.Factors, t.Factors, b, k)
	}
	// The remaining node kinds match child by child, in order.
	pk, ek := expr.Children(p), expr.Children(e)
	if len(pk) == 0 || !sameKind(p, e) {
		return false
	}
	return matchSeq(pk, ek, b, k)
}

func sameKind(a, b expr.Expr) bool {
	switch a.(type) {
	case *expr.Pow:
		_, ok := b.(*expr.Pow)
		return ok
	case *expr.Index:
		_, ok := b.(*expr.Index)
		return ok
	case *expr.Integral:
		_, ok := b.(*expr.Integral)
		return ok
	case *expr.MatMul:
		_, ok := b.(*expr.MatMul)
		return ok
	case *expr.Transpose:
		_, ok := b.(*expr.Transpose)
		return ok
	}
	return false
}

func bindName(name string, e expr.Expr, b binding, k func(binding) bool) bool {
	if v, ok := b.lookup(name); ok {
		return expr.Equal(v, e) && k(b)
	}
	return k(b.with(name, e))
}

// bindVar is bindName for a pattern variable p with nothing after it:
// b with p bound to e, or false if p is bound to something else.
func bindVar(p, e expr.Expr, b binding) (binding, bool) {
	name := p.(*expr.Sym).Name
	if v, ok := b.lookup(name); ok {
		return b, expr.Equal(v, e)
	}
	return b.with(name, e), true
}

func matchSeq(ps, es []expr.Expr, b binding, k func(binding) bool) bool {
	if len(ps) != len(es) {
		return false
	}
	// Leading variables bind in a loop and the last pattern takes k
	// itself: a continuation is made only for what is left between,
	// and a rule's arguments are mostly variables.
	for len(ps) > 0 && isVar(ps[0]) {
		var ok bool
		if b, ok = bindVar(ps[0], es[0], b); !ok {
			return false
		}
		ps, es = ps[1:], es[1:]
	}
	switch len(ps) {
	case 0:
		return k(b)
	case 1:
		return match(ps[0], es[0], b, k)
	}
	return match(ps[0], es[0], b, func(b binding) bool { return matchSeq(ps[1:], es[1:], b, k) })
}

func isVar(p expr.Expr) bool {
	s, ok := p.(*expr.Sym)
	return ok && !isConstant(s.Name)
}

// prepare orders the terms of every sum and product in a pattern so
// that the structured ones are matched first and a bare variable last,
// where it can take all the terms left over: log(a/b) then matches
// log(u*v/w) with b = w. It is done once, when a rule is built.
func prepare(p expr.Expr) expr.Expr {
	kids := expr.Children(p)
	if len(kids) == 0 {
		return p
	}
	nk := make([]expr.Expr, len(kids))
	for i, k := range kids {
		nk[i] = prepare(k)
	}
	switch p := p.(type) {
	case *expr.Add:
		return &expr.Add{Terms: varsLast(nk)}
	case *expr.Mul:
		return &expr.Mul{Factors: varsLast(nk)}
	case *expr.Expect:
		return &expr.Expect{Var: nk[0], Dist: p.Dist, Body: nk[1]}
	case *expr.Big:
		return &expr.Big{Op: p.Op, Index: p.Index, Lo: nk[0], Hi: nk[1], Body: nk[2]}
	}
	return expr.WithChildren(p, nk)
}

func varsLast(ps []expr.Expr) []expr.Expr {
	out := make([]expr.Expr, 0, len(ps))
	for _, p := range ps {
		if !isVar(p) {
			out = append(out, p)
		}
	}
	for _, p := range ps {
		if isVar(p) {
			out = append(out, p)
		}
	}
	return out
}

func matchAC(ps, es []expr.Expr, build func(...expr.Expr) expr.Expr, b binding, k func(binding) bool) bool {
	switch {
	case len(ps) == 0:
		return len(es) == 0 && k(b)
	case len(es) == 0:
		return false
	case len(ps) == 1 && len(es) > 1:
		return isVar(ps[0]) && match(ps[0], build(es...), b, k)
	}
	if !acPossible(ps, es) {
		return false
	}
	if len(ps) == 1 { // and one term: it takes k itself, with nothing left over
		return couldMatch(ps[0], es[0]) && match(ps[0], es[0], b, k)
	}
	for i, e := range es {
		if !couldMatch(ps[0], e) {
			continue
		}
		rest := make([]expr.Expr, 0, len(es)-1)
		rest = append(append(rest, es[:i]...), es[i+1:]...)
		if isVar(ps[0]) { // as in matchSeq, a variable binds without a continuation
			if b, ok := bindVar(ps[0], e, b); ok && matchAC(ps[1:], rest, build, b, k) {
				return true
			}
			continue
		}
		if match(ps[0], e, b, func(b binding) bool { return matchAC(ps[1:], rest, build, b, k) }) {
			return true
		}
	}
	return false
}

// instantiate builds the right side of a rule under a binding, through
// the normalising constructors.
func instantiate(e expr.Expr, b binding) expr.Expr {
	name := func(n string) string {
		if s, ok := b.get(n).(*expr.Sym); ok {
			return s.Name
		}
		return n
	}
	switch e := e.(type) {
	case *expr.Sym:
		if v, ok := b.lookup(e.Name); ok && !isConstant(e.Name) {
			return v
		}
		return e
	case *expr.Expect:
		return &expr.Expect{Var: instantiate(e.Var, b), Dist: name(e.Dist), Body: instantiate(e.Body, b)}
	case *expr.Big:
		return &expr.Big{Op: e.Op, Index: name(e.Index), Lo: instantiate(e.Lo, b), Hi: instantiate(e.Hi, b), Body: instantiate(e.Body, b)}
	case *expr.Info:
		out := &expr.Info{Kind: e.Kind, P: name(e.P)}
		if e.Q != "" {
			out.Q = name(e.Q)
		}
		return out
	}
	var buf [4]expr.Expr
	kids := expr.ChildrenIn(e, &buf)
	if len(kids) == 0 {
		return e
	}
	nk := make([]expr.Expr, len(kids))
	for i, c := range kids {
		nk[i] = instantiate(c, b)
	}
	return expr.WithChildren(e, nk)
}

// matchOrdered matches a matrix product: factors in order, with a final
// pattern variable taking all the factors left over, so A*M matches
// inv(S)*(x - m)*(x - m)' with M = (x - m)*(x - m)'.
func matchOrdered(ps, es []expr.Expr, b binding, k func(binding) bool) bool {
	if len(ps) == 0 || len(es) < len(ps) {
		return false
	}
	if len(es) > len(ps) {
		last := ps[len(ps)-1]
		if !isVar(last) {
			return false
		}
		n := len(ps) - 1
		return matchSeq(ps[:n], es[:n], b, func(b binding) bool {
			return match(last, expr.MatProd(es[n:]...), b, k)
		})
	}
	return matchSeq(ps, es, b, k)
}
