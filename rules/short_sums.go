package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// MaxWrittenTerms is the longest sum written out term by term: a person
// writes the two terms of a sum over {0, 1}, a Bernoulli's, but keeps Σ
// for a Binomial with three trials, whose four terms of factorials read
// worse than the sum.
const MaxWrittenTerms = 2

// WriteOutShortSum writes a sum over a few literal indices as its terms,
// each in its normal form, so that a Bernoulli's E[log Γ(x + 1)] over
// {0, 1} becomes (1 − a)·log Γ(1) + a·log Γ(2), which the exact values
// of Γ close.
var WriteOutShortSum = once.Value[*Rule]{New: func() *Rule {
	return computed("write-out-short-sum", "a sum of a few terms, written out", "sum(d in a..b, f(d))", "f(a) + f(a + 1) + f(b)", writeOutShortSum).
		only("sum", "").with("sum(x in 1..2, c^x*log(gamma(x + 1)))")
}}

func writeOutShortSum(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	b, ok := e.(*expr.Big)
	if !ok || b.Op != "sum" {
		return nil, nil, false
	}
	lo, okl := smallInteger(b.Lo)
	hi, okh := smallInteger(b.Hi)
	if !okl || !okh || hi < lo || hi-lo+1 > MaxWrittenTerms {
		return nil, nil, false
	}
	var terms []expr.Expr
	for k := lo; k <= hi; k++ {
		t := expr.Replace(b.Body, expr.S(b.Index), &expr.Num{Val: big.NewRat(k, 1)})
		if n, ok := Normalize(t, ctx); ok {
			t = n
		}
		terms = append(terms, t)
	}
	return expr.Sum(terms...), nil, true
}

// smallInteger is a literal integer of modest size.
func smallInteger(e expr.Expr) (int64, bool) {
	n, ok := e.(*expr.Num)
	if !ok || !n.Val.IsInt() || !n.Val.Num().IsInt64() {
		return 0, false
	}
	v := n.Val.Num().Int64()
	if v < -1<<20 || v > 1<<20 {
		return 0, false
	}
	return v, true
}
