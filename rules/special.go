package rules

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// The identities of the special functions that the densities of the
// Gamma and Beta families need, for positive arguments (where Γ and B
// are positive and log Γ is the logarithm of Γ).
var (
	logGamma = once.Value[*Rule]{New: func() *Rule {
		return rw("log-gamma", "log of the Gamma function", "log(gamma(a))", "lgamma(a)", Positive("a")).with("log(gamma(s + 1))")
	}}
	lgammaAsLog = once.Value[*Rule]{New: func() *Rule {
		return rw("lgamma-as-log", "log-Gamma as a logarithm", "lgamma(a)", "log(gamma(a))", Positive("a")).with("lgamma(2*s)")
	}}
	logBeta = once.Value[*Rule]{New: func() *Rule {
		return rw("log-beta", "log of the Beta function", "log(beta(a, b))", "lgamma(a) + lgamma(b) - lgamma(a + b)", Positive("a", "b")).with("log(beta(s, 2*w))")
	}}
	lbetaExpand = once.Value[*Rule]{New: func() *Rule {
		return rw("lbeta-in-lgamma", "log-Beta in log-Gamma", "lbeta(a, b)", "lgamma(a) + lgamma(b) - lgamma(a + b)", Positive("a", "b")).with("lbeta(v, w)")
	}}
	gammaRecur = once.Value[*Rule]{New: func() *Rule {
		return rw("gamma-recurrence", "recurrence of the Gamma function", "gamma(a + 1)", "a*gamma(a)", Positive("a")).with("gamma(s + 1)")
	}}
	digammaRecur = once.Value[*Rule]{New: func() *Rule {
		return rw("digamma-recurrence", "recurrence of the digamma function", "digamma(a + 1)", "digamma(a) + 1/a", Positive("a")).with("digamma(v + 1)")
	}}
	// ψ′ is the derivative of ψ, so its recurrence is that of ψ
	// differentiated.
	trigammaRecur = once.Value[*Rule]{New: func() *Rule {
		return rw("trigamma-recurrence", "recurrence of the trigamma function", "trigamma(a + 1)", "trigamma(a) - 1/a^2", Positive("a")).with("trigamma(v + 1)")
	}}
)

// Special holds the special-function identities.
var Special = once.Value[Set]{New: func() Set {
	return Set{logGamma.Get(), lgammaAsLog.Get(), logBeta.Get(), lbetaExpand.Get(), gammaRecur.Get(), digammaRecur.Get(), trigammaRecur.Get()}
}}

