package expr

import (
	"container/heap"
	"fmt"
	"math"
	"sort"
)

// Adaptive Gauss–Kronrod quadrature over the real line, with an error
// estimate. The line is cut at breakpoints (kinks of abs, roots and
// vertices of the integrand's linear and quadratic parts, a density's
// mean), each piece is cut again in decades away from its breakpoint so
// that features at every scale are sampled, and the two infinite rays are
// mapped onto finite intervals. Then the interval with the largest error
// estimate is bisected until the estimates add up to less than the
// target or the budget is spent. A piece's estimate is |K15 − G7|, the
// difference between the 15-point Kronrod rule and the 7-point Gauss rule
// it extends: it bounds the error of the weaker rule, so it is a cautious
// bound for the Kronrod value that is returned.

// Kronrod nodes on [-1, 1] (the positive half, then 0) and weights; the
// Gauss weights belong to the odd-indexed Kronrod nodes and 0.
var (
	kronrodX = [8]float64{
		0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
		0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
		0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
		0.207784955007898467600689403773245, 0,
	}
	kronrodW = [8]float64{
		0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
		0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
		0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
		0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
	}
	gaussW = [4]float64{
		0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
		0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
	}
)

const (
	// quadRelTol is the relative accuracy the adaptive rule aims for.
	quadRelTol = 1e-12
	// quadMaxPieces bounds the pieces of one integral, so that an
	// integrand the rule cannot resolve costs a bounded amount of work.
	quadMaxPieces = 600
	// MaxNodes bounds the evaluations of its integrand that one integral
	// over the real line takes: every piece, each of 15 nodes, and the
	// probes of the tails.
	MaxNodes = 15*(2*quadMaxPieces) + 4
	// rayStart and rayEnd are the first and last decade cut away from a
	// breakpoint; beyond rayEnd a ray is mapped onto a finite interval.
	rayStart, rayEnd = -6, 8
	// maxBreaks bounds the breakpoints: each cuts up to 2·15 pieces, and
	// the first cut must leave most of quadMaxPieces for refinement.
	maxBreaks = 12
)

// DivergentError is an integral over the real line that does not
// converge: its integrand does not decay faster than 1/|x|.
type DivergentError struct {
	Integrand string
	At, Value float64 // where |x·f(x)| was seen large, and that value
	// Over and Why describe an integral over an interval or half-line,
	// "[0, 1]" and why it diverges; both are empty for the real line.
	Over, Why string
}

func (e *DivergentError) Error() string {
	if e.Over != "" {
		return fmt.Sprintf("the integral of %s over %s diverges: %s (at x = %.3g, |(x - end)·f(x)| = %.3g)", e.Integrand, e.Over, e.Why, e.At, e.Value)
	}
	return fmt.Sprintf("the integral of %s over the real line diverges: its integrand does not decay faster than 1/|x| (at x = %.3g, |x·f(x)| = %.3g)",
		e.Integrand, e.At, e.Value)
}

// label names an integrand in messages: an expression, printed only
// when a message is written (printing it for every integral would cost
// more than a fast one takes), or a fixed text.
type label struct {
	e    Expr
	text string
}

func (l label) String() string {
	if l.e != nil {
		return Format(l.e, Unicode)
	}
	return l.text
}

// integrand is a function to integrate, returning its value with an
// error estimate.
type integrand func(x float64) (Value, error)

// segment is a finite interval [lo, hi] of a variable t, with the map
// from t to x and its Jacobian.
type segment struct {
	lo, hi float64
	x      func(t float64) (x, jac float64)
}

// piece is a subinterval of a segment with its Kronrod estimate.
type piece struct {
	seg          *segment
	lo, hi       float64
	val, err     float64 // Kronrod value, |K − G|
	abs, nodeErr float64 // ∫|f| by the Kronrod rule; Σ w·|f's own error|
}

type pieces []*piece

func (h pieces) Len() int           { return len(h) }
func (h pieces) Less(i, j int) bool { return h[i].err > h[j].err }
func (h pieces) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *pieces) Push(x any)        { *h = append(*h, x.(*piece)) }
func (h *pieces) Pop() any {
	old := *h
	p := old[len(old)-1]
	*h = old[:len(old)-1]
	return p
}

// lineIntegral integrates f over the real line. name describes the
// integrand for a divergence message.
func lineIntegral(f integrand, breaks []float64, name label) (Value, error) {
	breaks = cleanBreaks(breaks)
	if err := checkTails(f, breaks, name); err != nil {
		return Value{}, err
	}
	var h pieces
	for _, s := range segments(breaks) {
		p, err := kronrod(f, s, s.lo, s.hi)
		if err != nil {
			return Value{}, err
		}
		h = append(h, p)
	}
	heap.Init(&h)
	for len(h) < quadMaxPieces {
		val, errSum, abs := totals(h)
		if errSum <= quadRelTol*math.Max(math.Abs(val), 1e-3*abs) || errSum == 0 {
			break
		}
		worst := h[0]
		if worst.hi-worst.lo < 1e3*eps*math.Max(math.Abs(worst.lo), math.Abs(worst.hi)) {
			// So narrow that its nodes would round onto its ends (a
			// singularity there): the estimate stays as it is.
			break
		}
		heap.Pop(&h)
		mid := (worst.lo + worst.hi) / 2
		for _, part := range [][2]float64{{worst.lo, mid}, {mid, worst.hi}} {
			p, err := kronrod(f, worst.seg, part[0], part[1])
			if err != nil {
				return Value{}, err
			}
			heap.Push(&h, p)
		}
	}
	val, errSum, abs := totals(h)
	nodeErr := 0.0
	for _, p := range h {
		nodeErr += p.nodeErr
	}
	return Value{val, errSum + nodeErr + 50*eps*abs}, nil
}

