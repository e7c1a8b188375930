package render

import (
	"fmt"
	"strings"

	"github.com/klderive/klderive/expr"
)

// Matrix algebra in Go through gonum: each product, solve or sum is a
// statement on a temporary before the return, and a failed factorisation
// or solve returns NaN.

// matrixSum adds matrices, each term scaled by its coefficient.
func (g *goGen) matrixSum(a *expr.Add) (goVal, error) {
	t := g.fresh("m")
	g.pre = append(g.pre, "var "+t+" mat.Dense")
	g.imports["gonum.org/v1/gonum/mat"] = true
	for i, term := range a.Terms {
		// A term is one matrix times scalar factors.
		c, num, den := fraction(term)
		var mf expr.Expr
		scalars := []expr.Expr{&expr.Num{Val: c}}
		for _, f := range num {
			if rank(g.kindOf(f)) == 2 {
				if mf != nil {
					return goVal{}, noCounterpart("the matrix term %s", expr.String(term))
				}
				mf = f
				continue
			}
			scalars = append(scalars, f)
		}
		for _, f := range den {
			scalars = append(scalars, expr.Power(f, expr.N(-1)))
		}
		if mf == nil {
			return goVal{}, noCounterpart("the matrix term %s", expr.String(term))
		}
		m, err := g.matrix(mf)
		if err != nil {
			return goVal{}, err
		}
		coef, err := g.expr(expr.Prod(scalars...))
		if err != nil {
			return goVal{}, err
		}
		cv := coef.code
		if i == 0 {
			g.pre = append(g.pre, fmt.Sprintf("%s.Scale(%s, %s)", t, cv, m.code))
			continue
		}
		s := g.fresh("m")
		g.pre = append(g.pre, "var "+s+" mat.Dense", fmt.Sprintf("%s.Scale(%s, %s)", s, cv, m.code), fmt.Sprintf("%s.Add(&%s, &%s)", t, t, s))
	}
	return goVal{code: "&" + t, kind: kMat, prec: bindAtom}, nil
}

// matrix translates x, which must be a matrix.
func (g *goGen) matrix(x expr.Expr) (goVal, error) {
	v, err := g.expr(x)
	if err != nil {
		return goVal{}, err
	}
	if v.kind == kInv {
		return g.materialise(v), nil
	}
	if v.kind != kMat {
		return goVal{}, noCounterpart("%s is not a matrix", expr.String(x))
	}
	return v, nil
}

// chol is the Cholesky factor of an SPD parameter, factorised once.
func (g *goGen) chol(name string) string {
	c := "chol" + strings.ToUpper(name[:1]) + name[1:]
	if _, ok := g.locals["chol:"+name]; !ok {
		g.locals["chol:"+name] = c
		g.pre = append(g.pre, "var "+c+" mat.Cholesky")
		g.fail("!" + c + ".Factorize(" + goName(name) + ")")
	}
	return c
}

// logdet is log det(x): through the Cholesky factor of an SPD parameter,
// else mat.LogDet (NaN where the determinant is not positive).
func (g *goGen) logdet(x expr.Expr) (string, error) {
	m, err := g.matrix(x)
	if err != nil {
		return "", err
	}
	if s, ok := x.(*expr.Sym); ok {
		if p, _ := g.sig.param(s.Name); p.props["spd"] {
			return g.chol(s.Name) + ".LogDet()", nil
		}
	}
	ld, sign := g.fresh("logdet"), g.fresh("sign")
	g.pre = append(g.pre, ld+", "+sign+" := mat.LogDet("+m.code+")")
	g.fail(sign + " <= 0")
	return ld, nil
}

// dense wraps a []float64 vector for gonum.
func (g *goGen) dense(v goVal) string {
	g.imports["gonum.org/v1/gonum/mat"] = true
	if v.dense {
		return v.code
	}
	return g.local(v.code+"Vec", "mat.NewVecDense(len("+v.code+"), "+v.code+")")
}

// solveVec is inv(A)·b for a vector b; solveMat for a matrix b.
func (g *goGen) solveVec(inv goVal, b string, transposed bool) goVal {
	t := g.fresh("s")
	g.pre = append(g.pre, "var "+t+" mat.VecDense")
	a := inv.code
	if transposed && !inv.sym {
		a = method(a, "T()")
	}
	if inv.spd != "" {
		g.fail(g.chol(inv.spd) + ".SolveVecTo(&" + t + ", " + b + ") != nil")
	} else {
		g.fail(t + ".SolveVec(" + a + ", " + b + ") != nil")
	}
	return goVal{code: "&" + t, kind: kVec, prec: bindAtom, dense: true}
}

func (g *goGen) solveMat(inv goVal, b string, transposed bool) goVal {
	t := g.fresh("s")
	g.pre = append(g.pre, "var "+t+" mat.Dense")
	a := inv.code
	if transposed && !inv.sym {
		a = method(a, "T()")
	}
	if inv.spd != "" {
		g.fail(g.chol(inv.spd) + ".SolveTo(&" + t + ", " + b + ") != nil")
	} else {
		g.fail(t + ".Solve(" + a + ", " + b + ") != nil")
	}
	return goVal{code: "&" + t, kind: kMat, prec: bindAtom}
}

