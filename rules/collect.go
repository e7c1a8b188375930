package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// CollectLogs gathers a difference of logarithms with one coefficient
// into the logarithm of a ratio, so that a discrete KL reads as the textbook sum of p·log(p/q) terms.
// Each identity is stated on two terms alone and among other terms r.
var CollectLogs = once.Value[Set]{New: func() Set {
	return Join(
		inSum("log-ratio", "a difference of logarithms is the logarithm of the ratio", "c*log(u) - c*log(v)", "c*log(u/v)", "a*log(a) - a*log(b)", Positive("u", "v")),
		inSum("log-ratio-unit", "a difference of logarithms is the logarithm of the ratio", "log(u) - log(v)", "log(u/v)", "log(a) - log(b)", Positive("u", "v")),
		Set{FactorComplement.Get(), LogRatioScaled.Get()},
	)
}}

// FactorComplement writes n - n*a as n*(1 - a): a Binomial's n(1 − p),
// as the textbook writes the coefficient of log((1 − p)/(1 − q)), both
// where the mean n·p lands in n − E[x] and in the result. It is
// computed rather than the pattern c - c*a, which a count given as a
// number, 3 - 3*b, does not match (the matcher reads -3 as one number,
// not as -1 times c = 3). The first term's coefficient is positive, so
// that the factor taken out is the count, not its negative.
var FactorComplement = once.Value[*Rule]{New: func() *Rule {
	return computed("factor-complement", "take the common factor out of c - c*a", "c - c*a", "c*(1 - a)", factorComplement).only("+", "").with("s - s*a")
}}

func factorComplement(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
	a, ok := e.(*expr.Add)
	if !ok || len(a.Terms) != 2 || expr.IsInt(a.Terms[0], 1) {
		return nil, nil, false
	}
	c1, f1 := coefAndFactors(a.Terms[0])
	c2, f2 := coefAndFactors(a.Terms[1])
	if c1.Sign() <= 0 || new(big.Rat).Neg(c1).Cmp(c2) != 0 {
		return nil, nil, false
	}
	rest, ok := removeFactors(f2, f1)
	if !ok || len(rest) == 0 {
		return nil, nil, false
	}
	return expr.Prod(a.Terms[0], expr.Sub(expr.N(1), expr.Prod(rest...))), nil, true
}

// coefAndFactors splits a term into its number and its other factors:
// 3 is (3, none), -3*b*m is (-3, b m), n is (1, n).
func coefAndFactors(t expr.Expr) (*big.Rat, []expr.Expr) {
	switch t := t.(type) {
	case *expr.Num:
		return t.Val, nil
	case *expr.Mul:
		if c, ok := t.Factors[0].(*expr.Num); ok {
			return c.Val, t.Factors[1:]
		}
		return new(big.Rat).SetInt64(1), t.Factors
	}
	return new(big.Rat).SetInt64(1), []expr.Expr{t}
}

// LogRatioScaled is log-ratio where the coefficient has a number in
// front, 2*c*log(u) - 2*c*log(v) or 2*log(u) - 2*log(v), which the
// pattern does not split: the matcher takes -2 as one number, not as
// -1 times a coefficient 2. It joins the first such pair of terms of a
// sum, in the place of the first.
var LogRatioScaled = once.Value[*Rule]{New: func() *Rule {
	return computed("log-ratio-scaled", "a difference of logarithms is the logarithm of the ratio", "a", "a", logRatioScaled).
		with("2*w*log(a) + s - 2*w*log(b)")
}}

func logRatioScaled(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	a, ok := e.(*expr.Add)
	if !ok {
		return nil, nil, false
	}
	type logTerm struct {
		coef *big.Rat
		rest []expr.Expr // the other factors
		key  string
		arg  expr.Expr
	}
	split := func(t expr.Expr) (logTerm, bool) {
		m, ok := t.(*expr.Mul)
		if !ok {
			return logTerm{}, false
		}
		c, ok := m.Factors[0].(*expr.Num)
		if !ok {
			return logTerm{}, false
		}
		lt := logTerm{coef: c.Val}
		for _, f := range m.Factors[1:] {
			if l, ok := f.(*expr.Call); ok && l.Fn == "log" && lt.arg == nil {
				lt.arg = l.Args[0]
				continue
			}
			lt.rest = append(lt.rest, f)
		}
		if lt.arg == nil {
			return logTerm{}, false
		}
		lt.key = expr.Key(expr.Prod(lt.rest...))
		return lt, true
	}
	for i, ti := range a.Terms {
		x, ok := split(ti)
		if !ok || x.coef.Sign() < 0 || !ctx.IsPositive(x.arg) {
			continue
		}
		for j, tj := range a.Terms {
			y, ok := split(tj)
			if j == i || !ok || y.key != x.key || new(big.Rat).Add(x.coef, y.coef).Sign() != 0 || !ctx.IsPositive(y.arg) {
				continue
			}
			joined := expr.Prod(append(append([]expr.Expr{&expr.Num{Val: x.coef}}, x.rest...), expr.Fn("log", expr.Quo(x.arg, y.arg)))...)
			var out []expr.Expr
			for k, t := range a.Terms {
				switch k {
				case i:
					out = append(out, joined)
				case j:
				default:
					out = append(out, t)
				}
			}
			why := append(ctx.assumedIn(x.arg), ctx.assumedIn(y.arg)...)
			return expr.Sum(out...), why, true
		}
	}
	return nil, nil, false
}

// ComplementTwice undoes a complement of a complement, which a density
// with a complement for a parameter leaves: a Binomial's 1 - p at
// p = 1 - c is c, as a person writes it at once.
var ComplementTwice = once.Value[*Rule]{New: func() *Rule {
	return rw("complement-twice", "the complement of a complement", "1 - (1 - a)", "a").with("1 - (1 - s)")
}}

// inSum is the rule lhs → rhs, and the same among the other terms of a
// sum, which the matcher otherwise does not find (a final pattern
// variable takes one term or more, never none).
func inSum(name, title, lhs, rhs, example string, conds ...Cond) Set {
	return Set{
		rw(name, title, lhs, rhs, conds...).with(example),
		rw(name+"-among", title, lhs+" + r", rhs+" + r", conds...).with(example + " + 1"),
	}
}

// CancelTerms drops a term and its negative, such as the E[log x!] of two
// Poisson log-probabilities, which has no closed form but cancels.
var CancelTerms = once.Value[Set]{New: func() Set {
	return inSum("cancel-terms", "a term and its negative cancel", "a - a", "0", "log(gamma(s)) - log(gamma(s))")
}}
