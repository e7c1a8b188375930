package expr

import (
	"fmt"
	"math"
	"math/big"

	"gonum.org/v1/gonum/mat"
)

// Env binds symbols to numbers for the evaluator. The evaluator is
// independent of the rewrite rules: it computes densities, expectations
// and integrals numerically, so it can check what the rules claim.
type Env struct {
	Vals map[string]float64    // scalars
	Vecs map[string][]float64  // vectors, indexed from 1 by Index nodes
	Mats map[string]*mat.Dense // matrices
	Dens map[string]*Density   // densities named by Expect, Info and calls
	// MaxIndex bounds the range of sum and prod, so that a stray large
	// bound cannot make evaluation hang.
	MaxIndex int
}

// UnboundError names a symbol the environment does not bind.
type UnboundError struct{ Name string }

func (e *UnboundError) Error() string { return fmt.Sprintf("unbound symbol %s", e.Name) }

// Eval computes the value of e in env. EvalErr gives its error estimate
// too; a caller that compares numbers should use that.
func Eval(e Expr, env *Env) (float64, error) {
	v, err := EvalErr(e, env)
	return v.V, err
}

// EvalErr computes the value of e in env with a bound on its error: the
// estimates of its integrals and expectations, propagated through the
// arithmetic to first order, and rounding.
func EvalErr(e Expr, env *Env) (Value, error) {
	ev := evaluator{env: env, cache: newCache()}
	return ev.eval(e)
}

type evaluator struct {
	env   *Env
	scope *bound // variables bound by sums, integrals and expectations
	// cache holds the values of matrix sub-terms that do not depend on a
	// bound variable, so that a quadrature computes inv(S) once rather
	// than at every node. It lives for one call of Eval.
	cache *evalCache
	// memo, when set, keeps the expectations of several evaluations
	// in one environment (memo.go).
	memo *Memo
}

// bound is a persistent list of bindings: binding a variable for one
// quadrature node costs one small allocation and leaves others intact.
type bound struct {
	name string
	val  Value
	vec  []float64
	// hi and toHi, when toHi > 0: the variable's exact distance from the
	// upper end hi of the integral that binds it.
	hi, toHi float64
	next     *bound
}

func (ev evaluator) bind(name string, v Value) evaluator {
	ev.scope = &bound{name: name, val: v, next: ev.scope}
	return ev
}

// bindNear binds a variable near the upper end hi of an integral, at the
// exact distance toHi, which hi − x then gives (x itself rounds: 1 − d is
// 1 for d below 1e-16).
func (ev evaluator) bindNear(name string, x, hi, toHi float64) evaluator {
	ev.scope = &bound{name: name, val: Value{V: x}, hi: hi, toHi: toHi, next: ev.scope}
	return ev
}

// complement is hi − x for a variable bound by bindNear, from its exact
// distance.
func (ev evaluator) complement(e *Add) (Value, bool) {
	if len(e.Terms) != 2 {
		return Value{}, false
	}
	for i, t := range e.Terms {
		c, isNum := e.Terms[1-i].(*Num)
		m, isMul := t.(*Mul)
		if !isNum || !isMul || len(m.Factors) != 2 || !IsInt(m.Factors[0], -1) {
			continue
		}
		s, isSym := m.Factors[1].(*Sym)
		if !isSym {
			continue
		}
		if b, ok := ev.lookup(s.Name); ok && b.toHi > 0 {
			if hi, _ := c.Val.Float64(); hi == b.hi {
				return Value{V: b.toHi}, true
			}
		}
	}
	return Value{}, false
}

func (ev evaluator) bindVec(name string, v []float64) evaluator {
	ev.scope = &bound{name: name, vec: v, next: ev.scope}
	return ev
}

func (ev evaluator) lookup(name string) (*bound, bool) {
	for b := ev.scope; b != nil; b = b.next {
		if b.name == name {
			return b, true
		}
	}
	return nil, false
}

func (ev evaluator) vec(name string) ([]float64, bool) {
	if b, ok := ev.lookup(name); ok && b.vec != nil {
		return b.vec, true
	}
	v, ok := ev.env.Vecs[name]
	return v, ok
}

