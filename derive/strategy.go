package derive

import (
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"
	"github.com/klderive/klderive/rules"
)

// phase is one shown line of a derivation: a group name, what the reader
// sees, and the rules it runs. The order of phases is the strategy; the
// rules themselves say only what is true.
type phase struct {
	rule, title string
	set         rules.Set
	once        bool
	root        bool // apply once to the whole term only
	// quiet: shown only where it joins logarithms, writes out one a
	// textbook does not write, or shortens the line (simpler); a
	// discrete result already collected keeps its form.
	quiet bool
}

// plan is the rhythm of a hand derivation of an information quantity of
// Gaussians: definition, substitute the densities, expand the logarithms,
// linearity of expectation, Gaussian moments, then collect.
func (p *Problem) plan(g *expr.Info) []phase {
	if p.allDiscrete(g) {
		fams := p.families(g)
		return discretePlan(fams, p.expectationFamilies(g, fams), g != nil && p.finiteSupport(g.P), g != nil && p.shortSupport(g.P))
	}
	var out []phase
	out = append(out, phase{rule: "definition", set: rules.Definitions.Get(), once: true})
	if len(p.Recognised) > 0 {
		names := map[string]bool{}
		var said []string
		for _, n := range sortedKeys(p.Recognised) {
			names[n] = true
			c := p.Recognised[n]
			spread := " and variance "
			if _, f := expr.FamilyCall(c); f != nil && f.Multivariate {
				spread = " and covariance "
			}
			said = append(said, n+" is Gaussian with mean "+expr.String(c.Args[1])+spread+expr.String(c.Args[2]))
		}
		title := strings.Join(said, "; ") + " (its log-density is quadratic in " + expr.String(p.Ctx.Densities[sortedKeys(p.Recognised)[0]].Var) + ")"
		if p.multivariate() {
			title = strings.Join(said, "; ") + " (its formula is the multivariate Gaussian density)"
		}
		out = append(out, phase{rule: "recognise-gaussian", title: title, set: rules.Recognised(names, title)})
	}
	if p.multivariate() {
		return append(out, p.mvPlan()...)
	}
	fams := p.families(g)
	var densities, powers, moments rules.Set
	var names []string
	for _, f := range fams {
		densities, powers, moments = join(densities, f.Density), join(powers, f.Powers), join(moments, f.Moments)
		names = append(names, f.Name)
	}
	expand := rules.Expand.Get()
	if len(fams) != 1 || !fams[0].Gaussian {
		// A density that is a product of factors of the variable
		// (b^a·x^(a−1)·e^(−bx)) is taken apart factor by factor, and a
		// literal parameter leaves a special function at a number,
		// Γ(2), whose exact value is written at once.
		expand = join(expand, rules.Set{rules.LogProduct.Get()}, rules.SpecialValues.Get())
	}
	out = append(out,
		// A density that is 1, Uniform(x; m, m + 1), leaves log(1), and
		// a Gamma(1/2, s^2) leaves (s^2)^(1/2), which a person writes
		// as 0 and s as the density is written in.
		phase{rule: "substitute-densities", title: "substitute the densities", set: join(rules.Substitute.Get(), densities, rules.Set{rules.LogOne.Get(), rules.RootOfSquare.Get()})},
		phase{rule: "expand-logarithms", title: "expand the logarithms", set: expand},
		phase{rule: "linearity-of-expectation", title: "linearity of expectation", set: join(rules.Linearity.Get()[:4], rules.Set{rules.NegateSum.Get()})},
		// Shown only when an absolute value has a sign the support
		// gives (|x| = x under a Gamma) or a coefficient to take out
		// (|2x − 1| = 2|x − 1/2|); what that leaves is taken apart by
		// linearity again.
		phase{rule: "absolute-values", title: "absolute values of known sign; linearity", set: join(rules.Absolute.Get(), rules.Linearity.Get()[:4], rules.Set{rules.NegateSum.Get()})},
		// Shown only when an integrand is a polynomial no moment rule
		// takes as written, such as (2*x - 1)^2.
		phase{rule: "expand-in-powers", title: "expand in powers of the variable; linearity", set: join(powers, rules.Linearity.Get()[:3])},
		// A moment at a compound parameter, ψ(a) − log b at b = exp(c),
		// or at a number, ψ′(1), is written out as it lands, and so is
		// an absolute value whose sign the context gives: a uniform's
		// E|x| on (1, s + 1) leaves |s + 1|, which is s + 1.
		phase{rule: momentsRule(fams), title: momentsTitle(p.expectationFamilies(g, fams)), set: join(moments, rules.Set{rules.LogExp.Get(), rules.ExpProduct.Get()}, rules.SpecialValues.Get(), rules.Absolute.Get()[:2])},
	)
	if p.onSimplex() {
		// A Dirichlet's moments leave the textbook's sums over the
		// coordinates; expanding them would merge them into one sum too
		// wide for a line, so only sums with a common factor are joined.
		return append(out, phase{rule: "collect-sums", title: "collect the sums over the coordinates", set: rules.CollectSums.Get(), root: true})
	}
	out = append(out,
		phase{rule: "simplify", title: "expand, cancel and collect like terms", set: rules.Algebra.Get(), root: true},
		phase{rule: "gamma-recurrence", title: "recurrence of the Gamma function, Γ(a + 1) = a·Γ(a)", set: rules.Set{rules.GammaRatio.Get()}, root: true},
		phase{rule: "textbook-form", title: "collect into textbook form", set: rules.Presentation.Get(), root: true},
	)
	return out
}

