package render

import (
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
)

// pyDialect is what differs between NumPy and PyTorch code: function
// names, how an axis is named and the imports they come from.
type pyDialect struct {
	name    string // "numpy" or "torch"
	mod     string // "np" or "torch"
	axis    string // the keyword naming a reduction axis
	special string // the module of xlogy, gammaln, digamma
}

var (
	numpyDialect = &pyDialect{name: "numpy", mod: "np", axis: "axis", special: "special"}
	torchDialect = &pyDialect{name: "torch", mod: "torch", axis: "dim", special: "torch"}
)

// Python binding strengths, loosest first.
const (
	pySum = iota + 1
	pyProd
	pyUnary
	pyPow
	pyAtom
)

// pyVal is a translated sub-expression: its code, what kind of value it
// is, and how tightly its outermost operator binds.
type pyVal struct {
	code string
	kind kind
	prec int
	sym  bool   // a symmetric matrix (or the inverse of one)
	spd  string // for kInv of an SPD parameter: the parameter's name
}

// pyGen translates one function's result.
type pyGen struct {
	d       *pyDialect
	sig     *signature
	imports map[string]bool
	pre     []string          // local assignments before the return
	locals  map[string]string // code of a hoisted value → its local name
	index   string            // the index of the enclosing sum, if any
	helpers map[string]bool   // module-level helpers the code calls
}

func (g *pyGen) use(imp string) { g.imports[imp] = true }

// fn is a function of the framework's main module (np.log, torch.log).
func (g *pyGen) fn(name string) string {
	if g.d.name == "numpy" {
		g.use("import numpy as np")
	} else {
		g.use("import torch")
	}
	return g.d.mod + "." + name
}

// specialFn is xlogy, gammaln or digamma: scipy.special or torch.
func (g *pyGen) specialFn(numpy, torch string) string {
	if g.d.name == "numpy" {
		g.use("from scipy import special")
		return "special." + numpy
	}
	return g.fn(torch)
}

// local hoists code into a named local, once per distinct code.
func (g *pyGen) local(name, code string) string {
	if n, ok := g.locals[code]; ok {
		return n
	}
	n := name
	for i := 2; g.taken(n); i++ {
		n = fmt.Sprintf("%s_%d", name, i)
	}
	g.locals[code] = n
	g.pre = append(g.pre, n+" = "+code)
	return n
}

func (g *pyGen) taken(n string) bool {
	for _, v := range g.locals {
		if v == n {
			return true
		}
	}
	for _, p := range g.sig.params {
		if pyName(p.name) == n {
			return true
		}
	}
	return false
}

func wrap(v pyVal, min int) string {
	if v.prec < min {
		return "(" + v.code + ")"
	}
	return v.code
}

func (g *pyGen) expr(e expr.Expr) (pyVal, error) {
	switch e := e.(type) {
	case *expr.Num:
		return g.num(e), nil
	case *expr.Sym:
		return g.sym(e.Name)
	case *expr.Add:
		return g.add(e)
	case *expr.Mul:
		return g.mul(e)
	case *expr.Pow:
		return g.pow(e)
	case *expr.Call:
		return g.call(e)
	case *expr.Index:
		base, ok := e.Base.(*expr.Sym)
		sub, ok2 := e.Sub.(*expr.Sym)
		if !ok || !ok2 || sub.Name != g.index {
			return pyVal{}, noCounterpart("the coordinate %s is not the index of its sum", expr.String(e))
		}
		return pyVal{code: pyName(base.Name), kind: kVec, prec: pyAtom}, nil
	case *expr.Big:
		return g.sum(e)
	case *expr.MatMul:
		return g.matmul(e.Factors)
	case *expr.Transpose:
		x, err := g.expr(e.X)
		if err != nil {
			return pyVal{}, err
		}
		switch x.kind {
		case kVec:
			x.kind = kRow
		case kRow:
			x.kind = kVec
		case kMat:
			if !x.sym {
				x = pyVal{code: g.swap(x), kind: kMat, prec: pyAtom}
			}
		default:
			return pyVal{}, noCounterpart("the transpose of %s", expr.String(e.X))
		}
		return x, nil
	}
	return pyVal{}, noCounterpart("%s is not in closed form", expr.String(e))
}

