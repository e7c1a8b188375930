package derive

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The argument of abs or erf that lands with a leading minus is written
// with the fewer minus signs in every shown line: |3·m + 1|, not
// |−3·m − 1|, and erf(1/√(2v)) with its sign outside, for other names,
// means and both directions; each derivation still verifies.
func TestSignsOfEvenAndOddFunctions(t *testing.T) {
	for src, c := range map[string]struct{ want, never string }{
		"p(x) = Laplace(x; -3*m, s)\nq(x) = Laplace(x; 1, t)\nderive KL(p || q)\n": {"abs(3*m + 1)", "abs(-"},
		"p(x) = Laplace(x; -2*k, s)\nq(x) = Laplace(x; 5, t)\nderive KL(q || p)\n": {"abs(5 + 2*k)", "abs(-"},
		"r(x) = Normal(x; 0, v)\np(x) = Laplace(x; 1, s)\nderive KL(r || p)\n":     {"erf(1/sqrt(2*v))", "erf(-"},
		"r(x) = Normal(x; -a, w)\np(x) = Laplace(x; b + a, s)\nderive H(r, p)\n":   {"erf(", "erf(-"},
	} {
		d := deriveAll(t, src)[0]
		require.True(t, d.Verification.Points > 0 && d.Verification.Direct, src)
		assert.Contains(t, expr.String(d.Result), c.want, src)
		for _, st := range d.Steps[1:] {
			assert.NotContains(t, expr.String(st.After), c.never, src)
		}
	}
}
