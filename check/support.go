package check

import (
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// A density written as a formula holds on the support stated beside
// it: "$p(x) = \lambda e^{-\lambda x}$ for $x \ge 0$", "p(x) = \frac{1}{b
// - a}, \quad a \le x \le b", "\quad \text{if } x \in [0, 1]", or a cases
// environment whose other value is 0. Outside its support the density is
// zero, so the formula is read as the piecewise
// cases(formula if x >= 0; 0 otherwise), which the evaluator integrates
// over the support alone. Over the real line λe^(−λx) is no density at
// all, and every integral of it would diverge.

// maxSupportGap bounds the words between a formula and the math that
// states its support: "for", "for all", ", where".
const maxSupportGap = 24

// supportWords may stand between a formula and its support.
var supportWords = lazy(`^[\s,;:]*(?:(?:for|if|when|whenever|on|all|where|with|and|\\q?quad|\\text\s*\{[^{}]*\})[\s,;:]*)*$`)

// formulaDefinitions reads the densities the document writes as formulas
// on a stated support: the first link of a chain name(v) = formula in v,
// where the formula is no family, and its support is the formula's own
// cases or the math right after it.
func formulaDefinitions(s *Source) []definition {
	var defs []definition
	seen := map[string]bool{}
	for i, b := range s.Math {
		if b.Unclosed || !mayDefineFunction(b.Src) {
			continue
		}
		parts, err := latex.AppendChain(nil, b.Src, latex.Options{File: s.File, Line: b.Pos.Line, Col: b.Pos.Col, Heads: mayBeDefinition})
		if err != nil || len(parts) < 2 {
			continue
		}
		left, right := parts[0], parts[1]
		if left.Op != "" || left.Err != nil || right.Op != "=" || right.X == nil || isFamily(right.X) {
			continue
		}
		if _, isInfo := left.X.(*expr.Info); isInfo {
			continue
		}
		name, v, ok := defName(left.Src)
		if !ok || v == "" || seen[name] || !expr.Uses(right.X, v) {
			continue
		}
		formula, when, ok := casesSupport(right.X, v)
		if !ok {
			formula = right.X
			if when, ok = s.supportAfter(i, v); !ok {
				continue
			}
		}
		seen[name] = true
		body := &expr.Cases{Cases: []expr.Case{{When: when, Then: formula}}, Else: expr.N(0)}
		defs = append(defs, definition{name: name, line: left.Pos.Line, src: strings.TrimSpace(left.Src) + " = " + clip(right.Src),
			d: &expr.Density{Name: name, Var: expr.S(v), Body: body, Pos: left.Pos}})
	}
	return defs
}

// casesSupport reads a cases environment that is one formula on a
// support and 0 elsewhere: its formula and the support's bounds.
func casesSupport(x expr.Expr, v string) (expr.Expr, []*expr.Rel, bool) {
	cs, ok := x.(*expr.Cases)
	if !ok {
		return nil, nil, false
	}
	var formula expr.Expr
	var when []*expr.Rel
	for _, c := range cs.Cases {
		if expr.IsInt(c.Then, 0) {
			continue
		}
		if formula != nil || !bounds(c.When, v) {
			return nil, nil, false
		}
		formula, when = c.Then, c.When
	}
	if formula == nil || !expr.IsInt(cs.Else, 0) {
		return nil, nil, false
	}
	return formula, when, true
}

// bounds reports whether every relation bounds the variable v by an
// expression free of it: x >= 0, 0 < x, x <= b.
func bounds(rels []*expr.Rel, v string) bool {
	if len(rels) == 0 {
		return false
	}
	for _, r := range rels {
		if r.Op == "=" || r.Op == "!=" {
			return false
		}
		l, lv := r.L.(*expr.Sym)
		rr, rv := r.R.(*expr.Sym)
		switch {
		case lv && l.Name == v && !expr.Uses(r.R, v):
		case rv && rr.Name == v && !expr.Uses(r.L, v):
		default:
			return false
		}
	}
	return true
}

// supportAfter reads the support of the variable v that the math after
// block i states, when only a few words stand between them ("for", ",",
// \quad \text{if}): a remark of the same display, the next piece of
// a display cut at ", \quad", or the next inline math.
func (s *Source) supportAfter(i int, v string) ([]*expr.Rel, bool) {
	if i+1 >= len(s.Math) {
		return nil, false
	}
	b, next := s.Math[i], s.Math[i+1]
	inside := next.Remark && next.start >= b.start && next.start <= b.end
	if !inside {
		if next.start < b.end || next.start-b.end > maxSupportGap || !supportWords.MatchString(s.Text[b.end:next.start]) {
			return nil, false
		}
	}
	return supportOf(next.Src, v)
}

// supportOf reads math that states where the variable v lies: order
// relations of v and bounds free of it (x \ge 0, 0 < x < 1, a \le x
// \le b) or v in an interval (x \in [a, b], x \in (0, \infty)).
func supportOf(src string, v string) ([]*expr.Rel, bool) {
	if rels, ok := intervalSupport(src, v); ok {
		return rels, true
	}
	parts, err := latex.AppendChain(nil, src, latex.Options{})
	if err != nil || len(parts) < 2 {
		return nil, false
	}
	var rels []*expr.Rel
	for i := 1; i < len(parts); i++ {
		l, r := parts[i-1], parts[i]
		op := orderOps[r.Op]
		if op == "" || l.X == nil || r.X == nil {
			return nil, false
		}
		rel := &expr.Rel{Op: op, L: l.X, R: r.X}
		if !bounds([]*expr.Rel{rel}, v) {
			return nil, false
		}
		if !infinite(rel.L) && !infinite(rel.R) {
			rels = append(rels, rel)
		}
	}
	return rels, len(rels) > 0
}

// interval is v \in followed by an interval: [a, b], (0, 1), [0, \infty),
// with or without \left and \right.
var interval = lazy(`^\s*([a-zA-Z])\s*\\in\s*(?:\\left\s*)?([\[(])(.+),(.+?)(?:\\right\s*)?([\])])\s*$`)

// intervalSupport reads v \in [a, b] and its kin as bounds of v.
func intervalSupport(src, v string) ([]*expr.Rel, bool) {
	m := interval.FindStringSubmatch(src)
	if m == nil || m[1] != v {
		return nil, false
	}
	lo, err1 := latex.Parse(m[3], latex.Options{})
	hi, err2 := latex.Parse(m[4], latex.Options{})
	if err1 != nil || err2 != nil || expr.Uses(lo, v) || expr.Uses(hi, v) {
		return nil, false
	}
	var rels []*expr.Rel
	if !infinite(lo) {
		rels = append(rels, &expr.Rel{Op: map[string]string{"[": ">=", "(": ">"}[m[2]], L: expr.S(v), R: lo})
	}
	if !infinite(hi) {
		rels = append(rels, &expr.Rel{Op: map[string]string{"]": "<=", ")": "<"}[m[5]], L: expr.S(v), R: hi})
	}
	return rels, len(rels) > 0
}

// infinite reports whether an end is ±∞ (or any expression of ∞).
func infinite(x expr.Expr) bool {
	return expr.Uses(x, "inf")
}

// boundedSupport reports whether a univariate continuous density is zero
// somewhere on the real line: a family with another support (a Gamma, a
// Beta, a Uniform) or a formula on a stated support.
func boundedSupport(d *expr.Density) bool {
	v, ok := d.Var.(*expr.Sym)
	if !ok {
		return false
	}
	if c, f := expr.FamilyCall(d.Body); f != nil {
		return !f.Multivariate && !f.Support.Discrete && expr.Equal(c.Args[0], v) && (f.Support != expr.RealLine || f.Ends != nil)
	}
	_, _, ok = casesSupport(d.Body, v.Name)
	return ok
}