// The exact values of the special functions at the literal arguments a
// density with a number for a parameter leaves: Γ(2) in the Gamma
// density of shape 2, B(1, 1) in the Beta's, ψ′(1) in the variance of
// log x under an exponential. ψ′(1) = Σ 1/k² is Euler's π²/6, and
// ψ′(1/2) = Σ 1/(k + 1/2)², four times the odd squares' sum π²/8; the
// recurrence ψ′(a + 1) = ψ′(a) − 1/a² takes both to every integer and
// half-integer.
var (
	trigammaInteger = once.Value[*Rule]{New: func() *Rule {
		return computed("trigamma-at-integer", "the trigamma function at a positive integer (Euler's sum of 1/k^2, less its first terms)",
			"trigamma(n)", "pi^2/6 - sum(k in 1..n - 1, 1/k^2)",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				return trigammaAt(e, false)
			}).with("trigamma(3)")
	}}
	trigammaHalfInteger = once.Value[*Rule]{New: func() *Rule {
		return computed("trigamma-at-half-integer", "the trigamma function at a half-integer (the sum of 1/k^2 over odd k, less its first terms)",
			"trigamma(n + 1/2)", "pi^2/2 - sum(k in 1..n, 4/(2*k - 1)^2)",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				return trigammaAt(e, true)
			}).with("trigamma(5/2)")
	}}
	gammaInteger = once.Value[*Rule]{New: func() *Rule {
		return computed("gamma-at-integer", "the Gamma function at a positive integer is a factorial", "gamma(n)", "prod(k in 1..n - 1, k)",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				n, ok := smallInts(e, "gamma", 1)
				if !ok {
					return nil, nil, false
				}
				return factorial(n[0] - 1), nil, true
			}).with("gamma(4)")
	}}
	lgammaInteger = once.Value[*Rule]{New: func() *Rule {
		return computed("lgamma-at-integer", "the log-Gamma function at a positive integer is the log of a factorial", "lgamma(n)", "log(prod(k in 1..n - 1, k))",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				n, ok := smallInts(e, "lgamma", 1)
				if !ok {
					return nil, nil, false
				}
				return expr.Fn("log", factorial(n[0]-1)), nil, true
			}).with("lgamma(3)")
	}}
	betaInteger = once.Value[*Rule]{New: func() *Rule {
		return computed("beta-at-integers", "the Beta function at positive integers, in factorials", "beta(m, n)",
			"prod(k in 1..m - 1, k)*prod(k in 1..n - 1, k)/prod(k in 1..m + n - 1, k)",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				n, ok := smallInts(e, "beta", 2)
				if !ok || n[0]+n[1]-1 > maxFactorial {
					return nil, nil, false
				}
				f := func(k int64) *big.Rat { return factorial(k).(*expr.Num).Val }
				v := new(big.Rat).Mul(f(n[0]-1), f(n[1]-1))
				return &expr.Num{Val: v.Quo(v, f(n[0]+n[1]-1))}, nil, true
			}).with("beta(2, 3)")
	}}
)

// exactValues are the values listed with the special functions. ψ at an
// integer has none here: ψ(1) = −γ needs Euler's constant, and γ is how
// a user's parameter named gamma prints (γ, \gamma) and reads back in
// check, so writing −γ would make a shown line ambiguous. ψ(1) is exact
// and unambiguous, and stays.
var exactValues = once.Value[Set]{New: func() Set {
	return Set{gammaInteger.Get(), lgammaInteger.Get(), betaInteger.Get(), trigammaInteger.Get(), trigammaHalfInteger.Get(),
		gammaHalfInteger.Get(), betaHalfInteger.Get(), digammaHalfInteger.Get(), digammaInteger.Get(), absNumber.Get(), maxNumbers.Get(), minNumbers.Get(), logUnitFraction.Get(), rootOfSquare.Get(), rootFactors.Get(), expZero.Get()}
}}

// SpecialValues holds the exact values, with log 1 = 0 for the log-Gamma
// of 1 and 2.
var SpecialValues = once.Value[Set]{New: func() Set {
	return Join(exactValues.Get(), Set{LogOne.Get()})
}}

// maxFactorial bounds the factorials written out: 20! is the last that
// a reader takes in at a glance (and that fits in an int64).
const maxFactorial = 20

// smallInts reads the arguments of a call to fn as integers from 1 to
// maxFactorial.
func smallInts(e expr.Expr, fn string, arity int) ([]int64, bool) {
	c, ok := e.(*expr.Call)
	if !ok || c.Fn != fn || len(c.Args) != arity {
		return nil, false
	}
	var out []int64
	for _, a := range c.Args {
		n, ok := a.(*expr.Num)
		if !ok || !n.Val.IsInt() || n.Val.Sign() <= 0 || n.Val.Cmp(big.NewRat(maxFactorial, 1)) > 0 {
			return nil, false
		}
		out = append(out, n.Val.Num().Int64())
	}
	return out, true
}

// factorial is n! as a number, for 0 ≤ n ≤ maxFactorial.
func factorial(n int64) expr.Expr {
	v := big.NewInt(1)
	for k := int64(2); k <= n; k++ {
		v.Mul(v, big.NewInt(k))
	}
	return &expr.Num{Val: new(big.Rat).SetInt(v)}
}

