package derive

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/klderive/klderive/expr"
)

// A KL divergence or cross-entropy whose finiteness depends on the
// parameters, Uniform(a1, b1) ‖ Uniform(a2, b2) without assumptions, is
// piecewise: where p's support lies inside q's (a2 <= a1 and b1 <= b2) it
// is the formula derived under those conditions, as under the same
// assumptions; elsewhere q vanishes where p does not, and it is +∞. The
// derivation shows the definition, the split into the two cases with its
// reason, and then the finite case derived line by line inside the
// cases. Each case is verified where it holds: the finite one at points
// drawn under its conditions, step by step, and the other by a witness
// (p > 0 and q = 0) at points drawn where each condition fails in turn.

// piecewise derives a goal whose support comparison left the ends open.
func (p *Problem) piecewise(d *Derivation, g *expr.Goal, open []openEnd, opt Options) (*Derivation, error) {
	var when, strict []*expr.Rel
	for _, o := range open {
		when = append(when, &expr.Rel{Op: "<=", L: o.a, R: o.b})
		strict = append(strict, &expr.Rel{Op: "<", L: o.a, R: o.b})
	}
	// The machinery below reads when in the shape the ends gave it;
	// shown is how the result and the lines state it.
	shown := tidyConditions(when, p.Ctx)
	inCase := conditions(shown)
	if _, never, ok := p.emptyCase(when); ok {
		return p.emptyFinite(d, g, when, strict, neverWhy(when, never), opt)
	}
	if r, a, ok := p.excludedCase(when); ok {
		as := "as assumed"
		if !p.isAssumption(a) {
			as = "as the parameters require"
		}
		why := fmt.Sprintf("and %s never holds where %s, %s", expr.String(shownRel(r, p.Ctx)), expr.String(a), as)
		return p.emptyFinite(d, g, when, strict, why, opt)
	}
	if assumed, ok := p.assumedEmpty(when); ok {
		why := fmt.Sprintf("which never hold together where %s, as assumed", conditions(assumed))
		return p.emptyFinite(d, g, when, strict, why, opt)
	}
	// The conditions that still leave a range once a point case is
	// solved; all of them otherwise.
	rest := when
	var fin *Problem
	var err error
	// The problem whose points may reach the case's ends: p itself, or p
	// at the point.
	ends := p
	pins, assumed, pinned := p.pinnedCase(when)
	if pinned {
		var broken *expr.Rel
		fin, rest, broken, err = p.atPins(g.Pos, pins, when)
		if err != nil {
			return nil, caseError(inCase, err)
		}
		if broken != nil {
			why := fmt.Sprintf("%s, where %s fails", pinnedTitle(shown, pins, assumed), expr.String(broken))
			return p.emptyFinite(d, g, when, strict, why, opt)
		}
		if ends, _, _, err = p.atPins(g.Pos, pins, nil); err != nil {
			return nil, caseError(inCase, err)
		}
	} else if fin, err = p.with(g.Pos, strict...); err != nil {
		return nil, err
	}
	if _, gap, still := fin.mismatch(g.Info); gap != nil || len(still) > 0 {
		return nil, &Failure{Msg: fmt.Sprintf("%s: the supports cannot be compared even where %s", expr.String(g.Info), inCase)}
	}
	inner, err := Derive(fin, g, opt)
	if inner == nil {
		return nil, caseError(inCase, err)
	}
	if len(inner.Steps) == 0 || !expr.Equal(inner.Steps[0].Before, d.Start) {
		return nil, &Failure{Msg: fmt.Sprintf("%s: the finite case does not start from the definition", expr.String(g.Info))}
	}
	wrap := func(e expr.Expr) expr.Expr {
		return &expr.Cases{Cases: []expr.Case{{When: shown, Then: e}}, Else: expr.S("inf")}
	}
	def := inner.Steps[0]
	dp := p.Ctx.Densities[g.Info.P]
	x := expr.String(dp.Var)
	title := fmt.Sprintf("split by the supports: %s(%s) vanishes where %s(%s) > 0 unless %s", g.Info.Q, x, g.Info.P, x, inCase)
	if pinned && !(len(assumed) == 0 && p.statesPins(shown, pins)) {
		title += ", " + pinnedTitle(shown, pins, assumed)
	}
	d.Steps = []Step{def, {Rule: "support-cases", Title: title, Before: def.After, After: wrap(def.After)}}
	for _, s := range inner.Steps[1:] {
		d.Steps = append(d.Steps, wrapStep(s, wrap, fin.Assumed))
	}
	d.Result, d.Bound, d.inCase = wrap(inner.Result), inner.Bound, fin
	if err != nil {
		// The finite case failed its check: the derivation is shown up
		// to there, never as verified.
		d.Verification = inner.Verification
		return d, caseError(inCase, err)
	}
	limits, atEnds, err := ends.boundaryLimits(fin, d.Start, inner.Result, rest, opt.Seed, opt.Verify, true)
	if err != nil {
		d.Verification = inner.Verification
		return d, caseError(inCase, err)
	}
	if len(limits) > 0 {
		// Said in the split, before the formulas it is about.
		d.Steps[1].Title += fmt.Sprintf(" (where %s, the formulas of that case are taken as their limits)", strings.Join(limits, " or "))
	}
	if !opt.Verify {
		return d, nil
	}
	lines := []expr.Expr{d.Start}
	for _, s := range d.Steps {
		lines = append(lines, s.After)
	}
	v := inner.Verification
	v.Steps = len(lines) - 1
	if len(limits) > 0 {
		v.Limits = fmt.Sprintf("where %s, the limit of the finite case agrees with direct integration, at %d points", strings.Join(limits, " or "), atEnds)
	}
	// Each condition failing in turn, the others free: a point where p's
	// support reaches past q's at that end, and a witness of +∞ there.
	var fails []string
	witnessed := 0
	for _, r := range strict {
		not := &expr.Rel{Op: "<", L: r.R, R: r.L}
		if _, never := p.excluded(not, true); never {
			// The assumptions keep this condition: it fails nowhere.
			continue
		}
		neg, err := p.with(g.Pos, not)
		if err != nil {
			return nil, err
		}
		_, gap, _ := neg.mismatch(g.Info)
		if gap == nil {
			return d, &Failure{Msg: fmt.Sprintf("%s: where %s, no end of the supports is seen to differ, so the case otherwise is not shown to be +inf", expr.String(g.Info), expr.String(not))}
		}
		w, err := neg.witness(g.Info, gap, lines, opt.Points, opt.Seed)
		if err != nil {
			d.Verification = v
			return d, fmt.Errorf("the case otherwise, where %s: %w", expr.String(not), err)
		}
		witnessed += w.Points
		fails = append(fails, expr.String(shownRel(not, p.Ctx)))
	}
	// In words, not p(x) > 0: a relation in x, set as math, would read
	// as a claim about every x.
	v.Otherwise = fmt.Sprintf("infinite where %s: at each of %d points drawn there, a value of %s was found inside the support of %s and outside that of %s", strings.Join(fails, " or "), witnessed, x, g.Info.P, g.Info.Q)
	d.Verification = v
	return d, nil
}

