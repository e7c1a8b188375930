package expr

import (
	"fmt"
	"math"
	"sort"
	"sync"
)

// Integrals over an interval or a half-line, by double-exponential rules
// that cope with integrable singularities at the ends (log x or x^(a−1)
// at 0, log(1 − x) at 1): tanh-sinh on a finite interval, exp-sinh on a
// half-line. Each is the trapezoidal rule in a variable t in which the
// integrand falls double-exponentially towards both ends; the step is
// halved (adding only the new nodes) until two successive sums agree to
// the target; from the level the rule first trusts, the halving refines
// only the range where the integrand is not negligible (trim.go). The
// estimate is the last difference, which for these rules far exceeds the
// error of the finer sum, plus a bound on the nodes the trim left out and
// an extrapolation of what lies beyond the outermost nodes: there the
// integrand is taken to follow the power law its last two nodes show, and
// a power law no integral of which converges is reported as divergent.

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
	// dePieces bounds the pieces the breakpoints cut an interval into:
	// each takes at most about 3,500 nodes (a t-range below 14 at the
	// finest step, and the tails), so that one integral stays within
	// MaxNodes, the bound the checker's cost estimate relies on.
	dePieces = 5
	// deTMax bounds |t|: at 7 the distance to an end is exp(−π sinh 7),
	// about 1e-747 of the piece.
	deTMax = 7
)

// IntegrateOver integrates f over the interval from lo to hi, either of
// which may be infinite (the real line, a half-line or an interval), with
// an error estimate. breaks are points inside where f may have a kink or
// a narrow peak (a location, a mode): the interval is cut there. A
// registry of density families calls it to take an expectation over a
// support. An integral that does not converge is a *DivergentError.
func IntegrateOver(lo, hi float64, f func(x float64) (Value, error), breaks ...float64) (Value, error) {
	g := func(x, _, _, _ float64) (Value, error) { return f(x) }
	return intervalIntegral(g, lo, hi, breaks, false, label{text: "the integrand"})
}

// IntegrateOverEnds is IntegrateOver for an integrand that also takes
// the distances x − lo and hi − x, exact near each end (where x itself
// rounds: 1 − d is 1 for d below 1e-16). An integrand that is singular
// at a nonzero end, such as the Beta density's (1 − x)^(b − 1) at 1, is
// resolved only if it is computed from the distance. Its nodes come
// within 1e-300 of every end, where x may round onto the end; f must use
// the distance there.
func IntegrateOverEnds(lo, hi float64, f func(x, fromLo, toHi float64) (Value, error), breaks ...float64) (Value, error) {
	g := func(x, fromLo, toHi, _ float64) (Value, error) { return f(x, fromLo, toHi) }
	return intervalIntegral(g, lo, hi, breaks, true, label{text: "the integrand"})
}

// endIntegrand is an integrand of x, its distances from the ends and
// log x, or NaN where x is not positive or the rule does not have it at
// hand: a grid that is used again keeps its nodes' logarithms, for the
// log x and x^(a − 1) of the integrands, which take one at every node.
type endIntegrand func(x, fromLo, toHi, logX float64) (Value, error)

// intervalIntegral is IntegrateOverEnds, naming the integrand in messages.
// Unless f uses the distances (byDist), the nodes stay far enough from a
// nonzero end that x does not round onto it.
func intervalIntegral(f endIntegrand, lo, hi float64, breaks []float64, byDist bool, name label) (Value, error) {
	switch {
	case math.IsNaN(lo) || math.IsNaN(hi):
		return Value{}, fmt.Errorf("the limits of the integral of %s are not numbers (%g, %g)", name, lo, hi)
	case lo == hi:
		return Value{}, nil
	case lo > hi:
		v, err := intervalIntegral(func(x, fromLo, toHi, logX float64) (Value, error) { return f(x, toHi, fromLo, logX) }, hi, lo, breaks, byDist, name)
		return Value{-v.V, v.Err}, err
	case math.IsInf(lo, -1) && math.IsInf(hi, 1):
		return lineIntegral(func(x float64) (Value, error) { return f(x, math.Inf(1), math.Inf(1), math.NaN()) }, breaks, name)
	}
	cuts := []float64{lo}
	sort.Float64s(breaks)
	for _, b := range breaks {
		last := cuts[len(cuts)-1]
		if b > lo && b < hi && b-last > 1e-9*math.Max(1, math.Abs(b)) && hi-b > 1e-9*math.Max(1, math.Abs(b)) && len(cuts) < dePieces {
			cuts = append(cuts, b)
		}
	}
	cuts = append(cuts, hi)
	var total []Value
	for i := 0; i+1 < len(cuts); i++ {
		v, err := deRule(f, cuts[i], cuts[i+1], lo, hi, byDist, name)
		if err != nil {
			return Value{}, err
		}
		total = append(total, v)
	}
	return add(total...), nil
}

