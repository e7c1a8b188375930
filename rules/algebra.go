package rules

import (
	"math/big"
	"slices"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// The algebraic normal form: a sum of terms, each a rational coefficient
// times powers of atoms. Products are distributed over sums, powers of
// products are split, like terms are collected, and logarithms of
// positive products are expanded into sums of logarithms of atoms. Powers
// of sums such as (mu1 - mu2)^2 are kept whole: a textbook result keeps
// them, and expanding them would only have to be undone.

// maxTerms bounds the size of a normal form; distributing products of
// sums can otherwise grow without limit.
const maxTerms = 4000

type factor struct {
	base expr.Expr
	exp  *big.Rat
	key  string
}

type term struct {
	coef    *big.Rat
	factors []factor
}

type poly []term

type normalizer struct {
	ctx      *Context
	overflow bool
	// expand multiplies out small integer powers of sums, for reading
	// off the coefficients of a polynomial.
	expand bool
}

// ratOne is shared: coefficients and exponents are never changed in
// place, only replaced, so one value of 1 serves every term.
var ratOne = once.Value[*big.Rat]{New: func() *big.Rat {
	return big.NewRat(1, 1)
}}

func one() *big.Rat { return ratOne.Get() }

// Normalize returns the algebraic normal form of e, or false when it
// would exceed the size bound.
func Normalize(e expr.Expr, ctx *Context) (expr.Expr, bool) {
	n := &normalizer{ctx: ctx}
	out := n.poly(e).expr()
	return out, !n.overflow
}

func constant(c *big.Rat) poly { return poly{{coef: c}} }

func atom(e expr.Expr) poly {
	return poly{{coef: one(), factors: []factor{{base: e, exp: one(), key: expr.Key(e)}}}}
}

func (n *normalizer) poly(e expr.Expr) poly {
	switch e := e.(type) {
	case *expr.Num:
		return constant(e.Val) // shared: never changed in place
	case *expr.Add:
		var out poly
		for _, t := range e.Terms {
			out = append(out, n.poly(t)...)
		}
		return n.collect(out)
	case *expr.Mul:
		out := constant(one())
		for _, f := range e.Factors {
			out = n.mul(out, n.poly(f))
		}
		return out
	case *expr.Pow:
		return n.pow(e)
	case *expr.Call:
		return n.call(e)
	}
	switch e.(type) {
	case *expr.MatMul, *expr.Transpose:
		return n.matrixAtom(e)
	}
	var buf [4]expr.Expr
	kids := expr.ChildrenIn(e, &buf)
	if len(kids) == 0 {
		return atom(e)
	}
	nk := make([]expr.Expr, len(kids))
	for i, k := range kids {
		nk[i] = n.poly(k).expr()
	}
	return atom(expr.WithChildren(e, nk))
}

func (n *normalizer) mul(a, b poly) poly {
	if len(a)*len(b) > maxTerms {
		n.overflow = true
		return a
	}
	out := make(poly, 0, len(a)*len(b))
	for _, s := range a {
		for _, t := range b {
			out = append(out, n.mulTerms(s, t))
		}
	}
	return n.collect(out)
}

func (n *normalizer) mulTerms(s, t term) term {
	out := term{coef: mulRat(s.coef, t.coef)}
	if k := len(s.factors) + len(t.factors); k > 0 {
		out.factors = append(make([]factor, 0, k), s.factors...)
	}
	for _, f := range t.factors {
		out.factors = n.addFactor(out.factors, f)
	}
	return n.joinExps(out)
}

// mulRat is a·b, sharing a factor when the other is 1, as most
// coefficients are.
func mulRat(a, b *big.Rat) *big.Rat {
	switch {
	case isOneRat(a):
		return b
	case isOneRat(b):
		return a
	}
	// Two small integers, the usual case, are multiplied as int64s: a
	// big.Rat's product takes a greatest common divisor and makes room
	// for its numerator and denominator in steps.
	if x, ok := smallInt(a); ok {
		if y, ok := smallInt(b); ok {
			return new(big.Rat).SetInt64(x * y)
		}
	}
	return new(big.Rat).Mul(a, b)
}

// smallInt is r as an int64 when it is an integer of at most 31 bits, so
// that the product of two cannot overflow.
func smallInt(r *big.Rat) (int64, bool) {
	if !r.IsInt() || !r.Num().IsInt64() {
		return 0, false
	}
	x := r.Num().Int64()
	return x, x > -(1<<31) && x < 1<<31
}

func isOneRat(r *big.Rat) bool {
	return r == ratOne.Get() || r.IsInt() && r.Num().IsInt64() && r.Num().Int64() == 1
}

// addFactor multiplies a factor into a list, adding exponents of equal
// bases where that is valid: for integer exponents, or a positive base.
// The list is the caller's own, built for the term it is making, and is
// changed in place rather than copied at every factor.
func (n *normalizer) addFactor(fs []factor, f factor) []factor {
	for i, g := range fs {
		if g.key == f.key && (g.exp.IsInt() && f.exp.IsInt() || n.ctx.IsPositive(g.base)) {
			sum := new(big.Rat).Add(g.exp, f.exp)
			if sum.Sign() == 0 {
				return append(fs[:i], fs[i+1:]...)
			}
			fs[i] = factor{base: g.base, exp: sum, key: g.key}
			return fs
		}
	}
	return append(fs, f)
}

func (n *normalizer) pow(e *expr.Pow) poly {
	r, ok := e.Exp.(*expr.Num)
	if m, isMul := e.Base.(*expr.Mul); isMul && ok && r.Val.IsInt() && r.Val.Sign() < 0 {
		// A denominator that is a product keeps its factors apart, as
		// a Beta's E[x²] = a·(a + 1)/((a + b)·(a + b + 1)) has them:
		// multiplied out, the two sums become one that no reader can
		// take apart again. Exact for an integer power.
		out := constant(one())
		for _, f := range m.Factors {
			out = n.mul(out, n.pow(&expr.Pow{Base: f, Exp: r}))
		}
		return out
	}
	base := n.poly(e.Base)
	if !ok {
		return atom(expr.Power(base.expr(), n.poly(e.Exp).expr()))
	}
	if r.Val.Sign() == 0 {
		return constant(one())
	}
	if len(base) == 1 {
		if t, ok := n.powTerm(base[0], r.Val); ok {
			return n.expandFlipped(t)
		}
	}
	if len(base) == 0 {
		return base
	}
	if n.expand && r.Val.IsInt() && r.Val.Sign() > 0 && r.Val.Cmp(big.NewRat(8, 1)) <= 0 {
		out := constant(one())
		for i := int64(0); i < r.Val.Num().Int64(); i++ {
			out = n.mul(out, base)
		}
		return out
	}
	if out, ok := n.powContent(base, r.Val); ok {
		return out
	}
	return sumPower(base.expr(), r.Val)
}

// expandFlipped multiplies out a sum that a power turned from a
// denominator into a factor, as (1/(1 + v))^(-1) turns (1 + v)^(-1) into
// (1 + v)^1: kept whole, s·(1 + v) − s would not cancel to s·v, since a
// sum to a positive power is otherwise always multiplied out (pow) or
// kept as an atom of its own (sumPower), never a factor. Powers past
// the eighth, as pow's, and fractional ones stay factors.
func (n *normalizer) expandFlipped(t term) poly {
	var sums []factor
	rest := term{coef: t.coef}
	for _, f := range t.factors {
		if _, ok := f.base.(*expr.Add); ok && f.exp.Sign() > 0 {
			sums = append(sums, f)
			continue
		}
		rest.factors = append(rest.factors, f)
	}
	if len(sums) == 0 {
		return poly{t}
	}
	out := poly{rest}
	for _, f := range sums {
		if !f.exp.IsInt() || f.exp.Cmp(big.NewRat(8, 1)) > 0 {
			out = n.mul(out, poly{{coef: one(), factors: []factor{f}}})
			continue
		}
		for range f.exp.Num().Int64() {
			out = n.mul(out, n.poly(f.base))
		}
	}
	return out
}

// sumPower is a power of a sum as one factor. A negative power keeps the
// sum as its base, so that a presentation sees the sum as a denominator
// that terms share: a/(b - a) - c/(b - a) is (a - c)/(b - a). A positive
// power such as (mu1 - mu2)^2 stays one atom, as a textbook keeps it.
func sumPower(s expr.Expr, r *big.Rat) poly {
	if r.Sign() < 0 {
		return poly{{coef: one(), factors: []factor{{base: s, exp: r, key: expr.Key(s)}}}}
	}
	return atom(expr.Power(s, &expr.Num{Val: r}))
}

// powContent takes what every term of a sum shares out of its power, as
// a person writes it: (2*b - 2*a)^r is 2^r*(b - a)^r and (s*b - s*a)^r
// is s^r*(b - a)^r, and the forms then share one key. A fraction comes
// out when every coefficient is one over the same denominator:
// (7/2*b - 1/2*m)^2 is (7*b - m)^2/4, as an author writes it. Otherwise
// only the integer content of the coefficients does: a/2 + b/2 - m
// keeps its halves, which the presentation writes as (a + b)/2. A root
// keeps its sum whole: sqrt(2*s*(b + 1)) would otherwise print as a root
// times a power, sqrt(2*s)*(b + 1)^(1/2).
func (n *normalizer) powContent(base poly, r *big.Rat) (poly, bool) {
	if !r.IsInt() {
		return nil, false
	}
	coefs := make([]*big.Rat, len(base))
	for i, t := range base {
		coefs[i] = t.coef
	}
	k, ok := sharedFraction(coefs)
	if !ok {
		g := new(big.Int)
		for _, c := range coefs {
			g.GCD(nil, nil, g, new(big.Int).Abs(c.Num()))
		}
		k = new(big.Rat).SetInt(g)
	}
	inner := make(poly, len(base))
	for i, t := range base {
		inner[i] = term{coef: new(big.Rat).Quo(t.coef, k), factors: t.factors}
	}
	var out []factor
	for _, f := range commonFactors(inner) {
		if f.exp.IsInt() {
			out = append(out, f)
			continue
		}
		for i := range inner {
			inner[i].factors = append([]factor{f}, inner[i].factors...)
		}
	}
	if expr.RatEqual(k, one()) && len(out) == 0 {
		return nil, false
	}
	c, ok := n.powTerm(term{coef: k, factors: out}, r)
	if !ok {
		return nil, false
	}
	return n.mul(poly{c}, sumPower(inner.expr(), r)), true
}

// content is the greatest common divisor of the numerators of a sum's
// coefficients, when it is larger than 1.
func content(p poly) (*big.Rat, bool) {
	g := new(big.Int)
	for _, t := range p {
		g.GCD(nil, nil, g, new(big.Int).Abs(t.coef.Num()))
	}
	if g.Cmp(big.NewInt(1)) <= 0 {
		return nil, false
	}
	return new(big.Rat).SetInt(g), true
}

// powTerm raises one term to a rational power, when that is exact.
func (n *normalizer) powTerm(t term, r *big.Rat) (term, bool) {
	if t.coef.Sign() == 0 {
		// 0^r is 0 for r > 0 and undefined below; taken apart into
		// prime powers below, 0 would have none and read as 1, so that
		// sqrt(0) was 1.
		return term{coef: new(big.Rat)}, r.Sign() > 0
	}
	out := term{coef: one()}
	c, folded := ratPow(t.coef, r)
	if folded {
		out.coef = c
	} else if !expr.RatEqual(t.coef, one()) {
		if t.coef.Sign() < 0 {
			return term{}, false
		}
		// A rational to a fractional power, or to a power too large to
		// fold, stays a power of its numerator and denominator: sqrt(2)
		// is 2^(1/2), and 2^1000 stays 2^1000. What is a perfect power
		// comes out first, as a person takes it out: sqrt(4*s) is
		// 2*sqrt(s), and sqrt(8) is 2*sqrt(2).
		out.coef = new(big.Rat).SetInt64(1)
		for i, part := range []*big.Int{t.coef.Num(), t.coef.Denom()} {
			whole, left := perfectPart(part, r.Denom())
			exp := new(big.Rat).Set(r)
			if i == 1 {
				exp.Neg(exp)
			}
			// (whole^q)^(k/q) is whole^k.
			wexp := new(big.Rat).Mul(exp, new(big.Rat).SetInt(r.Denom()))
			if w, ok := ratPow(new(big.Rat).SetInt(whole), wexp); ok {
				out.coef.Mul(out.coef, w)
			} else {
				left = part
			}
			if left.Cmp(big.NewInt(1)) == 0 {
				continue
			}
			bn := &expr.Num{Val: new(big.Rat).SetInt(left)}
			out.factors = append(out.factors, factor{base: bn, exp: exp, key: expr.Key(bn)})
		}
	}
	for _, f := range t.factors {
		if !r.IsInt() && !n.ctx.IsPositive(f.base) {
			return term{}, false
		}
		exp := new(big.Rat).Mul(f.exp, r)
		out.factors = n.addFactor(out.factors, factor{base: f.base, exp: exp, key: f.key})
	}
	return n.joinExps(out), true
}

// perfectPart splits a positive integer n into whole^q*left, whole
// taking every small prime to the largest multiple of q it has, so that
// (whole^q*left)^(k/q) is whole^k*left^(k/q).
func perfectPart(n *big.Int, q *big.Int) (whole, left *big.Int) {
	whole, left = big.NewInt(1), big.NewInt(1)
	if !q.IsInt64() || q.Int64() < 2 {
		return whole, new(big.Int).Set(n)
	}
	k := q.Int64()
	for _, f := range primeFactors(n) {
		whole.Mul(whole, new(big.Int).Exp(f.p, big.NewInt(f.k/k), nil))
		left.Mul(left, new(big.Int).Exp(f.p, big.NewInt(f.k%k), nil))
	}
	return whole, left
}

func ratPow(b, e *big.Rat) (*big.Rat, bool) {
	x, ok := expr.Power(&expr.Num{Val: b}, &expr.Num{Val: e}).(*expr.Num)
	if !ok {
		return nil, false
	}
	return x.Val, true
}

func (n *normalizer) call(c *expr.Call) poly {
	args := make([]expr.Expr, len(c.Args))
	for i, a := range c.Args {
		p := n.poly(a)
		args[i] = p.expr()
		if specialHeads.Get()[c.Fn] && len(p) > 1 {
			// The argument of a special function is written as a
			// textbook writes it, erf((log(m) - a)/sqrt(2*b)), not
			// distributed over its terms: no rule reads inside it, and
			// the form is still one function of the normal form, so
			// equal arguments stay equal. A one-term argument has
			// nothing to distribute.
			args[i] = n.present(p)
		}
	}
	if len(args) == 1 {
		switch c.Fn {
		case "sqrt":
			return n.pow(&expr.Pow{Base: args[0], Exp: expr.R(1, 2)})
		case "log":
			return n.log(n.poly(args[0]))
		case "exp":
			if expr.IsInt(args[0], 0) {
				return constant(one())
			}
			if out, ok := n.expOfLogs(args[0]); ok {
				return out
			}
		}
	}
	return atom(expr.Fn(c.Fn, args...))
}

// expOfLogs takes the logarithms out of an exponential: exp(k·log(u))
// is u^k for a number k and u > 0, and exp(log(s) + c) is s·exp(c), as a
// person writes exp(log(s)/2) as √s.
func (n *normalizer) expOfLogs(arg expr.Expr) (poly, bool) {
	terms := []expr.Expr{arg}
	if s, ok := arg.(*expr.Add); ok {
		terms = s.Terms
	}
	out := constant(one())
	var rest []expr.Expr
	for _, t := range terms {
		k, u, ok := multipleOfLog(t)
		if ok && n.ctx.IsPositive(u) {
			out = n.mul(out, n.pow(&expr.Pow{Base: u, Exp: k}))
			continue
		}
		rest = append(rest, t)
	}
	if len(rest) == len(terms) {
		return nil, false
	}
	if len(rest) > 0 {
		out = n.mul(out, atom(expr.Fn("exp", expr.Sum(rest...))))
	}
	return out, true
}

// multipleOfLog reads t as k·log(u), k a number (1 for log(u) alone).
func multipleOfLog(t expr.Expr) (*expr.Num, expr.Expr, bool) {
	k := expr.N(1)
	if m, ok := t.(*expr.Mul); ok && len(m.Factors) == 2 {
		n, isNum := m.Factors[0].(*expr.Num)
		if !isNum {
			return nil, nil, false
		}
		k, t = n, m.Factors[1]
	}
	l, ok := t.(*expr.Call)
	if !ok || l.Fn != "log" || len(l.Args) != 1 {
		return nil, nil, false
	}
	return k, l.Args[0], true
}

// matrixAtom normalises a matrix product or transpose: a zero factor
// makes it zero, and numeric coefficients of its factors come out in
// front, so (-a)'*A*(-a) is a'*A*a.
func (n *normalizer) matrixAtom(e expr.Expr) poly {
	coef := new(big.Rat).SetInt64(1)
	var buf [4]expr.Expr
	kids := expr.ChildrenIn(e, &buf)
	nk := make([]expr.Expr, len(kids))
	for i, k := range kids {
		p := n.poly(k)
		if len(p) == 0 {
			return nil
		}
		if len(p) == 1 && !expr.RatEqual(p[0].coef, one()) {
			coef.Mul(coef, p[0].coef)
			p = poly{{coef: one(), factors: p[0].factors}}
		}
		nk[i] = p.expr()
	}
	out := atom(expr.WithChildren(e, nk))
	out[0].coef = coef
	return out
}

// log expands the logarithm of a positive product into a sum of
// logarithms of its atoms; log(exp(u)) is u and integers split into
// primes so that log(4) and 2*log(2) can cancel.
func (n *normalizer) log(p poly) poly {
	if len(p) > 1 {
		// Before the content, which would take a denominator out and
		// leave its sum multiplied back in but not expanded.
		if out, ok := n.logOfFraction(p); ok {
			return out
		}
		if content, rest, ok := n.sumContent(p); ok {
			return n.collect(append(n.log(content), atom(expr.Fn("log", rest.expr()))...))
		}
	}
	if len(p) != 1 || p[0].coef.Sign() <= 0 {
		return atom(expr.Fn("log", p.expr()))
	}
	t := p[0]
	for _, f := range t.factors {
		if !n.ctx.IsPositive(f.base) && !n.positiveFraction(f.base) {
			return atom(expr.Fn("log", p.expr()))
		}
	}
	out := logRat(t.coef, one())
	for _, f := range t.factors {
		switch b := f.base.(type) {
		case *expr.Num:
			// A power too large to fold, such as 2^1000.
			out = append(out, logRat(b.Val, f.exp)...)
			continue
		case *expr.Call:
			if b.Fn == "exp" {
				for _, s := range n.poly(b.Args[0]) {
					out = append(out, term{coef: new(big.Rat).Mul(s.coef, f.exp), factors: s.factors})
				}
				continue
			}
		case *expr.Sym:
			if b.Name == "e" {
				out = append(out, term{coef: f.exp})
				continue
			}
		case *expr.Add:
			if l, ok := n.logOfFraction(n.poly(b)); ok {
				for _, s := range l {
					out = append(out, term{coef: new(big.Rat).Mul(s.coef, f.exp), factors: s.factors})
				}
				continue
			}
		}
		out = append(out, term{coef: f.exp, factors: []factor{logFactor(f.base)}})
	}
	return n.collect(out)
}

// logOfFraction writes the logarithm of a sum over positive
// denominators as the logarithm of its numerator less those of the
// denominators: a Geometric of probability 1/(s + 1) leaves
// log(1 − 1/(s + 1)), which is log(s) − log(s + 1), and its terms then
// cancel against the others' as a person cancels them. The numerator is
// the sum times each denominator to its least power, normalised again,
// so that (s + 1)·1 − 1 is s; it must be positive and free of the
// denominators, or the logarithm is left whole.
func (n *normalizer) logOfFraction(p poly) (poly, bool) {
	denominator := func(f factor) bool { return f.exp.Sign() < 0 && n.ctx.IsPositive(f.base) }
	den := leastFactors(p, denominator)
	if len(den) == 0 {
		return nil, false
	}
	num := n.poly(poly(divideOut(p, den)).expr())
	for _, t := range num {
		if slices.ContainsFunc(t.factors, denominator) {
			return nil, false
		}
	}
	if len(num) == 0 || !n.ctx.IsPositive(num.expr()) {
		return nil, false
	}
	out := n.log(num)
	for _, d := range den {
		for _, s := range n.log(n.poly(d.base)) {
			out = append(out, term{coef: new(big.Rat).Mul(s.coef, d.exp), factors: s.factors})
		}
	}
	return n.collect(out), true
}

// positiveFraction reports a sum that logOfFraction writes as a
// logarithm, which it does only of a positive numerator over positive
// denominators: 1 − 1/(s + 1), which IsPositive does not see.
func (n *normalizer) positiveFraction(b expr.Expr) bool {
	if _, ok := b.(*expr.Add); !ok {
		return false
	}
	_, ok := n.logOfFraction(n.poly(b))
	return ok
}

// sumContent splits a sum into its positive content and the rest,
// 2*pi*a^2 + 2*pi*c^2 into 2*pi and a^2 + c^2, so that the logarithm of
// a Gaussian's variance a^2 + c^2 times 2*pi is log(2*pi) plus the
// logarithm of the variance, whose 2*pi cancels with the other
// density's, rather than the logarithm of the expanded sum. The content
// is the numbers' common part and every positive factor to its least
// exponent (see leastFactors), so 2*s^3 + 4*s is 2*s times s^2 + 2. The
// rest then has no content left, which makes the split idempotent: the
// logarithm of content times rest, multiplied out again, splits into the
// same two parts, and a presented logarithm of a sum presents as
// itself. The rest must be positive.
func (n *normalizer) sumContent(p poly) (poly, poly, bool) {
	g := numberContent(p)
	common := leastFactors(p, func(f factor) bool { return n.ctx.IsPositive(f.base) })
	if expr.RatEqual(g, one()) && len(common) == 0 {
		return nil, nil, false
	}
	rest := poly(divideOut(p, common))
	for i := range rest {
		rest[i].coef = new(big.Rat).Quo(rest[i].coef, g)
	}
	if !n.ctx.IsPositive(rest.expr()) {
		return nil, nil, false
	}
	return poly{{coef: g, factors: common}}, rest, true
}

// numberContent is the largest positive rational that divides every
// coefficient to an integer, 2 for 2*a + 4*b and 1/2 for a/2 + b/2
// (ratGCD in present.go leaves integers alone; here 2 is wanted).
func numberContent(p poly) *big.Rat {
	num, den := new(big.Int), big.NewInt(1)
	for _, t := range p {
		num.GCD(nil, nil, num, new(big.Int).Abs(t.coef.Num()))
		d := t.coef.Denom()
		den.Mul(den, new(big.Int).Quo(d, new(big.Int).GCD(nil, nil, den, d)))
	}
	return new(big.Rat).SetFrac(num, den)
}

// logRat is k*log(r) for a positive rational r, as a sum of multiples of
// logarithms of primes, in increasing order of the primes' keys.
func logRat(r, k *big.Rat) poly {
	var out poly
	for _, part := range []*big.Int{r.Num(), r.Denom()} {
		sign := k
		if part == r.Denom() {
			sign = new(big.Rat).Neg(k)
		}
		for _, f := range primeFactors(part) {
			prime := &expr.Num{Val: new(big.Rat).SetInt(f.p)}
			coef := new(big.Rat).Mul(sign, new(big.Rat).SetInt64(f.k))
			out = append(out, term{coef: coef, factors: []factor{logFactor(prime)}})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].factors[0].key < out[j].factors[0].key })
	return out
}

