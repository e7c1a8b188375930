package expr

import (
	"iter"
	"slices"
	"sync"
)

// Children returns the direct sub-expressions of e in a fixed order, in
// a slice the caller may keep.
func Children(e Expr) []Expr {
	var buf [4]Expr
	kids := ChildrenIn(e, &buf)
	if len(kids) > 0 && &kids[0] == &buf[0] {
		return slices.Clone(kids)
	}
	return kids
}

// ChildrenIn is Children for a caller that only reads the result: the
// children of a node of fixed arity go in buf rather than in a new
// slice, so the evaluator, Key and check's walks allocate nothing for
// them.
func ChildrenIn(e Expr, buf *[4]Expr) []Expr {
	switch e := e.(type) {
	case *Add:
		return e.Terms
	case *Mul:
		return e.Factors
	case *MatMul:
		return e.Factors
	case *Call:
		return e.Args
	case *Cases:
		return e.children()
	case *Matrix:
		var out []Expr
		for _, row := range e.Rows {
			out = append(out, row...)
		}
		return out
	case *Integral:
		// The body is last, as in a sum: it gives the shape.
		if e.Bounded() {
			buf[0], buf[1], buf[2], buf[3] = e.Var, e.Lo, e.Hi, e.Body
			return buf[:4]
		}
		buf[0], buf[1] = e.Var, e.Body
		return buf[:2]
	case *Rel:
		buf[0], buf[1] = e.L, e.R
		return buf[:2]
	case *Transpose:
		buf[0] = e.X
		return buf[:1]
	case *Pow:
		buf[0], buf[1] = e.Base, e.Exp
		return buf[:2]
	case *Index:
		buf[0], buf[1] = e.Base, e.Sub
		return buf[:2]
	case *Expect:
		buf[0], buf[1] = e.Var, e.Body
		return buf[:2]
	case *Big:
		buf[0], buf[1], buf[2] = e.Lo, e.Hi, e.Body
		return buf[:3]
	}
	return nil
}

// WithChildren rebuilds e with new children, given in the order Children
// returns them, through the normalising constructors.
func WithChildren(e Expr, c []Expr) Expr {
	switch e := e.(type) {
	case *Add:
		return Sum(c...)
	case *Mul:
		return rebuiltProd(c)
	case *MatMul:
		return MatProd(c...)
	case *Pow:
		return Power(c[0], c[1])
	case *Call:
		return &Call{Fn: e.Fn, Args: c}
	case *Index:
		return &Index{Base: c[0], Sub: c[1]}
	case *Expect:
		return &Expect{Var: c[0], Dist: e.Dist, Body: c[1]}
	case *Integral:
		if len(c) == 4 {
			return &Integral{Var: c[0], Lo: c[1], Hi: c[2], Body: c[3]}
		}
		return &Integral{Var: c[0], Body: c[1]}
	case *Big:
		return &Big{Op: e.Op, Index: e.Index, Lo: c[0], Hi: c[1], Body: c[2]}
	case *Rel:
		return &Rel{Op: e.Op, L: c[0], R: c[1]}
	case *Cases:
		return e.withChildren(c)
	case *Transpose:
		return &Transpose{X: c[0]}
	case *Matrix:
		rows := make([][]Expr, len(e.Rows))
		k := 0
		for i, row := range e.Rows {
			rows[i] = c[k : k+len(row)]
			k += len(row)
		}
		return &Matrix{Rows: rows, Vector: e.Vector}
	}
	return e
}

// Map rebuilds e bottom-up, replacing every node n by f(n) after its
// children have been mapped.
func Map(e Expr, f func(Expr) Expr) Expr {
	var buf [4]Expr
	kids := ChildrenIn(e, &buf)
	var nk []Expr // made at the first child that changes
	for i, k := range kids {
		m := Map(k, f)
		if m != k && nk == nil {
			nk = make([]Expr, len(kids))
			copy(nk, kids[:i])
		}
		if nk != nil {
			nk[i] = m
		}
	}
	if nk != nil {
		e = WithChildren(e, nk)
	}
	return f(e)
}

// Any reports whether pred holds for e or any node below it.
func Any(e Expr, pred func(Expr) bool) bool {
	if pred(e) {
		return true
	}
	var buf [4]Expr
	for _, k := range ChildrenIn(e, &buf) {
		if Any(k, pred) {
			return true
		}
	}
	return false
}

// Uses reports whether e mentions the symbol name outside a binder that
// rebinds it.
func Uses(e Expr, name string) bool {
	switch e := e.(type) {
	case *Sym:
		return e.Name == name
	case *Big:
		if e.Index == name {
			return Uses(e.Lo, name) || Uses(e.Hi, name)
		}
	case *Expect:
		if v, ok := e.Var.(*Sym); ok && v.Name == name {
			return false
		}
	case *Integral:
		if v, ok := e.Var.(*Sym); ok && v.Name == name {
			return e.Bounded() && (Uses(e.Lo, name) || Uses(e.Hi, name))
		}
	}
	var buf [4]Expr
	for _, k := range ChildrenIn(e, &buf) {
		if Uses(k, name) {
			return true
		}
	}
	return false
}

// Contains reports whether sub occurs in e.
func Contains(e, sub Expr) bool {
	return Any(e, func(n Expr) bool { return Equal(n, sub) })
}

