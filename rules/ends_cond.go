package rules

import (
	"strings"

	"github.com/klderive/klderive/expr"
)

// aboveEnds: a line k·x + c is ≥ 0 at both ends of an interval a < b,
// so that it is > 0 inside it and its logarithm has a mean there, with
// 0·log 0 = 0 at an end where it vanishes. The line is monotone, so the
// lower end is the one to check when k > 0 and the upper one when k < 0.
type aboveEnds struct {
	k, c, a, b string
	reflected  bool // the line c − x
}

// AboveEnds requires k·x + c ≥ 0 on a ≤ x ≤ b, by the sign rules or by a
// non-strict assumption, for k of known sign; k "" stands for 1.
func AboveEnds(k, c, a, b string) Cond { return aboveEnds{k: k, c: c, a: a, b: b} }

// BelowEnds requires c − x ≥ 0 on a ≤ x ≤ b, as AboveEnds does.
func BelowEnds(c, a, b string) Cond { return aboveEnds{c: c, a: a, b: b, reflected: true} }

func (c aboveEnds) check(b binding, ctx *Context) (binding, string, bool) {
	at := b.get(c.a)
	if c.reflected {
		at = expr.Neg(b.get(c.b))
	} else if c.k != "" {
		k := b.get(c.k)
		switch {
		case ctx.IsPositive(k):
		case ctx.IsPositive(negation(k)):
			at = b.get(c.b)
		default:
			return nil, "", false
		}
		at = expr.Prod(k, at)
	}
	line, ok := Normalize(expr.Sum(at, b.get(c.c)), ctx)
	switch {
	case !ok:
		return nil, "", false
	case ctx.IsNonnegative(line):
		return b, strings.Join(ctx.assumedIn(line), "; "), true
	case ctx.assumedNonnegative(line):
		return b, expr.String(line) + " >= 0", true
	}
	return nil, "", false
}

func (c aboveEnds) binds() []string { return nil }
func (c aboveEnds) uses() []string {
	if c.k == "" || c.reflected {
		return []string{c.c, c.a, c.b}
	}
	return []string{c.k, c.c, c.a, c.b}
}
func (c aboveEnds) String() string {
	if c.reflected {
		return c.c + " - " + c.b + " >= 0"
	}
	k := c.k + "*"
	if c.k == "" {
		k = ""
	}
	return k + c.a + " + " + c.c + " >= 0, " + k + c.b + " + " + c.c + " >= 0"
}

// assumedNonnegative reports whether e, in normal form, is a term a
// non-strict assumption makes ≥ 0, or one plus something provably ≥ 0
// (a1 + 1 under a1 ≥ 0).
func (ctx *Context) assumedNonnegative(e expr.Expr) bool {
	for _, n := range ctx.NonNegativeExprs {
		if expr.Equal(n, e) || SameTerms(n, e) {
			return true
		}
		if d, ok := Normalize(expr.Sub(e, n), ctx); ok && ctx.IsNonnegative(d) {
			return true
		}
	}
	return false
}

// nonnegativeEnd: a support's end is ≥ 0.
type nonnegativeEnd string

// NonNegativeEnd requires the term bound to v to be provably ≥ 0, by the
// sign rules or by a non-strict assumption: the lower end of a uniform
// whose logarithm's moments hold with 0·log 0 = 0 where it is 0.
func NonNegativeEnd(v string) Cond { return nonnegativeEnd(v) }

func (c nonnegativeEnd) check(b binding, ctx *Context) (binding, string, bool) {
	e := b.get(string(c))
	if ctx.IsNonnegative(e) {
		return b, strings.Join(ctx.assumedIn(e), "; "), true
	}
	if n, ok := Normalize(e, ctx); ok && ctx.assumedNonnegative(n) {
		return b, expr.String(n) + " >= 0", true
	}
	return nil, "", false
}

func (c nonnegativeEnd) binds() []string { return nil }
func (c nonnegativeEnd) uses() []string  { return []string{string(c)} }
func (c nonnegativeEnd) String() string  { return string(c) + " >= 0" }
