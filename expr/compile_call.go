package expr

import "math"

// The compiled forms of densities, families, finite sums and products,
// and of logOf: each mirrors its tree-walk counterpart in eval.go,
// family.go and logdensity.go.

// density mirrors evaluator.density: the body with the density's
// variable bound, in a new slot, to the argument (with its distance from
// an upper end when it has one).
func (c *compiler) density(d *Density, e *Call) code {
	v, ok := d.Var.(*Sym)
	if !ok || c.open[d.Name] {
		return c.fallback(e, evaluator.eval)
	}
	from := -1
	var arg code
	if a, ok := e.Args[0].(*Sym); ok {
		if _, vec := c.ev.env.Vecs[a.Name]; vec || c.slotOf(a.Name) < 0 {
			return c.fallback(e, evaluator.eval)
		}
		from = c.slotOf(a.Name)
	} else {
		arg = c.expr(e.Args[0])
	}
	body := c.inside(d.Name, v.Name, func() code { return c.expr(d.Body) })
	j := len(c.scope)
	k := func(f *frame) (Value, error) {
		var s slot
		switch b := f.slots[max(from, 0)]; {
		case from >= 0 && b.toHi > 0:
			s = slot{val: Value{V: b.val.V}, hi: b.hi, toHi: b.toHi}
		case from >= 0:
			s = slot{val: b.val, logX: b.logX, logged: b.logged}
		default:
			x, err := arg(f)
			if err != nil {
				return Value{}, err
			}
			s = slot{val: x}
		}
		f.slots[j] = s
		return body(f)
	}
	if from < 0 || c.ev.memo == nil {
		return k
	}
	memo := c.nodes(c.ev.memo.dens, d)
	if memo == nil {
		return k
	}
	return memoCode(memo, func(f *frame) (uint64, bool) { return nodeKey(f.slots[from]) }, k)
}

// inside compiles a density's body with its variable in the next slot.
func (c *compiler) inside(density, name string, compile func() code) code {
	c.push(name)
	put(&c.open, density, true)
	k := compile()
	delete(c.open, density)
	c.pop()
	return k
}

// family mirrors evaluator.family for a scalar family; a vector family
// (Categorical, Dirichlet) has vector parameters no slot holds, and goes
// to the tree walk.
func (c *compiler) family(fam *Family, e *Call) code {
	if fam.Multivariate || fam.IsVector() || len(e.Args) != len(fam.Params)+1 {
		return c.fallback(e, evaluator.eval)
	}
	if fam.PDF == nil {
		lp := c.familyLog(fam, e)
		return func(f *frame) (Value, error) {
			v, err := lp(f)
			return throughExp(v), err
		}
	}
	args := c.all(e.Args)
	room := make([]float64, len(args))
	return func(f *frame) (Value, error) {
		var buf [4]Value
		vals, err := evalInto(buf[:0], args, f)
		if err != nil {
			return Value{}, err
		}
		if err := fam.checkParams(vals, e); err != nil {
			return Value{}, err
		}
		return fam.pdfAt(vals, room), nil
	}
}

// familyLog mirrors evaluator.familyLogPdf for a scalar family.
func (c *compiler) familyLog(fam *Family, e *Call) code {
	if fam.Multivariate || fam.IsVector() || len(e.Args) != len(fam.Params)+1 {
		return c.fallback(e, evaluator.familyLogOf)
	}
	args := c.all(e.Args)
	room := make([]float64, len(args))
	var prepared preparedLog
	from := -1
	hi, toHi := 0.0, 0.0
	if s, ok := e.Args[0].(*Sym); ok {
		if from = c.slotOf(s.Name); from < 0 {
			if b, ok := c.ev.nearHi(s); ok {
				hi, toHi = b.hi, b.toHi
			}
		}
	}
	return func(f *frame) (Value, error) {
		var buf [4]Value
		vals, err := evalInto(buf[:0], args, f)
		if err != nil {
			return Value{}, err
		}
		if err := fam.checkParams(vals, e); err != nil {
			return Value{}, err
		}
		h, d := hi, toHi
		if from >= 0 {
			h, d = f.slots[from].hi, f.slots[from].toHi
		}
		if v, ok := prepared.logPdfAt(fam, vals, h, d); ok {
			return v, nil
		}
		return fam.logPdfAt(vals, h, d, room), nil
	}
}

