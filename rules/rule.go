// Package rules holds klderive's identities as data: each rule is a named
// equation written in the expression syntax, with side conditions. Rules
// say what is true; the strategies in package derive decide what to try.
package rules

import (
	"fmt"
	"strings"
	"sync"

	"github.com/klderive/klderive/expr"
)

// Rule is one identity LHS = RHS. A pattern rule rewrites any sub-term
// matching LHS; the symbols of LHS are its pattern variables. A computed
// rule (rare) has a Go function instead, and LHS and RHS only state it.
type Rule struct {
	Name    string // stable, kebab-case; appears in every golden proof
	Title   string // what a reader sees, e.g. "log of a quotient"
	LHS     expr.Expr
	RHS     expr.Expr
	Conds   []Cond
	Example string // a term the rule rewrites, used by its tests
	head    string // the kind of root node LHS matches; "" matches any
	headFn  string // for a call, the function it matches; "" matches any
	compute func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool)
	// The matching form of a pattern rule is built the first time a
	// term of its head's kind meets it, not when the table is built:
	// most runs try a few of the hundreds of rules, and building them
	// all was most of the package's start-up.
	prepOnce sync.Once
	pattern  expr.Expr // LHS with its sums and products ordered for matching
	// rest is the variable r of a rule among the other terms of a sum,
	// lhs + r = rhs + r, and part is rhs without it: the terms r takes
	// keep their places, and rhs takes that of the first term it
	// replaces, so that collecting terms does not reorder a result.
	rest string
	part expr.Expr
	// zero, when set, is a pattern variable that may be absent: the
	// rule also matches its left side with zero = 0 (zeroPattern), so
	// E[|x + c|] covers E[|x|]. A sum never holds a zero term, so the
	// absent term cannot be matched otherwise.
	zero        string
	zeroPattern expr.Expr
}

// Set is a family of rules tried together.
type Set []*Rule

// isConstant reports whether a symbol is one that is never a pattern
// variable.
func isConstant(name string) bool { return name == "pi" || name == "e" || name == "inf" }

// rw builds a pattern rule. Preparing it (see build) panics when the
// right side or a condition uses a variable the left side does not bind:
// such a rule could invent a term. Every rule's test applies it to its
// worked example, which prepares it, so the mistake surfaces in the
// tests of the table that holds it.
func rw(name, title, lhs, rhs string, conds ...Cond) *Rule {
	return rule(name, title, tree(Source{Text: lhs}), tree(Source{Text: rhs}), conds...)
}

// rule builds a pattern rule from parsed sides.
func rule(name, title string, lhs, rhs expr.Expr, conds ...Cond) *Rule {
	r := &Rule{Name: name, Title: title, LHS: lhs, RHS: rhs, Conds: conds}
	r.head, r.headFn = head(r.LHS)
	return r
}

// build makes the matching form of a pattern rule and checks that
// its right side and conditions use only variables its left side binds.
func (r *Rule) build() {
	r.pattern = prepare(r.LHS)
	bound := patternVars(r.LHS)
	if r.zero != "" {
		if !bound[r.zero] {
			panic(fmt.Sprintf("rule %s: %s may be 0, but the left side does not bind it", r.Name, r.zero))
		}
		r.zeroPattern = prepare(expr.Replace(r.LHS, expr.S(r.zero), expr.N(0)))
	}
	r.rest, r.part = restOfSum(r.LHS, r.RHS)
	for _, c := range r.Conds {
		for _, v := range c.binds() {
			bound[v] = true
		}
	}
	for v := range patternVars(r.RHS) {
		if !bound[v] {
			panic(fmt.Sprintf("rule %s: right side uses %s, which the left side does not bind", r.Name, v))
		}
	}
	for _, c := range r.Conds {
		for _, v := range c.uses() {
			if !bound[v] {
				panic(fmt.Sprintf("rule %s: condition uses unbound %s", r.Name, v))
			}
		}
	}
}

// computed builds a rule whose rewriting needs computation. Its left side
// states the kind of term it applies to: a function call, an information
// quantity, or (for a bare variable) any term.
func computed(name, title, lhs, rhs string, f func(expr.Expr, *Context) (expr.Expr, []string, bool)) *Rule {
	r := &Rule{Name: name, Title: title, LHS: tree(Source{Text: lhs}), RHS: tree(Source{Text: rhs}), compute: f}
	switch r.LHS.(type) {
	case *expr.Call:
		r.head = "call"
	case *expr.Info:
		r.head = "info"
	}
	return r
}

// with attaches a worked example.
func (r *Rule) with(example string) *Rule { r.Example = example; return r }

// only restricts a computed rule, whose left side states it loosely, to
// roots of one kind (see head) and, for a call, one function: the engine
// tries every rule at every node, and most nodes are of another kind.
func (r *Rule) only(kind, fn string) *Rule { r.head, r.headFn = kind, fn; return r }

// Computed reports whether the rule is a Go function rather than a pattern.
func (r *Rule) Computed() bool { return r.compute != nil }

// Statement is the rule as an equation in the given style, with its
// conditions.
func (r *Rule) Statement(style expr.Style) string {
	eq := " = "
	s := expr.Format(r.LHS, style) + eq + expr.Format(r.RHS, style)
	if conds := r.Conditions(); conds != "" {
		if style == expr.LaTeX {
			s += `\quad \text{if } ` + conds
		} else {
			s += "   if " + conds
		}
	}
	return s
}

// Conditions lists the side conditions in words.
func (r *Rule) Conditions() string {
	var parts []string
	for _, c := range r.Conds {
		parts = append(parts, c.String())
	}
	if r.zero != "" {
		parts = append(parts, r.zero+" may be 0")
	}
	return strings.Join(parts, ", ")
}

