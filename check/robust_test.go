package check

import (
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Hostile input ends in a clear error or in links that are not checked,
// never in a panic or a hang (a hang fails the test binary's timeout; no
// test here asserts a time).
func TestHostileInput(t *testing.T) {
	for name, doc := range map[string]string{
		"huge block":        "$$a = " + strings.Repeat("x+", 600000) + "x$$",
		"deep fractions":    "$$1 = " + strings.Repeat(`\frac{1}{`, 5000) + "1" + strings.Repeat("}", 5000) + "$$",
		"deep parentheses":  "$$1 = " + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000) + "$$",
		"unbalanced braces": "$$a = " + strings.Repeat("{", 100000) + "$$",
		"unknown commands":  "$$a = " + strings.Repeat(`\foo `, 100000) + "$$",
		"long sum":          `$$\sum_{d=1}^{100000} \sigma_1 = 100000\sigma_1$$`,
		"nested sums":       `$$\sum_{a=1}^{99}\sum_{b=1}^{99}\sum_{c=1}^{99}\sum_{e=1}^{99} a = 1$$`,
		"nested integrals":  `$$\int\int\int\int p(x)p(y)p(z)p(w)\,dx\,dy\,dz\,dw = 1$$`,
		"many dollars":      strings.Repeat("$", 200000),
		"many displays":     strings.Repeat("$$a = \\foo$$ text\n", 20000),
		// One long line: positions, display openers and the words before
		// math were once found by scanning the line afresh each time.
		"one long line": strings.Repeat(`so $x_9 = 2$ and $$a = \foo$$ \[b = c\] i.e. `, 5000),
	} {
		r := run(t, Markdown, doc, gauss...)
		for _, l := range r.Links {
			assert.Equal(t, Unchecked, l.Status, "%s: %s", name, l.Reason)
			assert.NotEmpty(t, l.Reason, name)
		}
	}
}

func TestDeepNestingReason(t *testing.T) {
	l := verdict(t, "1 = "+strings.Repeat(`\frac{1}{`, 300)+"1"+strings.Repeat("}", 300), gauss...)
	assert.Equal(t, Unchecked, l.Status)
	assert.Contains(t, l.Reason, "nested too deeply")
}

// FuzzCheck feeds arbitrary Markdown to the whole checker.
func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"$$D_{KL}(p \\| q) = \\int p(x) \\log\\frac{p(x)}{q(x)} dx = E_p[\\log p - \\log q]$$",
		"$P(x) \\sim \\mathcal{N}(\\mu_1, \\sigma_1)$ and $$\\langle x \\rangle = \\mu_1$$",
		"```math\na &= b && \\text{x} \\\\ &= c\n```",
		"```klderive\np(x) = Normal(x; 0, 1)\n```\n$$E_p[x^2] = 1$$",
		"$$= a$$ $= b$ $$a$$\n\n$$b$$",
		"$$\\begin{aligned} & x \\\\[10px] &= y \\end{aligned}$$",
		"$$2 = 3$$ where $\\mu_1 = 1$ and $$\\boxed{a = b}$$ \\begin{align*} 1 &= 2 && x &= 1 \\end{align*}",
		"$$f(x) := x^2 \\sim p$$\n\n$$\n1 < 2\n\n$$",
		benchDocument(20),
		// The constructs of real documents: \mathrm{E}, h(X) of a random
		// variable, \over, {\rm d}x, \mid\mid, \because, \newline, side
		// by side definitions, a conditional density, a / juxtaposition,
		// inline chains.
		"$X \\sim \\mathcal{N}(\\mu, \\sigma^2)$ $$\\mathrm{h}(X) = -\\mathrm{E}[\\ln p(x)] = h(X)$$",
		"$${1 \\over 2}\\int p(x) {\\rm d}x = D(p \\mid\\mid q) \\quad \\because a = b$$",
		"$$\\begin{aligned} a &= b \\newline &= c \\end{aligned}$$ $P(x) \\sim N(0, 1), \\quad Q(x) \\sim N(m, \\sigma)$",
		"$q(z \\vert x) \\sim \\mathcal{N}(\\mu, \\sigma^2)$ $E_q[z]$, so $= \\mu$ $= a/2\\sigma^2 = \\log(a)^2$",
		"$$\\boldsymbol{\\mu_p} = \\mathbf 0 = \\vec{0} = \\mathfrak{D}_{KL}(p \\| q) \\therefore$$",
		// Plain letters and the moments of a variable, chains under the
		// density they integrate against, a bare H, P(X) in an integral,
		// \int_x, and special cases stated with "with ... and".
		"$$\\int x^2 P(x) dx = V(x) - E(X)^2 = Var(x) + log(2) - Tr(1)$$ $$H = -\\int_x p(X) \\log p(x)$$",
		"$$M = \\int_{\\mathcal X} x q(x) dx = E[x] = \\mu_2$$ with $\\mu_2 = 0$ and $\\sigma_2 = 1$ $$E(x) = 0$$",
		"with $S = \\text{diag}(\\sigma_1^2, \\ldots, \\sigma_n^2)$ $$\\log|S| = \\sum_i \\log\\sigma_i^2$$",
		// Stated special cases in words and math, labels, context in prose,
		// operators read as symbols, a discrete density's formula.
		"When $q$ is $\\mathcal N(0, I)$ and for the standard normal prior, $$KL_{loss} = \\mu_2 = E_p|x - \\mu_1|$$ $$KL_{loss} = 0$$",
		"If we assume our prior is a unit gaussian i.e. $\\mu_2=0$ and $\\sigma_2=1$, where $q = \\mathcal{N}(0,1)$: $$L_{KL} = D(p||q)$$",
		"$p$ and $q$ are Gaussians with means $\\mu_1$, $\\mu_2$ and variances $\\sigma_1^2, \\sigma_2^2$, where $\\sigma$ is the standard deviation. $$KL = 1$$",
		"The prior $p(z)$ is a standard Gaussian. $X$ is a normal random variable with mean $m$ and standard deviation $\\mu$. $$\\mathrm{Bern}(x \\mid \\theta) = \\theta^x$$",
		// Conditions in scope: sections, items, cases, a trailing where,
		// "In general".
		"# A\nFor $a > 0$ we have $$\\sqrt{a^2} = a$$ where $a < 3$.\n## B\n- If $a < 0$: $\\sqrt{a^2} = -a$\n\nIn general, $$|a| = a$$",
		"\\section{A} Case 1: $0 < b < 1$. \\begin{itemize}\\item When $b > 2$, $$b = b$$ \\end{itemize}\\paragraph{B} $$b = 1$$ if $b > 5$",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, doc string) {
		for _, kind := range []Kind{Markdown, TeX} {
			s, err := Read("f", doc, kind)
			if err != nil {
				return
			}
			r, err := Check(s, Options{Givens: gauss})
			if err != nil {
				// Only a klderive block can be wrong: an input error.
				var e *expr.Error
				require.ErrorAs(t, err, &e)
				return
			}
			for _, st := range r.Statements {
				require.Contains(t, []StatementKind{Definition, Condition, Remark}, st.Kind)
				require.NotEmpty(t, st.Text)
			}
			for _, l := range r.Links {
				switch l.Status {
				case OK:
					require.GreaterOrEqual(t, l.Points, minPoints)
				case Wrong:
					require.NotNil(t, l.Witness)
				case Unchecked:
					require.NotEmpty(t, l.Reason)
				default:
					t.Fatalf("link without a verdict: %+v", l)
				}
			}
		}
	})
}
