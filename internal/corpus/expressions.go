// Package corpus holds the expressions that the printer and parser tests
// of several packages share: the .kl round trip, the LaTeX round trip and
// the seeds of their fuzz targets.
package corpus

// Expressions are written in the .kl syntax; each parses, and printing
// it and parsing the print gives the same tree.
var Expressions = []string{
	"log(sigma2/sigma1) + (sigma1^2 + (mu1 - mu2)^2)/(2*sigma2^2) - 1/2",
	"-1/2*(1 + log(sigma^2) - mu^2 - sigma^2)",
	"exp(-(x - m)^2/(2*s^2))/sqrt(2*pi*s^2)",
	"E(x ~ p, log(p(x)) - log(q(x)))",
	"sum(d in 1..D, -1/2*(1 + log(sigma[d]^2) - mu[d]^2 - sigma[d]^2))",
	"prod(d in 1..D, Normal(z[d]; mu[d], sigma[d]^2))",
	"KL(p || q)", "H(p)", "H(p, q)",
	"Normal(x; 0, 1)", "Normal(z; m, exp(v))", "Normal(x; m, 1/tau)",
	"int(x, p(x)*log(p(x)/q(x)))",
	"x^(1/2)", "2^x", "(a^b)^c", "a^b^c", "-x^2", "(-1/2)^3", "a - (b - c)", "a/(b*c)", "a/b/c",
	"3/10*x", "-(a + b)", "s > 0", "1e-3*x", "abs(x - 2)",
	"[1, 2]", "[[2, 0.3], [0.3, 1]]",
	"lgamma(a) - lgamma(b) + (a - b)*digamma(a)", "gamma(a + 1)/gamma(a)^2", "beta(a, b)*x^(a - 1)",
	"lbeta(a2, b2) - lbeta(a1, b1)", "lgamma(a)^2", "2*lgamma(a)*lbeta(a, b)", "erf(x/sqrt(2))",
	"beta*gamma - digamma(alpha)", "(b - a)*digamma(a + b)", "trigamma(a) - trigamma(a + b)", "trigamma(a)^2*psi",
	"m*(2*gammainc(a, b*max(m, 0)) - 1)", "betainc(a + 1, b, min(max(u, 0), 1))", "min(a, b)^2 - max(x, 0)",
	"int(x in 0..inf, x*exp(-x))", "int(x in a..b, log(x))/(b - a)", "int(x in -inf..0, exp(x))", "2*int(x in 0..1, x^(a - 1))",
}
