package derive

import (
	"fmt"
	"strings"

	"github.com/klderive/klderive/expr"
)

// A piecewise term inside a derivation, such as the mean absolute
// deviation of a LogNormal about a point of either sign, is checked in
// each of its cases only if the points reach each case. Points drawn from
// the domains may all fall in one (a point u ≤ 0 when u is drawn
// positive, say), so the points of a derivation with piecewise terms are
// topped up, from a further reproducible draw, until every case of every
// piecewise term is taken at a few of them.

// perCase is the number of points each case of a piecewise term needs
// in a derivation's checks.
const perCase = 2

// casePool is how many further points, per point asked for, are drawn
// in search of the cases the first points missed.
const casePool = 32

// caseSpreads are the factors by which the further draws spread the
// values, one draw each until every case has its points.
var caseSpreads = []float64{1, 4, 16}

// coverCases returns envs with points added until every case of every
// piecewise term of xs is taken at per of them, and says how many
// points took each case. A case that no point of the further draw takes
// is an error: it would be shown without a check.
func (p *Problem) coverCases(envs []*expr.Env, per int, seed uint64, xs []expr.Expr) ([]*expr.Env, string, error) {
	terms := piecewiseTerms(xs)
	if len(terms) == 0 {
		return envs, "", nil
	}
	counts := make([][]int, len(terms))
	for i, cs := range terms {
		counts[i] = make([]int, len(cs.Cases)+1)
	}
	// taken is the case of each term a point takes, or false where a
	// condition cannot be decided there.
	taken := func(env *expr.Env) ([]int, bool) {
		ks := make([]int, len(terms))
		for i, cs := range terms {
			k, err := expr.Taken(cs, env)
			if err != nil {
				return nil, false
			}
			ks[i] = k
		}
		return ks, true
	}
	count := func(ks []int) {
		for i, k := range ks {
			counts[i][k]++
		}
	}
	out := append([]*expr.Env(nil), envs...)
	for _, env := range envs {
		if ks, ok := taken(env); ok {
			count(ks)
		}
	}
	drawn := len(envs)
	// The further draws spread wider in turn: a case a − 2 > 0 needs a
	// beyond the usual range.
	syms := conditionSymbols(terms)
	for _, spread := range caseSpreads {
		if covered(counts, per) {
			break
		}
		pool := p.drawSpread(casePool*max(len(envs), 1), seed^0x63617365, xs, spreading{factor: spread, syms: syms})
		drawn += len(pool)
		for _, env := range pool {
			ks, ok := taken(env)
			if !ok || !needs(counts, ks, per) {
				continue
			}
			count(ks)
			out = append(out, env)
			if covered(counts, per) {
				break
			}
		}
	}
	// A case that the wider draws miss still, one whose conditions are
	// narrow together, is drawn from its conditions, solved.
	for i, cs := range terms {
		for k, c := range cs.Cases {
			if counts[i][k] >= per {
				continue
			}
			pool := p.solvedCase(casePool, seed^0x736f6c7665, c.When, xs)
			drawn += len(pool)
			for _, env := range pool {
				if ks, ok := taken(env); ok && needs(counts, ks, per) {
					count(ks)
					out = append(out, env)
				}
			}
		}
	}
	var summary []string
	for i, cs := range terms {
		for k, n := range counts[i] {
			name := "otherwise"
			if k < len(cs.Cases) {
				name = conditions(cs.Cases[k].When)
			}
			if n < per {
				return out, "", fmt.Errorf("the case %s of a piecewise term is taken at %d of %d points drawn, fewer than %d, so it would not be verified",
					name, n, drawn, per)
			}
			summary = append(summary, fmt.Sprintf("%s at %d", name, n))
		}
	}
	return out, "cases taken: " + strings.Join(summary, ", "), nil
}

// conditionSymbols are the symbols the cases of the terms are
// conditions on.
func conditionSymbols(terms []*expr.Cases) map[string]bool {
	out := map[string]bool{}
	for _, cs := range terms {
		for _, c := range cs.Cases {
			for _, r := range c.When {
				for _, s := range expr.Symbols(r) {
					out[s] = true
				}
			}
		}
	}
	return out
}

// needs reports whether a point taking the cases ks takes one that
// still needs points.
func needs(counts [][]int, ks []int, per int) bool {
	for i, k := range ks {
		if counts[i][k] < per {
			return true
		}
	}
	return false
}

// covered reports whether every case has its points.
func covered(counts [][]int, per int) bool {
	for _, cs := range counts {
		for _, n := range cs {
			if n < per {
				return false
			}
		}
	}
	return true
}

// piecewiseTerms lists the piecewise terms of xs with distinct
// conditions, in order: the same term before and after a step that
// rewrites its values takes its cases at the same points.
func piecewiseTerms(xs []expr.Expr) []*expr.Cases {
	var out []*expr.Cases
	seen := map[string]bool{}
	for _, x := range xs {
		expr.Any(x, func(n expr.Expr) bool {
			cs, ok := n.(*expr.Cases)
			if !ok {
				return false
			}
			var conds []string
			for _, c := range cs.Cases {
				conds = append(conds, conditions(c.When))
			}
			if key := strings.Join(conds, "; "); !seen[key] {
				seen[key] = true
				out = append(out, cs)
			}
			return false
		})
	}
	return out
}

// boundaryGap is how far from tight, in units of the end's size (at
// least 1), a boundary point puts its condition: well beyond rounding,
// and close enough that a case that ends elsewhere is crossed.
const boundaryGap = 1e-3

// BoundaryPoints are points just inside and just outside each condition
// of the piecewise terms of xs: up to per points of each case among
// envs, each moved along a symbol until the condition is within
// boundaryGap of tight, on either side (as the ends of a finite case are
// found, tight). A claim whose case ends where the truth does not is
// wrong on one side of its end, in a band that points drawn at random
// may all miss: "if t ≤ 0 and 3t + a² ≥ 0" for the true 2t + a² ≥ 0 is
// wrong only where −a²/2 ≤ t < −a²/3. The points are the caller's own.
func (p *Problem) BoundaryPoints(envs []*expr.Env, per int, xs ...expr.Expr) []*expr.Env {
	var out []*expr.Env
	for _, cs := range piecewiseTerms(xs) {
		for k, c := range cs.Cases {
			for _, r := range c.When {
				moved := 0
				for _, env := range envs {
					if moved == per {
						break
					}
					if at, err := expr.Taken(cs, env); err != nil || at != k {
						continue
					}
					for _, gap := range []float64{boundaryGap, -boundaryGap} {
						if at, _, ok := p.tight(env, []*expr.Rel{r}, nil, gap); ok {
							out = append(out, at)
						}
					}
					moved++
				}
			}
		}
	}
	return out
}
