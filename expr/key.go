package expr

import (
	"math/big"
	"strconv"
	"sync"
)

// Key is a compact string that two trees share exactly when they are
// Equal. It is cheaper than printing and serves as a map key for
// collecting like terms.
func Key(e Expr) string {
	b := keyBuffers.Get().(*keyBuffer)
	b.buf = b.buf[:0]
	writeKey(b, e)
	k := string(b.buf) // the one allocation: the key itself
	if cap(b.buf) <= maxKeyBuffer {
		keyBuffers.Put(b)
	}
	return k
}

// Keys memoises Key by node, for trees that are not changed once built
// (none are). Several memos evaluating the same trees, one per point,
// share one, so that the key of each expectation is written once rather
// than once per point. It is safe for concurrent use; it keeps the nodes
// it has seen alive, so no other node can come to stand at their
// addresses.
type Keys struct {
	mu   sync.Mutex
	keys map[Expr]string
	defs map[*Info]definition // see Memo.definition
}

// definition is the expectation that defines an Info node, built with v
// as its density's variable.
type definition struct {
	v Expr
	x *Expect
}

// definition is the expectation that defines in when its density's
// variable is v, built by build the first time. It depends on in and v
// alone, so memos of other points that share ks share it too, and its
// keys are written once for all of them.
func (ks *Keys) definition(in *Info, v Expr, build func() *Expect) *Expect {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	if d, ok := ks.defs[in]; ok && d.v == v {
		return d.x
	}
	x := build()
	put(&ks.defs, in, definition{v, x})
	return x
}

// Key is Key(e), written once for each node.
func (ks *Keys) Key(e Expr) string {
	ks.mu.Lock()
	k, ok := ks.keys[e]
	ks.mu.Unlock()
	if ok {
		return k
	}
	k = Key(e)
	ks.mu.Lock()
	put(&ks.keys, e, k)
	ks.mu.Unlock()
	return k
}

// keyBuffer is the scratch a key is written in, reused through a pool.
type keyBuffer struct{ buf []byte }

func (b *keyBuffer) writeString(s string) { b.buf = append(b.buf, s...) }
func (b *keyBuffer) writeByte(c byte)     { b.buf = append(b.buf, c) }

// appendInt writes n in decimal, as big.Int.Append does; one that fits
// an int64, as nearly every number of a tree does, by strconv, which
// allocates no digits of its own.
func (b *keyBuffer) appendInt(n *big.Int) {
	if n.IsInt64() {
		b.buf = strconv.AppendInt(b.buf, n.Int64(), 10)
		return
	}
	b.buf = n.Append(b.buf, 10)
}

// maxKeyBuffer bounds the scratch kept for reuse.
const maxKeyBuffer = 1 << 16

var keyBuffers = sync.Pool{New: func() any { return new(keyBuffer) }}

func writeKey(b *keyBuffer, e Expr) {
	switch e := e.(type) {
	case *Num:
		// RatString's digits, without its intermediate strings.
		b.appendInt(e.Val.Num())
		if !e.Val.IsInt() {
			b.writeByte('/')
			b.appendInt(e.Val.Denom())
		}
		return
	case *Sym:
		b.writeString(e.Name)
		return
	case *Add:
		b.writeString("+(")
	case *Mul:
		b.writeString("*(")
	case *Pow:
		b.writeString("^(")
	case *Call:
		b.writeString(e.Fn)
		b.writeByte('(')
	case *Index:
		b.writeString("[(")
	case *Expect:
		b.writeString("E:")
		b.writeString(e.Dist)
		b.writeByte('(')
	case *Integral:
		b.writeString("int(")
	case *Big:
		b.writeString(e.Op + ":" + e.Index + "(")
	case *Info:
		b.writeString(e.Kind + ":" + e.P + "|" + e.Q)
		return
	case *MatMul:
		b.writeString("@(")
	case *Transpose:
		b.writeString("'(")
	case *Cases:
		b.writeString("cases")
		for _, c := range e.Cases {
			b.writeString(":" + strconv.Itoa(len(c.When)))
		}
		b.writeByte('(')
	default:
		b.writeString(String(e))
		return
	}
	var buf [4]Expr
	for i, k := range ChildrenIn(e, &buf) {
		if i > 0 {
			b.writeByte(',')
		}
		writeKey(b, k)
	}
	b.writeByte(')')
}

// Grow makes room for n more keys, for a caller that knows about how
// many trees it will key: the map then need not grow as it fills.
func (ks *Keys) Grow(n int) {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	if ks.keys == nil {
		ks.keys = make(map[Expr]string, n)
	}
}
