package rules

import (
	"strings"

	"github.com/klderive/klderive/expr"
)

// Context is what conditions may consult: the problem's densities and
// what is known to be positive.
type Context struct {
	Densities map[string]*expr.Density
	// Positive holds the symbols assumed > 0, from family parameter
	// domains and from "assume" statements. A vector symbol here is
	// positive in every coordinate.
	Positive map[string]bool
	// PositiveExprs holds compound terms assumed > 0, such as a
	// variance written as a sum.
	PositiveExprs []expr.Expr
	// NonNegativeExprs holds the terms "assume a <= b" makes ≥ 0 (b − a),
	// in normal form. Only the rules that hold with an end included
	// consult them (AboveEnds); every other rule needs strict facts.
	NonNegativeExprs []expr.Expr
	// Counts holds the variables of discrete densities on 0, 1, 2, …:
	// each is ≥ 0, so x + 1 is positive (the Γ(x + 1) of a factorial).
	Counts map[string]bool
	// Types holds the declared shapes of vectors and matrices; a matrix
	// declared spd has a positive determinant.
	Types *expr.Types
	// cancels, when set, remembers which pairs of terms cancel-pair found
	// to add up to zero, and texts the printed family calls of the
	// densities (Memoised).
	cancels map[[2]expr.Expr]bool
	texts   map[*expr.Call]string
}

// text is String(c), remembered in a memoised context: a condition
// that names a density's family prints it each time it holds.
func (ctx *Context) text(c *expr.Call) string {
	if t, ok := ctx.texts[c]; ok {
		return t
	}
	t := expr.String(c)
	if ctx.texts != nil {
		ctx.texts[c] = t
	}
	return t
}

// Memoised is a copy of ctx for one derivation, which its facts no
// longer change during: rules may then remember what they computed from
// them. An exhaustive rewrite visits a sum again after every change
// inside it, and cancel-pair would normalise every pair of its terms
// again, though most of them are the very trees it saw before (the trees
// are never changed in place, so a pair of the same trees is the same
// question).
func (ctx *Context) Memoised() *Context {
	out := *ctx
	out.cancels = map[[2]expr.Expr]bool{}
	out.texts = map[*expr.Call]string{}
	return &out
}

// Cond is a side condition of a rule. It may bind further variables
// (the parameters of a density, say) for the right side to use.
type Cond interface {
	check(b binding, ctx *Context) (binding, string, bool)
	binds() []string
	uses() []string
	String() string
}

func checkConds(conds []Cond, b binding, ctx *Context) (binding, []string, bool) {
	var why []string
	for _, c := range conds {
		var w string
		var ok bool
		b, w, ok = c.check(b, ctx)
		if !ok {
			return nil, nil, false
		}
		if w != "" {
			why = append(why, w)
		}
	}
	return b, why, true
}

// positive: every named term is > 0.
type positive []string

// Positive requires the terms bound to vars to be provably positive.
func Positive(vars ...string) Cond { return positive(vars) }

func (c positive) check(b binding, ctx *Context) (binding, string, bool) {
	var why []string
	for _, v := range c {
		if !ctx.IsPositive(b.get(v)) {
			return nil, "", false
		}
		why = append(why, ctx.assumedIn(b.get(v))...)
	}
	return b, strings.Join(why, "; "), true
}

func (c positive) binds() []string { return nil }
func (c positive) uses() []string  { return c }
func (c positive) String() string  { return strings.Join(c, ", ") + " > 0" }

// nonnegative: every named term is ≥ 0.
type nonnegative []string

// NonNegative requires the terms bound to vars to be provably ≥ 0.
func NonNegative(vars ...string) Cond { return nonnegative(vars) }

func (c nonnegative) check(b binding, ctx *Context) (binding, string, bool) {
	var why []string
	for _, v := range c {
		if !ctx.IsNonnegative(b.get(v)) {
			return nil, "", false
		}
		why = append(why, ctx.assumedIn(b.get(v))...)
	}
	return b, strings.Join(why, "; "), true
}

