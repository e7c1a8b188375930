package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A link with a piecewise side is judged case by case, at points in every
// case: a right result passes, and a wrong condition, a wrong finite
// formula or a finite value equated to a case ∞ is wrong; never ✓
// because only the finite case was looked at.
func TestPiecewiseLinks(t *testing.T) {
	uniforms := []string{"p(x) = Uniform(x; a1, b1)", "q(x) = Uniform(x; a2, b2)"}
	right := `\begin{cases}\log\frac{b_2 - a_2}{b_1 - a_1} & \text{if } a_2 \leq a_1 \text{ and } b_1 \leq b_2 \\ \infty & \text{otherwise}\end{cases}`
	for _, c := range []struct {
		doc    string
		status Status
		reason string
	}{
		{`$$D_{KL}(p \| q) = ` + right + `$$`, OK, ""},
		{`$$\mathbb{E}_{x \sim p}[\log p(x) - \log q(x)] = ` + right + `$$`, OK, ""},
		{`$$H(p, q) = \begin{cases}\log(b_2 - a_2) & \text{if } a_2 \leq a_1, b_1 \leq b_2 \\ \infty & \text{otherwise}\end{cases}$$`, OK, ""},
		{`$$-\mathbb{E}_{x \sim p}[\log q(x)] = \begin{cases}\log(b_2 - a_2) & \text{if } a_2 \leq a_1, b_1 \leq b_2 \\ \infty & \text{otherwise}\end{cases}$$`, OK, ""},
		{`$$` + right + ` = \begin{cases}\log(b_2 - a_2) - \log(b_1 - a_1) & \text{if } a_2 \leq a_1 \text{ and } b_1 \leq b_2 \\ \infty & \text{otherwise}\end{cases}$$`, OK, ""},
		// A condition too weak, a wrong formula, a finite right side.
		{`$$D_{KL}(p \| q) = \begin{cases}\log\frac{b_2 - a_2}{b_1 - a_1} & \text{if } a_2 \leq a_1 \\ \infty & \text{otherwise}\end{cases}$$`, Wrong, ""},
		{`$$D_{KL}(p \| q) = \begin{cases}\log\frac{b_2 - a_1}{b_1 - a_2} & \text{if } a_2 \leq a_1 \text{ and } b_1 \leq b_2 \\ \infty & \text{otherwise}\end{cases}$$`, Wrong, ""},
		{`$$` + right + ` = \log\frac{b_2 - a_2}{b_1 - a_1}$$`, Wrong, ""},
		// A case ∞ against what is not a divergence is not shown.
		{`$$2 D_{KL}(p \| q) = \begin{cases}2\log\frac{b_2 - a_2}{b_1 - a_1} & \text{if } a_2 \leq a_1 \text{ and } b_1 \leq b_2 \\ \infty & \text{otherwise}\end{cases}$$`, Unchecked,
			"a side equated to a case ∞ is checked only when it is a KL divergence or cross-entropy of two densities"},
		// A finite expectation equated to a case ∞ is wrong.
		{`$$\mathbb{E}_{x \sim p}[x] = \begin{cases}\frac{a_1 + b_1}{2} & \text{if } a_2 \leq a_1 \\ \infty & \text{otherwise}\end{cases}$$`, Wrong, ""},
		{`$$D_{KL}(p \| q) \leq ` + right + `$$`, Unchecked, "only an equation with a piecewise side is checked"},
	} {
		s, err := Read("d.md", c.doc+"\n", Markdown)
		require.NoError(t, err)
		r, err := Check(s, Options{Givens: uniforms})
		require.NoError(t, err, c.doc)
		require.Len(t, r.Links, 1, c.doc)
		l := r.Links[0]
		assert.Equal(t, c.status, l.Status, "%s: %s", c.doc, l.Reason)
		switch c.status {
		case OK:
			assert.Contains(t, l.Cases, "by case: ", c.doc)
		case Wrong:
			assert.NotNil(t, l.Witness, c.doc)
		}
		if c.reason != "" {
			assert.Equal(t, c.reason, l.Reason, c.doc)
		}
	}
}

// A case that ends in the wrong place may be wrong only in a thin band
// beside its end, which random points miss: "t ≤ 0 and 3t + a² ≥ 0" for
// the true 2t + a² ≥ 0 is wrong where −a²/2 ≤ t < −a²/3. Points moved
// just either side of each condition find it; the right condition
// passes them all.
func TestPiecewiseCaseEndingInTheWrongPlace(t *testing.T) {
	dens := []string{"p(x) = Uniform(x; 0, 1)", "f(x) = Uniform(x; 2*t, 2*t + a^2 + 1)"}
	cases := func(cond string) string {
		return `$$D_{KL}(p \| f) = \begin{cases}\log(a^2 + 1) & \text{if } t \leq 0 \text{ and } ` + cond + ` \\ \infty & \text{otherwise}\end{cases}$$`
	}
	r := run(t, Markdown, cases(`2 t + a^{2} \geq 0`)+"\n", dens...)
	require.Len(t, r.Links, 1, "%v", summary(r))
	assert.Equal(t, OK, r.Links[0].Status, "%v", summary(r))
	for _, wrong := range []string{`3 t + a^{2} \geq 0`, `2 t + a^{2} \geq \tfrac{1}{10}`, `t + a^{2} \geq 0`} {
		r := run(t, Markdown, cases(wrong)+"\n", dens...)
		require.Len(t, r.Links, 1, "%v", summary(r))
		assert.Equal(t, Wrong, r.Links[0].Status, "%s: %v", wrong, summary(r))
	}
}
