package render

import "github.com/klderive/klderive/expr"

// Matrix algebra in NumPy and PyTorch: values are stacks (..., k, k) and
// (..., k); an inverse is carried as a kInv value until it meets what it
// applies to, and then becomes a solve.

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
	return wrap(v, bindAtom) + ".transpose(-1, -2)"
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
	eye := g.fn("eye") + "(" + wrap(inv, bindAtom) + ".shape[-1]"
	if g.d.name == "torch" {
		eye += ", dtype=" + wrap(inv, bindAtom) + ".dtype"
	}
	return pyVal{code: g.solve(inv, eye+")"), kind: kMat, prec: bindAtom, sym: inv.sym}
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
	if (v.kind == kVec || v.kind == kRow) && v.prec < bindAtom {
		v.code, v.prec = g.local("delta", v.code), bindAtom
	}
	return v
}

func (g *pyGen) times(a, b pyVal) (pyVal, error) {
	A, B := wrap(a, bindAtom), wrap(b, bindAtom)
	switch {
	case a.kind == kRow && b.kind == kVec:
		return pyVal{code: g.fn("sum") + "(" + wrap(a, bindProd) + " * " + wrap(b, bindProd) + ", " + g.d.axis + "=-1)", kind: kScalar, prec: bindAtom}, nil
	case a.kind == kRow && b.kind == kMat:
		return pyVal{code: "(" + A + "[..., None, :] @ " + B + ")[..., 0, :]", kind: kRow, prec: bindAtom}, nil
	case a.kind == kRow && b.kind == kInv:
		inv := b
		if !b.sym {
			inv = pyVal{code: g.swap(b), kind: kInv, prec: bindAtom}
		}
		return pyVal{code: g.solve(inv, A+"[..., None]") + "[..., 0]", kind: kRow, prec: bindAtom}, nil
	case a.kind == kMat && b.kind == kVec:
		return pyVal{code: "(" + A + " @ " + B + "[..., None])[..., 0]", kind: kVec, prec: bindAtom}, nil
	case a.kind == kMat && b.kind == kMat:
		return pyVal{code: wrap(a, bindProd) + " @ " + wrap(b, bindPow), kind: kMat, prec: bindProd}, nil
	case a.kind == kMat && b.kind == kInv:
		// A·B⁻¹ = (B⁻ᵀ·Aᵀ)ᵀ
		inv := b
		if !b.sym {
			inv = pyVal{code: g.swap(b), kind: kInv, prec: bindAtom}
		}
		at := pyVal{code: g.swap(a), kind: kMat, prec: bindAtom}
		return pyVal{code: g.swap(pyVal{code: g.solve(inv, at.code), prec: bindAtom}), kind: kMat, prec: bindAtom}, nil
	case a.kind == kInv && b.kind == kVec:
		return pyVal{code: g.solve(a, B+"[..., None]") + "[..., 0]", kind: kVec, prec: bindAtom}, nil
	case a.kind == kInv && b.kind == kMat:
		return pyVal{code: g.solve(a, b.code), kind: kMat, prec: bindAtom}, nil
	case a.kind == kInv && b.kind == kInv:
		// A⁻¹·B⁻¹ = (B·A)⁻¹
		return pyVal{code: wrap(b, bindProd) + " @ " + wrap(a, bindPow), kind: kInv, prec: bindProd}, nil
	case a.kind == kVec && b.kind == kRow:
		return pyVal{code: A + "[..., :, None] * " + B + "[..., None, :]", kind: kMat, prec: bindProd}, nil
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
	return pyVal{code: wrap(a, bindProd) + " * " + wrap(b, bindUnary), kind: k, prec: bindProd}, nil
}
