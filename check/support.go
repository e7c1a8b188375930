package check

import (
	"math"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// A density written as a formula holds on the support stated beside
// it: "$p(x) = \lambda e^{-\lambda x}$ for $x \ge 0$", "p(x) = \frac{1}{b
// - a}, \quad a \le x \le b", "\quad \text{if } x \in [0, 1]", a cases
// environment whose other value is 0, or the indicator
// \mathbb{1}[x \ge 0] as a factor. Outside its support the density is
// zero, so the formula is read as the piecewise cases(formula if x >= 0;
// 0 otherwise), which the evaluator integrates over the support alone.
// Over the real line λe^(−λx) is no density at all, and every integral
// of it would diverge.

// maxSupportGap bounds the words between a formula and the math that
// states its support: "for", "for all", ", where".
const maxSupportGap = 24

// supportWords may stand between a formula and its support.
var supportWords = lazy(`^[\s,;:]*(?:(?:for|if|when|whenever|on|all|where|with|and|\\q?quad|\\text\s*\{[^{}]*\})[\s,;:]*)*$`)

// formulaDefinitions reads the densities the document writes as formulas
// on a stated support: the first link of a chain name(v) = formula in v,
// where the formula is no family, and its support is the formula's own
// cases or the math right after it. That math is then a hypothesis,
// its relations conditions on the variable rather than claims.
func formulaDefinitions(s *Source) []definition {
	var defs []definition
	seen := map[string]bool{}
	for i, b := range s.Math {
		if b.Unclosed || !mayDefineFunction(b.Src) || !mayStateSupport(b.Src) && !s.supportNext(i) {
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
		if !ok || v == "" || seen[name] {
			continue
		}
		formula, when, ok := casesSupport(right.X, v)
		if !ok {
			formula = right.X
			if when, ok = s.supportAfter(i, v); !ok {
				continue
			}
			// The support is a condition on the variable, not a claim:
			// 0 < x < 1 is read as two conditions.
			s.Math[i+1].Hypothesis, s.Math[i+1].Support = true, true
		}
		seen[name] = true
		body := &expr.Cases{Cases: []expr.Case{{When: when, Then: formula}}, Else: expr.N(0)}
		defs = append(defs, definition{name: name, line: left.Pos.Line, src: strings.TrimSpace(left.Src) + " = " + clip(right.Src),
			d: &expr.Density{Name: name, Var: expr.S(v), Body: body, Pos: left.Pos}})
	}
	return defs
}

// casesSupport reads a cases environment that is one formula on a
// support and 0 elsewhere, or a formula times the indicator of a support
// (λe^{−λx}\mathbb{1}[x \ge 0]): the formula and the support's bounds.
func casesSupport(x expr.Expr, v string) (expr.Expr, []*expr.Rel, bool) {
	if m, ok := x.(*expr.Mul); ok {
		for i, f := range m.Factors {
			if one, when, ok := casesSupport(f, v); ok && expr.IsInt(one, 1) {
				rest := append(append([]expr.Expr{}, m.Factors[:i]...), m.Factors[i+1:]...)
				return expr.Prod(rest...), when, true
			}
		}
		return nil, nil, false
	}
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
	for _, r := range rels {
		if _, _, ok := expr.VariableBound(r, v); !ok {
			return false
		}
	}
	return len(rels) > 0
}

// mayStateSupport reports, without reading the math, whether a formula
// may carry its support itself: a cases environment or an indicator.
func mayStateSupport(src string) bool {
	return strings.Contains(src, `\begin{cases}`) || strings.Contains(src, `\mathbb`)
}

// supportNext reports, without reading the math, whether the math after
// block i may state a support: it follows with a few words between and
// holds an order relation.
func (s *Source) supportNext(i int) bool {
	if i+1 >= len(s.Math) {
		return false
	}
	b, next := s.Math[i], s.Math[i+1]
	if next.Remark && next.start >= b.start && next.start <= b.end {
		return true
	}
	return next.start >= b.end && next.start-b.end <= maxSupportGap && (mayState.MatchString(next.Src) || strings.Contains(next.Src, `\in`))
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

// normalisedAt keeps the points at which every density the document
// writes as a formula on a support integrates to 1 over it: elsewhere
// the formula is no density (a rate below 0), and no claim the document
// makes of it applies. A density that integrates to 1 at none of the
// points (its normaliser left out) keeps none from the others: it is
// returned, and the links that use it are not checked.
func (c *context) normalisedAt(envs []*expr.Env) ([]*expr.Env, []string) {
	var names []string
	var totals []expr.Expr
	for _, name := range sortedNames(keysOf(c.dens)) {
		d := c.dens[name]
		v, ok := d.Var.(*expr.Sym)
		if !ok {
			continue
		}
		if _, when, ok := casesSupport(d.Body, v.Name); ok {
			lo, hi := supportEnds(when, v.Name)
			names = append(names, name)
			totals = append(totals, &expr.Integral{Var: v, Lo: lo, Hi: hi, Body: expr.Fn(name, v)})
		}
	}
	if len(totals) == 0 {
		return envs, nil
	}
	ok := make([][]bool, len(envs)) // by point, then density
	some := make([]bool, len(totals))
	for i, env := range envs {
		ok[i] = make([]bool, len(totals))
		for j, total := range totals {
			got, err := expr.EvalErr(total, env)
			ok[i][j] = err == nil && math.Abs(got.V-1) <= tolerance+got.Err
			some[j] = some[j] || ok[i][j]
		}
	}
	kept := envs[:0:0]
	for i, env := range envs {
		all := true
		for j := range totals {
			all = all && (ok[i][j] || !some[j])
		}
		if all {
			kept = append(kept, env)
		}
	}
	var none []string
	for j, name := range names {
		if !some[j] {
			none = append(none, name)
		}
	}
	return kept, none
}

// supportEnds are the ends of the support the bounds state, -inf and
// inf where none is stated, the largest of several lower bounds and the
// smallest of several upper ones.
func supportEnds(when []*expr.Rel, v string) (lo, hi expr.Expr) {
	var los, his []expr.Expr
	for _, r := range when {
		bound, below, _ := expr.VariableBound(r, v)
		if below {
			los = append(los, bound)
		} else {
			his = append(his, bound)
		}
	}
	join := func(xs []expr.Expr, fn string, none expr.Expr) expr.Expr {
		if len(xs) == 0 {
			return none
		}
		out := xs[0]
		for _, x := range xs[1:] {
			out = expr.Fn(fn, out, x)
		}
		return out
	}
	return join(los, "max", expr.Neg(expr.S("inf"))), join(his, "min", expr.S("inf"))
}

// keysOf is the set of a map's keys.
func keysOf[V any](m map[string]V) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}

// overSupport reports whether the limits lo and hi of an integral are
// the ends of the density's support as written: 0 and 1 for a Beta, a
// and b for a Uniform(a, b) or a formula on a ≤ x ≤ b, 0 and ∞ for a
// Gamma.
func overSupport(d *expr.Density, lo, hi expr.Expr) bool {
	v, ok := d.Var.(*expr.Sym)
	if !ok || !boundedSupport(d) {
		return false
	}
	var l, h expr.Expr
	if c, f := expr.FamilyCall(d.Body); f != nil {
		l, h = f.EndsOf(c)
	} else {
		_, when, _ := casesSupport(d.Body, v.Name)
		l, h = supportEnds(when, v.Name)
	}
	same := func(end, limit expr.Expr, inf expr.Expr) bool {
		if end == nil || infinite(end) {
			return expr.Equal(limit, inf)
		}
		return expr.Equal(end, limit)
	}
	return same(l, lo, expr.Neg(expr.S("inf"))) && same(h, hi, expr.S("inf"))
}

// normalisedNowhere lists the densities written as formulas on a support
// that integrate to 1 at none of the context's points.
func (c *context) normalisedNowhere(seed uint64) []string {
	for _, d := range c.dens {
		if v, ok := d.Var.(*expr.Sym); ok {
			if _, _, ok := casesSupport(d.Body, v.Name); ok {
				_, none := c.normalisedAt(c.prob.SamplePoints(candidates, seed))
				return none
			}
		}
	}
	return nil
}
