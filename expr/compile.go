package expr

import "math"

// A quadrature, a series or a Gauss–Hermite grid evaluates one integrand
// at hundreds of values of its variable, and the tree walk of eval.go
// pays at every node for work that does not change from node to node:
// map look-ups of densities, families and symbols, rationals converted
// to floats, allocations for bindings and argument lists, and every
// sub-term that does not mention the variable. A loop compiles the
// integrand once per quadrature into closures: the variable, and those
// that density bodies, sums and products bind inside it, live in
// numbered slots of a frame, the variable with the logarithm its node
// brings (a double-exponential rule's nodes keep theirs, so log x is not
// taken again for every integrand at every point); constants are
// converted once; what does not depend on a slot is hoisted, evaluated
// by the tree walk at most once and only when first needed, so that its
// error (a parameter outside its domain) surfaces exactly where the tree
// walk would meet it.
//
// The closures mirror eval.go case by case, calling the same value-level
// helpers (add, mul, through, weighed, Family.logPdfAt, special.apply),
// and so compute the same numbers with the same error estimates and the
// same errors; a node they do not mirror (a nested expectation, an
// integral, a matrix) falls back to the tree walk with the frame's
// bindings rebuilt, which is exact by construction. The property test in
// compile_test.go holds the two to bit-for-bit equality.
//
// Closures rather than an instruction list: the integrands are small
// trees evaluated a few hundred times per compilation, so compiling must
// be cheap, and a closure per node costs one allocation while dispatching
// as fast as an interpreter's switch would.

// slot is one variable bound inside a loop: its value and, as bound's,
// its exact distance toHi from an upper end hi when toHi > 0; and, where
// logged, the logarithm of its exact value, which a quadrature's node
// brings with it (logOf, pow and familyLog take it rather than computing
// math.Log again, to the same bits).
type slot struct {
	val      Value
	hi, toHi float64
	logX     float64
	logged   bool
}

// frame holds the slots of one loop.
type frame struct{ slots []slot }

// code is a compiled expression.
type code func(f *frame) (Value, error)

// lazy is a hoisted sub-term: computed on first use at a point, then
// kept until the loop is rebound to the next point (gen is the point's
// generation when it was computed; 0, never).
type lazy struct {
	gen int
	v   Value
	err error
}

// compiler builds the closures of one loop.
type compiler struct {
	ev    evaluator // the evaluator outside the loop: env and enclosing bindings
	scope []string  // the names bound inside the loop; slot i binds scope[i]
	size  int       // the slots the frame needs
	// hoisted and hoistedLog memoise the sub-terms that depend on no slot,
	// as values and as logarithms; they are the same wherever they occur.
	hoisted, hoistedLog map[Expr]*lazy
	// top memoises the code of expressions compiled in the loop's own
	// scope (the weight and the body share the density's call).
	top, topLog map[Expr]code
	deps        map[depKey]bool
	open        map[string]bool // densities whose bodies are being compiled
	// walk makes every expression a fallback: for a loop of a few nodes
	// the tree walk costs less than compiling.
	walk bool
	// gen counts the points the loop has been bound to: a memo keeps a
	// loop compiled at one point for the next (memo.go), and what the
	// closures computed from a point's parameters is kept for the
	// generation it was computed in only.
	gen int
}

type depKey struct {
	e    Expr
	name string
}

// loop is an integrand's expressions compiled for evaluation at many
// values of one scalar variable.
type loop struct {
	c *compiler
	f frame
	// term and codes are what its quadrature compiled in it, kept with
	// the loop for its next point (keptLoop).
	term  func() (Value, error)
	codes []code
	busy  bool // a quadrature is running it
}

// free ends the loop's use by its quadrature.
func (l *loop) free() { l.busy = false }

// compileLoops switches the compiled loops on; the tests compare them
// with the tree walk by switching them off.
var compileLoops = true

// compileFrom is the fewest nodes for which a loop is compiled:
// compiling an integrand costs about as much as walking it a few times.
const compileFrom = 8

// newLoop starts compiling expressions in name for evaluation in ev.
func (ev evaluator) newLoop(name string) *loop {
	return ev.newLoopOf(name, compileFrom)
}

// newLoopOf is newLoop for a loop of a known number of nodes.
func (ev evaluator) newLoopOf(name string, nodes int) *loop {
	c := &compiler{ev: ev, scope: []string{name}, size: 1, walk: nodes < compileFrom, gen: 1}
	return &loop{c: c}
}

// code compiles e, a scalar expression.
func (l *loop) code(e Expr) code {
	if k, ok := l.c.top[e]; ok {
		return k
	}
	k := l.c.expr(e)
	put(&l.c.top, e, k)
	return k
}

