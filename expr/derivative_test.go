package expr

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// genPositive draws an expression in a and b that is positive wherever
// a, b > 0, so that every log, root and Gamma function in it is defined;
// genReal one of any sign built from such expressions.
func genPositive(rng *rand.Rand, depth int) string {
	if depth == 0 || rng.IntN(4) == 0 {
		return []string{"a", "b", "2", "1/3", "(a + 1/2)"}[rng.IntN(5)]
	}
	p := func() string { return genPositive(rng, depth-1) }
	switch rng.IntN(9) {
	case 0:
		return "(" + p() + " + " + p() + ")"
	case 1:
		return "(" + p() + "*" + p() + ")"
	case 2:
		return "(" + p() + "/" + p() + ")"
	case 3:
		return "sqrt(" + p() + ")"
	case 4:
		return "exp(" + genReal(rng, depth-1) + "/4)"
	case 5:
		return "gamma(" + p() + ")"
	case 6:
		return "beta(" + p() + ", " + p() + ")"
	case 7:
		return fmt.Sprintf("(%s)^%d", p(), []int{-2, -1, 2, 3}[rng.IntN(4)])
	default:
		return "abs(" + genReal(rng, depth-1) + " + 1/7)"
	}
}

func genReal(rng *rand.Rand, depth int) string {
	p := func() string { return genPositive(rng, depth) }
	switch rng.IntN(7) {
	case 0:
		return "log(" + p() + ")"
	case 1:
		return "lgamma(" + p() + ")"
	case 2:
		return "lbeta(" + p() + ", " + p() + ")"
	case 3:
		return "erf(" + p() + " - 1)"
	case 4:
		return "(" + p() + " - " + p() + ")"
	case 5:
		return "digamma(" + p() + ")"
	default:
		return "(" + p() + ")^(a/3)"
	}
}

// The symbolic derivative agrees with a Richardson-extrapolated central
// difference at random points, for generated expressions of every
// function it knows.
func TestDerivativeAgreesWithFiniteDifferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 11))
	checked := 0
	for n := 0; n < 400; n++ {
		src := genReal(rng, 3)
		if rng.IntN(2) == 0 {
			src = genPositive(rng, 3)
		}
		e := MustParse(src)
		d, err := Derivative(e, "a")
		if Any(e, func(x Expr) bool { c, ok := x.(*Call); return ok && c.Fn == "digamma" && Uses(c, "a") }) {
			// ψ' is the trigamma function, which the language has not.
			require.Error(t, err, src)
			continue
		}
		require.NoError(t, err, src)
		for i := 0; i < 3; i++ {
			a, b := 0.3+2*rng.Float64(), 0.3+2*rng.Float64()
			f := func(x float64) (float64, error) { return Eval(e, &Env{Vals: map[string]float64{"a": x, "b": b}}) }
			want, ok := richardson(f, a)
			if !ok {
				continue
			}
			got, err := Eval(d, &Env{Vals: map[string]float64{"a": a, "b": b}})
			require.NoError(t, err, "%s: d/da = %s", src, String(d))
			assert.InDelta(t, want, got, 1e-6*math.Max(1, math.Abs(want)), "%s at a = %g, b = %g: d/da = %s", src, a, b, String(d))
			checked++
		}
	}
	assert.Greater(t, checked, 500)
}

// richardson is f'(x) from central differences at steps h and h/2,
// extrapolated; false where f is not defined near x, or too large or
// too steep for the difference to carry 1e-6 of the derivative.
func richardson(f func(float64) (float64, error), x float64) (float64, bool) {
	h := 1e-3 * x
	diff := func(h float64) (float64, bool) {
		u, err1 := f(x + h)
		w, err2 := f(x - h)
		if err1 != nil || err2 != nil || math.Abs(u) > 1e4 || math.Abs(w) > 1e4 {
			return 0, false
		}
		return (u - w) / (2 * h), true
	}
	d1, ok1 := diff(h)
	d2, ok2 := diff(h / 2)
	d3, ok3 := diff(h / 4)
	if !ok1 || !ok2 || !ok3 {
		return 0, false
	}
	r1, r2 := (4*d2-d1)/3, (4*d3-d2)/3
	r := (16*r2 - r1) / 15
	// The extrapolations must agree: otherwise f is too wiggly here.
	if math.Abs(r2-r1) > 1e-5*math.Max(1, math.Abs(r)) {
		return 0, false
	}
	return r, true
}

func TestDerivativeRules(t *testing.T) {
	for in, want := range map[string]string{
		"a^2 + 3*a":         "2*a + 3",
		"log(a)":            "1/a",
		"lgamma(a + 1)":     "digamma(a + 1)",
		"lbeta(a, b)":       "digamma(a) - digamma(a + b)",
		"c":                 "0",
		"E(a ~ p, a^2) + a": "1",
	} {
		// In the last, the expectation binds its own a: only the free
		// one counts.
		d, err := Derivative(MustParse(in), "a")
		require.NoError(t, err, in)
		assert.Equal(t, want, String(d), in)
	}
	_, err := Derivative(MustParse("digamma(2*a)"), "a")
	assert.EqualError(t, err, "no derivative with respect to a of digamma(2*a) in the expression language")
}
