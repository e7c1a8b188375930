package render

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/klderive/klderive/expr"
)

// pyDialect is what differs between NumPy and PyTorch code: function
// names, how an axis is named and the imports they come from.
type pyDialect struct {
	name string // "numpy" or "torch"
	mod  string // "np" or "torch"
	axis string // the keyword naming a reduction axis
}

var (
	numpyDialect = &pyDialect{name: "numpy", mod: "np", axis: "axis"}
	torchDialect = &pyDialect{name: "torch", mod: "torch", axis: "dim"}
)

// Binding strengths of the outermost operator of generated code, loosest
// first; Python and Go order + - * / and unary minus alike, and Go code
// has no power operator.
const (
	bindSum = iota + 1
	bindProd
	bindUnary
	bindPow
	bindAtom
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

// specialFn is xlogy, gammaln, digamma, polygamma or erf: scipy.special
// or torch.
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
		return pyVal{code: pyName(base.Name), kind: kVec, prec: bindAtom}, nil
	case *expr.Big:
		return g.sum(e)
	case *expr.Cases:
		return g.cases(e)
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
				x = pyVal{code: g.swap(x), kind: kMat, prec: bindAtom}
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
	prec := bindAtom
	if !exact {
		s, prec = strings.Replace(s, ".0 / ", " / ", 1), bindProd
	}
	if n.Val.Sign() < 0 {
		return pyVal{code: "-" + wrap(pyVal{code: s, prec: prec}, bindPow), kind: kConst, prec: bindUnary}
	}
	return pyVal{code: s, kind: kConst, prec: prec}
}

func (g *pyGen) sym(name string) (pyVal, error) {
	switch name {
	case "pi", "e", "inf":
		if g.d.name == "numpy" {
			return pyVal{code: g.fn(name), kind: kConst, prec: bindAtom}, nil
		}
		g.use("import math")
		return pyVal{code: "math." + name, kind: kConst, prec: bindAtom}, nil
	}
	if from, ok := g.sig.dims[name]; ok {
		return pyVal{code: pyName(from) + ".shape[-1]", kind: kConst, prec: bindAtom}, nil
	}
	if name == g.index {
		return pyVal{}, noCounterpart("the bare index %s of a sum", name)
	}
	p, ok := g.sig.param(name)
	if !ok {
		return pyVal{}, noCounterpart("the symbol %s", name)
	}
	return pyVal{code: pyName(name), kind: p.kind, prec: bindAtom, sym: p.props["spd"] || p.props["symmetric"] || p.props["diag"]}, nil
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
		return pyVal{code: g.fn(map[string]string{"numpy": "asarray", "torch": "as_tensor"}[g.d.name]) + "(" + v.code + ")[..." + axes + "]", kind: v.kind, prec: bindAtom}, nil
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
			b.WriteString(wrap(v, bindSum))
		case neg[i]:
			b.WriteString(" - " + wrap(v, bindProd))
		default:
			b.WriteString(" + " + wrap(v, bindProd))
		}
	}
	return pyVal{code: b.String(), kind: k, prec: bindSum}, nil
}

func (g *pyGen) mul(m *expr.Mul) (pyVal, error) {
	if c, x, y, ok := xlogyParts(g.sig, m); ok {
		vals, k, err := g.operands([]expr.Expr{x, y})
		if err != nil {
			return pyVal{}, err
		}
		v := pyVal{code: g.specialFn("xlogy", "xlogy") + "(" + vals[0].code + ", " + vals[1].code + ")", kind: k, prec: bindAtom}
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
		parts = append(parts, wrap(v, bindProd))
	}
	code := strings.Join(parts, " * ")
	if len(num) == 0 {
		code = "1"
	}
	for _, v := range vals[len(num):] {
		code += " / " + wrap(v, bindUnary)
	}
	return g.scaled(coef, pyVal{code: code, kind: k, prec: bindProd}), nil
}