// deNode is a node of a double-exponential rule: x, its distances from
// the ends of the whole interval (exact near an end), its distance d from
// the end the map is built from (for the tails) and dx/dt, at t.
type deNode struct{ t, x, fromLo, toHi, d, jac float64 }

// deMap is the change of variable of one rule.
type deMap func(t float64) deNode

// deRule integrates f over the piece [a, b] of [lo, hi], at most one end
// infinite. Towards low t the nodes approach a (or, on a half-line, its
// finite end); towards high t, b or infinity.
func deRule(f endIntegrand, a, b, lo, hi float64, byDist bool, name label) (Value, error) {
	near := func(end float64) float64 {
		if byDist && (end == lo || end == hi) {
			return deNear
		}
		return math.Max(deNear, 8*eps*math.Abs(end))
	}
	var m deMap
	var t, ends [2]float64
	switch {
	case math.IsInf(b, 1):
		m, ends = expSinh(a, 1, a == lo, lo), [2]float64{a, b}
	case math.IsInf(a, -1):
		m, ends = expSinh(b, -1, b == hi, hi), [2]float64{b, a}
	default:
		m, ends = tanhSinh(a, b, lo, hi), [2]float64{a, b}
		// The distance to an end is about 2r·exp(−π sinh|t|).
		r := (b - a) / 2
		t = [2]float64{-math.Asinh(math.Log(2*r/near(a)) / math.Pi), math.Asinh(math.Log(2*r/near(b)) / math.Pi)}
	}
	if math.IsInf(a, 0) || math.IsInf(b, 0) {
		t = [2]float64{-math.Asinh(-math.Log(near(ends[0])) * 2 / math.Pi), math.Asinh(math.Log(deFar) * 2 / math.Pi)}
	}
	// A piece wider than 1e300 overflows the ratio above; no node beyond
	// |t| = 7 is needed, for there the distance is below 1e-300 of the
	// piece.
	t = [2]float64{math.Max(t[0], -deTMax), math.Min(t[1], deTMax)}
	if !(t[0] < t[1]-1) {
		// An interval within a few roundings of its ends, or ends so
		// large (beyond 1e290) that rounding leaves no room for nodes.
		return Value{}, fmt.Errorf("cannot integrate %s over [%g, %g]: the limits are too large, or too close together, for its nodes", name, a, b)
	}
	var s deSum
	prev := math.NaN()
	g := gridOf(gridKey{a, b, lo, hi, byDist})
	tr := newTrim(t)
	defer tr.free()
	for k := 0; ; k++ {
		h := math.Ldexp(1, -k)
		nodes, logs := g.level(k, m, t)
		for i, n := range nodes {
			if !tr.takes(n.t) {
				continue
			}
			logX := math.NaN()
			if logs != nil {
				logX = logs[i]
			}
			v, err := f(n.x, n.fromLo, n.toHi, logX)
			if err != nil {
				return Value{}, err
			}
			if math.IsNaN(v.V) || math.IsInf(v.V, 0) {
				return Value{}, fmt.Errorf("the integrand is not finite (%g) at x = %.6g", v.V, n.x)
			}
			s.add(n.jac, v)
			tr.see(n.t, n.jac*(math.Abs(v.V)+v.Err))
		}
		cur := s.sum * h
		diff := math.Abs(cur - prev)
		if k >= deMinLevel && diff <= quadRelTol*math.Max(math.Abs(cur), 1e-3*s.abs*h) || k == deLevels {
			return s.value(h, diff+tr.bound(h), f, m, t, ends, lo, hi, name)
		}
		if k >= deMinLevel {
			tr.narrow(h, s.abs)
		}
		prev = cur
	}
}

