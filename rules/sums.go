package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// CollectSums joins sums over one range whose bodies share a factor of
// the index, as a hand derivation collects
// Σ(αₖ − 1)(ψ(αₖ) − ψ(α₀)) − Σ(βₖ − 1)(ψ(αₖ) − ψ(α₀)) into
// Σ(αₖ − βₖ)(ψ(αₖ) − ψ(α₀)); the sums are not merged otherwise, so that
// each stays a term of its own.
var CollectSums = once.Value[Set]{New: func() Set {
	return Set{
		computed("collect-index-sums", "sums over the coordinates with a common factor",
			"sum(d in 1..K, f*x) - sum(d in 1..K, g*x)", "sum(d in 1..K, (f - g)*x)", collectSums).
			with("sum(d in 1..D, (mu[d] - 1)*log(t[d])) - sum(d in 1..D, (c[d] - 1)*log(t[d]))"),
	}
}}

// CollectLogSums joins two sums over one range that share their weight
// and differ in one logarithm, Σ w·log u − Σ w·log v = Σ w·log(u/v) for
// positive u and v: a Binomial's two expected log-factorials over r's
// support become one sum of r(x)·log(Γ(n − x + 1)/Γ(m − x + 1)).
var CollectLogSums = once.Value[Set]{New: func() Set {
	return Set{
		computed("collect-log-sums", "sums with one weight: the logarithm of the ratio",
			"sum(d in a..b, w*log(u)) - sum(d in a..b, w*log(v))", "sum(d in a..b, w*log(u/v))", collectLogSums).
			with("sum(d in 1..D, mu[d]^2*log(s)) - sum(d in 1..D, mu[d]^2*log(v)) + a"),
	}
}}

func collectLogSums(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	return joinSumPair(e, func(si, sj indexSum, f, ri, rj expr.Expr) (expr.Expr, []string, bool) {
		li, oki := ri.(*expr.Call)
		lj, okj := rj.(*expr.Call)
		if !oki || !okj || li.Fn != "log" || lj.Fn != "log" || !ctx.IsPositive(li.Args[0]) || !ctx.IsPositive(lj.Args[0]) {
			return nil, nil, false
		}
		// c·Σ f·log u − c·Σ f·log v, the coefficients opposite.
		ci, cj := si.coef.(*expr.Num).Val, sj.coef.(*expr.Num).Val
		if new(big.Rat).Add(ci, cj).Sign() != 0 {
			return nil, nil, false
		}
		num, den := li.Args[0], lj.Args[0]
		coef := si.coef
		if ci.Sign() < 0 {
			num, den, coef = den, num, sj.coef
		}
		body := expr.Prod(f, expr.Fn("log", expr.Quo(num, den)))
		joined := expr.Prod(coef, &expr.Big{Op: "sum", Index: si.sum.Index, Lo: si.sum.Lo, Hi: si.sum.Hi, Body: body})
		return joined, []string{expr.String(num) + " > 0", expr.String(den) + " > 0"}, true
	})
}

// joinSumPair looks in a sum e for two sums over one range whose bodies
// share a factor f of the index, the rest of each being ri and rj, and
// puts in the first's place what join makes of them, dropping the
// second; join declines a pair by returning false.
func joinSumPair(e expr.Expr, join func(si, sj indexSum, f, ri, rj expr.Expr) (expr.Expr, []string, bool)) (expr.Expr, []string, bool) {
	a, ok := e.(*expr.Add)
	if !ok {
		return nil, nil, false
	}
	for i, t := range a.Terms {
		si, ok := asIndexSum(t)
		if !ok {
			continue
		}
		for j := i + 1; j < len(a.Terms); j++ {
			sj, ok := asIndexSum(a.Terms[j])
			if !ok || sj.sum.Index != si.sum.Index || !expr.Equal(si.sum.Lo, sj.sum.Lo) || !expr.Equal(si.sum.Hi, sj.sum.Hi) {
				continue
			}
			f, ri, rj, ok := commonFactor(si.sum.Body, sj.sum.Body, si.sum.Index)
			if !ok {
				continue
			}
			joined, why, ok := join(si, sj, f, ri, rj)
			if !ok {
				continue
			}
			terms := append([]expr.Expr{}, a.Terms...)
			terms[i] = joined
			terms = append(terms[:j], terms[j+1:]...)
			return expr.Sum(terms...), why, true
		}
	}
	return nil, nil, false
}

// indexSum is a term c·sum(d in lo..hi, body) of a sum.
type indexSum struct {
	coef expr.Expr
	sum  *expr.Big
}

func asIndexSum(t expr.Expr) (indexSum, bool) {
	coef := expr.Expr(expr.N(1))
	if m, ok := t.(*expr.Mul); ok && len(m.Factors) == 2 {
		if n, isNum := m.Factors[0].(*expr.Num); isNum {
			coef, t = n, m.Factors[1]
		}
	}
	b, ok := t.(*expr.Big)
	return indexSum{coef, b}, ok && b.Op == "sum"
}

// commonFactor is the product of the factors both bodies share, at
// least one of them using the index, and the rest of each body without
// them: a Binomial's two sums Σ r(x)·log Γ(m − x + 1) and
// Σ r(x)·log Γ(n − x + 1) share the whole weight r(x).
func commonFactor(a, b expr.Expr, index string) (f, restA, restB expr.Expr, ok bool) {
	fa, fb := factorsOf(a), factorsOf(b)
	var shared []expr.Expr
	usesIndex := false
	for i := 0; i < len(fa); i++ {
		for j, y := range fb {
			if expr.Equal(fa[i], y) {
				shared = append(shared, fa[i])
				usesIndex = usesIndex || expr.Uses(fa[i], index)
				fa, fb = without(fa, i), without(fb, j)
				i--
				break
			}
		}
	}
	if !usesIndex {
		return nil, nil, nil, false
	}
	return expr.Prod(shared...), expr.Prod(fa...), expr.Prod(fb...), true
}

func factorsOf(e expr.Expr) []expr.Expr {
	if m, ok := e.(*expr.Mul); ok {
		return m.Factors
	}
	return []expr.Expr{e}
}

func without(xs []expr.Expr, i int) []expr.Expr {
	return append(append([]expr.Expr{}, xs[:i]...), xs[i+1:]...)
}

func collectSums(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	return joinSumPair(e, func(si, sj indexSum, f, ri, rj expr.Expr) (expr.Expr, []string, bool) {
		coef, ok := Normalize(expr.Sum(expr.Prod(si.coef, ri), expr.Prod(sj.coef, rj)), ctx)
		if !ok {
			return nil, nil, false
		}
		body := expr.Prod(coef, f)
		if m, ok := f.(*expr.Mul); ok && len(m.Factors) > 1 {
			// A shared weight of several factors, a probability,
			// reads first: Σ r(x)·(log a − log b).
			body = expr.Prod(f, coef)
		}
		return &expr.Big{Op: "sum", Index: si.sum.Index, Lo: si.sum.Lo, Hi: si.sum.Hi, Body: body}, nil, true
	})
}
