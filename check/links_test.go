package check

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// summary lists each link as line:col status, with the reason of an
// unchecked one.
func summary(r *Report) []string {
	var out []string
	for _, l := range r.Links {
		s := fmt.Sprintf("%d:%d %s", l.Pos.Line, l.Pos.Col, l.Status)
		if l.Status == Unchecked {
			s += ": " + l.Reason
		}
		if l.Implicit {
			s += " (implicit)"
		}
		out = append(out, s)
	}
	return out
}

func TestChains(t *testing.T) {
	doc := "$$a^2 - b^2 = (a - b)(a + b) = a(a + b) - b(a + b)$$\n" +
		"Then\n" +
		"$$= a^2 + ab - ba - b^2$$\n" + // continues the chain above
		"and $= 1$ is prose.\n" + // an inline block cannot continue a chain
		"\n" +
		"$$\\begin{aligned} x &= y \\\\ z &= w \\end{aligned}$$\n" // two chains with unknown symbols
	assert.Equal(t, []string{
		"1:15 ok",
		"1:32 ok",
		"3:5 ok",
		"4:8 unchecked: nothing on the left of =: this inline math begins with it",
		"6:24 unchecked: unknown symbols x, y",
		"6:34 unchecked: unknown symbols z, w",
	}, summary(run(t, Markdown, doc)))
}

func TestImplicitContinuation(t *testing.T) {
	// A display block with no relation right after another display block
	// is the derivation's next line; with prose between, it is not.
	doc := "$$D_{KL}(p\\|q) = E_p[\\log p - \\log q]$$\n\n" +
		"$$E_p\\left[\\log p(x)\\right] - E_p[\\log q(x)]$$\n\n" +
		"$$E_p[\\log p(x)] + E_p[\\log q(x)]$$\n" +
		"The first term is\n" +
		"$$E_p[\\log p(x)]$$\n"
	r := run(t, Markdown, doc, gauss...)
	assert.Equal(t, []string{"1:18 ok", "3:3 ok (implicit)", "5:3 wrong (implicit)"}, summary(r))
}

func TestDefinitionsAreContext(t *testing.T) {
	doc := "Let $P(x) \\sim \\mathcal{N}(\\mu_1, \\sigma_1^2)$, $q(x) = \\mathcal{N}(x; 0, 1)$,\n" +
		"$f(x) = x^2$ and $s := 2$. Then\n" +
		"$$\\mathbb{E}_{x \\sim P}[x^2] = \\mu_1^2 + \\sigma_1^2$$\n" +
		"$$\\mathbb{E}_{x\\sim q}[x^2] = 1$$\n"
	r := run(t, Markdown, doc)
	assert.Equal(t, []string{"3:32 ok", "4:31 ok"}, summary(r))
	assert.Equal(t, []Given{
		{Stmt: "P(x) = Normal(x; mu_1, sigma_1^2)", Expr: r.Context[0].Expr, Source: "line 1"},
		{Stmt: "q(x) = Normal(x; 0, 1)", Expr: r.Context[1].Expr, Source: "line 1"},
	}, r.Context)
}

func TestDefinitionForms(t *testing.T) {
	for doc, want := range map[string]string{
		`$q(z) \sim N(\mu, \sigma^2)$`:                    "q(z) = Normal(z; mu, sigma^2)",
		`$p: x \sim \mathbb N(\mu_1, \sigma_1^2)$`:        "p(x) = Normal(x; mu_1, sigma_1^2)",
		`$p(x) = \mathcal{N}(x \mid \mu, \sigma^2)$`:      "p(x) = Normal(x; mu, sigma^2)",
		`$$p_{\theta}(z) \sim \mathcal{N}(0, 1)$$`:        "p_theta(z) = Normal(z; 0, 1)",
		`$P(x) \sim \mathcal{N}\left(\mu, \sigma\right)$`: "P(x) = Normal(x; mu, sigma^2)", // σ is a standard deviation
		`$X \sim \mathcal{N}(0, 1)$`:                      "X(x) = Normal(x; 0, 1)",        // the density of a random variable
	} {
		r := run(t, Markdown, doc)
		require.Len(t, r.Context, 1, doc)
		assert.Equal(t, want, r.Context[0].Stmt, doc)
		assert.Empty(t, r.Links, doc)
	}
	// A bare lower-case or longer name is no random variable.
	r := run(t, Markdown, `$Xy \sim \mathcal{N}(0, 1)$`)
	assert.Empty(t, r.Context)
}

func TestUnreadableBlocks(t *testing.T) {
	r := run(t, Markdown, "$$a = {b$$\n\n$${c$$\n\n$$x = \\foo$$", gauss...)
	// A block that cannot be read at all is reported when it states a
	// relation; one part that cannot be read leaves its link unchecked.
	assert.Equal(t, []string{
		"1:7 unchecked: unbalanced braces: { is never closed",
		"5:7 unchecked: unsupported LaTeX command \\foo (supported LaTeX: see the README)",
	}, summary(r))
}
