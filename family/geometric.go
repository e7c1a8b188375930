package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Geometric is the number of failures before the first success of
// trials that succeed with probability p, on {0, 1, 2, …}.
var Geometric = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: geometricNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("geometric-density", "Geometric probability", "Geometric(x; p)", "p*(1 - p)^x").
				With("Geometric(y; a)"),
		},
		Moments: geometricMoments.Get(),
		Series:  geometricSeries.Get(),
	}
}}

// geometricNumeric is the numeric side of the Geometric family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var geometricNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Geometric",
		Params:  []expr.Param{{Name: "probability", Domain: expr.UnitInterval}},
		Support: expr.Integers(0, math.Inf(1)),
		// x failures, then one success.
		LogPDF: func(x float64, p []float64) float64 { return x*math.Log1p(-p[0]) + math.Log(p[0]) },
		TeX:    `\mathrm{Geom}`, Unicode: "Geom",
		Reads: []string{`\mathrm{Geom}`, `\text{Geom}`, `\operatorname{Geom}`, `\mathrm{Geometric}`, `\text{Geometric}`, `\operatorname{Geometric}`},
	}
}}

var geometricIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "Geometric", "a")
}}

// geometricMoments: the mean (1 − a)/a and the second moment
// (1 − a)(2 − a)/a² of the failures before the first success.
var geometricMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("geometric-mean", "mean of a Geometric", "E(x ~ p, x)", "(1 - a)/a", geometricIs.Get()).
			With("E(j ~ h, j)"),
		rules.Rewrite("geometric-second-moment", "second moment of a Geometric", "E(x ~ p, x^2)", "(1 - a)*(2 - a)/a^2", geometricIs.Get()).
			With("E(j ~ h, j^2)"),
	}
}}

// geometricSeries: the log-factorial log Γ(x + 1) that a Poisson's or
// a Binomial's mass brings has no closed form under a Geometric; it
// stays the series over the support that defines it.
var geometricSeries = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("geometric-log-gamma-series", "E[log Γ] of a Geometric count has no closed form: kept as its series",
			"E(x ~ p, log(gamma(c)))", "sum(x in 0..inf, a*(1 - a)^x*log(gamma(c)))", geometricIs.Get()).
			With("E(j ~ h, log(gamma(j + 1)))"),
	}
}}
