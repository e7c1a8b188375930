package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Bernoulli is the distribution of one trial, x = 1 with probability p
// and 0 otherwise.
var Bernoulli = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: bernoulliNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("bernoulli-density", "Bernoulli probability", "Bernoulli(x; p)", "p^x*(1 - p)^(1 - x)").
				With("Bernoulli(y; a)"),
		},
		Moments: bernoulliMoments.Get(),
		Series:  bernoulliSeries.Get(),
	}
}}

// bernoulliNumeric is the numeric side of the Bernoulli family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var bernoulliNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Bernoulli",
		Params:  []expr.Param{{Name: "probability", Domain: expr.UnitInterval}},
		Support: expr.Integers(0, 1),
		// By cases, not from the power form of the rule below.
		LogPDF: func(x float64, p []float64) float64 {
			if x == 1 {
				return math.Log(p[0])
			}
			return math.Log1p(-p[0])
		},
		TeX: `\mathrm{Bern}`, Unicode: "Bern",
		Reads: []string{`\mathrm{Bern}`, `\text{Bern}`, `\operatorname{Bern}`, `\mathrm{Bernoulli}`, `\text{Bernoulli}`, `\operatorname{Bernoulli}`},
	}
}}

var bernoulliIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "Bernoulli", "a")
}}

// bernoulliMoments: x is 0 or 1, so every power of x is x and its mean
// is the probability of 1.
var bernoulliMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("bernoulli-mean", "mean of a Bernoulli", "E(x ~ p, x)", "a", bernoulliIs.Get()).
			With("E(j ~ b, j)"),
		rules.Rewrite("bernoulli-second-moment", "second moment of a Bernoulli (x^2 = x)", "E(x ~ p, x^2)", "a", bernoulliIs.Get()).
			With("E(j ~ b, j^2)"),
	}
}}

// bernoulliSeries: an expectation with no moment rule, such as the
// log-factorial log Γ(x + 1) another family's mass brings, is the sum
// of its two values, which the sum's rule then writes out.
var bernoulliSeries = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("bernoulli-log-gamma-sum", "E[log Γ] of a Bernoulli: the sum over {0, 1}",
			"E(x ~ p, log(gamma(c)))", "sum(x in 0..1, a^x*(1 - a)^(1 - x)*log(gamma(c)))", bernoulliIs.Get()).
			With("E(j ~ b, log(gamma(j + 2)))"),
	}
}}
