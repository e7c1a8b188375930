package render

import (
	"strings"

	"github.com/klderive/klderive/expr"
)

// titleLaTeX sets a step's title for LaTeX text mode with its mathematics
// as math: a part after "; " that is an equation in the input syntax
// (tr(inv(S)*S) = k) and a word with operators in it (s^2) are printed by
// the LaTeX printer inside $...$; the rest is escaped text.
func titleLaTeX(title string, n expr.Notation) string {
	parts := strings.Split(title, "; ")
	for i, part := range parts {
		if l, r, ok := strings.Cut(part, " = "); ok {
			lx, err1 := expr.ParseExpr(l)
			rx, err2 := expr.ParseExpr(r)
			if err1 == nil && err2 == nil {
				parts[i] = "$" + n.Format(lx, expr.LaTeX) + " = " + n.Format(rx, expr.LaTeX) + "$"
				continue
			}
		}
		words := strings.Split(part, " ")
		for j, w := range words {
			if x, err := expr.ParseExpr(w); err == nil && strings.ContainsAny(w, "^*/()[]") {
				words[j] = "$" + n.Format(x, expr.LaTeX) + "$"
				continue
			}
			words[j] = escapeText(w)
		}
		parts[i] = strings.Join(words, " ")
	}
	return strings.Join(parts, "; ")
}
