package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Normal is the univariate Gaussian in the mean–variance
// parameterisation. A product of Normals over the coordinates of a
// vector is its diagonal multivariate case.
var Normal = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: normalNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("normal-density", "Gaussian density", "Normal(x; m, v)", "exp(-(x - m)^2/(2*v))/sqrt(2*pi*v)", rules.Positive("v")).
				With("Normal(y; 1, s)"),
		},
		Moments: normalMoments.Get(),
		Powers:  rules.Powers("expectation-in-powers", "Normal", normalMoments.Get()),
	}
}}

// normalNumeric is the numeric side of the Normal family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var normalNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Normal",
		Params:  []expr.Param{{Name: "mean", Domain: expr.Real}, {Name: "variance", Domain: expr.Positive}},
		Support: expr.RealLine,
		// From the textbook formula, not from the rule below.
		LogPDF:   func(x float64, p []float64) float64 { return normalLogAt(p).at(x) },
		LogPDFOf: func(p []float64) func(float64) float64 { return normalLogAt(p).at },
		PDF: func(x float64, p []float64) float64 {
			return math.Exp(-(x-p[0])*(x-p[0])/(2*p[1])) / math.Sqrt(2*math.Pi*p[1])
		},
		Gaussian: true,
		TeX:      `\mathcal{N}`, Unicode: "𝒩",
		Reads: []string{`N`, `\mathcal{N}`, `\mathbb{N}`, `\mathscr{N}`},
	}
}}

var (
	normalIs = once.Value[rules.Cond]{New: func() rules.Cond {
		return rules.Is("p", "Normal", "m", "v")
	}}
	normalCoord = once.Value[rules.Cond]{New: func() rules.Cond {
		return rules.IsCoord("p", "Normal", "z", "d", "m", "v")
	}}
)

// normalMoments holds the moments of Gaussians, for a single Normal and for one
// coordinate of an independent product of Normals. A square about a
// point is written (x + c)^2, where c takes every term of the sum that is
// free of x, so that a compound mean such as m - 1 or a + b matches as a
// whole and is kept whole in the result. The moment about the mean comes
// first: it is the variance, and a hand derivation writes it so rather
// than as v + (m - m)^2. Higher powers follow from the recurrence
// E[x^n] = m E[x^(n-1)] + (n-1) v E[x^(n-2)].
var normalMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		rules.Rewrite("normal-mean", "mean of a Gaussian", "E(x ~ p, x)", "m", normalIs.Get()).
			With("E(x ~ p, x)"),
		rules.Rewrite("normal-second-moment", "second moment of a Gaussian", "E(x ~ p, x^2)", "v + m^2", normalIs.Get()).
			With("E(x ~ p, x^2)"),
		rules.Rewrite("normal-variance", "the second moment about the mean is the variance", "E(x ~ p, (x + c)^2)", "v",
			normalIs.Get(), rules.Cancel("c", "m")).With("E(x ~ p, (x - m)^2)"),
		rules.Rewrite("normal-variance-reversed", "the second moment about the mean is the variance", "E(x ~ p, (c - x)^2)", "v",
			normalIs.Get(), rules.Same("c", "m")).With("E(x ~ p, (m - x)^2)"),
		rules.Rewrite("normal-square-about", "second moment of a Gaussian about a point", "E(x ~ p, (x + c)^2)", "v + (m - a)^2",
			normalIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "a")).With("E(x ~ p, (x - c)^2)"),
		rules.Rewrite("normal-square-about-reversed", "second moment of a Gaussian about a point", "E(x ~ p, (c - x)^2)", "v + (m - c)^2",
			normalIs.Get(), rules.FreeOf("c", "x")).With("E(x ~ p, (c - x)^2)"),
		// The mean absolute deviation about a point a: the folded normal's
		// mean, |x − a| for x − a ~ N(m − a, v). About the mean it is
		// sqrt(2v/π); elsewhere the mass across a adds the erf term.
		rules.Rewrite("normal-mean-deviation", "mean absolute deviation of a Gaussian about its mean", "E(x ~ p, abs(x + c))", "sqrt(2*v/pi)",
			normalIs.Get(), rules.Cancel("c", "m")).OrZero("c").With("E(x ~ p, abs(x - m))"),
		rules.Rewrite("normal-absolute-about", "mean absolute deviation of a Gaussian about a point", "E(x ~ p, abs(x + c))",
			"sqrt(2*v/pi)*exp(-(m - a)^2/(2*v)) + (m - a)*erf((m - a)/sqrt(2*v))", normalIs.Get(), rules.FreeOf("c", "x"), rules.Negated("c", "a")).
			OrZero("c").With("E(x ~ p, abs(x - c))"),
		rules.Rewrite("normal-moment-recurrence", "higher moments of a Gaussian", "E(x ~ p, x^n)", "m*E(x ~ p, x^i) + i*v*E(x ~ p, x^j)",
			normalIs.Get(), rules.Recurrence("n", "i", "j")).With("E(x ~ p, x^3)"),
		rules.Rewrite("coordinate-mean", "mean of a Gaussian coordinate", "E(z ~ p, z[d])", "m", normalCoord.Get()).
			With("E(z ~ r, z[d])"),
		rules.Rewrite("coordinate-second-moment", "second moment of a Gaussian coordinate", "E(z ~ p, z[d]^2)", "v + m^2",
			normalCoord.Get()).With("E(z ~ r, z[d]^2)"),
		rules.Rewrite("coordinate-variance", "the second moment about the mean is the variance", "E(z ~ p, (z[d] + c)^2)", "v",
			normalCoord.Get(), rules.Cancel("c", "m")).With("E(z ~ r, (z[d] - mu[d])^2)"),
		rules.Rewrite("coordinate-variance-reversed", "the second moment about the mean is the variance", "E(z ~ p, (c - z[d])^2)", "v",
			normalCoord.Get(), rules.Same("c", "m")).With("E(z ~ r, (mu[d] - z[d])^2)"),
		rules.Rewrite("coordinate-square-about", "second moment of a Gaussian coordinate about a point", "E(z ~ p, (z[d] + c)^2)", "v + (m - a)^2",
			normalCoord.Get(), rules.FreeOf("c", "z"), rules.Negated("c", "a")).With("E(z ~ r, (z[d] - c[d])^2)"),
		rules.Rewrite("coordinate-square-about-reversed", "second moment of a Gaussian coordinate about a point", "E(z ~ p, (c - z[d])^2)", "v + (m - c)^2",
			normalCoord.Get(), rules.FreeOf("c", "z")).With("E(z ~ r, (c[d] - z[d])^2)"),
		rules.Rewrite("coordinate-moment-recurrence", "higher moments of a Gaussian coordinate", "E(z ~ p, z[d]^n)",
			"m*E(z ~ p, z[d]^i) + i*v*E(z ~ p, z[d]^j)",
			normalCoord.Get(), rules.Recurrence("n", "i", "j")).With("E(z ~ r, z[d]^4)"),
	}
}}

// normalLog is the Normal log-density −(x − m)²/(2v) − log(2πv)/2 at
// one set of parameters, the logarithm computed once, by normalLogAt:
// LogPDF takes it at one x, LogPDFOf at many.
type normalLog struct{ m, twoV, halfLog float64 }

func normalLogAt(p []float64) normalLog {
	m, v := p[0], p[1]
	return normalLog{m: m, twoV: 2 * v, halfLog: math.Log(2*math.Pi*v) / 2}
}

func (g normalLog) at(x float64) float64 { return -(x-g.m)*(x-g.m)/g.twoV - g.halfLog }
