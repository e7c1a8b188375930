package derive

import (
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
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
}

// plan is the rhythm of a hand derivation of an information quantity of
// Gaussians: definition, substitute the densities, expand the logarithms,
// linearity of expectation, Gaussian moments, then collect.
func (p *Problem) plan() []phase {
	var out []phase
	out = append(out, phase{rule: "definition", set: rules.Definitions, once: true})
	if len(p.Recognised) > 0 {
		names := map[string]bool{}
		var said []string
		for _, n := range sortedKeys(p.Recognised) {
			names[n] = true
			c := p.Recognised[n]
			said = append(said, n+" is Gaussian with mean "+expr.String(c.Args[1])+" and variance "+expr.String(c.Args[2]))
		}
		title := strings.Join(said, "; ") + " (its log-density is quadratic in " + expr.String(p.Ctx.Densities[sortedKeys(p.Recognised)[0]].Var) + ")"
		out = append(out, phase{rule: "recognise-gaussian", title: title, set: rules.Recognised(names, title)})
	}
	out = append(out,
		phase{rule: "substitute-densities", title: "substitute the densities", set: join(rules.Substitute, rules.Gaussian)},
		phase{rule: "expand-logarithms", title: "expand the logarithms", set: rules.Expand},
		phase{rule: "linearity-of-expectation", title: "linearity of expectation", set: append(rules.Linearity[:4:4], rules.NegateSum)},
		phase{rule: "gaussian-moments", title: "Gaussian moments", set: rules.Moments},
		phase{rule: "simplify", title: "expand, cancel and collect like terms", set: rules.Algebra, root: true},
		phase{rule: "textbook-form", title: "collect into textbook form", set: rules.Presentation, root: true},
	)
	return out
}

func join(sets ...rules.Set) rules.Set {
	var out rules.Set
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
			out, fine, err = en.exhaust(e, ph.set)
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