func (c nonnegative) binds() []string { return nil }
func (c nonnegative) uses() []string  { return c }
func (c nonnegative) String() string  { return strings.Join(c, ", ") + " >= 0" }

// negative: every named term is < 0.
type negative []string

// Negative requires the terms bound to vars to be provably negative:
// their negation positive.
func Negative(vars ...string) Cond { return negative(vars) }

func (c negative) check(b binding, ctx *Context) (binding, string, bool) {
	var why []string
	for _, v := range c {
		n := negation(b.get(v))
		if !ctx.IsPositive(n) {
			return nil, "", false
		}
		why = append(why, ctx.assumedIn(n)...)
	}
	return b, strings.Join(why, "; "), true
}

func (c negative) binds() []string { return nil }
func (c negative) uses() []string  { return c }
func (c negative) String() string  { return strings.Join(c, ", ") + " < 0" }

// below: a term is provably less than one, 1 − v > 0.
type below string

// BelowOne requires the term bound to v to be provably below 1: a
// uniform distribution's upper end inside the Beta's support, so that
// log(1 − x) is defined on all of it.
func BelowOne(v string) Cond { return below(v) }

func (c below) check(b binding, ctx *Context) (binding, string, bool) {
	d := expr.Sub(expr.N(1), b.get(string(c)))
	if !ctx.IsPositive(d) {
		return nil, "", false
	}
	return b, strings.Join(ctx.assumedIn(d), "; "), true
}
func (c below) binds() []string { return nil }
func (c below) uses() []string  { return []string{string(c)} }
func (c below) String() string  { return string(c) + " < 1" }

// freeOf: a term does not depend on a variable.
type freeOf struct{ term, v string }

// FreeOf requires the term bound to term not to mention the variable bound
// to v: a constant with respect to an expectation or integral.
func FreeOf(term, v string) Cond { return freeOf{term, v} }

func (c freeOf) check(b binding, ctx *Context) (binding, string, bool) {
	v, ok := b.get(c.v).(*expr.Sym)
	if !ok {
		return nil, "", false
	}
	return b, "", !expr.Uses(b.get(c.term), v.Name)
}
func (c freeOf) binds() []string { return nil }
func (c freeOf) uses() []string  { return []string{c.term, c.v} }
func (c freeOf) String() string  { return c.term + " does not depend on " + c.v }

// family: a named density is a call to a family; binds its parameters.
type family struct {
	dist, name string
	params     []string
}

// Is requires the density bound to dist to be a call to the family name
// on its variable, name(x; a, b), and binds params to its parameters.
func Is(dist, name string, params ...string) Cond { return family{dist, name, params} }

func (c family) check(b binding, ctx *Context) (binding, string, bool) {
	d := ctx.density(b.get(c.dist))
	if d == nil {
		return nil, "", false
	}
	call, ok := d.Body.(*expr.Call)
	if !ok || call.Fn != c.name || len(call.Args) != len(c.params)+1 || !expr.Equal(call.Args[0], d.Var) {
		return nil, "", false
	}
	for i, p := range c.params {
		b = b.with(p, call.Args[i+1])
	}
	return b, d.Name + " = " + ctx.text(call), true
}
func (c family) binds() []string { return c.params }
func (c family) uses() []string  { return []string{c.dist} }
func (c family) String() string {
	return c.dist + " is " + c.name + "(" + strings.Join(c.params, ", ") + ")"
}

// coordFamily: a named density is an independent product over the
// coordinates of calls to one family; binds the parameters of one
// coordinate.
type coordFamily struct {
	dist, name, v, index string
	params               []string
}

// IsCoord requires the density bound to dist to be
// prod(i in lo..hi, name(v[i]; a_i, b_i)) and binds params to the
// parameters of coordinate index.
func IsCoord(dist, name, v, index string, params ...string) Cond {
	return coordFamily{dist, name, v, index, params}
}

