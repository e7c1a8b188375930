package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// Uniform is the uniform distribution on lo ≤ x ≤ hi, lo < hi: its
// support is given by its parameters.
var Uniform = register(Family{
	Family: expr.Family{
		Name:    "Uniform",
		Params:  []expr.Param{{Name: "lo", Domain: expr.Real}, {Name: "hi", Domain: expr.Real}},
		Support: expr.RealLine,
		Ends:    func(p []expr.Expr) (expr.Expr, expr.Expr) { return p[0], p[1] },
		// From the textbook formula 1/(hi − lo) on the support, not from
		// the rule below.
		LogPDF: func(_ float64, p []float64) float64 { return -math.Log(p[1] - p[0]) },
		PDF:    func(_ float64, p []float64) float64 { return 1 / (p[1] - p[0]) },
		TeX:    `\mathcal{U}`, Unicode: "𝒰",
		Reads: []string{`\mathcal{U}`, `U`, `\mathrm{Uniform}`, `\text{Uniform}`, `\mathrm{Unif}`, `\operatorname{Uniform}`},
	},
	Density: rules.Set{
		rules.Rewrite("uniform-density", "uniform density (on its support)", "Uniform(x; a, b)", "1/(b - a)").
			With("Uniform(y; c - 1, c + s)"),
	},
	Moments: uniformMoments,
	Powers:  rules.Powers("uniform-expectation-in-powers", "Uniform", uniformMoments),
})

var uniformIs = rules.Is("p", "Uniform", "a", "b")

// uniformMoments are the moments of a uniform distribution, each an
// integral of a power over [a, b] divided by b − a; about a point u the
// second moment is the variance (b − a)²/12 plus the squared distance of
// the midpoint from u. The mean absolute deviation about u is
// ∫|x − u| dx/(b − a), whose antiderivative (x − u)|x − u|/2 holds on both
// sides of u: so one form serves u below, inside and above [a, b].
var uniformMoments = rules.Set{
	rules.Rewrite("uniform-mean", "mean of a uniform distribution", "E(x ~ p, x)", "(a + b)/2", uniformIs).
		With("E(x ~ p, x)"),
	rules.Rewrite("uniform-second-moment", "second moment of a uniform distribution", "E(x ~ p, x^2)", "(a^2 + a*b + b^2)/3", uniformIs).
		With("E(x ~ p, x^2)"),
	rules.Rewrite("uniform-square-about", "second moment of a uniform distribution about a point", "E(x ~ p, (x + c)^2)", "(b - a)^2/12 + ((a + b)/2 - u)^2",
		uniformIs, rules.FreeOf("c", "x"), rules.Negated("c", "u")).With("E(x ~ p, (x - c)^2)"),
	rules.Rewrite("uniform-absolute-about", "mean absolute deviation of a uniform distribution about a point", "E(x ~ p, abs(x + c))",
		"((b - u)*abs(b - u) - (a - u)*abs(a - u))/(2*(b - a))", uniformIs, rules.FreeOf("c", "x"), rules.Negated("c", "u")).
		With("E(x ~ p, abs(x - c))"),
}
