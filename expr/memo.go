package expr

import (
	"math"
	"reflect"
)

// Memo evaluates several expressions in one environment (the lines of a
// derivation at one of its points) and shares the work they have in
// common: an expectation met again, in the same or a later line, is not
// integrated again. A definition KL(p ‖ q) and its first line
// E_{x∼p}[log p(x) − log q(x)] are one integral, and linearity of
// expectation writes E[log x] once for each density that contributes
// it. The value kept is the value computed, error estimate and error
// alike, so a memo changes no number; it only saves work.
//
// Expectations under one density integrate over the same nodes, so the
// memo also keeps a density's value, and its logarithm, at each node
// where a compiled loop computed them: the weight p(x) of each integral
// and the log p(x) of a body are computed once per node and point.
//
// Only an expectation evaluated where nothing is bound (not inside a
// sum, an integral or another expectation) is kept: its value then
// depends on its own tree and the environment alone. The environment
// must not change while the memo is in use, and a memo is for one
// goroutine.
//
// The memo also keeps, across points, the compiled loops of such
// integrals: what a loop compiles depends on its integrand, the
// densities and which names are vectors, never on the parameters'
// values, which its hoisted sub-terms read again at each point (the
// loop's generation, compile.go). Reset keeps them when the next
// environment has the same densities and vector names.
type Memo struct {
	env     *Env
	shared  *Keys     // the keys of expectations, when shared (ShareKeys)
	cache   evalCache // each evaluation's, emptied before it: see EvalErr
	expects map[string]memoValue
	// dens and logs hold, per density, its value and the logarithm of
	// its value at a node, keyed by the node's bits.
	dens, logs map[string]*nodeTable
	// loops are the compiled loops, by keptLoop's key.
	loops map[loopKey]*loop
	// keys are the Keys of the trees met, and defs the expectations that
	// define the Info nodes met: the lines are the same trees at every
	// point, so each is computed once rather than at every point. Both
	// hold while the densities do (Reset).
	keys map[Expr]string
	defs map[*Info]*Expect
	// degrees are the polynomial degrees of the expectations' bodies in
	// their variables: read from the tree and the densities alone, they
	// hold while the densities do, like the loops.
	degrees map[*Expect]int
}

// key is Key(e), remembered.
func (m *Memo) key(e Expr) string {
	if m.shared != nil {
		return m.shared.Key(e)
	}
	if k, ok := m.keys[e]; ok {
		return k
	}
	k := Key(e)
	put(&m.keys, e, k)
	return k
}

type memoValue struct {
	v   Value
	err error
}

// NewMemo starts a memo for evaluations in env.
func NewMemo(env *Env) *Memo {
	return &Memo{env: env, expects: map[string]memoValue{},
		dens: map[string]*nodeTable{}, logs: map[string]*nodeTable{}}
}

// ShareKeys makes the memo find the keys of expectations, and the
// expectations that define Info nodes, in ks, which memos of other
// environments may share.
func (m *Memo) ShareKeys(ks *Keys) { m.shared = ks }

// definition is the expectation that defines in, v being its density's
// variable, built by build once: for all the memos that share keys, or
// else for this memo while its densities hold.
func (m *Memo) definition(in *Info, v Expr, build func() *Expect) *Expect {
	if m.shared != nil {
		return m.shared.definition(in, v, build)
	}
	if x, ok := m.defs[in]; ok {
		return x
	}
	x := build()
	put(&m.defs, in, x)
	return x
}

// Reset empties the memo for evaluations in env, keeping the room its
// tables have grown to.
func (m *Memo) Reset(env *Env) {
	if !compilesAlike(m.env, env) {
		clear(m.loops)
		clear(m.defs)
		clear(m.degrees)
	}
	m.env = env
	clear(m.expects)
	for _, t := range m.dens {
		t.reset()
	}
	for _, t := range m.logs {
		t.reset()
	}
}

// EvalErr is EvalErr(e, env) for the memo's environment.
func (m *Memo) EvalErr(e Expr) (Value, error) {
	// The evaluation's cache of sub-terms is the memo's own, emptied: an
	// evaluation keeps nothing of it once done, and a memo is for one
	// goroutine, so each starts from an empty cache, as EvalErr's does,
	// without allocating one.
	m.cache = evalCache{}
	ev := evaluator{env: m.env, cache: &m.cache, memo: m}
	return ev.eval(e)
}

// memoised is compute's value of the expectation x, from the memo when
// the evaluator binds nothing.
func (ev evaluator) memoised(x *Expect, compute func() (Value, error)) (Value, error) {
	if ev.memo == nil || ev.scope != nil {
		return compute()
	}
	k := ev.memo.key(x)
	if r, ok := ev.memo.expects[k]; ok {
		return r.v, r.err
	}
	v, err := compute()
	ev.memo.expects[k] = memoValue{v, err}
	return v, err
}

