package render

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// The Go emitter: a plain function over float64, vectors as []float64 and
// matrices through gonum's mat. Go has no broadcasting, so a vector
// expression becomes a loop and a matrix expression a sequence of gonum
// calls on temporaries, each a statement before the return.

// goVal is a translated sub-expression. A vector is a []float64 unless
// dense is set (a *mat.VecDense from a matrix product).
type goVal struct {
	code  string
	kind  kind
	prec  int
	sym   bool
	spd   string // for kInv of an SPD parameter: the parameter's name
	dense bool
}

type goGen struct {
	sig     *signature
	imports map[string]bool
	helpers map[string]bool
	pre     []string
	locals  map[string]string
	tmp     int
	// index and loop are the index of the enclosing sum (or elementwise
	// vector expression) and the Go loop variable standing for it.
	index, loop string
}

func (g *goGen) math(name string) string { g.imports["math"] = true; return "math." + name }

func (g *goGen) fresh(prefix string) string {
	g.tmp++
	return fmt.Sprintf("%s%d", prefix, g.tmp)
}

// local hoists a value into a variable, once per distinct code.
func (g *goGen) local(name, code string) string {
	if n, ok := g.locals[code]; ok {
		return n
	}
	g.locals[code] = name
	g.pre = append(g.pre, name+" := "+code)
	return name
}

// fail is the statement that gives up on a failed factorisation or solve.
func (g *goGen) fail(cond string) {
	g.pre = append(g.pre, "if "+cond+" {\n\treturn "+g.math("NaN")+"()\n}")
}

func (g *goGen) expr(e expr.Expr) (goVal, error) {
	if g.index == "" && g.kindOf(e) == kVec && elementwise(e) {
		return g.vector(e)
	}
	switch e := e.(type) {
	case *expr.Num:
		return g.num(e.Val), nil
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
			return goVal{}, noCounterpart("the coordinate %s is not the index of its sum", expr.String(e))
		}
		return goVal{code: goName(base.Name) + "[" + g.loop + "]", kind: kScalar, prec: bindAtom}, nil
	case *expr.Big:
		return g.sum(e)
	case *expr.Cases:
		return g.cases(e)
	case *expr.MatMul:
		return g.matmul(e.Factors)
	case *expr.Transpose:
		x, err := g.expr(e.X)
		if err != nil {
			return goVal{}, err
		}
		switch x.kind {
		case kVec:
			x.kind = kRow
		case kRow:
			x.kind = kVec
		case kMat:
			if !x.sym {
				x = goVal{code: method(x.code, "T()"), kind: kMat, prec: bindAtom}
			}
		default:
			return goVal{}, noCounterpart("the transpose of %s", expr.String(e.X))
		}
		return x, nil
	}
	return goVal{}, noCounterpart("%s is not in closed form", expr.String(e))
}

// elementwise reports whether e is computed coordinate by coordinate.
func elementwise(e expr.Expr) bool {
	switch e := e.(type) {
	case *expr.Add, *expr.Mul, *expr.Pow:
		return true
	case *expr.Call:
		return e.Fn != "inv" && e.Fn != "diag" && e.Fn != "tr" && e.Fn != "det" && e.Fn != "I"
	}
	return false
}

// kindOf is the kind of e without translating it.
func (g *goGen) kindOf(e expr.Expr) kind {
	switch e := e.(type) {
	case *expr.Num:
		return kConst
	case *expr.Sym:
		if p, ok := g.sig.param(e.Name); ok {
			return p.kind
		}
		return kConst
	case *expr.Index, *expr.Big:
		return kScalar
	case *expr.Transpose:
		switch g.kindOf(e.X) {
		case kVec:
			return kRow
		case kRow:
			return kVec
		}
		return kMat
	case *expr.MatMul:
		k := g.kindOf(e.Factors[0])
		for _, f := range e.Factors[1:] {
			switch b := g.kindOf(f); {
			case k == kRow && b == kVec:
				k = kScalar
			case k == kVec && b == kRow:
				k = kMat
			case rank(b) == 0:
			case rank(k) == 0 || (k == kInv || k == kMat) && b != kInv:
				k = b
				if b == kRow {
					k = kRow
				}
			case k == kRow:
				k = kRow
			default:
				k = kMat
			}
		}
		return k
	case *expr.Call:
		switch e.Fn {
		case "tr", "det":
			return kScalar
		case "inv":
			return kInv
		case "diag", "I":
			return kMat
		}
	}
	k := kConst
	for _, c := range expr.Children(e) {
		if ck := g.kindOf(c); rank(ck) > rank(k) || (k == kConst && ck != kConst) {
			k = ck
		}
	}
	return k
}

