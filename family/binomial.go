package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Binomial is the number of successes in n independent trials that
// succeed with probability p each, on {0, 1, …, n}: its support depends
// on its count n, a positive integer.
var Binomial = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: binomialNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("binomial-density", "Binomial probability (n choose x = Γ(n + 1)/(Γ(x + 1)·Γ(n − x + 1)))",
				"Binomial(x; n, p)", "gamma(n + 1)/(gamma(x + 1)*gamma(n - x + 1))*p^x*(1 - p)^(n - x)").
				With("Binomial(y; m_o, a)"),
		},
		Moments: binomialMoments.Get(),
		Series:  binomialSeries.Get(),
	}
}}

// binomialNumeric is the numeric side of the Binomial family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var binomialNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Binomial",
		Params:  []expr.Param{{Name: "number of trials", Domain: expr.Count}, {Name: "probability", Domain: expr.UnitInterval}},
		Support: expr.Integers(0, math.Inf(1)),
		Ends:    func(p []expr.Expr) (expr.Expr, expr.Expr) { return expr.N(0), p[0] },
		// log of n!/(x!(n − x)!) p^x (1 − p)^(n − x), the factorials
		// from the standard library's log Γ rather than from the rule's
		// gamma calls.
		LogPDF: func(x float64, p []float64) float64 {
			n := p[0]
			ln, _ := math.Lgamma(n + 1)
			lx, _ := math.Lgamma(x + 1)
			lnx, _ := math.Lgamma(n - x + 1)
			return ln - lx - lnx + x*math.Log(p[1]) + (n-x)*math.Log1p(-p[1])
		},
		TeX: `\mathrm{Bin}`, Unicode: "Bin",
		Reads: []string{`\mathrm{Bin}`, `\text{Bin}`, `\operatorname{Bin}`, `\mathrm{Binomial}`, `\text{Binomial}`, `\operatorname{Binomial}`},
	}
}}

var binomialIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "Binomial", "n", "a")
}}

// binomialMoments: a sum of n independent Bernoulli trials has mean na
// and variance na(1 − a), so its second moment is the variance plus the
// squared mean.
var binomialMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("binomial-mean", "mean of a Binomial", "E(x ~ p, x)", "n*a", binomialIs.Get()).
			With("E(j ~ o, j)"),
		rules.Rewrite("binomial-second-moment", "second moment of a Binomial", "E(x ~ p, x^2)", "n*a*(1 - a) + n^2*a^2", binomialIs.Get()).
			With("E(j ~ o, j^2)"),
	}
}}

// binomialSeries: the logarithms of the factorials in the binomial
// coefficient, log x! and log (n − x)!, have no closed form in
// expectation; they stay the finite sums over the support that define
// them. The rule takes log Γ of any argument, so that a literal count's
// folded Γ(11 − x) is one too.
var binomialSeries = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("binomial-log-gamma-series", "E[log Γ] of a Binomial count has no closed form: kept as its sum",
			"E(x ~ p, log(gamma(c)))", "sum(x in 0..n, gamma(n + 1)/(gamma(x + 1)*gamma(n - x + 1))*a^x*(1 - a)^(n - x)*log(gamma(c)))", binomialIs.Get()).
			With("E(j ~ o, log(gamma(m_o - j + 1)))"),
	}
}}
