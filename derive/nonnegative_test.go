package derive

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An end a² of q's support lies above p's end 0 only where a ≠ 0: at
// a = 0 the supports nest and KL(p ‖ q) is log 2. So +∞ is not shown for
// all a; the case a² ≤ 0, which holds at a = 0 alone, is one the sampler
// cannot reach. Solved to a = 0, it is derived there, as abs(a) ≤ 0 is,
// (a − c)² ≤ 0 at a = c, and a² + |c| ≤ 0, a sum of terms ≥ 0, at a = 0
// and c = 0; where the point's equation is not solved ((a − c)⁴ = 0),
// the derivation says so rather than drop it.
func TestSquareEndIsNotAGap(t *testing.T) {
	for _, end := range []string{"a^2", "abs(a)", "(a - c)^2", "a^2 + abs(c)"} {
		src := "p(x) = Uniform(x; 0, 1)\nq(x) = Uniform(x; " + end + ", 2)\nderive KL(p || q)\n"
		p := load(t, src)
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		require.NoError(t, err, src)
		assert.Equal(t, "cases(log(2) if "+end+" <= 0; inf otherwise)", expr.String(d.Result), src)
	}
	for _, end := range []string{"(a - c)^4"} {
		src := "p(x) = Uniform(x; 0, 1)\nq(x) = Uniform(x; " + end + ", 2)\nderive KL(p || q)\n"
		p := load(t, src)
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		var f *Failure
		require.ErrorAs(t, err, &f, "%s: derived %v", src, d)
		assert.Contains(t, f.Msg, "could find only 0 admissible parameter points", src)
		assert.Contains(t, f.Msg, "could not be proved empty either", src)
	}
}

// Ends that differ by a number only in normal form are compared there:
// 1 + a² lies below 3 + a², and both above 0 (1 + a² > 0 for every a),
// so Uniform(0, 1 + a²) inside Uniform(−1, 3 + a²) is finite, and +∞ the
// other way round.
func TestEndsComparedInNormalForm(t *testing.T) {
	src := "p(x) = Uniform(x; 0, 1 + a^2)\nq(x) = Uniform(x; -1, 3 + a^2)\nderive KL(p || q), KL(q || p)\n"
	p := load(t, src)
	d, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.NoError(t, err, src)
	assert.Equal(t, "log((4 + a^2)/(1 + a^2))", expr.String(d.Result))
	back, err := Derive(p, p.File.Goals[1], DefaultOptions)
	require.NoError(t, err, src)
	assert.Equal(t, "inf", expr.String(back.Result))
	assert.NotEmpty(t, back.Verification.Witness)
}

// nonnegativeParam writes a parameter that is positive by the sign
// calculus's nonnegative terms alone: a number or a positive name plus
// a square, an abs or a sqrt of a generated real expression.
func nonnegativeParam(g params) string {
	plus := []string{"1", "1/2", "s", "t", "exp(" + g.real(0) + ")"}[g.rng.IntN(5)]
	switch g.rng.IntN(4) {
	case 0:
		return plus + " + (" + g.real(1) + ")^2"
	case 1:
		return plus + " + abs(" + g.real(1) + ")"
	case 2:
		return plus + " + sqrt(" + g.positive(0) + ")"
	}
	return plus + " + (" + g.real(0) + ")^2 + abs(" + g.real(0) + ")"
}