func logFactor(b expr.Expr) factor {
	l := expr.Fn("log", b)
	return factor{base: l, exp: one(), key: expr.Key(l)}
}

// smallPrimeBound is the largest trial divisor: factoring must stay
// cheap for any rational a user writes, so only the small primes of a
// number come out, and what is left, prime or not, stays whole.
const smallPrimeBound = 1 << 10

// primePower is one factor p^k of an integer; p may be a cofactor that
// was not factored further.
type primePower struct {
	p *big.Int
	k int64
}

// primeFactors splits a positive integer into its prime factors below
// smallPrimeBound, in increasing order, and the remaining cofactor. The
// arithmetic is in math/big, so a number of any size is factored exactly.
func primeFactors(n *big.Int) []primePower {
	var out []primePower
	v := new(big.Int).Set(n)
	q, r, bp := new(big.Int), new(big.Int), new(big.Int)
	for p := int64(2); p <= smallPrimeBound; p++ {
		if v.IsUint64() && uint64(p*p) > v.Uint64() {
			break
		}
		bp.SetInt64(p)
		k := int64(0)
		for {
			q.QuoRem(v, bp, r)
			if r.Sign() != 0 {
				break
			}
			v.Set(q)
			k++
		}
		if k > 0 {
			out = append(out, primePower{p: big.NewInt(p), k: k})
		}
	}
	if v.Cmp(big.NewInt(1)) > 0 {
		out = append(out, primePower{p: v, k: 1})
	}
	return out
}

