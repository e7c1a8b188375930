package derive

import (
	"math"
	"math/rand/v2"

	"github.com/klderive/klderive/expr"
)

// Points drawn from the conditions. Rejection from the domains' ranges
// finds few points where the conditions are narrow together, as in the
// finite case of Uniform(m − 1, m + exp(v)) ‖ Uniform(a2, b2), a2 < m − 1
// and m + exp(v) < b2: most draws of a2 and b2 fall on the wrong side.
// There a point is drawn as before, and each condition it fails that is
// linear in one of its symbols, with a numeric coefficient, is solved
// for that symbol, to hold with a margin drawn like a positive
// parameter. A solved value can break a condition solved before, so the
// conditions are gone over a few times; the point is kept only if it is
// admissible in the end, checked as every other point is. The draws are
// bounded, and a case whose conditions cannot be met so still ends in
// the error that names how few points were found.

// solveRounds is how many times the failing conditions of a point are
// gone over.
const solveRounds = 4

// solved returns up to n admissible points drawn from the conditions, in
// at most 100·n tries, reproducibly for a seed.
func (p *Problem) solved(n int, seed uint64, spread float64, scalars, vectors, dims []string) []*expr.Env {
	conds := p.solvable()
	if len(conds) == 0 {
		return nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x736f6c766564))
	var envs []*expr.Env
	for i := 0; len(envs) < n && i < 100*n; i++ {
		env := p.rawPoint(rng, len(envs), spread, scalars, vectors, dims)
		for range solveRounds {
			if !p.solve(env, conds, rng) {
				break
			}
		}
		if p.admissible(env) {
			envs = append(envs, env)
		}
	}
	return envs
}

// condition is an expression a point must make positive, with the
// symbols it is linear in and their coefficients.
type condition struct {
	e      expr.Expr
	linear []string
	coef   []float64
}

// solvable are the problem's compound conditions, each with the scalar
// symbols it can be solved for: those it is linear in with a numeric
// coefficient, counts and dimensions aside (they are integers).
func (p *Problem) solvable() []condition {
	var out []condition
	for _, e := range append(append([]expr.Expr(nil), p.Ctx.PositiveExprs...), p.NonNegative...) {
		c := condition{e: e}
		for _, s := range expr.Symbols(e) {
			if expr.IsNumberConstant(s) || p.Types.Counts[s] || p.Types.Dims[s] {
				continue
			}
			if sh, declared := p.Types.Shapes[s]; declared && !sh.IsScalar() {
				continue
			}
			if k, ok := linearCoef(e, s, p.Ctx); ok {
				f, _ := k.Float64()
				c.linear, c.coef = append(c.linear, s), append(c.coef, f)
			}
		}
		if len(c.linear) > 0 {
			out = append(out, c)
		}
	}
	return out
}

// solve goes over the conditions once, solving each that fails at env
// for one of its symbols, a real one rather than a positive one where it
// can (a positive one must stay positive), and reports whether it
// changed anything.
func (p *Problem) solve(env *expr.Env, conds []condition, rng *rand.Rand) bool {
	changed := false
	for _, c := range conds {
		v, err := expr.Eval(c.e, env)
		if err != nil || math.IsNaN(v) || v > 0.05 {
			continue
		}
		target := expr.Positive.Draw(rng)
		for _, positive := range []bool{false, true} {
			done := false
			for i, s := range c.linear {
				if _, drawn := env.Vals[s]; !drawn || p.Ctx.Positive[s] != positive {
					// Only a drawn scalar is solved for: not a density's
					// variable that a support condition names.
					continue
				}
				x := env.Vals[s] + (target-v)/c.coef[i]
				if positive && !(x > 0) || math.IsInf(x, 0) || math.IsNaN(x) {
					continue
				}
				env.Vals[s], changed, done = x, true, true
				break
			}
			if done {
				break
			}
		}
	}
	return changed
}
