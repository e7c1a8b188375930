package check

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// block is a Block as the tests compare it.
type block struct {
	src     string
	line    int
	col     int
	display bool
}

func blocksOf(t *testing.T, kind Kind, doc string) []block {
	t.Helper()
	s, err := Read("d", doc, kind)
	require.NoError(t, err)
	var out []block
	for _, b := range s.Math {
		out = append(out, block{b.Src, b.Pos.Line, b.Pos.Col, b.Display})
	}
	return out
}

func TestMarkdownMath(t *testing.T) {
	doc := "# Title with $a = b$\n" +
		"Text $x^2$ and \\(y\\) and `$code$`.\n" +
		"\n" +
		"$$\n\\int f \\,dx = 1\n$$\n" +
		"\n" +
		"\\[ a = b \\]\n" +
		"\n" +
		"    $indented code$\n" +
		"\n" +
		"```math\nc = d\n```\n" +
		"```python\nx = $y$\n```\n" +
		"- item $σ₁ = 2$\n"
	assert.Equal(t, []block{
		{"a = b", 1, 15, false},
		{"x^2", 2, 7, false},
		{"y", 2, 18, false},
		{"\n\\int f \\,dx = 1\n", 4, 3, true},
		{" a = b ", 8, 3, true},
		{"c = d\n", 13, 1, true},
		{"σ₁ = 2", 18, 9, false},
	}, blocksOf(t, Markdown, doc))
}

// Display math that spans lines is read whole, even where its rows
// would start a Markdown list or heading.
func TestMarkdownDisplayBlocks(t *testing.T) {
	doc := "Text\n$$\na = b\n+ c\n- d\n$$\n" +
		"Hence $$x\n= y$$ and $z$.\n\n" +
		"\\begin{align}\nu &= v\n\\end{align}\n\n" +
		"```\n$$\nnot math\n```\n\n" +
		"$$ unclosed\n\n$$e$$\n"
	assert.Equal(t, []block{
		{"\na = b\n+ c\n- d\n", 2, 3, true},
		{"x\n= y", 7, 9, true},
		{"z", 8, 12, false},
		{"\\begin{align}\nu &= v\n\\end{align}", 10, 1, true},
		{" unclosed", 19, 3, true}, // broken by the blank line: reported if it states a relation
		{"e", 21, 3, true},
	}, blocksOf(t, Markdown, doc))
}

func TestMarkdownFences(t *testing.T) {
	doc := "```latex\na = b\n```\n\n```tex\nc\n```\n\n```meth\n\\frac{1}{2} = x\n```\n\n```\n\\log x = y\n```\n\n" +
		"```go\nx := \\frac{1}{2}\n```\n\n```klderive\np(x) = Normal(x; 0, 1)\n```\n\n- ```math\n  e = f\n  ```\n"
	s, err := Read("d.md", doc, Markdown)
	require.NoError(t, err)
	var srcs []string
	for _, b := range s.Math {
		srcs = append(srcs, strings.TrimSpace(b.Src))
	}
	// A fence in an unknown language is math when it uses LaTeX math
	// commands; a known programming language never is.
	assert.Equal(t, []string{"a = b", "c", `\frac{1}{2} = x`, `\log x = y`, "e = f"}, srcs)
	require.Len(t, s.KL, 1)
	assert.Equal(t, "p(x) = Normal(x; 0, 1)\n", s.KL[0].Src)
	assert.Equal(t, 22, s.KL[0].Pos.Line)
	assert.Equal(t, []string{
		"fenced blocks without a language (line 13) are read as LaTeX math: the language is not a known one and the content uses LaTeX math commands",
		"```meth blocks (line 9) are read as LaTeX math: the language is not a known one and the content uses LaTeX math commands",
	}, s.Notes)
	// A fence inside a list keeps its file positions.
	last := s.Math[len(s.Math)-1]
	assert.Equal(t, expr.Pos{File: "d.md", Line: 26, Col: 3}, last.Pos)
	assert.Equal(t, "e = f\n", last.Src)
}

func TestMarkdownGlued(t *testing.T) {
	s, err := Read("d.md", "$$a$$\n\n$$b$$\ntext\n$$c$$\n$d$\n$$e$$", Markdown)
	require.NoError(t, err)
	var glued []bool
	for _, b := range s.Math {
		glued = append(glued, b.Glued)
	}
	// Only white space between two displays glues them.
	assert.Equal(t, []bool{false, true, false, false, false}, glued)
}

func TestTeXMath(t *testing.T) {
	doc := "\\documentclass{article}\n% $not = math$\n\\begin{document}\n" +
		"Inline $a = b$ and \\(c\\), a dollar \\$5.\n" +
		"\\begin{equation}\\label{e} x = y \\end{equation}\n" +
		"\\begin{align*} u &= v \\\\ &= w \\end{align*}\n" +
		"\\[ p \\] $$ q $$\n" +
		"\\begin{verbatim} $r = s$ \\end{verbatim}\n" +
		"\\begin{gather} g \\end{gather}\n" +
		"\\end{document}\n"
	assert.Equal(t, []block{
		{"a = b", 4, 9, false},
		{"c", 4, 22, false},
		{`\begin{equation}\label{e} x = y \end{equation}`, 5, 1, true},
		{`\begin{align*} u &= v \\ &= w \end{align*}`, 6, 1, true},
		{" p ", 7, 3, true},
		{" q ", 7, 11, true},
		{`\begin{gather} g \end{gather}`, 9, 1, true},
	}, blocksOf(t, TeX, doc))
}