func (t term) key() string {
	if len(t.factors) == 1 {
		return t.factors[0].powKey()
	}
	keys := make([]string, len(t.factors))
	for i, f := range t.factors {
		keys[i] = f.powKey()
	}
	sort.Strings(keys)
	return strings.Join(keys, "*")
}

// powKey is the factor's key with its exponent.
func (f factor) powKey() string {
	if f.exp == ratOne.Get() {
		return f.key + "^1"
	}
	return f.key + "^" + f.exp.RatString()
}

// collect adds like terms, keeping the order of first appearance, and
// merges sums over the same index range into one sum.
func (n *normalizer) collect(p poly) poly {
	if len(p) > maxTerms {
		n.overflow = true
	}
	p = n.mergeIndexSums(p)
	var out poly
	if len(p) <= collectByScan {
		out = collectByLikeness(p)
	} else {
		out = collectByKeys(p)
	}
	kept := out[:0]
	for _, t := range out {
		if t.coef.Sign() != 0 {
			kept = append(kept, t)
		}
	}
	return kept
}

// collectByKeys adds like terms, those of the same key, keeping the
// order of first appearance.
func collectByKeys(p poly) poly {
	var out poly
	at := map[string]int{}
	for _, t := range p {
		k := t.key()
		if i, ok := at[k]; ok {
			out[i].coef = new(big.Rat).Add(out[i].coef, t.coef)
			continue
		}
		at[k] = len(out)
		out = append(out, t) // the coefficient shared: it is replaced, never changed
	}
	return out
}