func (g *pyGen) num(n *expr.Num) pyVal {
	abs := new(big.Rat).Abs(n.Val)
	s, exact := literal(abs)
	prec := pyAtom
	if !exact {
		s, prec = strings.Replace(s, ".0 / ", " / ", 1), pyProd
	}
	if n.Val.Sign() < 0 {
		return pyVal{code: "-" + wrap(pyVal{code: s, prec: prec}, pyPow), kind: kConst, prec: pyUnary}
	}
	return pyVal{code: s, kind: kConst, prec: prec}
}

func (g *pyGen) sym(name string) (pyVal, error) {
	switch name {
	case "pi", "e":
		if g.d.name == "numpy" {
			return pyVal{code: g.fn(name), kind: kConst, prec: pyAtom}, nil
		}
		g.use("import math")
		return pyVal{code: "math." + name, kind: kConst, prec: pyAtom}, nil
	}
	if from, ok := g.sig.dims[name]; ok {
		return pyVal{code: pyName(from) + ".shape[-1]", kind: kConst, prec: pyAtom}, nil
	}
	if name == g.index {
		return pyVal{}, noCounterpart("the bare index %s of a sum", name)
	}
	p, ok := g.sig.param(name)
	if !ok {
		return pyVal{}, noCounterpart("the symbol %s", name)
	}
	return pyVal{code: pyName(name), kind: p.kind, prec: pyAtom, sym: p.props["spd"] || p.props["symmetric"] || p.props["diag"]}, nil
}

// lift gives a batched scalar trailing axes so that it broadcasts against
// vectors (..., k) or matrices (..., k, k) rather than against their last
// axes.
func (g *pyGen) lift(v pyVal, to int) (pyVal, error) {
	r := rank(v.kind)
	switch {
	case v.kind == kConst || r == to:
		return v, nil
	case v.kind == kInv:
		return pyVal{}, noCounterpart("an inverse matrix outside a product")
	case r == 0:
		axes := strings.Repeat(", None", to)
		return pyVal{code: g.fn(map[string]string{"numpy": "asarray", "torch": "as_tensor"}[g.d.name]) + "(" + v.code + ")[..." + axes + "]", kind: v.kind, prec: pyAtom}, nil
	}
	return pyVal{}, noCounterpart("a vector combined elementwise with a matrix")
}

// operands translates xs and lifts them to a common number of axes.
func (g *pyGen) operands(xs []expr.Expr) ([]pyVal, kind, error) {
	vals := make([]pyVal, len(xs))
	top, k := 0, kConst
	for i, x := range xs {
		v, err := g.expr(x)
		if err != nil {
			return nil, 0, err
		}
		if v.kind == kInv {
			return nil, 0, noCounterpart("an inverse matrix outside a product")
		}
		vals[i] = v
		if rank(v.kind) > top || (k == kConst && v.kind != kConst) {
			top, k = max(top, rank(v.kind)), v.kind
		}
	}
	for i := range vals {
		var err error
		if vals[i], err = g.lift(vals[i], top); err != nil {
			return nil, 0, err
		}
	}
	return vals, k, nil
}

func (g *pyGen) add(a *expr.Add) (pyVal, error) {
	if u, rest, ok := expm1Parts(a); ok {
		return g.add(&expr.Add{Terms: append([]expr.Expr{expr.Fn("expm1", u)}, rest...)})
	}
	pos := make([]expr.Expr, len(a.Terms))
	neg := make([]bool, len(a.Terms))
	for i, t := range a.Terms {
		pos[i] = t
		if c, _, _ := fraction(t); c.Sign() < 0 && i > 0 {
			pos[i], neg[i] = expr.Neg(t), true
		}
	}
	vals, k, err := g.operands(pos)
	if err != nil {
		return pyVal{}, err
	}
	var b strings.Builder
	for i, v := range vals {
		switch {
		case i == 0:
			b.WriteString(wrap(v, pySum))
		case neg[i]:
			b.WriteString(" - " + wrap(v, pyProd))
		default:
			b.WriteString(" + " + wrap(v, pyProd))
		}
	}
	return pyVal{code: b.String(), kind: k, prec: pySum}, nil
}

func (g *pyGen) mul(m *expr.Mul) (pyVal, error) {
	if c, x, y, ok := xlogyParts(g.sig, m); ok {
		vals, k, err := g.operands([]expr.Expr{x, y})
		if err != nil {
			return pyVal{}, err
		}
		v := pyVal{code: g.specialFn("xlogy", "xlogy") + "(" + vals[0].code + ", " + vals[1].code + ")", kind: k, prec: pyAtom}
		if c.Cmp(big.NewRat(1, 1)) == 0 {
			return v, nil
		}
		return g.scaled(c, v), nil
	}
	return g.mulPlain(m)
}

