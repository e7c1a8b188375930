package derive

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// A comparison the assumptions rule out: under "assume a < 0" the case
// 0 ≤ 3·a of a piecewise result never holds, and under "assume a <= 0"
// its failing, 1 < 1 + 2·a, never happens. Each is proved as emptyCase
// proves two conditions incompatible: a sum of the comparison's slack and
// an assumption's, with positive weights, that is provably < 0, or ≤ 0
// where either of the two is strict.

// excluded returns the assumption or domain that rules out r (strict: r holds
// with slack > 0), or false when none is seen to.
func (p *Problem) excluded(r *expr.Rel, strict bool) (*expr.Rel, bool) {
	sr, ok := slackOf(r, p.Ctx)
	if !ok {
		return nil, false
	}
	// The assumptions, and the parameters' domains (the width 1 + a > 0
	// of Uniform(a, 1 + 2·a)).
	var given []*expr.Rel
	for _, a := range p.File.Assumptions {
		given = append(given, a.Rel)
	}
	for _, e := range p.Ctx.PositiveExprs {
		if n, ok := rules.Normalize(e, p.Ctx); ok {
			e = n // as a reason reads it: 1 + a > 0, not 1 + 2·a − a > 0
		}
		given = append(given, &expr.Rel{Op: ">", L: e, R: expr.N(0)})
	}
	for _, a := range given {
		sa, ok := slackOf(a, p.Ctx)
		if !ok {
			continue
		}
		either := strict || a.Op == "<" || a.Op == ">"
		for _, w := range weights(sr, sa, p.Ctx) {
			sum, ok := rules.Normalize(expr.Sum(expr.Prod(&expr.Num{Val: w[0]}, sr), expr.Prod(&expr.Num{Val: w[1]}, sa)), p.Ctx)
			if !ok {
				continue
			}
			if _, never := negative(sum, p.Ctx); never || either && nonPositive(sum, p.Ctx) {
				return a, true
			}
		}
	}
	return nil, false
}

// excludedCase returns a condition of when that the assumptions rule
// out, and the assumption that does.
func (p *Problem) excludedCase(when []*expr.Rel) (*expr.Rel, *expr.Rel, bool) {
	for _, r := range when {
		if a, ok := p.excluded(r, false); ok {
			return r, a, true
		}
	}
	return nil, nil, false
}

// isAssumption reports whether r is one of the file's assumptions, not
// a parameter's domain.
func (p *Problem) isAssumption(r *expr.Rel) bool {
	for _, a := range p.File.Assumptions {
		if a.Rel == r {
			return true
		}
	}
	return false
}