// vector computes an elementwise vector expression into a new slice.
func (g *goGen) vector(e expr.Expr) (goVal, error) {
	length := ""
	expr.Any(e, func(n expr.Expr) bool {
		if s, ok := n.(*expr.Sym); ok {
			if p, ok := g.sig.param(s.Name); ok && p.kind == kVec && length == "" {
				length = goName(s.Name)
			}
		}
		return length != ""
	})
	if length == "" {
		return goVal{}, noCounterpart("a vector expression without a vector parameter")
	}
	outer, loop := g.index, g.loop
	g.index, g.loop = "·", "i"
	body, err := g.expr(e)
	g.index, g.loop = outer, loop
	if err != nil {
		return goVal{}, err
	}
	code := fmt.Sprintf("make([]float64, len(%s))", length)
	if n, ok := g.locals["vec:"+body.code]; ok {
		return goVal{code: n, kind: kVec, prec: bindAtom}, nil
	}
	v := g.fresh("delta")
	g.locals["vec:"+body.code] = v
	g.pre = append(g.pre, v+" := "+code, fmt.Sprintf("for i := range %s {\n\t%s[i] = %s\n}", v, v, body.code))
	return goVal{code: v, kind: kVec, prec: bindAtom}, nil
}

func (g *goGen) num(r *big.Rat) goVal {
	s, exact := literal(new(big.Rat).Abs(r))
	prec := bindAtom
	if !exact {
		s, prec = "("+s+")", bindAtom
	}
	if r.Sign() < 0 {
		return goVal{code: "-" + s, kind: kConst, prec: bindUnary}
	}
	return goVal{code: s, kind: kConst, prec: prec}
}

func (g *goGen) sym(name string) (goVal, error) {
	switch name {
	case "pi":
		return goVal{code: g.math("Pi"), kind: kConst, prec: bindAtom}, nil
	case "e":
		return goVal{code: g.math("E"), kind: kConst, prec: bindAtom}, nil
	case "inf":
		return goVal{code: g.math("Inf") + "(1)", kind: kConst, prec: bindAtom}, nil
	}
	if from, ok := g.sig.dims[name]; ok {
		if p, _ := g.sig.param(from); p.kind == kMat {
			n, ok := g.locals["dim:"+name]
			if !ok {
				n = goName(name) + "Rows"
				g.locals["dim:"+name] = n
				g.pre = append(g.pre, n+", _ := "+goName(from)+".Dims()")
			}
			return goVal{code: "float64(" + n + ")", kind: kConst, prec: bindAtom}, nil
		}
		return goVal{code: g.local(goName(name), "float64(len("+goName(from)+"))"), kind: kConst, prec: bindAtom}, nil
	}
	p, ok := g.sig.param(name)
	if !ok {
		return goVal{}, noCounterpart("the symbol %s", name)
	}
	if p.kind == kVec && g.index != "" {
		return goVal{code: goName(name) + "[" + g.loop + "]", kind: kScalar, prec: bindAtom}, nil
	}
	return goVal{code: goName(name), kind: p.kind, prec: bindAtom, sym: p.props["spd"] || p.props["symmetric"]}, nil
}

// method calls a method on a value: on a temporary t, spelled &t where a
// pointer is passed, the call is t.M(), which Go takes the address for.
func method(code, call string) string {
	if v, ok := strings.CutPrefix(code, "&"); ok && !strings.ContainsAny(v, "(). ") {
		return v + "." + call
	}
	return code + "." + call
}

func gwrap(v goVal, min int) string {
	if v.prec < min {
		return "(" + v.code + ")"
	}
	return v.code
}