// logOf compiles log(e) as evaluator.logOf computes it.
func (l *loop) logOf(e Expr) code {
	if k, ok := l.c.topLog[e]; ok {
		return k
	}
	k := l.c.logOf(e)
	put(&l.c.topLog, e, k)
	return k
}

// set binds the loop's variable to x.
func (l *loop) set(x Value) { l.bind(slot{val: x}) }

// setLogged binds the variable to the exact x whose logarithm is logX,
// NaN where x is not positive.
func (l *loop) setLogged(x, logX float64) {
	l.bind(slot{val: Value{V: x}, logX: logX, logged: !math.IsNaN(logX)})
}

// logOfSlot is throughLog of the slot's exact value from its logarithm,
// the same bits, and false where the slot has none.
func logOfSlot(s slot) (Value, bool) {
	if !s.logged || s.val.Err != 0 {
		return Value{}, false
	}
	return Value{s.logX, eps * math.Abs(s.logX)}, true
}

// setNear binds the variable to x at the exact distance toHi from the
// upper end hi, as bindNear does.
func (l *loop) setNear(x, hi, toHi float64) { l.bind(slot{val: Value{V: x}, hi: hi, toHi: toHi}) }

func (l *loop) bind(s slot) {
	if len(l.f.slots) < l.c.size {
		l.f.slots = make([]slot, l.c.size)
	}
	l.f.slots[0] = s
}

// run evaluates compiled code at the bound value.
func (l *loop) run(k code) (Value, error) { return k(&l.f) }

// weigh is evaluator.weigh for compiled code: w·body, in log space
// where the weight underflows or the body overflows.
func (l *loop) weigh(w Value, logw func() (Value, error), body, logBody code, e Expr) (Value, error) {
	v, err := body(&l.f)
	if err != nil {
		return Value{}, err
	}
	return weighed(w, v, logw, func() (Value, error) { return logBody(&l.f) }, e)
}

// weighted compiles weight·body for evaluation at the bound value, as
// the tree walk's at.weigh(at.eval(weight), …) computes it.
func (l *loop) weighted(weight, body Expr) func() (Value, error) {
	w, logw, b, logb := l.code(weight), l.logOf(weight), l.code(body), l.logOf(body)
	return func() (Value, error) {
		wv, err := l.run(w)
		if err != nil {
			return Value{}, err
		}
		return l.weigh(wv, func() (Value, error) { return l.run(logw) }, b, logb, body)
	}
}

// push binds name in a new slot for the code compiled until pop.
func (c *compiler) push(name string) int {
	c.scope = append(c.scope, name)
	c.size = max(c.size, len(c.scope))
	return len(c.scope) - 1
}

func (c *compiler) pop() { c.scope = c.scope[:len(c.scope)-1] }

// slotOf is the innermost slot binding name, or −1.
func (c *compiler) slotOf(name string) int {
	for i := len(c.scope) - 1; i >= 0; i-- {
		if c.scope[i] == name {
			return i
		}
	}
	return -1
}

// dependent reports whether e may change with a slot's value.
func (c *compiler) dependent(e Expr) bool {
	for _, name := range c.scope {
		if c.uses(e, name, 0) {
			return true
		}
	}
	return false
}

// uses is Uses, also looking into the bodies of the densities e calls or
// takes expectations under, which the tree walk evaluates with their own
// variable bound and everything else from the enclosing scope (a
// conditional density's parameter may be the loop's variable).
func (c *compiler) uses(e Expr, name string, depth int) bool {
	if depth > 16 {
		return true // densities defined through each other: assume the worst
	}
	key := depKey{e, name}
	if u, ok := c.deps[key]; ok {
		return u
	}
	u := false
	density := func(dist string) bool {
		d, ok := c.ev.env.Dens[dist]
		return ok && varName(d.Var) != name && c.uses(d.Body, name, depth+1)
	}
	switch e := e.(type) {
	case *Num:
	case *Sym:
		u = e.Name == name
	case *Big:
		u = c.uses(e.Lo, name, depth) || c.uses(e.Hi, name, depth) || e.Index != name && c.uses(e.Body, name, depth)
	case *Expect:
		u = density(e.Dist) || varName(e.Var) != name && c.uses(e.Body, name, depth)
	case *Integral:
		u = e.Bounded() && (c.uses(e.Lo, name, depth) || c.uses(e.Hi, name, depth)) || varName(e.Var) != name && c.uses(e.Body, name, depth)
	case *Info:
		u = density(e.P) || e.Q != "" && density(e.Q) || e.Kind == "I" && c.atVariable(e.P, name)
	case *Call:
		u = density(e.Fn)
		if in, ok := SelfInformation(e, c.ev.env.Dens); ok {
			u = density(in.P) || c.atVariable(in.P, name)
		}
	}
	for _, k := range Children(e) {
		if u {
			break
		}
		switch e.(type) {
		case *Big, *Expect, *Integral:
		default:
			u = c.uses(k, name, depth)
		}
	}
	put(&c.deps, key, u)
	return u
}

