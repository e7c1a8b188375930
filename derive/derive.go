package derive

import (
	"errors"
	"fmt"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// Options control a derivation.
type Options struct {
	Verify bool   // check every shown step numerically (on by default in the CLI)
	Points int    // random parameter points per check, MinPoints to MaxPoints; 0 means MinPoints
	Seed   uint64 // seed of the point generator, for reproducible output
	Limits Limits
	// SelfInformation takes an entropy or a cross-entropy through the
	// expected self-information, H(p) = E[I(p)], as seed 003 does,
	// before the logarithm of the density.
	SelfInformation bool
}

// The range of Options.Points: fewer than 8 points make too weak a check,
// and every point costs time and memory, so a huge count could exhaust
// the machine.
const MinPoints, MaxPoints = 8, 10000

// DefaultOptions verify at 8 points with the default limits.
var DefaultOptions = Options{Verify: true, Points: 8, Seed: 1, Limits: DefaultLimits}

// Failure is a derivation the engine could not finish: an expectation it
// cannot take, say. It names what is missing.
type Failure struct{ Msg string }

func (f *Failure) Error() string { return f.Msg }

// Derive derives one goal of a problem.
func Derive(p *Problem, g *expr.Goal, opt Options) (*Derivation, error) {
	if opt.Points == 0 {
		opt.Points = MinPoints
	}
	if opt.Points < MinPoints || opt.Points > MaxPoints {
		return nil, fmt.Errorf("the number of points must be from %d to %d, not %d", MinPoints, MaxPoints, opt.Points)
	}
	if opt.Limits == (Limits{}) {
		opt.Limits = DefaultLimits
	}
	d := &Derivation{Goal: g.Info, Start: g.Info, Givens: p.givens(g.Info), Assumed: p.assumedFor(g.Info)}
	reason, gap, open := p.mismatch(g.Info)
	if gap != nil {
		return p.infinite(d, g.Info, reason, gap, opt)
	}
	if len(open) > 0 {
		return p.piecewise(d, g, open, opt)
	}
	en := &engine{ctx: p.onSupport(g.Info).Memoised(), limits: opt.Limits}
	plan := p.plan(g.Info)
	if g.Info.Kind == "I" {
		plan = p.selfInformationPlan(g.Info)
	}
	if (opt.SelfInformation || g.ViaSelfInformation) && g.Info.Kind == "H" {
		plan = append([]phase{
			{rule: "self-information", set: rules.SelfInformation.Get()[:2], once: true},
			{rule: "self-information-definition", title: "definition of self-information", set: rules.SelfInformation.Get()[2:]},
		}, plan[1:]...)
	}
	result, steps, err := en.run(g.Info, plan)
	if g.Info.Kind == "I" && err == nil && len(steps) > 0 {
		steps = shortest(steps)
		result = steps[len(steps)-1].After
	}
	if err == nil {
		steps, result = withoutRoundTrip(steps, result)
	}
	d.Steps, d.Result = steps, result
	var bound *BoundError
	if errors.As(err, &bound) {
		d.Bound = bound.Msg
	} else if err != nil {
		return nil, err
	}
	if d.Bound == "" {
		if err := p.closed(result); err != nil {
			return nil, err
		}
	}
	// A non-strict assumption admits its end, a1 = 0 of "assume a1 >=
	// 0", where the result may have no value (a1·log a1): there it is
	// its limit, said in the last step and checked as a piecewise
	// result's ends are.
	var ends []string
	atEnds := 0
	if tight := p.nonStrict(result); d.Bound == "" && len(tight) > 0 {
		// The ends are admissible points of the problem without those
		// assumptions, which a point just past an end by rounding fails.
		loose, err := p.without(tight)
		if err != nil {
			return d, err
		}
		ends, atEnds, err = loose.boundaryLimits(p, d.Start, result, tight, opt.Seed, opt.Verify, false)
		if err != nil {
			return d, err
		}
		if len(ends) > 0 {
			d.Steps[len(d.Steps)-1].Title += fmt.Sprintf(" (where %s, its limit)", strings.Join(ends, " or "))
		}
	}
	if opt.Verify {
		lines := []expr.Expr{d.Start}
		for _, s := range d.Steps {
			lines = append(lines, s.After)
		}
		v, err := p.verify(lines, opt.Points, opt.Seed)
		if len(ends) > 0 {
			v.Limits = fmt.Sprintf("where %s, the limit of the result agrees with direct integration, at %d points", strings.Join(ends, " or "), atEnds)
		}
		d.Verification = v
		if err != nil {
			return d, err
		}
	}
	return d, nil
}

// without is the problem without the assumptions rels.
func (p *Problem) without(rels []*expr.Rel) (*Problem, error) {
	f := *p.File
	f.Assumptions = nil
	for _, a := range p.File.Assumptions {
		drop := false
		for _, r := range rels {
			drop = drop || expr.Equal(a.Rel.L, r.L) && expr.Equal(a.Rel.R, r.R) || expr.Equal(a.Rel.L, r.R) && expr.Equal(a.Rel.R, r.L)
		}
		if !drop {
			f.Assumptions = append(f.Assumptions, a)
		}
	}
	return Load(&f)
}

// nonStrict are the non-strict assumptions about the symbols of result
// only, each as L <= R.
func (p *Problem) nonStrict(result expr.Expr) []*expr.Rel {
	used := map[string]bool{}
	for _, s := range expr.Symbols(result) {
		used[s] = true
	}
	var out []*expr.Rel
	for _, a := range p.File.Assumptions {
		r := a.Rel
		if r.Op != "<=" && r.Op != ">=" {
			continue
		}
		if !expr.Any(r, func(n expr.Expr) bool {
			s, ok := n.(*expr.Sym)
			return ok && !used[s.Name] && !expr.IsNumberConstant(s.Name)
		}) {
			if r.Op == ">=" {
				r = &expr.Rel{Op: "<=", L: r.R, R: r.L}
			}
			out = append(out, r)
		}
	}
	return out
}

// closed checks that the result is free of expectations and densities;
// otherwise it says which expectation could not be taken.
func (p *Problem) closed(result expr.Expr) error {
	var stuck expr.Expr
	expr.Any(result, func(n expr.Expr) bool {
		switch n := n.(type) {
		case *expr.Expect:
			stuck = n
			return true
		case *expr.Call:
			if p.Ctx.Densities[n.Fn] != nil {
				stuck = n
				return true
			}
		}
		return false
	})
	if stuck == nil {
		return nil
	}
	if x, ok := stuck.(*expr.Expect); ok {
		dens := p.Ctx.Densities[x.Dist]
		why := "no rule takes this expectation"
		if dens != nil {
			if _, f := expr.FamilyCall(dens.Body); f != nil {
				// A pair of families whose divergence needs a moment
				// with no closed form here (Gamma‖Laplace needs the
				// incomplete Gamma function): said so, never guessed.
				why = fmt.Sprintf("no rule takes it among the moments of the %s distribution, so this pair has no closed form here", f.Name)
			} else if _, isCall := dens.Body.(*expr.Call); !isCall {
				why = fmt.Sprintf("the density %s(%s) = %s is neither a known family (%s) nor recognisably Gaussian",
					dens.Name, expr.String(dens.Var), expr.String(dens.Body), expr.FamilyNames())
			}
		}
		if hint := p.unsignedFactors(x); hint != "" {
			// The moments were never reached: the logarithm stayed whole.
			why = hint
		}
		return &Failure{Msg: fmt.Sprintf("cannot take the expectation %s under %s: %s", expr.String(x), x.Dist, why)}
	}
	return &Failure{Msg: fmt.Sprintf("the density %s is left in the result", expr.String(stuck))}
}

// unsignedFactors says why a logarithm in the stuck expectation may not
// have been expanded: log(a·b) = log(a) + log(b) only for positive
// factors, and a factor free of the variable whose sign is not known
// (a formula's lam in lam·exp(-lam·x)) keeps the logarithm whole. It
// names those factors, with the assumption that would settle them.
func (p *Problem) unsignedFactors(x *expr.Expect) string {
	v := expr.String(x.Var)
	var names []string
	seen := map[string]bool{}
	expr.Any(x.Body, func(n expr.Expr) bool {
		c, ok := n.(*expr.Call)
		if !ok || c.Fn != "log" || len(c.Args) != 1 {
			return false
		}
		factors := []expr.Expr{c.Args[0]}
		if m, ok := c.Args[0].(*expr.Mul); ok {
			factors = m.Factors
		}
		for _, f := range factors {
			if pw, ok := f.(*expr.Pow); ok {
				f = pw.Base
			}
			if _, isNum := f.(*expr.Num); isNum || expr.Uses(f, v) || p.Ctx.IsPositive(f) {
				continue
			}
			if s := expr.String(f); !seen[s] {
				seen[s] = true
				names = append(names, s)
			}
		}
		return false
	})
	if len(names) == 0 {
		return ""
	}
	return fmt.Sprintf("its logarithm is not expanded, since log(a·b) = log(a) + log(b) needs positive factors and %s is not known to be positive (if it is, say so: assume %s > 0)",
		strings.Join(names, ", "), names[0])
}

// givens are the statements of the densities a goal uses, as written.
func (p *Problem) givens(g *expr.Info) []expr.Expr {
	var out []expr.Expr
	for i, name := range []string{g.P, g.Q} {
		if i == 1 && name == g.P {
			break // KL(p ‖ p): p is given once
		}
		if d := p.File.Density(name); d != nil && name != "" {
			out = append(out, &expr.Rel{Op: "=", L: expr.Fn(d.Name, d.Var), R: d.Body})
		}
	}
	return out
}

// infinite is the derivation of a KL divergence or cross-entropy that is
// +∞: its definition, then the support of q missing part of p's, the
// reason shown as the step. It is verified by a witness at every point.
func (p *Problem) infinite(d *Derivation, g *expr.Info, reason string, gap *supportGap, opt Options) (*Derivation, error) {
	en := &engine{ctx: p.Ctx.Memoised(), limits: opt.Limits}
	def, steps, err := en.run(g, []phase{{rule: "definition", set: rules.Definitions.Get(), once: true}})
	if err != nil {
		return nil, err
	}
	inf := expr.S("inf")
	d.Steps = append(steps, Step{Rule: "support-mismatch", Title: reason, Before: def, After: inf})
	d.Result = inf
	if opt.Verify {
		v, err := p.witness(g, gap, []expr.Expr{d.Start, def, inf}, opt.Points, opt.Seed)
		d.Verification = v
		if err != nil {
			return d, err
		}
	}
	return d, nil
}