func (c coordFamily) check(b binding, ctx *Context) (binding, string, bool) {
	d := ctx.density(b.get(c.dist))
	if d == nil {
		return nil, "", false
	}
	big, ok := d.Body.(*expr.Big)
	if !ok || big.Op != "prod" {
		return nil, "", false
	}
	call, ok := big.Body.(*expr.Call)
	coord := &expr.Index{Base: d.Var, Sub: expr.S(big.Index)}
	if !ok || call.Fn != c.name || len(call.Args) != len(c.params)+1 || !expr.Equal(call.Args[0], coord) {
		return nil, "", false
	}
	if v, ok := b.get(c.v).(*expr.Sym); !ok || !expr.Equal(v, d.Var) {
		return nil, "", false
	}
	for i, p := range c.params {
		b = b.with(p, expr.Replace(call.Args[i+1], expr.S(big.Index), b.get(c.index)))
	}
	return b, d.Name + " has independent " + c.name + " coordinates", true
}
func (c coordFamily) binds() []string { return c.params }
func (c coordFamily) uses() []string  { return []string{c.dist, c.v, c.index} }
func (c coordFamily) String() string {
	return c.dist + " has independent coordinates " + c.v + "[" + c.index + "] ~ " + c.name + "(" + strings.Join(c.params, ", ") + ")"
}

func (ctx *Context) density(name expr.Expr) *expr.Density {
	s, ok := name.(*expr.Sym)
	if !ok || ctx == nil {
		return nil
	}
	return ctx.Densities[s.Name]
}

// varies: a product is split only where a symbol other than pi is in it,
// so that log(2*pi) stays whole as a hand derivation keeps it.
type varies []string

// Varies requires every named term to mention a symbol other than pi and e.
func Varies(vars ...string) Cond { return varies(vars) }

func (c varies) check(b binding, ctx *Context) (binding, string, bool) {
	for _, v := range c {
		free := false
		for _, s := range expr.Symbols(b.get(v)) {
			if s != "pi" && s != "e" {
				free = true
			}
		}
		if !free {
			return nil, "", false
		}
	}
	return b, "", true
}
func (c varies) binds() []string { return nil }
func (c varies) uses() []string  { return c }
func (c varies) String() string  { return strings.Join(c, ", ") + " are not constants" }

// apart: a product is split where both factors vary, or where one holds
// the variable of a density, so that log(x·√π) becomes log x + log √π and
// the expectation of log x is a moment; log(2·π) still stays whole.
type apart [2]string

// Apart requires a and b to vary, or one of them to hold a density's
// variable.
func Apart(a, b string) Cond { return apart{a, b} }

func (c apart) check(b binding, ctx *Context) (binding, string, bool) {
	if _, _, ok := varies(c[:]).check(b, ctx); ok {
		return b, "", true
	}
	for _, v := range c {
		for _, d := range ctx.Densities {
			if expr.Uses(b.get(v), expr.String(d.Var)) {
				return b, "", true
			}
		}
	}
	return nil, "", false
}
func (c apart) binds() []string { return nil }
func (c apart) uses() []string  { return c[:] }
func (c apart) String() string {
	return c[0] + " and " + c[1] + " are not constants, or one holds the variable"
}

// positiveDefinite: every named matrix is positive definite.
type positiveDefinite []string

// PositiveDefinite requires the matrices bound to vars to be positive
// definite: declared spd, identities, inverses of such, positive diagonals.
func PositiveDefinite(vars ...string) Cond { return positiveDefinite(vars) }

func (c positiveDefinite) check(b binding, ctx *Context) (binding, string, bool) {
	var why []string
	for _, v := range c {
		if !ctx.positiveDefinite(b.get(v)) {
			return nil, "", false
		}
		why = append(why, expr.String(b.get(v))+" is positive definite")
	}
	return b, strings.Join(why, "; "), true
}
func (c positiveDefinite) binds() []string { return nil }
func (c positiveDefinite) uses() []string  { return c }
func (c positiveDefinite) String() string  { return strings.Join(c, ", ") + " positive definite" }