func (ev evaluator) eval(e Expr) (Value, error) {
	switch e := e.(type) {
	case *Num:
		return numValue(e.Val), nil
	case *Sym:
		if b, ok := ev.lookup(e.Name); ok && b.vec == nil {
			return b.val, nil
		}
		if v, ok := ev.env.Vals[e.Name]; ok {
			return Value{V: v}, nil // a given value is exact
		}
		switch e.Name {
		case "pi":
			return exact(math.Pi), nil
		case "e":
			return exact(math.E), nil
		case "inf":
			return Value{V: math.Inf(1)}, nil
		}
		return Value{}, &UnboundError{Name: e.Name}
	case *Add:
		if v, ok := ev.complement(e); ok {
			return v, nil
		}
		return ev.sum(e.Terms)
	case *Mul:
		return ev.product(e.Factors)
	case *Pow:
		return ev.pow(e)
	case *Call:
		return ev.call(e)
	case *Index:
		return ev.index(e)
	case *Big:
		return ev.big(e)
	case *Expect:
		return ev.expect(e)
	case *Integral:
		return ev.integral(e)
	case *Info:
		return ev.info(e)
	case *Cases:
		return ev.cases(e)
	case *MatMul, *Transpose:
		return ev.scalarOf(e)
	}
	return Value{}, fmt.Errorf("%s cannot be evaluated to a number", String(e))
}

func (ev evaluator) evalAll(xs []Expr) ([]Value, error) {
	vs := make([]Value, len(xs))
	for i, x := range xs {
		v, err := ev.eval(x)
		if err != nil {
			return nil, err
		}
		vs[i] = v
	}
	return vs, nil
}

// sum is the sum of the values of xs. The values are
// kept on the stack while they are combined; evalAll's slice, which
// its callers keep, cannot be.
func (ev evaluator) sum(xs []Expr) (Value, error) {
	var buf [8]Value
	vs := buf[:0]
	for _, x := range xs {
		v, err := ev.eval(x)
		if err != nil {
			return Value{}, err
		}
		vs = append(vs, v)
	}
	return add(vs...), nil
}

// num evaluates a scalar inside a vector or matrix expression, whose
// entries carry no error estimate: a value that is not accurate to
// rounding there is an error rather than a silent loss of its estimate.
func (ev evaluator) num(e Expr) (float64, error) {
	v, err := ev.eval(e)
	if err != nil {
		return 0, err
	}
	if v.Rel() > 1e-12 {
		return 0, fmt.Errorf("%s is not accurate enough (%g ± %.2g) to be used inside a vector or matrix", String(e), v.V, v.Err)
	}
	return v.V, nil
}

func (ev evaluator) pow(e *Pow) (Value, error) {
	b, err := ev.eval(e.Base)
	if err != nil {
		return Value{}, err
	}
	if n, ok := e.Exp.(*Num); ok && n.Val.IsInt() {
		// By multiplication, as compiled code takes it (compile.go).
		k := Float(n.Val)
		return through(b, func(x float64) float64 { return powInt(x, k) }), nil
	}
	x, err := ev.eval(e.Exp)
	if err != nil {
		return Value{}, err
	}
	v := throughPow(b, x)
	if math.IsNaN(v.V) {
		return Value{}, fmt.Errorf("%s is not a real number (%g^%g)", String(e), b.V, x.V)
	}
	return v, nil
}

func (ev evaluator) call(c *Call) (Value, error) {
	if d, ok := ev.env.Dens[c.Fn]; ok && len(c.Args) == 1 {
		return ev.density(d, c.Args[0])
	}
	// No family, special function or I(q) has an elementary function's
	// name, so a log or an exp, met at every node of a quadrature the
	// tree walk takes, skips looking for one.
	if !elementary(c.Fn) {
		if fam, ok := families.Get()[c.Fn]; ok {
			return ev.family(fam, c)
		}
		if in, ok := SelfInformation(c, ev.env.Dens); ok {
			return ev.info(in)
		}
		if s, ok := specials.Get()[c.Fn]; ok {
			return ev.special(s, c)
		}
	}
	if len(c.Args) != 1 {
		return Value{}, fmt.Errorf("unknown function %s with %d arguments", c.Fn, len(c.Args))
	}
	switch c.Fn {
	case "det", "tr":
		return ev.matrixFunc(c)
	case "log":
		return ev.logOf(c.Args[0])
	}
	x, err := ev.eval(c.Args[0])
	if err != nil {
		return Value{}, err
	}
	switch c.Fn {
	case "exp":
		return throughExp(x), nil
	case "sqrt":
		if x.V < 0 {
			return Value{}, fmt.Errorf("square root of a negative number (%g) in %s", x.V, String(c))
		}
		return through(x, func(v float64) float64 { return math.Sqrt(math.Max(v, 0)) }), nil
	case "abs":
		return Value{math.Abs(x.V), x.Err}, nil
	}
	return Value{}, fmt.Errorf("unknown function %s", c.Fn)
}

