package latex

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"strings"
	"unicode"
)

// This file holds the matrix notation of the LaTeX reader: transposes,
// |x| (the determinant of a matrix name such as |\Sigma|, else the
// absolute value) and matrix environments such as pmatrix.

var texTransposes = once.Value[map[string]bool]{New: func() map[string]bool {
	return setOf("T", `\top`, `\intercal`, `\mathrmT`, `\mathsfT`, `\textT`, `\rmT`)
}}

// transposeScript consumes ^T, ^\top, ^{T} or ^{\mathrm{T}} after the ^.
func (p *texParser) transposeScript() bool {
	text, end := p.scriptText(p.i)
	if texTransposes.Get()[text] {
		p.i = end
		return true
	}
	return false
}

// bars parses |x|: the determinant when x is a matrix name (capital
// Latin or Greek: |\Sigma_q|), else the absolute value.
func (p *texParser) bars() (expr.Expr, error) {
	open := p.next()
	x, err := p.inside(func() (expr.Expr, error) {
		p.abs = 1
		return p.sum()
	})
	if err != nil {
		return nil, err
	}
	if t := p.peek(); !t.is("|") {
		return nil, p.fail(t, "expected | to close the | at %d:%d but found %s", open.line, open.col, texDescribe(t))
	}
	p.next()
	if texMatrixName(x) {
		return expr.Fn("det", x), nil
	}
	return expr.Fn("abs", x), nil
}

func texMatrixName(x expr.Expr) bool {
	if ix, ok := x.(*expr.Index); ok {
		x = ix.Base
	}
	s, ok := x.(*expr.Sym)
	if !ok {
		return false
	}
	base, _ := expr.SplitName(s.Name)
	if g := expr.GreekLetter(base); g != "" {
		return unicode.IsUpper([]rune(g)[0])
	}
	return len(base) == 1 && base[0] >= 'A' && base[0] <= 'Z'
}

var texMatrixEnvs = once.Value[map[string]bool]{New: func() map[string]bool {
	return setOf("pmatrix", "bmatrix", "matrix", "Bmatrix", "smallmatrix")
}}

// matrix parses \begin{pmatrix} a & b \\ c & d \end{pmatrix}; one row is a
// vector.
func (p *texParser) matrix() (expr.Expr, error) {
	t := p.next()
	raw, err := p.rawArg(t)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(raw)
	if name == "cases" {
		return p.cases(t)
	}
	if !texMatrixEnvs.Get()[name] {
		return nil, p.fail(t, "unsupported environment %s", name)
	}
	rows := [][]expr.Expr{nil}
	for !p.peek().is(`\end`) {
		x, err := p.inside(p.sum)
		if err != nil {
			return nil, err
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], x)
		switch u := p.peek(); {
		case u.is("&"):
			p.next()
		case u.is(`\\`):
			p.next()
			rows = append(rows, nil)
		case !u.is(`\end`):
			return nil, p.fail(u, "expected &, \\\\ or \\end{%s} but found %s", name, texDescribe(u))
		}
	}
	e := p.next()
	if _, err := p.rawArg(e); err != nil {
		return nil, err
	}
	if len(rows) > 1 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	if len(rows[0]) == 0 {
		return nil, p.fail(t, "empty matrix")
	}
	for _, r := range rows {
		if len(r) != len(rows[0]) {
			return nil, p.fail(t, "matrix rows have different lengths (%d and %d)", len(rows[0]), len(r))
		}
	}
	return &expr.Matrix{Rows: rows, Vector: len(rows) == 1}, nil
}
