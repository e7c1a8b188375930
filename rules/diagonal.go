package rules

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Diagonal holds the identities of diagonal matrices and inner products,
// which turn a multivariate result into a sum over coordinates. They are
// computed rules: each needs the dimension and writes coordinates.
var Diagonal = once.Value[Set]{New: func() Set {
	return Set{
		computed("determinant-of-diagonal", "the determinant of a diagonal matrix is the product of its diagonal",
			"det(diag(v))", "prod(d in 1..k, v[d])", diagonalDet).with("det(diag(w0^2))"),
		computed("trace-of-diagonal", "the trace of a diagonal matrix is the sum of its diagonal",
			"tr(diag(v))", "sum(d in 1..k, v[d])", diagonalTrace).with("tr(diag(w0^2))"),
		computed("inverse-of-diagonal", "the inverse of a diagonal matrix inverts its diagonal",
			"inv(diag(v))", "diag(v^-1)", diagonalInverse).with("inv(diag(w0^2))"),
		computed("inner-product", "an inner product is a sum over coordinates",
			"a'*b", "sum(d in 1..k, a[d]*b[d])", innerProduct).with("w0'*c0"),
		computed("diagonal-quadratic-form", "a quadratic form in a diagonal matrix is a weighted sum",
			"a'*diag(v)*b", "sum(d in 1..k, a[d]*v[d]*b[d])", innerProduct).with("w0'*diag(c0^2)*w0"),
	}
}}

func diagArg(e expr.Expr, fn string) (expr.Expr, bool) {
	c, ok := e.(*expr.Call)
	if !ok || c.Fn != fn || len(c.Args) != 1 {
		return nil, false
	}
	d, ok := c.Args[0].(*expr.Call)
	if !ok || d.Fn != "diag" || len(d.Args) != 1 {
		return nil, false
	}
	return d.Args[0], true
}

func overCoordinates(op string, v, body expr.Expr, ctx *Context) (expr.Expr, bool) {
	k := ctx.DimOf(v)
	if k == nil {
		return nil, false
	}
	d := freshIndex(body)
	at, ok := coordinate(body, expr.S(d), ctx)
	if !ok {
		return nil, false
	}
	return &expr.Big{Op: op, Index: d, Lo: expr.N(1), Hi: k, Body: at}, true
}

func diagonalDet(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	v, ok := diagArg(e, "det")
	if !ok {
		return nil, nil, false
	}
	out, ok := overCoordinates("prod", v, v, ctx)
	return out, nil, ok
}

func diagonalTrace(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	v, ok := diagArg(e, "tr")
	if !ok {
		return nil, nil, false
	}
	out, ok := overCoordinates("sum", v, v, ctx)
	return out, nil, ok
}

func diagonalInverse(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	v, ok := diagArg(e, "inv")
	if !ok {
		return nil, nil, false
	}
	return expr.Fn("diag", expr.Power(v, expr.N(-1))), nil, true
}

// innerProduct writes a'*b and a'*diag(v)*b as sums over coordinates.
func innerProduct(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	m, ok := e.(*expr.MatMul)
	if !ok || len(m.Factors) < 2 || len(m.Factors) > 3 {
		return nil, nil, false
	}
	t, ok := m.Factors[0].(*expr.Transpose)
	if !ok {
		return nil, nil, false
	}
	a, b := t.X, m.Factors[len(m.Factors)-1]
	var body []expr.Expr
	if len(m.Factors) == 3 {
		c, ok := m.Factors[1].(*expr.Call)
		if !ok || c.Fn != "diag" {
			return nil, nil, false
		}
		body = append(body, c.Args[0])
	}
	if expr.Equal(a, b) {
		// a'*a is a sum of squares, as a person writes it.
		body = append(body, expr.Power(a, expr.N(2)))
	} else {
		body = append([]expr.Expr{a}, append(body, b)...)
	}
	out, ok := overCoordinates("sum", firstVector(a, b), expr.Prod(body...), ctx)
	return out, nil, ok
}

// firstVector picks a term whose dimension is declared.
func firstVector(xs ...expr.Expr) expr.Expr {
	for _, x := range xs {
		var found expr.Expr
		expr.Any(x, func(n expr.Expr) bool {
			if s, ok := n.(*expr.Sym); ok && found == nil {
				found = s
			}
			return found != nil
		})
		if found != nil {
			return found
		}
	}
	return xs[0]
}

// freshIndex picks an index name the term does not use.
func freshIndex(e expr.Expr) string { return FreshIndex(e, "d", "i", "j", "l") }

// FreshIndex picks the first of the names that the term does not use,
// or the first with the subscript 1.
func FreshIndex(e expr.Expr, names ...string) string {
	for _, d := range names {
		if !expr.Uses(e, d) {
			return d
		}
	}
	return names[0] + "_1"
}

// coordinate writes the d-th coordinate of a vector expression built
// coordinate by coordinate: sigma^2 gives sigma[d]^2, and c·a of a
// scalar c gives c·a[d]. A symbol is a vector where the context declares
// it one (or, with no declarations at hand, always).
func coordinate(e, d expr.Expr, ctx *Context) (expr.Expr, bool) {
	switch e := e.(type) {
	case *expr.Num:
		return e, true
	case *expr.Sym:
		if ctx != nil && ctx.Types != nil {
			if sh, declared := ctx.Types.Shapes[e.Name]; !declared || sh.IsScalar() {
				return e, true
			}
		}
		return &expr.Index{Base: e, Sub: d}, true
	case *expr.Pow:
		b, ok := coordinate(e.Base, d, ctx)
		return expr.Power(b, e.Exp), ok
	case *expr.Call:
		if !expr.IsElementwise(e.Fn) || len(e.Args) != 1 {
			return nil, false
		}
		a, ok := coordinate(e.Args[0], d, ctx)
		return expr.Fn(e.Fn, a), ok
	case *expr.Add, *expr.Mul:
		kids := expr.Children(e)
		out := make([]expr.Expr, len(kids))
		for i, k := range kids {
			c, ok := coordinate(k, d, ctx)
			if !ok {
				return nil, false
			}
			out[i] = c
		}
		return expr.WithChildren(e, out), true
	}
	return nil, false
}

// Coordinate is the d-th coordinate of a vector expression built
// coordinate by coordinate, for the rules a family holds in its own file
// (the concentrations alpha + 1 of a Dirichlet give alpha[d] + 1).
func Coordinate(e, d expr.Expr, ctx *Context) (expr.Expr, bool) { return coordinate(e, d, ctx) }
