package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Exponential is the exponential distribution with a rate, on x ≥ 0.
var Exponential = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: exponentialNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("exponential-density", "exponential density", "Exponential(x; l)", "l*exp(-l*x)", rules.Positive("l")).
				With("Exponential(y; 2*s)"),
		},
		Moments: exponentialMoments.Get(),
		Powers:  rules.Powers("exponential-expectation-in-powers", "Exponential", exponentialMoments.Get()),
	}
}}

// exponentialNumeric is the numeric side of the Exponential family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var exponentialNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Exponential",
		Params:  []expr.Param{{Name: "rate", Domain: expr.Positive}},
		Support: expr.HalfLine(0),
		// From the textbook formula λ e^(−λx), not from the rule below.
		LogPDF: func(x float64, p []float64) float64 { return math.Log(p[0]) - p[0]*x },
		PDF:    func(x float64, p []float64) float64 { return p[0] * math.Exp(-p[0]*x) },
		TeX:    `\mathrm{Exp}`, Unicode: "Exp",
		Reads: []string{`\mathrm{Exp}`, `\text{Exp}`, `\operatorname{Exp}`, `\mathrm{Exponential}`, `\text{Exponential}`},
	}
}}

var exponentialIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "Exponential", "l")
}}

// exponentialMoments are the moments of an exponential distribution, an
// integration by parts each: E[x^n] = n!/λ^n, and E[log x] = ψ(1) − log λ
// (ψ(1) = −γ, Euler's constant) and Var[log x] = ψ′(1), the Gamma's with
// shape 1. The mean absolute deviation about a point u is
// E[x] − u + 2E[(u − x)⁺], and (u − x)⁺ vanishes on the support unless
// u > 0, where it integrates to u − (1 − e^(−λu))/λ; through max(u, 0)
// both cases are the one form |u| − 1/λ + 2e^(−λ max(u, 0))/λ.
var exponentialMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("exponential-mean", "mean of an exponential distribution", "E(x ~ p, x)", "1/l", exponentialIs.Get()).
			With("E(x ~ p, x)"),
		rules.Rewrite("exponential-second-moment", "second moment of an exponential distribution", "E(x ~ p, x^2)", "2/l^2", exponentialIs.Get()).
			With("E(x ~ p, x^2)"),
		// About a point u, E[(x − u)²] = Var x + (E x − u)², the variance
		// 1/λ² and the mean 1/λ: the square stays whole, as the Gaussian's
		// v + (m − u)² does, rather than expanded in powers of x.
		rules.Rewrite("exponential-square-about", "second moment of an exponential distribution about a point: variance plus squared distance of the mean",
			"E(x ~ p, (x + c)^2)", "1/l^2 + (1/l - u)^2", exponentialIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "u")).With("E(x ~ p, (x - c)^2)"),
		rules.Rewrite("exponential-log-mean", "mean of log x under an exponential distribution", "E(x ~ p, log(x))", "digamma(1) - log(l)", exponentialIs.Get()).
			With("E(x ~ p, log(x))"),
		rules.Rewrite("exponential-log-second-moment", "second moment of log x under an exponential distribution", "E(x ~ p, log(x)^2)",
			"trigamma(1) + (digamma(1) - log(l))^2", exponentialIs.Get()).With("E(x ~ p, log(x)^2)"),
		rules.Rewrite("exponential-log-square-about", "second moment of log x about a point under an exponential distribution", "E(x ~ p, (log(x) + c)^2)",
			"trigamma(1) + (digamma(1) - log(l) - u)^2", exponentialIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "u")).With("E(x ~ p, (log(x) - c)^2)"),
		rules.Rewrite("exponential-absolute-about", "mean absolute deviation of an exponential distribution about a point", "E(x ~ p, abs(x + c))",
			"abs(u) - 1/l + 2*exp(-l*max(u, 0))/l", exponentialIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "u")).OrZero("c").With("E(x ~ p, abs(x - c))"),
	}
}}