func (g *goGen) scalars(xs []expr.Expr) ([]goVal, error) {
	out := make([]goVal, len(xs))
	for i, x := range xs {
		v, err := g.expr(x)
		if err != nil {
			return nil, err
		}
		if rank(v.kind) > 0 {
			return nil, noCounterpart("%s is not a number", expr.String(x))
		}
		out[i] = v
	}
	return out, nil
}

func (g *goGen) add(a *expr.Add) (goVal, error) {
	if u, rest, ok := expm1Parts(a); ok {
		return g.add(&expr.Add{Terms: append([]expr.Expr{expr.Fn("expm1", u)}, rest...)})
	}
	if g.index == "" && rank(g.kindOf(a)) == 2 {
		return g.matrixSum(a)
	}
	pos := make([]expr.Expr, len(a.Terms))
	neg := make([]bool, len(a.Terms))
	for i, t := range a.Terms {
		pos[i] = t
		if c, _, _ := fraction(t); c.Sign() < 0 && i > 0 {
			pos[i], neg[i] = expr.Neg(t), true
		}
	}
	vals, err := g.scalars(pos)
	if err != nil {
		return goVal{}, err
	}
	var b strings.Builder
	for i, v := range vals {
		switch {
		case i == 0:
			b.WriteString(gwrap(v, bindSum))
		case neg[i]:
			b.WriteString(" - " + gwrap(v, bindProd))
		default:
			b.WriteString(" + " + gwrap(v, bindProd))
		}
	}
	return goVal{code: b.String(), kind: kScalar, prec: bindSum}, nil
}

func (g *goGen) mul(m *expr.Mul) (goVal, error) {
	if c, x, y, ok := xlogyParts(g.sig, m); ok {
		vals, err := g.scalars([]expr.Expr{x, y})
		if err != nil {
			return goVal{}, err
		}
		g.helpers["xlogy"] = true
		return g.scaled(c, goVal{code: "xlogy(" + vals[0].code + ", " + vals[1].code + ")", kind: kScalar, prec: bindAtom}), nil
	}
	coef, num, den := fraction(m)
	if g.index == "" && rank(g.kindOf(m)) == 2 && len(den) == 0 {
		return g.matmul(append([]expr.Expr{&expr.Num{Val: coef}}, num...))
	}
	all := append(append([]expr.Expr{}, num...), den...)
	vals, err := g.scalars(all)
	if err != nil {
		return goVal{}, err
	}
	var parts []string
	for _, v := range vals[:len(num)] {
		parts = append(parts, gwrap(v, bindProd))
	}
	code := strings.Join(parts, " * ")
	if len(num) == 0 {
		code = "1"
	}
	for _, v := range vals[len(num):] {
		code += " / " + gwrap(v, bindUnary)
	}
	return g.scaled(coef, goVal{code: code, kind: kScalar, prec: bindProd}), nil
}

func (g *goGen) scaled(c *big.Rat, v goVal) goVal {
	abs := new(big.Rat).Abs(c)
	code := gwrap(v, bindProd)
	if abs.Cmp(big.NewRat(1, 1)) != 0 {
		if lit, ok := literal(abs); ok {
			code = lit + " * " + code
		} else if abs.Num().Cmp(big.NewInt(1)) == 0 {
			code = code + " / " + abs.Denom().String()
		} else {
			code = "(" + lit + ") * " + code
		}
	} else if v.prec >= bindProd {
		code = v.code
	}
	if c.Sign() < 0 {
		return goVal{code: "-" + code, kind: v.kind, prec: bindUnary}
	}
	return goVal{code: code, kind: v.kind, prec: bindProd}
}

func (g *goGen) pow(p *expr.Pow) (goVal, error) {
	if isNum(p.Exp, 1) {
		return g.expr(p.Base)
	}
	if x, ok := p.Exp.(*expr.Num); ok && x.Val.Cmp(big.NewRat(1, 2)) == 0 {
		return g.call(expr.Fn("sqrt", p.Base))
	}
	if x, ok := p.Exp.(*expr.Num); ok && x.Val.Sign() < 0 {
		return g.mul(&expr.Mul{Factors: []expr.Expr{p}})
	}
	vals, err := g.scalars([]expr.Expr{p.Base, p.Exp})
	if err != nil {
		return goVal{}, err
	}
	if isNum(p.Exp, 2) && vals[0].prec == bindAtom {
		return goVal{code: vals[0].code + " * " + vals[0].code, kind: kScalar, prec: bindProd}, nil
	}
	return goVal{code: g.math("Pow") + "(" + vals[0].code + ", " + vals[1].code + ")", kind: kScalar, prec: bindAtom}, nil
}

