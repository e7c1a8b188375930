package expr

import (
	"fmt"
	"math"
	"sort"
)

// Integrals over an interval or a half-line, by double-exponential rules
// that cope with integrable singularities at the ends (log x or x^(a−1)
// at 0, log(1 − x) at 1): tanh-sinh on a finite interval, exp-sinh on a
// half-line. Each is the trapezoidal rule in a variable t in which the
// integrand falls double-exponentially towards both ends; the step is
// halved (adding only the new nodes) until two successive sums agree to
// the target. The estimate is the last difference, which for these rules
// far exceeds the error of the finer sum, plus an extrapolation of what
// lies beyond the outermost nodes: there the integrand is taken to follow
// the power law its last two nodes show, and a power law no integral of
// which converges is reported as divergent.

const (
	// deLevels bounds the halvings of the step, from 1 to 2^-deLevels.
	deLevels = 8
	// deMinLevel is the first level at which agreement ends the halving,
	// so that a coarse grid cannot agree with itself by luck.
	deMinLevel = 3
	// deFar is the far end of a half-line's nodes, measured from its
	// finite end: beyond it the tail is extrapolated.
	deFar = 1e30
	// deNear is the closest a node comes to an end at 0.
	deNear = 1e-300
)

// IntegrateOver integrates f over the interval from lo to hi, either of
// which may be infinite (the real line, a half-line or an interval), with
// an error estimate. breaks are points inside where f may have a kink or
// a narrow peak (a location, a mode): the interval is cut there. A
// registry of density families calls it to take an expectation over a
// support. An integral that does not converge is a *DivergentError.
func IntegrateOver(lo, hi float64, f func(x float64) (Value, error), breaks ...float64) (Value, error) {
	return intervalIntegral(f, lo, hi, breaks, "the integrand")
}

// intervalIntegral is IntegrateOver, naming the integrand in messages.
func intervalIntegral(f integrand, lo, hi float64, breaks []float64, name string) (Value, error) {
	switch {
	case math.IsNaN(lo) || math.IsNaN(hi):
		return Value{}, fmt.Errorf("the limits of the integral of %s are not numbers (%g, %g)", name, lo, hi)
	case lo == hi:
		return Value{}, nil
	case lo > hi:
		v, err := intervalIntegral(f, hi, lo, breaks, name)
		return Value{-v.V, v.Err}, err
	case math.IsInf(lo, -1) && math.IsInf(hi, 1):
		return lineIntegral(f, breaks, name)
	}
	cuts := []float64{lo}
	sort.Float64s(breaks)
	for _, b := range breaks {
		last := cuts[len(cuts)-1]
		if b > lo && b < hi && b-last > 1e-9*math.Max(1, math.Abs(b)) && hi-b > 1e-9*math.Max(1, math.Abs(b)) && len(cuts) <= maxBreaks {
			cuts = append(cuts, b)
		}
	}
	cuts = append(cuts, hi)
	var total []Value
	for i := 0; i+1 < len(cuts); i++ {
		v, err := deRule(f, cuts[i], cuts[i+1], name)
		if err != nil {
			return Value{}, err
		}
		total = append(total, v)
	}
	return add(total...), nil
}

// deMap is the change of variable of one double-exponential rule: the
// node x, its distance from the end it approaches (for the tails) and
// dx/dt.
type deMap func(t float64) (x, dist, jac float64)

// deRule integrates f over [a, b], at most one end infinite.
func deRule(f integrand, a, b float64, name string) (Value, error) {
	near := func(end float64) float64 { return math.Max(deNear, 8*eps*math.Abs(end)) }
	var m deMap
	var tlo, thi float64
	switch {
	case math.IsInf(b, 1):
		m = expSinh(a, 1)
		tlo, thi = -math.Asinh(-math.Log(near(a))*2/math.Pi), math.Asinh(math.Log(deFar)*2/math.Pi)
	case math.IsInf(a, -1):
		m = expSinh(b, -1)
		tlo, thi = -math.Asinh(math.Log(deFar)*2/math.Pi), math.Asinh(-math.Log(near(b))*2/math.Pi)
	default:
		r := (b - a) / 2
		m = tanhSinh(a, b)
		// The distance to an end is about 2r·exp(−π sinh|t|).
		tlo = -math.Asinh(math.Log(2*r/near(a)) / math.Pi)
		thi = math.Asinh(math.Log(2*r/near(b)) / math.Pi)
	}
	var s deSum
	prev := math.NaN()
	for k := 0; k <= deLevels; k++ {
		h := math.Ldexp(1, -k)
		step := 1
		if k > 0 {
			step = 2 // only the odd nodes are new
		}
		first := int(math.Ceil(tlo / h))
		if k > 0 && first%2 == 0 {
			first++
		}
		for j := first; float64(j)*h <= thi; j += step {
			x, _, jac := m(float64(j) * h)
			v, err := f(x)
			if err != nil {
				return Value{}, err
			}
			if math.IsNaN(v.V) || math.IsInf(v.V, 0) {
				return Value{}, fmt.Errorf("the integrand is not finite (%g) at x = %.6g", v.V, x)
			}
			s.add(jac, v)
		}
		cur := s.sum * h
		if k >= deMinLevel && math.Abs(cur-prev) <= quadRelTol*math.Max(math.Abs(cur), 1e-3*s.abs*h) {
			return s.value(h, math.Abs(cur-prev), f, m, [2]float64{tlo, thi}, [2]float64{a, b}, name)
		}
		if k == deLevels {
			return s.value(h, math.Abs(cur-prev), f, m, [2]float64{tlo, thi}, [2]float64{a, b}, name)
		}
		prev = cur
	}
	panic("unreachable")
}