// atVariable reports whether name is the variable of the density dist:
// a self-information I(q) is −log q at q's variable as the scope binds
// it, so it changes with that slot though the variable is not written.
func (c *compiler) atVariable(dist, name string) bool {
	d, ok := c.ev.env.Dens[dist]
	return ok && varName(d.Var) == name
}

// expr compiles a scalar expression.
func (c *compiler) expr(e Expr) code {
	if !compileLoops || c.walk {
		return c.fallback(e, evaluator.eval)
	}
	if n, ok := e.(*Num); ok {
		v := numValue(n.Val)
		return func(*frame) (Value, error) { return v, nil }
	}
	if !c.dependent(e) {
		return c.hoist(e, &c.hoisted, evaluator.eval)
	}
	switch e := e.(type) {
	case *Sym:
		i := c.slotOf(e.Name)
		return func(f *frame) (Value, error) { return f.slots[i].val, nil }
	case *Add:
		return c.add(e)
	case *Mul:
		terms := c.all(e.Factors)
		// Where the direct product is not to be trusted, the tree walk
		// takes it in log space (logproduct.go), rarely enough that its
		// factors' logarithms are not compiled.
		walk := c.fallback(e, evaluator.eval)
		return func(f *frame) (Value, error) {
			var buf [8]Value
			vs, err := evalInto(buf[:0], terms, f)
			if overflowed(err) {
				return walk(f)
			}
			if err != nil {
				return Value{}, err
			}
			if p := mul(vs...); !needsLogSpace(p, vs) {
				return p, nil
			}
			return walk(f)
		}
	case *Pow:
		return c.pow(e)
	case *Call:
		return c.call(e)
	case *Big:
		return c.big(e)
	case *Cases:
		return c.cases(e)
	}
	return c.fallback(e, evaluator.eval)
}

func (c *compiler) all(es []Expr) []code {
	out := make([]code, len(es))
	for i, e := range es {
		out[i] = c.expr(e)
	}
	return out
}

// evalInto appends the values of ks to buf, stopping at the first error
// as evalAll does.
func evalInto(buf []Value, ks []code, f *frame) ([]Value, error) {
	for _, k := range ks {
		v, err := k(f)
		if err != nil {
			return nil, err
		}
		buf = append(buf, v)
	}
	return buf, nil
}

// hoist is a sub-term that depends on no slot, computed by the tree walk
// (how chooses eval or logOf) on first use.
func (c *compiler) hoist(e Expr, memo *map[Expr]*lazy, how func(evaluator, Expr) (Value, error)) code {
	h, ok := (*memo)[e]
	if !ok {
		h = &lazy{}
		put(memo, e, h)
	}
	return func(*frame) (Value, error) {
		if h.gen != c.gen {
			h.v, h.err = how(c.ev, e)
			h.gen = c.gen
		}
		return h.v, h.err
	}
}

// fallback evaluates e by the tree walk, with the slots bound as the
// tree walk would have bound them. A loop of a few nodes is all
// fallback, at every node, so the bindings are written into room kept
// with the code rather than allocated each time: the tree walk keeps
// nothing of its scope once it returns (a memo keeps only what is
// computed where nothing is bound). A call made while one is running,
// which no loop does, gets bindings of its own.
func (c *compiler) fallback(e Expr, how func(evaluator, Expr) (Value, error)) code {
	names := append([]string(nil), c.scope...)
	room := make([]bound, len(names))
	busy := false
	return func(f *frame) (Value, error) {
		at := c.ev
		if busy {
			for i, name := range names {
				if s := f.slots[i]; s.toHi > 0 {
					at = at.bindNear(name, s.val.V, s.hi, s.toHi)
				} else {
					at = at.bind(name, s.val)
				}
			}
			return how(at, e)
		}
		for i, name := range names {
			s := f.slots[i]
			room[i] = bound{name: name, val: s.val, next: at.scope}
			if s.toHi > 0 {
				room[i].val, room[i].hi, room[i].toHi = Value{V: s.val.V}, s.hi, s.toHi
			}
			at.scope = &room[i]
		}
		busy = true
		v, err := how(at, e)
		busy = false
		return v, err
	}
}

