package rules

import "github.com/klderive/klderive/internal/once"

// Absolute brings an absolute value inside an expectation to the form
// the families' rules take, E[|x + c|]: |u| is u where u is positive
// (|x| under a Gamma, whose support is x > 0) and −u where u is
// negative, and a coefficient of the variable comes out, |k·x + c| =
// |k|·|x + c/k|, so that |1 − x| and |2·x − 1| are deviations about a
// point.
var Absolute = once.Value[Set]{New: func() Set {
	return Set{
		rw("absolute-of-positive", "absolute value of a positive term", "abs(f)", "f", Positive("f")).
			with("abs(s^2 + 1)"),
		rw("absolute-of-negative", "absolute value of a negative term", "abs(f)", "-f", Negative("f")).
			with("abs(-3)"),
		rw("expectation-of-scaled-absolute", "absolute value of a scaled deviation", "E(x ~ p, abs(k*x + c))", "k*E(x ~ p, abs(x + c/k))",
			FreeOf("k", "x"), FreeOf("c", "x"), Positive("k")).OrZero("c").
			with("E(x ~ p, abs(2*x - 1))"),
		rw("expectation-of-reflected-absolute", "absolute value of a scaled deviation", "E(x ~ p, abs(k*x + c))", "-k*E(x ~ p, abs(x + c/k))",
			FreeOf("k", "x"), FreeOf("c", "x"), Negative("k")).OrZero("c").
			with("E(x ~ p, abs(1 - x))"),
	}
}}
