package check

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// Resolving reads a side of a link against the context, so that the
// evaluator can compute it:
//
//   - a density's name in another case (P for p) is the density;
//   - a density's bare name inside an integral or expectation over x is
//     its value there (\int p \log\frac{p}{q} dx is int(x, p(x)*log(p(x)/q(x))));
//   - a density written with parameters, q(z; \mu, \sigma^2), is its
//     family at those parameters;
//   - an expectation without a density (\langle f \rangle, E[f]) is under
//     the only density, the density the document declares, or the P of
//     the chain's KL(P || Q); without a variable, it binds the density's;
//   - an integral of a Gaussian density times f is the expectation of f,
//     computed by Gauss–Hermite quadrature;
//   - with declared vectors and matrices, matrix notation is checked for
//     shape and made explicit by expr.Types.Check (A^{-1} is inv(A));
//   - in a univariate context, matrix notation reads in one dimension:
//     x^T is x, tr and det are the identity, I is 1, products commute.

// noMatrices explains why matrix notation is not read in a context of
// products of univariate densities.
const noMatrices = "matrix notation needs declared vectors and matrices in the context (x: vector[k]); the densities here are products of univariate ones"

// resolver resolves the sides of one link.
type resolver struct {
	c      *context
	goal   string // the density of the chain's goal
	oneDim bool   // matrix notation was read as 1×1
	err    error
	// fnDepth is how deep the functions the document defines are open,
	// and opened which of them were.
	fnDepth int
	opened  []string
}

func (r *resolver) fail(format string, args ...any) expr.Expr {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
	return expr.N(0)
}

// resolve reads x; v is the variable of the innermost integral or
// expectation, "" outside them.
func (r *resolver) resolve(x expr.Expr, v string) expr.Expr {
	if r.err != nil {
		return x
	}
	switch x := x.(type) {
	case *expr.Sym:
		return r.sym(x, v)
	case *expr.Call:
		return r.call(x, v)
	case *expr.Index:
		return r.index(x, v)
	case *expr.Expect:
		return r.expect(x)
	case *expr.Integral:
		return r.integral(x)
	case *expr.Info:
		p, ok := r.c.density(x.P)
		if !ok && x.Q == "" && x.Kind != "KL" {
			p, ok = r.c.densityOfVariable(x.P) // H(x), the entropy of the variable
		}
		if !ok {
			return r.fail("unknown density %s in %s", x.P, expr.Format(x, expr.Unicode))
		}
		q := ""
		if x.Q != "" {
			if q, ok = r.c.density(x.Q); !ok {
				return r.fail("unknown density %s in %s", x.Q, expr.Format(x, expr.Unicode))
			}
		}
		return &expr.Info{Kind: x.Kind, P: p, Q: q}
	case *expr.Transpose:
		if r.piAsVector(x.X) {
			return r.fail("π^T reads π as the constant, but the document defines a vector π; write its coordinates, \\sum_k \\pi_k")
		}
		switch {
		case r.c.matrices:
			return &expr.Transpose{X: r.resolve(x.X, v)}
		case !r.c.scalar:
			return r.fail("%s", noMatrices)
		}
		r.oneDim = true
		return r.resolve(x.X, v)
	case *expr.MatMul:
		for _, f := range x.Factors {
			if r.piAsVector(f) {
				return r.fail("a matrix product reads π as the constant, but the document defines a vector π; write its coordinates, \\sum_k \\pi_k")
			}
		}
		fs := make([]expr.Expr, len(x.Factors))
		for i, f := range x.Factors {
			fs[i] = r.resolve(f, v)
		}
		switch {
		case r.c.matrices:
			return expr.MatProd(fs...)
		case !r.c.scalar:
			return r.fail("%s", noMatrices)
		}
		r.oneDim = true
		return expr.Prod(fs...)
	case *expr.Big:
		if x.Lo == latex.OverSupport {
			lo, hi, err := r.c.supportOf(x.Index)
			if err != nil {
				return r.fail("%v", err)
			}
			return &expr.Big{Op: x.Op, Index: x.Index, Lo: lo, Hi: hi, Body: r.resolve(x.Body, v)}
		}
	case *expr.Matrix:
		if !r.c.matrices {
			return r.fail("a matrix literal needs declared vectors and matrices in the context (x: vector[k])")
		}
	}
	var buf [4]expr.Expr
	kids := expr.ChildrenIn(x, &buf)
	var nk []expr.Expr // made at the first child that resolves to another
	for i, k := range kids {
		m := r.resolve(k, v)
		if m != k && nk == nil {
			nk = make([]expr.Expr, len(kids))
			copy(nk, kids[:i])
		}
		if nk != nil {
			nk[i] = m
		}
	}
	if nk == nil {
		// Nothing below resolves to anything else (most of a side): the
		// node is the reader's, already built by the same constructors.
		return x
	}
	return expr.WithChildren(x, nk)
}