// add mirrors eval's sum, with its exact complement hi − x for a
// variable bound near an upper end.
func (c *compiler) add(e *Add) code {
	terms := c.all(e.Terms)
	type candidate struct {
		slot int
		hi   float64
	}
	var near []candidate
	if len(e.Terms) == 2 {
		for i, t := range e.Terms {
			n, isNum := e.Terms[1-i].(*Num)
			m, isMul := t.(*Mul)
			if !isNum || !isMul || len(m.Factors) != 2 || !IsInt(m.Factors[0], -1) {
				continue
			}
			if s, ok := m.Factors[1].(*Sym); ok && c.slotOf(s.Name) >= 0 {
				hi, _ := n.Val.Float64()
				near = append(near, candidate{c.slotOf(s.Name), hi})
			}
		}
	}
	return func(f *frame) (Value, error) {
		for _, n := range near {
			if s := f.slots[n.slot]; s.toHi > 0 && s.hi == n.hi {
				return Value{V: s.toHi}, nil
			}
		}
		var buf [8]Value
		vs, err := evalInto(buf[:0], terms, f)
		if err != nil {
			return Value{}, err
		}
		return add(vs...), nil
	}
}

// pow mirrors evaluator.pow; an integer power is taken by multiplication.
func (c *compiler) pow(e *Pow) code {
	base := c.expr(e.Base)
	if n, ok := e.Exp.(*Num); ok && n.Val.IsInt() {
		k := Float(n.Val)
		return func(f *frame) (Value, error) {
			b, err := base(f)
			if err != nil {
				return Value{}, err
			}
			return through(b, func(x float64) float64 { return powInt(x, k) }), nil
		}
	}
	exp := c.expr(e.Exp)
	from := -1 // the slot of a base that is a variable, which may bring its log
	if s, ok := e.Base.(*Sym); ok {
		from = c.slotOf(s.Name)
	}
	return func(f *frame) (Value, error) {
		b, err := base(f)
		if err != nil {
			return Value{}, err
		}
		x, err := exp(f)
		if err != nil {
			return Value{}, err
		}
		logB := math.NaN()
		if from >= 0 {
			if l, ok := logOfSlot(f.slots[from]); ok {
				logB = l.V
			}
		}
		v := throughPowLog(b, x, logB)
		if math.IsNaN(v.V) {
			return Value{}, errorf("%s is not a real number (%g^%g)", String(e), b.V, x.V)
		}
		return v, nil
	}
}

// powInt is math.Pow(x, k) for an integer k, by repeated squaring in
// the order math.Pow multiplies its mantissas: where every partial
// product is a normal number the roundings are the same, so the result
// is too; elsewhere (overflow, underflow, NaN, huge k) it is math.Pow's.
func powInt(x, k float64) float64 {
	switch {
	case k == 0:
		return 1
	case k == 1:
		return x
	case math.Abs(k) > 64:
		return math.Pow(x, k)
	}
	n := int(math.Abs(k))
	r, sq := 1.0, x
	for ; n != 0; n >>= 1 {
		if n&1 == 1 {
			r *= sq
		}
		if n > 1 {
			sq *= sq
		}
	}
	if a := math.Abs(r); !(a > 1e-290 && a < 1e290) {
		return math.Pow(x, k)
	}
	if k < 0 {
		return 1 / r
	}
	return r
}

// call mirrors evaluator.call: declared densities, families and special
// functions first, then the elementary functions.
func (c *compiler) call(e *Call) code {
	if d, ok := c.ev.env.Dens[e.Fn]; ok && len(e.Args) == 1 {
		return c.density(d, e)
	}
	if f, ok := families.Get()[e.Fn]; ok {
		return c.family(f, e)
	}
	if _, ok := SelfInformation(e, c.ev.env.Dens); ok {
		return c.fallback(e, evaluator.eval)
	}
	if s, ok := specials.Get()[e.Fn]; ok && len(e.Args) == s.arity {
		args := c.all(e.Args)
		return func(f *frame) (Value, error) {
			var buf [4]Value
			vs, err := evalInto(buf[:0], args, f)
			if err != nil {
				return Value{}, err
			}
			return s.apply(vs, e)
		}
	}
	if len(e.Args) != 1 {
		return c.fallback(e, evaluator.eval)
	}
	if e.Fn == "log" {
		return c.logOf(e.Args[0])
	}
	arg := c.expr(e.Args[0])
	switch e.Fn {
	case "exp":
		return func(f *frame) (Value, error) {
			x, err := arg(f)
			if err != nil {
				return Value{}, err
			}
			return throughExp(x), nil
		}
	case "sqrt":
		return func(f *frame) (Value, error) {
			x, err := arg(f)
			if err != nil {
				return Value{}, err
			}
			if x.V < 0 {
				return Value{}, errorf("square root of a negative number (%g) in %s", x.V, String(e))
			}
			return through(x, func(v float64) float64 { return math.Sqrt(math.Max(v, 0)) }), nil
		}
	case "abs":
		return func(f *frame) (Value, error) {
			x, err := arg(f)
			if err != nil {
				return Value{}, err
			}
			return Value{math.Abs(x.V), x.Err}, nil
		}
	}
	return c.fallback(e, evaluator.eval)
}
