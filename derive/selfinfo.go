package derive

import (
	"maps"
	"math"
	"math/rand/v2"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// selfInformationPlan derives I(p) = -log p(x) as a function of x:
// the definition, the density substituted and its logarithm expanded,
// the same phases as the derivations that take an expectation of it,
// then the algebra of a result, which shortened keeps only (see
// shortest).
func (p *Problem) selfInformationPlan(g *expr.Info) []phase {
	out := []phase{{rule: "self-information-definition", set: rules.SelfInformation.Get()[2:], once: true}}
	for _, ph := range p.plan(g) {
		if ph.rule == "substitute-densities" || ph.rule == "expand-logarithms" || ph.rule == "simplify" || ph.rule == "textbook-form" {
			out = append(out, ph)
		}
	}
	return out
}

// shortest drops the algebra at the end of a self-information's steps
// unless it makes the result shorter: a compound parameter's
// log(lo + 2·h - lo) becomes log(2·h), but the expanded log-density of a
// Gamma reads better than the same terms collected again.
func shortest(steps []Step) []Step {
	algebra := len(steps)
	for algebra > 0 && (steps[algebra-1].Rule == "simplify" || steps[algebra-1].Rule == "textbook-form") {
		algebra--
	}
	if algebra == len(steps) || algebra == 0 {
		return steps
	}
	before, _ := expr.SizeDepth(steps[algebra-1].After)
	after, _ := expr.SizeDepth(steps[len(steps)-1].After)
	if after < before {
		return steps
	}
	return steps[:algebra]
}

// supportPoints gives each parameter point a value of the variable of
// the density in I(p) inside its support, where p(x) > 0: the lines of
// a self-information are functions of x. A discrete support is walked
// in turn from its first value (at most the first ten), so that a few
// points see several outcomes; a continuous one is drawn from by the
// domains' sampler, a vector variable coordinate by coordinate (on the
// simplex for a Dirichlet). A point where twenty draws find no value
// with p(x) > 0 is left out.
func (p *Problem) supportPoints(envs []*expr.Env, g *expr.Info, seed uint64) []*expr.Env {
	d := p.Ctx.Densities[g.P]
	x, ok := d.Var.(*expr.Sym)
	if !ok {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x73656c66696e666f))
	info := expr.Neg(expr.Fn("log", expr.Fn(g.P, d.Var)))
	out := make([]*expr.Env, 0, len(envs))
	for i, env := range envs {
		for try := 0; try < 20; try++ {
			c := *env
			c.Vals, c.Vecs = maps.Clone(env.Vals), maps.Clone(env.Vecs)
			if !p.drawVariable(rng, d, &c, x.Name, i+try) {
				break
			}
			if val, err := expr.EvalErr(info, &c); err == nil && !math.IsInf(val.V, 0) && !math.IsNaN(val.V) {
				out = append(out, &c)
				break
			}
		}
	}
	return out
}

// DrawVariable binds the variable of the density named at a point to a
// value in its support there, the i-th of a discrete support (see
// supportPoints): the x of a hand derivation's I(p) = -log p(x).
func (p *Problem) DrawVariable(rng *rand.Rand, density string, env *expr.Env, i int) bool {
	d := p.Ctx.Densities[density]
	if d == nil {
		return false
	}
	x, ok := d.Var.(*expr.Sym)
	return ok && p.drawVariable(rng, d, env, x.Name, i)
}

// drawVariable binds the variable x of a density at a point to its i-th
// value: in the support of its family there, or on the real line for a
// density written as a formula, whose zeros the caller skips.
func (p *Problem) drawVariable(rng *rand.Rand, d *expr.Density, env *expr.Env, x string, i int) bool {
	c, f := expr.FamilyCall(d.Body)
	if f != nil && (f.VectorVar || f.Multivariate) && f.VecBounds == nil {
		// The length of the variable is that of the first vector
		// parameter: a Dirichlet's concentrations, a Gaussian's mean.
		k := 0
		for _, a := range c.Args[1:] {
			if m, err := expr.EvalMatrix(a, env); err == nil {
				if _, cols := m.Dims(); cols == 1 {
					k, _ = m.Dims()
					break
				}
			}
		}
		if k == 0 {
			return false
		}
		if f.VectorVar {
			env.Vecs[x] = expr.DrawSimplex(rng, k)
			return true
		}
		vec := make([]float64, k)
		for j := range vec {
			vec[j] = expr.Real.Draw(rng)
		}
		env.Vecs[x] = vec
		return true
	}
	sup := expr.RealLine
	switch {
	case f != nil && f.VecBounds != nil:
		params := make([][]float64, len(c.Args)-1)
		for k, a := range c.Args[1:] {
			m, err := expr.EvalMatrix(a, env)
			if err != nil {
				return false
			}
			params[k] = m.RawMatrix().Data
		}
		lo, hi := f.VecBounds(params)
		sup = expr.Integers(lo, hi)
	case f != nil:
		params := make([]float64, len(c.Args)-1)
		for k, a := range c.Args[1:] {
			v, err := expr.Eval(a, env)
			if err != nil {
				return false
			}
			params[k] = v
		}
		sup = f.SupportAt(params)
	}
	v, ok := InSupport(rng, sup, i)
	env.Vals[x] = v
	return ok
}

// InSupport is the i-th value of a discrete support, counted from its
// first value and cycling through at most ten, or a random value inside
// a continuous one, away from the ends of a bounded interval.
func InSupport(rng *rand.Rand, sup expr.Support, i int) (float64, bool) {
	lo, hi := sup.Lo, sup.Hi
	switch {
	case sup.Discrete:
		first := math.Ceil(lo)
		span := 10.0
		if !math.IsInf(hi, 1) {
			span = math.Min(span, math.Floor(hi)-first+1)
		}
		if !(span >= 1) {
			return 0, false
		}
		return first + float64(i%int(span)), true
	case math.IsInf(lo, -1) && math.IsInf(hi, 1):
		return expr.Real.Draw(rng), true
	case math.IsInf(hi, 1):
		return lo + expr.Positive.Draw(rng), true
	case math.IsInf(lo, -1):
		return hi - expr.Positive.Draw(rng), true
	case !(hi > lo):
		return 0, false
	}
	return lo + (hi-lo)*(0.05+0.9*rng.Float64()), true
}
