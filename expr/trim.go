package expr

import (
	"math"
	"sync"
)

// A double-exponential rule spends about half its nodes where the
// integrand, weighed by dx/dt, is below 1e-18 of its total: a Gamma
// density below 1e-300 near 0, or underflowed to 0 far out. Once the
// rule trusts its grid (deMinLevel, the level at which agreement may end
// the halving), the t-range that later levels refine is narrowed to
// what lies within a margin of the outermost nodes that matter; beyond
// it the nodes already taken stay in the sum and the new ones are not
// evaluated. Each node left out is taken to be as large as the largest
// node taken beyond the range (the integrand there is a tail, falling
// outward), and that bound is added to the estimate.

const (
	// deNegligible is the part of the sum of |contributions| below which
	// a node does not matter: far below the rounding of the sum (50·eps),
	// so that leaving out thousands of such nodes moves neither the value
	// nor its estimate beyond a few units in the last place.
	deNegligible = 1e-18
	// deMargin is how far, in steps of the level that narrows it, the
	// range reaches beyond the outermost node that matters: a peak or a
	// jump sensed at a node lies within a step of it.
	deMargin = 4
)

// deSeen is a node taken: its t and its contribution jac·(|f| + error).
type deSeen struct{ t, c float64 }

// deTrim is the range of t that a rule still refines, and what it has
// left out.
type deTrim struct {
	lo, hi  float64
	seen    []deSeen
	room    *[]deSeen // where seen came from
	skipped int       // nodes left out
}

// deSeenRoom keeps the room of the nodes taken between integrals, which
// nest (an expectation inside an integrand), hence a pool.
var deSeenRoom = sync.Pool{New: func() any { return new([]deSeen) }}

func newTrim(t [2]float64) deTrim {
	room := deSeenRoom.Get().(*[]deSeen)
	return deTrim{lo: t[0], hi: t[1], seen: (*room)[:0], room: room}
}

// free gives the room back; the trim is not used after.
func (tr *deTrim) free() {
	*tr.room = tr.seen[:0]
	deSeenRoom.Put(tr.room)
	tr.seen, tr.room = nil, nil
}

// takes reports whether a node at t is evaluated, counting it left out
// otherwise.
func (tr *deTrim) takes(t float64) bool {
	if t < tr.lo || t > tr.hi {
		tr.skipped++
		return false
	}
	return true
}

func (tr *deTrim) see(t, c float64) { tr.seen = append(tr.seen, deSeen{t, c}) }

// narrow shrinks the range to deMargin steps h beyond the outermost
// nodes whose contribution is not negligible beside abs, the sum of all
// of them. An integrand negligible everywhere (zero) keeps its range.
func (tr *deTrim) narrow(h, abs float64) {
	first, last := math.Inf(1), math.Inf(-1)
	for _, s := range tr.seen {
		if s.c > deNegligible*abs {
			first, last = math.Min(first, s.t), math.Max(last, s.t)
		}
	}
	if first > last {
		return
	}
	tr.lo, tr.hi = math.Max(tr.lo, first-deMargin*h), math.Min(tr.hi, last+deMargin*h)
}

// bound is the estimate of what the nodes left out would add to the sum
// at step h: each as large as the largest node taken beyond the range.
func (tr *deTrim) bound(h float64) float64 {
	if tr.skipped == 0 {
		return 0
	}
	largest := 0.0
	for _, s := range tr.seen {
		if s.t < tr.lo || s.t > tr.hi {
			largest = math.Max(largest, s.c)
		}
	}
	return float64(tr.skipped) * largest * h
}