// Replace substitutes to for every occurrence of from in e.
func Replace(e, from, to Expr) Expr {
	return Map(e, func(n Expr) Expr {
		if Equal(n, from) {
			return to
		}
		return n
	})
}

// Symbols returns the free symbol names of e in order of first use.
func Symbols(e Expr) []string {
	var out []string
	withSymbols(e, func(names []string) {
		if len(names) > 0 {
			out = slices.Clone(names)
		}
	})
	return out
}

// AllSymbols yields the names Symbols lists, in its order, without
// making the list: for a caller that only looks at each.
func AllSymbols(e Expr) iter.Seq[string] {
	return func(yield func(string) bool) {
		withSymbols(e, func(names []string) {
			for _, s := range names {
				if !yield(s) {
					return
				}
			}
		})
	}
}

// withSymbols calls f with e's free symbol names, which gather in a
// pooled walk rather than in a new list growing one name at a time; f
// must not keep the list.
func withSymbols(e Expr, f func([]string)) {
	w := symbolWalks.Get().(*symbolWalk)
	defer func() {
		clear(w.out)
		w.out, w.seen, w.bound = w.out[:0], nil, w.bound[:0]
		symbolWalks.Put(w)
	}()
	w.walk(e)
	f(w.out)
}

var symbolWalks = sync.Pool{New: func() any { return new(symbolWalk) }}

// symbolWalk collects free symbols. bound is the stack of the names
// that the binders around the node being walked bind: a few at most.
type symbolWalk struct {
	out   []string
	seen  map[string]bool // of out, once it is long enough to need one
	bound []string
}

func (w *symbolWalk) walk(e Expr) {
	switch n := e.(type) {
	case *Sym:
		if !slices.Contains(w.bound, n.Name) && !w.has(n.Name) {
			w.out = append(w.out, n.Name)
			if w.seen != nil {
				w.seen[n.Name] = true
			}
		}
		return
	case *Big:
		w.walk(n.Lo)
		w.walk(n.Hi)
		w.under(n.Index, n.Body)
		return
	case *Expect:
		w.under(varName(n.Var), n.Body)
		return
	case *Integral:
		if n.Bounded() {
			w.walk(n.Lo)
			w.walk(n.Hi)
		}
		w.under(varName(n.Var), n.Body)
		return
	}
	var buf [4]Expr
	for _, k := range ChildrenIn(e, &buf) {
		w.walk(k)
	}
}

// under walks body with name bound.
func (w *symbolWalk) under(name string, body Expr) {
	w.bound = append(w.bound, name)
	w.walk(body)
	w.bound = w.bound[:len(w.bound)-1]
}

// has reports whether name is in out: by looking through a short list,
// by a map made at the sixteenth name.
func (w *symbolWalk) has(name string) bool {
	if w.seen == nil && len(w.out) >= 16 {
		w.seen = make(map[string]bool, 2*len(w.out))
		for _, s := range w.out {
			w.seen[s] = true
		}
	}
	if w.seen != nil {
		return w.seen[name]
	}
	return slices.Contains(w.out, name)
}

// varName is the symbol a binder binds: x for x, z for z[d].
func varName(v Expr) string {
	switch v := v.(type) {
	case *Sym:
		return v.Name
	case *Index:
		return varName(v.Base)
	}
	return ""
}

// Size counts the nodes of e.
func Size(e Expr) int {
	n := 1
	for _, k := range Children(e) {
		n += Size(k)
	}
	return n
}

// SizeDepth is Size and Depth in one walk.
func SizeDepth(e Expr) (size, depth int) {
	size = 1
	for i, n := 0, NumChildren(e); i < n; i++ {
		s, d := SizeDepth(Child(e, i))
		size += s
		depth = max(depth, d)
	}
	return size, depth + 1
}

// NumChildren is len(Children(e)) without building the slice.
func NumChildren(e Expr) int {
	switch e := e.(type) {
	case *Add:
		return len(e.Terms)
	case *Mul:
		return len(e.Factors)
	case *MatMul:
		return len(e.Factors)
	case *Call:
		return len(e.Args)
	case *Integral:
		if e.Bounded() {
			return 4
		}
		return 2
	case *Pow, *Index, *Expect, *Rel:
		return 2
	case *Big:
		return 3
	case *Transpose:
		return 1
	case *Matrix:
		return len(Children(e))
	case *Cases:
		return e.numChildren()
	}
	return 0
}

// Child is Children(e)[i] without building the slice.
func Child(e Expr, i int) Expr {
	switch e := e.(type) {
	case *Add:
		return e.Terms[i]
	case *Mul:
		return e.Factors[i]
	case *MatMul:
		return e.Factors[i]
	case *Call:
		return e.Args[i]
	case *Pow:
		return [2]Expr{e.Base, e.Exp}[i]
	case *Index:
		return [2]Expr{e.Base, e.Sub}[i]
	case *Expect:
		return [2]Expr{e.Var, e.Body}[i]
	case *Integral:
		if e.Bounded() {
			return [4]Expr{e.Var, e.Lo, e.Hi, e.Body}[i]
		}
		return [2]Expr{e.Var, e.Body}[i]
	case *Rel:
		return [2]Expr{e.L, e.R}[i]
	case *Big:
		return [3]Expr{e.Lo, e.Hi, e.Body}[i]
	case *Transpose:
		return e.X
	}
	return Children(e)[i]
}