// collectByScan is the most terms collect compares pairwise rather than
// through a map of their keys: for the few terms of most sums, building a
// key for each and a map to hold them costs more than the comparisons.
const collectByScan = 16

// collectByLikeness is collectByKeys by pairwise comparison, with the
// same likeness (like) and so the same result.
func collectByLikeness(p poly) poly {
	out := make(poly, 0, len(p))
	var keys [collectByScan]string // out's keys, "" until needed
	for _, t := range p {
		tk := ""
		found := false
		for i := range out {
			if like(out[i], t, &keys[i], &tk) {
				out[i].coef = new(big.Rat).Add(out[i].coef, t.coef)
				found = true
				break
			}
		}
		if !found {
			keys[len(out)] = tk
			out = append(out, t) // the coefficient shared: it is replaced, never changed
		}
	}
	return out
}

// like reports whether a and b have the same key, building their keys
// (in ak and bk, kept for the next comparison) only where they are not
// both one factor. For one factor each, the keys are equal exactly when
// the factors' keys and exponents are: an exponent's RatString has no
// "^", so the last "^" of a key parts the two.
func like(a, b term, ak, bk *string) bool {
	if len(a.factors) == 1 && len(b.factors) == 1 {
		fa, fb := a.factors[0], b.factors[0]
		return fa.key == fb.key && expr.RatEqual(fa.exp, fb.exp)
	}
	if len(a.factors) == 0 || len(b.factors) == 0 {
		// A constant's key is "", and every other term's has a "^".
		return len(a.factors) == len(b.factors)
	}
	if *ak == "" {
		*ak = a.key()
	}
	if *bk == "" {
		*bk = b.key()
	}
	return *ak == *bk
}

