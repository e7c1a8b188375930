package expr

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmat"
)

// The sampler's side of the family registry: random admissible values
// for a domain, and the test that a point puts every family parameter
// inside its domain. derive, check and the rule tests draw their points
// here, so that all of them agree on what admissible means.

// Margin is how far inside its domain a family parameter must lie at a
// sampled point, after its error estimate, relative to its value: a
// variance whose error estimate reaches across zero, or that sits just
// above it by rounding, is not admissible.
const Margin = 0.05

// Draw returns a random value in the domain, from a range where every
// density is comfortably proper and quadrature is accurate: [-1.5, 1.5]
// for a real number, [0.5, 2] for a positive one, [0.1, 0.9] in the unit
// interval, 1 to 5 for a count. A coordinate of a simplex or an entry of
// a positive definite matrix is drawn as a positive number; whole ones
// are built by the caller.
func (d Domain) Draw(rng *rand.Rand) float64 {
	switch d {
	case Positive, Simplex, PositiveDefinite, PositiveVector:
		return 0.5 + 1.5*rng.Float64()
	case UnitInterval:
		return 0.1 + 0.8*rng.Float64()
	case Count:
		return float64(1 + rng.IntN(5))
	}
	return -1.5 + 3*rng.Float64()
}

// simplexFloor is the least coordinate of a point drawn on the simplex,
// so that logarithms and ratios of probabilities stay well conditioned.
const simplexFloor = 0.05

// DrawSimplex draws a point of the probability simplex in k ≥ 1
// dimensions (k < 20): every coordinate at least simplexFloor, their sum
// 1. Above the floor the mass is split in proportion to exponential
// draws, a uniform point of the smaller simplex.
func DrawSimplex(rng *rand.Rand, k int) []float64 {
	out := make([]float64, k)
	total := 0.0
	for i := range out {
		out[i] = rng.ExpFloat64()
		total += out[i]
	}
	free := 1 - simplexFloor*float64(k)
	for i := range out {
		out[i] = simplexFloor + free*out[i]/total
	}
	return out
}

// DrawPositiveDefinite draws a k×k symmetric positive definite matrix
// from a Wishart distribution (scale I/(k+2), k+2 degrees of freedom:
// entries of order one), its diagonal raised by 0.3 so that quadrature
// and inverses stay accurate.
func DrawPositiveDefinite(rng *rand.Rand, k int) *mat.Dense {
	out := mat.NewDense(k, k, nil)
	scale := mat.NewSymDense(k, nil)
	for i := range k {
		scale.SetSym(i, i, 1/float64(k+2))
	}
	w, _ := distmat.NewWishart(scale, float64(k+2), rand.NewPCG(rng.Uint64(), rng.Uint64()))
	var s mat.SymDense
	w.RandSymTo(&s)
	for i := range k {
		for j := range k {
			out.Set(i, j, s.At(i, j))
		}
		// Keep the draw well conditioned, so that quadrature and
		// inverses stay accurate.
		out.Set(i, i, out.At(i, i)+0.3)
	}
	return out
}

// InDomains reports whether, at env, every scalar parameter of every
// family call in the density body e lies inside its domain by more than
// Margin of its value, its error estimate taken into account; for a call inside a
// product over an index, at every value of the index. A parameter that
// cannot be evaluated is not inside. Matrix parameters are left to the
// caller, which draws them positive definite.
func InDomains(e Expr, env *Env) bool {
	return evaluator{env: env, cache: newCache()}.inDomains(e)
}

func (ev evaluator) inDomains(e Expr) bool {
	switch e := e.(type) {
	case *Big:
		lo, hi, err := ev.bounds(e)
		if err != nil {
			return false
		}
		for i := lo; i <= hi; i++ {
			if !ev.bind(e.Index, Value{V: float64(i)}).inDomains(e.Body) {
				return false
			}
		}
	case *Call:
		f := families.Get()[e.Fn]
		if f == nil || f.Multivariate || len(e.Args) != len(f.Params)+1 {
			return true
		}
		if f.IsVector() {
			return ev.vectorInDomains(f, e)
		}
		for i, p := range f.Params {
			if p.Domain == Real {
				continue
			}
			v, err := ev.eval(e.Args[i+1])
			if err != nil {
				return false
			}
			// An overflowed variance is inside; the evaluator reports it.
			if in := p.Domain.Inside(v); !(math.IsInf(in, 1) || in > Margin*math.Abs(v.V)) {
				return false
			}
		}
	}
	return true
}
