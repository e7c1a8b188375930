package rules

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// mvSources are the ways a multivariate Gaussian density is written
// out: with a mean, and centred at zero. Their matching forms, mvForms,
// are built on first use, as a rule's are.
var mvSources = []Source{
	{"(2*pi)^(-k/2)*det(S)^(-1/2)*exp(-1/2*(x - m)'*inv(S)*(x - m))", true},
	{"(2*pi)^(-k/2)*det(S)^(-1/2)*exp(-1/2*x'*inv(S)*x)", true},
}

var mvForms = once.Value[[]expr.Expr]{New: func() []expr.Expr {
	forms := make([]expr.Expr, len(mvSources))
	for i, s := range mvSources {
		forms[i] = prepare(tree(s))
	}
	return forms
}}

// RecogniseMvNormal reads a density written out as the multivariate
// Gaussian formula in the vector x, and returns MvNormal(x; m, S). The
// dimension in the normalising constant must be the dimension of x.
func RecogniseMvNormal(body, x expr.Expr, ctx *Context) (*expr.Call, bool) {
	for i, form := range mvForms.Get() {
		var out *expr.Call
		pre := (*bnode)(nil).with("x", x)
		ok := match(form, body, pre, func(b binding) bool {
			m := expr.Expr(expr.N(0))
			if i == 0 {
				m = b.get("m")
			}
			S := b.get("S")
			if k := ctx.DimOf(x); k == nil || !expr.Equal(k, b.get("k")) {
				return false
			}
			out = expr.Fn(expr.GaussianFamily(true).Name, x, m, S)
			return true
		})
		if ok {
			return out, true
		}
	}
	return nil, false
}
