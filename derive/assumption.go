package derive

import (
	"slices"
	"strings"

	"github.com/klderive/klderive/expr"
)

// An Assumption is a fact a derivation takes as given beyond its
// densities, and why: a standard deviation taken positive, the width of
// a support, or an assume line of the file.
type Assumption struct {
	Fact *expr.Rel // sigma1 > 0, a2 < a1
	// Why says why the fact is taken, in words with a %s where each of
	// Terms stands: "taken positive: %s is the rate of %s", with a^2 and
	// p. A renderer sets the terms as math.
	Why   string
	Terms []expr.Expr
	// Domain marks a fact that the densities say themselves: a
	// parameter in its family's domain as written (v > 0, the variance
	// of r; b - a > 0, the width of a support), a point of the simplex.
	// The others are news to a reader: a symbol taken positive by
	// convention (sigma > 0 for a variance sigma^2) and the file's own
	// assume lines.
	Domain bool
}

// String is the assumption in the input syntax, with why in brackets:
// "a > 0 (taken positive: a^2 is the rate of p)".
func (a Assumption) String() string {
	return expr.String(a.Fact) + " (" + a.Words(expr.String, func(s string) string { return s }) + ")"
}

// Words is Why with each term set by term and the text between them by
// text, so that a renderer escapes the words but not the math.
func (a Assumption) Words(term func(expr.Expr) string, text func(string) string) string {
	parts := strings.Split(a.Why, "%s")
	out := text(parts[0])
	for i, t := range a.Terms {
		out += term(t) + text(parts[i+1])
	}
	return out
}

// positiveFact is the fact e > 0.
func positiveFact(e expr.Expr) *expr.Rel { return &expr.Rel{Op: ">", L: e, R: expr.N(0)} }

// assumedFor are the assumptions a goal rests on: those about the
// symbols of its densities alone. An assumption of the file about
// another density's parameters (a2 < a1 beside a goal with a1 but no
// a2) is not one of them. Only the assumptions about the goal's own
// symbols are looked at (assumedBy), so that a file of many goals costs
// each no more than a file of one.
func (p *Problem) assumedFor(g *expr.Info) []Assumption {
	own := map[string]bool{}
	for _, gv := range p.givens(g) {
		for _, s := range expr.Symbols(gv) {
			own[s] = true
		}
	}
	idx := slices.Clone(p.assumedBy[""]) // about no symbol: every goal's
	for s := range own {
		for _, i := range p.assumedBy[s] {
			if !slices.Contains(idx, i) && allIn(assumptionNames(p.Assumptions[i]), own) {
				idx = append(idx, i)
			}
		}
	}
	slices.Sort(idx) // the file's order, whatever the map's
	out := make([]Assumption, 0, len(idx))
	for _, i := range idx {
		a := p.Assumptions[i]
		if a.Domain && !p.ownDomain(a, g) {
			// The domain of another density's parameter (a > 0, the
			// shape of a Gamma p1, beside a goal of Uniform(a, b)) is
			// news to this goal's reader: its densities do not say it.
			a.Domain = false
		}
		out = append(out, a)
	}
	return out
}

// ownDomain reports whether a domain fact is one that the goal's own
// densities say, or one of no density (a point of the simplex).
func (p *Problem) ownDomain(a Assumption, g *expr.Info) bool {
	if len(a.Terms) == 0 {
		return true
	}
	for _, d := range p.domainOf[expr.Key(a.Fact.L)] {
		if d == g.P || d == g.Q {
			return true
		}
	}
	return false
}

// noteDomain records that the family of dens makes a positive.
func (p *Problem) noteDomain(a expr.Expr, dens string) {
	k := expr.Key(a)
	if ix, ok := a.(*expr.Index); ok {
		k = expr.Key(ix.Base)
	}
	if !slices.Contains(p.domainOf[k], dens) {
		p.domainOf[k] = append(p.domainOf[k], dens)
	}
}

// indexAssumptions lists each assumption under the symbols it is about.
func (p *Problem) indexAssumptions() map[string][]int {
	by := map[string][]int{}
	for i, a := range p.Assumptions {
		names := assumptionNames(a)
		if len(names) == 0 {
			by[""] = append(by[""], i)
		}
		for _, n := range names {
			if l := by[n]; len(l) == 0 || l[len(l)-1] != i {
				by[n] = append(l, i)
			}
		}
	}
	return by
}

// assumptionNames are the symbols an assumption is about: sigma[d] > 0
// is about sigma, d being an index the densities bind.
func assumptionNames(a Assumption) []string {
	if ix, ok := a.Fact.L.(*expr.Index); ok {
		return expr.Symbols(ix.Base)
	}
	return expr.Symbols(a.Fact)
}

func allIn(names []string, set map[string]bool) bool {
	for _, n := range names {
		if !set[n] {
			return false
		}
	}
	return true
}