// Apply rewrites e at its root if the rule matches there. It returns the
// new term and the side conditions it discharged.
func (r *Rule) Apply(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	if r.head != "" {
		h, fn := head(e)
		if h != r.head || (r.headFn != "" && fn != r.headFn) {
			return nil, nil, false
		}
	}
	if r.compute != nil {
		return r.compute(e, ctx)
	}
	r.prepOnce.Do(r.build)
	out, because, ok := r.applyPattern(r.pattern, nil, e, ctx)
	if !ok && r.zeroPattern != nil {
		out, because, ok = r.applyPattern(r.zeroPattern, binding(nil).with(r.zero, expr.N(0)), e, ctx)
	}
	return out, because, ok
}

// applyPattern rewrites e if pattern matches it under b and the
// conditions hold.
func (r *Rule) applyPattern(pattern expr.Expr, b binding, e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	if !couldMatch(pattern, e) {
		return nil, nil, false
	}
	a := &attempt{r: r, e: e, ctx: ctx}
	ok := match(pattern, e, b, a.accept)
	return a.out, a.because, ok
}

// attempt is one application of a rule: the matcher's continuation is
// its method, so that trying a rule allocates it alone rather than a
// closure and each variable the closure would write.
type attempt struct {
	r       *Rule
	e       expr.Expr
	ctx     *Context
	out     expr.Expr
	because []string
}

// accept rewrites with the binding b if the rule's conditions hold.
func (a *attempt) accept(b binding) bool {
	b2, why, ok := checkConds(a.r.Conds, b, a.ctx)
	if !ok {
		return false
	}
	if a.r.rest != "" {
		a.out = inPlace(a.e.(*expr.Add).Terms, b2.get(a.r.rest), instantiate(a.r.part, b2))
	} else {
		a.out = instantiate(a.r.RHS, b2)
	}
	a.because = why
	return true
}

// restOfSum finds a rule lhs + r = rhs + r: both sides sums whose last
// term is the same pattern variable r. It returns r and rhs without it.
func restOfSum(lhs, rhs expr.Expr) (string, expr.Expr) {
	l, ok1 := lhs.(*expr.Add)
	r, ok2 := rhs.(*expr.Add)
	if !ok1 || !ok2 {
		return "", nil
	}
	last, ok := l.Terms[len(l.Terms)-1].(*expr.Sym)
	if !ok || !isVar(last) || !expr.Equal(last, r.Terms[len(r.Terms)-1]) {
		return "", nil
	}
	return last.Name, expr.Sum(r.Terms[:len(r.Terms)-1]...)
}

// inPlace rebuilds the sum of terms with the terms of rest where they
// stood and part in place of the first term that rest does not take.
func inPlace(terms []expr.Expr, rest, part expr.Expr) expr.Expr {
	kept := []expr.Expr{rest}
	if a, ok := rest.(*expr.Add); ok {
		kept = a.Terms
	}
	// The matcher takes rest's terms from the sum in order, so walking
	// both in step finds the first term that was replaced.
	before := 0
	for _, t := range terms {
		if before == len(kept) || !expr.Equal(t, kept[before]) {
			break
		}
		before++
	}
	out := append([]expr.Expr(nil), kept[:before]...)
	out = append(out, part)
	return expr.Sum(append(out, kept[before:]...)...)
}

// patternVars lists the symbol names of a pattern, including binder
// names: in E(x ~ p, f) both x and p are variables.
func patternVars(e expr.Expr) map[string]bool {
	vars := map[string]bool{}
	expr.Any(e, func(n expr.Expr) bool {
		switch n := n.(type) {
		case *expr.Sym:
			if !isConstant(n.Name) {
				vars[n.Name] = true
			}
		case *expr.Expect:
			vars[n.Dist] = true
		case *expr.Big:
			vars[n.Index] = true
		case *expr.Info:
			vars[n.P] = true
			if n.Q != "" {
				vars[n.Q] = true
			}
		}
		return false
	})
	return vars
}

// head names the kind of a root node, so that a rule is tried only on
// terms of the kind its left side can match: log(...) rules on log calls,
// expectation rules on expectations.
func head(e expr.Expr) (kind, fn string) {
	switch e := e.(type) {
	case *expr.Call:
		return "call", e.Fn
	case *expr.Expect:
		return "E", ""
	case *expr.Big:
		return e.Op, ""
	case *expr.Add:
		return "+", ""
	case *expr.Mul:
		return "*", ""
	case *expr.Pow:
		return "^", ""
	case *expr.Info:
		return "info", ""
	}
	return "atom", ""
}

// Rewrite builds a pattern rule from its two sides in the input syntax,
// for the rules a density family holds in its own file.
func Rewrite(name, title, lhs, rhs string, conds ...Cond) *Rule {
	return rw(name, title, lhs, rhs, conds...)
}

// MatrixRewrite is Rewrite for sides with matrix products and
// transposes.
func MatrixRewrite(name, title, lhs, rhs string, conds ...Cond) *Rule {
	return mrw(name, title, lhs, rhs, conds...)
}

// Compute builds a rule whose right side is computed by f; lhs and rhs
// state it for the reader.
func Compute(name, title, lhs, rhs string, f func(expr.Expr, *Context) (expr.Expr, []string, bool)) *Rule {
	return computed(name, title, lhs, rhs, f)
}

// With sets the worked example a rule's tests rewrite.
func (r *Rule) With(example string) *Rule { return r.with(example) }

// OrZero lets the pattern variable v of a sum in the left side be
// absent, as the term 0: the rule for E[|x + c|] then takes E[|x|] too.
// The conditions see v = 0.
func (r *Rule) OrZero(v string) *Rule { r.zero = v; return r }

// Zero is the pattern variable that may be absent, or "".
func (r *Rule) Zero() string { return r.zero }
