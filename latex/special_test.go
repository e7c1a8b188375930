package latex

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSpecialFunctions(t *testing.T) {
	cases := map[string]string{
		`\Gamma(\alpha)`:                           "gamma(alpha)",
		`\Gamma\left(a + 1\right)`:                 "gamma(a + 1)",
		`\log\Gamma(a)`:                            "lgamma(a)",
		`\log \Gamma\left(a\right) - 1`:            "lgamma(a) - 1",
		`\log(\Gamma(a))`:                          "log(gamma(a))",
		`\psi(a) - \log b`:                         "digamma(a) - log(b)",
		`\psi'(a) + \psi'\left(a + b\right)`:       "trigamma(a) + trigamma(a + b)",
		`\psi^{\prime}(a)`:                         "trigamma(a)",
		`\psi^{(1)}(a)`:                            "trigamma(a)",
		`\psi^{2}(a)`:                              "psi^2*a",
		`\mathrm{B}(a, b)`:                         "beta(a, b)",
		`\operatorname{B}(a,b)`:                    "beta(a, b)",
		`\log\mathrm{B}(a, b)`:                     "lbeta(a, b)",
		`\mathrm{erf}(x/2)`:                        "erf(1/2*x)",
		`\operatorname{erf}\left(x\right)`:         "erf(x)",
		`\Gamma + \psi`:                            "Gamma + psi",
		`\beta \Gamma^{2}`:                         "beta*Gamma^2",
		`\frac{\Gamma(a + b)}{\Gamma(a)\Gamma(b)}`: "gamma(a + b)/(gamma(a)*gamma(b))",
	}
	for src, want := range cases {
		x, err := Parse(src, texOpt)
		if assert.NoError(t, err, src) {
			assert.Equal(t, want, expr.String(x), src)
		}
	}
	for src, msg := range map[string]string{
		`\Gamma(a, b)`:      `\Gamma takes 1 argument(s), not 2`,
		`\mathrm{B}(a)`:     `\mathrm takes 2 argument(s), not 1`,
		`\log\mathrm{B}(a)`: `\mathrm takes 2 argument(s), not 1`,
	} {
		_, err := Parse(src, texOpt)
		if assert.Error(t, err, src) {
			assert.Contains(t, err.Error(), msg, src)
		}
	}
}

// The incomplete Gamma and Beta functions, max and min read back as they
// print; I with a subscript and other than two arguments stays what it
// was.
func TestIncompleteFunctions(t *testing.T) {
	for src, want := range map[string]string{
		`\mathrm{P}(a, b \max(m, 0))`:                     "gammainc(a, b*max(m, 0))",
		`I_{\min(\max(m, 0), 1)}(c + 1, d)`:               "betainc(c + 1, d, min(max(m, 0), 1))",
		`2 m I_{x}(c, d) - \min(a, b)`:                    "2*m*betainc(c, d, x) - min(a, b)",
		`\mathrm{P}\left(a + 1, b x\right) + I_{u}(a, b)`: "gammainc(a + 1, b*x) + betainc(a, b, u)",
	} {
		x, err := Parse(src, texOpt)
		require.NoError(t, err, src)
		assert.Equal(t, want, expr.String(x), src)
		back, err := Parse(expr.Format(x, expr.LaTeX), texOpt)
		require.NoError(t, err, src)
		assert.Equal(t, want, expr.String(back), "%s printed back", src)
	}
}

// \mathrm{P} with one argument is not the incomplete Gamma function.
func TestProbabilityIsNotIncompleteGamma(t *testing.T) {
	x, err := Parse(`\mathrm{P}(x)`, texOpt)
	if err == nil {
		assert.NotContains(t, expr.String(x), "gammainc")
	}
}
