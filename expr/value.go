package expr

import "math"

// Value is a number with a bound on its absolute error: the evaluator's
// answer is V, and the true value of the expression lies within Err of it
// as far as the quadrature's error estimates and first-order propagation
// through arithmetic can tell. Err is +Inf when nothing can be said (an
// integrand the rules cannot bound); a value with an infinite V is exact
// only as "infinite".
type Value struct{ V, Err float64 }

// eps is the unit roundoff of float64.
const eps = 0x1p-52

// exact is a value with only its own rounding as error.
func exact(v float64) Value { return Value{v, eps * math.Abs(v)} }

// Rel is the error estimate relative to the value, absolute below 1: the
// measure every numeric check uses.
func (x Value) Rel() float64 { return x.Err / math.Max(1, math.Abs(x.V)) }

// Finite reports whether the value and its error estimate are finite.
func (x Value) Finite() bool {
	return !math.IsNaN(x.V) && !math.IsInf(x.V, 0) && !math.IsNaN(x.Err) && !math.IsInf(x.Err, 0)
}

// add is the sum of values: errors add, plus the rounding of the sum.
func add(xs ...Value) Value {
	s, e, mag := 0.0, 0.0, 0.0
	for _, x := range xs {
		s += x.V
		e += x.Err
		mag += math.Abs(x.V)
	}
	return Value{s, e + float64(len(xs))*eps*mag}
}

// mul is the product of values: each factor's error times the size of
// the others, plus rounding.
func mul(xs ...Value) Value {
	p := 1.0
	for _, x := range xs {
		p *= x.V
	}
	e := 0.0
	for i, x := range xs {
		if x.Err == 0 {
			continue
		}
		rest := 1.0
		for j, y := range xs {
			if j != i {
				rest *= math.Abs(y.V)
			}
		}
		e += x.Err * rest
	}
	return Value{p, e + float64(len(xs))*eps*math.Abs(p)}
}

// through applies a monotone-on-pieces function f to x and bounds the
// error by f at the ends of x's interval: exact for monotone f, and a
// first-order estimate otherwise. An interval that leaves f's domain
// gives an infinite error.
func through(x Value, f func(float64) float64) Value {
	v := f(x.V)
	if x.Err == 0 {
		return Value{v, eps * math.Abs(v)}
	}
	e := 0.0
	for _, at := range []float64{x.V - x.Err, x.V + x.Err} {
		d := math.Abs(f(at) - v)
		if math.IsNaN(d) {
			d = math.Inf(1)
		}
		e = math.Max(e, d)
	}
	return Value{v, e + eps*math.Abs(v)}
}

// throughAll applies f to several arguments and bounds the error by
// moving each argument to the ends of its interval in turn.
func throughAll(xs []Value, f func([]float64) float64) Value {
	v := spread(xs, f)
	return Value{v.V, v.Err + 4*eps*math.Abs(v.V)}
}

// spread is throughAll for an f that is exact (max, min): the error is
// only how far the arguments' intervals move it.
func spread(xs []Value, f func([]float64) float64) Value {
	vals := make([]float64, len(xs))
	for i, x := range xs {
		vals[i] = x.V
	}
	v := f(vals)
	e := 0.0
	for i, x := range xs {
		if x.Err == 0 {
			continue
		}
		worst := 0.0
		for _, at := range []float64{x.V - x.Err, x.V + x.Err} {
			vals[i] = at
			d := math.Abs(f(vals) - v)
			if math.IsNaN(d) {
				d = math.Inf(1)
			}
			worst = math.Max(worst, d)
		}
		vals[i] = x.V
		e += worst
	}
	return Value{v, e}
}
