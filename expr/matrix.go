package expr

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmv"
)

// Matrix values for the evaluator. A vector is a column; a scalar in a
// matrix context is 1 by 1. Every operation checks its shapes, so a wrong
// term is an error rather than a panic inside gonum.

// matOf evaluates a vector or matrix expression, from the cache when it
// does not depend on a bound variable.
func (ev evaluator) matOf(e Expr) (*mat.Dense, error) {
	if ev.cache == nil || ev.dependsOnScope(e) {
		return ev.computeMat(e)
	}
	if m, ok := ev.cache.mats[e]; ok {
		return m, nil
	}
	m, err := ev.computeMat(e)
	if err == nil {
		put(&ev.cache.mats, e, m)
	}
	return m, err
}

func (ev evaluator) computeMat(e Expr) (*mat.Dense, error) {
	switch e := e.(type) {
	case *Sym:
		if m, ok := ev.env.Mats[e.Name]; ok {
			return m, nil
		}
		if v, ok := ev.vec(e.Name); ok {
			// The vector's own numbers, not a copy: no caller writes
			// into a matrix it is given (they may be env.Mats' own).
			return mat.NewDense(len(v), 1, v), nil
		}
	case *Matrix:
		return ev.literal(e)
	case *MatMul:
		out, err := ev.matOf(e.Factors[0])
		if err != nil {
			return nil, err
		}
		for _, f := range e.Factors[1:] {
			m, err := ev.matOf(f)
			if err != nil {
				return nil, err
			}
			if _, c := out.Dims(); c != rows(m) {
				return nil, fmt.Errorf("cannot multiply a %s by a %s in %s", dims(out), dims(m), String(e))
			}
			var p mat.Dense
			p.Mul(out, m)
			out = &p
		}
		return out, nil
	case *Transpose:
		m, err := ev.matOf(e.X)
		if err != nil {
			return nil, err
		}
		if raw := m.RawMatrix(); raw.Cols == 1 && raw.Stride == 1 {
			// A column's numbers, read as a row: the same data.
			return mat.NewDense(1, raw.Rows, raw.Data[:raw.Rows]), nil
		}
		return mat.DenseCopyOf(m.T()), nil
	case *Add:
		var out *mat.Dense
		for _, t := range e.Terms {
			m, err := ev.matOf(t)
			if err != nil {
				return nil, err
			}
			if out == nil {
				out = mat.DenseCopyOf(m)
				continue
			}
			if r, c := out.Dims(); r != rows(m) || c != cols(m) {
				return nil, fmt.Errorf("cannot add a %s and a %s in %s", dims(out), dims(m), String(e))
			}
			out.Add(out, m)
		}
		return out, nil
	case *Mul:
		scale := 1.0
		var m *mat.Dense
		for _, f := range e.Factors {
			if isMatrixValued(f, ev) {
				if m != nil {
					return nil, fmt.Errorf("%s multiplies two matrices without a matrix product", String(e))
				}
				var err error
				if m, err = ev.matOf(f); err != nil {
					return nil, err
				}
				continue
			}
			v, err := ev.num(f)
			if err != nil {
				return nil, err
			}
			scale *= v
		}
		if m == nil {
			return mat.NewDense(1, 1, []float64{scale}), nil
		}
		var out mat.Dense
		out.Scale(scale, m)
		return &out, nil
	case *Call:
		return ev.matrixCall(e)
	case *Expect:
		if isMatrixValued(e.Body, ev) {
			return ev.expectMat(e)
		}
	case *Pow:
		if !isMatrixValued(e.Base, ev) {
			break
		}
		b, err := ev.matOf(e.Base)
		if err != nil {
			return nil, err
		}
		if cols(b) == 1 {
			// A power of a vector is coordinate by coordinate.
			k, err := ev.num(e.Exp)
			if err != nil {
				return nil, err
			}
			out := mat.NewDense(rows(b), 1, nil)
			for i := range rows(b) {
				out.Set(i, 0, math.Pow(b.At(i, 0), k))
			}
			return out, nil
		}
		if IsInt(e.Exp, -1) {
			return ev.matrixCall(Fn("inv", e.Base))
		}
	}
	v, err := ev.num(e)
	if err != nil {
		return nil, err
	}
	return mat.NewDense(1, 1, []float64{v}), nil
}

// isMatrixValued reports whether e evaluates to more than a number.
func isMatrixValued(e Expr, ev evaluator) bool {
	return Any(e, func(n Expr) bool {
		switch n := n.(type) {
		case *MatMul, *Transpose, *Matrix:
			return true
		case *Sym:
			if _, ok := ev.env.Mats[n.Name]; ok {
				return true
			}
			_, ok := ev.vec(n.Name)
			return ok
		case *Call:
			if _, self := SelfInformation(n, ev.env.Dens); self {
				return false
			}
			return n.Fn == "inv" || n.Fn == "diag" || n.Fn == "I"
		case *Index:
			return false
		}
		return false
	}) && !isScalarCall(e, ev)
}

func isScalarCall(e Expr, ev evaluator) bool {
	c, ok := e.(*Call)
	return ok && (c.Fn == "det" || c.Fn == "tr" || IsElementwise(c.Fn) && len(c.Args) == 1 && !isMatrixValued(c.Args[0], ev))
}

