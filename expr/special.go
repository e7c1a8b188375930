package expr

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"

	"github.com/klderive/klderive/internal/once"
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
	// exact is set for max and min, which round nothing.
	exact bool
	// sub is the 1-based index of the argument printed as a subscript,
	// the x of I_x(a, b); 0 for none.
	sub int
	// clamp, when set, moves arguments that the error estimate's
	// interval has pushed just outside the domain back onto its edge:
	// the argument itself is inside (its value was checked), so the
	// function's values on the domain bound the error. P(s, x) at x = 0
	// with an estimate of rounding would otherwise be P(s, −ε), NaN.
	clamp func(a []float64)
}

// specialAcc bounds the error of the library routines relative to scale;
// the tests measure them against known values well inside it.
const specialAcc = 1e-14

func relScale(v float64) float64 { return math.Abs(v) }
func absScale(v float64) float64 { return math.Max(1, math.Abs(v)) }
func exactScale(float64) float64 { return 0 }

// lgammaScale is a tenth of absScale: the standard library's log Γ is
// within a few roundings of its value (TestLgammaAccuracy measures it
// within 2.5e-16 of its size up to 1e7), and a Poisson(1000)'s terms, e^(x·log λ − λ −
// log Γ(x + 1)) with log Γ near 6000, turn its absolute error into their
// relative one.
func lgammaScale(v float64) float64 { return absScale(v) / 10 }

var specials = once.Value[map[string]special]{New: func() map[string]special {
	return map[string]special{
		"gamma": {arity: 1, domain: "a positive number", unicode: "Γ", latex: `\Gamma`, scale: relScale,
			f: func(a []float64) (float64, bool) { return math.Gamma(a[0]), a[0] > 0 }},
		"lgamma": {arity: 1, domain: "a positive number", unicode: "log Γ", latex: `\log\Gamma`, logHead: true, scale: lgammaScale,
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
		// The larger and the smaller of two numbers, which the mean absolute
		// deviation about a point needs: the mass below u is P(s, max(u, 0))
		// under a Gamma. They are exact, and moving an argument within its
		// interval moves them no further, so max(u, 0) for u < 0 is 0 with no
		// estimate, and P(s, 0) then none either.
		"max": {arity: 2, domain: "two numbers", unicode: "max", latex: `\max`, scale: exactScale, exact: true,
			f: func(a []float64) (float64, bool) { return math.Max(a[0], a[1]), true }},
		"min": {arity: 2, domain: "two numbers", unicode: "min", latex: `\min`, scale: exactScale, exact: true,
			f: func(a []float64) (float64, bool) { return math.Min(a[0], a[1]), true }},
		// P(s, x) = γ(s, x)/Γ(s), the regularised lower incomplete Gamma
		// function: the mass of a Gamma of shape s and rate 1 below x. It
		// lies in [0, 1], so its error is absolute.
		"gammainc": {arity: 2, domain: "a positive shape and a non-negative number", unicode: "P", latex: `\mathrm{P}`, scale: absScale,
			f: func(a []float64) (float64, bool) {
				if !(a[0] > 0 && a[1] >= 0) {
					return math.NaN(), false
				}
				return mathext.GammaIncReg(a[0], a[1]), true
			},
			clamp: func(a []float64) { a[1] = math.Max(a[1], 0) }},
		// I_x(a, b), the regularised incomplete Beta function: the mass of a
		// Beta(a, b) below x, written with x as a subscript as textbooks do,
		// and taking its arguments in SciPy's order, betainc(a, b, x).
		"betainc": {arity: 3, domain: "two positive shapes and a number in [0, 1]", unicode: "I", latex: `I`, scale: absScale, sub: 3,
			f: func(a []float64) (float64, bool) {
				if !(a[0] > 0 && a[1] > 0 && a[2] >= 0 && a[2] <= 1) {
					return math.NaN(), false
				}
				return mathext.RegIncBeta(a[0], a[1], a[2]), true
			},
			clamp: func(a []float64) { a[2] = math.Min(math.Max(a[2], 0), 1) }},
	}
}}

// IsSpecial reports whether fn names a special function, and its arity.
func IsSpecial(fn string) (int, bool) {
	s, ok := specials.Get()[fn]
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
	through := throughAll
	if s.exact {
		through = spread
	}
	v := through(vals, func(a []float64) float64 {
		if s.clamp != nil {
			a = append([]float64(nil), a...)
			s.clamp(a)
		}
		if r, ok := s.f(a); ok {
			return r
		}
		return math.NaN()
	})
	if math.IsInf(v.V, 0) {
		return Value{}, &overflowError{fmt.Sprintf("%s overflows (%g) in %s", c.Fn, v.V, String(c))}
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