// elementary reports whether fn is one of the functions call computes
// itself.
func elementary(fn string) bool {
	switch fn {
	case "log", "exp", "sqrt", "abs", "det", "tr":
		return true
	}
	return false
}

// density evaluates a declared density at the value of arg.
func (ev evaluator) density(d *Density, arg Expr) (Value, error) {
	if v, ok := d.Var.(*Sym); ok {
		if a, ok := arg.(*Sym); ok {
			if vec, ok := ev.vec(a.Name); ok {
				return ev.bindVec(v.Name, vec).eval(d.Body)
			}
			if b, ok := ev.nearHi(a); ok {
				return ev.bindNear(v.Name, b.val.V, b.hi, b.toHi).eval(d.Body)
			}
		}
		x, err := ev.eval(arg)
		if err != nil {
			return Value{}, err
		}
		return ev.bind(v.Name, x).eval(d.Body)
	}
	return Value{}, fmt.Errorf("density %s has an unsupported variable %s", d.Name, String(d.Var))
}

func (ev evaluator) index(ix *Index) (Value, error) {
	s, ok := ix.Base.(*Sym)
	if !ok {
		return Value{}, fmt.Errorf("cannot index %s", String(ix.Base))
	}
	i, err := ev.eval(ix.Sub)
	if err != nil {
		return Value{}, err
	}
	v, ok := ev.vec(s.Name)
	if !ok {
		return Value{}, &UnboundError{Name: s.Name}
	}
	k := int(math.Round(i.V))
	if k < 1 || k > len(v) {
		return Value{}, fmt.Errorf("index %d of %s is outside 1..%d", k, s.Name, len(v))
	}
	return Value{V: v[k-1]}, nil
}

func (ev evaluator) bounds(b *Big) (int, int, error) {
	lo, err := ev.eval(b.Lo)
	if err != nil {
		return 0, 0, err
	}
	hi, err := ev.eval(b.Hi)
	if err != nil {
		return 0, 0, err
	}
	max := ev.env.MaxIndex
	if max == 0 {
		max = 1000
	}
	if lo.V != math.Trunc(lo.V) || hi.V != math.Trunc(hi.V) || hi.V-lo.V >= float64(max) {
		return 0, 0, fmt.Errorf("the range %g..%g of %s is not a range of at most %d integers", lo.V, hi.V, b.Op, max)
	}
	return int(lo.V), int(hi.V), nil
}

func (ev evaluator) big(b *Big) (Value, error) {
	if s, ok := b.Hi.(*Sym); ok && s.Name == "inf" && b.Op == "sum" {
		return ev.infiniteSum(b)
	}
	lo, hi, err := ev.bounds(b)
	if err != nil {
		return Value{}, err
	}
	var vs []Value
	for i := lo; i <= hi; i++ {
		v, err := ev.bind(b.Index, Value{V: float64(i)}).eval(b.Body)
		if err != nil {
			return Value{}, err
		}
		vs = append(vs, v)
	}
	if b.Op == "prod" {
		return mul(vs...), nil
	}
	return add(vs...), nil
}

// numValue is a number of the input as a value: an integer that float64
// holds exactly has no estimate (so min(u, 1) at u > 1 is 1 exactly, and
// I_x(a, b) there is 1 however steep it is below), any other number that
// of its rounding.
func numValue(r *big.Rat) Value {
	if r.IsInt() && r.Num().IsInt64() {
		if a := r.Num().Int64(); a < 1<<53 && a > -(1<<53) {
			return Value{V: float64(a)}
		}
	}
	return exact(Float(r))
}