func (r *resolver) sym(x *expr.Sym, v string) expr.Expr {
	if name, ok := r.c.density(x.Name); ok && !r.c.params[x.Name] {
		if v == "" {
			return r.fail("the density %s is used as a number; write %s(x)", x.Name, x.Name)
		}
		return expr.Fn(name, expr.S(v))
	}
	if x.Name == "H" && len(r.c.dens) == 1 && !r.c.params["H"] {
		// H = -\int p \log p\,dx: a bare H is the entropy of the only
		// density (with two, it could be either or their cross-entropy).
		return &expr.Info{Kind: "H", P: r.c.firstDensity()}
	}
	if x.Name == "pi" && r.c.piScalar {
		return expr.S(piVector) // \mathrm{Bern}(\pi): π is the parameter
	}
	if ix, ok := r.coordinate(x.Name); ok {
		return ix
	}
	if base, ok := strings.CutSuffix(x.Name, "_"+v); ok && v != "" && r.c.prob != nil && r.isVector(base) {
		// w_x inside an expectation over x, for a declared vector w: the
		// coordinate at the outcome x (a Categorical's probability).
		return &expr.Index{Base: expr.S(base), Sub: expr.S(v)}
	}
	if i := strings.LastIndex(x.Name, "_"); i > 0 && r.c.prob != nil && r.isVector(x.Name[:i]) {
		// w_k with k the free variable of a discrete density: the
		// coordinate at that outcome, as in I(c) = -\log w_k.
		if _, counted := r.c.discreteDensityOf(x.Name[i+1:]); counted {
			return &expr.Index{Base: expr.S(x.Name[:i]), Sub: expr.S(x.Name[i+1:])}
		}
	}
	if x.Name == "I" && r.c.scalar && !r.c.params["I"] && r.c.dens["I"] == nil {
		r.oneDim = true
		return expr.N(1)
	}
	return x
}

// coordinate reads a name with a subscript, x_1, x_{k}, \alpha_k, \pi_2,
// as a coordinate of a vector a Categorical or a Dirichlet takes or
// draws (x[1], alpha[k], the 𝛑 of \mathrm{Cat}(\pi)) when the name
// itself is no symbol of the context (a vector alpha_1 beside alpha_2
// stays itself). The subscript is a whole number from 1 or a letter that
// names no density: alpha_0 is no coordinate, nor is the μ_p of a mean
// vector μ.
func (r *resolver) coordinate(name string) (expr.Expr, bool) {
	base, sub, ok := strings.Cut(name, "_")
	if !ok || r.c.prob == nil || r.c.params[name] || r.declared(name) {
		return nil, false
	}
	if base == "pi" {
		base = piVector
	}
	if !r.c.familyVectors[base] || !r.isVector(base) {
		return nil, false
	}
	if n, err := strconv.Atoi(sub); err == nil && n >= 1 && strconv.Itoa(n) == sub {
		return &expr.Index{Base: expr.S(base), Sub: expr.N(int64(n))}, true
	}
	if _, isDensity := r.c.density(sub); len(sub) == 1 && sub[0] >= 'a' && sub[0] <= 'z' && !isDensity {
		return &expr.Index{Base: expr.S(base), Sub: expr.S(sub)}, true
	}
	return nil, false
}

// index reads \pi_k, an Index of π, as the coordinate of the vector π
// the document defines; π the constant has no coordinates.
func (r *resolver) index(x *expr.Index, v string) expr.Expr {
	if b, ok := x.Base.(*expr.Sym); ok && expr.IsNumberConstant(b.Name) {
		if b.Name != "pi" || !r.isVector(piVector) {
			return r.fail("%s has a subscript, but %s is a constant here, not a vector", expr.Format(x, expr.Unicode), expr.Format(b, expr.Unicode))
		}
		return &expr.Index{Base: expr.S(piVector), Sub: r.resolve(x.Sub, v)}
	}
	return &expr.Index{Base: r.resolve(x.Base, v), Sub: r.resolve(x.Sub, v)}
}

// declared reports whether the context declares the name.
func (r *resolver) declared(name string) bool {
	_, ok := r.c.prob.Types.Shapes[name]
	return ok
}