// mulPlain is a product as coef·num/den, with no special function.
func (g *pyGen) mulPlain(m *expr.Mul) (pyVal, error) {
	coef, num, den := fraction(m)
	all := append(append([]expr.Expr{}, num...), den...)
	vals, k, err := g.operands(all)
	if err != nil {
		return pyVal{}, err
	}
	var parts []string
	for _, v := range vals[:len(num)] {
		parts = append(parts, wrap(v, pyProd))
	}
	code := strings.Join(parts, " * ")
	if len(num) == 0 {
		code = "1"
	}
	for _, v := range vals[len(num):] {
		code += " / " + wrap(v, pyUnary)
	}
	return g.scaled(coef, pyVal{code: code, kind: k, prec: pyProd}), nil
}

// scaled multiplies v by the rational c.
func (g *pyGen) scaled(c *big.Rat, v pyVal) pyVal {
	abs := new(big.Rat).Abs(c)
	code := wrap(v, pyProd)
	switch lit, exact := literal(abs); {
	case abs.Cmp(big.NewRat(1, 1)) == 0:
	case exact:
		code = lit + " * " + code
	case abs.Num().Cmp(big.NewInt(1)) == 0:
		code += " / " + abs.Denom().String()
	default:
		code += " * " + abs.Num().String() + " / " + abs.Denom().String()
	}
	if c.Sign() < 0 {
		return pyVal{code: "-" + code, kind: v.kind, prec: pyUnary}
	}
	return pyVal{code: code, kind: v.kind, prec: pyProd}
}

func (g *pyGen) pow(p *expr.Pow) (pyVal, error) {
	if isNum(p.Exp, 1) {
		return g.expr(p.Base)
	}
	if x, ok := p.Exp.(*expr.Num); ok && x.Val.Cmp(big.NewRat(1, 2)) == 0 {
		return g.call(expr.Fn("sqrt", p.Base))
	}
	if x, ok := p.Exp.(*expr.Num); ok && x.Val.Sign() < 0 {
		return g.mul(&expr.Mul{Factors: []expr.Expr{p}})
	}
	vals, k, err := g.operands([]expr.Expr{p.Base, p.Exp})
	if err != nil {
		return pyVal{}, err
	}
	return pyVal{code: wrap(vals[0], pyAtom) + "**" + wrap(vals[1], pyAtom), kind: k, prec: pyPow}, nil
}

// apply calls a one-argument elementwise function. PyTorch's functions
// take tensors only, so on a constant its math counterpart is called.
func (g *pyGen) apply(name string, x expr.Expr) (pyVal, error) {
	v, err := g.expr(x)
	if err != nil {
		return pyVal{}, err
	}
	if v.kind == kConst && g.d.name == "torch" {
		fn, ok := strings.CutPrefix(name, "torch.")
		if m, known := torchConstFns[fn]; ok && known {
			if strings.HasPrefix(m, "math.") {
				g.use("import math")
			}
			return pyVal{code: m + "(" + v.code + ")", kind: kConst, prec: pyAtom}, nil
		}
		return pyVal{code: name + "(torch.tensor(" + v.code + ", dtype=torch.float64))", kind: kConst, prec: pyAtom}, nil
	}
	if v.kind == kInv || v.kind == kMat {
		return pyVal{}, noCounterpart("%s of a matrix", name)
	}
	return pyVal{code: name + "(" + v.code + ")", kind: v.kind, prec: pyAtom}, nil
}

