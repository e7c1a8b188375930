package render

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// LaTeX writes d as an amsmath aligned block, one line per shown step with
// its title in a third column:
//
//	\begin{aligned}
//	D_{\mathrm{KL}}(p \,\|\, q) &= ... && \text{definition of KL divergence} \\
//	&= ... && \text{substitute the densities}
//	\end{aligned}
//
// The block is valid for KaTeX in strict mode and for pdflatex. With
// opt.Standalone the same lines go in a complete article naming the goal,
// the givens and the verdict.
func LaTeX(w io.Writer, d *derive.Derivation, opt Options) error {
	return latexAll(w, []*derive.Derivation{d}, opt)
}

const (
	latexPreamble = "\\documentclass{article}\n\\usepackage{amsmath}\n\\usepackage{amssymb}\n\\allowdisplaybreaks\n\\begin{document}\n"
	latexEnd      = "\\end{document}\n"
)

// latexAll writes derivations as fragments separated by a blank line, or
// as one standalone document with a section each.
func latexAll(w io.Writer, ds []*derive.Derivation, opt Options) error {
	var b strings.Builder
	if opt.Standalone {
		b.WriteString(latexPreamble)
		// Comments that klderive check reads as the problem's context.
		for _, c := range opt.Context {
			b.WriteString("% klderive: " + c + "\n")
		}
	}
	for i, d := range ds {
		if i > 0 {
			b.WriteString("\n")
		}
		if opt.Standalone {
			latexSection(&b, d, opt)
		} else {
			// A fragment has no prose: its assumptions go in a
			// comment above it, for the author who pastes it.
			if as := latexAssumptions(d, opt); as != "" {
				b.WriteString("% " + as + "\n")
			}
			b.WriteString(aligned(d, opt) + "\n")
		}
	}
	if opt.Standalone {
		b.WriteString(latexEnd)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// smallEm is the size, in points of the normal 10pt font the width
// estimate is calibrated on, that \small sets a row at: not 9, since
// Computer Modern's 9pt and 6pt fonts are drawn relatively wider than
// its 10pt and 7pt ones (pdflatex sets the goldens' rows at 91–97% of
// their normal width under \small). TestTeXWidthSmallAgainstPDFLaTeX
// holds it, as the normal size is held, to never below 97% of pdflatex.
const smallEm = 9.3

// latexSection is one derivation of a standalone document: a heading
// naming the goal, the givens, the derivation and the verdict.
func latexSection(b *strings.Builder, d *derive.Derivation, opt Options) {
	fmt.Fprintf(b, "\\section*{%s $%s$}\n", goalWords(d), tex(goal(d), opt))
	if gs := givens(d, expr.LaTeX, opt.Notation); len(gs) > 0 {
		// Not "where ...": check reads math after "where" as a
		// hypothesis, which it leaves unchecked.
		b.WriteString("Given " + mathList(gs) + ".\n")
	}
	// The assumptions continue the givens' paragraph.
	if as := latexAssumptions(d, opt); as != "" {
		b.WriteString(as + "\n")
	}
	b.WriteString("\n")
	// align* rather than \[ aligned \]: aligned is one unbreakable box,
	// and with fine steps a derivation runs to several pages, which
	// \allowdisplaybreaks lets align* break across. \small keeps most
	// lines inside the margins; a wider one overflows, which is acceptable.
	b.WriteString("\\begin{small}\n\\begin{align*}\n" + latexRows(d, opt, smallEm, true) + "\n\\end{align*}\n\\end{small}\n")
	if d.Bound != "" {
		b.WriteString("Stopped: " + escapeText(d.Bound) + ".\n\n")
	} else {
		b.WriteString("Result:\n" + resultDisplay(d, opt))
	}
	// The verdict's math, the cases each point took and the conditions
	// where the result is infinite, is in \ensuremath rather than $…$:
	// check reads inline math as the document's, a condition after
	// "where" as its hypothesis on its symbols (it would draw its points
	// where the result is infinite) and "cases taken: $m - 1 \le 0$ at 7"
	// as a claim that m ≤ 1; this is klderive's report, not the
	// document's claim; so do the ends where its limit was checked.
	vf := d.Verification
	vf.Otherwise, vf.Limits = "", ""
	report := func(s string) string { return reportLaTeX(s, opt.Notation) }
	v := verdict(vf, `$\times$`, sciLaTeX, report, report)
	if d.Verification.Otherwise != "" {
		v += "; " + reportLaTeX(d.Verification.Otherwise, opt.Notation)
	}
	if d.Verification.Limits != "" {
		v += "; " + reportLaTeX(d.Verification.Limits, opt.Notation)
	}
	b.WriteString(strings.ToUpper(v[:1]) + v[1:] + ".\n")
}

// aligned is the derivation as an aligned environment, without a final
// newline, as the LaTeX fragment and Markdown display it.
func aligned(d *derive.Derivation, opt Options) string {
	return "\\begin{aligned}\n" + latexRows(d, opt, 10, false) + "\n\\end{aligned}"
}

// mathList joins math items as an English list: $a$, $b$ and $c$.
func mathList(items []string) string {
	for i, s := range items {
		items[i] = "$" + s + "$"
	}
	if len(items) == 1 {
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// sciLaTeX sets 3.1e-15 as $3.1 \times 10^{-15}$.
func sciLaTeX(x float64) string {
	s := sciPlain(x)
	mant, exp, ok := strings.Cut(s, "e")
	if !ok { // NaN or Inf
		return `\texttt{` + s + `}`
	}
	exp = strings.TrimLeft(strings.TrimPrefix(exp, "+"), "0")
	if strings.HasPrefix(exp, "-") {
		exp = "-" + strings.TrimLeft(exp[1:], "0")
	}
	if exp == "" {
		return "$" + mant + "$"
	}
	return "$" + mant + ` \times 10^{` + exp + "}$"
}

// textEscapes are the characters that \text cannot take literally in
// pdflatex or in KaTeX's strict mode.
var textEscapes = once.Value[map[rune]string]{New: func() map[rune]string {
	return map[rune]string{
		'\\': `\textbackslash{}`, '{': `\{`, '}': `\}`, '$': `\$`, '&': `\&`,
		'#': `\#`, '%': `\%`, '_': `\_`, '^': `\textasciicircum{}`, '~': `\textasciitilde{}`,
		// pdflatex's default OT1 fonts set these as ¡, ¿ and — in text.
		'<': `\textless{}`, '>': `\textgreater{}`, '|': `\textbar{}`,
		// Symbols a title may borrow from the Unicode printer.
		'‖': `$\|$`, '∼': `$\sim$`, '·': `$\cdot$`, '×': `$\times$`, '≤': `$\leq$`,
		'≥': `$\geq$`, '≠': `$\neq$`, '→': `$\to$`, '∞': `$\infty$`, '∫': `$\int$`,
	}
}}

// escapeText makes s safe inside \text{...}. Greek letters become inline
// math; other characters outside ASCII, Latin-1 letters and typographic
// punctuation are replaced by "?", since KaTeX (strict) or pdflatex would
// reject them.
func escapeText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if e, ok := textEscapes.Get()[r]; ok {
			b.WriteString(e)
			continue
		}
		switch name := expr.Canonical(string(r)); {
		case r < 0x80 && unicode.IsPrint(r):
			b.WriteRune(r)
		case r < 0x80 || unicode.IsSpace(r):
			b.WriteByte(' ')
		case name != string(r) && isLetters(name):
			b.WriteString(`$\` + name + `$`)
		case r <= 0xFF && unicode.IsLetter(r), strings.ContainsRune("–—‘’“”", r):
			b.WriteRune(r)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

func isLetters(s string) bool {
	for _, r := range s {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) {
			return false
		}
	}
	return s != ""
}

// latexAssumptions is the sentence that states d's assumptions, "Assuming
// $\sigma_{1} > 0$ (…); $a_{2} < a_{1}$.", or "" when there are none.
func latexAssumptions(d *derive.Derivation, opt Options) string {
	math := func(e expr.Expr) string { return "$" + tex(e, opt) + "$" }
	as := assumptions(d, math, escapeText)
	if len(as) == 0 {
		return ""
	}
	return "Assuming " + strings.Join(as, "; ") + "."
}