// piAsVector reports whether e is π, or a function of it, written as a
// vector (π^T, π^T log π) where the document defines a vector π: there
// π is not the constant.
func (r *resolver) piAsVector(e expr.Expr) bool {
	return r.c.prob != nil && r.isVector(piVector) && expr.Uses(e, "pi")
}

// isVector reports whether the context declares the name a vector.
func (r *resolver) isVector(name string) bool {
	sh, ok := r.c.prob.Types.Shapes[name]
	return ok && !sh.IsScalar() && expr.IsInt(sh.C, 1)
}

func (r *resolver) call(x *expr.Call, v string) expr.Expr {
	if out, ok := r.function(x, v); ok {
		return out
	}
	// The arguments gather on the stack; a call is built again only when
	// it changes (see rebuilt), and most do not: log(σ₂), p(x).
	var buf [4]expr.Expr
	args := buf[:0]
	for _, a := range x.Args {
		args = append(args, r.resolve(a, v))
	}
	if name, ok := r.c.density(x.Fn); ok {
		// \int P(X) dx: a density at the capital of the integral's
		// variable is at that variable, as in an expectation.
		if s, isSym := args[0].(*expr.Sym); isSym && len(args) == 1 && r.capitalOf(s.Name, v) {
			args[0] = expr.S(v)
		}
		if len(args) == 1 {
			return rebuilt(x, name, args)
		}
		// q(z; mu, sigma^2): the density's family at the parameters written.
		if fam, ok := r.c.dens[name].Body.(*expr.Call); ok && expr.LookupFamily(fam.Fn) != nil && len(fam.Args) == len(args) {
			return rebuilt(x, fam.Fn, args)
		}
		// q(z | x): what the density is conditioned on is fixed by the
		// context.
		if _, isSym := x.Args[1].(*expr.Sym); len(args) == 2 && isSym {
			return rebuilt(x, name, args[:1])
		}
		return r.fail("%s is a density of one variable, here given %d arguments", x.Fn, len(args))
	}
	if fam := expr.LookupFamily(x.Fn); fam != nil {
		if len(args) != len(fam.Params)+1 {
			return r.fail("a density written without its variable, %s, is not a number", expr.Format(x, expr.Unicode))
		}
		return rebuilt(x, x.Fn, args)
	}
	switch x.Fn {
	case "tr", "det", "inv", "diag", "I":
		switch {
		case r.c.matrices:
		case !r.c.scalar:
			return r.fail("%s", noMatrices)
		case x.Fn == "det" && r.usesRandomVariable(args[0]):
			// |X| of a univariate random variable is its absolute value:
			// the reader takes the bars round a capital for a
			// determinant, which in one dimension would be X itself,
			// and E|X| is no mean.
			return expr.Fn("abs", args[0])
		case x.Fn == "tr" || x.Fn == "det":
			r.oneDim = true
			return args[0]
		default:
			return r.fail("%s needs declared vectors and matrices in the context (x: vector[k])", x.Fn)
		}
	case "log", "exp", "sqrt", "abs":
	default:
		if n, ok := expr.IsSpecial(x.Fn); ok {
			if len(args) != n {
				return r.fail("%s takes %d argument(s), not %d", x.Fn, n, len(args))
			}
			break
		}
		return r.fail("unknown function %s", x.Fn)
	}
	return rebuilt(x, x.Fn, args)
}

// rebuilt is fn applied to args: x itself when that is what x is, and
// else a new call, with a copy of args (which may be on the caller's
// stack).
func rebuilt(x *expr.Call, fn string, args []expr.Expr) expr.Expr {
	if fn == x.Fn && slices.Equal(args, x.Args) {
		return x
	}
	return expr.Fn(fn, slices.Clone(args)...)
}

// expect fills in an expectation's density and variable.
func (r *resolver) expect(x *expr.Expect) expr.Expr {
	dist := x.Dist
	if dist == "" {
		dist = r.defaultDensity()
		if dist == "" {
			// E[\ln X] with X and Y defined: the one random variable the
			// body names says whose law it is.
			dist = r.namedRandomVariable(x.Body)
		}
		if dist == "" {
			return r.fail("an expectation without a density (%s) is ambiguous here: the context has %s; write E_%s[...]",
				expr.Format(&expr.Expect{Var: expr.S("x"), Dist: "?", Body: expr.S("…")}, expr.Unicode), r.c.densityList(), r.c.firstDensity())
		}
	}
	name, ok := r.c.density(dist)
	if !ok {
		return r.fail("unknown density %s", dist)
	}
	d := r.c.dens[name]
	var vr expr.Expr = x.Var
	b := x.Body
	if s, ok := vr.(*expr.Sym); !ok || s.Name == "" {
		vr = d.Var
		// E[(X - \mu)^2] under p(x): with no variable written, the capital
		// of the density's variable is the random variable, that variable.
		// So it is under X \sim N(\mu, \sigma^2) itself, whose density is
		// named after the random variable: E[X^2] is E_{x∼X}[x²], not the
		// square of X's density.
		if v := varOf(vr); v != "" {
			capital := strings.ToUpper(v[:1]) + v[1:]
			if r.capitalOf(capital, v) || capital == name && r.c.rv[name] {
				b = replaceOutsideExpectations(b, capital, vr)
			}
		}
	}
	body := r.resolve(b, varOf(vr))
	if vr == x.Var && name == x.Dist && body == x.Body {
		return x // as read: most expectations name their density in full
	}
	return &expr.Expect{Var: vr, Dist: name, Body: body}
}