// families are the scalar families of the densities of the goal (of
// every density when g is nil), by name; densities that are formulas
// only (recognised as Gaussian) have the Gaussian's.
func (p *Problem) families(g *expr.Info) []*family.Family {
	named := map[string]bool{}
	if g != nil {
		// The goal's own densities, without a walk over the file's.
		for _, name := range []string{g.P, g.Q} {
			if d := p.Ctx.Densities[name]; d != nil {
				named[p.familyName(d)] = true
			}
		}
	} else {
		for _, d := range p.Ctx.Densities {
			named[p.familyName(d)] = true
		}
	}
	out := family.Select(func(f *expr.Family) bool { return named[f.Name] })
	if len(out) == 0 {
		out = append(out, family.Gaussian(false))
	}
	return out
}

// expectationFamilies are the families whose moments the moments line
// can use: every expectation of KL(p‖q), H(p) and H(p, q) is under p, so
// q's family lends its density but no moment, and naming it would credit
// the line with identities it did not use. A p without a family of its
// own (a formula density) keeps the families of the goal.
func (p *Problem) expectationFamilies(g *expr.Info, fams []*family.Family) []*family.Family {
	if g == nil {
		return fams
	}
	d := p.Ctx.Densities[g.P]
	if d == nil {
		return fams
	}
	name := p.familyName(d)
	for _, f := range fams {
		if f.Name == name {
			return []*family.Family{f}
		}
	}
	return fams
}

// familyName is the family of density d ("" for a formula that is no
// family call): the Gaussian a formula was recognised as, and for a
// product over coordinates the family of its factor.
func (p *Problem) familyName(d *expr.Density) string {
	body := d.Body
	if c, ok := p.Recognised[d.Name]; ok {
		body = c
	}
	if b, ok := body.(*expr.Big); ok && b.Op == "prod" {
		body = b.Body
	}
	if _, f := expr.FamilyCall(body); f != nil {
		return f.Name
	}
	return ""
}

// momentsTitle names the moments line after the families present: "Gaussian
// moments", "moments of the Gamma distribution", "moments of the
// Exponential and Gamma distributions".
func momentsTitle(fams []*family.Family) string {
	if len(fams) == 1 && fams[0].Gaussian {
		return "Gaussian moments"
	}
	var names []string
	for _, f := range fams {
		names = append(names, f.Name)
		if f.Gaussian {
			names[len(names)-1] = "Gaussian"
		}
	}
	if len(names) == 1 {
		return "moments of the " + names[0] + " distribution"
	}
	return "moments of the " + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1] + " distributions"
}

// momentsRule is the stable name of the moments line: "gaussian-moments"
// as before, otherwise "moments".
func momentsRule(fams []*family.Family) string {
	if len(fams) == 1 && fams[0].Gaussian {
		return "gaussian-moments"
	}
	return "moments"
}

func join(sets ...rules.Set) rules.Set {
	n := 0
	for _, s := range sets {
		n += len(s)
	}
	out := make(rules.Set, 0, n)
	for _, s := range sets {
		out = append(out, s...)
	}
	return out
}

// run applies the phases in order and groups each phase's fine steps into
// one shown step.
func (en *engine) run(start expr.Expr, phases []phase) (expr.Expr, []Step, error) {
	e := start
	var shown []Step
	for _, ph := range phases {
		var out expr.Expr
		var fine []Step
		var err error
		switch {
		case ph.root:
			out, fine, err = en.atRoot(e, ph.set)
		case ph.once:
			out, fine, err = en.once(e, ph.set)
		default:
			// Like terms inside a term are collected, a factor above
			// and below one line cancelled, and the sign of an even or
			// odd function's argument chosen, in the line where they
			// meet, whichever rules brought them together.
			out, fine, err = en.exhaust(e, join(ph.set, rules.Set{rules.LikeTerms.Get(), rules.CancelFactor.Get()}, rules.Signs.Get()))
		}
		if ph.quiet && !simpler(e, out) {
			continue
		}
		if len(fine) > 0 {
			shown = append(shown, group(ph, e, out, fine))
		}
		e = out
		if err != nil {
			return e, shown, err
		}
	}
	return e, shown, nil
}

