package derive

import (
	"math"
	"math/rand/v2"
	"slices"

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
// extra are further conditions to meet, a case's own (solvedCase).
func (p *Problem) solved(n int, seed uint64, spread spreading, scalars, vectors, dims []string, extra ...condition) []*expr.Env {
	conds := append(p.solvable(), extra...)
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
		if c, ok := p.conditionOf(e); ok {
			out = append(out, c)
		}
	}
	return out
}

// conditionOf is e > 0 as a condition, with the scalar symbols it is
// linear in; false when there are none.
func (p *Problem) conditionOf(e expr.Expr) (condition, bool) {
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
	return c, len(c.linear) > 0
}

// solvedCase is solved with the conditions of a case, when, met too:
// the points of a piecewise term's case that the draws from the domains
// miss, as check's cases of Uniform ‖ Uniform with compound ends.
func (p *Problem) solvedCase(n int, seed uint64, when []*expr.Rel, xs []expr.Expr) []*expr.Env {
	var extra []condition
	for _, r := range when {
		d, ok := slackOf(r, p.Ctx)
		if !ok {
			return nil
		}
		if c, ok := p.conditionOf(d); ok {
			extra = append(extra, c)
		}
	}
	if len(extra) == 0 {
		return nil
	}
	scalars, vectors, dims := p.symbolsOf(xs...)
	return p.solved(n, seed, spreading{factor: 1}, scalars, vectors, dims, extra...)
}

// solve goes over the conditions once, solving each that fails at env
// for one of its symbols, a real one rather than a positive one where it
// can (a positive one must stay positive), and reports whether it
// changed anything. The symbol's new value is drawn inside the interval
// that every condition linear in it allows at once, z + 1 < a/2 and
// a/2 + exp(a) < z + 3/2 together, so that solving one condition does
// not break another that bounds the same symbol from the other side.
func (p *Problem) solve(env *expr.Env, conds []condition, rng *rand.Rand) bool {
	changed := false
	for _, c := range conds {
		v, err := expr.Eval(c.e, env)
		if err != nil || math.IsNaN(v) || v > solveMargin {
			continue
		}
		for _, positive := range []bool{false, true} {
			done := false
			for _, s := range byLinearity(c.linear, conds) {
				if _, drawn := env.Vals[s]; !drawn || p.Ctx.Positive[s] != positive {
					// Only a drawn scalar is solved for: not a density's
					// variable that a support condition names.
					continue
				}
				lo, hi, ok := allowed(env, conds, s, positive)
				if !ok {
					continue
				}
				env.Vals[s], changed, done = drawBetween(rng, lo, hi), true, true
				break
			}
			if done {
				break
			}
		}
	}
	return changed
}

// byLinearity orders the symbols a condition is linear in: first those
// that every condition is linear in where it uses them at all, whose
// interval (allowed) then accounts for every condition they change. In
// z + 1 < a/2 and a/2 + exp(a) < z + 3/2, z comes before a, which the
// second condition uses through exp(a).
func byLinearity(syms []string, conds []condition) []string {
	out := make([]string, 0, len(syms))
	var rest []string
	for _, s := range syms {
		if linearWherever(s, conds) {
			out = append(out, s)
		} else {
			rest = append(rest, s)
		}
	}
	return append(out, rest...)
}

// linearWherever reports whether every condition that uses s is linear
// in it.
func linearWherever(s string, conds []condition) bool {
	for _, c := range conds {
		if expr.Uses(c.e, s) && !slices.Contains(c.linear, s) {
			return false
		}
	}
	return true
}

// solveMargin is how far inside its condition a solved point lies: the
// admissible check asks as much of a positive expression.
const solveMargin = 0.05

// allowed is the open interval of values of s at which every condition
// linear in s holds with the margin, the other symbols as env has them:
// a condition v + k·(x − s) > margin bounds x from below where k > 0
// and from above where k < 0. It is false when the interval is empty
// or a condition cannot be evaluated.
func allowed(env *expr.Env, conds []condition, s string, positive bool) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(-1), math.Inf(1)
	if positive {
		lo = 0
	}
	at := env.Vals[s]
	for _, c := range conds {
		for i, name := range c.linear {
			if name != s {
				continue
			}
			v, err := expr.Eval(c.e, env)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, 0, false
			}
			bound := at + (solveMargin-v)/c.coef[i]
			if c.coef[i] > 0 {
				lo = math.Max(lo, bound)
			} else {
				hi = math.Min(hi, bound)
			}
		}
	}
	return lo, hi, lo < hi && !math.IsNaN(lo) && !math.IsNaN(hi)
}

// drawBetween draws a value in (lo, hi): uniformly where both are
// finite, and a positive parameter's draw away from the one end there is
// otherwise.
func drawBetween(rng *rand.Rand, lo, hi float64) float64 {
	switch {
	case !math.IsInf(lo, 0) && !math.IsInf(hi, 0):
		return lo + (hi-lo)*(0.05+0.9*rng.Float64())
	case !math.IsInf(lo, 0):
		return lo + expr.Positive.Draw(rng)
	case !math.IsInf(hi, 0):
		return hi - expr.Positive.Draw(rng)
	}
	return expr.Real.Draw(rng)
}
