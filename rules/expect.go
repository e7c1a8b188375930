package rules

import "github.com/klderive/klderive/internal/once"

// Linearity holds the linearity of expectation and of finite sums.
var Linearity = once.Value[Set]{New: func() Set {
	return Set{
		rw("expectation-of-sum", "linearity of expectation", "E(x ~ p, a + b)", "E(x ~ p, a) + E(x ~ p, b)").
			with("E(x ~ p, x + x^2 + 1)"),
		rw("expectation-of-scaled", "linearity of expectation", "E(x ~ p, c*f)", "c*E(x ~ p, f)", FreeOf("c", "x")).
			with("E(x ~ p, -1/(2*s)*(x - m)^2)"),
		rw("expectation-of-constant", "expectation of a constant", "E(x ~ p, c)", "c", FreeOf("c", "x")).
			with("E(x ~ p, log(2*pi*s))"),
		rw("expectation-of-index-sum", "linearity of expectation", "E(x ~ p, sum(d in a..b, f))", "sum(d in a..b, E(x ~ p, f))").
			with("E(z ~ r, sum(d in 1..D, z[d]^2))"),
		rw("index-sum-of-sum", "linearity of a finite sum", "sum(d in a..b, f + g)", "sum(d in a..b, f) + sum(d in a..b, g)").
			with("sum(d in 1..D, mu[d] + 1)"),
		rw("index-sum-of-scaled", "linearity of a finite sum", "sum(d in a..b, c*f)", "c*sum(d in a..b, f)", FreeOf("c", "d")).
			with("sum(d in 1..D, -1/2*mu[d])"),
	}
}}
