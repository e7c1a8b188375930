package family

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// MvNormal is the multivariate Gaussian with a mean vector and a
// covariance matrix. It has no LogPDF of its own: the evaluator computes
// a multivariate Gaussian's log-density itself (with gonum's distmv,
// independently of the density rule), as it needs the covariance's
// Cholesky factor for its Gauss–Hermite grids anyway.
var MvNormal = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: mvNormalNumeric.Get(),
		Density: rules.Set{
			rules.Compute("mvnormal-density", "multivariate Gaussian density", "MvNormal(x; m, S)",
				"(2*pi)^(-k/2)*det(S)^(-1/2)*exp(-1/2*(x - m)'*inv(S)*(x - m))", mvDensity).
				With("MvNormal(y0; w0, S0)"),
		},
		Moments: mvMoments.Get(),
	}
}}

// mvNormalNumeric is the numeric side of the MvNormal family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var mvNormalNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:         "MvNormal",
		Params:       []expr.Param{{Name: "mean", Domain: expr.Real}, {Name: "covariance", Domain: expr.PositiveDefinite}},
		Support:      expr.RealLine,
		Gaussian:     true,
		Multivariate: true,
		TeX:          `\mathcal{N}`, Unicode: "𝒩",
	}
}}

var isMv = once.Value[rules.Cond]{New: func() rules.Cond {
	return rules.Is("p", "MvNormal", "m", "S")
}}

// mvMoments are the second moments of a Gaussian vector.
var mvMoments = once.Value[rules.Set]{New: func() rules.Set {
	return rules.Set{
		// As for a univariate Gaussian, b takes every term of the sum that is
		// free of x, so a compound mean such as a + b or A*m + c is kept
		// whole; the moment about the mean itself is the covariance.
		rules.MatrixRewrite("mvnormal-covariance", "the second moment about the mean is the covariance", "E(x ~ p, (x + b)*(x + b)')", "S",
			isMv.Get(), rules.Cancel("b", "m")).With("E(y0 ~ g, (y0 - w0)*(y0 - w0)')"),
		rules.MatrixRewrite("mvnormal-second-moment-about", "second moment of a Gaussian vector about a point", "E(x ~ p, (x + b)*(x + b)')", "S + (m - a)*(m - a)'",
			isMv.Get(), rules.FreeOf("b", "x"), rules.Negated("b", "a")).With("E(y0 ~ g, (y0 - c0)*(y0 - c0)')"),
		rules.MatrixRewrite("mvnormal-second-moment", "second moment of a Gaussian vector", "E(x ~ p, x*x')", "S + m*m'",
			isMv.Get()).With("E(y0 ~ g, y0*y0')"),
		rules.MatrixRewrite("mvnormal-cross-moment", "second moment of a Gaussian vector about two points", "E(x ~ p, (x + a)*(x + b)')", "S + (m - u)*(m - v)'",
			isMv.Get(), rules.FreeOf("a", "x"), rules.FreeOf("b", "x"), rules.Negated("a", "u"), rules.Negated("b", "v")).
			With("E(y0 ~ g, (y0 - c0)*(y0 + w0)')"),
		rules.MatrixRewrite("mvnormal-cross-moment-left", "second moment of a Gaussian vector about two points", "E(x ~ p, (x + a)*x')", "S + (m - u)*m'",
			isMv.Get(), rules.FreeOf("a", "x"), rules.Negated("a", "u")).With("E(y0 ~ g, (y0 - c0)*y0')"),
		rules.MatrixRewrite("mvnormal-cross-moment-right", "second moment of a Gaussian vector about two points", "E(x ~ p, x*(x + b)')", "S + m*(m - v)'",
			isMv.Get(), rules.FreeOf("b", "x"), rules.Negated("b", "v")).With("E(y0 ~ g, y0*(y0 - c0)')"),
		rules.MatrixRewrite("mvnormal-mean", "mean of a Gaussian vector", "E(x ~ p, x)", "m", isMv.Get()).With("E(y0 ~ g, y0)"),
	}
}}

// mvDensity expands MvNormal(x; m, S) with the dimension k of x or S,
// which the rule's statement cannot bind from a pattern.
func mvDensity(e expr.Expr, ctx *rules.Context) (expr.Expr, []string, bool) {
	c, ok := e.(*expr.Call)
	if !ok || c.Fn != "MvNormal" || len(c.Args) != 3 {
		return nil, nil, false
	}
	x, m, S := c.Args[0], c.Args[1], c.Args[2]
	k := ctx.DimOf(S)
	if k == nil {
		k = ctx.DimOf(x)
	}
	if k == nil {
		return nil, nil, false
	}
	d := expr.Sub(x, m)
	norm := expr.Power(expr.Prod(expr.N(2), expr.S("pi")), expr.Prod(expr.R(-1, 2), k))
	if isIdentity(S) {
		// N(x; m, I) is written as an author writes it, with no
		// inverse or determinant of the identity to carry along.
		return expr.Prod(norm, expr.Fn("exp", expr.Prod(expr.R(-1, 2), expr.MatProd(&expr.Transpose{X: d}, d)))), nil, true
	}
	quad := expr.MatProd(&expr.Transpose{X: d}, expr.Fn("inv", S), d)
	out := expr.Prod(
		norm,
		expr.Power(expr.Fn("det", S), expr.R(-1, 2)),
		expr.Fn("exp", expr.Prod(expr.R(-1, 2), quad)),
	)
	return out, nil, true
}

// isIdentity reports whether a covariance is the identity matrix I(k).
func isIdentity(S expr.Expr) bool {
	c, ok := S.(*expr.Call)
	return ok && c.Fn == "I"
}
