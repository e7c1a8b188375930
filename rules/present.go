package rules

import (
	"math/big"
	"slices"
	"sort"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Textbook form. From a normal form, the result is written the way
// derivations in papers and lecture notes write it:
//   - the logarithms are joined into one, log(sigma2/sigma1);
//   - terms over the same symbolic denominator share one fraction,
//     (sigma1^2 + (mu1 - mu2)^2)/(2*sigma2^2);
//   - when every term has the same numeric coefficient and none has a
//     symbolic denominator, that coefficient is factored out, with the
//     constant inside made positive: -1/2*(1 + log(sigma^2) - mu^2 - sigma^2);
//   - logarithms come first and the constant last; inside a factored
//     group the constant comes first, then positive and negative terms.
// The same applies inside sums over an index, whose constant factor is
// then taken out of the sum.

// Present rewrites a normal form into textbook form.
func Present(e expr.Expr, ctx *Context) expr.Expr {
	n := &normalizer{ctx: ctx}
	return n.present(n.poly(e))
}

func (n *normalizer) present(p poly) expr.Expr {
	var logs []term // c*log(a), one atom each
	var rest []term
	cst := new(big.Rat)
	scaledLogs := map[string][]term{} // c*k*log(a), by cofactor k
	var cofactors []string
	var inside []term
	for _, t := range p {
		inside = append(inside, sqrtTerm(n.presentPowers(n.presentArgs(n.presentInside(t)))))
	}
	collected := n.collectWeightedLogs(collectByFactor(n.cancelDenominators(inside), specialHeads.Get()))
	for _, t := range collected {
		switch {
		case len(t.factors) == 0:
			cst.Add(cst, t.coef)
		case isLogTerm(t):
			logs = append(logs, t)
		default:
			if l, k, ok := splitLog(t); ok {
				if _, seen := scaledLogs[k]; !seen {
					cofactors = append(cofactors, k)
				}
				scaledLogs[k] = append(scaledLogs[k], l)
				continue
			}
			rest = append(rest, t)
		}
	}
	// k*log(2) + k*log(pi) is k*log(2*pi), with k kept as a factor. The
	// cofactor is looked up among the terms as rewritten above, whose
	// keys the split took (sqrtTerm writes 2^(1/2)*v^(1/2) as
	// sqrt(2*v)): in the terms as they came, no key would match, and k
	// would be lost, log(m)/sqrt(2*v) becoming log(m).
	for _, k := range cofactors {
		rest = append(rest, joinScaledLogs(scaledLogs[k], collected, k))
	}
	logs, rest = splitLogTerms(collectByFactor(append(logs, rest...), logHead.Get()))
	if r, ok := commonCoef(rest, cst, len(logs) > 0); ok && smallLogExponents(logs, r) {
		inner := []expr.Expr{}
		if cst.Sign() != 0 {
			inner = append(inner, &expr.Num{Val: new(big.Rat).Quo(cst, r)})
		}
		// A logarithm that enters with a minus sign goes last, as in
		// mu'*mu + tr(Sigma) - k - log(det(Sigma)).
		lg := logGroup(scaled(logs, r))
		_, negLog := negativeTerm(lg)
		if len(logs) > 0 && !negLog {
			inner = append(inner, lg)
		}
		inner = append(inner, ordered(scaled(rest, r))...)
		if len(logs) > 0 && negLog {
			inner = append(inner, lg)
		}
		return expr.Prod(&expr.Num{Val: r}, expr.Sum(inner...))
	}
	var out []expr.Expr
	lg := logGroup(logs)
	_, negLog := negativeTerm(lg)
	if len(logs) > 0 && !negLog {
		out = append(out, lg)
	}
	// The terms go in sorted, so that the order of the fractions and
	// products they are grouped into depends on the terms, not on the
	// order they were reached in: a presented form presents as itself.
	for _, t := range overDenominators(sortedTerms(rest)) {
		out = append(out, n.expUp(t))
	}
	if len(logs) > 0 && negLog {
		out = append(out, lg)
	}
	if cst.Sign() != 0 {
		out = append(out, &expr.Num{Val: cst})
	}
	return expr.Sum(out...)
}

// presentInside writes the bodies of index sums in textbook form and
// takes their constant factor out of the sum, and writes each value of
// a piecewise factor in textbook form.
func (n *normalizer) presentInside(t term) term {
	t = n.presentCases(t)
	if len(t.factors) != 1 || !expr.RatEqual(t.factors[0].exp, one()) {
		return t
	}
	b, ok := t.factors[0].base.(*expr.Big)
	if !ok || b.Op != "sum" {
		return t
	}
	body := n.present(n.poly(b.Body))
	coef := new(big.Rat).Set(t.coef)
	if m, ok := body.(*expr.Mul); ok {
		if c, ok := m.Factors[0].(*expr.Num); ok {
			coef.Mul(coef, c.Val)
			body = expr.Prod(m.Factors[1:]...)
		}
	}
	nb := &expr.Big{Op: b.Op, Index: b.Index, Lo: b.Lo, Hi: b.Hi, Body: body}
	return term{coef: coef, factors: []factor{{base: nb, exp: one(), key: expr.Key(nb)}}}
}

// presentCases writes a term with one piecewise factor, an E|x − u| of
// either sign over a scale, as the piecewise value of the whole term:
// its coefficient and other factors go into each value, as a person
// writes { (e^(m + v/2) − u)/s if u ≤ 0; … }, rather than a fraction
// with cases over s, and each value is in textbook form. The conditions
// stay as they are.
func (n *normalizer) presentCases(t term) term {
	at := -1
	for i, f := range t.factors {
		if _, ok := f.base.(*expr.Cases); ok {
			if at >= 0 || !expr.RatEqual(f.exp, one()) {
				return t
			}
			at = i
		}
	}
	if at < 0 {
		return t
	}
	cs := t.factors[at].base.(*expr.Cases)
	rest := term{coef: t.coef, factors: append(append([]factor(nil), t.factors[:at]...), t.factors[at+1:]...)}.expr()
	value := func(v expr.Expr) expr.Expr { return n.present(n.poly(expr.Prod(rest, v))) }
	nc := &expr.Cases{Cases: make([]expr.Case, len(cs.Cases)), Else: value(cs.Else)}
	for k, c := range cs.Cases {
		nc.Cases[k] = expr.Case{When: c.When, Then: value(c.Then)}
	}
	return term{coef: one(), factors: []factor{{base: nc, exp: one(), key: expr.Key(nc)}}}
}

// splitLog writes a term with one logarithm among other factors, such as
// 1/2*k*log(2), as the log term 1/2*log(2) and the key of its cofactor k.
func splitLog(t term) (term, string, bool) {
	at := -1
	for i, f := range t.factors {
		if c, ok := f.base.(*expr.Call); ok && c.Fn == "log" && expr.RatEqual(f.exp, one()) {
			if at >= 0 {
				return term{}, "", false
			}
			at = i
		}
	}
	if at < 0 {
		return term{}, "", false
	}
	rest := append(append([]factor(nil), t.factors[:at]...), t.factors[at+1:]...)
	return term{coef: t.coef, factors: []factor{t.factors[at]}}, term{coef: one(), factors: rest}.key(), true
}

// joinScaledLogs joins the logarithms that share a cofactor into one
// term: the cofactor times the joined logarithm.
func joinScaledLogs(logs []term, p []term, key string) term {
	var cofactor []factor
	for _, t := range p {
		if _, k, ok := splitLog(t); ok && k == key {
			for _, f := range t.factors {
				if c, ok := f.base.(*expr.Call); !ok || c.Fn != "log" {
					cofactor = append(cofactor, f)
				}
			}
			break
		}
	}
	joined := logGroup(logs)
	if len(logs) == 1 {
		// A lone logarithm keeps its number outside: 2·u·log(1 − u),
		// not u·log((1 − u)²), since there is nothing to join it with.
		joined = expr.Prod(&expr.Num{Val: logs[0].coef}, logs[0].factors[0].base)
	}
	coef := one()
	if m, ok := joined.(*expr.Mul); ok {
		if c, ok := m.Factors[0].(*expr.Num); ok {
			coef = c.Val
			joined = expr.Prod(m.Factors[1:]...)
		}
	}
	fs := append(cofactor, factor{base: joined, exp: one(), key: expr.Key(joined)})
	return term{coef: coef, factors: fs}
}

// splitLogTerms separates the terms c*log(a) from the others.
func splitLogTerms(ts []term) (logs, rest []term) {
	for _, t := range ts {
		if isLogTerm(t) {
			logs = append(logs, t)
		} else {
			rest = append(rest, t)
		}
	}
	return logs, rest
}

func isLogTerm(t term) bool {
	if len(t.factors) != 1 || !expr.RatEqual(t.factors[0].exp, one()) {
		return false
	}
	c, ok := t.factors[0].base.(*expr.Call)
	return ok && c.Fn == "log"
}

func hasDenominator(t term) bool {
	for _, f := range t.factors {
		if f.exp.Sign() < 0 {
			return true
		}
	}
	return false
}

// commonCoef finds the coefficient to factor out of the whole result, if
// the result has that shape.
func commonCoef(rest []term, cst *big.Rat, hasLog bool) (*big.Rat, bool) {
	var r *big.Rat
	count := len(rest)
	if cst.Sign() != 0 {
		count++
		r = new(big.Rat).Abs(cst)
	}
	if count+boolInt(hasLog) < 2 || count == 0 {
		return nil, false
	}
	pos := 0
	for _, t := range rest {
		a := new(big.Rat).Abs(t.coef)
		if r == nil {
			r = a
		}
		if !expr.RatEqual(a, r) || hasDenominator(t) {
			return nil, false
		}
		if t.coef.Sign() > 0 {
			pos++
		}
	}
	if expr.RatEqual(r, one()) {
		return nil, false
	}
	// Make the constant inside positive; without one, most terms.
	if cst.Sign() < 0 || (cst.Sign() == 0 && 2*pos < len(rest)) {
		r.Neg(r)
	}
	return r, true
}

// smallLogExponents reports whether factoring r out keeps the joined
// logarithm readable: log(sigma^2) inside -1/2*(...) is, but
// log(4096*pi^4) inside 1/8*(...) is not. A square is taken only of a
// name, whose square reads as a variance: the -log(b - a) - log(l) of a
// uniform against an exponential stays -log(l*(b - a)) beside
// l*(a + b)/2, as a textbook writes it, rather than becoming
// -1/2*log((b - a)^2*l^2) inside a factored half. Nor are two names
// squared into one logarithm: -log(b) - log(l) beside l*b/2 stays
// -log(l*b), not -1/2*log(b^2*l^2), since the square of a product reads
// as no one quantity.
func smallLogExponents(logs []term, r *big.Rat) bool {
	squares := 0
	for _, t := range logs {
		k := new(big.Rat).Quo(t.coef, r)
		if !k.IsInt() || k.Num().CmpAbs(big.NewInt(2)) > 0 {
			return false
		}
		if k.Num().CmpAbs(big.NewInt(2)) == 0 {
			if !squaresAsName(t) {
				return false
			}
			squares++
		}
	}
	return squares <= 1
}

// squaresAsName reports a term c*log(a) whose a is a symbol or a
// coordinate of one, sigma or sigma[d].
func squaresAsName(t term) bool {
	c, ok := t.factors[0].base.(*expr.Call)
	if !ok || len(c.Args) != 1 {
		return false
	}
	switch c.Args[0].(type) {
	case *expr.Sym, *expr.Index:
		return true
	}
	return false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func scaled(ts []term, r *big.Rat) []term {
	out := make([]term, len(ts))
	for i, t := range ts {
		out[i] = term{coef: new(big.Rat).Quo(t.coef, r), factors: t.factors}
	}
	return out
}

// simple terms are products of powers of symbols; they come before
// compound ones such as (mu1 - mu2)^2 or exp(v).
func simple(t term) bool {
	for _, f := range t.factors {
		switch b := f.base.(type) {
		case *expr.Sym, *expr.Index:
		case *expr.Call:
			if b.Fn != "log" {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// ordered sorts terms: positive before negative, simple before compound,
// then by name.
func ordered(ts []term) []expr.Expr {
	s := sortedTerms(ts)
	out := make([]expr.Expr, len(s))
	for i, t := range s {
		out[i] = t.expr()
	}
	return out
}

// overDenominators writes terms that share a symbolic denominator as one
// fraction, and terms that share a number and a factor as one product
// (see shareFactor); others stay as they are.
func overDenominators(ts []term) []expr.Expr {
	groups := map[string][]term{}
	var order []string
	for _, t := range ts {
		k := denKey(t)
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], t)
	}
	var pos, neg []expr.Expr
	for _, k := range order {
		g := groups[k]
		var x expr.Expr
		if k == "" || len(g) < 2 || !evenFraction(g) {
			joined, rest := shareFactor(g)
			for _, e := range append(joined, ordered(rest)...) {
				if _, isNeg := negativeTerm(e); isNeg {
					neg = append(neg, e)
				} else {
					pos = append(pos, e)
				}
			}
			continue
		}
		x = fraction(g)
		if _, isNeg := negativeTerm(x); isNeg {
			neg = append(neg, x)
		} else {
			pos = append(pos, x)
		}
	}
	return append(pos, neg...)
}

// evenFraction reports whether terms over one symbolic denominator read
// well as one fraction: when the numbers that bring them over a common
// denominator scale only simple terms. 1/s^2 + (4 - m)^2/(2*s^2) is
// (2 + (4 - m)^2)/(2*s^2), but (b - a)^2/(24*v) + (c - m)^2/(2*v) stays
// two fractions, which a textbook would not write with 12*(c - m)^2.
func evenFraction(ts []term) bool {
	lcm := big.NewInt(1)
	for _, t := range ts {
		d := t.coef.Denom()
		lcm.Mul(lcm, new(big.Int).Quo(d, new(big.Int).GCD(nil, nil, lcm, d)))
	}
	for _, t := range ts {
		if t.coef.Denom().Cmp(lcm) != 0 && !simple(t) {
			return false
		}
	}
	return true
}

// sortedTerms is the terms in ordered's order.
func sortedTerms(ts []term) []term {
	s := append([]term(nil), ts...)
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if (a.coef.Sign() > 0) != (b.coef.Sign() > 0) {
			return a.coef.Sign() > 0
		}
		if simple(a) != simple(b) {
			return simple(a)
		}
		return a.key() < b.key()
	})
	return s
}

func negativeTerm(e expr.Expr) (expr.Expr, bool) {
	if m, ok := e.(*expr.Mul); ok {
		if c, ok := m.Factors[0].(*expr.Num); ok && c.Val.Sign() < 0 {
			return e, true
		}
	}
	if c, ok := e.(*expr.Num); ok && c.Val.Sign() < 0 {
		return e, true
	}
	return e, false
}

func denKey(t term) string {
	var keys []string
	for _, f := range t.factors {
		if f.exp.Sign() < 0 {
			keys = append(keys, f.key+"^"+f.exp.RatString())
		}
	}
	sort.Strings(keys)
	s := ""
	for _, k := range keys {
		s += k + "*"
	}
	return s
}

// fraction puts terms with one symbolic denominator over the least
// common multiple of their numeric denominators.
func fraction(ts []term) expr.Expr {
	lcm := big.NewInt(1)
	for _, t := range ts {
		d := t.coef.Denom()
		lcm.Mul(lcm, new(big.Int).Quo(d, new(big.Int).GCD(nil, nil, lcm, d)))
	}
	L := new(big.Rat).SetInt(lcm)
	var den []expr.Expr
	for _, f := range ts[0].factors {
		if f.exp.Sign() < 0 {
			den = append(den, expr.Power(f.base, &expr.Num{Val: new(big.Rat).Neg(f.exp)}))
		}
	}
	allNeg := true
	for _, t := range ts {
		allNeg = allNeg && t.coef.Sign() < 0
	}
	sign := one()
	if allNeg {
		sign = big.NewRat(-1, 1)
	}
	nums := make([]term, len(ts))
	for i, t := range ts {
		var fs []factor
		for _, f := range t.factors {
			if f.exp.Sign() > 0 {
				fs = append(fs, f)
			}
		}
		c := new(big.Rat).Mul(t.coef, L)
		nums[i] = term{coef: c.Quo(c, sign), factors: fs}
	}
	// A factor every numerator term has goes in front of the sum, as a
	// person writes it: (b*a + b)/exp(c) is b*(a + 1)/exp(c).
	var front []expr.Expr
	for _, f := range commonFactors(nums) {
		front = append(front, expr.Power(f.base, &expr.Num{Val: f.exp}))
	}
	// So does the integer content of the numerator: (2 + 2*s)/pi is
	// 2*(1 + s)/pi.
	if g := numberContent(nums); g.IsInt() && g.Cmp(one()) > 0 {
		for i, t := range nums {
			nums[i] = term{coef: new(big.Rat).Quo(t.coef, g), factors: t.factors}
		}
		sign = new(big.Rat).Mul(sign, g)
	}
	terms := ordered(nums)
	if len(front) > 0 {
		// What is left is a cofactor, a + 1 as a textbook writes it.
		terms = constantsLast(terms)
	}
	numerator := expr.Sum(terms...)
	fs := append(append([]expr.Expr{&expr.Num{Val: sign}}, front...), numerator)
	return expr.Prod(append(fs, expr.Power(expr.Prod(append([]expr.Expr{&expr.Num{Val: L}}, den...)...), expr.N(-1)))...)
}

// Presentation holds the computed rule that writes a result in textbook
// form.
var Presentation = once.Value[Set]{New: func() Set {
	return Set{
		computed("textbook-form", "collect into textbook form",
			"log(b) - log(a) + c/(2*b^2) + d/(2*b^2) - 1/2", "log(b/a) + (c + d)/(2*b^2) - 1/2",
			func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
				out := textbook(e, ctx)
				return out, nil, !expr.Equal(out, e)
			}).with("log(s) - log(t) + a/(2*s^2) + b/(2*s^2) - 1/2"),
	}
}}

// PresentationBesideSums is Presentation for the terms of a result that
// hold no sum over an index: a discrete result keeps a sum over the
// support, whose logarithms are collected inside it, as it stands, and
// the closed terms beside it are collected: −a·(log 24 + log b) is
// −a·log(24·b).
var PresentationBesideSums = once.Value[Set]{New: func() Set {
	return Set{
		computed("textbook-form-beside-sums", "collect into textbook form",
			"-a*(log(24) + log(b)) + sum(k in 0..n, log(k + 1))", "-a*log(24*b) + sum(k in 0..n, log(k + 1))",
			func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
				terms := []expr.Expr{e}
				if s, ok := e.(*expr.Add); ok {
					terms = s.Terms
				}
				var closed, sums []expr.Expr
				for _, t := range terms {
					if expr.Any(t, func(n expr.Expr) bool { _, big := n.(*expr.Big); return big }) {
						sums = append(sums, t)
					} else {
						closed = append(closed, t)
					}
				}
				if len(closed) == 0 {
					return e, nil, false
				}
				out := textbook(expr.Sum(closed...), ctx)
				if len(sums) > 0 {
					out = expr.Sum(append([]expr.Expr{out}, sums...)...)
				}
				return out, nil, !expr.Equal(out, e)
			}).with("-m*(log(3) + log(s)) + sum(j in 1..n, log(j))"),
	}
}}

