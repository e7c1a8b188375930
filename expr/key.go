package expr

import (
	"strconv"
	"strings"
)

// Key is a compact string that two trees share exactly when they are
// Equal. It is cheaper than printing and serves as a map key for
// collecting like terms.
func Key(e Expr) string {
	var b strings.Builder
	writeKey(&b, e)
	return b.String()
}

func writeKey(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *Num:
		b.WriteString(e.Val.RatString())
		return
	case *Sym:
		b.WriteString(e.Name)
		return
	case *Add:
		b.WriteString("+(")
	case *Mul:
		b.WriteString("*(")
	case *Pow:
		b.WriteString("^(")
	case *Call:
		b.WriteString(e.Fn)
		b.WriteByte('(')
	case *Index:
		b.WriteString("[(")
	case *Expect:
		b.WriteString("E:" + e.Dist + "(")
	case *Integral:
		b.WriteString("int(")
	case *Big:
		b.WriteString(e.Op + ":" + e.Index + "(")
	case *Info:
		b.WriteString(e.Kind + ":" + e.P + "|" + e.Q)
		return
	case *MatMul:
		b.WriteString("@(")
	case *Transpose:
		b.WriteString("'(")
	case *Cases:
		b.WriteString("cases")
		for _, c := range e.Cases {
			b.WriteString(":" + strconv.Itoa(len(c.When)))
		}
		b.WriteByte('(')
	default:
		b.WriteString(String(e))
		return
	}
	for i, k := range Children(e) {
		if i > 0 {
			b.WriteByte(',')
		}
		writeKey(b, k)
	}
	b.WriteByte(')')
}
