package expr

// Equal reports whether a and b are the same tree. Terms of a sum and
// factors of a product must appear in the same order: Equal is syntactic,
// and the rules decide when two orders mean the same thing.
func Equal(a, b Expr) bool {
	switch a := a.(type) {
	case *Num:
		b, ok := b.(*Num)
		return ok && RatEqual(a.Val, b.Val)
	case *Sym:
		b, ok := b.(*Sym)
		return ok && a.Name == b.Name
	case *Call:
		b, ok := b.(*Call)
		return ok && a.Fn == b.Fn && equalAll(a.Args, b.Args)
	case *Expect:
		b, ok := b.(*Expect)
		return ok && a.Dist == b.Dist && Equal(a.Var, b.Var) && Equal(a.Body, b.Body)
	case *Big:
		b, ok := b.(*Big)
		return ok && a.Op == b.Op && a.Index == b.Index && Equal(a.Lo, b.Lo) && Equal(a.Hi, b.Hi) && Equal(a.Body, b.Body)
	case *Info:
		b, ok := b.(*Info)
		return ok && *a == *b
	case *Rel:
		b, ok := b.(*Rel)
		return ok && a.Op == b.Op && Equal(a.L, b.L) && Equal(a.R, b.R)
	case *Cases:
		b, ok := b.(*Cases)
		return ok && equalCases(a, b)
	case *Matrix:
		b, ok := b.(*Matrix)
		if !ok || a.Vector != b.Vector || len(a.Rows) != len(b.Rows) {
			return false
		}
		for i := range a.Rows {
			if !equalAll(a.Rows[i], b.Rows[i]) {
				return false
			}
		}
		return true
	}
	if kindOf(a) != kindOf(b) {
		return false
	}
	var bufA, bufB [4]Expr
	return equalAll(ChildrenIn(a, &bufA), ChildrenIn(b, &bufB))
}

func equalAll(a, b []Expr) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}

// kindOf distinguishes the node types whose equality is decided by their
// children alone.
func kindOf(e Expr) int {
	switch e.(type) {
	case *Add:
		return 1
	case *Mul:
		return 2
	case *Pow:
		return 3
	case *Index:
		return 4
	case *Integral:
		return 5
	case *MatMul:
		return 6
	case *Transpose:
		return 7
	}
	return 0
}