func (g *goGen) apply(fn string, x expr.Expr) (goVal, error) {
	vals, err := g.scalars([]expr.Expr{x})
	if err != nil {
		return goVal{}, err
	}
	return goVal{code: fn + "(" + vals[0].code + ")", kind: kScalar, prec: bindAtom}, nil
}

// goFuncsN are the functions of several arguments with a Go counterpart
// of the same arguments in the same order: the regularised incomplete
// Gamma and Beta functions are gonum's, as the evaluator's are.
var goFuncsN = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"max": "math.Max", "min": "math.Min", "gammainc": "mathext.GammaIncReg", "betainc": "mathext.RegIncBeta",
	}
}}

func (g *goGen) call(c *expr.Call) (goVal, error) {
	if len(c.Args) == 2 && c.Fn == "lbeta" {
		return g.expr(lbetaTerms(c))
	}
	if len(c.Args) == 2 && c.Fn == "beta" {
		return g.expr(expr.Fn("exp", lbetaTerms(c)))
	}
	if fn, ok := goFuncsN.Get()[c.Fn]; ok {
		vals, err := g.scalars(c.Args)
		if err != nil {
			return goVal{}, err
		}
		codes := make([]string, len(vals))
		for i, v := range vals {
			codes[i] = v.code
		}
		pkg, name, _ := strings.Cut(fn, ".")
		g.imports[map[string]string{"math": "math", "mathext": "gonum.org/v1/gonum/mathext"}[pkg]] = true
		return goVal{code: pkg + "." + name + "(" + strings.Join(codes, ", ") + ")", kind: kScalar, prec: bindAtom}, nil
	}
	if len(c.Args) != 1 {
		return goVal{}, noCounterpart("%s is not in closed form", expr.String(c))
	}
	x := c.Args[0]
	switch c.Fn {
	case "log":
		return g.log(x)
	case "exp", "sqrt", "abs", "log1p", "expm1", "gamma", "erf":
		return g.apply(g.math(strings.ToUpper(c.Fn[:1])+c.Fn[1:]), x)
	case "lgamma":
		g.helpers["lgamma"] = true
		return g.apply("lgamma", x)
	case "digamma", "trigamma":
		g.helpers[c.Fn] = true
		return g.apply(c.Fn, x)
	case "tr":
		m, err := g.matrix(x)
		if err != nil {
			return goVal{}, err
		}
		return goVal{code: "mat.Trace(" + m.code + ")", kind: kScalar, prec: bindAtom}, nil
	case "det":
		if !g.sig.spd(x) {
			// A general determinant may be negative: no logarithm.
			m, err := g.matrix(x)
			if err != nil {
				return goVal{}, err
			}
			return goVal{code: "mat.Det(" + m.code + ")", kind: kScalar, prec: bindAtom}, nil
		}
		ld, err := g.logdet(x)
		if err != nil {
			return goVal{}, err
		}
		return goVal{code: g.math("Exp") + "(" + ld + ")", kind: kScalar, prec: bindAtom}, nil
	case "inv":
		m, err := g.matrix(x)
		if err != nil {
			return goVal{}, err
		}
		inv := goVal{code: m.code, kind: kInv, prec: bindAtom, sym: m.sym}
		if s, ok := x.(*expr.Sym); ok {
			if p, _ := g.sig.param(s.Name); p.props["spd"] {
				inv.spd = s.Name
			}
		}
		return inv, nil
	case "I":
		n, err := g.expr(x)
		if err != nil {
			return goVal{}, err
		}
		return goVal{code: g.identity("int(" + n.code + ")"), kind: kMat, prec: bindAtom, sym: true}, nil
	case "diag":
		v, err := g.expr(x)
		if err != nil {
			return goVal{}, err
		}
		if v.kind != kVec || v.dense {
			return goVal{}, noCounterpart("diag of %s", expr.String(x))
		}
		g.imports["gonum.org/v1/gonum/mat"] = true
		return goVal{code: "mat.NewDiagDense(len(" + v.code + "), " + v.code + ")", kind: kMat, prec: bindAtom, sym: true}, nil
	}
	return goVal{}, noCounterpart("the function %s", c.Fn)
}

