package render

import (
	"strings"

	"github.com/klderive/klderive/expr"
)

// A step's title is written by derive in words and the input syntax
// ("p(x) vanishes for a_2 < x < a_1, where q(x) > 0"); each format
// prints its mathematics in its own notation. The math in a title is: a
// part after "; " that is an equation (tr(inv(S)*S) = k), a chain of
// expressions joined by relations or signs (a_2 < x < a_1, m + 1), and a word with
// operators in it (s^2). The rest is text.

// titleStyle is how one format writes a title's math and text.
type titleStyle struct {
	math func(expr.Expr) string // an expression
	rel  map[string]string      // a relation: "<", "<=", ...
	wrap func(string) string    // a span of math among the text
	text func(string) string    // a word of text
}

// titleLaTeX sets a step's title for LaTeX text mode, its math inside
// $...$ and the rest escaped.
func titleLaTeX(title string, n expr.Notation) string {
	return formatTitle(title, latexTitleStyle(n, func(s string) string { return "$" + s + "$" }, escapeText))
}

// reportLaTeX sets a sentence of klderive's own report for LaTeX text
// mode as titleLaTeX does, its math in \ensuremath, which pdflatex sets
// as math and klderive check, reading only $…$ and \(…\), does not take
// for the document's statements.
func reportLaTeX(title string, n expr.Notation) string {
	return formatTitle(title, latexTitleStyle(n, func(s string) string { return `\ensuremath{` + s + "}" }, escapeText))
}

// latexTitleStyle sets a title's math in LaTeX, each span wrapped by
// wrap, and its words escaped by text: for LaTeX or for Markdown.
func latexTitleStyle(n expr.Notation, wrap, text func(string) string) titleStyle {
	return titleStyle{
		math: func(x expr.Expr) string { return n.Format(expr.Map(x, matrixLetters), expr.LaTeX) },
		rel:  map[string]string{"=": "=", "<": "<", ">": ">", "<=": `\le`, ">=": `\ge`},
		wrap: wrap,
		text: text,
	}
}

// matrixLetters reads a name of capitals in a title, the AB of
// tr(AB) = tr(BA), as the product of the matrices A and B it names, which
// LaTeX sets as two symbols rather than one italic word.
func matrixLetters(e expr.Expr) expr.Expr {
	s, ok := e.(*expr.Sym)
	if !ok || len(s.Name) < 2 || strings.ToUpper(s.Name) != s.Name || strings.ToLower(s.Name) == s.Name {
		return e
	}
	var fs []expr.Expr
	for _, r := range s.Name {
		if r < 'A' || r > 'Z' {
			return e
		}
		fs = append(fs, expr.S(string(r)))
	}
	return expr.MatProd(fs...)
}

// titleText writes a step's title for the terminal and plain text, its
// math in the Unicode notation of the rows (a₂ < x < a₁).
func titleText(title string) string {
	return formatTitle(title, titleStyle{
		math: func(x expr.Expr) string { return expr.Format(x, expr.Unicode) },
		rel:  map[string]string{"=": "=", "<": "<", ">": ">", "<=": "≤", ">=": "≥"},
		wrap: func(s string) string { return s },
		text: func(s string) string { return s },
	})
}

func formatTitle(title string, st titleStyle) string {
	parts := strings.Split(title, "; ")
	for i, part := range parts {
		if l, r, ok := strings.Cut(part, " = "); ok {
			lx, ok1 := expr.TryParseExpr(l)
			rx, ok2 := expr.TryParseExpr(r)
			if ok1 && ok2 {
				parts[i] = st.wrap(st.math(lx) + " = " + st.math(rx))
				continue
			}
		}
		parts[i] = formatWords(bracketed(strings.Split(part, " ")), st)
	}
	return strings.Join(parts, "; ")
}

// bracketed joins the words a bracket opens up to the one that closes
// it when they make one expression, so that (a - c)^2, split at its
// spaces, is read as one; a remark in brackets, or words whose brackets
// never close, are left as they were.
func bracketed(words []string) []string {
	var out []string
	for i := 0; i < len(words); i++ {
		depth := strings.Count(words[i], "(") - strings.Count(words[i], ")")
		j := i
		for depth > 0 && j+1 < len(words) {
			j++
			depth += strings.Count(words[j], "(") - strings.Count(words[j], ")")
		}
		joined := strings.Join(words[i:j+1], " ")
		if _, ok := expr.TryParseExpr(strings.TrimRight(joined, ",.:")); depth != 0 || j == i || !ok {
			out = append(out, words[i])
			continue
		}
		out = append(out, joined)
		i = j
	}
	return out
}

// readEveryWord makes formatWords read every word as an expression; the
// tests compare it with reading only the words that can be math.
var readEveryWord = false

// formatWords writes the words of a title part: a relation with an
// expression on each side joins them into one span of math, with the
// punctuation after its last word kept outside.
func formatWords(words []string, st titleStyle) string {
	// A sum of words, m + 1, is as much math as a relation is.
	joins := func(w string) (string, bool) {
		if w == "+" || w == "-" {
			return w, true
		}
		r, ok := st.rel[w]
		return r, ok
	}
	// A word is read as an expression only where what follows can use
	// it: in or beside a join, or written with an operator or a bracket.
	// Nearly every word of a title is a plain word, which reads as a
	// symbol and is written as text all the same.
	joined := make([]bool, len(words))
	for j, w := range words {
		_, joined[j] = joins(w)
	}
	parsed := make([]expr.Expr, len(words))
	tails := make([]string, len(words))
	for j, w := range words {
		if !readEveryWord && !joined[j] && !(j > 0 && joined[j-1]) && !(j+1 < len(words) && joined[j+1]) && !strings.ContainsAny(w, "^*/()[]") {
			continue
		}
		core := strings.TrimRight(w, ",.:")
		if x, ok := expr.TryParseExpr(core); ok && core != "" {
			parsed[j], tails[j] = x, w[len(core):]
		}
	}
	inChain := make([]bool, len(words))
	for j := range words {
		if joined[j] && j > 0 && j+1 < len(words) && parsed[j-1] != nil && parsed[j+1] != nil && tails[j-1] == "" {
			inChain[j-1], inChain[j], inChain[j+1] = true, true, true
		}
	}
	var out []string
	for j := 0; j < len(words); j++ {
		switch {
		case inChain[j]:
			var span []string
			for ; j < len(words) && inChain[j]; j++ {
				if r, ok := joins(words[j]); ok && parsed[j] == nil {
					span = append(span, r)
				} else {
					span = append(span, st.math(parsed[j]))
				}
				if tails[j] != "" {
					j++
					break
				}
			}
			j--
			out = append(out, st.wrap(strings.Join(span, " "))+tails[j])
		case parsed[j] != nil && strings.ContainsAny(words[j], "^*/()[]"):
			out = append(out, st.wrap(st.math(parsed[j]))+tails[j])
		default:
			out = append(out, st.text(words[j]))
		}
	}
	return strings.Join(out, " ")
}
