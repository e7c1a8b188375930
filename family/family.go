// Package family holds the density families, one file each. A family is
// data: its numeric side (parameters with their domains, support,
// log-density, notation), registered with package expr for the parser,
// the printers and the evaluator, and its rules (the density it
// substitutes and its expectation identities, each with a worked
// example), which the strategies in package derive apply.
package family

import (
	"sort"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Family is a density family.
type Family struct {
	*expr.Family // its numeric side, shared with package expr
	// Density substitutes a call to the family by its formula.
	Density rules.Set
	// Moments are the family's expectation identities.
	Moments rules.Set
	// Sums are expectations over a finite support written as sums over
	// it (under a Categorical, sum(k in 1..K, p[k]*f(k))), taken whole
	// before linearity splits them.
	Sums rules.Set
	// Series are expectations without a closed form, kept as the
	// series that define them (E[log x!] under a Poisson); the output
	// shows them on a line of their own.
	Series rules.Set
	// Powers is the fallback that expands a polynomial the moments do not
	// take as written in powers of the variable, a step of its own.
	Powers rules.Set
}

// families lists every family, one file each: its numeric side and the
// family with its rules, each built on first use. Package expr builds
// the numeric sides alone, so that building the rules, which may parse,
// never waits for the family table that parsing reads.
var families = []struct {
	numeric *once.Value[*expr.Family]
	family  *once.Value[*Family]
}{
	{&bernoulliNumeric, &Bernoulli},
	{&betaNumeric, &Beta},
	{&binomialNumeric, &Binomial},
	{&categoricalNumeric, &Categorical},
	{&dirichletNumeric, &Dirichlet},
	{&exponentialNumeric, &Exponential},
	{&gammaNumeric, &Gamma},
	{&geometricNumeric, &Geometric},
	{&halfNormalNumeric, &HalfNormal},
	{&laplaceNumeric, &Laplace},
	{&logNormalNumeric, &LogNormal},
	{&mvNormalNumeric, &MvNormal},
	{&normalNumeric, &Normal},
	{&poissonNumeric, &Poisson},
	{&uniformNumeric, &Uniform},
}

// init makes the families known to package expr, which builds their
// numeric sides when it first looks one up. It is the package's only
// start-up work.
func init() {
	expr.RegisterFamilies(func() []*expr.Family {
		out := make([]*expr.Family, len(families))
		for i, f := range families {
			out[i] = f.numeric.Get()
		}
		return out
	})
}

// All lists the families, those of one variable first, each group by
// name.
func All() []*Family { return Select(func(*expr.Family) bool { return true }) }

// Select lists, in the order of All, the families whose numeric side
// keep accepts. Only those have their rules built: a derivation that
// names one family does not pay for the rules of the other fourteen.
func Select(keep func(*expr.Family) bool) []*Family {
	var out []*Family
	for _, f := range families {
		if keep(f.numeric.Get()) {
			out = append(out, f.family.Get())
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Multivariate != out[j].Multivariate {
			return !out[i].Multivariate
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Gaussian is the univariate or the multivariate Gaussian family, whose
// strategy derive follows.
func Gaussian(multivariate bool) *Family {
	fs := Select(func(f *expr.Family) bool { return f.Gaussian && f.Multivariate == multivariate })
	if len(fs) == 0 {
		return nil
	}
	return fs[0]
}

// Densities are the density rules of every family.
func Densities() rules.Set {
	var out rules.Set
	for _, f := range All() {
		out = append(out, f.Density...)
	}
	return out
}

// Listing is every rule klderive knows, by family, as "klderive rules"
// shows them: the families' densities with the other densities, then
// each family's expectations after linearity.
func Listing() []rules.Family {
	var out []rules.Family
	for _, g := range rules.Families.Get() {
		if g.Name == "densities" {
			g = rules.Family{Name: g.Name, Set: rules.Join(g.Set, Densities())}
		}
		out = append(out, g)
		if g.Name == "linearity" {
			for _, f := range All() {
				out = append(out, rules.Family{Name: f.Name + " expectations", Set: rules.Join(f.Sums, f.Moments, f.Series, f.Powers)})
			}
		}
	}
	return out
}

// AllRules lists every rule once, in listing order.
func AllRules() rules.Set {
	var out rules.Set
	for _, g := range Listing() {
		out = append(out, g.Set...)
	}
	return out
}