// tanhSinh maps t to x in the piece (a, b) of [lo, hi]:
// x = c + r·tanh(π/2·sinh t), computed from the nearer end so that nodes
// close to an end keep their distance.
func tanhSinh(a, b, lo, hi float64) deMap {
	r := (b - a) / 2
	return func(t float64) deNode {
		u := math.Pi / 2 * math.Sinh(math.Abs(t))
		e := math.Exp(-2 * u)
		d := r * 2 * e / (1 + e)                                            // r·(1 − tanh u)
		jac := r * math.Pi / 2 * math.Cosh(t) * 4 * e / ((1 + e) * (1 + e)) // r·(π/2)·cosh t·sech² u
		if t < 0 {
			n := deNode{t: t, x: a + d, d: d, jac: jac, fromLo: d, toHi: hi - (a + d)}
			if a != lo {
				n.fromLo = n.x - lo
			}
			return n
		}
		n := deNode{t: t, x: b - d, d: d, jac: jac, fromLo: b - d - lo, toHi: d}
		if b != hi {
			n.toHi = hi - n.x
		}
		return n
	}
}

// expSinh maps t to x on the half-line from end in direction dir (±1):
// x = end + dir·exp(π/2·sinh t). exact says whether end is an end of the
// whole interval, the other end being at infinity; other is that end's
// counterpart, lo or hi.
func expSinh(end, dir float64, exact bool, other float64) deMap {
	return func(t float64) deNode {
		d := math.Exp(math.Pi / 2 * math.Sinh(t))
		n := deNode{t: t, x: end + dir*d, d: d, jac: d * math.Pi / 2 * math.Cosh(t), fromLo: math.Inf(1), toHi: math.Inf(1)}
		from := d
		if !exact {
			from = dir * (n.x - other)
		}
		if dir > 0 {
			n.fromLo = from
		} else {
			n.toHi = from
		}
		return n
	}
}

// deSum accumulates the trapezoidal sum with its error terms.
type deSum struct{ sum, abs, nodeErr float64 }

func (s *deSum) add(jac float64, v Value) {
	s.sum += jac * v.V
	s.abs += jac * math.Abs(v.V)
	s.nodeErr += jac * v.Err
}

// value is the sum at step h with its estimate: diff (the difference of
// the last two levels, and the bound on the nodes a trim left out), the
// node errors, rounding and the two tails.
func (s *deSum) value(h, diff float64, f endIntegrand, m deMap, t, ends [2]float64, lo, hi float64, name label) (Value, error) {
	err := diff + s.nodeErr*h + 50*eps*s.abs*h
	first, last := math.Ceil(t[0]/h)*h, math.Floor(t[1]/h)*h
	for i, tt := range [][2]float64{{first, first + h}, {last, last - h}} {
		tail, e := deTail(f, m(tt[0]), m(tt[1]), ends[i], s.abs*h, lo, hi, name)
		if e != nil {
			return Value{}, e
		}
		err += tail
	}
	return Value{s.sum * h, err}, nil
}

