package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Beta is the Beta distribution on 0 < x < 1.
var Beta = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: betaNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("beta-density", "Beta density", "Beta(x; a, b)", "x^(a - 1)*(1 - x)^(b - 1)/beta(a, b)", rules.Positive("a", "b")).
				With("Beta(y; s, v)"),
		},
		Moments: betaMoments.Get(),
		Powers:  rules.Powers("beta-expectation-in-powers", "Beta", betaMoments.Get()),
	}
}}

// betaNumeric is the numeric side of the Beta family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var betaNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Beta",
		Params:  []expr.Param{{Name: "a", Domain: expr.Positive}, {Name: "b", Domain: expr.Positive}},
		Support: expr.Interval(0, 1),
		// From the textbook formula x^(a−1)(1 − x)^(b−1)/B(a, b), in logs
		// (log1p keeps 1 − x accurate near 0), not from the rule below.
		LogPDF:   func(x float64, p []float64) float64 { return betaLogAt(p).at(x) },
		LogPDFOf: func(p []float64) func(float64) float64 { return betaLogAt(p).at },
		// The same from the distance d = 1 − x, for x near 1.
		LogPDFNearHi: func(d float64, p []float64) float64 {
			a, b := p[0], p[1]
			la, _ := math.Lgamma(a)
			lb, _ := math.Lgamma(b)
			lab, _ := math.Lgamma(a + b)
			return (a-1)*math.Log1p(-d) + (b-1)*math.Log(d) - (la + lb - lab)
		},
		TeX: `\mathrm{Beta}`, Unicode: "Beta",
		Reads: []string{`\mathrm{Beta}`, `\text{Beta}`, `\operatorname{Beta}`},
	}
}}

var betaIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "Beta", "a", "b")
}}

// betaMoments are the moments of a Beta distribution: E[x^n] is
// B(a + n, b)/B(a, b), and E[log x] and E[log(1 − x)] are the derivatives
// of log B(a, b) in a and in b; the second derivative in a, ψ′(a) −
// ψ′(a + b), is the variance of log x. The mean absolute deviation about
// u is E[x] − u + 2E[(u − x)⁺]: below u clamped into [0, 1] the mass is
// I_u(a, b), and x·p(x) is a/(a + b) times the density of Beta(a + 1, b),
// whose mass there is I_u(a + 1, b).
var betaMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("beta-mean", "mean of a Beta distribution", "E(x ~ p, x)", "a/(a + b)", betaIs.Get()).
			With("E(x ~ p, x)"),
		rules.Rewrite("beta-second-moment", "second moment of a Beta distribution", "E(x ~ p, x^2)", "a*(a + 1)/((a + b)*(a + b + 1))", betaIs.Get()).
			With("E(x ~ p, x^2)"),
		rules.Rewrite("beta-log-mean", "mean of log x under a Beta distribution", "E(x ~ p, log(x))", "digamma(a) - digamma(a + b)", betaIs.Get()).
			With("E(x ~ p, log(x))"),
		rules.Rewrite("beta-log-second-moment", "second moment of log x under a Beta distribution", "E(x ~ p, log(x)^2)",
			"trigamma(a) - trigamma(a + b) + (digamma(a) - digamma(a + b))^2", betaIs.Get()).With("E(x ~ p, log(x)^2)"),
		rules.Rewrite("beta-log-square-about", "second moment of log x about a point under a Beta distribution", "E(x ~ p, (log(x) + c)^2)",
			"trigamma(a) - trigamma(a + b) + (digamma(a) - digamma(a + b) - u)^2", betaIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "u")).
			With("E(x ~ p, (log(x) - c)^2)"),
		rules.Rewrite("beta-log-complement-mean", "mean of log(1 - x) under a Beta distribution", "E(x ~ p, log(1 - x))", "digamma(b) - digamma(a + b)", betaIs.Get()).
			With("E(x ~ p, log(1 - x))"),
		rules.Rewrite("beta-absolute-about", "mean absolute deviation of a Beta distribution about a point", "E(x ~ p, abs(x + c))",
			"u*(2*betainc(a, b, min(max(u, 0), 1)) - 1) + a*(1 - 2*betainc(a + 1, b, min(max(u, 0), 1)))/(a + b)", betaIs.Get(),
			rules.FreeOf("c", "x"), rules.Negated("c", "u")).OrZero("c").With("E(x ~ p, abs(x - c))"),
	}
}}

// betaLog is the Beta log-density (a − 1)·log x + (b − 1)·log(1 − x)
// − log B(a, b) at one set of parameters, log B computed once, by
// betaLogAt: LogPDF takes it at one x, LogPDFOf at many.
type betaLog struct{ am1, bm1, lbeta float64 }

func betaLogAt(p []float64) betaLog {
	a, b := p[0], p[1]
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	return betaLog{am1: a - 1, bm1: b - 1, lbeta: la + lb - lab}
}

func (g betaLog) at(x float64) float64 { return g.am1*math.Log(x) + g.bm1*math.Log1p(-x) - g.lbeta }