// Float returns the value of a rational as a float64. Small numerators
// and denominators take a fast path: both are exact as float64, so their
// quotient is correctly rounded, as big.Rat's conversion would be.
func Float(r *big.Rat) float64 {
	n, d := r.Num(), r.Denom()
	if n.IsInt64() && d.IsInt64() {
		a, b := n.Int64(), d.Int64()
		if a < 1<<53 && a > -(1<<53) && b < 1<<53 {
			return float64(a) / float64(b)
		}
	}
	f, _ := r.Float64()
	return f
}

// logOf computes log(e) in log space where e is a product, power,
// exponential or density, so that a density far in its tail, which
// underflows to zero, still has a finite logarithm. It is the same number
// as log(eval(e)), computed more carefully.
func (ev evaluator) logOf(e Expr) (Value, error) {
	if x, err := ev.eval(e); err == nil && x.V > 1e-280 && !math.IsInf(x.V, 1) {
		return logValue(x, e)
	}
	switch e := e.(type) {
	case *Mul:
		vs := make([]Value, len(e.Factors))
		for i, f := range e.Factors {
			v, err := ev.logOf(f)
			if err != nil {
				return Value{}, err
			}
			vs[i] = v
		}
		return add(vs...), nil
	case *Pow:
		b, err := ev.logOf(e.Base)
		if err != nil {
			return Value{}, err
		}
		k, err := ev.eval(e.Exp)
		if err != nil {
			return Value{}, err
		}
		return mul(k, b), nil
	case *Big:
		if e.Op == "prod" {
			return ev.logOfProduct(e)
		}
	case *Cases:
		// The case that holds: a density on a stated support, far in
		// its tail, where its formula underflows; off the support, its
		// exact 0, whose logarithm is −∞ as a family's is there.
		x, err := ev.chosen(e)
		if err != nil {
			return Value{}, err
		}
		if IsInt(x, 0) {
			return Value{V: math.Inf(-1)}, nil
		}
		return ev.logOf(x)
	case *Call:
		if v, ok, err := ev.logOfVectorDensity(e); ok {
			return v, err
		}
		if d, ok := ev.env.Dens[e.Fn]; ok && len(e.Args) == 1 {
			if v, ok := d.Var.(*Sym); ok {
				// As in density: a variable bound near an upper end keeps
				// its distance, or log(1 − x) in the body would be log 0
				// where x rounds to 1 (a Beta's density below 1e-280).
				if b, ok := ev.nearHi(e.Args[0]); ok {
					return ev.bindNear(v.Name, b.val.V, b.hi, b.toHi).logOf(d.Body)
				}
				x, err := ev.eval(e.Args[0])
				if err == nil {
					return ev.bind(v.Name, x).logOf(d.Body)
				}
			}
		}
		if f, ok := families.Get()[e.Fn]; ok {
			return ev.familyLogPdf(f, e)
		}
		switch {
		case e.Fn == "exp" && len(e.Args) == 1:
			return ev.eval(e.Args[0])
		case e.Fn == "sqrt" && len(e.Args) == 1:
			v, err := ev.logOf(e.Args[0])
			return Value{v.V / 2, v.Err / 2}, err
		case logSpecial[e.Fn] != "":
			// log Γ(x + 1) at x = 200, where Γ overflows.
			return ev.eval(Fn(logSpecial[e.Fn], e.Args...))
		}
	}
	x, err := ev.eval(e)
	if err != nil {
		return Value{}, err
	}
	return logValue(x, e)
}

// logSpecial names the logarithm of a special function that is one
// itself: log Γ and log B, defined where Γ and B overflow.
var logSpecial = map[string]string{"gamma": "lgamma", "beta": "lbeta"}

// logValue is the logarithm of a positive value; an interval that
// reaches zero gives an infinite error.
func logValue(x Value, e Expr) (Value, error) {
	if x.V <= 0 {
		return Value{}, fmt.Errorf("log of a non-positive number (%g) in log(%s)", x.V, String(e))
	}
	if x.Err >= x.V {
		return Value{math.Log(x.V), math.Inf(1)}, nil
	}
	return throughLog(x), nil
}