func (ev evaluator) matrixCall(c *Call) (*mat.Dense, error) {
	if len(c.Args) != 1 {
		return nil, fmt.Errorf("%s takes one argument", c.Fn)
	}
	if out, ok, err := ev.elementwiseCall(c); ok {
		return out, err
	}
	switch c.Fn {
	case "I":
		k, err := ev.num(c.Args[0])
		if err != nil {
			return nil, err
		}
		n := int(math.Round(k))
		if n < 1 || n > 1000 {
			return nil, fmt.Errorf("the identity I(%g) has no size", k)
		}
		out := mat.NewDense(n, n, nil)
		for i := range n {
			out.Set(i, i, 1)
		}
		return out, nil
	case "inv":
		m, err := ev.matOf(c.Args[0])
		if err != nil {
			return nil, err
		}
		if rows(m) != cols(m) {
			return nil, fmt.Errorf("cannot invert a %s in %s", dims(m), String(c))
		}
		var out mat.Dense
		if err := out.Inverse(m); err != nil {
			return nil, fmt.Errorf("%s: the matrix is singular", String(c))
		}
		return &out, nil
	case "diag":
		v, err := ev.matOf(c.Args[0])
		if err != nil {
			return nil, err
		}
		if cols(v) != 1 {
			return nil, fmt.Errorf("diag takes a vector, not a %s", dims(v))
		}
		n := rows(v)
		out := mat.NewDense(n, n, nil)
		for i := range n {
			out.Set(i, i, v.At(i, 0))
		}
		return out, nil
	}
	v, err := ev.num(c)
	if err != nil {
		return nil, err
	}
	return mat.NewDense(1, 1, []float64{v}), nil
}

// matrixRounding is a value computed from k-by-k matrices (a product, an
// inverse, a determinant), with a rounding bound for it: the matrices the
// evaluator meets are small and well conditioned, so a few hundred units
// of rounding per entry is a safe margin.
func matrixRounding(v float64, k int) Value {
	return Value{v, float64(64*(k+1)*(k+1)) * eps * math.Max(1, math.Abs(v))}
}

// matrixFunc computes det and tr of a square matrix.
func (ev evaluator) matrixFunc(c *Call) (Value, error) {
	cacheable := ev.cache != nil && !ev.dependsOnScope(c)
	if cacheable {
		if v, ok := ev.cache.scalars[c]; ok {
			return v, nil
		}
	}
	v, err := ev.computeMatrixFunc(c)
	if err == nil && cacheable {
		put(&ev.cache.scalars, Expr(c), v)
	}
	return v, err
}

func (ev evaluator) computeMatrixFunc(c *Call) (Value, error) {
	m, err := ev.matOf(c.Args[0])
	if err != nil {
		return Value{}, err
	}
	if rows(m) != cols(m) {
		return Value{}, fmt.Errorf("%s takes a square matrix, not a %s", c.Fn, dims(m))
	}
	if c.Fn == "det" {
		return matrixRounding(mat.Det(m), rows(m)), nil
	}
	return matrixRounding(mat.Trace(m), rows(m)), nil
}

// scalarOf evaluates a product such as x'*A*x whose value is 1 by 1.
func (ev evaluator) scalarOf(e Expr) (Value, error) {
	m, err := ev.matOf(e)
	if err != nil {
		return Value{}, err
	}
	if rows(m) != 1 || cols(m) != 1 {
		return Value{}, fmt.Errorf("%s is a %s, not a number", String(e), dims(m))
	}
	return matrixRounding(m.At(0, 0), 5), nil
}

func (ev evaluator) literal(m *Matrix) (*mat.Dense, error) {
	r, c := len(m.Rows), len(m.Rows[0])
	out := mat.NewDense(r, c, nil)
	for i, row := range m.Rows {
		for j, x := range row {
			v, err := ev.num(x)
			if err != nil {
				return nil, err
			}
			out.Set(i, j, v)
		}
	}
	if m.Vector {
		return mat.DenseCopyOf(out.T()), nil
	}
	return out, nil
}

// EvalMatrix evaluates an expression that may be a vector or matrix.
func EvalMatrix(e Expr, env *Env) (*mat.Dense, error) {
	return evaluator{env: env, cache: newCache()}.matOf(e)
}

// evalCache memoises, per node, the matrices and Gaussian densities that
// do not depend on bound variables, and each node's free symbols.
type evalCache struct {
	mats    map[Expr]*mat.Dense
	scalars map[Expr]Value
	normals map[Expr]*distmv.Normal
	symbols map[Expr][]string
}

// newCache is an empty cache; its maps are made on first use.
func newCache() *evalCache { return &evalCache{} }

// put sets (*m)[k] = v, making the map on first use: most evaluations
// and loops memoise nothing, and an empty map still costs an allocation.
func put[K comparable, V any](m *map[K]V, k K, v V) {
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[k] = v
}

// dependsOnScope reports whether e mentions a variable bound by an
// enclosing sum, integral or expectation.
func (ev evaluator) dependsOnScope(e Expr) bool {
	if ev.scope == nil {
		return false
	}
	syms, ok := ev.cache.symbols[e]
	if !ok {
		syms = Symbols(e)
		put(&ev.cache.symbols, e, syms)
	}
	for _, s := range syms {
		if _, bound := ev.lookup(s); bound {
			return true
		}
	}
	return false
}

func rows(m *mat.Dense) int { r, _ := m.Dims(); return r }
func cols(m *mat.Dense) int { _, c := m.Dims(); return c }
func dims(m *mat.Dense) string {
	r, c := m.Dims()
	return fmt.Sprintf("%dx%d matrix", r, c)
}
