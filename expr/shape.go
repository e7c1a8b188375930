package expr

import (
	"strings"

	"github.com/klderive/klderive/internal/once"
)

// Shape is the type of a value: a scalar (both dimensions nil), a vector
// (R by 1), a row vector (1 by C) or a matrix (R by C). Dimensions are
// expressions: a number, or a symbol declared "k: dim".
type Shape struct{ R, C Expr }

// Scalar is the shape of a real number.
var Scalar = Shape{}

// IsScalar reports whether s is a scalar, a 1 by 1 product included.
func (s Shape) IsScalar() bool {
	return s.R == nil || (IsInt(s.R, 1) && IsInt(s.C, 1))
}

func (s Shape) String() string {
	switch {
	case s.IsScalar():
		return "a scalar"
	case IsInt(s.C, 1):
		return "a vector[" + String(s.R) + "]"
	case IsInt(s.R, 1):
		return "a row vector[" + String(s.C) + "]"
	}
	return "a matrix[" + String(s.R) + "," + String(s.C) + "]"
}

// Types holds the declared shapes of a problem's symbols.
type Types struct {
	Shapes map[string]Shape
	Dims   map[string]bool     // symbols declared "dim"
	Props  map[string][]string // spd, diag, symmetric
	// Counts are the scalars declared "count": positive integers, such
	// as a Binomial's number of trials.
	Counts map[string]bool
	// Densities are the names of the file's densities: I(p) of a
	// density p is its self-information, a number, not the identity
	// matrix I(k) of a dimension k.
	Densities map[string]bool
}

// isDensity reports whether x names a density of the file.
func (t *Types) isDensity(x Expr) bool {
	s, ok := x.(*Sym)
	return ok && t.Densities[s.Name]
}

// Declared reports whether any symbol is a vector or matrix.
func (t *Types) Declared() bool { return len(t.Shapes) > 0 }

// Types reads the declarations of a file.
func (f *File) Types() (*Types, error) {
	t := &Types{Shapes: map[string]Shape{}, Dims: map[string]bool{}, Props: map[string][]string{}, Counts: map[string]bool{}, Densities: map[string]bool{}}
	for _, d := range f.Densities {
		t.Densities[d.Name] = true
	}
	// A second declaration of a name would silently override the first.
	declared := map[string]Pos{}
	for _, d := range f.Decls {
		for i, n := range d.Names {
			at := d.Pos
			if i < len(d.At) {
				at = d.At[i]
			}
			if first, dup := declared[n]; dup {
				return nil, Errorf(at, "%s is declared twice (first on line %d)", n, first.Line)
			}
			declared[n] = at
		}
	}
	for _, d := range f.Decls {
		var s Shape
		switch {
		case d.Type == "dim" && len(d.Dims) == 0:
			for _, n := range d.Names {
				t.Dims[n] = true
			}
			continue
		case d.Type == "count" && len(d.Dims) == 0 && len(d.Props) == 0:
			for _, n := range d.Names {
				t.Counts[n] = true
			}
			continue
		case d.Type == "scalar" && len(d.Dims) == 0:
			s = Scalar
		case d.Type == "vector" && len(d.Dims) == 1:
			s = Shape{d.Dims[0], N(1)}
		case d.Type == "matrix" && len(d.Dims) == 2:
			s = Shape{d.Dims[0], d.Dims[1]}
		default:
			return nil, Errorf(d.Pos, "unknown declaration %s; write dim, count, scalar, vector[k] or matrix[k,k]", declString(d))
		}
		for _, p := range d.Props {
			switch p {
			case "spd", "diag", "symmetric":
				if s.R == nil || !Equal(s.R, s.C) {
					return nil, Errorf(d.Pos, "%s applies to square matrices, not %s", p, s)
				}
			case "simplex":
				// Every coordinate in (0, 1), summing to 1: a vector of
				// probabilities.
				if s.R == nil || !IsInt(s.C, 1) {
					return nil, Errorf(d.Pos, "simplex applies to vectors, not %s", s)
				}
			default:
				return nil, Errorf(d.Pos, "unknown property %s; known: spd, diag, symmetric, simplex", p)
			}
		}
		for _, dim := range d.Dims {
			if err := t.checkDim(dim, f.Where, d.Pos); err != nil {
				return nil, err
			}
		}
		for _, n := range d.Names {
			t.Shapes[n] = s
			t.Props[n] = d.Props
		}
	}
	return t, nil
}

func declString(d *Decl) string {
	s := d.Type
	if len(d.Dims) > 0 {
		var parts []string
		for _, x := range d.Dims {
			parts = append(parts, String(x))
		}
		s += "[" + strings.Join(parts, ",") + "]"
	}
	return s
}

