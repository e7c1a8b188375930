package derive

import (
	"testing"

	"github.com/klderive/klderive/expr"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// An end a² of q's support lies above p's end 0 only where a ≠ 0: at
// a = 0 the supports nest and KL(p ‖ q) is log 2. So +∞ is not shown for
// all a; the case a² ≤ 0, which holds at a = 0 alone, is one the sampler
// cannot reach, and the derivation says so rather than drop it.
func TestSquareEndIsNotAGap(t *testing.T) {
	for _, end := range []string{"a^2", "abs(a)", "(a - c)^2", "a^2 + abs(c)"} {
		src := "p(x) = Uniform(x; 0, 1)\nq(x) = Uniform(x; " + end + ", 2)\nderive KL(p || q)\n"
		p := load(t, src)
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		var f *Failure
		require.ErrorAs(t, err, &f, "%s: derived %v", src, d)
		assert.Contains(t, f.Msg, "could find only 0 admissible parameter points", src)
		assert.Contains(t, f.Msg, "could not be proved empty either", src)
	}
}

// Ends that differ by a number only in normal form are compared there:
// 1 + a² lies below 3 + a², and both above 0 (1 + a² > 0 for every a),
// so Uniform(0, 1 + a²) inside Uniform(−1, 3 + a²) is finite, and +∞ the
// other way round.
func TestEndsComparedInNormalForm(t *testing.T) {
	src := "p(x) = Uniform(x; 0, 1 + a^2)\nq(x) = Uniform(x; -1, 3 + a^2)\nderive KL(p || q), KL(q || p)\n"
	p := load(t, src)
	d, err := Derive(p, p.File.Goals[0], DefaultOptions)
	require.NoError(t, err, src)
	assert.Equal(t, "log((4 + a^2)/(1 + a^2))", expr.String(d.Result))
	back, err := Derive(p, p.File.Goals[1], DefaultOptions)
	require.NoError(t, err, src)
	assert.Equal(t, "inf", expr.String(back.Result))
	assert.NotEmpty(t, back.Verification.Witness)
}
