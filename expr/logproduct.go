package expr

import (
	"math"
)

// A product whose factors are finite numbers may still overflow, or
// underflow, as a float64 while its value is an ordinary number: a
// Poisson(200) term 200^x·e^(−200)·log Γ(x + 1)/Γ(x + 1) at x = 134 has
// 200^x = +Inf and, from x = 171, 1/Γ(x + 1) = 0, so the direct product
// is +Inf or NaN though the term is about 1e-10. There the product is
// taken again in log space: the sum of the logarithms of the magnitudes
// of its factors, computed as logOf computes them (log Γ for Γ, x·log b
// for b^x), with their signs multiplied apart.

// overflowError is a special function whose value is too large for a
// float64 (Γ(x + 1) from x = 171): as a factor of a product it is taken
// in log space, and alone it is the error it says.
type overflowError struct{ msg string }

func (e *overflowError) Error() string { return e.msg }

// overflowed reports whether err is a factor's overflow, which the
// product may take in log space. It unwraps by hand: errors.As with a
// pointer target allocates at every call, and a checked document asks
// this of every failed evaluation.
func overflowed(err error) bool {
	for err != nil {
		if _, ok := err.(*overflowError); ok {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, e := range u.Unwrap() {
				if overflowed(e) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// needsLogSpace reports whether p, the direct product of vs, is not to
// be trusted: not finite, or zero though no factor is.
func needsLogSpace(p Value, vs []Value) bool {
	if !p.Finite() {
		return true
	}
	if p.V != 0 {
		return false
	}
	for _, v := range vs {
		if v.V == 0 {
			return false
		}
	}
	return true
}

// logSpaceProduct is the product of factors whose direct values are vs,
// from the logarithms of their magnitudes: a factor with a finite,
// non-zero value gives log|v| and its sign; any other gives logOf(i), the
// logarithm its expression has where its value overflows or underflows,
// and must be positive. A factor that is 0 and has no such logarithm
// (log Γ(1), or an underflow logOf cannot see past) makes the product
// 0, within its estimate, at most the smallest float64 above zero, times
// the rest. It reports false where a factor has no logarithm (a NaN, an
// overflow of a negative number) or the rest is not finite, and the
// caller keeps the direct product.
func logSpaceProduct(vs []Value, logOf func(i int) (Value, error)) (Value, bool) {
	var buf [8]Value
	logs := buf[:0]
	sign, zero := 1.0, 1.0 // zero < 1: the bound on the product of the zero factors
	for i, v := range vs {
		if v.V != 0 && !math.IsInf(v.V, 0) && !math.IsNaN(v.V) {
			a := Value{math.Abs(v.V), v.Err}
			l := Value{math.Log(a.V), math.Inf(1)}
			if a.Err < a.V {
				l = throughLog(a)
			}
			logs = append(logs, l)
			if v.V < 0 {
				sign = -sign
			}
			continue
		}
		l, err := logOf(i)
		switch {
		case v.V == 0 && (err != nil || math.IsInf(l.V, -1)):
			zero *= math.SmallestNonzeroFloat64 + v.Err
			continue
		case err != nil || math.IsNaN(l.V):
			return Value{}, false
		}
		logs = append(logs, l)
	}
	p := throughExp(add(logs...))
	if math.IsNaN(p.V) || zero < 1 && !p.Finite() {
		return Value{}, false
	}
	if zero < 1 {
		return Value{0, zero * (p.V + p.Err)}, true
	}
	return Value{sign * p.V, p.Err}, true
}

// product is the product of the factors xs in ev, in log space where
// the direct one is not to be trusted or a factor overflows; the error
// of such a factor stands if the log space cannot take it either.
func (ev evaluator) product(xs []Expr) (Value, error) {
	var buf [8]Value
	vs := buf[:0]
	var over error
	for _, x := range xs {
		v, err := ev.eval(x)
		if overflowed(err) {
			if over == nil {
				over = err
			}
			v, err = Value{V: math.Inf(1)}, nil
		}
		if err != nil {
			return Value{}, err
		}
		vs = append(vs, v)
	}
	p := mul(vs...)
	if over == nil && !needsLogSpace(p, vs) {
		return p, nil
	}
	if q, ok := logSpaceProduct(vs, func(i int) (Value, error) { return ev.logOf(xs[i]) }); ok {
		return q, nil
	}
	if over != nil {
		return Value{}, over
	}
	return p, nil
}
