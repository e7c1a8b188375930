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

// The exponential, the logarithm and a power are taken at every node of
// most quadratures, and through's two extra evaluations at the ends of
// the interval are most of their cost. Where the error is small the
// change over the interval is bounded by the derivative instead, which
// bounds the same quantity (the largest change of f over the interval,
// where through measures it at the ends in rounded arithmetic), and
// elsewhere through measures it as before. The bounds use
// |exp(z) − 1| ≤ |z|(1 + |z|) for |z| ≤ 1 and |log(1 ± r)| ≤ r(1 + r)
// for 0 ≤ r ≤ 1/2; a factor 1 + 8ε covers the rounding of the bound
// itself.

// smallErr is the largest relative change for which the bounds are used.
const smallErr = 1e-3

// boundRound is the factor that covers the rounding of a computed bound.
const boundRound = 1 + 8*eps

// throughExp is through(x, math.Exp): exp(x ± e) − exp(x) is at most
// exp(x)·e(1 + e).
func throughExp(x Value) Value {
	v := math.Exp(x.V)
	if x.Err == 0 {
		return Value{v, eps * math.Abs(v)}
	}
	if e := x.Err; e <= smallErr && v >= minNormal && !math.IsInf(v, 1) {
		return Value{v, v*e*(1+e)*boundRound + eps*v}
	}
	return through(x, math.Exp)
}

// throughLog is through(x, math.Log) for x > 0: log(x ± e) − log(x) is
// log(1 ± r) with r = e/x, at most r(1 + r).
func throughLog(x Value) Value {
	v := math.Log(x.V)
	if x.Err == 0 {
		return Value{v, eps * math.Abs(v)}
	}
	if r := x.Err / x.V; r <= smallErr && x.V >= minNormal && !math.IsInf(x.V, 1) {
		return Value{v, r*(1+r)*boundRound + eps*math.Abs(v)}
	}
	return through(x, math.Log)
}

// throughPow is throughAll of math.Pow at the base b and the exponent k,
// for b > 0: moving k by e multiplies b^k by exp(±e·log b), and moving b
// by the fraction r multiplies it by (1 ± r)^k = exp(k·log(1 ± r)), so
// each argument changes b^k by at most b^k·y(1 + y), y being e·|log b|
// or |k|·r(1 + r).
func throughPow(b, k Value) Value { return throughPowLog(b, k, math.NaN()) }

// throughPowLog is throughPow given log b where it is known (NaN where
// not): the same bits, without taking the logarithm again.
func throughPowLog(b, k Value, logB float64) Value {
	v := math.Pow(b.V, k.V)
	if b.Err == 0 && k.Err == 0 {
		return Value{v, 4 * eps * math.Abs(v)}
	}
	if !(b.V >= minNormal) || math.IsInf(b.V, 1) || math.IsInf(k.V, 0) || math.IsNaN(k.V) || !(v >= minNormal) || math.IsInf(v, 1) {
		return throughAll([]Value{b, k}, func(a []float64) float64 { return math.Pow(a[0], a[1]) })
	}
	change := 0.0
	if k.Err > 0 {
		if math.IsNaN(logB) {
			logB = math.Log(b.V)
		}
		change += k.Err * math.Abs(logB)
	}
	if b.Err > 0 {
		r := b.Err / b.V
		change += math.Abs(k.V) * r * (1 + r)
	}
	// Each y is at most their sum, so Σ y(1 + y) ≤ change·(1 + change).
	if !(change <= smallErr) {
		return throughAll([]Value{b, k}, func(a []float64) float64 { return math.Pow(a[0], a[1]) })
	}
	return Value{v, v*change*(1+change)*boundRound + 4*eps*v}
}

// minNormal is the smallest normal float64: below it a value has lost
// relative precision, and the bounds above do not hold.
const minNormal = 0x1p-1022

// throughAll applies f to several arguments and bounds the error by
// moving each argument to the ends of its interval in turn.
func throughAll(xs []Value, f func([]float64) float64) Value {
	return throughAllIn(make([]float64, len(xs)), xs, f)
}

// throughAllIn is throughAll with vals, of xs's length, as the room for
// f's arguments: a compiled call keeps one, where throughAll would
// allocate at every node (f may keep its argument, for all the compiler
// knows).
func throughAllIn(vals []float64, xs []Value, f func([]float64) float64) Value {
	v := spreadIn(vals, xs, f)
	return Value{v.V, v.Err + 4*eps*math.Abs(v.V)}
}

// spread is throughAll for an f that is exact (max, min): the error is
// only how far the arguments' intervals move it.
func spread(xs []Value, f func([]float64) float64) Value {
	return spreadIn(make([]float64, len(xs)), xs, f)
}

// spreadIn is spread with vals as the room for f's arguments, as in
// throughAllIn.
func spreadIn(vals []float64, xs []Value, f func([]float64) float64) Value {
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