// replaceOutsideExpectations is e with the symbol name replaced by to,
// except inside the expectations in e: the E[X] in E[(X − E[X])²] takes
// its own X when it is resolved in turn.
func replaceOutsideExpectations(e expr.Expr, name string, to expr.Expr) expr.Expr {
	switch x := e.(type) {
	case *expr.Sym:
		if x.Name == name {
			return to
		}
		return e
	case *expr.Expect:
		return e
	}
	var buf [4]expr.Expr
	kids := expr.ChildrenIn(e, &buf)
	var out []expr.Expr // made at the first child that changes
	for i, k := range kids {
		if m := replaceOutsideExpectations(k, name, to); m != k {
			if out == nil {
				out = slices.Clone(kids)
			}
			out[i] = m
		}
	}
	if out == nil {
		return e
	}
	return expr.WithChildren(e, out)
}

// usesRandomVariable reports whether x mentions the variable of one of
// the context's densities (x, or its capital X).
func (r *resolver) usesRandomVariable(x expr.Expr) bool {
	for v := range r.c.vars() {
		if expr.Uses(x, v) {
			return true
		}
	}
	return false
}

// namedRandomVariable is the density of the one random variable, among
// the context's, whose name the body uses (X in E[\ln X]); "" when it
// names none or several (E[XY] needs their joint law).
func (r *resolver) namedRandomVariable(body expr.Expr) string {
	found := ""
	for name := range r.c.rv {
		if expr.Uses(body, name) {
			if found != "" {
				return ""
			}
			found = name
		}
	}
	return found
}

// capitalOf reports whether name is the capital of the variable v, and
// stands for nothing else in the context.
func (r *resolver) capitalOf(name, v string) bool {
	if v == "" || strings.ToLower(v) != v || name != strings.ToUpper(v[:1])+v[1:] {
		return false
	}
	_, isDensity := r.c.density(name)
	return !isDensity && !r.c.params[name]
}

// display fills in what an expectation left unwritten, for printing a
// side as read: ⟨x²⟩ prints as E_{x∼p}[x²].
func (r *resolver) display(x expr.Expr) expr.Expr {
	return expr.Map(x, func(e expr.Expr) expr.Expr {
		if b, ok := e.(*expr.Big); ok && b.Lo == latex.OverSupport {
			// \sum_x with the limits of the support it was read over.
			if lo, hi, err := r.c.supportOf(b.Index); err == nil {
				return &expr.Big{Op: b.Op, Index: b.Index, Lo: lo, Hi: hi, Body: b.Body}
			}
		}
		ex, ok := e.(*expr.Expect)
		if !ok || ex.Dist != "" && varOf(ex.Var) != "" {
			return e
		}
		dist := ex.Dist
		if dist == "" {
			dist = r.defaultDensity()
		}
		name, ok := r.c.density(dist)
		if !ok {
			return e
		}
		v := ex.Var
		if varOf(v) == "" {
			v = r.c.dens[name].Var
		}
		return &expr.Expect{Var: v, Dist: dist, Body: ex.Body}
	})
}

// defaultDensity is the density an expectation without one is under.
func (r *resolver) defaultDensity() string {
	switch {
	case len(r.c.dens) == 1:
		return r.c.firstDensity()
	case r.c.declared != "":
		return r.c.declared
	}
	if name, ok := r.c.density(r.goal); ok {
		return name
	}
	return ""
}

