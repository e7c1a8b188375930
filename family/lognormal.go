package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// LogNormal is the distribution of x = e^y for y ~ Normal(mu, v), on
// x > 0.
var LogNormal = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: logNormalNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("lognormal-density", "log-normal density", "LogNormal(x; m, v)", "exp(-(log(x) - m)^2/(2*v))/(x*sqrt(2*pi*v))", rules.Positive("v")).
				With("LogNormal(y; c, s)"),
		},
		Moments: lognormalMoments.Get(),
		Powers:  rules.Powers("lognormal-expectation-in-powers", "LogNormal", lognormalMoments.Get()),
	}
}}

// logNormalNumeric is the numeric side of the LogNormal family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var logNormalNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "LogNormal",
		Params:  []expr.Param{{Name: "mu", Domain: expr.Real}, {Name: "v", Domain: expr.Positive}},
		Support: expr.HalfLine(0),
		// The Normal's log-density of log x, less log x (the Jacobian),
		// not from the rule below.
		LogPDF:   func(x float64, p []float64) float64 { return lognormalLogAt(p).at(x) },
		LogPDFOf: func(p []float64) func(float64) float64 { return lognormalLogAt(p).at },
		TeX:      `\mathrm{LogNormal}`, Unicode: "LogNormal",
		Reads: []string{`\mathrm{LogNormal}`, `\text{LogNormal}`, `\operatorname{LogNormal}`, `\mathrm{Lognormal}`},
	}
}}

var lognormalIs = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "LogNormal", "m", "v")
}}

// lognormalMoments are the moments of a log-normal distribution through
// its Normal: log x has mean m and variance v, and E[x^n] = E[e^(n·y)] is
// the Normal's moment generating function, e^(n·m + n²·v/2), for every
// power: a polynomial in x is expanded in its powers first. About a
// point u > 0 the mean absolute deviation is E[x] − u + 2E[(u − x)⁺],
// where the mass below u is Φ((log u − m)/√v) and x·p(x) is e^(m + v/2)
// times the log-normal density with m + v, whose mass there is
// Φ((log u − m − v)/√v); with 2Φ(z) − 1 = erf(z/√2) the two combine into
// erfs. About 0, |x| is x. At or below the support, u ≤ 0, |x − u| is
// x − u on all of it, so the deviation is E[x] − u. About a point of
// either sign the two are the cases of one piecewise form: log u is
// evaluated only where u > 0. The point's sign is decided in normal
// form, so that a point written (c + 1)² − c² − 2c is the positive 1,
// and c − c the point 0, not a piecewise term one of whose cases no
// parameter point takes.
var lognormalMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("lognormal-log-mean", "log x under a log-normal distribution is Gaussian: its mean", "E(x ~ p, log(x))", "m", lognormalIs.Get()).
			With("E(x ~ p, log(x))"),
		rules.Rewrite("lognormal-log-variance", "log x under a log-normal distribution is Gaussian: its variance", "E(x ~ p, (log(x) + c)^2)", "v",
			lognormalIs.Get(), rules.Cancel("c", "m")).With("E(x ~ p, (log(x) - a_1)^2)"),
		rules.Rewrite("lognormal-log-square-about", "log x under a log-normal distribution is Gaussian: its second moment about a point", "E(x ~ p, (log(x) + c)^2)",
			"v + (m - a)^2", lognormalIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "a")).With("E(x ~ p, (log(x) - c)^2)"),
		// About 0, as a literal mean of 0 or one that cancels, a - a,
		// leaves it: the square of log x with nothing to subtract.
		rules.Rewrite("lognormal-log-second-moment", "log x under a log-normal distribution is Gaussian: its second moment", "E(x ~ p, log(x)^2)",
			"v + m^2", lognormalIs.Get()).With("E(x ~ p, log(x)^2)"),
		rules.Rewrite("lognormal-mean", "mean of a log-normal distribution (the Normal's moment generating function)", "E(x ~ p, x)", "exp(m + v/2)", lognormalIs.Get()).
			With("E(x ~ p, x)"),
		rules.Rewrite("lognormal-second-moment", "second moment of a log-normal distribution (the Normal's moment generating function)", "E(x ~ p, x^2)", "exp(2*m + 2*v)", lognormalIs.Get()).
			With("E(x ~ p, x^2)"),
		rules.Rewrite("lognormal-higher-moment", "higher moments of a log-normal distribution (the Normal's moment generating function)", "E(x ~ p, x^n)",
			"exp(n*m + n^2*v/2)", lognormalIs.Get(), rules.IntegerAtLeast("n", 3)).With("E(x ~ p, x^3)"),
		rules.Rewrite("lognormal-absolute-about", "mean absolute deviation of a log-normal distribution about a positive point", "E(x ~ p, abs(x + c))",
			"u*erf((log(u) - m)/sqrt(2*v)) - exp(m + v/2)*erf((log(u) - m - v)/sqrt(2*v))", lognormalIs.Get(),
			rules.FreeOf("c", "x"), rules.NormalForm("c"), rules.Negated("c", "u"), rules.Positive("u")).With("E(x ~ p, abs(x - exp(c)))"),
		rules.Rewrite("lognormal-absolute-at-zero", "mean absolute value of a log-normal distribution: x > 0 on its support", "E(x ~ p, abs(x))",
			"exp(m + v/2)", lognormalIs.Get()).With("E(x ~ p, abs(x))"),
		rules.Rewrite("lognormal-absolute-below", "mean absolute deviation of a log-normal distribution about a point at or below its support", "E(x ~ p, abs(x + c))",
			"exp(m + v/2) + c", lognormalIs.Get(), rules.FreeOf("c", "x"), rules.NormalForm("c"), rules.NonNegative("c")).With("E(x ~ p, abs(x + exp(c)))"),
		rules.Rewrite("lognormal-absolute-cases", "mean absolute deviation of a log-normal distribution about a point of either sign", "E(x ~ p, abs(x + c))",
			"cases(exp(m + v/2) - u if u <= 0; u*erf((log(u) - m)/sqrt(2*v)) - exp(m + v/2)*erf((log(u) - m - v)/sqrt(2*v)) otherwise)", lognormalIs.Get(),
			rules.FreeOf("c", "x"), rules.NormalForm("c"), rules.Negated("c", "u")).With("E(x ~ p, abs(x - c))"),
	}
}}

// lognormalLog is the LogNormal log-density −(y − m)²/(2v) − log(2πv)/2
// − y, y = log x, at one set of parameters, log(2πv) computed once, by
// lognormalLogAt: LogPDF takes it at one x, LogPDFOf at many.
type lognormalLog struct{ m, twoV, halfLog float64 }

func lognormalLogAt(p []float64) lognormalLog {
	m, v := p[0], p[1]
	return lognormalLog{m: m, twoV: 2 * v, halfLog: math.Log(2*math.Pi*v) / 2}
}

func (g lognormalLog) at(x float64) float64 {
	y := math.Log(x)
	return -(y-g.m)*(y-g.m)/g.twoV - g.halfLog - y
}
