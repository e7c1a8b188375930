package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Uniform is the uniform distribution on lo ≤ x ≤ hi, lo < hi: its
// support is given by its parameters.
var Uniform = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: uniformNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("uniform-density", "uniform density (on its support)", "Uniform(x; a, b)", "1/(b - a)").
				With("Uniform(y; c - 1, c + s)"),
		},
		Moments: uniformMoments.Get(),
		Powers:  rules.Powers("uniform-expectation-in-powers", "Uniform", uniformMoments.Get()),
	}
}}

// uniformNumeric is the numeric side of the Uniform family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var uniformNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Uniform",
		Params:  []expr.Param{{Name: "lo", Domain: expr.Real}, {Name: "hi", Domain: expr.Real}},
		Support: expr.RealLine,
		Ends:    func(p []expr.Expr) (expr.Expr, expr.Expr) { return p[0], p[1] },
		// From the textbook formula 1/(hi − lo) on the support, not from
		// the rule below.
		LogPDF: func(_ float64, p []float64) float64 { return -math.Log(p[1] - p[0]) },
		PDF:    func(_ float64, p []float64) float64 { return 1 / (p[1] - p[0]) },
		// The same near the upper end, where it does not change: having
		// it, an expectation binds the variable there with its distance
		// from the end, so that log(1 - x) of a Beta q under Uniform(0,
		// 1) keeps its digits where x rounds to 1.
		LogPDFNearHi: func(_ float64, p []float64) float64 { return -math.Log(p[1] - p[0]) },
		TeX:          `\mathcal{U}`, Unicode: "𝒰",
		Reads: []string{`\mathcal{U}`, `U`, `\mathrm{Uniform}`, `\text{Uniform}`, `\mathrm{Unif}`, `\operatorname{Uniform}`},
	}
}}

var uniformIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "Uniform", "a", "b")
}}

// uniformMoments are the moments of a uniform distribution, each an
// integral of a power over [a, b] divided by b − a; about a point u the
// second moment is the variance (b − a)²/12 plus the squared distance of
// the midpoint from u. The mean absolute deviation about u is
// ∫|x − u| dx/(b − a), whose antiderivative (x − u)|x − u|/2 holds on both
// sides of u: so one form serves u below, inside and above [a, b]. On a
// support inside the positive half-line (a ≥ 0, with 0·log 0 = 0 and
// 0·log² 0 = 0 where a = 0) the logarithm has moments too, from the antiderivatives x(log x − 1) and, with
// L = log x + c, x(L² − 2L + 2); inside (0, 1) also log(1 − x), from
// −(1 − x)(log(1 − x) − 1). A uniform p against a Gamma, Beta or
// LogNormal q, in the case where p's support lies inside q's, needs them.
// More generally the mean of log(k·x + c), from the antiderivative
// (k·x + c)(log(k·x + c) − 1)/k, holds wherever the line is ≥ 0 at both
// ends: inside, it is then > 0, and an end where it vanishes adds
// 0·log 0 = 0, the limit of t·log t, so that Uniform(0, 1) takes it as
// well as Uniform(a1, b1) under "assume a1 >= 0". The formula has no value
// at such an end; the derivation takes it as its limit there, checked.
var uniformMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("uniform-mean", "mean of a uniform distribution", "E(x ~ p, x)", "(a + b)/2", uniformIs.Get()).
			With("E(x ~ p, x)"),
		rules.Rewrite("uniform-second-moment", "second moment of a uniform distribution", "E(x ~ p, x^2)", "(a^2 + a*b + b^2)/3", uniformIs.Get()).
			With("E(x ~ p, x^2)"),
		rules.Rewrite("uniform-square-about", "second moment of a uniform distribution about a point", "E(x ~ p, (x + c)^2)", "(b - a)^2/12 + ((a + b)/2 - u)^2",
			uniformIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "u")).With("E(x ~ p, (x - c)^2)"),
		rules.Rewrite("uniform-absolute-about", "mean absolute deviation of a uniform distribution about a point", "E(x ~ p, abs(x + c))",
			"((b - u)*abs(b - u) - (a - u)*abs(a - u))/(2*(b - a))", uniformIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "u")).
			OrZero("c").With("E(x ~ p, abs(x - c))"),
		rules.Rewrite("uniform-log-mean", "mean of log x under a uniform distribution", "E(x ~ p, log(x))", "(b*log(b) - a*log(a))/(b - a) - 1",
			uniformIs.Get(), rules.NonNegativeEnd("a")).With("E(x ~ p, log(x))"),
		rules.Rewrite("uniform-log-complement-mean", "mean of log(1 - x) under a uniform distribution", "E(x ~ p, log(1 - x))",
			"((1 - a)*log(1 - a) - (1 - b)*log(1 - b))/(b - a) - 1", uniformIs.Get(), rules.BelowOne("b")).With("E(x ~ p, log(1 - x))"),
		rules.Rewrite("uniform-log-shifted-mean", "mean of log(x + c) under a uniform distribution", "E(x ~ p, log(x + c))",
			"((b + c)*log(b + c) - (a + c)*log(a + c))/(b - a) - 1", uniformIs.Get(), rules.FreeOf("c", "x"), rules.AboveEnds("", "c", "a", "b")).
			OrZero("c").With("E(x ~ p, log(x + 1))"),
		rules.Rewrite("uniform-log-reflected-mean", "mean of log(c - x) under a uniform distribution", "E(x ~ p, log(c - x))",
			"((c - a)*log(c - a) - (c - b)*log(c - b))/(b - a) - 1", uniformIs.Get(), rules.FreeOf("c", "x"), rules.BelowEnds("c", "a", "b")).
			With("E(x ~ p, log(3 - x))"),
		rules.Rewrite("uniform-log-linear-mean", "mean of log(k*x + c) under a uniform distribution", "E(x ~ p, log(k*x + c))",
			"((k*b + c)*log(k*b + c) - (k*a + c)*log(k*a + c))/(k*(b - a)) - 1", uniformIs.Get(), rules.FreeOf("k", "x"), rules.FreeOf("c", "x"),
			rules.AboveEnds("k", "c", "a", "b")).OrZero("c").With("E(x ~ p, log(2 - x))"),
		rules.Rewrite("uniform-log-second-moment", "second moment of log x under a uniform distribution", "E(x ~ p, log(x)^2)",
			"(b*(log(b)^2 - 2*log(b) + 2) - a*(log(a)^2 - 2*log(a) + 2))/(b - a)", uniformIs.Get(), rules.NonNegativeEnd("a")).With("E(x ~ p, log(x)^2)"),
		rules.Rewrite("uniform-log-square-about", "second moment of log x about a point under a uniform distribution", "E(x ~ p, (log(x) + c)^2)",
			"(b*((log(b) + c)^2 - 2*(log(b) + c) + 2) - a*((log(a) + c)^2 - 2*(log(a) + c) + 2))/(b - a)",
			uniformIs.Get(), rules.NonNegativeEnd("a"), rules.FreeOf("c", "x")).With("E(x ~ p, (log(x) - c)^2)"),
	}
}}
