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
