package expr

// Memo evaluates several expressions in one environment (the lines of a
// derivation at one of its points) and shares the work they have in
// common: an expectation met again, in the same or a later line, is not
// integrated again. A definition KL(p ‖ q) and its first line
// E_{x∼p}[log p(x) − log q(x)] are one integral, and linearity of
// expectation writes E[log x] once for each density that contributes
// it. The value kept is the value computed, error estimate and error
// alike, so a memo changes no number; it only saves the quadrature.
//
// Only an expectation evaluated where nothing is bound (not inside a
// sum, an integral or another expectation) is kept: its value then
// depends on its own tree and the environment alone. The environment
// must not change while the memo is in use, and a memo is for one
// goroutine.
type Memo struct {
	env     *Env
	expects map[string]memoValue
}

type memoValue struct {
	v   Value
	err error
}

// NewMemo starts a memo for evaluations in env.
func NewMemo(env *Env) *Memo {
	return &Memo{env: env, expects: map[string]memoValue{}}
}

// EvalErr is EvalErr(e, env) for the memo's environment.
func (m *Memo) EvalErr(e Expr) (Value, error) {
	ev := evaluator{env: m.env, cache: newCache(), memo: m}
	return ev.eval(e)
}

// memoised is compute's value of the expectation x, from the memo when
// the evaluator binds nothing.
func (ev evaluator) memoised(x *Expect, compute func() (Value, error)) (Value, error) {
	if ev.memo == nil || ev.scope != nil {
		return compute()
	}
	k := Key(x)
	if r, ok := ev.memo.expects[k]; ok {
		return r.v, r.err
	}
	v, err := compute()
	ev.memo.expects[k] = memoValue{v, err}
	return v, err
}
