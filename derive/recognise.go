package derive

import (
	"fmt"
	"math"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// recognise reads a density written as a formula. If it is a constant
// times exp(Q) with Q quadratic in the variable (so its logarithm is
// quadratic), it is a Gaussian: the mean and variance are read off Q's
// coefficients, and the formula is checked numerically to be that
// Gaussian's density (so an unnormalised formula is refused). A vector
// variable is matched against the multivariate formula instead. Other
// formulas are kept as written; a derivation that needs an expectation
// under them says so.
func (p *Problem) recognise(d *expr.Density) error {
	if c, ok := d.Body.(*expr.Call); ok && expr.LookupFamily(c.Fn) != nil {
		return nil
	}
	if b, ok := d.Body.(*expr.Big); ok && b.Op == "prod" {
		return nil
	}
	if sh, ok := p.Types.Shapes[expr.String(d.Var)]; ok && !sh.IsScalar() {
		return p.recogniseMv(d)
	}
	x := expr.String(d.Var)
	exponent, ok := gaussianExponent(d.Body, x)
	if !ok {
		return nil
	}
	coef, ok := rules.Coefficients(exponent, x, p.Ctx)
	if !ok || coef[2] == nil || len(coef) > 3 || (len(coef) == 3 && coef[1] == nil) {
		return nil
	}
	// The leading coefficient must be negative for the formula to be a
	// density. When its sign is not known (-tau/2 with tau free), that
	// is what the formula assumes, and the variance assumption below
	// records it.
	neg, _ := rules.Normalize(expr.Neg(coef[2]), p.Ctx)
	if n, isNum := neg.(*expr.Num); isNum && n.Val.Sign() <= 0 {
		return nil
	}
	b := coef[1]
	if b == nil {
		b = expr.N(0)
	}
	variance := rules.Present(expr.Quo(expr.N(1), expr.Prod(expr.N(2), neg)), p.Ctx)
	mean := rules.Present(expr.Quo(b, expr.Prod(expr.N(2), neg)), p.Ctx)
	normal := expr.Fn(expr.GaussianFamily(false).Name, d.Var, mean, variance)
	// The variance found is positive, as the family's is: a variance
	// s^2 makes s a standard deviation. The formula is then checked
	// where that holds.
	p.assumePositive(variance, "variance", d.Name)
	if err := p.sameDensity(d, normal); err != nil {
		return err
	}
	p.Recognised[d.Name] = normal
	p.Ctx.Densities[d.Name] = &expr.Density{Name: d.Name, Var: d.Var, Body: normal, Pos: d.Pos}
	return nil
}

// gaussianExponent reads a density written as C * exp(Q): the factors
// other than exponentials must not depend on x, and Q, the sum of the
// exponents, is returned. Reading the exponent rather than the logarithm
// of the whole formula needs no assumption about the sign of the
// constant's symbols.
func gaussianExponent(body expr.Expr, x string) (expr.Expr, bool) {
	factors := []expr.Expr{body}
	if m, ok := body.(*expr.Mul); ok {
		factors = m.Factors
	}
	var exps []expr.Expr
	for _, f := range factors {
		if c, ok := f.(*expr.Call); ok && c.Fn == "exp" && len(c.Args) == 1 {
			exps = append(exps, c.Args[0])
			continue
		}
		if expr.Uses(f, x) {
			return nil, false
		}
	}
	if len(exps) == 0 {
		return nil, false
	}
	return expr.Sum(exps...), true
}

// sameDensity compares a formula with a family density at random
// parameter points and several values of the variable.
func (p *Problem) sameDensity(d *expr.Density, family expr.Expr) error {
	x := expr.String(d.Var)
	for _, env := range p.SamplePoints(8, 7, d.Body) {
		for _, at := range []float64{-1.3, -0.4, 0.2, 0.9, 1.7} {
			env.Vals[x] = at
			want, err1 := expr.EvalErr(family, env)
			got, err2 := expr.EvalErr(d.Body, env)
			if err1 != nil || err2 != nil {
				continue
			}
			// Only a certain difference is an error here; the
			// derivation's own checks still compare the two at every step.
			if res, _ := Compare(got, want, 1e-9); res == Differ {
				return expr.Errorf(p.pos(d.Body, d.Pos),
					"the density %s has the shape of %s but is not normalised: at %s it is %.6g where that Gaussian is %.6g",
					d.Name, expr.String(family), describePoint(env, x), got.V, want.V)
			}
		}
	}
	return nil
}

// RelErr is the error measure of every numeric check: relative for
// values above 1 in size, absolute below.
func RelErr(a, b float64) float64 {
	scale := math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.Inf(1)
	}
	return math.Abs(a-b) / scale
}

func describePoint(env *expr.Env, first string) string {
	s := fmt.Sprintf("%s = %.4g", first, env.Vals[first])
	for _, k := range sortedKeys(env.Vals) {
		if k != first {
			s += fmt.Sprintf(", %s = %.4g", k, env.Vals[k])
		}
	}
	return s
}

// recogniseMv reads a multivariate Gaussian written out as its formula.
// The match is exact, up to the order of sums and products, so no
// numeric check is needed; the derivation's own checks still compare
// the formula with the family's density at every step.
func (p *Problem) recogniseMv(d *expr.Density) error {
	typed := p.Ctx.Densities[d.Name]
	call, ok := rules.RecogniseMvNormal(typed.Body, d.Var, p.Ctx)
	if !ok {
		return nil
	}
	p.Recognised[d.Name] = call
	p.Ctx.Densities[d.Name] = &expr.Density{Name: d.Name, Var: d.Var, Body: call, Pos: d.Pos}
	return nil
}
