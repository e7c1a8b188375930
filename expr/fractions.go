package expr

import "strings"

// A numeric fraction in LaTeX is \frac{1}{2} or \tfrac{1}{2} by the row
// it stands in, as a careful author chooses:
//
//   - In a sum whose every term sits on the line (no fraction of symbols,
//     no big operator, root, matrix or sized bracket anywhere in it), a
//     coefficient or term ½ is \tfrac{1}{2}, so that the row keeps the
//     height of its text: -\tfrac{1}{2} \log \det \Sigma - \tfrac{1}{2} k.
//     The brackets around it then need no \left and \right either.
//   - In a row with tall content, \frac{1}{2} matches the fractions
//     beside it; and a row that is not a sum, ½(…) or ½ log(…), is a
//     display fraction and keeps \frac.
//   - Inside a function's parentheses an argument with no tall content is
//     inline text whatever the row: \exp(-\tfrac{1}{2} x^{\top} x), as the
//     Gaussian density is written, with no \left( \right) around it.
//   - In a script, (2\pi)^{-k/2} or e^{…}, a fraction is never \tfrac,
//     which would set it at text size inside the superscript.
//
// The LaTeX reader reads both spellings alike.

// tall are the constructions that make a row taller than its text.
var tall = []string{`\frac`, `\sum`, `\prod`, `\int`, `\sqrt`, `\left`, `\Bigl`, `\begin`, `\binom`}

// printerFor is the printer for e as a whole row: with small fractions
// when e is a sum (or an expectation of one) that is flat when so set.
func (n Notation) printerFor(e Expr, s Style) printer {
	p := printer{style: s, note: n}
	if s != LaTeX || !sumRow(e) {
		return p
	}
	small := printer{style: s, note: n, small: true}
	if out, _ := small.print(e); isTall(out) {
		return p
	}
	return small
}

// isTall reports whether LaTeX s has tall content.
func isTall(s string) bool {
	for _, t := range tall {
		if strings.Contains(s, t) {
			return true
		}
	}
	return false
}

// inline prints a function's argument: with small fractions when it is
// flat so set, else as p prints it.
func (p printer) inline(e Expr) string {
	if p.style == LaTeX && !p.inScript {
		q := p
		q.small, q.inArg = true, true
		if out, _ := q.print(e); !isTall(out) {
			return out
		}
	}
	out, _ := p.print(e)
	return out
}

// sumRow reports whether e is a sum, or a sum inside an expectation.
func sumRow(e Expr) bool {
	if x, ok := e.(*Expect); ok {
		e = x.Body
	}
	_, ok := e.(*Add)
	return ok
}

// script is p for a sub- or superscript, where fractions keep \frac.
func (p printer) script() printer {
	p.small, p.inScript = false, true
	return p
}