// deTail bounds what lies beyond the outermost node n1 (n2 is one step
// inside): near an end, or far out on a half-line, the integrand is taken
// to follow the power law |f| ∝ d^p that the two nodes show, so that
// beyond the node the integral is |f|·d/|p + 1|. A power law that is not
// integrable there (p ≤ −1 towards an end, p ≥ −1 far out) is a divergent
// integral, unless the integrand is already negligible (beside scale, the
// integral of |f|).
func deTail(f endIntegrand, n1, n2 deNode, end, scale, lo, hi float64, name label) (float64, error) {
	v1, err := f(n1.x, n1.fromLo, n1.toHi, math.NaN())
	if err != nil {
		return 0, err
	}
	v2, err := f(n2.x, n2.fromLo, n2.toHi, math.NaN())
	if err != nil {
		return 0, err
	}
	a1, a2 := math.Abs(v1.V)*n1.d, math.Abs(v2.V)*n2.d
	if a1 == 0 {
		return 0, nil
	}
	if a2 == 0 || n1.d == n2.d {
		return a1, nil
	}
	// p + 1 is the slope of log(|f|·d) against log d; it is positive for
	// an integrable end (d falls outward) and negative for an integrable
	// far tail (d grows outward).
	slope := math.Log(a1/a2) / math.Log(n1.d/n2.d)
	outward := n1.d < n2.d // towards an end
	if outward && slope <= 1e-6 || !outward && slope >= -1e-6 {
		if a1 < 1e-300 {
			return 0, nil
		}
		if a1 < 1e-15*scale {
			// Rounding noise, not a law: a difference of logarithms
			// that cancel at a cut where the integrand changes sign.
			return a1, nil
		}
		why := fmt.Sprintf("its integrand grows at least like 1/|x - %g| towards %g", end, end)
		if !outward {
			why = "its integrand does not decay faster than 1/|x|"
		}
		return 0, &DivergentError{Integrand: name.String(), At: n1.x, Value: a1, Over: fmt.Sprintf("[%g, %g]", lo, hi), Why: why}
	}
	return a1 / math.Abs(slope), nil
}

// Every integral over the same piece has the same nodes: those of a
// Gamma's half-line, or a Beta's interval, are the same at every point
// and for every integrand. A grid keeps the nodes of a piece, level by
// level, for the integrals that follow; the maps behind them cost an
// exp, a sinh and a cosh per node. From a level's second use it keeps
// their logarithms too, for the integrands' log x and x^(a − 1): a piece
// whose ends move with the parameters (a Uniform's support) is used
// once, and its integrals may not take a logarithm at all.

// gridKey is what a piece's nodes depend on.
type gridKey struct {
	a, b, lo, hi float64
	byDist       bool
}

// grid holds the new nodes of each level of one piece, and the
// logarithms of their x (NaN where x is not positive) once asked for
// again.
type grid struct {
	mu     sync.Mutex
	levels [deLevels + 1][]deNode
	logs   [deLevels + 1][]float64
	uses   [deLevels + 1]int
}

// maxGrids bounds the pieces whose nodes are kept; beyond it the grids
// are dropped and kept afresh.
const maxGrids = 16

var grids struct {
	sync.Mutex
	m map[gridKey]*grid
}

// gridOf is the grid of a piece.
func gridOf(k gridKey) *grid {
	grids.Lock()
	defer grids.Unlock()
	if g, ok := grids.m[k]; ok {
		return g
	}
	if grids.m == nil || len(grids.m) >= maxGrids {
		grids.m = map[gridKey]*grid{}
	}
	g := &grid{}
	grids.m[k] = g
	return g
}

// level is the nodes that level k adds, at t = j·2^−k in the range t:
// all of them at level 0, the odd multiples after; and their logarithms,
// nil at the level's first use.
func (g *grid) level(k int, m deMap, t [2]float64) ([]deNode, []float64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.uses[k]++
	switch {
	case g.uses[k] == 1:
		h := math.Ldexp(1, -k)
		step := 1
		if k > 0 {
			step = 2 // only the odd nodes are new
		}
		first := int(math.Ceil(t[0] / h))
		if k > 0 && first%2 == 0 {
			first++
		}
		var nodes []deNode
		for j := first; float64(j)*h <= t[1]; j += step {
			nodes = append(nodes, m(float64(j)*h))
		}
		g.levels[k] = nodes
	case g.logs[k] == nil:
		logs := make([]float64, len(g.levels[k]))
		for i, n := range g.levels[k] {
			logs[i] = math.NaN()
			if n.x > 0 {
				logs[i] = math.Log(n.x)
			}
		}
		g.logs[k] = logs
	}
	return g.levels[k], g.logs[k]
}
