package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// The Beta function and the digamma function at half-integers, which a
// Beta of parameters 1/2 (the arcsine distribution, Jeffreys' prior)
// leaves in its entropy: log B(1/2, 1/2) + ψ(1/2) − ψ(1), that is
// log(π/4).
var (
	// B(m, n) = Γ(m)·Γ(n)/Γ(m + n), whose Gammas at integers and
	// half-integers gamma-at-integer and gamma-at-half-integer write
	// out: B(1/2, 1/2) = (√π)²/0! = π. Beta at two integers is
	// beta-at-integers'.
	betaHalfInteger = once.Value[*Rule]{New: func() *Rule {
		return computed("beta-at-half-integers", "the Beta function at half-integers, in Gamma functions", "beta(m, n)",
			"gamma(m)*gamma(n)/gamma(m + n)",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				n, ok := numArgs(e, "beta", 2)
				if !ok || (n[0].IsInt() && n[1].IsInt()) {
					return nil, nil, false
				}
				sum := new(big.Rat).Add(n[0], n[1])
				for _, v := range []*big.Rat{n[0], n[1]} {
					twice := new(big.Rat).Add(v, v)
					if v.Sign() <= 0 || !twice.IsInt() || sum.Cmp(big.NewRat(maxFactorial/2, 1)) > 0 {
						return nil, nil, false
					}
				}
				num := func(r *big.Rat) expr.Expr { return &expr.Num{Val: r} }
				return expr.Quo(expr.Prod(expr.Fn("gamma", num(n[0])), expr.Fn("gamma", num(n[1]))), expr.Fn("gamma", num(sum))), nil, true
			}).with("beta(1/2, 3/2)")
	}}
	// ψ(1/2) = ψ(1) − 2·log 2, from Legendre's duplication formula
	// differentiated at 1/2, and the recurrence ψ(a + 1) = ψ(a) + 1/a
	// adds 2/(2k − 1) for each step. ψ(1) stays (see exactValues): in an
	// entropy its multiples cancel, since the coefficients of the ψ's
	// there sum to zero.
	digammaHalfInteger = once.Value[*Rule]{New: func() *Rule {
		return computed("digamma-at-half-integer", "the digamma function at a half-integer, from its value at 1",
			"digamma(n + 1/2)", "digamma(1) - 2*log(2) + sum(k in 1..n, 2/(2*k - 1))",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				n, ok := numArgs(e, "digamma", 1)
				if !ok {
					return nil, nil, false
				}
				v := new(big.Rat).Sub(n[0], big.NewRat(1, 2))
				if v.Sign() < 0 || !v.IsInt() || v.Cmp(big.NewRat(maxFactorial, 1)) > 0 {
					return nil, nil, false
				}
				steps := new(big.Rat)
				for k := int64(1); k <= v.Num().Int64(); k++ {
					steps.Add(steps, big.NewRat(2, 2*k-1))
				}
				out := []expr.Expr{expr.Fn("digamma", expr.N(1)), expr.Prod(expr.N(-2), expr.Fn("log", expr.N(2)))}
				if steps.Sign() != 0 {
					out = append(out, &expr.Num{Val: steps})
				}
				return expr.Sum(out...), nil, true
			}).with("digamma(5/2)")
	}}
	// ψ(n) = ψ(1) + 1 + 1/2 + … + 1/(n − 1), by the recurrence: a Beta
	// with a half-integer and an integer parameter leaves ψ(2) beside
	// ψ(1), which then cancel.
	digammaInteger = once.Value[*Rule]{New: func() *Rule {
		return computed("digamma-at-integer", "the digamma function at an integer, from its value at 1",
			"digamma(n)", "digamma(1) + sum(k in 1..n - 1, 1/k)",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				n, ok := smallInts(e, "digamma", 1)
				if !ok || n[0] < 2 {
					return nil, nil, false
				}
				steps := new(big.Rat)
				for k := int64(1); k < n[0]; k++ {
					steps.Add(steps, big.NewRat(1, k))
				}
				return expr.Sum(expr.Fn("digamma", expr.N(1)), &expr.Num{Val: steps}), nil, true
			}).with("digamma(4)")
	}}
)