// integral resolves an integral over the real line; a Gaussian density
// factor at the variable makes it an expectation, as does the factor of
// a density zero outside a support (a Gamma's, a formula's on x ≥ 0):
// there the integrand is 0·log 0 = 0, which the expectation, taken over
// the support alone, never evaluates. An integral whose limits are the
// ends of its density's support, \int_0^1 of a Beta's, is the
// expectation too, integrated by the rules that reach the ends.
func (r *resolver) integral(x *expr.Integral) expr.Expr {
	v := varOf(x.Var)
	body := r.resolve(x.Body, v)
	if r.err != nil {
		return x
	}
	var lo, hi expr.Expr
	if x.Bounded() {
		lo, hi = r.resolve(x.Lo, ""), r.resolve(x.Hi, "")
	}
	factors := []expr.Expr{body}
	if m, ok := body.(*expr.Mul); ok {
		factors = m.Factors
	}
	for i, f := range factors {
		call, ok := f.(*expr.Call)
		if !ok || len(call.Args) == 0 || !expr.Equal(call.Args[0], x.Var) {
			continue
		}
		name, d := call.Fn, r.c.dens[call.Fn]
		if len(call.Args) != 1 {
			// \mathrm{Gam}(x; a_1, b_1) written out: the density the
			// context defines so, as its name would be.
			name, d = r.densityWritten(call, x.Var)
		}
		if d == nil {
			continue
		}
		if lo != nil && !overSupport(d, lo, hi) || lo == nil && !isGaussian(d.Body) && !boundedSupport(d) {
			// Over part of the support a density factor is not an
			// expectation.
			continue
		}
		rest := append(append([]expr.Expr{}, factors[:i]...), factors[i+1:]...)
		return &expr.Expect{Var: x.Var, Dist: name, Body: expr.Prod(rest...)}
	}
	return &expr.Integral{Var: x.Var, Lo: lo, Hi: hi, Body: body}
}

// densityWritten is the name of the context's density whose family
// call, in the variable v, is call, and the density; nil if none is.
func (r *resolver) densityWritten(call *expr.Call, v expr.Expr) (string, *expr.Density) {
	names := map[string]bool{}
	for n := range r.c.dens {
		names[n] = true
	}
	for _, name := range sortedNames(names) {
		d := r.c.dens[name]
		if expr.Equal(expr.Replace(d.Body, d.Var, v), call) {
			return name, d
		}
	}
	return "", nil
}

// varOf is the name a binder binds.
func varOf(v expr.Expr) string {
	switch v := v.(type) {
	case *expr.Sym:
		return v.Name
	case *expr.Index:
		return varOf(v.Base)
	}
	return ""
}

func (c *context) firstDensity() string {
	names := map[string]bool{}
	for n := range c.dens {
		names[n] = true
	}
	if s := sortedNames(names); len(s) > 0 {
		return s[0]
	}
	return "p"
}

func (c *context) densityList() string {
	names := map[string]bool{}
	for n := range c.dens {
		names[n] = true
	}
	list := sortedNames(names)
	switch len(list) {
	case 0:
		return "no densities"
	case 1:
		return "only " + list[0]
	}
	out := ""
	for i, n := range list {
		switch {
		case i == 0:
		case i == len(list)-1:
			out += " and "
		default:
			out += ", "
		}
		out += n
	}
	return out
}

// densityOfVariable is the only density whose variable is v, as in H(x)
// for the entropy of x drawn from p(x).
// supportOf is the first and last value of the discrete support of the
// variable v, for \sum_x: that of every density of v in the context,
// which must agree; an infinite end is inf.
func (c *context) supportOf(v string) (lo, hi expr.Expr, err error) {
	found := false
	names := make([]string, 0, len(c.dens))
	for name := range c.dens {
		names = append(names, name)
	}
	sort.Strings(names) // the first density named in a message is always the same
	for _, name := range names {
		d := c.dens[name]
		if varOf(d.Var) != v {
			continue
		}
		call, f := expr.FamilyCall(d.Body)
		if f == nil || !f.Support.Discrete {
			return nil, nil, fmt.Errorf("\\sum_%s, a sum over the values of %s, needs a discrete density of %s in the context, and %s is not one", v, v, v, name)
		}
		l, h := f.EndsOf(call)
		if h == nil {
			h = expr.S("inf")
		}
		if found && !(expr.Equal(l, lo) && expr.Equal(h, hi)) {
			return nil, nil, fmt.Errorf("\\sum_%s: the densities of %s have different supports; write the limits", v, v)
		}
		lo, hi, found = l, h, true
	}
	if !found {
		return nil, nil, fmt.Errorf("\\sum_%s, a sum over the values of %s, needs a discrete density of %s in the context (--given)", v, v, v)
	}
	return lo, hi, nil
}

func (c *context) densityOfVariable(v string) (string, bool) {
	found := ""
	for name, d := range c.dens {
		if varOf(d.Var) == v {
			if found != "" {
				return "", false
			}
			found = name
		}
	}
	return found, found != ""
}