// trigammaAt is ψ′ at a positive integer n (half false) or at n + 1/2
// (half true), n below maxFactorial: π²/6 − Σ_{k<n} 1/k², or
// π²/2 − Σ_{k≤n} 4/(2k − 1)².
func trigammaAt(e expr.Expr, half bool) (expr.Expr, []string, bool) {
	c, ok := e.(*expr.Call)
	if !ok || c.Fn != "trigamma" || len(c.Args) != 1 {
		return nil, nil, false
	}
	a, ok := c.Args[0].(*expr.Num)
	if !ok || a.Val.Sign() <= 0 {
		return nil, nil, false
	}
	v := new(big.Rat).Set(a.Val)
	if half {
		v.Sub(v, big.NewRat(1, 2))
	}
	if !v.IsInt() || v.Cmp(big.NewRat(maxFactorial, 1)) > 0 || !half && v.Sign() == 0 {
		return nil, nil, false
	}
	n := v.Num().Int64()
	sum, lead := new(big.Rat), big.NewRat(1, 6)
	if half {
		lead = big.NewRat(1, 2)
		for k := int64(1); k <= n; k++ {
			sum.Add(sum, big.NewRat(4, (2*k-1)*(2*k-1)))
		}
	} else {
		for k := int64(1); k < n; k++ {
			sum.Add(sum, big.NewRat(1, k*k))
		}
	}
	out := expr.Prod(&expr.Num{Val: lead}, expr.Power(expr.S("pi"), expr.N(2)))
	if sum.Sign() != 0 {
		out = expr.Sum(out, &expr.Num{Val: sum.Neg(sum)})
	}
	return out, nil, true
}

// Γ at a half-integer, which a HalfNormal's shape 1/2 or a χ² with an
// odd count of degrees leaves: Γ(1/2) = √π (the Gaussian integral), and
// the recurrence Γ(a + 1) = a·Γ(a) takes it to Γ(n + 1/2) =
// (2n)!/(4ⁿ·n!)·√π.
var gammaHalfInteger = once.Value[*Rule]{New: func() *Rule {
	return computed("gamma-at-half-integer", "the Gamma function at a half-integer ((2n)!/(4^n n!) times the square root of pi)",
		"gamma(n + 1/2)", "prod(k in 1..2*n, k)/(4^n*prod(k in 1..n, k))*sqrt(pi)",
		func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
			n, ok := numArgs(e, "gamma", 1)
			if !ok {
				return nil, nil, false
			}
			v := new(big.Rat).Sub(n[0], big.NewRat(1, 2))
			if v.Sign() < 0 || !v.IsInt() || v.Cmp(big.NewRat(maxFactorial/2, 1)) > 0 {
				return nil, nil, false
			}
			k := v.Num().Int64()
			c := new(big.Rat).Quo(factorial(2*k).(*expr.Num).Val, factorial(k).(*expr.Num).Val)
			c.Quo(c, new(big.Rat).SetInt(new(big.Int).Lsh(big.NewInt(1), uint(2*k))))
			return expr.Prod(&expr.Num{Val: c}, expr.Fn("sqrt", expr.S("pi"))), nil, true
		}).with("gamma(5/2)")
}}

