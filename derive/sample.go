package derive

import (
	"maps"
	"math"
	"math/rand/v2"

	"github.com/klderive/klderive/expr"
	"gonum.org/v1/gonum/mat"
)

// dimensions are the values a dimension symbol takes in turn.
var dimensions = []int{1, 2, 3, 5}

// Random admissible points. Symbols assumed positive are drawn as
// positive numbers, others as real ones, by the domains' own sampler
// (expr.Domain.Draw); a point is kept only where every family parameter,
// a compound one such as s1*v2 too, is inside its domain. Vectors get one value per
// coordinate, and a dimension symbol (the D of sum(d in 1..D, ...)) takes
// the values 1, 2, 3 and 5 in turn, so a step is checked in several
// dimensions. The generator is seeded, so outputs are reproducible.

// SamplePoints returns n environments binding the free symbols of the
// problem and of xs at random admissible points, reproducibly for a seed.
// They are the caller's own, to extend. Where xs have piecewise terms,
// points are added until each case is taken at a few (coverCases), as
// far as a further draw finds them.
func (p *Problem) SamplePoints(n int, seed uint64, xs ...expr.Expr) []*expr.Env {
	return p.SamplePointsPerCase(n, perCase, seed, xs...)
}

// SamplePointsPerCase is SamplePoints with each case of a piecewise
// term taken at per points, where further draws find them: a checker
// that judges each case at as many points as a whole line needs more
// than a derivation's few.
func (p *Problem) SamplePointsPerCase(n, per int, seed uint64, xs ...expr.Expr) []*expr.Env {
	envs, _, _ := p.coverCases(p.points(n, seed, xs), per, seed, xs)
	out := make([]*expr.Env, len(envs))
	for i, env := range envs {
		c := *env
		c.Vals, c.Vecs, c.Mats = maps.Clone(env.Vals), maps.Clone(env.Vecs), maps.Clone(env.Mats)
		out[i] = &c
	}
	return out
}

// points are SamplePoints shared: when xs use no symbol the problem does
// not, a goal's points are the file's, drawn once per file for a number
// and a seed, so that each goal does not draw and check the whole file
// again. They must not be modified.
func (p *Problem) points(n int, seed uint64, xs []expr.Expr) []*expr.Env {
	return p.pointsOf(n, seed, xs, p.fileSymbols != nil && !p.fileSymbols.novel(xs))
}

