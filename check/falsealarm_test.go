package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestOperatorNamesAreNotNumbers: E_p with a density as its subscript,
// before ( or | (E_p|x - \mu|, without brackets), is the expectation
// under p, not a symbol drawn as a number, which would make the correct
// step below look wrong; with a sign changed it is wrong.
func TestOperatorNamesAreNotNumbers(t *testing.T) {
	laplace := []string{"p(x) = Laplace(x; mu1, b1)", "q(x) = Laplace(x; mu2, b2)"}
	r := run(t, Plain, `E_p\left(\log\frac{b_2}{b_1} - \frac{|x-\mu_1|}{b_1}\right) = \log\frac{b_2}{b_1} - \frac{1}{b_1}E_p|x-\mu_1|`, laplace...)
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	r = run(t, Plain, `E_p\left(\log\frac{b_2}{b_1} - \frac{|x-\mu_1|}{b_1}\right) = \log\frac{b_2}{b_1} + \frac{1}{b_1}E_p|x-\mu_1|`, laplace...)
	require.Len(t, r.Links, 1)
	assert.Equal(t, Wrong, r.Links[0].Status, r.Links[0].Reason)
	// Other capitals on both sides are still drawn as numbers.
	l := verdict(t, `K (a + b) = K a + K b`)
	assert.Equal(t, OK, l.Status, l.Reason)
}

// TestDiscreteVariableIsNotReal: a formula for a discrete density holds on
// its support only; at real points it would be a false alarm, so the
// density's variable takes the values of its support. A symbol that is
// no density's variable is still not drawn as one.
func TestDiscreteVariableIsNotReal(t *testing.T) {
	l := verdict(t, `\mathrm{Bern}(x \mid \theta) = \theta^x (1-\theta)^{1-x}`, "p(x) = Bernoulli(x; theta)")
	assert.Equal(t, OK, l.Status, l.Reason)
	l = verdict(t, `p(x) = \theta^x (1-\theta)^{1-x}`, "p(x) = Bernoulli(x; theta)")
	assert.Equal(t, OK, l.Status, l.Reason)
	l = verdict(t, `p(x) = \theta^x (1-\theta)^{x}`, "p(x) = Bernoulli(x; theta)")
	assert.Equal(t, Wrong, l.Status, l.Reason)
	l = verdict(t, `p(y) = \theta^y (1-\theta)^{1-y}`, "p(x) = Bernoulli(x; theta)")
	assert.Equal(t, Unchecked, l.Status)
	assert.Contains(t, l.Reason, "discrete")
	// A continuous density at a universal point is judged.
	l = verdict(t, `p(x) = \frac{1}{\sqrt{2\pi\sigma_1^2}} e^{-\frac{(x-\mu_1)^2}{2\sigma_1^2}}`, gauss...)
	assert.Equal(t, OK, l.Status, l.Reason)
}

// TestIdentityTimesIdentity: in I_n (2 I_n), as derive writes
// tr((I/e^c)(exp(c) I)), each identity took the size of the other, which
// had none yet, and its size I(·) was drawn as a number: a correct line
// was wrong. Both take the context's dimension.
func TestIdentityTimesIdentity(t *testing.T) {
	ctx := []string{"n: dim", "z: vector[n]", "r(z) = MvNormal(z; 0, exp(c)*I)"}
	for tex, want := range map[string]Status{
		`\operatorname{tr}\left(\left(I_{n}\right) (2 I_{n})\right) = 2 n`:                        OK,
		`\operatorname{tr}\left(\left(\frac{I_{n}^{-1}}{e^{c}}\right) (\exp(c) I_{n})\right) = n`: OK,
		`\operatorname{tr}\left(I_{n} (2 I_{n})\right) = 3 n`:                                     Wrong,
	} {
		l := verdict(t, tex, ctx...)
		assert.Equal(t, want, l.Status, "%s: %s", tex, l.Reason)
	}
}