// mergeIndexSums joins c1*sum(d in a..b, f) + c2*sum(d in a..b, g) into
// sum(d in a..b, c1*f + c2*g), the reverse of linearity, so that the
// terms of a KL between products can cancel coordinate by coordinate.
func (n *normalizer) mergeIndexSums(p poly) poly {
	p = n.absorbCounts(p)
	// Most sums collected have no finite sum among their terms; they are
	// returned as they are rather than copied.
	if !slices.ContainsFunc(p, isIndexSum) {
		return p
	}
	first := map[string]int{}
	var bodies = map[string][]expr.Expr{}
	var out poly
	for _, t := range p {
		if !isIndexSum(t) {
			out = append(out, t)
			continue
		}
		b := t.factors[0].base.(*expr.Big)
		k := b.Index + "|" + expr.String(b.Lo) + "|" + expr.String(b.Hi)
		if _, seen := first[k]; !seen {
			first[k] = len(out)
			out = append(out, t)
		}
		bodies[k] = append(bodies[k], expr.Prod(&expr.Num{Val: t.coef}, b.Body))
	}
	for k, i := range first {
		if len(bodies[k]) < 2 {
			continue
		}
		b := out[i].factors[0].base.(*expr.Big)
		body := n.poly(expr.Sum(bodies[k]...)).expr()
		merged := &expr.Big{Op: "sum", Index: b.Index, Lo: b.Lo, Hi: b.Hi, Body: body}
		out[i] = atom(merged)[0]
	}
	return out
}

