package rules

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Scaled holds the identities of a matrix times a scalar, as in a
// covariance 2*I, s^2*I or c*S: the determinant takes the scalar to the
// power k, the inverse takes its reciprocal, and the trace is linear. They are computed rules: which factors
// are scalars depends on the declared shapes.
var Scaled = once.Value[Set]{New: func() Set {
	return Set{
		computed("det-of-scaled", "determinant of a scaled matrix", "det(c*A)", "c^k*det(A)", detOfScaled).with("det(2*S0)"),
		computed("inverse-of-scaled", "inverse of a scaled matrix", "inv(c*A)", "inv(A)/c", inverseOfScaled).with("inv(s*S0)"),
		computed("trace-of-scaled", "linearity of the trace", "tr(c*A)", "c*tr(A)", traceOfScaled).with("tr(2*S0)"),
	}
}}

// splitScaled splits c*A into its scalar factors and its one matrix.
func (ctx *Context) splitScaled(e expr.Expr) (c, m expr.Expr, ok bool) {
	mul, isMul := e.(*expr.Mul)
	if !isMul {
		return nil, nil, false
	}
	var scalars []expr.Expr
	for _, f := range mul.Factors {
		switch {
		case ctx.IsScalar(f):
			scalars = append(scalars, f)
		case m == nil:
			m = f
		default:
			return nil, nil, false
		}
	}
	if m == nil || len(scalars) == 0 {
		return nil, nil, false
	}
	return expr.Prod(scalars...), m, true
}

// IsScalar reports whether e mentions no declared vector or matrix and
// no matrix function.
func (ctx *Context) IsScalar(e expr.Expr) bool {
	return !expr.Any(e, func(n expr.Expr) bool {
		switch n := n.(type) {
		case *expr.Sym:
			if ctx == nil || ctx.Types == nil {
				return false
			}
			sh, ok := ctx.Types.Shapes[n.Name]
			return ok && !sh.IsScalar()
		case *expr.Call:
			return n.Fn == "I" || n.Fn == "inv" || n.Fn == "diag"
		case *expr.MatMul, *expr.Transpose:
			return true
		}
		return false
	})
}

func detOfScaled(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	call, ok := e.(*expr.Call)
	if !ok || call.Fn != "det" || len(call.Args) != 1 {
		return nil, nil, false
	}
	c, m, ok := ctx.splitScaled(call.Args[0])
	if !ok {
		return nil, nil, false
	}
	k := ctx.DimOf(m)
	if k == nil {
		return nil, nil, false
	}
	return expr.Prod(expr.Power(c, k), expr.Fn("det", m)), nil, true
}

func inverseOfScaled(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	call, ok := e.(*expr.Call)
	if !ok || call.Fn != "inv" || len(call.Args) != 1 {
		return nil, nil, false
	}
	c, m, ok := ctx.splitScaled(call.Args[0])
	if !ok || !ctx.IsPositive(c) {
		return nil, nil, false
	}
	return expr.Prod(expr.Power(c, expr.N(-1)), expr.Fn("inv", m)), ctx.assumedIn(c), true
}

// traceOfScaled takes the scalars out of a trace: of c*A, and of the
// factors of a matrix product, as tr((inv(S)/c)*(c*S)) has them once a
// scaled covariance is inverted.
func traceOfScaled(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	call, ok := e.(*expr.Call)
	if !ok || call.Fn != "tr" || len(call.Args) != 1 {
		return nil, nil, false
	}
	if c, m, ok := ctx.splitScaled(call.Args[0]); ok {
		return expr.Prod(c, expr.Fn("tr", m)), nil, true
	}
	mm, ok := call.Args[0].(*expr.MatMul)
	if !ok {
		return nil, nil, false
	}
	var scalars []expr.Expr
	factors := make([]expr.Expr, len(mm.Factors))
	for i, f := range mm.Factors {
		factors[i] = f
		if c, m, ok := ctx.splitScaled(f); ok {
			scalars = append(scalars, c)
			factors[i] = m
		}
	}
	if len(scalars) == 0 {
		return nil, nil, false
	}
	return expr.Prod(append(scalars, expr.Fn("tr", expr.MatProd(factors...)))...), nil, true
}