func (t *Types) checkDim(d Expr, where map[Expr]Pos, at Pos) error {
	switch d := d.(type) {
	case *Num:
		if d.Val.IsInt() && d.Val.Sign() > 0 {
			return nil
		}
	case *Sym:
		if t.Dims[d.Name] {
			return nil
		}
		return Errorf(posOr(where, d, at), "the dimension %s is not declared; add \"%s: dim\"", d.Name, d.Name)
	}
	return Errorf(posOr(where, d, at), "a dimension is a positive integer or a symbol declared dim, not %s", String(d))
}

func posOr(where map[Expr]Pos, e Expr, at Pos) Pos {
	if p, ok := where[e]; ok {
		return p
	}
	return at
}

// anyDim is the dimension of the identity I, which takes the size its
// context needs.
var anyDim = S("·")

func sameDim(a, b Expr) bool { return a == anyDim || b == anyDim || Equal(a, b) }

func sameShape(a, b Shape) bool {
	if a.IsScalar() || b.IsScalar() {
		return a.IsScalar() == b.IsScalar()
	}
	return sameDim(a.R, b.R) && sameDim(a.C, b.C)
}

// Check infers the shape of e, checks that every product, sum and
// function is applied to values of fitting shapes, and rewrites matrix
// notation into its explicit form: products involving matrices become
// ordered matrix products, A^-1 becomes inv(A), A^T becomes A', and a
// bare I becomes I(k) of the size its context needs. where gives the
// positions of parsed nodes for errors.
func (t *Types) Check(e Expr, where map[Expr]Pos, at Pos) (Expr, Shape, error) {
	c := checker{t: t, where: where, at: at}
	out, s, err := c.check(e)
	if err != nil {
		return nil, Shape{}, err
	}
	return c.sizeIdentity(out, s), s, nil
}

type checker struct {
	t     *Types
	where map[Expr]Pos
	at    Pos
}

func (c *checker) errorf(e Expr, format string, args ...any) error {
	return Errorf(posOr(c.where, e, c.at), format, args...)
}

func (c *checker) check(e Expr) (Expr, Shape, error) {
	switch e := e.(type) {
	case *Num:
		return e, Scalar, nil
	case *Sym:
		if e.Name == "I" {
			if _, declared := c.t.Shapes["I"]; !declared {
				return e, Shape{anyDim, anyDim}, nil
			}
		}
		return e, c.t.Shapes[e.Name], nil
	case *Add:
		return c.sum(e)
	case *Mul:
		return c.product(e, e.Factors)
	case *MatMul:
		return c.product(e, e.Factors)
	case *Pow:
		return c.power(e)
	case *Transpose:
		x, s, err := c.check(e.X)
		if err != nil {
			return nil, Shape{}, err
		}
		if s.IsScalar() {
			return x, s, nil
		}
		return &Transpose{X: x}, Shape{s.C, s.R}, nil
	case *Call:
		return c.call(e)
	case *Index:
		base, s, err := c.check(e.Base)
		if err != nil {
			return nil, Shape{}, err
		}
		if !s.IsScalar() && !IsInt(s.C, 1) {
			return nil, Shape{}, c.errorf(e, "cannot index %s, which is %s", String(e.Base), s)
		}
		return &Index{Base: base, Sub: e.Sub}, Scalar, nil
	}
	kids := Children(e)
	nk := make([]Expr, len(kids))
	shape := Scalar
	for i, k := range kids {
		x, s, err := c.check(k)
		if err != nil {
			return nil, Shape{}, err
		}
		if in, ok := e.(*Integral); ok && in.Bounded() && (k == in.Lo || k == in.Hi) && !s.IsScalar() {
			return nil, Shape{}, c.errorf(k, "the limit %s of an integral must be a number, but it is %s", String(k), s)
		}
		nk[i] = x
		if i == len(kids)-1 {
			// An expectation, integral or sum has the shape of its body.
			shape = s
		}
	}
	if len(kids) == 0 {
		return e, Scalar, nil
	}
	switch e.(type) {
	case *Expect, *Integral, *Big:
	default:
		shape = Scalar
	}
	return WithChildren(e, nk), shape, nil
}

func (c *checker) sum(e *Add) (Expr, Shape, error) {
	var terms []Expr
	var shape Shape
	for i, t := range e.Terms {
		x, s, err := c.check(t)
		if err != nil {
			return nil, Shape{}, err
		}
		if i > 0 && !sameShape(shape, s) && !IsInt(t, 0) {
			return nil, Shape{}, c.errorf(e, "cannot add %s and %s: %s and %s", shape, s, String(e.Terms[0]), String(t))
		}
		if i == 0 || shape.R == anyDim {
			shape = s
		}
		terms = append(terms, x)
	}
	for i := range terms {
		terms[i] = c.sizeIdentity(terms[i], shape)
	}
	return Sum(terms...), shape, nil
}