// pointsOf is points for a caller that has asked already whether xs
// use the file's symbols only (fileOnly), walking them once.
func (p *Problem) pointsOf(n int, seed uint64, xs []expr.Expr, fileOnly bool) []*expr.Env {
	f := p.fileSymbols
	if !fileOnly {
		return p.draw(n, seed, xs)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	key := [2]uint64{uint64(n), seed}
	if f.points[key] == nil {
		f.points[key] = p.draw(n, seed, xs)
	}
	return f.points[key]
}

// draw draws n admissible points for the symbols of the problem and xs.
func (p *Problem) draw(n int, seed uint64, xs []expr.Expr) []*expr.Env {
	return p.drawSpread(n, seed, xs, spreading{factor: 1})
}

// spreading is how far a draw spreads the values: by a factor, either
// every symbol's (syms nil) or only those of syms. The cases of a
// piecewise term spread the symbols of their conditions alone: a case
// s + 3 < 0 needs s beyond the usual range, and spreading the c of a
// LogNormal's variance exp(c) with it would put the variance at e⁶.
type spreading struct {
	factor float64
	syms   map[string]bool
}

// of is the factor s is spread by.
func (sp spreading) of(s string) float64 {
	if sp.syms != nil && !sp.syms[s] {
		return 1
	}
	return sp.factor
}

// drawSpread is draw with the real values spread by a factor and the
// positive ones by that power, for the cases of a piecewise term that the usual range misses
// (a − 2 > 0 needs a beyond 2). Where rejection finds fewer than n
// points, the rest are drawn from the conditions (solved).
func (p *Problem) drawSpread(n int, seed uint64, xs []expr.Expr, spread spreading) []*expr.Env {
	scalars, vectors, dims := p.symbolsOf(xs...)
	rng := rand.New(rand.NewPCG(seed, 0x6b6c646572697665))
	envs := make([]*expr.Env, 0, n)
	for i := 0; len(envs) < n && i < 100*n; i++ {
		env := p.rawPoint(rng, len(envs), spread, scalars, vectors, dims)
		if p.admissible(env) {
			envs = append(envs, env)
		}
	}
	if len(envs) < n {
		envs = append(envs, p.solved(n-len(envs), seed, spread, scalars, vectors, dims)...)
	}
	return envs
}

// rawPoint draws the k-th point's values from the domains, spread, before
// any condition is checked.
func (p *Problem) rawPoint(rng *rand.Rand, k int, spread spreading, scalars, vectors, dims []string) *expr.Env {
	sizes := dimensions
	if p.hasSimplex() {
		// A point of the simplex in one dimension is the constant 1,
		// outside the open interval every coordinate lies in.
		sizes = dimensions[1:]
	}
	env := &expr.Env{Vals: map[string]float64{}, Vecs: map[string][]float64{}, Mats: map[string]*mat.Dense{}, Dens: p.Ctx.Densities}
	dim := sizes[k%len(sizes)]
	for _, d := range dims {
		env.Vals[d] = float64(dim)
	}
	for _, s := range scalars {
		env.Vals[s] = p.drawScalar(rng, s)
		switch {
		case p.Types.Counts[s]:
		case p.Ctx.Positive[s]:
			// Spread on the log scale, towards 0 as much as away.
			env.Vals[s] = math.Pow(env.Vals[s], spread.of(s))
		default:
			env.Vals[s] *= spread.of(s)
		}
	}
	for _, v := range vectors {
		vec := make([]float64, p.length(v, env, dim))
		for k := range vec {
			vec[k] = p.drawScalar(rng, v)
		}
		if p.hasProp(v, "simplex") {
			vec = expr.DrawSimplex(rng, len(vec))
		}
		env.Vecs[v] = vec
	}
	for _, m := range sortedKeys(p.Types.Shapes) {
		if sh := p.Types.Shapes[m]; !sh.IsScalar() && !expr.IsInt(sh.C, 1) {
			env.Mats[m] = p.randomMatrix(rng, m, p.length(m, env, dim))
		}
	}
	return env
}

// length is the number of rows of a declared vector or matrix at a point,
// or the point's dimension for an undeclared vector.
func (p *Problem) length(name string, env *expr.Env, dim int) int {
	sh, ok := p.Types.Shapes[name]
	if !ok {
		return dim
	}
	v, err := expr.Eval(sh.R, env)
	if err != nil || v < 1 {
		return dim
	}
	return int(v)
}

// hasSimplex reports whether a vector is declared simplex or a density
// is a family on the simplex.
func (p *Problem) hasSimplex() bool {
	for name := range p.Types.Props {
		if p.hasProp(name, "simplex") {
			return true
		}
	}
	return p.onSimplex()
}

// onSimplex reports whether a density is a family on the simplex (a
// Dirichlet), whose expectations split by coordinate.
func (p *Problem) onSimplex() bool { return p.isOnSimplex }

// anyOnSimplex looks for one, once the file is loaded: every goal's
// plan and sampling ask, and walking the file's densities each time
// made a goal's cost grow with the file.
func (p *Problem) anyOnSimplex() bool {
	for _, d := range p.Ctx.Densities {
		if _, f := expr.FamilyCall(d.Body); f != nil && f.Coordinates != nil {
			return true
		}
	}
	return false
}

// hasProp reports whether a declared symbol has the property.
func (p *Problem) hasProp(name, prop string) bool {
	for _, pr := range p.Types.Props[name] {
		if pr == prop {
			return true
		}
	}
	return false
}

// randomMatrix draws a matrix with the declared properties: an spd one
// by the domains' sampler, a diagonal one with positive entries.
func (p *Problem) randomMatrix(rng *rand.Rand, name string, k int) *mat.Dense {
	props := map[string]bool{}
	for _, pr := range p.Types.Props[name] {
		props[pr] = true
	}
	out := mat.NewDense(k, k, nil)
	switch {
	case props["diag"]:
		for i := range k {
			out.Set(i, i, 0.5+1.5*rng.Float64())
		}
	case props["spd"]:
		out = expr.DrawPositiveDefinite(rng, k)
	default:
		for i := range k {
			for j := range k {
				v := -1 + 2*rng.Float64()
				if props["symmetric"] && j < i {
					v = out.At(j, i)
				}
				out.Set(i, j, v)
			}
		}
	}
	return out
}

func (p *Problem) drawScalar(rng *rand.Rand, name string) float64 {
	if p.Types.Counts[name] {
		return expr.Count.Draw(rng)
	}
	if p.Ctx.Positive[name] {
		return expr.Positive.Draw(rng)
	}
	return expr.Real.Draw(rng)
}

// admissible checks, at a point, that every family parameter is inside
// its domain and that the compound positivity assumptions hold.
func (p *Problem) admissible(env *expr.Env) bool {
	for _, d := range p.Ctx.Densities {
		if !expr.InDomains(d.Body, env) {
			return false
		}
	}
	for _, e := range p.NonNegative {
		if v, err := expr.EvalErr(e, env); err != nil || !(v.V-v.Err >= 0) {
			return false
		}
	}
	for _, e := range p.Ctx.PositiveExprs {
		// Positive beyond doubt: the value less its error estimate.
		if v, err := expr.EvalErr(e, env); err == nil {
			if !(expr.Positive.Inside(v) > 0.05) {
				return false
			}
			continue
		}
		// A vector, such as the diagonal log(w) of a covariance, is
		// positive in every coordinate.
		m, err := expr.EvalMatrix(e, env)
		if err != nil {
			return false
		}
		for _, v := range m.RawMatrix().Data {
			if !(v > 0.05) {
				return false
			}
		}
	}
	return true
}

// symbolsOf sorts the free symbols of the problem's densities and of xs
// into scalars, vectors and dimensions, in a fixed order.
func (p *Problem) symbolsOf(xs ...expr.Expr) (scalars, vectors, dims []string) {
	if f := p.fileSymbols; f != nil && !f.novel(xs) {
		return f.scalars, f.vectors, f.dims
	}
	scalars, vectors, dims, _ = p.sortSymbols(xs)
	return scalars, vectors, dims
}

// sortSymbols is symbolsOf, walking the whole problem. It also returns
// what fileSymbols needs to tell whether xs add a symbol.
func (p *Problem) sortSymbols(xs []expr.Expr) (scalars, vectors, dims []string, sets symbolSets) {
	seen := map[string]bool{}
	bound := map[string]bool{}
	var all []expr.Expr
	// The checked densities, in file order: their matrix notation is
	// explicit, so a bare I is never taken for a parameter.
	for _, f := range p.File.Densities {
		d := p.Ctx.Densities[f.Name]
		bound[expr.String(d.Var)] = true
		all = append(all, d.Body)
	}
	all = append(all, p.Ctx.PositiveExprs...)
	all = append(all, p.NonNegative...)
	all = append(all, xs...)
	for _, e := range all {
		expr.Any(e, func(n expr.Expr) bool {
			switch n := n.(type) {
			case *expr.Big:
				// A declared count at the end of a sum, the n of a
				// Binomial's Σ_{x=0..n}, is drawn as a count, within its
				// assumptions (n < m), not given each dimension in turn.
				if s, ok := n.Hi.(*expr.Sym); ok && !seen[s.Name] && !expr.IsNumberConstant(s.Name) && !p.Types.Counts[s.Name] {
					seen[s.Name] = true
					dims = append(dims, s.Name)
				}
			case *expr.Index:
				if s, ok := n.Base.(*expr.Sym); ok && !seen[s.Name] && !bound[s.Name] {
					seen[s.Name] = true
					vectors = append(vectors, s.Name)
				}
			}
			return false
		})
	}
	walked := maps.Clone(seen)
	for _, d := range sortedKeys(p.Types.Dims) {
		if !seen[d] {
			seen[d] = true
			dims = append(dims, d)
		}
	}
	for _, e := range all {
		for _, s := range expr.Symbols(e) {
			if seen[s] || bound[s] || expr.IsNumberConstant(s) {
				continue
			}
			seen[s] = true
			sh, declared := p.Types.Shapes[s]
			switch {
			case !declared || sh.IsScalar():
				scalars = append(scalars, s)
			case expr.IsInt(sh.C, 1):
				vectors = append(vectors, s)
			}
		}
	}
	return scalars, vectors, dims, symbolSets{walked: walked, seen: seen, bound: bound}
}
