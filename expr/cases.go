package expr

import (
	"fmt"
	"strings"
)

// A piecewise expression, cases(f if a2 <= a1 and b1 <= b2; g otherwise):
// its tree walk, evaluation, printing and parsing. A result whose
// finiteness depends on the parameters, a KL divergence of two uniform
// densities, is one: a formula where p's support lies inside q's, +∞
// elsewhere.

// children lists the conditions and value of each case in turn, then the
// value otherwise.
func (cs *Cases) children() []Expr {
	var out []Expr
	for _, c := range cs.Cases {
		for _, r := range c.When {
			out = append(out, r)
		}
		out = append(out, c.Then)
	}
	return append(out, cs.Else)
}

// withChildren rebuilds the cases from children in the order children
// gives them. A condition replaced by something other than a comparison
// keeps its old form: a condition is always one.
func (cs *Cases) withChildren(kids []Expr) *Cases {
	out := &Cases{Cases: make([]Case, len(cs.Cases))}
	k := 0
	for i, c := range cs.Cases {
		when := make([]*Rel, len(c.When))
		for j, r := range c.When {
			when[j] = r
			if nr, ok := kids[k].(*Rel); ok {
				when[j] = nr
			}
			k++
		}
		out.Cases[i] = Case{When: when, Then: kids[k]}
		k++
	}
	out.Else = kids[k]
	return out
}

func (cs *Cases) numChildren() int {
	n := 1
	for _, c := range cs.Cases {
		n += len(c.When) + 1
	}
	return n
}

func equalCases(a, b *Cases) bool {
	if len(a.Cases) != len(b.Cases) {
		return false
	}
	for i := range a.Cases {
		if len(a.Cases[i].When) != len(b.Cases[i].When) {
			return false
		}
	}
	return equalAll(a.children(), b.children())
}

// Holds decides a comparison at a point. A comparison whose sides are
// nearer than their error estimates, and not exactly equal, cannot be
// decided: the evaluator says so rather than pick a case.
func (ev evaluator) holds(r *Rel) (bool, error) {
	l, err := ev.eval(r.L)
	if err != nil {
		return false, err
	}
	rv, err := ev.eval(r.R)
	if err != nil {
		return false, err
	}
	return decide(r, l, rv)
}

// decide compares two values as r says, or reports that their error
// estimates leave it open.
func decide(r *Rel, l, rv Value) (bool, error) {
	if l.V != rv.V && !(absf(l.V-rv.V) > l.Err+rv.Err) || l.V != l.V || rv.V != rv.V {
		return false, fmt.Errorf("the condition %s cannot be decided at this point (%.6g ± %.2g against %.6g ± %.2g)", String(r), l.V, l.Err, rv.V, rv.Err)
	}
	switch r.Op {
	case "<":
		return l.V < rv.V, nil
	case "<=":
		return l.V <= rv.V, nil
	case ">":
		return l.V > rv.V, nil
	case ">=":
		return l.V >= rv.V, nil
	case "!=":
		return l.V != rv.V, nil
	}
	return l.V == rv.V, nil
}

func absf(v float64) float64 {
	if v < 0 {
		return -v
	}
	return v
}

// cases is the value of the first case whose conditions all hold.
func (ev evaluator) cases(cs *Cases) (Value, error) {
	x, err := ev.chosen(cs)
	if err != nil {
		return Value{}, err
	}
	return ev.eval(x)
}

// chosen is the first case whose conditions all hold, or the value
// otherwise, unevaluated.
func (ev evaluator) chosen(cs *Cases) (Expr, error) {
	for _, c := range cs.Cases {
		all := true
		for _, r := range c.When {
			ok, err := ev.holds(r)
			if err != nil {
				return nil, err
			}
			if !ok {
				all = false
				break
			}
		}
		if all {
			return c.Then, nil
		}
	}
	return cs.Else, nil
}

// Taken is the index of the case of cs that holds at env, or
// len(cs.Cases) for the value otherwise.
func Taken(cs *Cases, env *Env) (int, error) {
	ev := evaluator{env: env, cache: newCache()}
	for i, c := range cs.Cases {
		all := true
		for _, r := range c.When {
			ok, err := ev.holds(r)
			if err != nil {
				return 0, err
			}
			all = all && ok
		}
		if all {
			return i, nil
		}
	}
	return len(cs.Cases), nil
}

// printCases writes the cases one after another: in the input syntax
// cases(f if a <= b and c <= d; g otherwise), in Unicode the same
// between braces, and in LaTeX a cases environment with the conditions
// in the second column.
func (p printer) printCases(cs *Cases) string {
	l := p.casesLayout(cs)
	rows := make([]string, len(l.values))
	for i, v := range l.values {
		rows[i] = p.wrapNone(v) + l.condSep + l.conds[i]
	}
	return l.open + strings.Join(rows, l.caseSep) + l.close
}

// casesLayout is how a style sets a piecewise expression: open, then
// each case's value, condSep and its condition (its "if" included, or
// "otherwise" for the last), the cases separated by caseSep, then close.
// printCases joins it on one line; Break hands it to a line breaker,
// which may set each case on lines of its own.
type casesLayout struct {
	values                        []Expr
	conds                         []string
	open, condSep, caseSep, close string
}

