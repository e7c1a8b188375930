package expr

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
)

// The special functions the densities of the Gamma, Beta and other
// families need. Each is computed by the standard library or gonum's
// mathext, written as a textbook writes it, and defined only where its
// identities hold, and only for positive arguments, which is all the
// families need: there lgamma(a) = log(gamma(a)), and no pole of Γ or ψ
// is near, where the library routines lose their accuracy.

// special is one special function: its number of arguments, its value
// (ok false outside its domain, with what the domain is), and its head in
// Unicode and LaTeX.
type special struct {
	arity   int
	domain  string
	f       func(a []float64) (float64, bool)
	unicode string
	latex   string
	// logHead is set for lgamma and lbeta, which print as "log Γ(a)": a
	// power or factor that follows must not read as part of the log.
	logHead bool
	// scale is how the function's own error grows: relative to its value
	// for Γ and B, which are computed as products or exponentials; for the
	// others relative above 1 and absolute below (they have roots).
	scale func(v float64) float64
}

// specialAcc bounds the error of the library routines relative to scale;
// the tests measure them against known values well inside it.
const specialAcc = 1e-14

func relScale(v float64) float64 { return math.Abs(v) }
func absScale(v float64) float64 { return math.Max(1, math.Abs(v)) }

var specials = map[string]special{
	"gamma": {arity: 1, domain: "a positive number", unicode: "Γ", latex: `\Gamma`, scale: relScale,
		f: func(a []float64) (float64, bool) { return math.Gamma(a[0]), a[0] > 0 }},
	"lgamma": {arity: 1, domain: "a positive number", unicode: "log Γ", latex: `\log\Gamma`, logHead: true, scale: absScale,
		f: func(a []float64) (float64, bool) { v, _ := math.Lgamma(a[0]); return v, a[0] > 0 }},
	"digamma": {arity: 1, domain: "a positive number", unicode: "ψ", latex: `\psi`, scale: absScale,
		f: func(a []float64) (float64, bool) {
			// Outside the domain the recurrence below would count up
			// from a large negative argument (or −∞) for ever.
			if !(a[0] > 0) {
				return math.NaN(), false
			}
			return digamma(a[0]), true
		}},
	// ψ′, the derivative of ψ, as textbooks of the Gamma family write
	// it (Var[log x] = ψ′(a)); \psi' in LaTeX. It is positive, so its
	// error is relative.
	"trigamma": {arity: 1, domain: "a positive number", unicode: "ψ′", latex: `\psi'`, scale: relScale,
		f: func(a []float64) (float64, bool) {
			// The same guard as ψ's: the recurrence would not end.
			if !(a[0] > 0) {
				return math.NaN(), false
			}
			return trigamma(a[0]), true
		}},
	"beta": {arity: 2, domain: "two positive numbers", unicode: "B", latex: `\mathrm{B}`, scale: betaScale,
		f: func(a []float64) (float64, bool) { return math.Exp(mathext.Lbeta(a[0], a[1])), a[0] > 0 && a[1] > 0 }},
	"lbeta": {arity: 2, domain: "two positive numbers", unicode: "log B", latex: `\log\mathrm{B}`, logHead: true, scale: absScale,
		f: func(a []float64) (float64, bool) { return mathext.Lbeta(a[0], a[1]), a[0] > 0 && a[1] > 0 }},
	"erf": {arity: 1, domain: "a number", unicode: "erf", latex: `\operatorname{erf}`, scale: absScale,
		f: func(a []float64) (float64, bool) { return math.Erf(a[0]), true }},
}

// IsSpecial reports whether fn names a special function, and its arity.
func IsSpecial(fn string) (int, bool) {
	s, ok := specials[fn]
	return s.arity, ok
}

// special evaluates a special function. The error estimate moves each
// argument to the ends of its interval; an interval that leaves the
// domain (a pole of Γ) gives an infinite error.
func (ev evaluator) special(s special, c *Call) (Value, error) {
	if len(c.Args) != s.arity {
		return Value{}, fmt.Errorf("%s takes %d argument(s), not %d, in %s", c.Fn, s.arity, len(c.Args), String(c))
	}
	vals, err := ev.evalAll(c.Args)
	if err != nil {
		return Value{}, err
	}
	return s.apply(vals, c)
}

// apply is the special function of the call c at the values of its
// arguments.
func (s special) apply(vals []Value, c *Call) (Value, error) {
	at := make([]float64, len(vals))
	for i, v := range vals {
		at[i] = v.V
	}
	if _, ok := s.f(at); !ok {
		return Value{}, fmt.Errorf("%s takes %s, not %s", c.Fn, s.domain, String(c))
	}
	v := throughAll(vals, func(a []float64) float64 {
		if r, ok := s.f(a); ok {
			return r
		}
		return math.NaN()
	})
	if math.IsInf(v.V, 0) {
		return Value{}, fmt.Errorf("%s overflows (%g) in %s", c.Fn, v.V, String(c))
	}
	v.Err += specialAcc * s.scale(v.V)
	return v, nil
}

// betaScale is for B = exp(log B): the absolute error of log B becomes a
// relative one.
func betaScale(v float64) float64 { return math.Abs(v) * absScale(math.Log(v)) }

// digamma is ψ(x), written here because gonum's is accurate to about
// 1e-10 only. For x > 0, ψ(x) = ψ(x + 1) − 1/x up to x ≥ 10, where the
// asymptotic series
// log x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ) is accurate to rounding.
func digamma(x float64) float64 {
	shift := 0.0
	for x < 10 {
		shift -= 1 / x
		x++
	}
	z := 1 / (x * x)
	// The Bernoulli terms B₂ₖ/(2k), k = 1..7, by Horner's rule in 1/x².
	series := z * (1.0/12 - z*(1.0/120-z*(1.0/252-z*(1.0/240-z*(1.0/132-z*(691.0/32760-z/12))))))
	return shift + math.Log(x) - 1/(2*x) - series
}

// trigamma is ψ′(x) for x > 0, in the manner of digamma: the recurrence
// ψ′(x) = ψ′(x + 1) + 1/x² up to x ≥ 10, then the asymptotic series
// 1/x + 1/(2x²) + Σ B₂ₖ/x^(2k+1), accurate to rounding there. The shift
// and the leading terms are positive, so no cancellation loses digits.
func trigamma(x float64) float64 {
	shift := 0.0
	for x < 10 {
		shift += 1 / (x * x)
		x++
	}
	z := 1 / (x * x)
	// The Bernoulli terms B₂ₖ, k = 1..7, by Horner's rule in 1/x².
	series := z * (1.0/6 - z*(1.0/30-z*(1.0/42-z*(1.0/30-z*(5.0/66-z*(691.0/2730-z*7/6))))))
	return shift + (1+1/(2*x)+series)/x
}
