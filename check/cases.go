package check

import (
	"fmt"
	"math"
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// A link with a piecewise side, KL(p ‖ q) = {f if a ≤ b; ∞ otherwise},
// is judged case by case. The ordinary comparison keeps only the points
// where both sides are finite numbers, which here are the points of the
// finite case alone: a wrong condition would pass unseen. So at every
// point each piecewise side takes its case; two finite values are
// compared as numbers, two +∞ agree, a finite value against +∞ is
// wrong, and a side that is not piecewise equated to a case +∞ needs the
// witness of judgeInfinite at that point (p > 0 and q = 0); the same
// witness against a finite case makes the link wrong. Every case
// of every piecewise side must be met at minPoints points at least;
// otherwise the link is not checked.

// piecewise is x as a piecewise expression, if it is one.
func piecewise(x expr.Expr) (*expr.Cases, bool) {
	cs, ok := x.(*expr.Cases)
	return cs, ok
}

// sideAt is the value of a side at point i: for a piecewise side, that
// of the case it takes, whose index it also returns (-1 otherwise).
func (n *numeric) sideAt(x expr.Expr, i int) (expr.Value, int, error) {
	cs, ok := piecewise(x)
	if !ok {
		v, err := n.at(n.series(x), i)
		return v, -1, err
	}
	k, err := expr.Taken(cs, n.envs[i])
	if err != nil {
		return expr.Value{}, -1, err
	}
	branch := cs.Else
	if k < len(cs.Cases) {
		branch = cs.Cases[k].Then
	}
	if isInfinity(branch) {
		return expr.Value{V: math.Inf(1)}, k, nil
	}
	v, err := n.at(n.series(branch), i)
	return v, k, err
}

// judgeCases judges a link one side of which is piecewise.
func (n *numeric) judgeCases(l *Link) sample {
	var s sample
	l.Status = Unchecked
	if l.Op != "=" {
		l.Reason = "only an equation with a piecewise side is checked"
		return s
	}
	sides := []expr.Expr{l.L, l.R}
	witnessed, checked := 0, 0
	var counts map[int]int // the points in each case of a piecewise side
	doubt := ""
	// Candidate points are tried until each case has Points of them, not
	// the first Points only, so that a case of little probability under
	// the sampler still gets its points.
	perCase := [2]map[int]int{{}, {}}
	for i := 0; i < len(n.envs); i++ {
		switch {
		case n.boundary[n.envs[i]]:
		case enough(l, perCase):
			continue // only the points beside the ends are left to judge
		case n.full(sides, perCase, i):
			continue // its cases have their points: a rarer case needs more
		}
		var vals [2]expr.Value
		var errs [2]error
		for j, x := range sides {
			var k int
			vals[j], k, errs[j] = n.sideAt(x, i)
			if k >= 0 && errs[j] == nil {
				perCase[j][k]++
			}
		}
		linf, rinf := math.IsInf(vals[0].V, 1) && errs[0] == nil, math.IsInf(vals[1].V, 1) && errs[1] == nil
		switch {
		case linf && rinf:
			witnessed++
		case linf || rinf:
			other, oerr := 1, errs[1]
			if rinf {
				other, oerr = 0, errs[0]
			}
			if _, isCases := piecewise(sides[other]); isCases || oerr == nil {
				if oerr != nil {
					l.Reason = fmt.Sprintf("the %s side cannot be evaluated: %s", sideName(other), evalMessage(oerr))
					return s
				}
				// A finite value where the other side takes its case +∞:
				// the finite points agree or not, the case ends elsewhere.
				l.Status = Wrong
				l.Witness = &Witness{Point: n.point(l, i), Left: vals[0].V, Right: vals[1].V}
				l.Diagnosis = "one side is +∞ there and the other finite: a case's conditions are not where it holds"
				return s
			}
			p, q, _, ok := divergencePair(asExpectation(sides[other]))
			if !ok {
				l.Reason = "a side equated to a case ∞ is checked only when it is a KL divergence or cross-entropy of two densities"
				return s
			}
			if !n.gapAt(i, p, q) {
				l.Reason = fmt.Sprintf("no interval where %s > 0 and %s = 0 was found at a point of the case ∞, so ∞ is not shown there", p, q)
				return s
			}
			witnessed++
		case errs[0] != nil || errs[1] != nil:
			j := 0
			if errs[0] == nil {
				j = 1
			}
			// A divergence that is +∞ here, by its witness, against the
			// other side's finite case is wrong.
			if p, q, _, ok := divergencePair(asExpectation(sides[j])); ok && errs[1-j] == nil {
				if n.gapAt(i, p, q) {
					vals[j] = expr.Value{V: math.Inf(1)}
					l.Status = Wrong
					l.Witness = &Witness{Point: n.point(l, i), Left: vals[0].V, Right: vals[1].V}
					return s
				}
			}
			l.Reason = fmt.Sprintf("the %s side cannot be evaluated: %s", sideName(j), evalMessage(errs[j]))
			return s
		default:
			res, why := derive.Compare(vals[0], vals[1], tolerance)
			switch {
			case res == derive.Differ:
				l.Status = Wrong
				l.Witness = &Witness{Point: n.point(l, i), Left: vals[0].V, Right: vals[1].V}
				return s
			case res == derive.Inconclusive && doubt == "":
				doubt = fmt.Sprintf("numerically inconclusive: %s (left = %s, right = %s)", why, derive.PlusMinus(vals[0]), derive.PlusMinus(vals[1]))
			}
			s.idx = append(s.idx, i)
			s.l, s.r = append(s.l, vals[0].V), append(s.r, vals[1].V)
			s.lv, s.rv = append(s.lv, vals[0]), append(s.rv, vals[1])
			s.entries = append(s.entries, "")
		}
		checked++
	}
	for j, x := range sides {
		if cs, ok := piecewise(x); ok {
			if missed := unseen(cs, perCase[j]); missed != "" {
				l.Reason = fmt.Sprintf("fewer than %d points were drawn in the case %s of the %s side, so it is not checked", minPoints, missed, sideName(j))
				return s
			}
			counts = perCase[j]
		}
	}
	switch {
	case doubt != "":
		l.Reason = doubt
	case checked < minPoints:
		l.Reason = fmt.Sprintf("only %d admissible points were found", checked)
	default:
		l.Status, l.Points = OK, checked
		l.Cases = "by case: " + caseCounts(piecewiseSide(l), counts, n.pinnedAt)
	}
	return s
}

// piecewiseSide is the piecewise side of a link, the right one if both
// are.
func piecewiseSide(l *Link) *expr.Cases {
	if cs, ok := piecewise(l.R); ok {
		return cs
	}
	cs, _ := piecewise(l.L)
	return cs
}

// caseCounts says how many points fell in each case of cs: "8 where
// a₂ ≤ a₁ and b₁ ≤ b₂, 40 otherwise", and where a case that holds at a
// single point holds, from pinnedAt: "16 where 0 ≤ a and a + 1 ≤ 1 (at
// a = 0)".
func caseCounts(cs *expr.Cases, counts map[int]int, pinnedAt map[string]string) string {
	var out []string
	for k, c := range cs.Cases {
		s := fmt.Sprintf("%d where %s", counts[k], conditions(c))
		if at, ok := pinnedAt[conditions(c)]; ok {
			s += " (at " + at + ")"
		}
		out = append(out, s)
	}
	return strings.Join(append(out, fmt.Sprintf("%d otherwise", counts[len(cs.Cases)])), ", ")
}

// conditions writes a case's conditions in Unicode.
func conditions(c expr.Case) string {
	conds := make([]string, len(c.When))
	for i, r := range c.When {
		conds[i] = expr.Format(r, expr.Unicode)
	}
	return strings.Join(conds, " and ")
}

// enough reports whether every case of the piecewise sides has Points
// points.
func enough(l *Link, perCase [2]map[int]int) bool {
	for j, x := range []expr.Expr{l.L, l.R} {
		if cs, ok := piecewise(x); ok {
			for k := 0; k <= len(cs.Cases); k++ {
				if perCase[j][k] < Points {
					return false
				}
			}
		}
	}
	return true
}

// full reports whether the cases the piecewise sides take at point i
// have Points points already.
func (n *numeric) full(sides []expr.Expr, perCase [2]map[int]int, i int) bool {
	for j, x := range sides {
		if cs, ok := piecewise(x); ok {
			k, err := expr.Taken(cs, n.envs[i])
			if err != nil || perCase[j][k] < Points {
				return false
			}
		}
	}
	return true
}

func sideName(j int) string { return [2]string{"left", "right"}[j] }

// unseen names a case of cs that fewer than minPoints points took, or
// is "".
func unseen(cs *expr.Cases, count map[int]int) string {
	for k, c := range cs.Cases {
		if count[k] < minPoints {
			return conditions(c)
		}
	}
	if count[len(cs.Cases)] < minPoints {
		return "otherwise"
	}
	return ""
}

// asExpectation writes a negated expectation, −E_p[log q], as the
// expectation of the negation, E_p[−log q], the cross-entropy's form.
func asExpectation(x expr.Expr) expr.Expr {
	m, ok := x.(*expr.Mul)
	if !ok || len(m.Factors) != 2 || !expr.IsInt(m.Factors[0], -1) {
		return x
	}
	if e, ok := m.Factors[1].(*expr.Expect); ok {
		return &expr.Expect{Var: e.Var, Dist: e.Dist, Body: expr.Neg(e.Body)}
	}
	return x
}

// gapKey is a density pair at a point.
type gapKey struct {
	p, q string
	i    int
}

// gapAt is gapWitness at point i, found once per pair and point: the
// links of a piecewise derivation ask it again and again.
func (n *numeric) gapAt(i int, p, q string) bool {
	k := gapKey{p, q, i}
	if found, ok := n.gaps[k]; ok {
		return found
	}
	if n.gaps == nil {
		n.gaps = map[gapKey]bool{}
	}
	_, found := gapWitness(n.envs[i], p, q)
	n.gaps[k] = found
	return found
}
