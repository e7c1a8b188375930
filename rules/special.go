package rules

// The identities of the special functions that the densities of the
// Gamma and Beta families need, for positive arguments (where Γ and B
// are positive and log Γ is the logarithm of Γ).
var (
	logGamma     = rw("log-gamma", "log of the Gamma function", "log(gamma(a))", "lgamma(a)", Positive("a")).with("log(gamma(s + 1))")
	lgammaAsLog  = rw("lgamma-as-log", "log-Gamma as a logarithm", "lgamma(a)", "log(gamma(a))", Positive("a")).with("lgamma(2*s)")
	logBeta      = rw("log-beta", "log of the Beta function", "log(beta(a, b))", "lgamma(a) + lgamma(b) - lgamma(a + b)", Positive("a", "b")).with("log(beta(s, 2*w))")
	lbetaExpand  = rw("lbeta-in-lgamma", "log-Beta in log-Gamma", "lbeta(a, b)", "lgamma(a) + lgamma(b) - lgamma(a + b)", Positive("a", "b")).with("lbeta(v, w)")
	gammaRecur   = rw("gamma-recurrence", "recurrence of the Gamma function", "gamma(a + 1)", "a*gamma(a)", Positive("a")).with("gamma(s + 1)")
	digammaRecur = rw("digamma-recurrence", "recurrence of the digamma function", "digamma(a + 1)", "digamma(a) + 1/a", Positive("a")).with("digamma(v + 1)")
)

// Special holds the special-function identities.
var Special = Set{logGamma, lgammaAsLog, logBeta, lbetaExpand, gammaRecur, digammaRecur}