// product checks a chain of factors: scalars commute and are gathered in
// front; the others multiply in order, each inner dimension matching.
func (c *checker) product(e Expr, factors []Expr) (Expr, Shape, error) {
	var scalars, mats []Expr
	var shapes []Shape
	shape := Scalar
	var prev Expr
	for _, f := range factors {
		x, s, err := c.check(f)
		if err != nil {
			return nil, Shape{}, err
		}
		if s.IsScalar() {
			scalars = append(scalars, x)
			continue
		}
		shapes = append(shapes, s)
		if len(mats) > 0 && !sameDim(shape.C, s.R) {
			return nil, Shape{}, c.errorf(e, "cannot multiply %s by %s: %s is %s and %s is %s",
				String(prev), String(f), String(prev), shape, String(f), s)
		}
		if len(mats) == 0 {
			shape = s
		} else {
			shape = Shape{shape.R, s.C}
		}
		mats = append(mats, x)
		prev = f
	}
	// An identity in a product takes the size of its neighbour, unless
	// that is an identity too (I·I): both then stay bare, for the size
	// the context gives (sizeIdentity), never I(·) of no size at all.
	for i, m := range mats {
		if isBareI(m) && len(mats) > 1 {
			if i > 0 && shapes[i-1].C != anyDim {
				mats[i] = Fn("I", shapes[i-1].C)
			} else if i+1 < len(mats) && shapes[i+1].R != anyDim {
				mats[i] = Fn("I", shapes[i+1].R)
			}
		}
	}
	switch len(mats) {
	case 0:
		return Prod(scalars...), Scalar, nil
	case 1:
		return Prod(append(scalars, mats[0])...), shape, nil
	}
	m := MatProd(mats...)
	if shape.IsScalar() {
		shape = Scalar
	}
	return Prod(append(scalars, m)...), shape, nil
}

func (c *checker) power(e *Pow) (Expr, Shape, error) {
	base, s, err := c.check(e.Base)
	if err != nil {
		return nil, Shape{}, err
	}
	if s.IsScalar() {
		exp, _, err := c.check(e.Exp)
		if err != nil {
			return nil, Shape{}, err
		}
		return Power(base, exp), Scalar, nil
	}
	if sym, ok := e.Exp.(*Sym); ok && sym.Name == "T" {
		return &Transpose{X: base}, Shape{s.C, s.R}, nil
	}
	if _, ok := e.Exp.(*Num); ok && IsInt(s.C, 1) {
		// A power of a vector is taken coordinate by coordinate, as in
		// diag(sigma^2).
		return Power(base, e.Exp), s, nil
	}
	if IsInt(e.Exp, -1) {
		if !sameDim(s.R, s.C) {
			return nil, Shape{}, c.errorf(e, "cannot invert %s, which is %s", String(e.Base), s)
		}
		return Fn("inv", base), s, nil
	}
	return nil, Shape{}, c.errorf(e, "%s is %s; of its powers only ^-1 (inverse) and ^T (transpose) are defined", String(e.Base), s)
}

// matrixFuncs take a square matrix; diag takes a vector.
var matrixFuncs = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"det": true, "tr": true, "inv": true}
}}

func (c *checker) call(e *Call) (Expr, Shape, error) {
	args := make([]Expr, len(e.Args))
	shapes := make([]Shape, len(e.Args))
	for i, a := range e.Args {
		x, s, err := c.check(a)
		if err != nil {
			return nil, Shape{}, err
		}
		args[i], shapes[i] = x, s
	}
	out := &Call{Fn: e.Fn, Args: args}
	switch {
	case matrixFuncs.Get()[e.Fn] && len(args) == 1:
		s := shapes[0]
		if s.IsScalar() || !IsInt(s.C, 1) && !sameDim(s.R, s.C) || IsInt(s.C, 1) {
			if s.IsScalar() && e.Fn != "inv" {
				return out, Scalar, nil
			}
			return nil, Shape{}, c.errorf(e, "%s takes a square matrix, but %s is %s", e.Fn, String(e.Args[0]), s)
		}
		if e.Fn == "inv" {
			return out, s, nil
		}
		return out, Scalar, nil
	case e.Fn == "diag" && len(args) == 1:
		s := shapes[0]
		if s.IsScalar() || !IsInt(s.C, 1) {
			return nil, Shape{}, c.errorf(e, "diag takes a vector, but %s is %s", String(e.Args[0]), s)
		}
		return out, Shape{s.R, s.R}, nil
	case e.Fn == "I" && len(args) == 1 && c.t.isDensity(args[0]):
		return out, Scalar, nil
	case e.Fn == "I" && len(args) == 1:
		return out, Shape{args[0], args[0]}, nil
	case families.Get()[e.Fn] != nil && families.Get()[e.Fn].Multivariate:
		return c.mvnormal(e, out, shapes)
	case families.Get()[e.Fn] != nil && families.Get()[e.Fn].IsVector():
		return c.vectorFamily(families.Get()[e.Fn], e, out, shapes)
	}
	if n, ok := IsSpecial(e.Fn); ok {
		if len(args) != n {
			return nil, Shape{}, c.errorf(e, "%s takes %d argument(s), not %d", e.Fn, n, len(args))
		}
		for i, s := range shapes {
			if !s.IsScalar() {
				return nil, Shape{}, c.errorf(e, "%s takes a scalar, but %s is %s", e.Fn, String(e.Args[i]), s)
			}
		}
		return out, Scalar, nil
	}
	if IsElementwise(e.Fn) && len(args) == 1 && !shapes[0].IsScalar() && IsInt(shapes[0].C, 1) {
		return out, shapes[0], nil // coordinate by coordinate, as exp(lv)
	}
	for i, s := range shapes {
		if !s.IsScalar() && !(e.Fn != "log" && e.Fn != "exp" && e.Fn != "sqrt" && e.Fn != "abs" && i == 0) {
			return nil, Shape{}, c.errorf(e, "%s takes a scalar, but %s is %s", e.Fn, String(e.Args[i]), s)
		}
	}
	return out, Scalar, nil
}

