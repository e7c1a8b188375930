package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// Bernoulli is the distribution of one trial, x = 1 with probability p
// and 0 otherwise.
var Bernoulli = register(Family{
	Family: expr.Family{
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
	},
	Density: rules.Set{
		rules.Rewrite("bernoulli-density", "Bernoulli probability", "Bernoulli(x; p)", "p^x*(1 - p)^(1 - x)").
			With("Bernoulli(y; a)"),
	},
	Moments: bernoulliMoments,
})

var bernoulliIs = rules.Is("p", "Bernoulli", "a")

// bernoulliMoments: x is 0 or 1, so every power of x is x and its mean
// is the probability of 1.
var bernoulliMoments = rules.Set{
	rules.Rewrite("bernoulli-mean", "mean of a Bernoulli", "E(x ~ p, x)", "a", bernoulliIs).
		With("E(j ~ b, j)"),
	rules.Rewrite("bernoulli-second-moment", "second moment of a Bernoulli (x^2 = x)", "E(x ~ p, x^2)", "a", bernoulliIs).
		With("E(j ~ b, j^2)"),
}