func (g *pyGen) call(c *expr.Call) (pyVal, error) {
	if len(c.Args) != 1 {
		return pyVal{}, noCounterpart("%s is not in closed form", expr.String(c))
	}
	x := c.Args[0]
	switch c.Fn {
	case "log":
		return g.log(x)
	case "exp", "sqrt", "log1p", "expm1":
		return g.apply(g.fn(c.Fn), x)
	case "abs":
		return g.apply(g.fn("abs"), x)
	case "digamma":
		return g.apply(g.specialFn("digamma", "digamma"), x)
	case "lgamma":
		return g.apply(g.specialFn("gammaln", "lgamma"), x)
	case "gamma":
		if g.d.name == "torch" {
			return pyVal{}, noCounterpart("PyTorch has no gamma function (only lgamma)")
		}
		return g.apply(g.specialFn("gamma", ""), x)
	case "tr":
		m, err := g.matrix(x)
		if err != nil {
			return pyVal{}, err
		}
		if g.d.name == "numpy" {
			return pyVal{code: g.fn("trace") + "(" + m.code + ", axis1=-2, axis2=-1)", kind: kScalar, prec: pyAtom}, nil
		}
		return pyVal{code: g.fn("diagonal") + "(" + m.code + ", dim1=-2, dim2=-1).sum(-1)", kind: kScalar, prec: pyAtom}, nil
	case "det":
		ld, err := g.logdet(x)
		if err != nil {
			return pyVal{}, err
		}
		return pyVal{code: g.fn("exp") + "(" + ld + ")", kind: kScalar, prec: pyAtom}, nil
	case "inv":
		m, err := g.matrix(x)
		if err != nil {
			return pyVal{}, err
		}
		inv := pyVal{code: m.code, kind: kInv, prec: m.prec, sym: m.sym}
		if s, ok := x.(*expr.Sym); ok {
			if p, _ := g.sig.param(s.Name); p.props["spd"] {
				inv.spd = s.Name
			}
		}
		return inv, nil
	case "I":
		n, err := g.expr(x)
		if err != nil {
			return pyVal{}, err
		}
		eye := g.fn("eye") + "(" + n.code
		if g.d.name == "torch" && len(g.sig.params) > 0 {
			eye += ", dtype=" + pyName(g.sig.params[0].name) + ".dtype"
		}
		return pyVal{code: eye + ")", kind: kMat, prec: pyAtom, sym: true}, nil
	case "diag":
		v, err := g.expr(x)
		if err != nil {
			return pyVal{}, err
		}
		if v.kind != kVec {
			return pyVal{}, noCounterpart("diag of %s", expr.String(x))
		}
		if g.d.name == "torch" {
			return pyVal{code: "torch.diag_embed(" + v.code + ")", kind: kMat, prec: pyAtom, sym: true}, nil
		}
		return pyVal{code: wrap(v, pyAtom) + "[..., None] * " + g.fn("eye") + "(" + wrap(v, pyAtom) + ".shape[-1])", kind: kMat, prec: pyProd, sym: true}, nil
	}
	return pyVal{}, noCounterpart("the function %s", c.Fn)
}

// matrix translates x, which must be a matrix.
func (g *pyGen) matrix(x expr.Expr) (pyVal, error) {
	v, err := g.expr(x)
	if err != nil {
		return pyVal{}, err
	}
	if v.kind == kInv {
		return g.materialise(v), nil
	}
	if v.kind != kMat {
		return pyVal{}, noCounterpart("%s is not a matrix", expr.String(x))
	}
	return v, nil
}

func (g *pyGen) log(x expr.Expr) (pyVal, error) {
	if c, ok := x.(*expr.Call); ok && c.Fn == "det" && len(c.Args) == 1 {
		ld, err := g.logdet(c.Args[0])
		return pyVal{code: ld, kind: kScalar, prec: pyAtom}, err
	}
	if c, ok := x.(*expr.Call); ok && c.Fn == "exp" && len(c.Args) == 1 {
		return g.expr(c.Args[0])
	}
	if c, ok := x.(*expr.Call); ok && c.Fn == "gamma" && len(c.Args) == 1 {
		return g.call(expr.Fn("lgamma", c.Args[0]))
	}
	if hasDet(x) {
		return g.expr(expr.Sum(logTerms(x)...))
	}
	if u, ok := log1pArg(x); ok {
		return g.apply(g.fn("log1p"), u)
	}
	if us, ok := expTerms(x); ok && !(g.d.name == "torch" && g.constant(x)) {
		acc, err := g.expr(us[0])
		if err != nil {
			return pyVal{}, err
		}
		for _, u := range us[1:] {
			vals, k, err := g.operandVals(acc, u)
			if err != nil {
				return pyVal{}, err
			}
			acc = pyVal{code: g.fn("logaddexp") + "(" + g.tensor(vals[0]) + ", " + g.tensor(vals[1]) + ")", kind: k, prec: pyAtom}
		}
		return acc, nil
	}
	return g.apply(g.fn("log"), x)
}

