package rules

import "github.com/klderive/klderive/internal/once"

// CollectLogs gathers a difference of logarithms with one coefficient
// into the logarithm of a ratio, so that a discrete KL reads as the textbook sum of p·log(p/q) terms.
// Each identity is stated on two terms alone and among other terms r.
var CollectLogs = once.Value[Set]{New: func() Set {
	return Join(
		inSum("log-ratio", "a difference of logarithms is the logarithm of the ratio", "c*log(u) - c*log(v)", "c*log(u/v)", "a*log(a) - a*log(b)", Positive("u", "v")),
		inSum("log-ratio-unit", "a difference of logarithms is the logarithm of the ratio", "log(u) - log(v)", "log(u/v)", "log(a) - log(b)", Positive("u", "v")),
		// n - n*a is n*(1 - a): a Binomial's n(1 − p), as the textbook
		// writes the coefficient of log((1 − p)/(1 − q)).
		Set{rw("factor-complement", "take the common factor out of c - c*a", "c - c*a", "c*(1 - a)").with("s - s*a")},
	)
}}

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
