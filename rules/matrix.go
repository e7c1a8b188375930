package rules

import (
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// The matrix rules are written in the expression syntax too, with the
// shapes of their pattern variables declared as in a .kl file, so that
// a*b means a matrix product when a and b are matrices.
const matrixDecls = `k: dim
a, b, m, x, u, v: vector[k]
A, B, C, M, S: matrix[k,k]
`

// mrw is rw for rules over vectors and matrices.
func mrw(name, title, lhs, rhs string, conds ...Cond) *Rule {
	return rule(name, title, tree(Source{lhs, true}), tree(Source{rhs, true}), conds...)
}

// TraceTrick turns a quadratic form into a trace, as seed 002 does: a
// scalar equals its trace, and the trace is invariant under cyclic
// permutation.
var TraceTrick = once.Value[Set]{New: func() Set {
	return Set{
		mrw("scalar-is-trace", "a scalar equals its trace", "a'*A*b", "tr(a'*A*b)").with("(y0 - w0)'*inv(S0)*(y0 - w0)"),
		mrw("scalar-is-trace-2", "a scalar equals its trace", "a'*b", "tr(a'*b)").with("y0'*y0"),
		mrw("trace-cyclic", "tr(AB) = tr(BA)", "tr(a'*A*b)", "tr(A*b*a')").with("tr((y0 - w0)'*inv(S0)*(y0 - w0))"),
		mrw("trace-cyclic-2", "tr(AB) = tr(BA)", "tr(a'*b)", "tr(b*a')").with("tr(y0'*y0)"),
	}
}}

// MatrixExpectation moves expectations inside traces and past constant
// matrices.
var MatrixExpectation = once.Value[Set]{New: func() Set {
	return Set{
		mrw("expectation-of-trace", "expectation and trace commute", "E(x ~ p, tr(M))", "tr(E(x ~ p, M))").
			with("E(y0 ~ g, tr(inv(S0)*(y0 - w0)*(y0 - w0)'))"),
		mrw("expectation-of-matrix-product", "linearity of expectation", "E(x ~ p, A*M)", "A*E(x ~ p, M)", FreeOf("A", "x")).
			with("E(y0 ~ g, inv(S0)*(y0 - w0)*(y0 - w0)')"),
	}
}}

// Trace holds the linearity of the trace and the identities that close a
// trace: tr(inv(S)*S) = tr(I) = k, and the trace of a product with a
// vector outer product is a quadratic form again.
var Trace = once.Value[Set]{New: func() Set {
	return Set{
		// A row vector is left whole: (a + b)'*(a + b) is the textbook form.
		mrw("matrix-distribute", "matrix product distributes over sums", "A*(B + C)", "A*B + A*C", NotRow("A")).with("inv(S0)*(S0 + (w0 - c0)*(w0 - c0)')"),
		mrw("trace-of-sum", "linearity of the trace", "tr(A + B)", "tr(A) + tr(B)").with("tr(S0 + w0*w0')"),
		// a and b must be vectors: tr(inv(S')*S') is no outer product.
		mrw("trace-of-outer-product", "tr(AB) = tr(BA)", "tr(A*a*b')", "b'*A*a", Vectors("a", "b")).with("tr(inv(S0)*(w0 - c0)*(w0 - c0)')"),
		mrw("trace-of-outer-product-2", "tr(AB) = tr(BA)", "tr(a*b')", "b'*a", Vectors("a", "b")).with("tr(w0*w0')"),
		computed("trace-of-inverse-product", "tr(inv(S)*S) = tr(I) = k", "tr(M*S)", "k", traceOfInverseProduct).with("tr(inv(S0)*S0)"),
		computed("identity-in-product", "multiplying by the identity", "I(k)*A", "A", identityInProduct).with("I(n)*A0*S0"),
		rw("inverse-of-identity", "the identity is its own inverse", "inv(I(k))", "I(k)").with("inv(I(n))"),
		rw("determinant-of-identity", "det(I) = 1", "det(I(k))", "1").with("det(I(n))"),
		rw("trace-of-identity", "tr(I) = k", "tr(I(k))", "k").with("tr(I(n))"),
	}
}}

// traceOfInverseProduct closes tr(inv(S)*S) and tr(S*inv(S)) to the
// dimension of S.
func traceOfInverseProduct(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	c, ok := e.(*expr.Call)
	if !ok || c.Fn != "tr" || len(c.Args) != 1 {
		return nil, nil, false
	}
	m, ok := c.Args[0].(*expr.MatMul)
	if !ok || len(m.Factors) != 2 {
		return nil, nil, false
	}
	a, b := m.Factors[0], m.Factors[1]
	for _, pair := range [][2]expr.Expr{{a, b}, {b, a}} {
		if inv, ok := pair[0].(*expr.Call); ok && inv.Fn == "inv" && expr.Equal(inv.Args[0], pair[1]) {
			if k := ctx.DimOf(pair[1]); k != nil {
				return k, nil, true
			}
		}
	}
	return nil, nil, false
}

// identityInProduct drops identity factors from a matrix product.
func identityInProduct(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	m, ok := e.(*expr.MatMul)
	if !ok {
		return nil, nil, false
	}
	var kept []expr.Expr
	for _, f := range m.Factors {
		if c, ok := f.(*expr.Call); ok && c.Fn == "I" {
			continue
		}
		kept = append(kept, f)
	}
	if len(kept) == 0 {
		kept = m.Factors[:1] // I*I is I
	}
	if len(kept) == len(m.Factors) {
		return nil, nil, false
	}
	return expr.MatProd(kept...), nil, true
}

// dimOf is the number of rows of a declared vector or matrix symbol.
func (ctx *Context) DimOf(e expr.Expr) expr.Expr {
	switch c := e.(type) {
	case *expr.Call:
		switch c.Fn {
		case "I":
			return c.Args[0]
		case "diag", "inv":
			return ctx.DimOf(c.Args[0])
		}
		if expr.IsElementwise(c.Fn) && len(c.Args) == 1 {
			return ctx.DimOf(c.Args[0])
		}
	case *expr.Pow:
		return ctx.DimOf(c.Base)
	case *expr.Transpose:
		// Of a square matrix, S' of the covariance S'.
		if x, ok := c.X.(*expr.Sym); ok && ctx != nil && ctx.Types != nil {
			if sh := ctx.Types.Shapes[x.Name]; expr.Equal(sh.R, sh.C) {
				return sh.R
			}
		}
		return nil
	case *expr.Add, *expr.Mul:
		// A vector built coordinate by coordinate, alpha + 1 or 2*w,
		// has the dimension of its vector terms.
		for _, t := range expr.Children(e) {
			if k := ctx.DimOf(t); k != nil {
				return k
			}
		}
		return nil
	}
	s, ok := e.(*expr.Sym)
	if !ok || ctx == nil || ctx.Types == nil {
		return nil
	}
	return ctx.Types.Shapes[s.Name].R
}

// LogDet holds the determinant and inverse identities a log-density
// with a covariance written as a product or an inverse needs.
var LogDet = once.Value[Set]{New: func() Set {
	return Set{
		mrw("log-det-product", "log-determinant of a product", "log(det(A*B))", "log(det(A)) + log(det(B))", PositiveDefinite("A", "B")).
			with("log(det(S0*A0))"),
		mrw("det-of-inverse", "determinant of an inverse", "det(inv(A))", "1/det(A)", PositiveDefinite("A")).with("det(inv(S0))"),
		mrw("inverse-of-inverse", "the inverse of an inverse", "inv(inv(A))", "A", PositiveDefinite("A")).with("inv(inv(S0))"),
	}
}}

// notRow: a term is not a transposed vector.
type notRow string

// NotRow requires the term bound to a not to be a row vector a'.
func NotRow(a string) Cond { return notRow(a) }

func (c notRow) check(b binding, ctx *Context) (binding, string, bool) {
	_, row := b.get(string(c)).(*expr.Transpose)
	return b, "", !row
}
func (c notRow) binds() []string { return nil }
func (c notRow) uses() []string  { return []string{string(c)} }
func (c notRow) String() string  { return string(c) + " is not a row vector" }

// vectors: every named term is a column vector by the declared shapes.
type vectors []string

// Vectors requires the terms bound to vars to be column vectors: a
// pattern variable declared a vector binds any term, a matrix too.
func Vectors(vars ...string) Cond { return vectors(vars) }

func (c vectors) check(b binding, ctx *Context) (binding, string, bool) {
	if ctx == nil || ctx.Types == nil {
		return b, "", false
	}
	for _, v := range c {
		_, sh, err := ctx.Types.Check(b.get(v), nil, expr.Pos{})
		if err != nil || sh.IsScalar() || !expr.IsInt(sh.C, 1) {
			return b, "", false
		}
	}
	return b, "", true
}
func (c vectors) binds() []string { return nil }
func (c vectors) uses() []string  { return c }
func (c vectors) String() string  { return strings.Join(c, ", ") + " vectors" }