// The absolute value, maximum and minimum of numbers, which a deviation
// about a literal point leaves (|0|, max(1, 0) in the exponential's
// E[|x − 1|]): written as the number at once.
var (
	absNumber = once.Value[*Rule]{New: func() *Rule {
		return computed("absolute-of-number", "the absolute value of a number", "abs(n)", "n",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				n, ok := numArgs(e, "abs", 1)
				if !ok {
					return nil, nil, false
				}
				return &expr.Num{Val: new(big.Rat).Abs(n[0])}, nil, true
			}).with("abs(-3/2)")
	}}
	// A Beta or Gamma function folded at literal arguments leaves the
	// log of a fraction, log(1/3) for B(1, 3); a person writes −log 3.
	logUnitFraction = once.Value[*Rule]{New: func() *Rule {
		return computed("log-of-unit-fraction", "the log of a unit fraction", "log(1/n)", "-log(n)",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				n, ok := numArgs(e, "log", 1)
				if !ok || n[0].Sign() <= 0 || !n[0].Num().IsInt64() || n[0].Num().Int64() != 1 || n[0].IsInt() {
					return nil, nil, false
				}
				return expr.Neg(expr.Fn("log", &expr.Num{Val: new(big.Rat).SetInt(n[0].Denom())})), nil, true
			}).only("call", "log").with("log(1/12)")
	}}
	// A Gamma's rate s^2 with shape 1/2 leaves (s^2)^(1/2) in its density;
	// a person writes s, s being positive.
	RootOfSquare = once.Value[*Rule]{New: func() *Rule {
		return rw("root-of-a-square", "the root of a square", "(a^2)^(1/2)", "a", Positive("a")).with("(s^2)^(1/2)")
	}}
	// A moment at a point equal to the location, E|x − b| under a
	// Normal(b, v), leaves exp(−(b − b)²/(2·v)) = exp(0).
	expZero = once.Value[*Rule]{New: func() *Rule {
		return rw("exp-of-zero", "the exponential of zero", "exp(0)", "1").with("exp(0)")
	}}
	// A variance of 1/2 leaves sqrt(2·v) = sqrt(1) in a LogNormal's
	// moments; the root of a square number is written as the number.
	rootOfSquare = once.Value[*Rule]{New: func() *Rule {
		return computed("root-of-square-number", "the root of a square number", "sqrt(n)", "m",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				n, ok := numArgs(e, "sqrt", 1)
				if !ok || n[0].Sign() < 0 {
					return nil, nil, false
				}
				num, den := new(big.Int).Sqrt(n[0].Num()), new(big.Int).Sqrt(n[0].Denom())
				if new(big.Int).Mul(num, num).Cmp(n[0].Num()) != 0 || new(big.Int).Mul(den, den).Cmp(n[0].Denom()) != 0 {
					return nil, nil, false
				}
				return &expr.Num{Val: new(big.Rat).SetFrac(num, den)}, nil, true
			}).only("call", "sqrt").with("sqrt(9/4)")
	}}
	maxNumbers = once.Value[*Rule]{New: func() *Rule {
		return computed("maximum-of-numbers", "the larger of two numbers", "max(m, n)", "m",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				return pick(e, "max", 1)
			}).with("max(1/2, 0)")
	}}
	minNumbers = once.Value[*Rule]{New: func() *Rule {
		return computed("minimum-of-numbers", "the smaller of two numbers", "min(m, n)", "m",
			func(e expr.Expr, _ *Context) (expr.Expr, []string, bool) {
				return pick(e, "min", -1)
			}).with("min(1, 3/2)")
	}}
)

// numArgs reads the arguments of a call to fn as numbers.
func numArgs(e expr.Expr, fn string, arity int) ([]*big.Rat, bool) {
	c, ok := e.(*expr.Call)
	if !ok || c.Fn != fn || len(c.Args) != arity {
		return nil, false
	}
	out := make([]*big.Rat, arity)
	for i, a := range c.Args {
		n, ok := a.(*expr.Num)
		if !ok {
			return nil, false
		}
		out[i] = n.Val
	}
	return out, true
}

// pick is the argument of fn(m, n), two numbers, that compares to the
// other as sign says: 1 for the larger, -1 for the smaller.
func pick(e expr.Expr, fn string, sign int) (expr.Expr, []string, bool) {
	n, ok := numArgs(e, fn, 2)
	if !ok {
		return nil, nil, false
	}
	if n[0].Cmp(n[1])*sign >= 0 {
		return &expr.Num{Val: n[0]}, nil, true
	}
	return &expr.Num{Val: n[1]}, nil, true
}