// caseError says which case a failure is in. A case whose points the
// sampler cannot find, and which emptyCase could not prove empty, is
// shown neither as a formula nor as +∞.
func caseError(inCase string, err error) error {
	var f *Failure
	var few *FewPointsError
	if errors.As(err, &few) {
		return &Failure{Msg: fmt.Sprintf("in the case %s: %s; the case could not be proved empty either, so neither it nor +inf is shown", inCase, few.Error())}
	}
	if errors.As(err, &f) {
		return &Failure{Msg: "in the case " + inCase + ": " + f.Msg}
	}
	return fmt.Errorf("in the case %s: %w", inCase, err)
}

// wrapStep puts a step of the finite case, and its fine steps, inside the
// cases. A side condition that is one of the case's own assumptions says
// so.
func wrapStep(s Step, wrap func(expr.Expr) expr.Expr, assumed []string) Step {
	s.Before, s.After = wrap(s.Before), wrap(s.After)
	s.Because = slices.Clone(s.Because)
	for i, b := range s.Because {
		if fact, ok := strings.CutSuffix(b, " (assumed)"); ok && slices.Contains(assumed, b) {
			s.Because[i] = fact + " (in this case)"
		}
	}
	if len(s.Fine) > 0 {
		fine := make([]Step, len(s.Fine))
		for i, f := range s.Fine {
			fine[i] = wrapStep(f, wrap, assumed)
		}
		s.Fine = fine
	}
	return s
}

// with is the problem with the comparisons rels assumed, strictly, as if
// the file said them at the goal.
func (p *Problem) with(at expr.Pos, rels ...*expr.Rel) (*Problem, error) {
	f := *p.File
	f.Assumptions = slices.Clone(p.File.Assumptions)
	for _, r := range rels {
		f.Assumptions = append(f.Assumptions, &expr.Assumption{Rel: r, Pos: at})
	}
	return Load(&f)
}