// isIndexSum reports whether t is c*sum(d in a..b, f).
func isIndexSum(t term) bool {
	if len(t.factors) != 1 || !expr.RatEqual(t.factors[0].exp, one()) {
		return false
	}
	b, ok := t.factors[0].base.(*expr.Big)
	return ok && b.Op == "sum"
}

// absorbCounts writes c*k as sum(d in 1..k, c) when a sum over 1..k is
// among the terms, so that -k joins the sum of a KL over coordinates.
func (n *normalizer) absorbCounts(p poly) poly {
	ranges := map[string]*expr.Big{}
	for _, t := range p {
		if len(t.factors) == 1 {
			if b, ok := t.factors[0].base.(*expr.Big); ok && b.Op == "sum" && expr.IsInt(b.Lo, 1) {
				if hi, ok := b.Hi.(*expr.Sym); ok {
					ranges[hi.Name] = b
				}
			}
		}
	}
	if len(ranges) == 0 {
		return p
	}
	out := make(poly, 0, len(p))
	for _, t := range p {
		if len(t.factors) == 1 && expr.RatEqual(t.factors[0].exp, one()) {
			if s, ok := t.factors[0].base.(*expr.Sym); ok && ranges[s.Name] != nil {
				b := ranges[s.Name]
				count := &expr.Big{Op: "sum", Index: b.Index, Lo: b.Lo, Hi: b.Hi, Body: expr.N(1)}
				out = append(out, term{coef: t.coef, factors: []factor{{base: count, exp: one(), key: expr.Key(count)}}})
				continue
			}
		}
		out = append(out, t)
	}
	return out
}