// familyLogOf is familyLogPdf of a call, for a fallback.
func (ev evaluator) familyLogOf(e Expr) (Value, error) {
	c := e.(*Call)
	return ev.familyLogPdf(families.Get()[c.Fn], c)
}

// big mirrors evaluator.big for a finite sum or product whose range does
// not depend on a slot.
func (c *compiler) big(e *Big) code {
	if s, ok := e.Hi.(*Sym); ok && s.Name == "inf" && e.Op == "sum" || c.dependent(e.Lo) || c.dependent(e.Hi) {
		return c.fallback(e, evaluator.eval)
	}
	var gen, lo, hi int // the range, computed at the point of generation gen
	var rangeErr error
	j := c.push(e.Index)
	body := c.expr(e.Body)
	c.pop()
	return func(f *frame) (Value, error) {
		if gen != c.gen {
			lo, hi, rangeErr = c.ev.bounds(e)
			gen = c.gen
		}
		if rangeErr != nil {
			return Value{}, rangeErr
		}
		var buf [8]Value
		vs := buf[:0]
		for i := lo; i <= hi; i++ {
			f.slots[j] = slot{val: Value{V: float64(i)}}
			v, err := body(f)
			if err != nil {
				return Value{}, err
			}
			vs = append(vs, v)
		}
		if e.Op == "prod" {
			return mul(vs...), nil
		}
		return add(vs...), nil
	}
}

// logOf mirrors evaluator.logOf: log of the value where it is a positive
// number, else the careful path through the factors, powers and
// densities in log space, else the error of the value.
func (c *compiler) logOf(e Expr) code {
	if !compileLoops || c.walk {
		return c.fallback(e, evaluator.logOf)
	}
	if !c.dependent(e) {
		return c.hoist(e, &c.hoistedLog, evaluator.logOf)
	}
	if v, ok := e.(*Sym); ok && c.slotOf(v.Name) >= 0 {
		return c.logOfSym(c.slotOf(v.Name), e)
	}
	val := c.expr(e)
	careful := c.carefulLog(e)
	k := func(f *frame) (Value, error) {
		x, err := val(f)
		if err == nil && x.V > 1e-280 && !math.IsInf(x.V, 1) {
			return logValue(x, e)
		}
		if careful != nil {
			if v, err, done := careful(f); done {
				return v, err
			}
		}
		// The tree walk evaluates e again here, to the same result.
		if err != nil {
			return Value{}, err
		}
		return logValue(x, e)
	}
	return c.memoLog(e, k)
}

// logOfSym is logOf a variable in slot i: from the logarithm the slot
// brings, or else of its value as logOf takes it (a variable has no
// careful path).
func (c *compiler) logOfSym(i int, e Expr) code {
	return func(f *frame) (Value, error) {
		s := f.slots[i]
		if v, ok := logOfSlot(s); ok {
			return v, nil
		}
		return logValue(s.val, e)
	}
}

// memoLog keeps what k computes, the logarithm of a density at a slot
// (log p(x)), in the memo's table for the density, where there is one.
func (c *compiler) memoLog(e Expr, k code) code {
	call, ok := e.(*Call)
	if !ok || c.ev.memo == nil || len(call.Args) != 1 {
		return k
	}
	d, ok := c.ev.env.Dens[call.Fn]
	a, isSym := call.Args[0].(*Sym)
	if !ok || !isSym || c.slotOf(a.Name) < 0 {
		return k
	}
	if _, vec := c.ev.env.Vecs[a.Name]; vec {
		return k
	}
	memo := c.nodes(c.ev.memo.logs, d)
	if memo == nil {
		return k
	}
	from := c.slotOf(a.Name)
	return memoCode(memo, func(f *frame) (uint64, bool) { return nodeKey(f.slots[from]) }, k)
}

