package expr

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The degree reading decides between the exact Gauss–Hermite rule and
// the adaptive one, so it must never call a non-polynomial a polynomial.
func TestDegree(t *testing.T) {
	f := mustFile(t, "p(x) = Normal(x; m, s^2)\nq(x) = exp(-(x - m)^2/2)/sqrt(2*pi)\nr(z) = prod(d in 1..D, Normal(z[d]; m, 1))\nu(x) = exp(-abs(x))/2\n")
	ev := evaluator{env: envOf(f, nil)}
	for _, c := range []struct {
		src string
		deg int // −1: not a polynomial
	}{
		{"3", 0},
		{"m^5*log(s)", 0},
		{"x", 1},
		{"(x - m)^2", 2},
		{"x^3*(x + 1)^2/7", 5},
		{"log(p(x))", 2},
		{"log(q(x))", 2},
		{"log(p(x)) - log(q(x))", 2},
		{"log(p(2*x + 1))", 2},
		{"log(p(x^2))", -1},
		{"log(u(x))", -1},
		{"log(Normal(x; m, s))", 2},
		{"log(Normal(x; x, s))", -1},
		{"p(x)", -1},
		{"abs(x - m)", -1},
		{"exp(x)", -1},
		{"sqrt(x)", -1},
		{"x^(1/2)", -1},
		{"1/x", -1},
		{"log(x)", -1},
		{"E(y ~ p, (x - y)^2)", -1},
		{"E(x ~ p, x^2)", 0}, // binds its own x
		{"sum(d in 1..D, x^2)", 2},
		{"tr(x*x')", 2},
	} {
		got := ev.polyDegree(MustParse(c.src), "x")
		assert.Equal(t, c.deg, got, c.src)
	}
	assert.Equal(t, 2, ev.polyDegree(MustParse("log(r(z))"), "z"))
	assert.Equal(t, 2, ev.polyDegree(MustParse("sum(d in 1..D, z[d]^2)"), "z"))
}

// NodeBound is what a caller bounding work relies on: a grid for a
// polynomial under a Gaussian, the whole adaptive budget otherwise.
func TestNodeBound(t *testing.T) {
	f := mustFile(t, "p(x) = Normal(x; m, s^2)\nu(x) = exp(-abs(x))/2\n")
	dens := envOf(f, nil).Dens
	at := func(dist, body string) int {
		return NodeBound(&Expect{Var: S("x"), Dist: dist, Body: MustParse(body)}, dens)
	}
	assert.Equal(t, maxGrid, at("p", "(x - m)^2 + log(p(x))"))
	assert.Equal(t, MaxNodes, at("p", "abs(x)"))
	assert.Equal(t, MaxNodes, at("u", "x^2"))
	assert.Equal(t, MaxNodes, at("r", "x"))
}
