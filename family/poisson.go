package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Poisson is the distribution of a count with a given mean rate, on
// {0, 1, 2, …}.
var Poisson = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: poissonNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("poisson-density", "Poisson probability (x! = Γ(x + 1))", "Poisson(x; l)", "l^x*exp(-l)/gamma(x + 1)").
				With("Poisson(y; a)"),
		},
		Moments: poissonMoments.Get(),
		Series:  poissonSeries.Get(),
	}
}}

// poissonNumeric is the numeric side of the Poisson family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var poissonNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Poisson",
		Params:  []expr.Param{{Name: "rate", Domain: expr.Positive}},
		Support: expr.Integers(0, math.Inf(1)),
		// x log λ − λ − log x!, with log x! from the standard library's
		// log Γ rather than from the rule's gamma(x + 1).
		LogPDF: func(x float64, p []float64) float64 {
			lf, _ := math.Lgamma(x + 1)
			return x*math.Log(p[0]) - p[0] - lf
		},
		TeX: `\mathrm{Poisson}`, Unicode: "Poisson",
		Reads: []string{`\mathrm{Poisson}`, `\text{Poisson}`, `\operatorname{Poisson}`, `\mathrm{Pois}`, `\text{Pois}`, `\operatorname{Pois}`, `\mathrm{Poiss}`, `\text{Poiss}`, `\operatorname{Poiss}`},
	}
}}

var poissonIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "Poisson", "l")
}}

// poissonMoments: the mean and the variance are the rate.
var poissonMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("poisson-mean", "mean of a Poisson", "E(x ~ p, x)", "l", poissonIs.Get()).
			With("E(j ~ c, j)"),
		rules.Rewrite("poisson-second-moment", "second moment of a Poisson", "E(x ~ p, x^2)", "l + l^2", poissonIs.Get()).
			With("E(j ~ c, j^2)"),
	}
}}

// poissonSeries: E[log x!] has no closed form; it stays the series that
// defines it, summed with a bound on its tail when checked.
var poissonSeries = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("poisson-log-factorial-series", "E[log x!] under a Poisson has no closed form: kept as its series",
			"E(x ~ p, log(gamma(x + 1)))", "sum(x in 0..inf, l^x*exp(-l)/gamma(x + 1)*log(gamma(x + 1)))", poissonIs.Get()).
			With("E(j ~ c, log(gamma(j + 1)))"),
	}
}}