func totals(h pieces) (val, err, abs float64) {
	for _, p := range h {
		val += p.val
		err += p.err
		abs += p.abs
	}
	return val, err, abs
}

// kronrod applies the 15-point rule to f on [lo, hi] of segment s.
func kronrod(f integrand, s *segment, lo, hi float64) (*piece, error) {
	c, r := (lo+hi)/2, (hi-lo)/2
	p := &piece{seg: s, lo: lo, hi: hi}
	gauss := 0.0
	// Nodes 0..7 are the positive half and the centre; 8..14 mirror 0..6.
	for i := range 15 {
		k, sign := i, 1.0
		if i >= 8 {
			k, sign = i-8, -1
		}
		x, jac := s.x(c + sign*r*kronrodX[k])
		v, err := f(x)
		if err != nil {
			return nil, err
		}
		if math.IsNaN(v.V) || math.IsInf(v.V, 0) {
			return nil, fmt.Errorf("the integrand is not finite (%g) at x = %.6g", v.V, x)
		}
		w := r * jac
		p.val += w * kronrodW[k] * v.V
		p.abs += w * kronrodW[k] * math.Abs(v.V)
		p.nodeErr += w * kronrodW[k] * v.Err
		if k%2 == 1 {
			gauss += w * gaussW[k/2] * v.V
		}
	}
	p.err = math.Abs(p.val - gauss)
	return p, nil
}

// cleanBreaks sorts the finite breakpoints and drops near-duplicates; a
// line without any is cut at 0.
func cleanBreaks(bs []float64) []float64 {
	var out []float64
	for _, b := range bs {
		if !math.IsNaN(b) && !math.IsInf(b, 0) && math.Abs(b) < 1e12 {
			out = append(out, b)
		}
	}
	sort.Float64s(out)
	var kept []float64
	for _, b := range out {
		if len(kept) == 0 || b-kept[len(kept)-1] > 1e-9*math.Max(1, math.Abs(b)) {
			kept = append(kept, b)
		}
	}
	if len(kept) == 0 {
		kept = []float64{0}
	}
	if len(kept) > maxBreaks {
		// Keep the outermost and an even spread between, so that the
		// first cut stays within the budget of pieces.
		spread := make([]float64, maxBreaks)
		for i := range spread {
			spread[i] = kept[i*(len(kept)-1)/(maxBreaks-1)]
		}
		kept = spread
	}
	return kept
}

// segments cuts the line at the breakpoints: between two of them, each
// half is cut in decades away from its breakpoint; beyond the outermost,
// the rays are cut in decades up to 10^rayEnd and then mapped onto [0, 1).
func segments(breaks []float64) []*segment {
	var out []*segment
	linear := func(a, b float64) *segment {
		return &segment{lo: a, hi: b, x: func(t float64) (float64, float64) { return t, 1 }}
	}
	// decades cuts [b, b+h] (h of either sign, |h| possibly infinite) at
	// b ± 10^j.
	decades := func(b, h float64) {
		prev, sign := 0.0, math.Copysign(1, h)
		for j := rayStart; j <= rayEnd; j++ {
			d := math.Pow(10, float64(j))
			if d >= math.Abs(h) {
				break
			}
			out = append(out, linear(math.Min(b+sign*prev, b+sign*d), math.Max(b+sign*prev, b+sign*d)))
			prev = d
		}
		if !math.IsInf(h, 0) {
			out = append(out, linear(math.Min(b+sign*prev, b+h), math.Max(b+sign*prev, b+h)))
			return
		}
		// The ray beyond b ± prev: x = b ± prev/(1 − t), t in [0, 1), which
		// turns a tail falling like 1/x² into a constant.
		out = append(out, &segment{lo: 0, hi: 1, x: func(t float64) (float64, float64) {
			u := 1 - t
			return b + sign*prev/u, prev / (u * u)
		}})
	}
	decades(breaks[0], math.Inf(-1))
	for i := 0; i+1 < len(breaks); i++ {
		half := (breaks[i+1] - breaks[i]) / 2
		decades(breaks[i], half)
		decades(breaks[i+1], -half)
	}
	decades(breaks[len(breaks)-1], math.Inf(1))
	return out
}

// checkTails reports a divergent integral: one whose integrand, far out
// on either ray, is not finite or does not fall faster than 1/|x|.
func checkTails(f integrand, breaks []float64, name label) error {
	for _, side := range []float64{-1, 1} {
		b := breaks[0]
		if side > 0 {
			b = breaks[len(breaks)-1]
		}
		var g [2]float64
		var x float64
		for i, d := range []float64{1e10, 1e16} {
			x = b + side*d
			v, err := f(x)
			if err != nil {
				return err
			}
			g[i] = math.Abs(x * v.V)
			if math.IsNaN(g[i]) || math.IsInf(g[i], 0) {
				return &DivergentError{Integrand: name.String(), At: x, Value: g[i]}
			}
		}
		// Over six decades |x·f(x)| should fall by far more than half.
		if g[1] > 0 && g[1] >= g[0]/2 {
			return &DivergentError{Integrand: name.String(), At: x, Value: g[1]}
		}
	}
	return nil
}
