package render

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
)

func TestTitleLaTeX(t *testing.T) {
	for in, want := range map[string]string{
		"linearity of the trace; tr(inv(S)*S) = k":   `linearity of the trace; $\operatorname{tr}(S^{-1} S) = k$`,
		"p is Gaussian with mean m and variance s^2": `p is Gaussian with mean m and variance $s^{2}$`,
		"expand, cancel and collect like terms":      "expand, cancel and collect like terms",
		"linearity of E_p & sums":                    `linearity of E\_p \& sums`,
		"a scalar equals its trace; tr(AB) = tr(BA)": `a scalar equals its trace; $\operatorname{tr}(\mathit{AB}) = \operatorname{tr}(\mathit{BA})$`,
		"not an equation; a = ":                      "not an equation; a = ",
	} {
		assert.Equal(t, want, titleLaTeX(in, expr.Notation{}), in)
	}
}
