package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// HalfNormal is the distribution of |y| for y ~ Normal(0, v), on x ≥ 0.
var HalfNormal = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: halfNormalNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("halfnormal-density", "half-normal density", "HalfNormal(x; v)", "sqrt(2/(pi*v))*exp(-x^2/(2*v))", rules.Positive("v")).
				With("HalfNormal(y; s^2)"),
		},
		Moments: halfnormalMoments.Get(),
		Powers:  rules.Powers("halfnormal-expectation-in-powers", "HalfNormal", halfnormalMoments.Get()),
	}
}}

// halfNormalNumeric is the numeric side of the HalfNormal family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var halfNormalNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "HalfNormal",
		Params:  []expr.Param{{Name: "v", Domain: expr.Positive}},
		Support: expr.HalfLine(0),
		// Twice the Normal's density on x > 0, not from the rule below.
		LogPDF: func(x float64, p []float64) float64 { return math.Log(2) - x*x/(2*p[0]) - math.Log(2*math.Pi*p[0])/2 },
		PDF:    func(x float64, p []float64) float64 { return 2 * math.Exp(-x*x/(2*p[0])) / math.Sqrt(2*math.Pi*p[0]) },
		TeX:    `\mathrm{HalfNormal}`, Unicode: "HalfNormal",
		Reads: []string{`\mathrm{HalfNormal}`, `\text{HalfNormal}`, `\operatorname{HalfNormal}`},
	}
}}

var halfnormalIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "HalfNormal", "v")
}}

// halfnormalMoments are the moments of a half-normal distribution: x² is
// y², whose mean is the variance, and E[x] = 2∫₀^∞ x·N(x; 0, v) dx. log x
// is half of log y² = log v + log w, where w = y²/v is χ² with one degree
// of freedom, a Gamma of shape 1/2 and rate 1/2: so E[log x] is
// (log(2v) + ψ(1/2))/2, and Var[log x] is ψ′(1/2)/4. About a point u the
// mean absolute deviation is E[x] − u + 2E[(u − x)⁺]; with u⁺ = max(u, 0)
// the mass below u is erf(u⁺/√(2v)) and its mean √(2v/π)(1 − e^(−u⁺²/(2v))),
// both zero when u ≤ 0.
var halfnormalMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("halfnormal-mean", "mean of a half-normal distribution", "E(x ~ p, x)", "sqrt(2*v/pi)", halfnormalIs.Get()).
			With("E(x ~ p, x)"),
		rules.Rewrite("halfnormal-second-moment", "second moment of a half-normal distribution", "E(x ~ p, x^2)", "v", halfnormalIs.Get()).
			With("E(x ~ p, x^2)"),
		rules.Rewrite("halfnormal-log-mean", "mean of log x under a half-normal distribution", "E(x ~ p, log(x))", "(log(2*v) + digamma(1/2))/2", halfnormalIs.Get()).
			With("E(x ~ p, log(x))"),
		rules.Rewrite("halfnormal-log-second-moment", "second moment of log x under a half-normal distribution", "E(x ~ p, log(x)^2)",
			"trigamma(1/2)/4 + (log(2*v) + digamma(1/2))^2/4", halfnormalIs.Get()).With("E(x ~ p, log(x)^2)"),
		rules.Rewrite("halfnormal-log-square-about", "second moment of log x about a point under a half-normal distribution", "E(x ~ p, (log(x) + c)^2)",
			"trigamma(1/2)/4 + ((log(2*v) + digamma(1/2))/2 - u)^2", halfnormalIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "u")).
			With("E(x ~ p, (log(x) - c)^2)"),
		rules.Rewrite("halfnormal-absolute-about", "mean absolute deviation of a half-normal distribution about a point", "E(x ~ p, abs(x + c))",
			"u*(2*erf(max(u, 0)/sqrt(2*v)) - 1) + sqrt(2*v/pi)*(2*exp(-max(u, 0)^2/(2*v)) - 1)", halfnormalIs.Get(),
			rules.FreeOf("c", "x"), rules.Negated("c", "u")).OrZero("c").With("E(x ~ p, abs(x - c))"),
	}
}}