// expr rebuilds an expression from a normal form.
func (p poly) expr() expr.Expr {
	terms := make([]expr.Expr, len(p))
	for i, t := range p {
		terms[i] = t.expr()
	}
	return expr.Sum(terms...)
}

func (t term) expr() expr.Expr {
	fs := []expr.Expr{&expr.Num{Val: t.coef}}
	for _, f := range t.factors {
		fs = append(fs, expr.Power(f.base, &expr.Num{Val: f.exp}))
	}
	return expr.Prod(fs...)
}

// joinConstantLogs writes the logarithms of numbers and π that share a
// coefficient up to sign as one, -1/2*log(2) + 1/2*log(pi) as
// 1/2*log(pi/2): the normal form takes log(2*pi) apart so that its
// parts can cancel, and what is left of them reads as one constant.
func joinConstantLogs(p poly) poly {
	groups := map[string][]int{}
	for i, t := range p {
		if isConstantLog(t) {
			k := new(big.Rat).Abs(t.coef).RatString()
			groups[k] = append(groups[k], i)
		}
	}
	var out poly
	for i, t := range p {
		g := groups[new(big.Rat).Abs(t.coef).RatString()]
		switch {
		case !isConstantLog(t) || len(g) < 2:
			out = append(out, t)
		case g[0] == i:
			ts := make([]term, len(g))
			for j, at := range g {
				ts[j] = p[at]
			}
			// logGroup is g*log(a), or log(a) alone when g is 1.
			l, coef := logGroup(ts), one()
			if m, ok := l.(*expr.Mul); ok {
				if c, ok := m.Factors[0].(*expr.Num); ok {
					l, coef = expr.Prod(m.Factors[1:]...), c.Val
				}
			}
			out = append(out, term{coef: coef, factors: []factor{{base: l, exp: one(), key: expr.Key(l)}}})
		}
	}
	return out
}

// isConstantLog reports whether t is c*log(a) with a a number or π.
func isConstantLog(t term) bool {
	if !isLogTerm(t) {
		return false
	}
	switch a := t.factors[0].base.(*expr.Call).Args[0].(type) {
	case *expr.Num:
		return true
	case *expr.Sym:
		return a.Name == "pi"
	}
	return false
}

// Algebra holds the computed rules of elementary algebra.
var Algebra = once.Value[Set]{New: func() Set {
	return Set{
		computed("algebra", "expand, cancel and collect like terms",
			"a*(b + c) + a*b", "2*a*b + a*c", func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
				n := &normalizer{ctx: ctx}
				out := joinConstantLogs(n.poly(e)).expr()
				if n.overflow || expr.Equal(out, e) {
					return nil, nil, false
				}
				return out, nil, true
			}).with("2*log(s) - log(s^2) + (m - m)^2 + s^2/(2*s^2)"),
	}
}}