func (c *checker) mvnormal(e, out *Call, shapes []Shape) (Expr, Shape, error) {
	if len(shapes) != 3 {
		return nil, Shape{}, c.errorf(e, "%s takes the variable, a mean vector and a covariance matrix, as in %s(x; mu, Sigma)", e.Fn, e.Fn)
	}
	x, m, s := shapes[0], shapes[1], shapes[2]
	if x.IsScalar() || !IsInt(x.C, 1) {
		return nil, Shape{}, c.errorf(e, "the variable of %s must be a vector, but %s is %s", e.Fn, String(e.Args[0]), x)
	}
	if !(IsInt(e.Args[1], 0) || !m.IsScalar() && IsInt(m.C, 1) && sameDim(m.R, x.R)) {
		return nil, Shape{}, c.errorf(e, "the mean of %s must be a vector[%s] (or 0), but %s is %s", e.Fn, String(x.R), String(e.Args[1]), m)
	}
	if s.IsScalar() || !sameDim(s.R, x.R) || !sameDim(s.C, x.R) {
		return nil, Shape{}, c.errorf(e, "the covariance of %s must be a matrix[%s,%s], but %s is %s", e.Fn, String(x.R), String(x.R), String(e.Args[2]), s)
	}
	sized := &Call{Fn: out.Fn, Args: []Expr{out.Args[0], out.Args[1], c.sizeIdentity(out.Args[2], Shape{x.R, x.R})}}
	return sized, Scalar, nil
}

// vectorFamily checks a call to a family with a vector variable or
// vector parameters: those are vectors of one dimension, the others
// scalars.
func (c *checker) vectorFamily(f *Family, e, out *Call, shapes []Shape) (Expr, Shape, error) {
	if len(shapes) != len(f.Params)+1 {
		return nil, Shape{}, c.errorf(e, "%s takes the variable and %d parameters (%s); got %d arguments", f.Name, len(f.Params), f.ParamNames(), len(shapes))
	}
	var dim Expr
	for i, s := range shapes {
		what := "the variable"
		vector := f.VectorVar
		if i > 0 {
			what, vector = "the "+f.Params[i-1].Name, f.Params[i-1].Vector()
		}
		switch {
		case !vector && !s.IsScalar():
			return nil, Shape{}, c.errorf(e, "%s of %s must be a number, but %s is %s", what, f.Name, String(e.Args[i]), s)
		case vector && (s.IsScalar() || !IsInt(s.C, 1)):
			return nil, Shape{}, c.errorf(e, "%s of %s must be a vector, but %s is %s", what, f.Name, String(e.Args[i]), s)
		case vector && dim != nil && !sameDim(dim, s.R):
			return nil, Shape{}, c.errorf(e, "%s of %s must be a vector[%s], but %s is %s", what, f.Name, String(dim), String(e.Args[i]), s)
		case vector && dim == nil:
			dim = s.R
		}
	}
	return out, Scalar, nil
}

// sizeIdentity gives every bare I in e the size of the shape it stands in.
func (c *checker) sizeIdentity(e Expr, s Shape) Expr {
	if s.R == nil || s.R == anyDim {
		return e
	}
	return Map(e, func(n Expr) Expr {
		if sym, ok := n.(*Sym); ok && sym.Name == "I" {
			if _, declared := c.t.Shapes["I"]; !declared {
				return Fn("I", s.R)
			}
		}
		return n
	})
}

func isBareI(e Expr) bool {
	s, ok := e.(*Sym)
	return ok && s.Name == "I"
}