func (p printer) casesLayout(cs *Cases) casesLayout {
	conj := func(c Case) string {
		var parts []string
		for i, r := range c.When {
			if i > 0 && p.style != Plain && chains(c.When[i-1], r) {
				// 1 <= a and a <= s as a person writes it, 1 <= a <= s;
				// the .kl syntax has no chains, so plain text keeps the "and".
				shared, _ := p.print(r.L)
				parts[len(parts)-1] += strings.TrimPrefix(p.rel(r), shared)
				continue
			}
			parts = append(parts, p.rel(r))
		}
		if p.style == LaTeX {
			return strings.Join(parts, `\text{ and }`)
		}
		return strings.Join(parts, " and ")
	}
	l := casesLayout{open: "cases(", condSep: " ", caseSep: "; ", close: ")"}
	switch p.style {
	case LaTeX:
		l = casesLayout{open: `\begin{cases}`, condSep: ` & `, caseSep: ` \\ `, close: `\end{cases}`}
	case Unicode:
		l.open, l.close = "{ ", " }"
	}
	for _, c := range cs.Cases {
		l.values = append(l.values, c.Then)
		if p.style == LaTeX {
			l.conds = append(l.conds, `\text{if }`+conj(c))
		} else {
			l.conds = append(l.conds, "if "+conj(c))
		}
	}
	l.values = append(l.values, cs.Else)
	if p.style == LaTeX {
		l.conds = append(l.conds, `\text{otherwise}`)
	} else {
		l.conds = append(l.conds, "otherwise")
	}
	return l
}

// chains reports whether a and b read as one chain a.L op a.R op b.R:
// they share the middle term and go the same way.
func chains(a, b *Rel) bool {
	up := func(op string) bool { return op == "<" || op == "<=" }
	down := func(op string) bool { return op == ">" || op == ">=" }
	same := up(a.Op) && up(b.Op) || down(a.Op) && down(b.Op)
	return same && Equal(a.R, b.L)
}

// cases parses the argument list of cases(...): values each followed by
// "if" and conditions joined by "and", separated by ";", the last value
// followed by "otherwise".
func (c *climber) cases() (Expr, error) {
	out := &Cases{}
	for {
		v, err := c.expr(2)
		if err != nil {
			return nil, err
		}
		t := c.peek()
		switch {
		case t.Type == tokIdent && t.Value == "otherwise":
			c.lex.Next()
			out.Else = v
			if len(out.Cases) == 0 {
				return nil, c.fail(t, "a piecewise expression needs at least one case with a condition before \"otherwise\"")
			}
			return out, nil
		case t.Type == tokIdent && t.Value == "if":
			c.lex.Next()
		default:
			return nil, c.fail(t, "expected \"if\" or \"otherwise\" after a value of cases(...) but found %s", describe(t))
		}
		cs := Case{Then: v}
		for {
			at := c.peek()
			x, err := c.expr(0)
			if err != nil {
				return nil, err
			}
			if t := c.peek(); t.Value == "=" {
				// = is no operator of an expression, where it would
				// read as a definition; a condition may be an equation.
				c.lex.Next()
				rhs, err := c.expr(binary.Get()["<"] + 1)
				if err != nil {
					return nil, err
				}
				if _, isRel := x.(*Rel); isRel {
					return nil, c.fail(t, "comparisons cannot be chained")
				}
				x = c.at(&Rel{Op: "=", L: x, R: rhs}, at)
			}
			r, ok := x.(*Rel)
			if !ok {
				return nil, c.fail(at, "a condition of cases(...) is a comparison with <, <=, >, >=, = or !=, not %s", String(x))
			}
			cs.When = append(cs.When, r)
			if t := c.peek(); t.Type == tokIdent && t.Value == "and" {
				c.lex.Next()
				continue
			}
			break
		}
		out.Cases = append(out.Cases, cs)
		if _, err := c.expect(";"); err != nil {
			return nil, err
		}
	}
}

// cases compiles a piecewise expression in a loop, as evaluator.cases
// computes it: the conditions in order, each decided by decide, then the
// value of the case taken.
func (c *compiler) cases(cs *Cases) code {
	type compiled struct {
		when []*Rel
		l, r []code
		then code
	}
	var cases []compiled
	for _, k := range cs.Cases {
		cc := compiled{when: k.When, then: c.expr(k.Then)}
		for _, r := range k.When {
			cc.l, cc.r = append(cc.l, c.expr(r.L)), append(cc.r, c.expr(r.R))
		}
		cases = append(cases, cc)
	}
	other := c.expr(cs.Else)
	return func(f *frame) (Value, error) {
	next:
		for _, k := range cases {
			for i, r := range k.when {
				l, err := k.l[i](f)
				if err != nil {
					return Value{}, err
				}
				rv, err := k.r[i](f)
				if err != nil {
					return Value{}, err
				}
				ok, err := decide(r, l, rv)
				if err != nil {
					return Value{}, err
				}
				if !ok {
					continue next
				}
			}
			return k.then(f)
		}
		return other(f)
	}
}
