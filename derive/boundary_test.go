package derive

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A Uniform against a family on a half-line or (0, 1) is finite where
// its support lies inside, ends included. At an end where the formula
// has no value (a₁·log a₁ at a₁ = 0, against a Beta, a Gamma or a
// LogNormal), the case says it is taken as its limit, and the limit,
// the formula just inside, agrees with quadrature at the end; where it
// has a value (against an Exponential or a HalfNormal), nothing is said
// and the value agrees with quadrature there. Ends no symbol is linear
// in are reached by bisection, near the end, and always said to be
// limits. Generated over the Uniform's ends, both goals and the
// families of q.
func TestFormulasAtTheEndsOfTheirCase(t *testing.T) {
	qs := []struct {
		call   string
		f      *family.Family
		limits bool
	}{
		{"Beta(x; k1, k2)", family.Beta.Get(), true},
		{"Beta(x; k1 + 1, exp(k2))", family.Beta.Get(), true},
		{"Gamma(x; k1, k2)", family.Gamma.Get(), true},
		{"LogNormal(x; k1, k2)", family.LogNormal.Get(), true},
		{"Exponential(x; k1)", family.Exponential.Get(), false},
		{"HalfNormal(x; k1)", family.HalfNormal.Get(), false},
	}
	// The last two are ends no symbol is linear in: reached by
	// bisection, near the end and not at it, so the formula is always
	// said to be taken as its limit there.
	ends := []string{"a1, b1", "a1/2, a1/2 + exp(d)", "c - 1, c + exp(d)", "c^2 - 1, c^2 + 1", "exp(c)/4, exp(c)/4 + 1/2"}
	for _, q := range qs {
		for _, e := range ends {
			beta := q.f.Name == "Beta"
			if beta && strings.HasPrefix(e, "c") || !beta && strings.HasPrefix(e, "exp") {
				// Never inside (0, 1), +∞ (emptycase_test.go), or
				// always inside a half-line.
				continue
			}
			limits := q.limits || strings.Contains(e, "^2") || strings.HasPrefix(e, "exp")
			for _, goal := range []string{"KL(p || q)", "H(p, q)"} {
				src := fmt.Sprintf("p(x) = Uniform(x; %s)\nq(x) = %s\nderive %s\n", e, q.call, goal)
				p := load(t, src)
				d, err := Derive(p, p.File.Goals[0], DefaultOptions)
				require.NoError(t, err, src)
				cs, ok := d.Result.(*expr.Cases)
				require.True(t, ok, "%s: %s", src, expr.String(d.Result))
				assert.Equal(t, limits, d.Verification.Limits != "", "%s: %q", src, d.Verification.Limits)
				assert.Equal(t, limits, strings.Contains(d.Steps[1].Title, "taken as their limits"), "%s: %s", src, d.Steps[1].Title)
				finite, when := cs.Cases[0].Then, ascendingForms(cs.Cases[0].When)
				info := p.File.Goals[0].Info
				atEnds := 0
				for _, env := range p.SamplePoints(16, 9, d.Result) {
					if k, err := expr.Taken(cs, env); err != nil || k != 0 {
						continue
					}
					for _, r := range when {
						at, _, ok := p.tight(env, []*expr.Rel{r}, nil, 0)
						if !ok {
							continue
						}
						ref := reference(info, family.Uniform.Get(), q.f, paramValues(t, p, "p", at), paramValues(t, p, "q", at))
						tol := 1e-6 * math.Max(1, math.Abs(ref))
						v, err := expr.Eval(finite, at)
						if err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
							assert.InDelta(t, ref, v, tol, "%s at %v", src, at.Vals)
						} else {
							require.True(t, limits, "%s: no value at %v", src, at.Vals)
							inside, _, ok := p.tight(env, []*expr.Rel{r}, nil, 1e-10)
							require.True(t, ok)
							assert.InDelta(t, ref, mustEval(t, finite, inside), tol, "%s just inside %v", src, at.Vals)
						}
						atEnds++
					}
				}
				assert.Positive(t, atEnds, src)
			}
		}
	}
}

// A formula with no value at an end is shown only if its limit agrees:
// the right one passes, at the end a₁ = 0; one that adds
// log(a₁)/log(a₁), 1 inside and no value at the end, is rejected.
func TestAWrongLimitIsRejected(t *testing.T) {
	p := load(t, "p(x) = Uniform(x; a1, b1)\nq(x) = Gamma(x; k1, k2)\nderive KL(p || q)\n")
	d, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.NoError(t, err)
	cs := d.Result.(*expr.Cases)
	when := ascendingForms(cs.Cases[0].When)
	var strict []*expr.Rel
	for _, r := range when {
		strict = append(strict, &expr.Rel{Op: "<", L: r.L, R: r.R})
	}
	fin, err := p.with(p.File.Goals[0].Pos, strict...)
	require.NoError(t, err)
	ends, n, err := p.boundaryLimits(fin, d.Start, cs.Cases[0].Then, when, 1, true, true)
	require.NoError(t, err)
	assert.Equal(t, []string{"a_1 = 0"}, ends)
	assert.Equal(t, boundaryPoints, n)
	wrong := expr.Sum(cs.Cases[0].Then, expr.MustParse("log(a_1)/log(a_1)"))
	_, _, err = p.boundaryLimits(fin, d.Start, wrong, when, 1, true, true)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "where a_1 = 0, the result has no value, and")
	assert.Contains(t, err.Error(), "does not agree with direct integration at the end")
}

// The formula just inside an end stands for its limit only when it
// tends to direct integration: within the tolerance at the last step,
// and closing in where it is not yet.
func TestLimitClosesIn(t *testing.T) {
	const tol = 1e-6
	assert.True(t, closesIn([]float64{1e-9, 1e-11}, tol))        // s·log s: within at both
	assert.True(t, closesIn([]float64{1.2e-6, 1.5e-8}, tol))     // s·log²s: within at the last only
	assert.False(t, closesIn([]float64{3e-6, 1e-6 + 1e-9}, tol)) // not closing in
	assert.False(t, closesIn([]float64{1e-3, 1e-3}, tol))        // another limit
	assert.False(t, closesIn([]float64{1e-9, 2e-6}, tol))        // off at the last
	assert.False(t, closesIn([]float64{1e-9}, tol))              // a step not evaluated
	assert.False(t, closesIn([]float64{math.NaN(), 1e-9}, tol))  // no value
}

// The end b + exp(−b) = 2 of the case b ≥ 1 and b + exp(−b) ≤ 2 is at
// b ≈ 1.84: the root at b ≈ −1.15 lies outside the case, and stepping
// towards it leaves b ≥ 1 first. The limits are checked at the right one.
func TestEndWithinTheOtherConditions(t *testing.T) {
	p := load(t, "p(x) = Uniform(x; b - 1, b - 1 + exp(-b))\nq(x) = Beta(x; k, 2)\nassume k > 0\nderive H(p, q)\n")
	d, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.NoError(t, err)
	assert.True(t, d.Verification.Direct)
	env := &expr.Env{Vals: map[string]float64{"b": 1.3, "k": 1}}
	r := &expr.Rel{Op: "<=", L: expr.MustParse("b + exp(-b)"), R: expr.N(2)}
	at, _, ok := p.tight(env, []*expr.Rel{r}, []*expr.Rel{{Op: ">=", L: expr.S("b"), R: expr.N(1)}, r}, 0)
	require.True(t, ok)
	assert.InDelta(t, 1.8414, at.Vals["b"], 1e-3)
}