// logCode is a careful logarithm; done false sends logOf on to the
// value's own logarithm, as the tree walk's switch falls through.
type logCode func(f *frame) (v Value, err error, done bool)

func (c *compiler) carefulLog(e Expr) logCode {
	switch e := e.(type) {
	case *Mul:
		parts := make([]code, len(e.Factors))
		for i, x := range e.Factors {
			parts[i] = c.logOf(x)
		}
		return func(f *frame) (Value, error, bool) {
			var buf [8]Value
			vs, err := evalInto(buf[:0], parts, f)
			if err != nil {
				return Value{}, err, true
			}
			return add(vs...), nil, true
		}
	case *Pow:
		base, exp := c.logOf(e.Base), c.expr(e.Exp)
		return func(f *frame) (Value, error, bool) {
			b, err := base(f)
			if err != nil {
				return Value{}, err, true
			}
			k, err := exp(f)
			if err != nil {
				return Value{}, err, true
			}
			return mul(k, b), nil, true
		}
	case *Big:
		if e.Op == "prod" {
			return done(c.fallback(e, evaluator.logOf))
		}
	case *Cases:
		// The logarithm of the case that holds, as the tree walk takes it.
		return done(c.fallback(e, evaluator.logOf))
	case *Call:
		return c.carefulLogCall(e)
	}
	return nil
}

// done is a careful logarithm that always decides.
func done(k code) logCode {
	return func(f *frame) (Value, error, bool) {
		v, err := k(f)
		return v, err, true
	}
}

func (c *compiler) carefulLogCall(e *Call) logCode {
	d, isDensity := c.ev.env.Dens[e.Fn]
	if isDensity && len(e.Args) == 1 {
		v, symVar := d.Var.(*Sym)
		if a, ok := e.Args[0].(*Sym); symVar && ok {
			// logOfVectorDensity: the argument names a vector.
			vec := false
			if c.slotOf(a.Name) >= 0 {
				_, vec = c.ev.env.Vecs[a.Name]
			} else {
				_, vec = c.ev.vec(a.Name)
			}
			if vec {
				return done(c.fallback(e, evaluator.logOf))
			}
		}
		if symVar {
			if c.open[d.Name] {
				return done(c.fallback(e, evaluator.logOf))
			}
			// A slot's distance from an upper end is carried into the
			// body, as the tree walk's bindNear carries it.
			from := -1
			if a, ok := e.Args[0].(*Sym); ok {
				if from = c.slotOf(a.Name); from < 0 {
					if _, near := c.ev.nearHi(a); near {
						return done(c.fallback(e, evaluator.logOf))
					}
				}
			}
			arg := c.expr(e.Args[0])
			body := c.inside(d.Name, v.Name, func() code { return c.logOf(d.Body) })
			j := len(c.scope)
			return func(f *frame) (Value, error, bool) {
				if from >= 0 && f.slots[from].toHi > 0 {
					b := f.slots[from]
					f.slots[j] = slot{val: Value{V: b.val.V}, hi: b.hi, toHi: b.toHi}
					v, err := body(f)
					return v, err, true
				}
				x, err := arg(f)
				if err != nil {
					return Value{}, nil, false
				}
				f.slots[j] = slot{val: x}
				if from >= 0 {
					b := f.slots[from]
					f.slots[j].logX, f.slots[j].logged = b.logX, b.logged
				}
				v, err := body(f)
				return v, err, true
			}
		}
	}
	if fam, ok := families.Get()[e.Fn]; ok {
		return done(c.familyLog(fam, e))
	}
	switch {
	case e.Fn == "exp" && len(e.Args) == 1:
		return done(c.expr(e.Args[0]))
	case e.Fn == "sqrt" && len(e.Args) == 1:
		arg := c.logOf(e.Args[0])
		return func(f *frame) (Value, error, bool) {
			v, err := arg(f)
			return Value{v.V / 2, v.Err / 2}, err, true
		}
	case logSpecial[e.Fn] != "":
		return done(c.expr(Fn(logSpecial[e.Fn], e.Args...)))
	}
	return nil
}
