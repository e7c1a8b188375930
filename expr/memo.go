package expr

import "math"

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
type Memo struct {
	env     *Env
	keys    *Keys     // of the expectations, when shared (ShareKeys)
	cache   evalCache // each evaluation's, emptied before it: see EvalErr
	expects map[string]memoValue
	// dens and logs hold, per density, its value and the logarithm of
	// its value at a node, keyed by the node's bits.
	dens, logs map[string]map[uint64]memoValue
}

type memoValue struct {
	v   Value
	err error
}

// NewMemo starts a memo for evaluations in env.
func NewMemo(env *Env) *Memo {
	return &Memo{env: env, expects: map[string]memoValue{},
		dens: map[string]map[uint64]memoValue{}, logs: map[string]map[uint64]memoValue{}}
}

// ShareKeys makes the memo find the keys of expectations in ks, which
// memos of other environments may share.
func (m *Memo) ShareKeys(ks *Keys) { m.keys = ks }

// Reset empties the memo for evaluations in env, keeping the room its
// tables have grown to.
func (m *Memo) Reset(env *Env) {
	m.env = env
	clear(m.expects)
	for _, t := range m.dens {
		clear(t)
	}
	for _, t := range m.logs {
		clear(t)
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
	var k string
	if ev.memo.keys != nil {
		k = ev.memo.keys.Key(x)
	} else {
		k = Key(x)
	}
	if r, ok := ev.memo.expects[k]; ok {
		return r.v, r.err
	}
	v, err := compute()
	ev.memo.expects[k] = memoValue{v, err}
	return v, err
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
func (c *compiler) nodes(tables map[string]map[uint64]memoValue, d *Density) map[uint64]memoValue {
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
		t = map[uint64]memoValue{}
		tables[d.Name] = t
	}
	return t
}

// memoCode is k, the value of a density at the slot that key reads,
// kept in the table t.
func memoCode(t map[uint64]memoValue, key func(f *frame) (uint64, bool), k code) code {
	return func(f *frame) (Value, error) {
		n, ok := key(f)
		if !ok {
			return k(f)
		}
		if r, ok := t[n]; ok {
			return r.v, r.err
		}
		v, err := k(f)
		t[n] = memoValue{v, err}
		return v, err
	}
}
