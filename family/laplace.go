package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Laplace is the Laplace distribution with a location and a scale, on
// the real line.
var Laplace = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: laplaceNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("laplace-density", "Laplace density", "Laplace(x; m, s)", "exp(-abs(x - m)/s)/(2*s)", rules.Positive("s")).
				With("Laplace(y; c - 1, v)"),
		},
		Moments: laplaceMoments.Get(),
		Powers:  rules.Powers("laplace-expectation-in-powers", "Laplace", laplaceMoments.Get()),
	}
}}

// laplaceNumeric is the numeric side of the Laplace family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var laplaceNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Laplace",
		Params:  []expr.Param{{Name: "loc", Domain: expr.Real}, {Name: "scale", Domain: expr.Positive}},
		Support: expr.RealLine,
		// From the textbook formula e^(−|x − μ|/b)/(2b), not from the
		// rule below.
		LogPDF:   func(x float64, p []float64) float64 { return laplaceLogAt(p).at(x) },
		LogPDFOf: func(p []float64) func(float64) float64 { return laplaceLogAt(p).at },
		PDF:      func(x float64, p []float64) float64 { return math.Exp(-math.Abs(x-p[0])/p[1]) / (2 * p[1]) },
		// The density has its kink at the location.
		Breaks: func(p []float64) []float64 { return []float64{p[0]} },
		TeX:    `\mathrm{Laplace}`, Unicode: "Laplace",
		Reads: []string{`\mathrm{Laplace}`, `\text{Laplace}`, `\operatorname{Laplace}`},
	}
}}

var laplaceIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "Laplace", "m", "s")
}}

// laplaceMoments are the moments of a Laplace distribution. The mean
// absolute deviation about any point a is |m − a| + s·e^(−|m − a|/s): the
// mass beyond a, on the far side of the location, pulls it up from
// |m − a|, and about the location itself it is the scale. As for a
// Gaussian, c takes every term free of x, so the point is kept whole.
var laplaceMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("laplace-mean", "mean of a Laplace distribution", "E(x ~ p, x)", "m", laplaceIs.Get()).
			With("E(x ~ p, x)"),
		rules.Rewrite("laplace-second-moment", "second moment of a Laplace distribution", "E(x ~ p, x^2)", "2*s^2 + m^2", laplaceIs.Get()).
			With("E(x ~ p, x^2)"),
		rules.Rewrite("laplace-square-about", "second moment of a Laplace distribution about a point", "E(x ~ p, (x + c)^2)", "2*s^2 + (m - a)^2",
			laplaceIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "a")).With("E(x ~ p, (x - c)^2)"),
		rules.Rewrite("laplace-mean-deviation", "mean absolute deviation of a Laplace distribution about its location", "E(x ~ p, abs(x + c))", "s",
			laplaceIs.Get(), rules.Cancel("c", "m")).OrZero("c").With("E(x ~ p, abs(x - a_1))"),
		rules.Rewrite("laplace-absolute-about", "mean absolute deviation of a Laplace distribution about a point", "E(x ~ p, abs(x + c))",
			"abs(m - a) + s*exp(-abs(m - a)/s)", laplaceIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "a")).OrZero("c").With("E(x ~ p, abs(x - c))"),
	}
}}

// laplaceLog is the Laplace log-density −|x − m|/b − log(2b) at one set
// of parameters, the logarithm computed once, by laplaceLogAt: LogPDF
// takes it at one x, LogPDFOf at many.
type laplaceLog struct{ m, b, log2b float64 }

func laplaceLogAt(p []float64) laplaceLog {
	m, b := p[0], p[1]
	return laplaceLog{m: m, b: b, log2b: math.Log(2 * b)}
}

func (g laplaceLog) at(x float64) float64 { return -math.Abs(x-g.m)/g.b - g.log2b }
