package derive

import (
	"slices"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// What a case's conditions and the assumptions say together. Each says
// its slack is ≥ 0 (> 0 if strict). A sum of slacks with positive
// weights that is provably < 0, or ≤ 0 with a strict one among them,
// shows the case empty; one that is ≤ 0 shows each of its slacks 0. The
// sums tried are the slacks alone, pairs, and pairs with a third whose
// weights cancel a symbol: Uniform(a, 2 − a) inside Uniform(b, b + 2)
// under "assume a <= 0" needs all three, (a − b) + (a + b) + 2·(−a) = 0.

// slackSum is a sum of slacks: which ones (indexes into the relations),
// whether any is strict, and the sum in normal form.
type slackSum struct {
	sum    expr.Expr
	parts  []int
	strict bool
}

// slackSums returns the relations, the conditions when and then the
// file's assumptions, and the sums of their slacks that use at least one
// condition.
func (p *Problem) slackSums(when []*expr.Rel) ([]*expr.Rel, []slackSum) {
	rels := slices.Clone(when)
	for _, a := range p.File.Assumptions {
		rels = append(rels, a.Rel)
	}
	var base []slackSum
	for i, r := range rels {
		if d, ok := slackOf(r, p.Ctx); ok {
			base = append(base, slackSum{sum: d, parts: []int{i}, strict: r.Op == "<" || r.Op == ">"})
		}
	}
	out := slices.Clone(base)
	var pairs []slackSum
	for i := range base {
		for j := i + 1; j < len(base); j++ {
			pairs = append(pairs, p.weighted(base[i], base[j], false)...)
		}
	}
	out = append(out, pairs...)
	for _, pr := range pairs {
		for _, b := range base {
			if !slices.Contains(pr.parts, b.parts[0]) {
				out = append(out, p.weighted(pr, b, true)...)
			}
		}
	}
	kept := out[:0]
	for _, s := range out {
		if s.parts[0] < len(when) {
			kept = append(kept, s)
		}
	}
	return rels, kept
}

// weighted are the sums of a and b with the weights that cancel a
// symbol, and with 1 and 1 unless cancelling only.
func (p *Problem) weighted(a, b slackSum, cancelling bool) []slackSum {
	ws := weights(a.sum, b.sum, p.Ctx)
	if cancelling {
		ws = ws[1:]
	}
	var out []slackSum
	for _, w := range ws {
		sum, ok := rules.Normalize(expr.Sum(expr.Prod(&expr.Num{Val: w[0]}, a.sum), expr.Prod(&expr.Num{Val: w[1]}, b.sum)), p.Ctx)
		if ok {
			parts := append(slices.Clone(a.parts), b.parts...)
			slices.Sort(parts)
			out = append(out, slackSum{sum: sum, parts: parts, strict: a.strict || b.strict})
		}
	}
	return out
}

// assumedEmpty reports whether the conditions when, with the
// assumptions, cannot all hold, and the assumptions the proof used.
func (p *Problem) assumedEmpty(when []*expr.Rel) ([]*expr.Rel, bool) {
	rels, sums := p.slackSums(when)
	for _, s := range sums {
		if _, never := negative(s.sum, p.Ctx); never || s.strict && nonPositive(s.sum, p.Ctx) {
			return assumedIn(rels, s.parts, len(when)), true
		}
	}
	return nil, false
}

// assumedIn are the assumptions among the relations parts names.
func assumedIn(rels []*expr.Rel, parts []int, conditions int) []*expr.Rel {
	var out []*expr.Rel
	for _, i := range parts {
		if i >= conditions && !slices.Contains(out, rels[i]) {
			out = append(out, rels[i])
		}
	}
	return out
}
