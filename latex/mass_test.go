package latex

import (
	"math"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A logarithm to a number base is the natural one divided by the
// base's; a factorial is Γ(x + 1); the mass Pr(X = a) is X's density at a, and p(X = 0) is p at
// 0; a sum over a set of consecutive integers runs between its ends,
// and one over \mathcal{X} over the support the checker fills in.
func TestDiscreteNotation(t *testing.T) {
	opt := Options{Funcs: map[string]bool{"p": true, "q": true, "X": true}, Vars: map[string]bool{"x": true, "X": true}}
	env := &expr.Env{Vals: map[string]float64{"y": 0.3, "n": 4}}
	for _, c := range []struct {
		src, want string
		val       float64 // at env, when the expression has no function
	}{
		{`\log_2 8`, "log(8)/log(2)", 3},
		{`\log_{10} 1000`, "log(1000)/log(10)", 3},
		{`\log_e y`, "log(y)", math.Log(0.3)},
		{`-y \log_2 y - (1-y) \log_2 (1-y)`, "", -0.3*math.Log2(0.3) - 0.7*math.Log2(0.7)},
		{`\mathrm{Pr}(X = 0)`, "X(0)", math.NaN()},
		{`\Pr(X = y + 1)`, "X(y + 1)", math.NaN()},
		{`p(X=0) \cdot \ln \frac{p(X=0)}{q(X=0)}`, "p(0)*log(p(0)/q(0))", math.NaN()},
		{`\sum_{k \in \{0, 1\}} y^k`, "sum(k in 0..1, y^k)", 1.3},
		{`\sum_{k \in \left\lbrace 0,1,2 \right\rbrace} y^k`, "sum(k in 0..2, y^k)", 1 + 0.3 + 0.09},
		{`\sum_{k \in \{1, 2, \ldots, n\}} k`, "sum(k in 1..n, k)", 10},
		// x! is Γ(x + 1).
		{`n!`, "gamma(n + 1)", 24},
		{`(n - 1)! \cdot n`, "gamma(n)*n", 24},
		{`\frac{y^n}{n!}`, "y^n/gamma(n + 1)", math.Pow(0.3, 4) / 24},
		{`\ln n!`, "log(gamma(n + 1))", math.Log(24)},
		// An exponential after a function's unbracketed argument reads
		// two ways, unless brackets tell.
		{`\ln(y e^{y})`, "log(y*exp(y))", math.Log(0.3) + 0.3},
		{`(\ln y) e^{y}`, "log(y)*exp(y)", math.Log(0.3) * math.Exp(0.3)},
		{`\ln e^{y}`, "log(exp(y))", 0.3},
		{`\ln(y) (1 + y)`, "log(y)*(1 + y)", math.Log(0.3) * 1.3},
	} {
		x, err := Parse(c.src, opt)
		require.NoError(t, err, c.src)
		if c.want != "" {
			assert.Equal(t, c.want, expr.String(x), c.src)
		}
		if !math.IsNaN(c.val) {
			v, err := expr.Eval(x, env)
			require.NoError(t, err, c.src)
			assert.InDelta(t, c.val, v, 1e-12, c.src)
		}
	}
	x, err := Parse(`\sum_{x \in \mathcal{X}} p(x)`, opt)
	require.NoError(t, err)
	b, ok := x.(*expr.Big)
	require.True(t, ok, expr.String(x))
	assert.Equal(t, OverSupport, b.Lo)
	assert.Equal(t, "x", b.Index)
	for _, c := range []struct{ src, err string }{
		{`\sum_{k \in \{0, 2\}} k`, "consecutive integers only"},
		{`\sum_{k \in \{a, b\}} k`, "consecutive integers only"},
		{`\sum_{k \in \{\ldots, 2\}} k`, "an ellipsis in a set of values comes once"},
		{`\sum_{k \in \{0, 1} k`, `expected "\}" but found "}"`},
		{`\Pr(x)`, "the mass of the random variable X at a"},
		{`\Pr(Y = 1)`, "needs a density of the random variable Y"},
		{`n!!`, "double factorials are unsupported"},
		{`\ln y e^{y}`, "reads two ways"},
		{`\ln \frac{1}{y} e^{-y}`, "reads two ways"},
		{`\ln e^{y} y`, "reads two ways"},
		{`\ln \frac{1}{y} (1 + y)`, "reads two ways"},
		{`\ln y [x]_0^1`, "reads two ways"},
	} {
		_, err := Parse(c.src, opt)
		require.Error(t, err, c.src)
		assert.Contains(t, err.Error(), c.err, c.src)
	}
}
