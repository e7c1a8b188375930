package derive

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
)

// A goal carries the assumptions about its own densities' symbols only,
// each marked whether its density already says it.
func TestAssumedForAGoal(t *testing.T) {
	p := load(t, `p(x) = Uniform(x; a1, b1)
q(x) = Uniform(x; a2, b2)
r(x) = Exponential(x; l^2)
assume a2 < a1
assume m > 0
`)
	shown := func(g string) map[string]bool {
		out := map[string]bool{}
		for _, a := range p.assumedFor(expr.MustParse(g).(*expr.Info)) {
			out[a.String()] = a.Domain
		}
		return out
	}
	assert.Equal(t, map[string]bool{
		"a_2 < a_1 (assumed)":                           false,
		"b_1 - a_1 > 0 (the width of the support of p)": true,
		"b_2 - a_2 > 0 (the width of the support of q)": true,
	}, shown("KL(p || q)"))
	assert.Equal(t, map[string]bool{
		"b_1 - a_1 > 0 (the width of the support of p)": true,
		"l > 0 (taken positive: l^2 is the rate of r)":  false,
	}, shown("KL(p || r)"), "a2 < a1 is about q, and m > 0 about no density")
}

// A parameter's domain that another density of the file gives is shown
// for a goal whose own densities do not give it: a and b are positive
// as the shape and rate of a Gamma p1, which a goal of Uniform(a, b)
// rests on without saying so. Where a goal's own density says it too,
// it is not shown, whichever density said it first.
func TestAssumedShowsAnotherDensitysDomain(t *testing.T) {
	p := load(t, `p1(x) = Gamma(x; a, b)
p4(x) = Uniform(x; a, b)
z(x) = Laplace(x; 0, t)
p6(x) = LogNormal(x; m, v)
p7(x) = HalfNormal(x; v)
`)
	shown := func(g string) []string {
		var out []string
		for _, a := range p.assumedFor(expr.MustParse(g).(*expr.Info)) {
			if !a.Domain {
				out = append(out, a.String())
			}
		}
		return out
	}
	assert.Equal(t, []string{"a > 0 (the shape of p_1)", "b > 0 (the rate of p_1)"}, shown("H(p4, z)"))
	assert.Equal(t, []string{"b - a > 0 (the width of the support of p_4)"}, shown("KL(p1 || z)"))
	assert.Empty(t, shown("H(p7)"), "v > 0 is the variance of p7 as much as of p6")
	assert.Empty(t, shown("KL(p1 || p4)"))
}
