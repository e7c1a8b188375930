package expr

import (
	"errors"
	"fmt"
	"math"
)

// Integers is the discrete support {lo, lo+1, …, hi}; hi may be +∞.
// Support's ends are strict, so they sit half a step outside.
func Integers(lo, hi float64) Support {
	return Support{Lo: lo - 0.5, Hi: hi + 0.5, Discrete: true}
}

// Sums over an infinite support stop where the tail is bounded below
// SeriesTail of the sum of magnitudes, or give up after maxTerms terms.
const (
	// SeriesTail is where the ratio test below cuts a series: its tail
	// is then bounded below this fraction of the sum of magnitudes.
	SeriesTail = 1e-16
	maxTerms   = 100000
	// ratioWindow is how many successive term ratios must all stay below
	// the bound taken for the rest of the series.
	ratioWindow = 8
	// zeroRun is how many exact zeros in a row end a series unsettled,
	// before its terms reach where they overflow.
	zeroRun = 4 * ratioWindow
)

// discrete is E(x ~ p, body) under a family with a discrete support: the
// sum over the support of p(k)·body(k). A finite support is summed
// term by term; an infinite one is cut where a ratio test bounds the
// tail: when the last ratioWindow ratios |t(k+1)/t(k)| are all at most
// ρ < 1, the rest is taken to be at most |t(k)|·ρ/(1 − ρ), a geometric
// series. That bound is added to the error estimate, so that a series
// cut too early shows in the verdict rather than hiding in it.
func (ev evaluator) discrete(name string, dens string, s Support, body Expr) (Value, error) {
	weight := Fn(dens, S(name))
	lo := math.Ceil(s.Lo)
	if lo == s.Lo {
		lo++
	}
	if math.IsInf(lo, 0) {
		return Value{}, fmt.Errorf("a discrete support must have a lower end, not %g", s.Lo)
	}
	l := ev.keptLoop("discrete "+dens, name, compileFrom, func(l *loop) { l.term = l.weighted(weight, body) }, body)
	defer l.free()
	weighted := l.term
	term := func(k float64) (Value, error) {
		l.set(Value{V: k})
		return weighted()
	}
	// A term that is 0 though its weight's logarithm is finite and its
	// body is not 0 is an underflow (codes l.weighted compiled, at the
	// value term last bound).
	logw, b := l.logOf(weight), l.code(body)
	tiny := func() bool {
		w, err := l.run(logw)
		if err != nil || math.IsInf(w.V, 0) || math.IsNaN(w.V) {
			return false
		}
		v, err := l.run(b)
		return err == nil && v.V != 0
	}
	var sum hermiteSum
	if !math.IsInf(s.Hi, 1) {
		for k := lo; k < s.Hi; k++ {
			t, err := term(k)
			if err != nil {
				return Value{}, err
			}
			sum.add(1, t)
		}
		return finiteSum(sum.value(), "the sum over the support of "+Format(body, Unicode))
	}
	v, err := series(lo, term, tiny, "the sum over the support of "+Format(body, Unicode), name)
	var unsettled *unsettledError
	if sum, ok := body.(*Add); ok && errors.As(err, &unsettled) {
		// Terms that cancel, log p(x) − log q(x) of two densities
		// written alike, make a series of exact zeros, whose ratios the
		// test cannot take: by linearity, each term is summed on its
		// own, and the sums are added.
		parts := make([]Value, len(sum.Terms))
		for i, t := range sum.Terms {
			if parts[i], err = ev.discrete(name, dens, s, t); err != nil {
				return Value{}, err
			}
		}
		return add(parts...), nil
	}
	return v, err
}

// unsettledError is a series the ratio test never cut: within maxTerms
// terms, or at a run of exact zeros, whose ratios it cannot take.
type unsettledError struct {
	what  string
	zeros bool
}

func (e *unsettledError) Error() string {
	if e.zeros {
		return fmt.Sprintf("%s did not settle: %d terms in a row are exactly 0, which the ratio test cannot bound", e.what, zeroRun)
	}
	return fmt.Sprintf("%s did not settle within %d terms", e.what, maxTerms)
}

// series sums term(lo) + term(lo + 1) + … until the ratio test above
// bounds the rest below SeriesTail of the sum of magnitudes; the bound is
// part of the error estimate. tiny reports whether the term last
// computed, if 0, is only an underflow of a number below the float64
// range (the first of Poisson(1000)'s, below e^(−745)): such a term is
// not one of a run of exact zeros.
func series(lo float64, term func(k float64) (Value, error), tiny func() bool, what, index string) (Value, error) {
	var sum hermiteSum
	prev := 0.0
	var ratios []float64
	zeros := 0
	for n, k := 0, lo; n < maxTerms; n, k = n+1, k+1 {
		t, err := term(k)
		if err != nil {
			return Value{}, err
		}
		if !t.Finite() {
			return Value{}, fmt.Errorf("the term at %s = %g of %s is not finite (%g)", index, k, what, t.V)
		}
		if zeros = zeros + 1; t.V != 0 || tiny() {
			zeros = 0
		}
		if zeros == zeroRun {
			return Value{}, &unsettledError{what: what, zeros: true}
		}
		sum.add(1, t)
		cur := math.Abs(t.V)
		if prev > 0 {
			ratios = append(ratios, cur/prev)
			if len(ratios) > ratioWindow {
				ratios = ratios[1:]
			}
		}
		prev = cur
		if len(ratios) == ratioWindow {
			rho := 0.0
			for _, r := range ratios {
				rho = math.Max(rho, r)
			}
			if tail := cur * rho / (1 - rho); rho < 1 && tail <= SeriesTail*sum.abs {
				v := sum.value()
				v.Err += tail
				return finiteSum(v, what)
			}
		}
	}
	return Value{}, &unsettledError{what: what}
}

// infiniteSum is sum(k in lo..inf, f), summed as a series.
func (ev evaluator) infiniteSum(b *Big) (Value, error) {
	lo, err := ev.eval(b.Lo)
	if err != nil {
		return Value{}, err
	}
	if lo.V != math.Trunc(lo.V) || math.IsInf(lo.V, 0) {
		return Value{}, fmt.Errorf("the lower end %g of a series is not an integer", lo.V)
	}
	l := ev.newLoop(b.Index)
	body, logBody := l.code(b.Body), l.logOf(b.Body)
	term := func(k float64) (Value, error) {
		l.set(Value{V: k})
		return l.run(body)
	}
	// A positive term has a logarithm where its value underflows; the
	// logarithm of a negative one cannot be taken, and its zeros count
	// as exact.
	tiny := func() bool {
		v, err := l.run(logBody)
		return err == nil && !math.IsInf(v.V, 0) && !math.IsNaN(v.V)
	}
	return series(lo.V, term, tiny, "the series "+Format(b, Unicode), b.Index)
}

// finiteSum reports a sum whose value or estimate is not finite as an
// evaluation error, as the quadratures do.
func finiteSum(v Value, what string) (Value, error) {
	if !v.Finite() {
		return Value{}, fmt.Errorf("%s is not finite (%g ± %g)", what, v.V, v.Err)
	}
	return v, nil
}