// scaled multiplies v by the rational c.
func (g *pyGen) scaled(c *big.Rat, v pyVal) pyVal {
	abs := new(big.Rat).Abs(c)
	code := wrap(v, bindProd)
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
		return pyVal{code: "-" + code, kind: v.kind, prec: bindUnary}
	}
	return pyVal{code: code, kind: v.kind, prec: bindProd}
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
	return pyVal{code: wrap(vals[0], bindAtom) + "**" + wrap(vals[1], bindAtom), kind: k, prec: bindPow}, nil
}

// callN translates the functions of several arguments: max and min
// elementwise, P(s, x) and I_x(a, b) by scipy.special's gammainc and
// betainc (the same regularised functions, in the same argument order),
// and torch.special.gammainc. PyTorch has no incomplete Beta function,
// so a result with one has no PyTorch counterpart.
func (g *pyGen) callN(c *expr.Call) (pyVal, bool, error) {
	var name string
	switch c.Fn {
	case "max", "min":
		name = g.fn(map[string]string{"max": "maximum", "min": "minimum"}[c.Fn])
	case "gammainc":
		name = g.specialFn("gammainc", "special.gammainc")
	case "betainc":
		if g.d.name == "torch" {
			return pyVal{}, true, noCounterpart("PyTorch has no regularised incomplete Beta function (betainc)")
		}
		name = g.specialFn("betainc", "")
	default:
		return pyVal{}, false, nil
	}
	vals, k, err := g.operands(c.Args)
	if err != nil {
		return pyVal{}, true, err
	}
	if k == kMat {
		return pyVal{}, true, noCounterpart("%s of a matrix", c.Fn)
	}
	codes := make([]string, len(vals))
	for i, v := range vals {
		codes[i] = v.code
		if v.kind == kConst && g.d.name == "torch" {
			// PyTorch's functions of two tensors take no Python number.
			codes[i] = "torch.tensor(" + v.code + ", dtype=torch.float64)"
		}
	}
	return pyVal{code: name + "(" + strings.Join(codes, ", ") + ")", kind: k, prec: bindAtom}, true, nil
}

// apply calls a one-argument elementwise function. PyTorch's functions
// take tensors only, so on a constant its math counterpart is called.
func (g *pyGen) apply(name string, x expr.Expr) (pyVal, error) {
	return g.applyAfter(name, "", x)
}

// applyAfter is apply with leading arguments before x, written with
// their comma: "1, " for polygamma(1, x).
func (g *pyGen) applyAfter(name, lead string, x expr.Expr) (pyVal, error) {
	v, err := g.expr(x)
	if err != nil {
		return pyVal{}, err
	}
	if v.kind == kConst && g.d.name == "torch" {
		fn, ok := strings.CutPrefix(name, "torch.")
		if m, known := torchConstFns.Get()[fn]; ok && known {
			if strings.HasPrefix(m, "math.") {
				g.use("import math")
			}
			return pyVal{code: m + "(" + lead + v.code + ")", kind: kConst, prec: bindAtom}, nil
		}
		return pyVal{code: name + "(" + lead + "torch.tensor(" + v.code + ", dtype=torch.float64))", kind: kConst, prec: bindAtom}, nil
	}
	if v.kind == kInv || v.kind == kMat {
		return pyVal{}, noCounterpart("%s of a matrix", name)
	}
	return pyVal{code: name + "(" + lead + v.code + ")", kind: v.kind, prec: bindAtom}, nil
}

