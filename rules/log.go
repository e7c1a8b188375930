package rules

import "github.com/klderive/klderive/internal/once"

// The logarithm identities used to expand log-densities. The natural
// logarithm throughout; every rule needs positive arguments.
var (
	logQuotient = once.Value[*Rule]{New: func() *Rule {
		return rw("log-quotient", "log of a quotient", "log(a/b)", "log(a) - log(b)", Positive("a", "b")).with("log(exp(u)/sqrt(s))")
	}}
	logReciprocal = once.Value[*Rule]{New: func() *Rule {
		return rw("log-reciprocal", "log of a reciprocal", "log(1/b)", "-log(b)", Positive("b")).with("log(1/s)")
	}}
	// LogProduct splits a product only where a factor has a symbol other
	// than pi, or the variable, so log(2*pi) stays whole.
	LogProduct = once.Value[*Rule]{New: func() *Rule {
		return rw("log-product", "log of a product", "log(a*b)", "log(a) + log(b)", Positive("a", "b"), Apart("a", "b")).with("log(2*pi*s^2*exp(u))")
	}}
	// LogOfConstantTimes splits off a constant factor, the Γ(11) = 10!
	// of a Binomial with ten trials, from a factor that varies.
	LogOfConstantTimes = once.Value[*Rule]{New: func() *Rule {
		return rw("log-product-constant", "log of a product", "log(a*b)", "log(a) + log(b)", Positive("a", "b"), Varies("b")).with("log(gamma(11)*s^x)")
	}}
	logPower = once.Value[*Rule]{New: func() *Rule {
		return rw("log-power", "log of a power", "log(a^n)", "n*log(a)", Positive("a")).with("log(s^2)")
	}}
	logSqrt = once.Value[*Rule]{New: func() *Rule {
		return rw("log-sqrt", "log of a square root", "log(sqrt(a))", "1/2*log(a)", Positive("a")).with("log(sqrt(2*pi*s))")
	}}
	LogExp = once.Value[*Rule]{New: func() *Rule {
		return rw("log-exp", "log of an exponential", "log(exp(u))", "u").with("log(exp(-(x - m)^2/2))")
	}}
	LogOne = once.Value[*Rule]{New: func() *Rule {
		return rw("log-one", "log of one", "log(1)", "0").with("log(1)")
	}}
	// LogOfIndexProduct turns the log of a product over an index into a sum.
	LogOfIndexProduct = once.Value[*Rule]{New: func() *Rule {
		return rw("log-of-product-over-index", "log of a product", "log(prod(d in a..b, f))", "sum(d in a..b, log(f))",
			Positive("f")).with("log(prod(d in 1..D, exp(u[d])))")
	}}
)

// Log holds every logarithm identity.
var Log = once.Value[Set]{New: func() Set {
	return Set{logQuotient.Get(), logReciprocal.Get(), LogProduct.Get(), LogOfConstantTimes.Get(), logPower.Get(), logSqrt.Get(), LogExp.Get(), LogOne.Get(), LogOfIndexProduct.Get()}
}}

// Expand is the subset of Log that a hand derivation uses to take a
// log-density apart, leaving logarithms of products such as log(2*pi*s^2)
// whole until the algebra at the end.
var Expand = once.Value[Set]{New: func() Set {
	return Set{logQuotient.Get(), logReciprocal.Get(), logPower.Get(), logSqrt.Get(), LogExp.Get(), LogOfIndexProduct.Get(), NegateSum.Get()}
}}

// NegateSum distributes a minus sign, so that subtracting an expanded
// log-density reads -a - b rather than -(a + b).
var NegateSum = once.Value[*Rule]{New: func() *Rule {
	return rw("negate-sum", "distribute the minus sign", "-(a + b)", "-a - b").with("-(x + y + 1)")
}}
