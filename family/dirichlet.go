package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Dirichlet is the distribution of a point x of the open simplex in K
// dimensions with concentrations alpha[1], …, alpha[K] > 0.
var Dirichlet = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family:  dirichletNumeric.Get(),
		Density: rules.Set{dirichletDensity.Get()},
		Moments: rules.Set{dirichletLogMean.Get()},
	}
}}

// dirichletNumeric is the numeric side of the Dirichlet family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var dirichletNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:      "Dirichlet",
		Params:    []expr.Param{{Name: "concentrations", Domain: expr.PositiveVector}},
		Support:   expr.Interval(0, 1), // each coordinate, on the simplex
		VectorVar: true,
		// log Γ(α₀) − Σ log Γ(αₖ) + Σ (αₖ − 1) log xₖ, α₀ = Σ αₖ, from the
		// standard library's log Γ.
		VecLogPDF: func(x []float64, p [][]float64) float64 {
			sum := 0.0
			for _, c := range x {
				if !(c > 0 && c < 1) {
					return math.Inf(-1)
				}
				sum += c
			}
			if math.Abs(sum-1) > 1e-12*float64(len(x)) {
				return math.Inf(-1)
			}
			co := dirichletCoordinates(p)
			out := co.Const
			for k, c := range x {
				out += co.Term(k, c)
			}
			return out
		},
		Coordinates: dirichletCoordinates,
		TeX:         `\mathrm{Dir}`, Unicode: "Dir",
		Reads: []string{`\mathrm{Dir}`, `\text{Dir}`, `\operatorname{Dir}`, `\mathrm{Dirichlet}`, `\text{Dirichlet}`, `\operatorname{Dirichlet}`},
	}
}}

// dirichletCoordinates splits the log-density by coordinate. Coordinate
// k alone is Beta(αₖ, α₀ − αₖ) distributed (the aggregation property),
// which gives its marginal density.
func dirichletCoordinates(p [][]float64) expr.Coordinates {
	a := p[0]
	total := 0.0
	for _, ak := range a {
		total += ak
	}
	lgTotal, _ := math.Lgamma(total)
	c := lgTotal
	// norm[k] is log Γ(α₀) − log Γ(αₖ) − log Γ(α₀ − αₖ), once per
	// coordinate rather than at every node of an integral.
	norm := make([]float64, len(a))
	for k, ak := range a {
		la, _ := math.Lgamma(ak)
		lb, _ := math.Lgamma(total - ak)
		c -= la
		norm[k] = lgTotal - la - lb
	}
	return expr.Coordinates{
		Const: c,
		Term:  func(k int, t float64) float64 { return (a[k] - 1) * math.Log(t) },
		Marginal: func(k int, t float64) float64 {
			return (a[k]-1)*math.Log(t) + (total-a[k]-1)*math.Log1p(-t) + norm[k]
		},
	}
}

// dirichletParts are the vector variable, the concentrations and their
// dimension of the Dirichlet density named by a term, or false.
func dirichletParts(dist string, ctx *rules.Context) (x, a, k expr.Expr, ok bool) {
	if ctx == nil || ctx.Densities[dist] == nil {
		return nil, nil, nil, false
	}
	d := ctx.Densities[dist]
	c, f := expr.FamilyCall(d.Body)
	if f == nil || f.Name != "Dirichlet" || !expr.Equal(c.Args[0], d.Var) {
		return nil, nil, nil, false
	}
	if k = ctx.DimOf(c.Args[1]); k == nil {
		return nil, nil, nil, false
	}
	return d.Var, c.Args[1], k, true
}

// concentrationSum is sum(j in 1..K, a[j]), its index a name that
// neither avoid nor a declaration of the problem uses, so that it reads
// as no other symbol.
func concentrationSum(a, k, avoid expr.Expr, ctx *rules.Context) (expr.Expr, bool) {
	taken := []expr.Expr{a, avoid}
	if ctx.Types != nil {
		for name := range ctx.Types.Shapes {
			taken = append(taken, expr.S(name))
		}
	}
	j := rules.FreshIndex(expr.Prod(taken...), "j", "i", "l")
	aj, ok := rules.Coordinate(a, expr.S(j), ctx)
	return &expr.Big{Op: "sum", Index: j, Lo: expr.N(1), Hi: k, Body: aj}, ok
}

// dirichletDensity substitutes the density, its dimension K the declared
// length of the concentrations, which stay symbolic.
var dirichletDensity = once.Value[*rules.Rule]{New: func() *rules.Rule {
	return rules.Compute("dirichlet-density", "Dirichlet density",
		"Dirichlet(x; a)", "gamma(sum(j in 1..K, a[j]))/prod(j in 1..K, gamma(a[j]))*prod(j in 1..K, x[j]^(a[j] - 1))",
		func(e expr.Expr, ctx *rules.Context) (expr.Expr, []string, bool) {
			c, f := expr.FamilyCall(e)
			if f == nil || f.Name != "Dirichlet" || ctx == nil {
				return nil, nil, false
			}
			x, a := c.Args[0], c.Args[1]
			k := ctx.DimOf(a)
			if k == nil {
				k = ctx.DimOf(x)
			}
			total, ok := concentrationSum(a, k, x, ctx)
			if !ok || k == nil {
				return nil, nil, false
			}
			j := expr.S(total.(*expr.Big).Index)
			aj, _ := rules.Coordinate(a, j, ctx)
			over := func(body expr.Expr) expr.Expr {
				return &expr.Big{Op: "prod", Index: j.Name, Lo: expr.N(1), Hi: k, Body: body}
			}
			norm := expr.Prod(expr.Fn("gamma", total), expr.Power(over(expr.Fn("gamma", aj)), expr.N(-1)))
			return expr.Prod(norm, over(expr.Power(&expr.Index{Base: x, Sub: j}, expr.Sub(aj, expr.N(1))))), nil, true
		}).With("Dirichlet(y_0; w_0)")
}}

// dirichletLogMean: E[log x[i]] = ψ(a[i]) − ψ(Σ a[j]), K symbolic.
var dirichletLogMean = once.Value[*rules.Rule]{New: func() *rules.Rule {
	return rules.Compute("dirichlet-log-mean", "mean of log x[i] under a Dirichlet",
		"E(x ~ p, log(x[i]))", "digamma(a[i]) - digamma(sum(j in 1..K, a[j]))",
		func(e expr.Expr, ctx *rules.Context) (expr.Expr, []string, bool) {
			ex, ok := e.(*expr.Expect)
			if !ok {
				return nil, nil, false
			}
			l, ok := ex.Body.(*expr.Call)
			if !ok || l.Fn != "log" || len(l.Args) != 1 {
				return nil, nil, false
			}
			ix, ok := l.Args[0].(*expr.Index)
			x, a, k, isDir := dirichletParts(ex.Dist, ctx)
			if !ok || !isDir || !expr.Equal(ix.Base, x) || !expr.Equal(x, ex.Var) {
				return nil, nil, false
			}
			ai, ok := rules.Coordinate(a, ix.Sub, ctx)
			total, ok2 := concentrationSum(a, k, ix.Sub, ctx)
			if !ok || !ok2 {
				return nil, nil, false
			}
			return expr.Sub(expr.Fn("digamma", ai), expr.Fn("digamma", total)), []string{ex.Dist + " = Dirichlet(" + expr.String(x) + "; " + expr.String(a) + ")"}, true
		}).With("E(y_0 ~ t_d, log(y_0[d]))")
}}