// textbook is Present, with the log of an exponential that joining and
// splitting logarithms may leave (log(e^(−t)) of 1 − 1/(1 + e^(−t)))
// taken as its exponent, and the form taken again.
func textbook(e expr.Expr, ctx *Context) expr.Expr {
	out := Present(e, ctx)
	if opened := expr.Map(out, openLogExp); !expr.Equal(opened, out) {
		out = Present(opened, ctx)
	}
	return out
}

// openLogExp is u for log(exp(u)), and n itself otherwise.
func openLogExp(n expr.Expr) expr.Expr {
	if l, ok := n.(*expr.Call); ok && l.Fn == "log" && len(l.Args) == 1 {
		if x, ok := l.Args[0].(*expr.Call); ok && x.Fn == "exp" && len(x.Args) == 1 {
			return x.Args[0]
		}
	}
	return n
}

// shareFactor writes terms with one number other than ±1 and a factor in
// common as one product: l*a/2 + l*b/2 is l*(a + b)/2, the mean of a
// uniform times a rate, as a textbook writes it. The others are
// returned as they are.
func shareFactor(ts []term) ([]expr.Expr, []term) {
	groups := map[string][]term{}
	var order []string
	for _, t := range ts {
		k := t.coef.RatString()
		if _, ok := groups[k]; !ok {
			order = append(order, k)
		}
		groups[k] = append(groups[k], t)
	}
	var joined []expr.Expr
	var rest []term
	for _, k := range order {
		g := groups[k]
		c := g[0].coef
		common := sharedFactors(g)
		if len(g) < 2 || expr.RatEqual(new(big.Rat).Abs(c), one()) || len(common) == 0 {
			rest = append(rest, g...)
			continue
		}
		inner := make([]term, len(g))
		for i, t := range g {
			inner[i] = term{coef: one()}
			for _, f := range t.factors {
				if !slices.ContainsFunc(common, func(s factor) bool { return s.key == f.key && expr.RatEqual(s.exp, f.exp) }) {
					inner[i].factors = append(inner[i].factors, f)
				}
			}
			if len(inner[i].factors) == 0 {
				rest = append(rest, g...)
				inner = nil
				break
			}
		}
		if inner == nil {
			continue
		}
		fs := []expr.Expr{&expr.Num{Val: c}}
		for _, f := range common {
			fs = append(fs, expr.Power(f.base, &expr.Num{Val: f.exp}))
		}
		joined = append(joined, expr.Prod(append(fs, expr.Sum(ordered(inner)...))...))
	}
	return joined, rest
}

// sharedFactors are the factors, with their exponents, of the first
// term that every term has.
func sharedFactors(ts []term) []factor {
	var out []factor
	for _, f := range ts[0].factors {
		all := true
		for _, t := range ts[1:] {
			all = all && slices.ContainsFunc(t.factors, func(g factor) bool { return g.key == f.key && expr.RatEqual(g.exp, f.exp) })
		}
		if all {
			out = append(out, f)
		}
	}
	return out
}
