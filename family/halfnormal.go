package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// HalfNormal is the distribution of |y| for y ~ Normal(0, v), on x ≥ 0.
var HalfNormal = register(Family{
	Family: expr.Family{
		Name:    "HalfNormal",
		Params:  []expr.Param{{Name: "v", Domain: expr.Positive}},
		Support: expr.HalfLine(0),
		// Twice the Normal's density on x > 0, not from the rule below.
		LogPDF: func(x float64, p []float64) float64 { return math.Log(2) - x*x/(2*p[0]) - math.Log(2*math.Pi*p[0])/2 },
		PDF:    func(x float64, p []float64) float64 { return 2 * math.Exp(-x*x/(2*p[0])) / math.Sqrt(2*math.Pi*p[0]) },
		TeX:    `\mathrm{HalfNormal}`, Unicode: "HalfNormal",
		Reads: []string{`\mathrm{HalfNormal}`, `\text{HalfNormal}`, `\operatorname{HalfNormal}`},
	},
	Density: rules.Set{
		rules.Rewrite("halfnormal-density", "half-normal density", "HalfNormal(x; v)", "sqrt(2/(pi*v))*exp(-x^2/(2*v))", rules.Positive("v")).
			With("HalfNormal(y; s^2)"),
	},
	Moments: halfnormalMoments,
	Powers:  rules.Powers("halfnormal-expectation-in-powers", "HalfNormal", halfnormalMoments),
})

var halfnormalIs = rules.Is("p", "HalfNormal", "v")

// halfnormalMoments are the moments of a half-normal distribution: x² is
// y², whose mean is the variance, and E[x] = 2∫₀^∞ x·N(x; 0, v) dx.
var halfnormalMoments = rules.Set{
	rules.Rewrite("halfnormal-mean", "mean of a half-normal distribution", "E(x ~ p, x)", "sqrt(2*v/pi)", halfnormalIs).
		With("E(x ~ p, x)"),
	rules.Rewrite("halfnormal-second-moment", "second moment of a half-normal distribution", "E(x ~ p, x^2)", "v", halfnormalIs).
		With("E(x ~ p, x^2)"),
}