// bodyDegree is polyDegree of x's body in name, its variable, from the
// memo when the evaluator binds nothing (as memoised, so that only the
// lines' own trees are kept, not those built while evaluating them).
func (ev evaluator) bodyDegree(x *Expect, name string) int {
	if ev.memo == nil || ev.scope != nil {
		return ev.polyDegree(x.Body, name)
	}
	if d, ok := ev.memo.degrees[x]; ok {
		return d
	}
	d := ev.polyDegree(x.Body, name)
	put(&ev.memo.degrees, x, d)
	return d
}

// nodeKey is the key of a slot in a density's table, and false for a
// slot that its value alone does not describe: one with an error
// estimate (a Gauss–Hermite node) or a distance from an upper end.
func nodeKey(s slot) (uint64, bool) {
	return math.Float64bits(s.val.V), s.val.Err == 0 && s.toHi == 0
}

// nodes is the memo's table for the density d in the compiled loop c, or
// nil when d's value may depend on more than its argument there: where
// the loop is inside something that binds, or d's body reads another of
// the loop's slots (a conditional density whose parameter the loop
// binds).
func (c *compiler) nodes(tables map[string]*nodeTable, d *Density) *nodeTable {
	m := c.ev.memo
	v, ok := d.Var.(*Sym)
	if m == nil || c.ev.scope != nil || !ok {
		return nil
	}
	for _, name := range c.scope {
		if name != v.Name && c.uses(d.Body, name, 0) {
			return nil
		}
	}
	t := tables[d.Name]
	if t == nil {
		t = newNodeTable()
		tables[d.Name] = t
	}
	return t
}

// memoCode is k, the value of a density at the slot that key reads,
// kept in the table t.
func memoCode(t *nodeTable, key func(f *frame) (uint64, bool), k code) code {
	return func(f *frame) (Value, error) {
		n, ok := key(f)
		if !ok {
			return k(f)
		}
		if r, ok := t.get(n); ok {
			return r.v, r.err
		}
		v, err := k(f)
		t.put(n, memoValue{v, err})
		return v, err
	}
}

// compilesAlike reports whether a loop compiled in a reads what it would
// read compiled in b: the same densities, and the same vector names.
func compilesAlike(a, b *Env) bool {
	if a == nil || b == nil || reflect.ValueOf(a.Dens).UnsafePointer() != reflect.ValueOf(b.Dens).UnsafePointer() ||
		len(a.Vecs) != len(b.Vecs) {
		return false
	}
	for name := range a.Vecs {
		if _, ok := b.Vecs[name]; !ok {
			return false
		}
	}
	return true
}

// loopKey names a kept loop: its quadrature, variable and nodes, and,
// for an expectation's loop, the tree of its integrand itself rather than
// its key. The lines are the same trees at every point, so the loop is
// found again as often, and finding it costs no key written or hashed at
// each point; an integrand met again in another tree of the same key is
// an expectation the memo already holds, so it is not integrated again
// anyway. A quadrature that builds part of its integrand (a weight p(x))
// names that part in kind instead, so that a new tree at each point does
// not make a new loop. An integral's value is not held by the memo, and
// a later link of a document may integrate the same integrand written
// again: its loop is found by the integrand's key.
type loopKey struct {
	kind, name string
	nodes      int
	body       Expr
	key        string
}

// keptLoop is a loop over name of an expectation's quadrature of the
// given nodes, in which build has compiled the integrand body. Where the
// memo applies (nothing is bound, so the code read nothing but the
// environment's shape) the memo keeps the loop, and a later point with
// the same integrand takes it back bound to its own values rather than
// compiling again. kind tells apart the quadratures that compile the
// same expressions differently. The caller frees the loop when its
// quadrature ends; a loop still in use (an integrand whose hoisted part
// reaches the same integral) is not handed out twice.
func (ev evaluator) keptLoop(kind, name string, nodes int, build func(l *loop), body Expr) *loop {
	return ev.kept(loopKey{kind: kind, name: name, nodes: nodes, body: body}, build)
}

// keptIntegralLoop is keptLoop for an integral's quadrature, found by
// the integrand's key.
func (ev evaluator) keptIntegralLoop(kind, name string, build func(l *loop), body Expr) *loop {
	k := loopKey{kind: kind, name: name, nodes: compileFrom}
	if ev.memo != nil && ev.scope == nil && compileLoops {
		k.key = ev.memo.key(body)
	}
	return ev.kept(k, build)
}

func (ev evaluator) kept(k loopKey, build func(l *loop)) *loop {
	if ev.memo == nil || ev.scope != nil || !compileLoops {
		l := ev.newLoopOf(k.name, k.nodes)
		build(l)
		return l
	}
	if l, ok := ev.memo.loops[k]; ok && !l.busy {
		l.c.ev = ev
		l.c.gen++
		l.busy = true
		return l
	}
	l := ev.newLoopOf(k.name, k.nodes)
	build(l)
	if _, ok := ev.memo.loops[k]; !ok {
		l.busy = true
		put(&ev.memo.loops, k, l)
	}
	return l
}
