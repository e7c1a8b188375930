package check

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContinuousFamilies checks hand derivations of the continuous
// families' divergences and entropies, written as such derivations are
// (the law as \mathrm{Gamma}(a_1, b_1), \text{Beta}(a, b) or a formula on
// its support, moments stated in the prose, integrals over the support
// or the whole line, in Markdown and in a LaTeX file): in each correct one every link is ✓; in its copy
// with one planted mistake (a digamma's argument, a sign, the scale of
// the other density, a ratio upside down) the first ✗ is on the
// mistake's line, and nothing before it is wrong. A link may be left not
// checked only for a reason listed here.
func TestContinuousFamilies(t *testing.T) {
	firstWrong := map[string]int{
		"bad-gamma-kl.md":           21, // ψ(a₂) for ψ(a₁)
		"bad-beta-entropy.md":       14, // ψ(b) − ψ(a) for ψ(b) − ψ(a + b)
		"bad-exponential-kl.md":     13, // divided by λ₂ for λ₁
		"bad-laplace-kl.md":         17, // q's scale in p's mean absolute deviation
		"bad-uniform-kl.md":         10, // the ratio of the widths upside down
		"bad-lognormal-entropy.md":  13, // −μ for μ
		"bad-halfnormal-entropy.md": 12, // + 1 for + 1/2
		"bad-beta-kl.tex":           17, // ψ(a₂ + b₂) for ψ(a₁ + b₁)
		"bad-exponential-gamma.md":  9,  // ψ(α) for ψ(1)
	}
	allowed := map[string]string{
		// ln X \sim N(μ, σ²) states the law of a transform, which is no
		// definition and no equation.
		"lognormal-entropy.md": "∼ is a definition only",
	}
	paths, err := filepath.Glob("testdata/families/*")
	require.NoError(t, err)
	seen := 0
	for _, path := range paths {
		name, r := checkTestdata(t, path)
		for _, l := range r.Links {
			if l.Status != Unchecked {
				continue
			}
			why, ok := allowed[strings.TrimPrefix(strings.TrimPrefix(name, "good-"), "bad-")]
			assert.True(t, ok && strings.Contains(l.Reason, why), "%s:%d not checked: %s", name, l.Pos.Line, l.Reason)
		}
		sum := r.Summary()
		assert.GreaterOrEqual(t, sum.OK, 3, "%s: %v", name, summary(r))
		seen++
		if strings.HasPrefix(name, "good-") {
			assert.Zero(t, sum.Wrong, "%s: %v", name, summary(r))
			continue
		}
		want, ok := firstWrong[name]
		require.True(t, ok, "no expected first wrong line for %s", name)
		if f := r.FirstWrong(); assert.NotNil(t, f, name) {
			assert.Equal(t, want, f.Pos.Line, "%s: %v", name, summary(r))
		}
	}
	assert.Equal(t, 2*len(firstWrong), seen)
}
