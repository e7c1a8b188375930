package render

import (
	"io"
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Markdown writes d for GitHub: a heading naming the goal, the givens as a
// list with inline math, the derivation as the LaTeX aligned block in a
// display, the verdict, and the rules the fine steps used.
//
// Math is in $...$ inline and in a $$ display on lines of its own, the
// forms GitHub, KaTeX-based renderers and klderive check all read.
//
// A derivation that finished ends in a result line, "Result: $goal =
// result$", which klderive check verifies as one more link.
//
// The problem's statements (opt.Context) follow the givens in a fenced
// klderive block, which klderive check reads as context.
//
// The verdict comes before "## Rules used" so that it is not read as part
// of that section.
func Markdown(w io.Writer, d *derive.Derivation, opt Options) error {
	var b strings.Builder
	b.WriteString("# " + goalWords(d) + " " + mdEscape(expr.Format(goal(d), expr.Unicode)) + "\n\n")
	if gs := givens(d, expr.LaTeX, opt.Notation); len(gs) > 0 {
		for _, g := range gs {
			b.WriteString("- $" + g + "$\n")
		}
		b.WriteString("\n")
	}
	math := func(e expr.Expr) string { return "$" + tex(e, opt) + "$" }
	if as := assumptions(d, math, mdEscape); len(as) > 0 {
		b.WriteString("Assuming " + strings.Join(as, "; ") + ".\n\n")
	}
	if len(opt.Context) > 0 {
		b.WriteString("```klderive\n" + strings.Join(opt.Context, "\n") + "\n```\n\n")
	}
	open, close := "$$", "$$"
	if opt.MathFence {
		open, close = "```math", "```"
	}
	b.WriteString(open + "\n" + aligned(d, opt) + "\n" + close + "\n\n")
	if d.Bound != "" {
		b.WriteString("stopped: " + mdEscape(d.Bound) + "\n\n")
	} else {
		b.WriteString("Result: $" + resultLaTeX(d, opt) + "$\n\n")
	}
	b.WriteString(markdownVerdict(d.Verification, opt.Notation) + "\n")

	if rules := rulesUsed(d); len(rules) > 0 {
		b.WriteString("\n## Rules used\n\n")
		for _, r := range rules {
			b.WriteString("- `" + r.name + "`")
			if r.title != "" {
				b.WriteString(": " + mdEscape(titleText(r.title)))
			}
			b.WriteString("\n")
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownVerdict is the verdict with its conditions as inline math,
// like the rest of the derivation: cases taken: if $m \le 0$ at 5,
// otherwise at 3; infinite where $a_{1} < a_{2}$. Its other words are
// text, escaped. The same parts are math as in the LaTeX verdict (see
// LaTeX). Check reads inline math as the document's: after "if" and
// "where" as conditions, stated after the section's last link, which
// bind nothing, but a bare $m - 1 \le 0$ as a claim that m ≤ 1, which
// is why each case taken is introduced by "if", as in the cases of a
// piecewise value.
func markdownVerdict(v derive.Verification, n expr.Notation) string {
	words := func(wrap func(string) string) func(string) string {
		return func(s string) string { return formatTitle(s, latexTitleStyle(n, wrap, mdEscape)) }
	}
	inline := func(m string) string { return "$" + m + "$" }
	vf := v
	vf.Otherwise, vf.Limits = "", ""
	out := verdict(vf, "×", sciPlain, words(func(m string) string { return "if " + inline(m) }), titleText)
	if v.Otherwise != "" {
		out += "; " + words(inline)(v.Otherwise)
	}
	if v.Limits != "" {
		out += "; " + mdEscape(titleText(v.Limits))
	}
	return out
}

// mdEscaper backslash-escapes the characters that would turn free text
// into emphasis, links, HTML or (on GitHub) math.
var mdEscaper = once.Value[*strings.Replacer]{New: func() *strings.Replacer {
	return strings.NewReplacer(
		`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`,
		`<`, `\<`, `>`, `\>`, `$`, `\$`,
	)
}}

func mdEscape(s string) string { return mdEscaper.Get().Replace(s) }