// tensor makes a constant operand of a PyTorch function that takes
// tensors only a tensor of the parameters' dtype.
func (g *pyGen) tensor(v pyVal) string {
	if g.d.name != "torch" || v.kind != kConst || len(g.sig.params) == 0 {
		return v.code
	}
	return "torch.tensor(" + v.code + ", dtype=" + pyName(g.sig.params[0].name) + ".dtype)"
}

// constant reports whether x has no parameter (no batch axis).
func (g *pyGen) constant(x expr.Expr) bool { return !g.sig.varies(x) }

// operandVals lifts an already translated value and a new expression to
// a common number of axes.
func (g *pyGen) operandVals(a pyVal, b expr.Expr) ([]pyVal, kind, error) {
	bv, err := g.expr(b)
	if err != nil {
		return nil, 0, err
	}
	top, k := rank(a.kind), a.kind
	if rank(bv.kind) > top || k == kConst {
		top, k = max(top, rank(bv.kind)), bv.kind
	}
	if a, err = g.lift(a, top); err != nil {
		return nil, 0, err
	}
	if bv, err = g.lift(bv, top); err != nil {
		return nil, 0, err
	}
	return []pyVal{a, bv}, k, nil
}

// logdet is log det(x): through a Cholesky factor for an SPD parameter,
// through slogdet otherwise (NaN where the determinant is not positive,
// as log of a negative number is).
func (g *pyGen) logdet(x expr.Expr) (string, error) {
	m, err := g.matrix(x)
	if err != nil {
		return "", err
	}
	if s, ok := x.(*expr.Sym); ok {
		if p, _ := g.sig.param(s.Name); p.props["spd"] {
			chol := g.local("chol_"+pyName(s.Name), g.fn("linalg.cholesky")+"("+m.code+")")
			if g.d.name == "numpy" {
				return g.local("logdet_"+pyName(s.Name), "2 * np.sum(np.log(np.diagonal("+chol+", axis1=-2, axis2=-1)), axis=-1)"), nil
			}
			return g.local("logdet_"+pyName(s.Name), "2 * torch.log(torch.diagonal("+chol+", dim1=-2, dim2=-1)).sum(-1)"), nil
		}
	}
	if g.d.name == "torch" {
		return "torch.logdet(" + m.code + ")", nil
	}
	sl := g.local("slogdet", g.fn("linalg.slogdet")+"("+m.code+")")
	return "np.where(" + sl + "[0] > 0, " + sl + "[1], np.nan)", nil
}

func (g *pyGen) swap(v pyVal) string {
	if g.d.name == "numpy" {
		return g.fn("swapaxes") + "(" + v.code + ", -1, -2)"
	}
	return wrap(v, pyAtom) + ".transpose(-1, -2)"
}

// solve is inv(A)·b for b a matrix (..., k, m): through the Cholesky
// factor in PyTorch when A is an SPD parameter, else through _solve,
// which broadcasts the batch axes of A and b (linalg.solve alone may read
// an unbatched b of the right shape as a stack of vectors).
func (g *pyGen) solve(inv pyVal, b string) string {
	if inv.spd != "" && g.d.name == "torch" {
		chol := g.local("chol_"+pyName(inv.spd), "torch.linalg.cholesky("+pyName(inv.spd)+")")
		return "torch.cholesky_solve(" + b + ", " + chol + ")"
	}
	g.fn("linalg.solve")
	g.helpers["_solve"] = true
	return "_solve(" + inv.code + ", " + b + ")"
}

// materialise is an inverse needed on its own, as A⁻¹ = solve(A, I).
func (g *pyGen) materialise(inv pyVal) pyVal {
	eye := g.fn("eye") + "(" + wrap(inv, pyAtom) + ".shape[-1]"
	if g.d.name == "torch" {
		eye += ", dtype=" + wrap(inv, pyAtom) + ".dtype"
	}
	return pyVal{code: g.solve(inv, eye+")"), kind: kMat, prec: pyAtom, sym: inv.sym}
}

// matmul folds a product of vectors and matrices from the left. An
// inverse is never formed: inv(A)·B is a solve.
func (g *pyGen) matmul(fs []expr.Expr) (pyVal, error) {
	acc, err := g.expr(fs[0])
	if err != nil {
		return pyVal{}, err
	}
	acc = g.hoist(acc)
	for _, f := range fs[1:] {
		b, err := g.expr(f)
		if err != nil {
			return pyVal{}, err
		}
		if acc, err = g.times(acc, g.hoist(b)); err != nil {
			return pyVal{}, err
		}
	}
	if acc.kind == kInv {
		acc = g.materialise(acc)
	}
	return acc, nil
}

