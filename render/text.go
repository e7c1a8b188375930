package render

import (
	"io"
	"strings"
	"unicode/utf8"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// longLine is the width (in runes) beyond which a line's justification
// moves to a line of its own, so the column does not drift off a terminal.
const longLine = 70

// row is one line of the derivation and its justification.
type row struct{ left, right string }

// Text writes d for a terminal:
//
//	KL(p ‖ q)  where p(x) = 𝒩(x; μ₁, σ₁²), q(x) = 𝒩(x; μ₂, σ₂²)
//	  = E_{x∼p}[log(p(x)/q(x))]      [definition of KL divergence]
//	verified: 8 points × 7 steps, result agrees with direct integration; ...
//
// With opt.Fine each fine step follows its shown step, indented and
// labelled with its rule name.
func Text(w io.Writer, d *derive.Derivation, opt Options) error {
	var b strings.Builder
	b.WriteString(expr.Format(goal(d), expr.Unicode))
	if gs := givens(d, expr.Unicode); len(gs) > 0 {
		b.WriteString("  where " + strings.Join(gs, ", "))
	}
	b.WriteString("\n")

	var rows []row
	for _, s := range d.Steps {
		rows = append(rows, row{"  = " + expr.Format(s.After, expr.Unicode), bracket(s.Title)})
		if opt.Fine {
			for _, f := range s.Fine {
				rows = append(rows, row{"      = " + expr.Format(f.After, expr.Unicode), bracket(f.Rule)})
			}
		}
	}
	col := column(rows)
	for _, r := range rows {
		n := utf8.RuneCountInString(r.left)
		switch {
		case r.right == "":
			b.WriteString(r.left)
		case n > longLine:
			b.WriteString(r.left + "\n" + strings.Repeat(" ", col) + r.right)
		default:
			b.WriteString(r.left + strings.Repeat(" ", col-n) + r.right)
		}
		b.WriteString("\n")
	}

	if d.Bound != "" {
		b.WriteString("stopped: " + d.Bound + "\n")
	}
	b.WriteString(verdict(d.Verification, "×", sciPlain) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// column is where justifications start: two spaces past the widest line
// that keeps its justification beside it.
func column(rows []row) int {
	width := len("  = ")
	for _, r := range rows {
		if n := utf8.RuneCountInString(r.left); r.right != "" && n <= longLine && n > width {
			width = n
		}
	}
	return width + 2
}

func bracket(s string) string {
	if s == "" {
		return ""
	}
	return "[" + s + "]"
}
