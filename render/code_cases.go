package render

import (
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// A piecewise result in code: Go has no conditional expression, so the
// cases become a switch that sets a local before the return; NumPy and
// PyTorch choose elementwise with where, so that a batch of points
// takes each its own case. Both sides of a where are computed: the value
// of a case outside its conditions (a logarithm of a negative number)
// is computed and thrown away.

var goRel = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{"<": "<", "<=": "<=", ">": ">", ">=": ">=", "!=": "!=", "=": "=="}
}}

// cases translates a piecewise expression into Go.
func (g *goGen) cases(cs *expr.Cases) (goVal, error) {
	var b strings.Builder
	name := g.fresh("piece")
	b.WriteString("var " + name + " float64\nswitch {\n")
	for _, c := range cs.Cases {
		var conds []string
		for _, r := range c.When {
			l, err := g.expr(r.L)
			if err != nil {
				return goVal{}, err
			}
			rv, err := g.expr(r.R)
			if err != nil {
				return goVal{}, err
			}
			conds = append(conds, l.code+" "+goRel.Get()[r.Op]+" "+rv.code)
		}
		v, err := g.scalar(c.Then)
		if err != nil {
			return goVal{}, err
		}
		b.WriteString("case " + strings.Join(conds, " && ") + ":\n\t" + name + " = " + v + "\n")
	}
	v, err := g.scalar(cs.Else)
	if err != nil {
		return goVal{}, err
	}
	b.WriteString("default:\n\t" + name + " = " + v + "\n}")
	g.pre = append(g.pre, b.String())
	return goVal{code: name, kind: kScalar, prec: bindAtom}, nil
}

// scalar is the code of a number-valued expression.
func (g *goGen) scalar(e expr.Expr) (string, error) {
	v, err := g.expr(e)
	if err != nil {
		return "", err
	}
	if v.kind != kConst && v.kind != kScalar {
		return "", noCounterpart("a case of %s is not a number", expr.String(e))
	}
	return v.code, nil
}

// cases translates a piecewise expression into a where of NumPy or
// PyTorch, nested for more than one case.
func (g *pyGen) cases(cs *expr.Cases) (pyVal, error) {
	out, err := g.expr(cs.Else)
	if err != nil {
		return pyVal{}, err
	}
	for i := len(cs.Cases) - 1; i >= 0; i-- {
		c := cs.Cases[i]
		var conds []string
		for _, r := range c.When {
			l, err := g.expr(r.L)
			if err != nil {
				return pyVal{}, err
			}
			rv, err := g.expr(r.R)
			if err != nil {
				return pyVal{}, err
			}
			conds = append(conds, "("+l.code+" "+goRel.Get()[r.Op]+" "+rv.code+")")
		}
		v, err := g.expr(c.Then)
		if err != nil {
			return pyVal{}, err
		}
		for _, x := range []pyVal{v, out} {
			if x.kind != kConst && x.kind != kScalar {
				return pyVal{}, noCounterpart("a case of %s is not a number", expr.String(cs))
			}
		}
		out = pyVal{code: g.fn("where") + "(" + strings.Join(conds, " & ") + ", " + v.code + ", " + out.code + ")", kind: kScalar, prec: bindAtom}
	}
	return out, nil
}