// hoist names a vector computed from others, such as mu_p - mu_q, that
// a product uses: a quadratic form uses it twice, and a name reads better
// than the expression repeated.
func (g *pyGen) hoist(v pyVal) pyVal {
	if (v.kind == kVec || v.kind == kRow) && v.prec < pyAtom {
		v.code, v.prec = g.local("delta", v.code), pyAtom
	}
	return v
}

func (g *pyGen) times(a, b pyVal) (pyVal, error) {
	A, B := wrap(a, pyAtom), wrap(b, pyAtom)
	switch {
	case a.kind == kRow && b.kind == kVec:
		return pyVal{code: g.fn("sum") + "(" + wrap(a, pyProd) + " * " + wrap(b, pyProd) + ", " + g.d.axis + "=-1)", kind: kScalar, prec: pyAtom}, nil
	case a.kind == kRow && b.kind == kMat:
		return pyVal{code: "(" + A + "[..., None, :] @ " + B + ")[..., 0, :]", kind: kRow, prec: pyAtom}, nil
	case a.kind == kRow && b.kind == kInv:
		inv := b
		if !b.sym {
			inv = pyVal{code: g.swap(b), kind: kInv, prec: pyAtom}
		}
		return pyVal{code: g.solve(inv, A+"[..., None]") + "[..., 0]", kind: kRow, prec: pyAtom}, nil
	case a.kind == kMat && b.kind == kVec:
		return pyVal{code: "(" + A + " @ " + B + "[..., None])[..., 0]", kind: kVec, prec: pyAtom}, nil
	case a.kind == kMat && b.kind == kMat:
		return pyVal{code: wrap(a, pyProd) + " @ " + wrap(b, pyPow), kind: kMat, prec: pyProd}, nil
	case a.kind == kMat && b.kind == kInv:
		// A·B⁻¹ = (B⁻ᵀ·Aᵀ)ᵀ
		inv := b
		if !b.sym {
			inv = pyVal{code: g.swap(b), kind: kInv, prec: pyAtom}
		}
		at := pyVal{code: g.swap(a), kind: kMat, prec: pyAtom}
		return pyVal{code: g.swap(pyVal{code: g.solve(inv, at.code), prec: pyAtom}), kind: kMat, prec: pyAtom}, nil
	case a.kind == kInv && b.kind == kVec:
		return pyVal{code: g.solve(a, B+"[..., None]") + "[..., 0]", kind: kVec, prec: pyAtom}, nil
	case a.kind == kInv && b.kind == kMat:
		return pyVal{code: g.solve(a, b.code), kind: kMat, prec: pyAtom}, nil
	case a.kind == kInv && b.kind == kInv:
		// A⁻¹·B⁻¹ = (B·A)⁻¹
		return pyVal{code: wrap(b, pyProd) + " @ " + wrap(a, pyPow), kind: kInv, prec: pyProd}, nil
	case a.kind == kVec && b.kind == kRow:
		return pyVal{code: A + "[..., :, None] * " + B + "[..., None, :]", kind: kMat, prec: pyProd}, nil
	case rank(a.kind) == 0 || rank(b.kind) == 0:
		return g.scalarTimes(a, b)
	}
	return pyVal{}, noCounterpart("a product of these shapes")
}

// scalarTimes is a scalar times a vector or matrix inside a product.
func (g *pyGen) scalarTimes(a, b pyVal) (pyVal, error) {
	if a.kind == kInv {
		a = g.materialise(a)
	}
	if b.kind == kInv {
		b = g.materialise(b)
	}
	top := max(rank(a.kind), rank(b.kind))
	k := a.kind
	if rank(b.kind) == top {
		k = b.kind
	}
	a, err := g.lift(a, top)
	if err != nil {
		return pyVal{}, err
	}
	if b, err = g.lift(b, top); err != nil {
		return pyVal{}, err
	}
	return pyVal{code: wrap(a, pyProd) + " * " + wrap(b, pyUnary), kind: k, prec: pyProd}, nil
}