// simpler reports whether after is a shorter term than before, as
// (s + 1)·log(s + 1) − s·log(s) is than a Geometric's entropy at
// p = 1/(s + 1) as its moments leave it, or has fewer logarithms, or
// fewer of a reciprocal or an exponential, log(1/(3a)) or log(e^(−t)).
func simpler(before, after expr.Expr) bool {
	sb, _ := expr.SizeDepth(before)
	sa, _ := expr.SizeDepth(after)
	if sa < sb {
		return true
	}
	count := func(e expr.Expr) (logs, odd int) {
		expr.Any(e, func(n expr.Expr) bool {
			l, ok := n.(*expr.Call)
			if !ok || l.Fn != "log" || len(l.Args) != 1 {
				return false
			}
			logs++
			switch a := l.Args[0].(type) {
			case *expr.Pow:
				if expr.IsInt(a.Exp, -1) {
					odd++
				}
			case *expr.Call:
				if a.Fn == "exp" {
					odd++
				}
			}
			return false
		})
		return logs, odd
	}
	l1, o1 := count(before)
	l2, o2 := count(after)
	return l2 < l1 || o2 < o1
}

func group(ph phase, before, after expr.Expr, fine []Step) Step {
	st := Step{Rule: ph.rule, Title: ph.title, Before: before, After: after, Fine: fine}
	if len(fine) == 1 && ph.title == "" || ph.rule == "definition" {
		st.Rule, st.Title = fine[0].Rule, fine[0].Title
	}
	seen := map[string]bool{}
	for _, f := range fine {
		for _, b := range f.Because {
			for _, part := range strings.Split(b, "; ") {
				if part != "" && !seen[part] {
					seen[part] = true
					st.Because = append(st.Because, part)
				}
			}
		}
	}
	sort.Strings(st.Because)
	return st
}

// multivariate reports whether a density of the problem is a
// multivariate Gaussian.
func (p *Problem) multivariate() bool { return p.isMultivariate }

// anyMultivariate looks for one, once the file is loaded.

func (p *Problem) anyMultivariate() bool {
	for _, d := range p.Ctx.Densities {
		if _, ok := expr.GaussianCall(d.Body, true); ok {
			return true
		}
	}
	return false
}

// mvPlan follows seed 002: after linearity, each quadratic form becomes
// a trace, the expectation moves inside it, the Gaussian second moment
// is taken, and the traces close into the dimension and quadratic forms.
func (p *Problem) mvPlan() []phase {
	mv := family.Gaussian(true)
	out := []phase{
		{rule: "substitute-densities", title: "substitute the densities", set: join(rules.Substitute.Get(), mv.Density)},
		{rule: "expand-logarithms", title: "expand the logarithms", set: join(rules.Expand.Get(), rules.Set{rules.LogProduct.Get(), rules.CancelPair.Get()}, rules.LogDet.Get(), rules.Scaled.Get())},
		{rule: "linearity-of-expectation", title: "linearity of expectation", set: join(rules.Linearity.Get()[:4], rules.Set{rules.NegateSum.Get()})},
		{rule: "trace-trick", title: "a scalar equals its trace; tr(AB) = tr(BA)", set: rules.TraceTrick.Get()},
		{rule: "expectation-inside-trace", title: "expectation and trace commute", set: rules.MatrixExpectation.Get()[:2]},
		{rule: "gaussian-moments", title: "second moment of a Gaussian vector", set: mv.Moments},
		// log(det(I)) closes with the traces: no line shows log 1.
		{rule: "close-traces", title: "linearity of the trace; tr(inv(S)*S) = k", set: join(rules.Trace.Get(), rules.Scaled.Get(), rules.Set{rules.LogOne.Get()})},
	}
	if p.diagonal() {
		// A diagonal covariance turns the result into a sum over
		// coordinates, as the univariate product route gives; the log of
		// an exponential coordinate (a log-variance) closes on the same
		// line, as no one writes log(e^{v_d}).
		out = append(out, phase{rule: "coordinates", title: "diagonal matrices and inner products as sums over coordinates",
			set: join(rules.Diagonal.Get(), rules.Set{rules.LogOfIndexProduct.Get(), rules.LogExp.Get()})})
	}
	return append(out,
		phase{rule: "simplify", title: "expand, cancel and collect like terms", set: rules.Algebra.Get(), root: true},
		phase{rule: "textbook-form", title: "collect into textbook form", set: rules.Presentation.Get(), root: true},
	)
}

// diagonal reports whether a density has a diagonal covariance.
func (p *Problem) diagonal() bool {
	for _, d := range p.Ctx.Densities {
		if expr.Any(d.Body, func(n expr.Expr) bool {
			c, ok := n.(*expr.Call)
			return ok && c.Fn == "diag"
		}) {
			return true
		}
	}
	return false
}
