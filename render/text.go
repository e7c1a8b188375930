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
	if gs := givens(d, expr.Unicode, opt.Notation); len(gs) > 0 {
		b.WriteString("  where " + strings.Join(gs, ", "))
	}
	b.WriteString("\n")

	width := opt.Width
	if width <= 0 {
		width = DefaultWidth
	}
	var rows []row
	add := func(lead string, x expr.Expr, just string) {
		// The justification follows a wrapped row's last line, so
		// that it does not split the row.
		lines := wrapText(lead, x, width)
		for i, l := range lines {
			r := row{left: l}
			if i == len(lines)-1 {
				r.right = just
			}
			rows = append(rows, r)
		}
	}
	for _, s := range d.Steps {
		add("  = ", s.After, bracket(titleText(s.Title)))
		if opt.Fine {
			for _, f := range s.Fine {
				add("      = ", f.After, bracket(f.Rule))
			}
		}
	}
	col := column(rows, width)
	for _, r := range rows {
		n, m := utf8.RuneCountInString(r.left), utf8.RuneCountInString(r.right)
		switch {
		case r.right == "":
			b.WriteString(r.left)
		case n+2 <= col && col+m <= width:
			b.WriteString(r.left + strings.Repeat(" ", col-n) + r.right)
		default:
			b.WriteString(r.left + "\n" + strings.Repeat(" ", max(0, min(col, width-m))) + r.right)
		}
		b.WriteString("\n")
	}

	if d.Bound != "" {
		b.WriteString("stopped: " + d.Bound + "\n")
	} else {
		b.WriteString("result: " + expr.Format(goal(d), expr.Unicode) + " = " + expr.Format(result(d), expr.Unicode) + "\n")
	}
	b.WriteString(verdict(d.Verification, "×", sciPlain) + "\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// DefaultWidth is the width in columns that text output wraps to when
// Options.Width is not set.
const DefaultWidth = 100

// wrapText writes lead and x on as many lines as keep within width
// columns, broken before a top-level + or − (or inside the outermost
// bracket), each continuation indented two columns past the "=". A
// single term wider than width stays whole.
func wrapText(lead string, x expr.Expr, width int) []string {
	whole := lead + expr.Format(x, expr.Unicode)
	if utf8.RuneCountInString(whole) <= width {
		return []string{whole}
	}
	open, terms, close := expr.Pieces(x, expr.Unicode)
	cont := strings.Repeat(" ", utf8.RuneCountInString(lead)+2)
	terms = splitLongTerms(x, terms, width-utf8.RuneCountInString(cont))
	terms[len(terms)-1] += close
	lines := []string{lead + open + terms[0]}
	for _, t := range terms[1:] {
		last := &lines[len(lines)-1]
		if utf8.RuneCountInString(*last)+1+utf8.RuneCountInString(t) <= width {
			*last += " " + t
			continue
		}
		lines = append(lines, cont+t)
	}
	return lines
}

// splitLongTerms breaks a positive term of a sum that is too long for a
// line of its own inside its own bracket, ((a + b)·c + d)/s into
// "+ ((a + b)·c", "+ d)/s", so that no line is longer than it must be.
func splitLongTerms(x expr.Expr, terms []string, room int) []string {
	a, ok := x.(*expr.Add)
	if !ok || len(a.Terms) != len(terms) {
		return terms
	}
	var out []string
	for i, t := range terms {
		sign := ""
		if i > 0 {
			sign = "+ "
		}
		open, sub, close := expr.Pieces(a.Terms[i], expr.Unicode)
		if utf8.RuneCountInString(t) <= room || len(sub) < 2 || !strings.HasPrefix(t, sign) {
			out = append(out, t)
			continue
		}
		sub[0] = sign + open + sub[0]
		sub[len(sub)-1] += close
		out = append(out, sub...)
	}
	return out
}

// column is where justifications start: two spaces past the widest line
// that keeps its justification beside it within width.
func column(rows []row, width int) int {
	w := len("  = ")
	for _, r := range rows {
		n := utf8.RuneCountInString(r.left)
		if r.right != "" && n <= longLine && n+2+utf8.RuneCountInString(r.right) <= width && n > w {
			w = n
		}
	}
	return w + 2
}

func bracket(s string) string {
	if s == "" {
		return ""
	}
	return "[" + s + "]"
}
