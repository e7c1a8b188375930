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

// Eval computes the value of e in env.
func Eval(e Expr, env *Env) (float64, error) {
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
}

// bound is a persistent list of bindings: binding a variable for one
// quadrature node costs one small allocation and leaves others intact.
type bound struct {
	name string
	val  float64
	vec  []float64
	next *bound
}

func (ev evaluator) bind(name string, v float64) evaluator {
	ev.scope = &bound{name: name, val: v, next: ev.scope}
	return ev
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

func (ev evaluator) eval(e Expr) (float64, error) {
	switch e := e.(type) {
	case *Num:
		return Float(e.Val), nil
	case *Sym:
		if b, ok := ev.lookup(e.Name); ok && b.vec == nil {
			return b.val, nil
		}
		if v, ok := ev.env.Vals[e.Name]; ok {
			return v, nil
		}
		switch e.Name {
		case "pi":
			return math.Pi, nil
		case "e":
			return math.E, nil
		}
		return 0, &UnboundError{Name: e.Name}
	case *Add:
		s := 0.0
		for _, t := range e.Terms {
			v, err := ev.eval(t)
			if err != nil {
				return 0, err
			}
			s += v
		}
		return s, nil
	case *Mul:
		p := 1.0
		for _, f := range e.Factors {
			v, err := ev.eval(f)
			if err != nil {
				return 0, err
			}
			p *= v
		}
		return p, nil
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
	case *MatMul, *Transpose:
		return ev.scalarOf(e)
	}
	return 0, fmt.Errorf("%s cannot be evaluated to a number", String(e))
}

func (ev evaluator) pow(e *Pow) (float64, error) {
	b, err := ev.eval(e.Base)
	if err != nil {
		return 0, err
	}
	if n, ok := e.Exp.(*Num); ok && n.Val.IsInt() {
		k := Float(n.Val)
		return math.Pow(b, k), nil
	}
	x, err := ev.eval(e.Exp)
	if err != nil {
		return 0, err
	}
	v := math.Pow(b, x)
	if math.IsNaN(v) {
		return 0, fmt.Errorf("%s is not a real number (%g^%g)", String(e), b, x)
	}
	return v, nil
}

func (ev evaluator) call(c *Call) (float64, error) {
	if d, ok := ev.env.Dens[c.Fn]; ok && len(c.Args) == 1 {
		return ev.density(d, c.Args[0])
	}
	if fam, ok := Families[c.Fn]; ok {
		return ev.family(fam, c)
	}
	if len(c.Args) != 1 {
		return 0, fmt.Errorf("unknown function %s with %d arguments", c.Fn, len(c.Args))
	}
	switch c.Fn {
	case "det", "tr":
		return ev.matrixFunc(c)
	case "log":
		return ev.logOf(c.Args[0])
	}
	x, err := ev.eval(c.Args[0])
	if err != nil {
		return 0, err
	}
	switch c.Fn {
	case "exp":
		return math.Exp(x), nil
	case "sqrt":
		if x < 0 {
			return 0, fmt.Errorf("square root of a negative number (%g) in %s", x, String(c))
		}
		return math.Sqrt(x), nil
	case "abs":
		return math.Abs(x), nil
	}
	return 0, fmt.Errorf("unknown function %s", c.Fn)
}

// density evaluates a declared density at the value of arg.
func (ev evaluator) density(d *Density, arg Expr) (float64, error) {
	if v, ok := d.Var.(*Sym); ok {
		if a, ok := arg.(*Sym); ok {
			if vec, ok := ev.vec(a.Name); ok {
				return ev.bindVec(v.Name, vec).eval(d.Body)
			}
		}
		x, err := ev.eval(arg)
		if err != nil {
			return 0, err
		}
		return ev.bind(v.Name, x).eval(d.Body)
	}
	return 0, fmt.Errorf("density %s has an unsupported variable %s", d.Name, String(d.Var))
}

func (ev evaluator) index(ix *Index) (float64, error) {
	s, ok := ix.Base.(*Sym)
	if !ok {
		return 0, fmt.Errorf("cannot index %s", String(ix.Base))
	}
	i, err := ev.eval(ix.Sub)
	if err != nil {
		return 0, err
	}
	v, ok := ev.vec(s.Name)
	if !ok {
		return 0, &UnboundError{Name: s.Name}
	}
	k := int(math.Round(i))
	if k < 1 || k > len(v) {
		return 0, fmt.Errorf("index %d of %s is outside 1..%d", k, s.Name, len(v))
	}
	return v[k-1], nil
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
	if lo != math.Trunc(lo) || hi != math.Trunc(hi) || hi-lo >= float64(max) {
		return 0, 0, fmt.Errorf("the range %g..%g of %s is not a range of at most %d integers", lo, hi, b.Op, max)
	}
	return int(lo), int(hi), nil
}

func (ev evaluator) big(b *Big) (float64, error) {
	lo, hi, err := ev.bounds(b)
	if err != nil {
		return 0, err
	}
	acc := 0.0
	if b.Op == "prod" {
		acc = 1
	}
	for i := lo; i <= hi; i++ {
		v, err := ev.bind(b.Index, float64(i)).eval(b.Body)
		if err != nil {
			return 0, err
		}
		if b.Op == "prod" {
			acc *= v
		} else {
			acc += v
		}
	}
	return acc, nil
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
func (ev evaluator) logOf(e Expr) (float64, error) {
	if x, err := ev.eval(e); err == nil && x > 1e-280 && !math.IsInf(x, 1) {
		return math.Log(x), nil
	}
	switch e := e.(type) {
	case *Mul:
		s := 0.0
		for _, f := range e.Factors {
			v, err := ev.logOf(f)
			if err != nil {
				return 0, err
			}
			s += v
		}
		return s, nil
	case *Pow:
		b, err := ev.logOf(e.Base)
		if err != nil {
			return 0, err
		}
		k, err := ev.eval(e.Exp)
		if err != nil {
			return 0, err
		}
		return k * b, nil
	case *Big:
		if e.Op == "prod" {
			return ev.logOfProduct(e)
		}
	case *Call:
		if v, ok, err := ev.logOfVectorDensity(e); ok {
			return v, err
		}
		if d, ok := ev.env.Dens[e.Fn]; ok && len(e.Args) == 1 {
			if v, ok := d.Var.(*Sym); ok {
				x, err := ev.eval(e.Args[0])
				if err == nil {
					return ev.bind(v.Name, x).logOf(d.Body)
				}
			}
		}
		if e.Fn == "MvNormal" {
			return ev.mvnormalLogPdf(e)
		}
		if f, ok := Families[e.Fn]; ok && f.logpdf != nil && len(e.Args) == len(f.Params)+1 {
			vals := make([]float64, len(e.Args))
			for i, a := range e.Args {
				v, err := ev.eval(a)
				if err != nil {
					return 0, err
				}
				vals[i] = v
			}
			return f.logpdf(vals[0], vals[1:]), nil
		}
		switch {
		case e.Fn == "exp" && len(e.Args) == 1:
			return ev.eval(e.Args[0])
		case e.Fn == "sqrt" && len(e.Args) == 1:
			v, err := ev.logOf(e.Args[0])
			return v / 2, err
		}
	}
	x, err := ev.eval(e)
	if err != nil {
		return 0, err
	}
	if x <= 0 {
		return 0, fmt.Errorf("log of a non-positive number (%g) in log(%s)", x, String(e))
	}
	return math.Log(x), nil
}
