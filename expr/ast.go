// Package expr holds klderive's expression language: the tree, its
// constructors, the parsers for .kl files and LaTeX, the printers and an
// independent numeric evaluator. It knows nothing of rules or derivations.
package expr

import "math/big"

// Expr is a node of an expression tree. Trees are immutable: every
// transformation builds new nodes and shares unchanged sub-trees.
type Expr interface{ node() }

// Num is an exact rational constant; 1/2 stays 1/2.
type Num struct{ Val *big.Rat }

// Sym is a named scalar, vector or matrix. pi and e are symbols too; the
// evaluator knows their values.
type Sym struct{ Name string }

// Add is an n-ary sum. Subtraction is a term multiplied by -1.
type Add struct{ Terms []Expr }

// Mul is an n-ary commutative product of scalars. A numeric coefficient,
// if any, is the first factor. Division is a factor raised to -1.
type Mul struct{ Factors []Expr }

// Pow is Base^Exp.
type Pow struct{ Base, Exp Expr }

// Call applies a named function: log, exp, sqrt, abs, a density family
// such as Normal(x; mu, v), a declared density such as p(x), or a matrix
// function such as tr or det.
type Call struct {
	Fn   string
	Args []Expr
}

// Index is Base[Sub], a coordinate of a vector such as mu[d].
type Index struct{ Base, Sub Expr }

// Expect is E(Var ~ Dist, Body): the expectation of Body when Var is drawn
// from the density named Dist.
type Expect struct {
	Var  Expr
	Dist string
	Body Expr
}

// Integral is int(Var, Body): the integral of Body over the whole real
// line (or R^k for a vector Var) with respect to Var; or, with limits,
// int(x in Lo..Hi, Body) over an interval or a half-line (a limit may be
// inf or -inf). Lo and Hi are both nil or both set.
type Integral struct {
	Var    Expr
	Lo, Hi Expr
	Body   Expr
}

// Bounded reports whether the integral has limits.
func (in *Integral) Bounded() bool { return in.Lo != nil }

// Big is a sum or product over an integer index: sum(d in 1..D, Body).
type Big struct {
	Op     string // "sum" or "prod"
	Index  string
	Lo, Hi Expr
	Body   Expr
}

// Info is an information quantity of named densities: KL(P || Q),
// H(P) (entropy, Q empty), H(P, Q) (cross-entropy), or I(P), the
// self-information -log P(x) of a value x of P's variable (a function of
// that variable, which an expectation binds: E(x ~ p, I(q))).
type Info struct {
	Kind string // "KL", "H" or "I"
	P, Q string
}

// Rel is a comparison used by assumptions, s > 0, or an equation stating
// a given, p(x) = Normal(x; m, s^2).
type Rel struct {
	Op   string // ">", ">=", "<", "<=", "!=", "="
	L, R Expr
}

// Cases is a piecewise expression: the value of the first case whose
// conditions all hold, or Else where none does. A condition is a
// comparison of parameters, a2 <= a1; a case may need several at once.
type Cases struct {
	Cases []Case
	Else  Expr
}

// Case is one value of a piecewise expression and the conditions, all
// of which must hold, under which it is taken.
type Case struct {
	When []*Rel
	Then Expr
}

// MatMul is a non-commutative product of matrices and vectors.
type MatMul struct{ Factors []Expr }

// Transpose is X'.
type Transpose struct{ X Expr }

// Matrix is a literal vector ([1, 2], one row) or matrix ([[1, 0], [0, 1]]).
type Matrix struct {
	Rows   [][]Expr
	Vector bool
}

func (*Num) node()      {}
func (*Sym) node()      {}
func (*Add) node()      {}
func (*Mul) node()      {}
func (*Pow) node()      {}
func (*Call) node()     {}
func (*Index) node()    {}
func (*Expect) node()   {}
func (*Integral) node() {}
func (*Big) node()      {}
func (*Info) node()     {}

// SelfInformation reads a call I(p) of a density p as its
// self-information. The .kl syntax spells it as the identity I(k) of a
// dimension k, so the parser keeps the call; where the densities are
// known it is told apart. The printers write the self-information I(p)
// (\mathbb{I}(p) in LaTeX), which reads back as this call.
func SelfInformation(e Expr, dens map[string]*Density) (*Info, bool) {
	c, ok := e.(*Call)
	if !ok || c.Fn != "I" || len(c.Args) != 1 {
		return nil, false
	}
	s, ok := c.Args[0].(*Sym)
	if !ok || dens[s.Name] == nil {
		return nil, false
	}
	return &Info{Kind: "I", P: s.Name}, true
}
func (*Rel) node()       {}
func (*Cases) node()     {}
func (*MatMul) node()    {}
func (*Transpose) node() {}
func (*Matrix) node()    {}
