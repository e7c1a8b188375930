package check

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// notation is a symbol the document defines in terms of the context for
// what follows, as in "with $\Sigma = \text{diag}(\sigma_1^2, \ldots,
// \sigma_n^2)$": from there on the symbol stands for its definition,
// as far as a special case stated there would reach (scopeSpecials):
// "In the special case $a = 2$" is a notation of an unknown a, and
// beyond its scope a is unknown again.
type notation struct {
	pos  expr.Pos
	name string
	x    expr.Expr // resolved, in the context's symbols only
	end  expr.Pos  // where it stops applying; the zero Pos is the end of the document
}

// notationOf reads a stated condition as a notation: a symbol the
// context does not know on the left, and on the right an expression in
// symbols it knows.
func (c *context) notationOf(left, right *latex.ChainPart) (notation, bool) {
	if right.Op != "=" || left.X == nil || right.X == nil {
		return notation{}, false
	}
	s, ok := left.X.(*expr.Sym)
	if !ok || c.params[s.Name] || c.vars()[s.Name] {
		return notation{}, false
	}
	if _, isDensity := c.density(s.Name); isDensity {
		return notation{}, false
	}
	rs := &resolver{c: c}
	x := rs.resolve(right.X, "")
	if rs.err != nil || expr.Uses(x, s.Name) {
		return notation{}, false
	}
	if _, unknown := freeSymbols(c, x, x); len(unknown) > 0 {
		return notation{}, false
	}
	return notation{pos: right.Pos, name: s.Name, x: x}, true
}

// spell replaces in x the notations in scope at pos.
func (c *context) spell(x expr.Expr, pos expr.Pos) expr.Expr {
	for i := len(c.notations) - 1; i >= 0; i-- {
		if n := c.notations[i]; before(n.pos, pos) && within(pos, n.end) {
			x = expr.Replace(x, expr.S(n.name), n.x)
		}
	}
	return x
}
