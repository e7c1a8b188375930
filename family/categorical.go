package family

import (
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/rules"
)

// Categorical is the distribution of one draw from K outcomes 1, …, K
// with probabilities p[1], …, p[K], a point of the simplex.
var Categorical = once.Value[*Family]{New: func() *Family {
	return &Family{
		Family: categoricalNumeric.Get(),
		Density: rules.Set{
			rules.Rewrite("categorical-density", "Categorical probability", "Categorical(x; p)", "p[x]").
				With("Categorical(y; w_c)"),
		},
		Sums: rules.Set{categoricalSum.Get()},
	}
}}

// categoricalNumeric is the numeric side of the Categorical family, which the parser, the
// printers and the evaluator see (package expr builds it on its own,
// without the rules).
var categoricalNumeric = once.Value[*expr.Family]{New: func() *expr.Family {
	return &expr.Family{
		Name:    "Categorical",
		Params:  []expr.Param{{Name: "probabilities", Domain: expr.Simplex}},
		Support: expr.Integers(1, math.Inf(1)),
		// The probability of outcome x, read from the vector.
		VecLogPDF: func(x []float64, p [][]float64) float64 {
			k := x[0]
			if k != math.Round(k) || k < 1 || int(k) > len(p[0]) {
				return math.Inf(-1)
			}
			return math.Log(p[0][int(k)-1])
		},
		VecBounds: func(p [][]float64) (float64, float64) { return 1, float64(len(p[0])) },
		TeX:       `\mathrm{Cat}`, Unicode: "Cat",
		Reads: []string{`\mathrm{Cat}`, `\text{Cat}`, `\operatorname{Cat}`, `\mathrm{Categorical}`, `\text{Categorical}`, `\operatorname{Categorical}`},
	}
}}

// categoricalSum: an expectation under a Categorical is the sum over its
// K outcomes of their probabilities times the body there. K is the
// declared length of the probabilities, so that it stays symbolic.
var categoricalSum = once.Value[*rules.Rule]{New: func() *rules.Rule {
	return rules.Compute("categorical-expectation", "an expectation under a Categorical is a sum over its outcomes",
		"E(x ~ q, f(x))", "sum(k in 1..K, p[k]*f(k))",
		func(e expr.Expr, ctx *rules.Context) (expr.Expr, []string, bool) {
			x, ok := e.(*expr.Expect)
			if !ok || ctx == nil {
				return nil, nil, false
			}
			d := ctx.Densities[x.Dist]
			if d == nil {
				return nil, nil, false
			}
			c, f := expr.FamilyCall(d.Body)
			v, isSym := x.Var.(*expr.Sym)
			if f == nil || f.Name != "Categorical" || !isSym || !expr.Equal(c.Args[0], d.Var) || !expr.Equal(d.Var, x.Var) {
				return nil, nil, false
			}
			k := ctx.DimOf(c.Args[1])
			if k == nil {
				return nil, nil, false
			}
			i := rules.FreshIndex(x.Body, "k", "j", "l")
			term := expr.Prod(&expr.Index{Base: c.Args[1], Sub: expr.S(i)}, expr.Replace(x.Body, v, expr.S(i)))
			return &expr.Big{Op: "sum", Index: i, Lo: expr.N(1), Hi: k, Body: term}, []string{d.Name + " = " + expr.String(c)}, true
		}).With("E(j ~ k_c, log(w_c[j]))")
}}
