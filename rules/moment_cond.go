package rules

import (
	"fmt"
	"math/big"
	"sort"

	"github.com/klderive/klderive/expr"
)

// sumsToZero: two terms cancel (sign +1) or are equal (sign -1) after
// normalising, so that x - (m - 1) is seen to be about the mean m - 1
// however the sum was written.
type sumsToZero struct {
	a, b string
	sign int64
}

// Cancel requires the terms bound to a and b to add up to zero.
func Cancel(a, b string) Cond { return sumsToZero{a, b, 1} }

// Same requires the terms bound to a and b to be equal as expressions.
func Same(a, b string) Cond { return sumsToZero{a, b, -1} }

func (c sumsToZero) check(b binding, ctx *Context) (binding, string, bool) {
	// Terms with different symbols are taken not to cancel without
	// normalising them. Were they to cancel after all, the rule that
	// asked does not fire and a more general one, just as true, does.
	if !sameSymbols(b.get(c.a), b.get(c.b)) {
		return nil, "", false
	}
	n := &normalizer{ctx: ctx}
	p := n.poly(expr.Sum(b.get(c.a), expr.Prod(expr.N(c.sign), b.get(c.b))))
	return b, "", !n.overflow && len(p) == 0
}
func sameSymbols(a, b expr.Expr) bool {
	sa, sb := expr.Symbols(a), expr.Symbols(b)
	if len(sa) != len(sb) {
		return false
	}
	sort.Strings(sa)
	sort.Strings(sb)
	for i := range sa {
		if sa[i] != sb[i] {
			return false
		}
	}
	return true
}

func (c sumsToZero) binds() []string { return nil }
func (c sumsToZero) uses() []string  { return []string{c.a, c.b} }
func (c sumsToZero) String() string {
	if c.sign > 0 {
		return c.a + " = -" + c.b
	}
	return c.a + " = " + c.b
}

// recurrence: an integer power n of at least 3, with n - 1 and n - 2
// bound for the right side of a moment recurrence.
type recurrence struct{ n, n1, n2 string }

// Recurrence requires n to be an integer of at least 3 and binds n1 and
// n2 to n - 1 and n - 2.
func Recurrence(n, n1, n2 string) Cond { return recurrence{n, n1, n2} }

func (c recurrence) check(b binding, ctx *Context) (binding, string, bool) {
	n, ok := b.get(c.n).(*expr.Num)
	if !ok || !n.Val.IsInt() || n.Val.Cmp(big.NewRat(3, 1)) < 0 {
		return nil, "", false
	}
	minus := func(k int64) expr.Expr { return &expr.Num{Val: new(big.Rat).Sub(n.Val, big.NewRat(k, 1))} }
	return b.with(c.n1, minus(1)).with(c.n2, minus(2)), "", true
}
func (c recurrence) binds() []string { return []string{c.n1, c.n2} }
func (c recurrence) uses() []string  { return []string{c.n} }
func (c recurrence) String() string {
	return c.n + " is an integer > 2, " + c.n1 + " = " + c.n + " - 1, " + c.n2 + " = " + c.n + " - 2"
}

// integerAtLeast: a power n that is an integer of at least k.
type integerAtLeast struct {
	n string
	k int64
}

// IntegerAtLeast requires n to be an integer of at least k.
func IntegerAtLeast(n string, k int64) Cond { return integerAtLeast{n, k} }

func (c integerAtLeast) check(b binding, ctx *Context) (binding, string, bool) {
	n, ok := b.get(c.n).(*expr.Num)
	return b, "", ok && n.Val.IsInt() && n.Val.Cmp(big.NewRat(c.k, 1)) >= 0
}
func (c integerAtLeast) binds() []string { return nil }
func (c integerAtLeast) uses() []string  { return []string{c.n} }
func (c integerAtLeast) String() string {
	return fmt.Sprintf("%s is an integer >= %d", c.n, c.k)
}

// negated binds a to -c, term by term, so that the c of x + c with
// c = -m + 1 gives back the point m - 1 as it was written.
type negated struct{ c, a string }

// Negated binds a to the negation of the term bound to c.
func Negated(c, a string) Cond { return negated{c, a} }

func (c negated) check(b binding, ctx *Context) (binding, string, bool) {
	return b.with(c.a, negation(b.get(c.c))), "", true
}
func (c negated) binds() []string { return []string{c.a} }
func (c negated) uses() []string  { return []string{c.c} }
func (c negated) String() string  { return c.a + " = -" + c.c }

// normalForm takes a point in its normal form where symbols cancel in
// it, so that the conditions after it decide its sign as it is, not as
// it was written: the point (c + 1)² − c² − 2c is 1, and c² − c·c is 0.
// A point none of whose symbols cancel keeps its written form, which is
// also the form the result shows.
type normalForm string

// NormalForm rebinds v to its normal form when that has fewer symbols.
func NormalForm(v string) Cond { return normalForm(v) }

func (c normalForm) check(b binding, ctx *Context) (binding, string, bool) {
	e := b.get(string(c))
	// The normal form that keeps powers of sums first, as it reads more
	// like the point written; then the one that multiplies them out.
	for _, expand := range []bool{false, true} {
		n := &normalizer{ctx: ctx, expand: expand}
		out := n.poly(e).expr()
		if !n.overflow && len(expr.Symbols(out)) < len(expr.Symbols(e)) {
			return b.with(string(c), out), "", true
		}
	}
	return b, "", true
}
func (c normalForm) binds() []string { return nil }
func (c normalForm) uses() []string  { return []string{string(c)} }
func (c normalForm) String() string  { return string(c) + " in normal form" }
