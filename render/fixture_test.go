package render

import (
	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// kl is a small hand-built derivation of KL(p || q) for two normals: five
// shown steps, two of them grouping fine steps, one line longer than the
// text layout keeps beside its justification, and a title that needs
// LaTeX escaping.
func kl() *derive.Derivation {
	p := expr.MustParse
	start := p("KL(p || q)")
	def := p("E(x ~ p, log(p(x)/q(x)))")
	split := p("E(x ~ p, log(p(x)) - log(q(x)))")
	subst := p("E(x ~ p, log(Normal(x; mu1, sigma1^2)) - log(Normal(x; mu2, sigma2^2)))")
	expanded := p("E(x ~ p, -1/2*log(2*pi*sigma1^2) - (x - mu1)^2/(2*sigma1^2) + 1/2*log(2*pi*sigma2^2) + (x - mu2)^2/(2*sigma2^2))")
	res := p("log(sigma2/sigma1) + (sigma1^2 + (mu1 - mu2)^2)/(2*sigma2^2) - 1/2")
	return &derive.Derivation{
		Goal:  start.(*expr.Info),
		Start: start,
		Steps: []derive.Step{
			{Rule: "definition-kl", Title: "definition of KL divergence", Before: start, After: def},
			{Rule: "log-quotient", Title: "log of a quotient", Before: def, After: split},
			{Rule: "substitute-densities", Title: "substitute the densities", Before: split, After: subst,
				Fine: []derive.Step{
					{Rule: "substitute-p", Title: "substitute p", Before: split, After: p("E(x ~ p, log(Normal(x; mu1, sigma1^2)) - log(q(x)))")},
					{Rule: "substitute-q", Title: "substitute q", After: subst},
				}},
			{Rule: "log-normal", Title: "expand log_N & collect", Before: subst, After: expanded,
				Fine: []derive.Step{{Rule: "log-normal", Title: "log-density of a normal", Before: subst, After: expanded}}},
			{Rule: "moments", Title: "E[x] = mu_1, 100% ~ {ok}", Before: expanded, After: res},
		},
		Result: res,
		Givens: []expr.Expr{
			&expr.Rel{Op: "=", L: p("p(x)"), R: p("Normal(x; mu1, sigma1^2)")},
			&expr.Rel{Op: "=", L: p("q(x)"), R: p("Normal(x; mu2, sigma2^2)")},
		},
		Verification: derive.Verification{Points: 8, Steps: 5, Direct: true, MaxRelErr: 3.1e-15},
	}
}

// small is a three-step derivation for the LaTeX and Markdown layouts,
// whose last title needs escaping; it has no fine steps.
func small() *derive.Derivation {
	p := expr.MustParse
	start := p("KL(p || q)")
	def := p("E(x ~ p, log(p(x)/q(x)))")
	split := p("E(x ~ p, log(p(x)) - log(q(x)))")
	res := p("E(x ~ p, log(p(x))) - E(x ~ p, log(q(x)))")
	return &derive.Derivation{
		Goal:  start.(*expr.Info),
		Start: start,
		Steps: []derive.Step{
			{Rule: "definition-kl", Title: "definition of KL divergence", Before: start, After: def},
			{Rule: "log-quotient", Title: "log of a quotient", Before: def, After: split},
			{Rule: "linearity", Title: "linearity of E_p & sums", Before: split, After: res},
		},
		Result:       res,
		Givens:       []expr.Expr{&expr.Rel{Op: "=", L: p("p(x)"), R: p("Normal(x; m, s^2)")}, p("s > 0")},
		Verification: derive.Verification{Points: 8, Steps: 3, Direct: true, MaxRelErr: 2e-16},
	}
}
