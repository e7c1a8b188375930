package check

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

// statements lists a report's definitions and conditions as
// line:col kind: text.
func statements(r *Report) []string {
	var out []string
	for _, s := range r.Statements {
		out = append(out, fmt.Sprintf("%d:%d %s: %s", s.Pos.Line, s.Pos.Col, s.Kind, s.Text))
	}
	return out
}

// An equation between two numbers, or with a formula on its left, is a
// claim: it is judged, never taken for a condition and dropped.
func TestNumbersAreClaims(t *testing.T) {
	for doc, want := range map[string]string{
		"$$2 = 3$$":             "1:7 wrong",
		"$$0 = 1$$":             "1:7 wrong",
		"$$1 + 1 = 2$$":         "1:11 ok",
		`$$\mu_1 + 0 = 3$$`:     "1:15 wrong", // read as \mu_1 = 3, but not written so
		`$$1\cdot\mu_1 = 5$$`:   "1:17 wrong",
		"$2 = 3$ in prose":      "1:6 wrong",
		"where $2 = 3$":         "1:12 wrong", // a numeric fact after "where" is still a fact
		`$$\frac{6}{4} = 1.5$$`: "1:17 ok",
		`$$\pi = 3$$`:           "1:9 wrong", // a constant, not a symbol
		`$$e = 2.718$$`:         "1:7 wrong",
	} {
		r := run(t, Markdown, doc, gauss...)
		assert.Equal(t, []string{want}, summary(r), doc)
		assert.Empty(t, r.Statements, doc)
	}
}

// A condition or a definition is listed in the report, not judged.
func TestConditionsAndDefinitionsAreListed(t *testing.T) {
	doc := "$$\\mu_1 = \\mu_2$$\n\n" + // a condition: one symbol on each side
		"$$k = 1$$\n\n" +
		"$$\\sigma_1 = -3$$\n\n" +
		"Equality holds if $\\mu_1 = \\mu_2 + 1$, and if $\\mu_1 - \\mu_2 = 0$.\n\n" +
		"$$f(x) = x^2$$\n\n" +
		"$$X \\sim \\mathcal{N}(0, 1)$$\n\n" +
		"$$s := 2 = 3$$\n"
	r := run(t, Markdown, doc, gauss...)
	assert.Equal(t, []string{
		"1:11 condition: \\mu_1 = \\mu_2",
		"3:7 condition: k = 1",
		"5:14 condition: \\sigma_1 = -3",
		"7:28 condition: \\mu_1 = \\mu_2 + 1", // after "if", any right side
		"9:10 definition: f(x) = x^2",
		"13:8 definition: s := 2",
	}, statements(r))
	// X \sim N(0, 1) defines the density of X: it is context.
	assert.Equal(t, "X(x) = Normal(x; 0, 1)", r.Context[len(r.Context)-1].Stmt)
	assert.Equal(t, []string{
		`7:64 unchecked: a hypothesis (after "if", "where", "let" or the like), not a step: not checked`,
		"13:12 wrong",
	}, summary(r))
}

// A list of symbols states its relation of each: with \sigma_1, \sigma_2
// > 0 is a condition, not a link that cannot be read. A list with a
// formula in it, or one symbol and a comma, is not.
func TestConditionOnSymbolList(t *testing.T) {
	for doc, want := range map[string][]string{
		`with $\sigma_1, \sigma_2 > 0$.`:     {`1:28 condition: \sigma_1, \sigma_2 > 0`},
		`where $\mu_1,\mu_2,\mu_{3} = 0$`:    {`1:30 condition: \mu_1,\mu_2,\mu_{3} = 0`},
		`$$\sigma_{q}, \sigma_2 \geq 1$$`:    {`1:29 condition: \sigma_{q}, \sigma_2 \geq 1`},
		`with $\sigma_1 + 1, \sigma_2 > 0$.`: nil,
	} {
		r := run(t, Markdown, doc, gauss...)
		assert.Equal(t, want, statements(r), doc)
		if want != nil {
			assert.Empty(t, r.Links, doc)
		} else {
			assert.Len(t, r.Links, 1, doc)
		}
	}
}

// A density definition the context shows is not listed again.
func TestDensityDefinitionOnce(t *testing.T) {
	r := run(t, Markdown, `$$P(x) \sim \mathcal{N}(\mu_1, \sigma_1^2)$$`)
	assert.Len(t, r.Context, 1)
	assert.Empty(t, r.Statements)
	assert.Empty(t, r.Links)
}

// Framed, one-line and side-by-side math is read like any other.
func TestHiddenRelations(t *testing.T) {
	for doc, want := range map[string][]string{
		`$$\boxed{2 = 3}$$`: {"1:14 wrong"},
		`$$D_{KL}(p\|q) = \boxed{\log\frac{\sigma_2}{\sigma_1} + \frac{\sigma_1^2 + (\mu_1 - \mu_2)^2}{2\sigma_2^2} - \frac{1}{2}}$$`: {"1:25 ok"},
		`\begin{align*} 2 &= 3 \end{align*}`:                     {"1:21 wrong"},
		"Text \\begin{equation} 1 + 1 = 2 \\end{equation} text.": {"1:31 ok"},
		`$$\begin{aligned} 4 &= 2 + 2 && 1 &= 2 \end{aligned}$$`: {"1:24 ok", "1:38 wrong"},
		`$$4 = 2 + 2 && \text{since } 2 + 2 = 5$$`:               {"1:7 ok", "1:38 wrong"},
		`$$4 = 2 + 2 && \text{by the rule}$$`:                    {"1:7 ok"},
		`$$a = b \sim c$$`:                                       {"1:7 unchecked: unknown symbols a, b", "1:14 unchecked: ∼ is a definition only as the first relation of a chain, with a name on its left: not checked"},
		`$$\text{a = b}$$`:                                       {"1:3 unchecked: unsupported LaTeX command \\text{a = b} (supported LaTeX: see the README)"},
		`$$2 \neq 2$$`:                                           {"1:10 unchecked: ≠ states no equality; only =, ≤ and ≥ are checked"},
	} {
		assert.Equal(t, want, summary(run(t, Markdown, doc, gauss...)), doc)
	}
	// Math in HTML blocks is rendered, so it is read; a comment is not.
	assert.Equal(t, []string{"2:7 wrong", "4:10 wrong"}, summary(run(t, Markdown, "<div align=\"center\">\n$$2 = 3$$ and $a<b$\n</div>\n<p>$$1 = 4$$</p>\n<!-- $$5 = 6$$ -->\n")))
	// Display math that a blank line breaks is not read, but reported.
	broken := "the display math opened here is not closed before a blank line, so Markdown does not read it as math"
	assert.Equal(t, []string{"1:3 unchecked: " + broken}, summary(run(t, Markdown, "$$\n2 = 3\n\n$$\n")))
	assert.Equal(t, []string{"1:1 unchecked: " + broken}, summary(run(t, Markdown, "\\begin{align}\n2 &= 3\n\n\\end{align}\n")))
	// In a .tex file too.
	assert.Equal(t, []string{"1:15 wrong"}, summary(run(t, TeX, `\[ \boxed{1 = 2} \]`)))
	// An environment of a package the reader does not know is reported,
	// not skipped as text.
	assert.Equal(t, []string{"1:19 unchecked: the left side cannot be read: unsupported environment dmath (supported LaTeX: see the README)"},
		summary(run(t, TeX, `\begin{dmath} 2 = 3 \end{dmath}`)))
}