// sum is sum(d in 1..n, body): a reduction over the last axis of the
// vectors the body indexes, or n·body when the body does not use d.
func (g *pyGen) sum(b *expr.Big) (pyVal, error) {
	if b.Op != "sum" || !isNum(b.Lo, 1) {
		return pyVal{}, noCounterpart("%s(%s in %s..%s, ...) is not a sum from 1", b.Op, b.Index, expr.String(b.Lo), expr.String(b.Hi))
	}
	if !expr.Uses(b.Body, b.Index) {
		return g.expr(expr.Prod(b.Hi, b.Body))
	}
	outer := g.index
	g.index = b.Index
	body, err := g.expr(b.Body)
	g.index = outer
	if err != nil {
		return pyVal{}, err
	}
	if body.kind != kVec {
		return pyVal{}, noCounterpart("a sum whose terms are not coordinates of vectors")
	}
	return pyVal{code: g.fn("sum") + "(" + body.code + ", " + g.d.axis + "=-1)", kind: kScalar, prec: pyAtom}, nil
}

// torchConstFns are the standard-library functions PyTorch code calls on
// constants.
var torchConstFns = map[string]string{
	"log": "math.log", "exp": "math.exp", "sqrt": "math.sqrt", "log1p": "math.log1p", "expm1": "math.expm1",
	"abs": "abs", "lgamma": "math.lgamma",
}

// pyHelpers are module-level functions the generated code may call.
var pyHelpers = map[string]map[string]string{
	"_solve": {
		"numpy": `def _solve(a, b):
    """inv(a) @ b without forming the inverse, broadcasting batch axes."""
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    return np.linalg.solve(np.broadcast_to(a, batch + a.shape[-2:]), np.broadcast_to(b, batch + b.shape[-2:]))`,
		"torch": `def _solve(a, b):
    """inv(a) @ b without forming the inverse, broadcasting batch axes."""
    batch = torch.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    return torch.linalg.solve(a.expand(batch + a.shape[-2:]), b.expand(batch + b.shape[-2:]))`,
	},
}

// pyKeywords are names a parameter cannot have in Python, with the module
// names the generated code uses.
var pyKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
	"np": true, "torch": true, "special": true, "math": true,
}

// pyName is the Python name of a symbol: itself, or with a trailing
// underscore when it is a keyword (lambda_) or a module name.
func pyName(n string) string {
	if pyKeywords[n] {
		return n + "_"
	}
	return n
}

// pyFunction writes one function and returns the imports it needs.
func pyFunction(b *strings.Builder, d *pyDialect, sig *signature, helpers map[string]bool) (map[string]bool, error) {
	g := &pyGen{d: d, sig: sig, imports: map[string]bool{}, locals: map[string]string{}, helpers: helpers}
	v, err := g.expr(sig.result)
	if err != nil {
		return nil, err
	}
	if v.kind == kConst {
		// A constant result still has the batch shape of the inputs.
		for _, p := range sig.params {
			v = pyVal{code: g.fn("zeros_like") + "(" + pyName(p.name) + ") + " + wrap(v, pyProd), kind: kScalar, prec: pySum}
			break
		}
	}
	names := make([]string, len(sig.params))
	for i, p := range sig.params {
		names[i] = pyName(p.name)
	}
	fmt.Fprintf(b, "def %s(%s):\n", sig.snakeName(), strings.Join(names, ", "))
	b.WriteString(`    """` + sig.what() + " for\n\n")
	for _, s := range sig.doc {
		b.WriteString("        " + s + "\n")
	}
	b.WriteString("\n    " + sig.claim() + "\n    result: " + expr.String(sig.result) + "\n\n")
	for _, line := range sig.argDoc(d.name, pyName) {
		b.WriteString("    " + line + "\n")
	}
	b.WriteString(`    """` + "\n")
	for _, s := range g.pre {
		b.WriteString("    " + s + "\n")
	}
	b.WriteString("    return " + v.code + "\n")
	return g.imports, nil
}

// pyImports are the import lines in a fixed order: standard library
// first, then the frameworks.
func pyImports(imps map[string]bool) string {
	order := []string{"import math", "import numpy as np", "from scipy import special", "import torch"}
	var out []string
	for _, o := range order {
		if imps[o] {
			out = append(out, o)
		}
	}
	var rest []string
	for i := range imps {
		if !contains(order, i) {
			rest = append(rest, i)
		}
	}
	sort.Strings(rest)
	return strings.Join(append(out, rest...), "\n")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