// Families whose positive parameters, or a Uniform's width, are such
// sums derive both ways, with no assumption added, to the value
// quadrature gives at random points: where the old calculus took a² > 0
// for a symbol and nothing for a compound square, the new one knows
// 1 + (a + c)² > 0 and (a + c)² ≥ 0 alike.
func TestNonnegativeCompoundParameters(t *testing.T) {
	rng := rand.New(rand.NewPCG(51, 52))
	g := params{rng: rng}
	fams := map[string]*family.Family{"Normal": family.Normal.Get(), "Gamma": family.Gamma.Get(), "Exponential": family.Exponential.Get(), "Uniform": family.Uniform.Get()}
	for range 24 {
		var pdf [2]string
		var fam [2]string
		switch rng.IntN(3) {
		case 0:
			fam = [2]string{"Normal", "Normal"}
			pdf = [2]string{"Normal(x; " + g.real(1) + ", " + nonnegativeParam(g) + ")", "Normal(x; " + g.real(0) + ", " + nonnegativeParam(g) + ")"}
		case 1:
			fam = [2]string{"Gamma", "Exponential"}
			pdf = [2]string{"Gamma(x; " + nonnegativeParam(g) + ", " + nonnegativeParam(g) + ")", "Exponential(x; " + nonnegativeParam(g) + ")"}
		default:
			// p inside q: q's ends reach past p's by a positive margin.
			lo := g.real(1)
			w := nonnegativeParam(g)
			fam = [2]string{"Uniform", "Uniform"}
			pdf = [2]string{"Uniform(x; " + lo + ", " + lo + " + " + w + ")", "Uniform(x; " + lo + " - (" + nonnegativeParam(g) + "), " + lo + " + " + w + " + " + nonnegativeParam(g) + ")"}
		}
		src := fmt.Sprintf("assume s > 0\nassume t > 0\np(x) = %s\nq(x) = %s\nderive KL(p || q), H(p, q)\n", pdf[0], pdf[1])
		p := load(t, src)
		for _, goal := range p.File.Goals {
			d, err := Derive(p, goal, DefaultOptions)
			require.NoError(t, err, src)
			for _, env := range p.SamplePoints(6, 23, d.Result) {
				got := mustEval(t, d.Result, env)
				ref := reference(goal.Info, fams[fam[0]], fams[fam[1]], paramValues(t, p, "p", env), paramValues(t, p, "q", env))
				assert.InDelta(t, ref, got, 1e-7*math.Max(1, math.Abs(ref)), "%s %s at %v", src, expr.String(goal.Info), env.Vals)
			}
		}
		for _, a := range p.Assumed {
			assert.NotContains(t, a, "(the", "%s: a parameter taken positive by assumption: %s", src, a)
		}
	}
}

// What the sign calculus cannot show stays a stated assumption: the
// width of Uniform(a, b) is b − a > 0, and a variance a² + c², 0 at
// a = c = 0, is assumed positive, not known so.
func TestUnprovedPositivityIsAssumed(t *testing.T) {
	p := load(t, "p(x) = Uniform(x; a, b)\nq(x) = Normal(x; m, a^2 + c^2)\nr(x) = Uniform(x; c, c + 1 + a^2)\nderive H(p)\n")
	assert.Equal(t, []string{"a^2 + c^2 > 0 (the variance of q)", "b - a > 0 (the width of the support of p)"}, p.Assumed)
}

// A positive parameter written as a power of a symbol makes the symbol
// positive, and says why: an odd power is positive only where its
// symbol is; an even one leaves the sign free, and the symbol is taken
// positive, a standard deviation for a variance σ² and the same
// convention for a rate a² or a scale u⁴.
func TestPowersOfPositiveParametersSayWhy(t *testing.T) {
	p := load(t, "p(x) = Exponential(x; a^2)\nq(x) = Normal(x; m, sigma^2)\nr(x) = Gamma(x; b^3, 2*c^2)\nw(x) = Laplace(x; 0, u^4)\nderive H(p)\n")
	assert.ElementsMatch(t, []string{
		"a > 0 (taken positive: a^2 is the rate of p)",
		"sigma > 0 (a standard deviation, taken positive: sigma^2 is the variance of q)",
		"b > 0 (as b^3 is the shape of r)",
		"c > 0 (taken positive: c^2 is the rate of r)",
		"u > 0 (taken positive: u^4 is the scale of w)",
	}, p.Assumed)
}

// An assumption that decides the symbol's sign stands: under "assume
// a < 0" the rate a² is not taken to make a positive, and a derivation
// with a also as a mean verifies at negative a.
func TestAssumedSignOfAPowerStands(t *testing.T) {
	p := load(t, "assume a < 0\np(x) = Normal(x; a, a^2)\nq(x) = Exponential(x; a^2)\nderive H(p)\n")
	assert.False(t, p.Ctx.Positive["a"])
	for _, a := range p.Assumed {
		assert.NotContains(t, a, "a > 0", a)
	}
	ds := deriveAll(t, "assume a < 0\np(x) = Normal(x; a, a^2)\nq(x) = Normal(x; 0, 1)\nderive KL(p || q)\n")
	require.Len(t, ds, 1)
	assert.True(t, ds[0].Verification.Direct)
}