func (g *pyGen) call(c *expr.Call) (pyVal, error) {
	if len(c.Args) == 2 && c.Fn == "lbeta" {
		return g.expr(lbetaTerms(c))
	}
	if len(c.Args) == 2 && c.Fn == "beta" {
		return g.expr(expr.Fn("exp", lbetaTerms(c)))
	}
	if v, ok, err := g.callN(c); ok {
		return v, err
	}
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
	case "trigamma":
		// ψ′ is the polygamma function of order 1.
		return g.applyAfter(g.specialFn("polygamma", "polygamma"), "1, ", x)
	case "lgamma":
		return g.apply(g.specialFn("gammaln", "lgamma"), x)
	case "erf":
		return g.apply(g.specialFn("erf", "erf"), x)
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
			return pyVal{code: g.fn("trace") + "(" + m.code + ", axis1=-2, axis2=-1)", kind: kScalar, prec: bindAtom}, nil
		}
		return pyVal{code: g.fn("diagonal") + "(" + m.code + ", dim1=-2, dim2=-1).sum(-1)", kind: kScalar, prec: bindAtom}, nil
	case "det":
		if !g.sig.spd(x) {
			// A general determinant may be negative: no logarithm.
			m, err := g.matrix(x)
			if err != nil {
				return pyVal{}, err
			}
			return pyVal{code: g.fn("linalg.det") + "(" + m.code + ")", kind: kScalar, prec: bindAtom}, nil
		}
		ld, err := g.logdet(x)
		if err != nil {
			return pyVal{}, err
		}
		return pyVal{code: g.fn("exp") + "(" + ld + ")", kind: kScalar, prec: bindAtom}, nil
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
		return pyVal{code: eye + ")", kind: kMat, prec: bindAtom, sym: true}, nil
	case "diag":
		v, err := g.expr(x)
		if err != nil {
			return pyVal{}, err
		}
		if v.kind != kVec {
			return pyVal{}, noCounterpart("diag of %s", expr.String(x))
		}
		if g.d.name == "torch" {
			return pyVal{code: "torch.diag_embed(" + v.code + ")", kind: kMat, prec: bindAtom, sym: true}, nil
		}
		return pyVal{code: wrap(v, bindAtom) + "[..., None] * " + g.fn("eye") + "(" + wrap(v, bindAtom) + ".shape[-1])", kind: kMat, prec: bindProd, sym: true}, nil
	}
	return pyVal{}, noCounterpart("the function %s", c.Fn)
}

func (g *pyGen) log(x expr.Expr) (pyVal, error) {
	if c, ok := x.(*expr.Call); ok && c.Fn == "det" && len(c.Args) == 1 {
		ld, err := g.logdet(c.Args[0])
		return pyVal{code: ld, kind: kScalar, prec: bindAtom}, err
	}
	if c, ok := x.(*expr.Call); ok && c.Fn == "exp" && len(c.Args) == 1 {
		return g.expr(c.Args[0])
	}
	if c, ok := x.(*expr.Call); ok && c.Fn == "gamma" && len(c.Args) == 1 {
		return g.call(expr.Fn("lgamma", c.Args[0]))
	}
	if c, ok := x.(*expr.Call); ok && c.Fn == "beta" && len(c.Args) == 2 {
		return g.expr(lbetaTerms(c))
	}
	if hasDet(x) || hasSpecial(x) {
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
			acc = pyVal{code: g.fn("logaddexp") + "(" + g.tensor(vals[0]) + ", " + g.tensor(vals[1]) + ")", kind: k, prec: bindAtom}
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

// sum is sum(d in 1..n, body): a reduction over the last axis of the
// vectors the body indexes, or n·body when the body does not use d.
func (g *pyGen) sum(b *expr.Big) (pyVal, error) {
	if s, ok := b.Hi.(*expr.Sym); ok && s.Name == "inf" {
		return pyVal{}, noCounterpart("the result keeps the series %s(%s in %s..inf, ...), which has no closed form and is not exported", b.Op, b.Index, expr.String(b.Lo))
	}
	if b.Op == "sum" && isNum(b.Lo, 0) {
		// A Binomial's E[log Γ(m − x + 1)], a finite sum over the
		// support kept for want of a closed form.
		return pyVal{}, noCounterpart("the result keeps the sum %s(%s in 0..%s, ...) over the support, which has no closed form and is not exported", b.Op, b.Index, expr.String(b.Hi))
	}
	if b.Op != "sum" || !isNum(b.Lo, 1) {
		return pyVal{}, noCounterpart("%s(%s in %s..%s, ...) is not a sum from 1", b.Op, b.Index, expr.String(b.Lo), expr.String(b.Hi))
	}
	if !expr.Uses(b.Body, b.Index) {
		return g.expr(expr.Prod(b.Hi, b.Body))
	}
	if err := g.sig.wholeSum(b); err != nil {
		return pyVal{}, err
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
	return pyVal{code: g.fn("sum") + "(" + body.code + ", " + g.d.axis + "=-1)", kind: kScalar, prec: bindAtom}, nil
}
