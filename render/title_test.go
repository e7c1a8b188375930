package render

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
)

func TestTitleLaTeX(t *testing.T) {
	for in, want := range map[string]string{
		"linearity of the trace; tr(inv(S)*S) = k":                      `linearity of the trace; $\operatorname{tr}(S^{-1} S) = k$`,
		"p is Gaussian with mean m and variance s^2":                    `p is Gaussian with mean m and variance $s^{2}$`,
		"expand, cancel and collect like terms":                         "expand, cancel and collect like terms",
		"linearity of E_p & sums":                                       `linearity of E\_p \& sums`,
		"a scalar equals its trace; tr(AB) = tr(BA)":                    `a scalar equals its trace; $\operatorname{tr}(A B) = \operatorname{tr}(B A)$`,
		"r(x) vanishes for the counts n - 1 < x <= n_2, where p(x) > 0": `$r(x)$ vanishes for the counts $n - 1 < x \le n_{2}$, where $p(x) > 0$`,
		"the counts from m + 1 to n":                                    `the counts from $m + 1$ to n`,
		"a - b or a-b":                                                  `$a - b$ or a-b`,
		"not an equation; a = ":                                         "not an equation; a = ",
		"p(x) vanishes for a_2 < x < a_1, where q(x) > 0":               `$p(x)$ vanishes for $a_{2} < x < a_{1}$, where $q(x) > 0$`,
		"q(x) vanishes for x < 0, where p(x) > 0":                       `$q(x)$ vanishes for $x < 0$, where $p(x) > 0$`,
		"a < b means less":                                              `$a < b$ means less`,
		// A call split by the spaces of its argument is one piece of math,
		// and a bracket of prose stays prose.
		"unless log(s^2 + 1) + exp(-a) <= 1 (where log(s^2 + 1) + exp(-a) = 1, the limits)": `unless $\log(s^{2} + 1) + e^{-a} \le 1$ (where $\log(s^{2} + 1) + e^{-a} = 1$, the limits)`,
		"where 2*(a + 1) > 0": `where $2 (a + 1) > 0$`,
		"a (b c) and f(x":     "a (b c) and f(x",
	} {
		assert.Equal(t, want, titleLaTeX(in, expr.Notation{}), in)
	}
}

// The infinity's reason names its ends in the notation of each format:
// never the input syntax a_2 of the problem file.
func TestTitleTextAndLaTeX(t *testing.T) {
	in := "p(x) vanishes for a_2 < x < sigma_1, where q(x) > 0"
	assert.Equal(t, "p(x) vanishes for a₂ < x < σ₁, where q(x) > 0", titleText(in))
	assert.Equal(t, `$p(x)$ vanishes for $a_{2} < x < \sigma_{1}$, where $q(x) > 0$`, titleLaTeX(in, expr.Notation{}))
	assert.Equal(t, "linearity of the trace; tr(inv(S)·S) = k", titleText("linearity of the trace; tr(inv(S)*S) = k"))
	// Under its row, too, a title's equation is math: klderive check
	// reads the line as a remark (TestRemarkUnderRow).
	assert.Equal(t, `linearity of the trace; $\operatorname{tr}(S^{-1} S) = k$`, titleLaTeX("linearity of the trace; tr(inv(S)*S) = k", expr.Notation{}))
}

// TestTitleWordsReadWhereUsed builds titles of plain words, names,
// numbers, expressions with operators and brackets, sums and relations,
// with and without punctuation after them, and checks that reading only
// the words that can be math (beside a join, or with an operator or a
// bracket) writes every title as reading every word does.
func TestTitleWordsReadWhereUsed(t *testing.T) {
	vocabulary := []string{
		"the", "mean", "of", "x", "a_2", "sigma", "2", "1/2", "tr(AB)", "p(x)", "s^2", "inv(S)*S", "E_p",
		"=", "<", ">", "<=", ">=", "+", "-", "a-b", "(", "[x]", "and", "or", "&", "k", "n_2",
	}
	tails := []string{"", "", "", ",", ".", ":"}
	r := rand.New(rand.NewPCG(14, 2))
	for range 3000 {
		words := make([]string, 1+r.IntN(8))
		for i := range words {
			words[i] = vocabulary[r.IntN(len(vocabulary))] + tails[r.IntN(len(tails))]
		}
		title := strings.Join(words, " ")
		text, tex := titleText(title), titleLaTeX(title, expr.Notation{})
		readEveryWord = true
		wantText, wantTeX := titleText(title), titleLaTeX(title, expr.Notation{})
		readEveryWord = false
		assert.Equal(t, wantText, text, title)
		assert.Equal(t, wantTeX, tex, title)
	}
}

// A bracketed sum in a title, (a - c)^2 split at its spaces, is read as
// one expression; a remark in brackets stays words, its math math.
func TestTitleBracketedExpression(t *testing.T) {
	in := "unless u >= 0 and u + (c - d)^2 <= 0, which hold together only where u = 0 and c = d"
	assert.Equal(t, "unless u ≥ 0 and u + (c - d)² ≤ 0, which hold together only where u = 0 and c = d", titleText(in))
	assert.Equal(t, `unless $u \ge 0$ and $u + (c - d)^{2} \le 0$, which hold together only where $u = 0$ and $c = d$`, titleLaTeX(in, expr.Notation{}))
	remark := "split (where c^2 + 1 = d^2 + 1, the limits)"
	assert.Equal(t, "split (where c² + 1 = d² + 1, the limits)", titleText(remark))
}