func (g *goGen) log(x expr.Expr) (goVal, error) {
	if c, ok := x.(*expr.Call); ok && len(c.Args) == 1 {
		switch c.Fn {
		case "det":
			ld, err := g.logdet(c.Args[0])
			return goVal{code: ld, kind: kScalar, prec: bindAtom}, err
		case "exp":
			return g.expr(c.Args[0])
		case "gamma":
			return g.call(expr.Fn("lgamma", c.Args[0]))
		}
	}
	if c, ok := x.(*expr.Call); ok && c.Fn == "beta" && len(c.Args) == 2 {
		return g.expr(lbetaTerms(c))
	}
	if hasDet(x) || hasSpecial(x) {
		return g.expr(expr.Sum(logTerms(x)...))
	}
	if u, ok := log1pArg(x); ok {
		return g.apply(g.math("Log1p"), u)
	}
	if us, ok := expTerms(x); ok {
		vals, err := g.scalars(us)
		if err != nil {
			return goVal{}, err
		}
		g.helpers["logaddexp"] = true
		acc := vals[0].code
		for _, v := range vals[1:] {
			acc = "logaddexp(" + acc + ", " + v.code + ")"
		}
		return goVal{code: acc, kind: kScalar, prec: bindAtom}, nil
	}
	return g.apply(g.math("Log"), x)
}

// sum is sum(d in 1..n, body) as a loop over the coordinates of a vector
// the body indexes, or n·body when the body does not use d.
func (g *goGen) sum(b *expr.Big) (goVal, error) {
	if s, ok := b.Hi.(*expr.Sym); ok && s.Name == "inf" {
		return goVal{}, noCounterpart("the result keeps the series %s(%s in %s..inf, ...), which has no closed form and is not exported", b.Op, b.Index, expr.String(b.Lo))
	}
	if b.Op == "sum" && isNum(b.Lo, 0) {
		// A Binomial's E[log Γ(m − x + 1)], a finite sum over the
		// support kept for want of a closed form.
		return goVal{}, noCounterpart("the result keeps the sum %s(%s in 0..%s, ...) over the support, which has no closed form and is not exported", b.Op, b.Index, expr.String(b.Hi))
	}
	if b.Op != "sum" || !isNum(b.Lo, 1) {
		return goVal{}, noCounterpart("%s(%s in %s..%s, ...) is not a sum from 1", b.Op, b.Index, expr.String(b.Lo), expr.String(b.Hi))
	}
	if !expr.Uses(b.Body, b.Index) {
		return g.expr(expr.Prod(b.Hi, b.Body))
	}
	if err := g.sig.wholeSum(b); err != nil {
		return goVal{}, err
	}
	over := ""
	expr.Any(b.Body, func(n expr.Expr) bool {
		if ix, ok := n.(*expr.Index); ok && over == "" {
			if s, ok := ix.Base.(*expr.Sym); ok {
				over = goName(s.Name)
			}
		}
		return over != ""
	})
	// A sum inside another runs before the outer loop (its statements go
	// to g.pre first), so it may not use the outer index: ψ(Σᵢ aᵢ) inside
	// Σⱼ is fine, Σᵢ aᵢ·bⱼ is not.
	if over == "" || g.index != "" && expr.Uses(b.Body, g.index) {
		return goVal{}, noCounterpart("a sum that does not run over the coordinates of a vector")
	}
	outer, loop := g.index, g.loop
	g.index, g.loop = b.Index, "i"
	body, err := g.expr(b.Body)
	g.index, g.loop = outer, loop
	if err != nil {
		return goVal{}, err
	}
	s := g.fresh("sum")
	g.pre = append(g.pre, s+" := 0.0", fmt.Sprintf("for i := range %s {\n\t%s += %s\n}", over, s, body.code))
	return goVal{code: s, kind: kScalar, prec: bindAtom}, nil
}