// tanhSinh maps t to x in (a, b): x = c + r·tanh(π/2·sinh t), computed
// from the nearer end so that nodes close to an end keep their distance.
func tanhSinh(a, b float64) deMap {
	r := (b - a) / 2
	return func(t float64) (float64, float64, float64) {
		u := math.Pi / 2 * math.Sinh(math.Abs(t))
		e := math.Exp(-2 * u)
		d := r * 2 * e / (1 + e)                                            // r·(1 − tanh u)
		jac := r * math.Pi / 2 * math.Cosh(t) * 4 * e / ((1 + e) * (1 + e)) // r·(π/2)·cosh t·sech² u
		if t < 0 {
			return a + d, d, jac
		}
		return b - d, d, jac
	}
}

// expSinh maps t to x on the half-line from end in direction dir (±1):
// x = end + dir·exp(π/2·sinh t).
func expSinh(end, dir float64) deMap {
	return func(t float64) (float64, float64, float64) {
		d := math.Exp(math.Pi / 2 * math.Sinh(t))
		return end + dir*d, d, d * math.Pi / 2 * math.Cosh(t)
	}
}

// deSum accumulates the trapezoidal sum with its error terms.
type deSum struct{ sum, abs, nodeErr float64 }

func (s *deSum) add(jac float64, v Value) {
	s.sum += jac * v.V
	s.abs += jac * math.Abs(v.V)
	s.nodeErr += jac * v.Err
}

// value is the sum at step h with its estimate: the difference of the
// last two levels, the node errors, rounding and the two tails.
func (s *deSum) value(h, diff float64, f integrand, m deMap, t, ends [2]float64, name string) (Value, error) {
	err := diff + s.nodeErr*h + 50*eps*s.abs*h
	over := fmt.Sprintf("[%g, %g]", ends[0], ends[1])
	first, last := math.Ceil(t[0]/h)*h, math.Floor(t[1]/h)*h
	for i, tt := range [][2]float64{{first, first + h}, {last, last - h}} {
		tail, e := deTail(f, m, tt[0], tt[1], ends[i], over, name)
		if e != nil {
			return Value{}, e
		}
		err += tail
	}
	return Value{s.sum * h, err}, nil
}

// deTail bounds what lies beyond the outermost node (at t, with t2 one
// step inside): near an end, or far out on a half-line, the integrand is
// taken to follow the power law |f| ∝ dist^p that the two nodes show, so
// that beyond the node the integral is |f|·dist/|p + 1|. A power law that
// is not integrable there (p ≤ −1 towards an end, p ≥ −1 far out) is a
// divergent integral, unless the integrand is already negligible.
func deTail(f integrand, m deMap, t, t2, end float64, over, name string) (float64, error) {
	x1, d1, _ := m(t)
	_, d2, _ := m(t2)
	v1, err := f(x1)
	if err != nil {
		return 0, err
	}
	x2, _, _ := m(t2)
	v2, err := f(x2)
	if err != nil {
		return 0, err
	}
	a1, a2 := math.Abs(v1.V)*d1, math.Abs(v2.V)*d2
	if a1 == 0 {
		return 0, nil
	}
	if a2 == 0 || d1 == d2 {
		return a1, nil
	}
	// p + 1 is the slope of log(|f|·dist) against log dist; it is positive
	// for an integrable end (dist falls outward) and negative for an
	// integrable far tail (dist grows outward).
	slope := math.Log(a1/a2) / math.Log(d1/d2)
	outward := d1 < d2 // towards an end
	if outward && slope <= 1e-6 || !outward && slope >= -1e-6 {
		if a1 < 1e-300 {
			return 0, nil
		}
		why := fmt.Sprintf("its integrand grows at least like 1/|x - %g| towards %g", end, end)
		if !outward {
			why = "its integrand does not decay faster than 1/|x|"
		}
		return 0, &DivergentError{Integrand: name, At: x1, Value: a1, Over: over, Why: why}
	}
	return a1 / math.Abs(slope), nil
}
