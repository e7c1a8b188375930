package latex

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
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