// materialise is an inverse needed on its own: A⁻¹ = solve(A, I).
func (g *goGen) materialise(inv goVal) goVal {
	n := g.fresh("n")
	g.pre = append(g.pre, n+", _ := "+method(inv.code, "Dims()"))
	out := g.solveMat(inv, g.identity(n), false)
	out.sym = inv.sym
	return out
}

// identity is the n×n identity matrix, n an int expression.
func (g *goGen) identity(n string) string {
	g.imports["gonum.org/v1/gonum/mat"] = true
	if eye, ok := g.locals["eye:"+n]; ok {
		return eye
	}
	eye := g.fresh("eye")
	g.locals["eye:"+n] = eye
	g.pre = append(g.pre, eye+" := mat.NewDiagDense("+n+", nil)", "for i := range "+n+" {\n\t"+eye+".SetDiag(i, 1)\n}")
	return eye
}

// matmul folds a product of vectors and matrices from the left.
func (g *goGen) matmul(fs []expr.Expr) (goVal, error) {
	g.imports["gonum.org/v1/gonum/mat"] = true
	acc, err := g.expr(fs[0])
	if err != nil {
		return goVal{}, err
	}
	for _, f := range fs[1:] {
		b, err := g.expr(f)
		if err != nil {
			return goVal{}, err
		}
		if acc, err = g.times(acc, b); err != nil {
			return goVal{}, err
		}
	}
	if acc.kind == kInv {
		acc = g.materialise(acc)
	}
	return acc, nil
}

func (g *goGen) times(a, b goVal) (goVal, error) {
	switch {
	case a.kind == kRow && b.kind == kVec:
		return goVal{code: "mat.Dot(" + g.dense(a) + ", " + g.dense(b) + ")", kind: kScalar, prec: bindAtom}, nil
	case a.kind == kRow && b.kind == kMat:
		t := g.fresh("r")
		g.pre = append(g.pre, "var "+t+" mat.VecDense", t+".MulVec("+method(b.code, "T()")+", "+g.dense(a)+")")
		return goVal{code: "&" + t, kind: kRow, prec: bindAtom, dense: true}, nil
	case a.kind == kRow && b.kind == kInv:
		v := g.solveVec(b, g.dense(a), true)
		v.kind = kRow
		return v, nil
	case a.kind == kMat && b.kind == kVec:
		t := g.fresh("r")
		g.pre = append(g.pre, "var "+t+" mat.VecDense", t+".MulVec("+a.code+", "+g.dense(b)+")")
		return goVal{code: "&" + t, kind: kVec, prec: bindAtom, dense: true}, nil
	case a.kind == kMat && b.kind == kMat:
		t := g.fresh("m")
		g.pre = append(g.pre, "var "+t+" mat.Dense", t+".Mul("+a.code+", "+b.code+")")
		return goVal{code: "&" + t, kind: kMat, prec: bindAtom}, nil
	case a.kind == kMat && b.kind == kInv:
		// A·B⁻¹ = (B⁻ᵀ·Aᵀ)ᵀ
		s := g.solveMat(b, method(a.code, "T()"), true)
		return goVal{code: method(s.code, "T()"), kind: kMat, prec: bindAtom}, nil
	case a.kind == kInv && b.kind == kVec:
		return g.solveVec(a, g.dense(b), false), nil
	case a.kind == kInv && b.kind == kMat:
		return g.solveMat(a, b.code, false), nil
	case a.kind == kInv && b.kind == kInv:
		t := g.fresh("m")
		g.pre = append(g.pre, "var "+t+" mat.Dense", t+".Mul("+b.code+", "+a.code+")")
		return goVal{code: "&" + t, kind: kInv, prec: bindAtom}, nil
	case a.kind == kVec && b.kind == kRow:
		t := g.fresh("m")
		g.pre = append(g.pre, "var "+t+" mat.Dense", t+".Outer(1, "+g.dense(a)+", "+g.dense(b)+")")
		return goVal{code: "&" + t, kind: kMat, prec: bindAtom}, nil
	case rank(a.kind) == 0 && rank(b.kind) == 0:
		return goVal{code: gwrap(a, bindProd) + " * " + gwrap(b, bindUnary), kind: kScalar, prec: bindProd}, nil
	case rank(a.kind) == 0 && b.kind == kMat:
		t := g.fresh("m")
		g.pre = append(g.pre, "var "+t+" mat.Dense", t+".Scale("+a.code+", "+b.code+")")
		return goVal{code: "&" + t, kind: kMat, prec: bindAtom}, nil
	case rank(a.kind) == 0 && (b.kind == kVec || b.kind == kRow):
		t := g.fresh("r")
		g.pre = append(g.pre, "var "+t+" mat.VecDense", t+".ScaleVec("+a.code+", "+g.dense(b)+")")
		return goVal{code: "&" + t, kind: b.kind, prec: bindAtom, dense: true}, nil
	case rank(b.kind) == 0:
		return g.times(b, a)
	}
	return goVal{}, noCounterpart("a product of these shapes")
}
