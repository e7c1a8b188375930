package derive

import (
	"math/big"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"
	"github.com/klderive/klderive/rules"
)

// markCount records that the variable of a density on the counts
// 0, 1, 2, … is ≥ 0, for the rules' sign calculus.
func (p *Problem) markCount(d *expr.Density) {
	_, f := expr.FamilyCall(d.Body)
	v, ok := d.Var.(*expr.Sym)
	if f == nil || !f.Support.Discrete || f.Support.Lo < -1 || !ok {
		return
	}
	if p.Ctx.Counts == nil {
		p.Ctx.Counts = map[string]bool{}
	}
	p.Ctx.Counts[v.Name] = true
}

// finiteSupport reports whether the density named is a family call
// whose support has a last value: a Binomial's n, not a Poisson's ∞.
func (p *Problem) finiteSupport(name string) bool {
	d := p.Ctx.Densities[name]
	if d == nil {
		return false
	}
	c, f := expr.FamilyCall(d.Body)
	if f == nil {
		return false
	}
	_, hi := f.EndsOf(c)
	return hi != nil || f.VecBounds != nil
}

// shortSupport reports whether the named density's support is a few
// literal points, {0, 1} or {0, …, 3}, over which a sum is written out
// rather than kept.
func (p *Problem) shortSupport(name string) bool {
	d := p.Ctx.Densities[name]
	if d == nil {
		return false
	}
	c, f := expr.FamilyCall(d.Body)
	if f == nil || f.VecBounds != nil {
		return false
	}
	lo, hi := f.EndsOf(c)
	l, okl := lo.(*expr.Num)
	h, okh := hi.(*expr.Num)
	if !okl || !okh {
		return false
	}
	n := new(big.Rat).Sub(h.Val, l.Val)
	return n.IsInt() && n.Sign() >= 0 && n.Cmp(big.NewRat(rules.MaxWrittenTerms, 1)) < 0
}

// allDiscrete reports whether every density of the goal is a call to a
// family with a discrete support: the other densities of the file,
// continuous ones too, do not change how its derivation reads.
// With no goal, every density of the file.
func (p *Problem) allDiscrete(g *expr.Info) bool {
	// A goal asks about its own densities only: sorting the file's
	// names for each goal made its cost grow with the file.
	var names []string
	if g != nil {
		names = []string{g.P, g.Q}
	} else {
		names = sortedKeys(p.Ctx.Densities)
	}
	n := 0
	for _, name := range names {
		d := p.Ctx.Densities[name]
		if d == nil {
			continue
		}
		if _, f := expr.FamilyCall(d.Body); f == nil || !f.Support.Discrete {
			return false
		}
		n++
	}
	return n > 0
}

// discretePlan is the hand derivation for probability mass functions:
// the same substitution, expansion and linearity as for densities, then
// the families' own expectations, which are sums over the support.
// A goal's expectations are under its first density, whose family (or
// families, under) the moments line is named after; finite says that
// density's support is, so that a sum kept for want of a closed form is
// called a finite sum, not a series, and short that it is a few
// literal points, over which the sum is written out.
func discretePlan(fams, under []*family.Family, finite, short bool) []phase {
	var density, sums, moments, series, powers rules.Set
	for _, f := range fams {
		density = join(density, f.Density)
		sums = join(sums, f.Sums)
		moments = join(moments, f.Moments)
		series = join(series, f.Series)
		powers = join(powers, f.Powers)
	}
	// The title names the family the expectations are under, p's of
	// KL(p ‖ q) and H(p, q), as the continuous strategy's does: the
	// Poisson q of H(Bin, Poisson) lends no moment.
	var names []string
	for _, f := range under {
		names = append(names, f.Name)
	}
	title := "moments of the " + strings.Join(names, " and the ")
	kept := "no closed form: kept as a series over the support"
	switch {
	case short:
		kept = "the expectation as a sum over the support"
	case finite:
		kept = "no closed form: kept as a finite sum over the support"
	}
	return []phase{
		{rule: "definition", set: rules.DiscreteDefinitions.Get(), once: true},
		// A complement of a complement, 1 - (1 - c) at p = 1 - c, is
		// written c as it lands.
		{rule: "substitute-densities", title: "substitute the probability mass functions", set: join(rules.Substitute.Get(), density, rules.Set{rules.ComplementTwice.Get()})},
		// A literal count leaves Γ at a number, Γ(3), whose exact value
		// is written at once, as the continuous strategy does.
		{rule: "expand-logarithms", title: "expand the logarithms", set: join(rules.Expand.Get(), rules.Set{rules.LogProduct.Get(), rules.LogOfConstantTimes.Get()}, rules.SpecialValues.Get())},
		{rule: "sum-over-support", title: "the expectation as a sum over the support", set: sums},
		{rule: "linearity-of-expectation", title: "linearity of expectation", set: append(rules.Linearity.Get()[:4:4], rules.NegateSum.Get())},
		{rule: "expand-in-powers", title: "expand in powers of the variable; linearity", set: join(powers, rules.Linearity.Get()[:3])},
		// A mean landing in n − E[x] is written n·(1 − p) there, as in
		// the result.
		{rule: "discrete-moments", title: title, set: join(moments, rules.CancelTerms.Get(), rules.Set{rules.FactorComplement.Get()})},
		// The sum is shown as it stands: it has no closed form.
		// A literal count's Γ(4) in the sum is written 6 as it lands.
		{rule: "series", title: kept, set: join(series, rules.SpecialValues.Get())},
		// A sum of a few terms, such as a Bernoulli's over {0, 1}, is
		// written out, and the exact values of Γ close its terms.
		{rule: "write-out-sums", title: "a sum of a few terms, written out", set: join(rules.Set{rules.WriteOutShortSum.Get()}, rules.SpecialValues.Get(), rules.CancelTerms.Get())},
		// Sums over one range that share their weight join first, so
		// that their logarithms meet: Σ r(x)·log(a/b).
		{rule: "collect-logarithms", title: "collect the logarithms into ratios", set: join(rules.CollectLogSums.Get(), rules.CollectLogs.Get())},
		// As the continuous plan ends, beside the sums left:
		// b·log(1/(3a)) is −b·log(3a), and b·log(b) + b·log(3a) is
		// b·log(3ab).
		{rule: "textbook-form", title: "collect into textbook form", set: rules.PresentationBesideSums.Get(), root: true, quiet: true},
	}
}
