package latex

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Operators and moments written in plain letters, as hand derivations in
// Markdown often do.
func TestLaTeXPlainLetters(t *testing.T) {
	checkTeX(t, []texCase{
		{`log(a) + ln b`, "log(a) + log(b)"},
		{`-\frac{1}{2}(log(s^2) + 1)`, "-1/2*(log(s^2) + 1)"},
		{`exp(-u)`, "exp(-u)"},
		{`Tr(A B) + tr(C)`, "tr(A*B) + tr(C)"},
		{`det(S)`, "det(S)"},
		// Without a bracket, tr is the product of t and r.
		{`tr + 1`, "t*r + 1"},
		{`logp`, "l*o*g*p"},
	})
	checkTeXErrors(t, []texCase{
		{`log(a)^2`, `<input>:1:7: log(a)^{n} is ambiguous; write \log\left(a^{n}\right) or \left(\log a\right)^{n}`},
		{`log^2 a`, `<input>:1:4: a power written on log is unsupported; write (log x)^{n}`},
	})
}

// E(x) and V(x) in plain letters are the expectation and the variance of
// a random variable the options name, and nothing else.
func TestLaTeXPlainMoments(t *testing.T) {
	opt := Options{Funcs: map[string]bool{"p": true}, Vars: map[string]bool{"x": true, "X": true}}
	parse := func(src string) string {
		x, err := Parse(src, opt)
		require.NoError(t, err, src)
		return expr.String(x)
	}
	assert.Equal(t, "E( ~ , x)", parse(`E(x)`))
	assert.Equal(t, "E( ~ , X)^2", parse(`E(X)^2`))
	assert.Equal(t, "E( ~ , (x - E( ~ , x))^2)", parse(`V(x)`))
	assert.Equal(t, "E( ~ , (x - E( ~ , x))^2)", parse(`Var(x)`))
	// Of anything else, E and V are names: an energy E(u), a potential V(x - 1).
	assert.Equal(t, "E*u", parse(`E(u)`))
	assert.Equal(t, "V*(x - 1)", parse(`V(x - 1)`))
	// A function the context declares keeps its call.
	opt.Funcs["V"] = true
	assert.Equal(t, "V(x)", parse(`V(x)`))
}

// A superscript before the subscript of a name, and sums over the
// coordinates without limits.
func TestLaTeXScriptsAndCoordinates(t *testing.T) {
	checkTeX(t, []texCase{
		{`\mu^2_1 + \sigma^{2}_{q}`, "mu_1^2 + sigma_q^2"},
		{`\sum_{d=1}^{D} \mu^2_d`, "sum(d in 1..D, mu[d]^2)"},
		{`\sum_{k=0}^{\infty} a^k`, "sum(k in 0..inf, a^k)"},
		{`\sum_{k=0}^{\infty}a^k`, "sum(k in 0..inf, a^k)"},
	})
	checkTeXErrors(t, []texCase{
		{`\mu^2_1^3`, "<input>:1:8: double superscript; write {x^{a}}^{b}"},
		{`\sum_i \sigma_i^2`, `<input>:1:1: \sum_x, a sum over the values of a variable, is unsupported; write \sum_{d=1}^{D}`},
	})
	opt := Options{Funcs: map[string]bool{"q": true}, Vars: map[string]bool{"z": true, "Z": true}, Dim: "n"}
	for src, want := range map[string]string{
		`\sum_i \sigma_i^2`:           "sum(i in 1..n, sigma[i]^2)",
		`\sum_{j}\mu^2_j`:             "sum(j in 1..n, mu[j]^2)",
		`\prod_i\sigma_i^2`:           "prod(i in 1..n, sigma[i]^2)",
		`\sum_i^{m} \sigma_i`:         "sum(i in 1..m, sigma[i])",
		`-\sum_i(\log\sigma_i^2 + 1)`: "-sum(i in 1..n, log(sigma[i]^2) + 1)",
	} {
		x, err := Parse(src, opt)
		if assert.NoError(t, err, src) {
			assert.Equal(t, want, expr.String(x), src)
		}
	}
	// Over a random variable, \sum_z is no sum over coordinates but
	// over the support of z, whose limits the checker fills in.
	x, err := Parse(`\sum_z q(z)`, opt)
	require.NoError(t, err)
	b, ok := x.(*expr.Big)
	require.True(t, ok, expr.String(x))
	assert.True(t, b.Lo == OverSupport && b.Hi == OverSupport && b.Index == "z", expr.String(x))
}

// An integral over the whole domain of its variable, named under the
// integral sign.
func TestLaTeXIntegralOverTheDomain(t *testing.T) {
	checkTeX(t, []texCase{
		{`\int_x p(x) \log p(x)`, "int(x, p(x)*log(p(x)))"},
		{`\int_{z} q(z) z^2 dz`, "int(z, q(z)*z^2)"},
		{`\int_{\mathcal X} p(x) x \,dx`, "int(x, p(x)*x)"},
		{`\int_{\mathcal{Z}} q(z) dz`, "int(z, q(z))"},
		{`\int_{\mathbb R^n} p(x) dx`, "int(x, p(x))"},
	})
	checkTeXErrors(t, []texCase{
		{`\int_x p(z) dz`, "<input>:1:13: the integral over x has the differential dz"},
		{`\int_0 p(x) dx`, `<input>:1:1: an integral from "0" to "" is unsupported; write both limits, \int_a^b, or none for the whole real line`},
		{`\int_{\mathcal X} p(x)`, "<input>:1:23: expected the differential (dx) of the integral at 1:1 but found the end of the math"},
	})
}

// A diagonal written out over the coordinates is diag of the vector.
func TestLaTeXDiagonalWrittenOut(t *testing.T) {
	opt := Options{Dim: "n"}
	for src, want := range map[string]string{
		`\text{diag}(\sigma_1^2,\ldots,\sigma^2_n)`:     "diag(sigma^2)",
		`\mathrm{diag}(a_1, \dots, a_n)`:                "diag(a)",
		`\operatorname{diag}(e^{v_1}, \cdots, e^{v_n})`: "diag(exp(v))",
	} {
		x, err := Parse(src, opt)
		if assert.NoError(t, err, src) {
			assert.Equal(t, want, expr.String(x), src)
		}
	}
	for _, src := range []string{`\text{diag}(\sigma_1^2, \ldots, \sigma_n)`, `\text{diag}(a_1, \ldots, a_m)`, `\text{diag}(a_1, b_2)`} {
		_, err := Parse(src, opt)
		assert.Error(t, err, src)
	}
	_, err := Parse(`\text{diag}(a_1, \ldots, a_n)`, texOpt)
	assert.ErrorContains(t, err, `diag(a_1, \ldots, a_n) is read only over the coordinates 1 to the dimension`)
}
