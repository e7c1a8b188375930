package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Gamma is the Gamma distribution in the shape–rate parameterisation,
// on x > 0.
var Gamma = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: gammaNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("gamma-density", "Gamma density", "Gamma(x; a, b)", "b^a*x^(a - 1)*exp(-b*x)/gamma(a)", rules.Positive("a", "b")).
				With("Gamma(y; s + 1, v)"),
		},
		Moments: gammaMoments.Get(),
		Powers:  rules.Powers("gamma-expectation-in-powers", "Gamma", gammaMoments.Get()),
	}
}}

// gammaNumeric is the numeric side of the Gamma family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var gammaNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Gamma",
		Params:  []expr.Param{{Name: "shape", Domain: expr.Positive}, {Name: "rate", Domain: expr.Positive}},
		Support: expr.HalfLine(0),
		// From the textbook formula b^a x^(a−1) e^(−bx)/Γ(a), in logs,
		// not from the rule below.
		LogPDF:   func(x float64, p []float64) float64 { return gammaLogAt(p).at(x) },
		LogPDFOf: func(p []float64) func(float64) float64 { return gammaLogAt(p).at },
		TeX:      `\mathrm{Gamma}`, Unicode: "Gamma",
		Reads: []string{`\mathrm{Gamma}`, `\text{Gamma}`, `\operatorname{Gamma}`, `\mathrm{Ga}`, `\mathrm{Gam}`},
	}
}}

var gammaIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "Gamma", "a", "b")
}}

// gammaMoments are the moments of a Gamma distribution: E[x^n] is
// Γ(a + n)/(Γ(a) b^n), and E[log x], the derivative of log Γ(a) − a log b
// in a, is ψ(a) − log b; the second derivative, ψ′(a), is the variance of
// log x, so E[(log x − u)²] is ψ′(a) + (ψ(a) − log b − u)². As for a
// Gaussian, c takes every term free of x, so the point is kept whole.
// The mean absolute deviation about u is E[x] − u + 2E[(u − x)⁺]: below
// u⁺ = max(u, 0) the mass is P(a, b·u⁺) and x·p(x) is (a/b) times the
// density of shape a + 1, whose mass there is P(a + 1, b·u⁺); both are
// zero when u ≤ 0.
var gammaMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("gamma-mean", "mean of a Gamma distribution", "E(x ~ p, x)", "a/b", gammaIs.Get()).
			With("E(x ~ p, x)"),
		rules.Rewrite("gamma-second-moment", "second moment of a Gamma distribution", "E(x ~ p, x^2)", "a*(a + 1)/b^2", gammaIs.Get()).
			With("E(x ~ p, x^2)"),
		rules.Rewrite("gamma-log-mean", "mean of log x under a Gamma distribution", "E(x ~ p, log(x))", "digamma(a) - log(b)", gammaIs.Get()).
			With("E(x ~ p, log(x))"),
		rules.Rewrite("gamma-log-second-moment", "second moment of log x under a Gamma distribution", "E(x ~ p, log(x)^2)",
			"trigamma(a) + (digamma(a) - log(b))^2", gammaIs.Get()).With("E(x ~ p, log(x)^2)"),
		rules.Rewrite("gamma-log-square-about", "second moment of log x about a point under a Gamma distribution", "E(x ~ p, (log(x) + c)^2)",
			"trigamma(a) + (digamma(a) - log(b) - u)^2", gammaIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "u")).With("E(x ~ p, (log(x) - c)^2)"),
		rules.Rewrite("gamma-absolute-about", "mean absolute deviation of a Gamma distribution about a point", "E(x ~ p, abs(x + c))",
			"u*(2*gammainc(a, b*max(u, 0)) - 1) + a*(1 - 2*gammainc(a + 1, b*max(u, 0)))/b", gammaIs.Get(),
			rules.FreeOf("c", "x"), rules.Negated("c", "u")).OrZero("c").With("E(x ~ p, abs(x - c))"),
	}
}}

// gammaLog is the Gamma log-density a·log b + (a − 1)·log x − b·x −
// log Γ(a) at one set of parameters, its terms in x's absence computed
// once, by gammaLogAt: LogPDF takes it at one x, LogPDFOf at many.
type gammaLog struct{ alb, am1, b, lg float64 }

func gammaLogAt(p []float64) gammaLog {
	a, b := p[0], p[1]
	lg, _ := math.Lgamma(a)
	return gammaLog{alb: a * math.Log(b), am1: a - 1, b: b, lg: lg}
}

func (g gammaLog) at(x float64) float64 { return g.alb + g.am1*math.Log(x) - g.b*x - g.lg }
