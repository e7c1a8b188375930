package derive

import (
	"fmt"
	"math"

	"github.com/klderive/klderive/expr"
)

// Agreement is the outcome of comparing two numeric values that carry
// error estimates.
type Agreement int

const (
	// Agree: the values differ by less than the tolerance even at the
	// far ends of their error estimates, or are the same infinity.
	Agree Agreement = iota
	// Differ: they differ by more than the tolerance plus their error
	// estimates, or are opposite infinities.
	Differ
	// Inconclusive: the numbers cannot tell: a NaN, one side infinite, a
	// value too large for the tolerance to mean anything, or a difference
	// within the error estimates.
	Inconclusive
)

// MaxMagnitude is the largest size of a value that is compared. Beyond
// it a relative tolerance of 1e-7 is far above the rounding of the terms
// that made the value, so agreement would prove little.
const MaxMagnitude = 1e12

// Compare compares a and b with the tolerance tol, relative for values
// above 1 in size and absolute below (the measure of RelErr). When the
// result is Inconclusive, why says what stood in the way.
func Compare(a, b expr.Value, tol float64) (res Agreement, why string) {
	switch {
	case math.IsNaN(a.V) || math.IsNaN(b.V):
		return Inconclusive, "a side is not a number (NaN)"
	case math.IsInf(a.V, 0) && math.IsInf(b.V, 0):
		if a.V == b.V {
			return Agree, ""
		}
		return Differ, ""
	case math.IsInf(a.V, 0) || math.IsInf(b.V, 0):
		return Inconclusive, "one side is infinite and the other is not (an overflow?)"
	case math.Abs(a.V) > MaxMagnitude || math.Abs(b.V) > MaxMagnitude:
		return Inconclusive, fmt.Sprintf("the values are too large (above %.0e) for the tolerance to mean anything", MaxMagnitude)
	}
	scale := math.Max(1, math.Max(math.Abs(a.V), math.Abs(b.V)))
	d, e := math.Abs(a.V-b.V), a.Err+b.Err
	switch {
	case math.IsNaN(e):
		return Inconclusive, "the error estimate is unknown"
	case d+e <= tol*scale:
		return Agree, ""
	case d-e > tol*scale:
		return Differ, ""
	}
	return Inconclusive, "the difference is within the numeric error estimate"
}

// CompareOrder compares a ≤ b in the same way: Agree when it holds even
// at the far ends of the error estimates, Differ when it fails there too.
func CompareOrder(a, b expr.Value, tol float64) (Agreement, string) {
	if !a.Finite() || !b.Finite() || math.Abs(a.V) > MaxMagnitude || math.Abs(b.V) > MaxMagnitude {
		return Inconclusive, "a side is not a finite number with a finite error estimate"
	}
	slack := tol * math.Max(1, math.Abs(b.V))
	e := a.Err + b.Err
	switch {
	case a.V+e <= b.V+slack:
		return Agree, ""
	case a.V-e > b.V+slack:
		return Differ, ""
	}
	return Inconclusive, "the difference is within the numeric error estimate"
}

// PlusMinus prints a value with its error estimate, v ± err.
func PlusMinus(v expr.Value) string {
	return fmt.Sprintf("%.10g ± %.2g", v.V, v.Err)
}