func TestKindOf(t *testing.T) {
	assert.Equal(t, TeX, KindOf("a.tex", ""))
	assert.Equal(t, Markdown, KindOf("a.md", ""))
	assert.Equal(t, Markdown, KindOf("notes.txt", ""))
	assert.Equal(t, Plain, KindOf("-", `a = b \\ = c`))
	assert.Equal(t, TeX, KindOf("<stdin>", `where $a = b$`))
}

// spaces replaces each of parts in src by as many spaces, keeping
// newlines.
func spaces(src string, parts ...string) string {
	for _, p := range parts {
		blank := strings.Map(func(r rune) rune {
			if r == '\n' {
				return r
			}
			return ' '
		}, p)
		src = strings.Replace(src, p, blank, 1)
	}
	return src
}

func TestBlankCommentary(t *testing.T) {
	for src, want := range map[string]string{
		// The justification column of an aligned row.
		`a &= b && \text{by (1)} \\ &= c && \text{why}`: spaces(`a &= b && \text{by (1)} \\ &= c && \text{why}`, `&& \text{by (1)} `, `&& \text{why}`),
		// A remark after \quad at the end of a row.
		`a = b \quad \text{(Jensen)}.`: spaces(`a = b \quad \text{(Jensen)}.`, `\quad \text{(Jensen)}.`),
		// A remark whose math follows its words, and one in brackets: the
		// rest of the row (remarks reads their math apart).
		`a = b \qquad \text{since } c = d`: spaces(`a = b \qquad \text{since } c = d`, `\qquad \text{since } c = d`),
		`a = b \quad (\text{as } x > 0).`:  spaces(`a = b \quad (\text{as } x > 0).`, `\quad (\text{as } x > 0).`),
		// A declaration of notation.
		"x \\\\\n<> \\text{ denotes } \\mathbb E_{x \\sim p}\n\\\\ y": spaces("x \\\\\n<> \\text{ denotes } \\mathbb E_{x \\sim p}\n\\\\ y", "\n<> \\text{ denotes } \\mathbb E_{x \\sim p}\n"),
		// Operators in \text stay.
		`\text{tr}[A] = a`: `\text{tr}[A] = a`,
		`a & b`:            `a & b`,
	} {
		assert.Equal(t, want, blankCommentary(src), src)
	}
}

func TestReadLimits(t *testing.T) {
	_, err := Read("big.md", strings.Repeat("x", maxDocument+1), Markdown)
	assert.EqualError(t, err, "big.md:1:1: the document is larger than 4 MB")
	_, err = Read("bad.md", "a \xff b", Markdown)
	assert.EqualError(t, err, "bad.md:1:1: the document is not UTF-8 text")
}

// The line index agrees with counting from the start of the line, on
// lines long and short, ASCII and not, at every offset of the text.
func TestLineIndexAgreesWithCounting(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	pieces := []string{"a", "b", " ", "\n", "é", "σ", "∫", "𝔼", "$", "\\\\"}
	for trial := range 200 {
		var b strings.Builder
		n := rnd.IntN(3 * runeStride)
		if trial%10 == 0 {
			n = rnd.IntN(40 * runeStride) // long lines across many strides
		}
		for range n {
			p := pieces[rnd.IntN(len(pieces))]
			if trial%3 == 0 && p == "\n" {
				p = "c" // one line
			}
			b.WriteString(p)
		}
		src := b.String()
		ix := newLineIndex(src)
		line, col := 1, 1
		for off := 0; off <= len(src); off++ {
			if off < len(src) && !utf8.RuneStart(src[off]) {
				continue
			}
			want := expr.Pos{File: "f", Line: line, Col: col}
			require.Equal(t, want, ix.pos("f", off), "offset %d of %q", off, src)
			require.Equal(t, off, ix.offset(want), "position %v of %q", want, src)
			if off < len(src) {
				if src[off] == '\n' {
					line, col = line+1, 1
				} else {
					col++
				}
			}
		}
		// A column past the end of the text is its end.
		require.Equal(t, len(src), ix.offset(expr.Pos{Line: line, Col: col + 5}))
	}
}

// Two definitions side by side in a LaTeX file's equation are cut at
// ", \quad" inside the environment, and each defines its density.
func TestSplitInsideEquation(t *testing.T) {
	doc := "\\begin{document}\n\\begin{equation}\nP: X \\sim \\text{Beta}(a_1, b_1), \\quad Q: X \\sim \\text{Beta}(a_2, b_2)\n\\end{equation}\n" +
		"\\begin{equation*}\n\\mathbb{E}_p[x] = \\frac{a_1}{a_1 + b_1}, \\quad \\mathbb{E}_q[x] = \\frac{a_2}{a_2 + b_2}\n\\end{equation*}\n\\end{document}\n"
	r := run(t, TeX, doc)
	var stmts []string
	for _, g := range r.Context {
		stmts = append(stmts, g.Stmt)
	}
	assert.Contains(t, stmts, "P(x) = Beta(x; a_1, b_1)")
	assert.Contains(t, stmts, "Q(x) = Beta(x; a_2, b_2)")
	require.Len(t, r.Links, 2, summary(r))
	assert.Equal(t, OK, r.Links[0].Status, summary(r))
	assert.Equal(t, OK, r.Links[1].Status, summary(r))
}
