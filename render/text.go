package render

import (
	"io"
	"strconv"
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
	width := opt.Width
	if width <= 0 {
		width = DefaultWidth
	}
	var b strings.Builder
	head := heading(expr.Format(goal(d), expr.Unicode), givens(d, expr.Unicode, opt.Notation), width)
	b.WriteString(strings.Join(head, "\n") + "\n")
	unicode := func(e expr.Expr) string { return opt.Notation.Format(e, expr.Unicode) }
	if as := assumptions(d, unicode, plainWords); len(as) > 0 {
		// Continued under the first assumption, deeper than a row.
		lead := "assuming "
		lines := wrapClauses(lead+strings.Join(as, "; "), width, strings.Repeat(" ", len(lead)))
		b.WriteString(strings.Join(lines, "\n") + "\n")
	}

	var rows []row
	add := func(lead string, x expr.Expr, just string) {
		// The justification follows a wrapped row's last line, so
		// that it does not split the row.
		lines := wrapText(lead, x, width, opt.Notation)
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
		case n+2 <= col && n+2+m <= width:
			// A short line whose justification overruns the page
			// at the column keeps it beside, against the right edge.
			b.WriteString(r.left + strings.Repeat(" ", width-m-n) + r.right)
		case m <= width:
			b.WriteString(r.left + "\n" + strings.Repeat(" ", max(0, min(col, width-m))) + r.right)
		default:
			// A justification wider than the page wraps at its spaces.
			b.WriteString(r.left + "\n" + strings.Join(wrapWords(r.right, width), "\n"))
		}
		b.WriteString("\n")
	}

	if d.Bound != "" {
		b.WriteString("stopped: " + d.Bound + "\n")
	} else {
		// Wrapped as a row is, so that a long or piecewise result keeps
		// within the width too.
		b.WriteString(strings.Join(resultLines(goal(d), result(d), width, opt.Notation), "\n") + "\n")
	}
	lines := wrapClauses(verdict(d.Verification, "×", sciPlain, titleText, titleText), width, verdictIndent)
	b.WriteString(strings.Join(lines, "\n") + "\n")
	b.WriteString(overrun(b.String(), width))
	_, err := io.WriteString(w, b.String())
	return err
}

// heading sets the goal and its givens, "goal  where g₁, g₂", within
// width: on one line if it fits; else the givens as many to a line as
// fit, each further line aligned under the first given; and if a given
// does not fit there, the goal alone, then "  where g₁," with the others
// aligned under g₁. A given wider than its line stays whole.
func heading(goal string, givens []string, width int) []string {
	if len(givens) == 0 {
		return []string{goal}
	}
	one := goal + "  where " + strings.Join(givens, ", ")
	if utf8.RuneCountInString(one) <= width {
		return []string{one}
	}
	aligned := func(lead string) []string {
		indent := strings.Repeat(" ", utf8.RuneCountInString(lead))
		lines := []string{lead + givens[0]}
		for i, g := range givens[1:] {
			// Every given but the last is followed by its comma.
			comma := 1
			if i == len(givens)-2 {
				comma = 0
			}
			last := &lines[len(lines)-1]
			if utf8.RuneCountInString(*last)+len(", ")+utf8.RuneCountInString(g)+comma <= width {
				*last += ", " + g
				continue
			}
			*last += ","
			lines = append(lines, indent+g)
		}
		return lines
	}
	beside := aligned(goal + "  where ")
	if (breaker{width: runes}).widest(beside) <= float64(width) {
		return beside
	}
	return append([]string{goal}, aligned("  where ")...)
}

// verdictIndent starts each continuation line of a wrapped verdict.
const verdictIndent = "  "

// wrapClauses sets a sentence of clauses joined by "; " (the verdict) on
// lines of at most width runes, each after the first starting with
// indent, so that it reads as part of the sentence, not a new one: whole
// clauses to a line while they fit, since a line that ends inside a
// clause ("largest relative error" with its figure on the next line)
// reads worse; a clause wider than a line wraps at its spaces.
func wrapClauses(s string, width int, indent string) []string {
	var lines []string
	line := ""
	for _, c := range strings.SplitAfter(s, "; ") {
		c = strings.TrimSpace(c)
		if line != "" && utf8.RuneCountInString(line)+1+utf8.RuneCountInString(c) <= width {
			line += " " + c
			continue
		}
		for _, w := range wrapWords(c, width-len(indent)) {
			if line != "" {
				lines = append(lines, line)
			}
			line = w
			if len(lines) > 0 {
				line = indent + w
			}
		}
	}
	return balanceLast(append(lines, line), width, indent)
}

// balanceLast moves the last word of the line before down to a last
// line that would carry one word alone, which reads as left behind,
// when the line before keeps two words and the last still fits.
func balanceLast(lines []string, width int, indent string) []string {
	n := len(lines)
	if n < 2 {
		return lines
	}
	last := strings.Fields(lines[n-1])
	prev := strings.Fields(lines[n-2])
	if len(last) != 1 || len(prev) < 3 {
		return lines
	}
	moved := indent + prev[len(prev)-1] + " " + last[0]
	if utf8.RuneCountInString(moved) > width {
		return lines
	}
	lead := ""
	if n-2 > 0 {
		lead = indent
	}
	out := append([]string(nil), lines[:n-2]...)
	return append(out, lead+strings.Join(prev[:len(prev)-1], " "), moved)
}

// resultLines sets "result: goal = x" within width: continued under the
// "=" when that fits. A long goal leaves the continuation lines little
// room there, so a result that does not fit is set as a row is, its goal
// alone on the result line and x below it after "  = ", when that is
// narrower.
func resultLines(goal, x expr.Expr, width int, note expr.Notation) []string {
	head := "result: " + expr.Format(goal, expr.Unicode)
	text := breaker{width: runes}
	beside := wrapText(head+" = ", x, width, note)
	if text.widest(beside) <= float64(width) {
		return beside
	}
	below := append([]string{head}, wrapText("  = ", x, width, note)...)
	if text.widest(below) < text.widest(beside) {
		return below
	}
	return beside
}

// runes is the width of a line of text in columns.
func runes(l string) float64 { return float64(utf8.RuneCountInString(l)) }

// DefaultWidth is the width in columns that text output wraps to when
// Options.Width is not set.
const DefaultWidth = 100

// wrapText writes lead and x on as many lines as keep within width
// columns, broken before a top-level + or − (or inside the outermost
// bracket, and inside a bracket of a term too wide for a line of its
// own), each continuation indented two columns further than the level
// it continues, starting past the "=". A term that cannot break stays
// whole.
func wrapText(lead string, x expr.Expr, width int, note expr.Notation) []string {
	// A line that fits is the piece's text, however it would break:
	// most rows are, and breaking prints every part again.
	if text := note.BreakText(x, expr.Unicode); runes(lead+text) <= float64(width) {
		return []string{lead + text}
	}
	return breakText(lead, x, width, note)
}

// breakText is wrapText by the line breaker, which keeps a line that
// fits whole too (TestWrapTextShortcut).
func breakText(lead string, x expr.Expr, width int, note expr.Notation) []string {
	b := breaker{
		width:  runes,
		avail:  float64(width),
		indent: func(level int) string { return strings.Repeat(" ", utf8.RuneCountInString(lead)+2*level) },
		cases:  textCases,
		split:  splitText,
	}
	return b.lines(lead, note.Break(x, expr.Unicode))
}

// column is where justifications start: two spaces past a line's end,
// chosen so that as many justifications as can stay beside their lines
// (within width, past lines of at most longLine runes); of columns that
// keep as many, the narrowest, nearest the lines.
func column(rows []row, width int) int {
	best, kept := len("  = ")+2, -1
	for _, c := range rows {
		if c.right == "" {
			continue
		}
		col := utf8.RuneCountInString(c.left) + 2
		if col-2 > longLine {
			continue
		}
		n := 0
		for _, r := range rows {
			if r.right != "" && utf8.RuneCountInString(r.left)+2 <= col && col+utf8.RuneCountInString(r.right) <= width {
				n++
			}
		}
		if n > kept || n == kept && col < best {
			best, kept = col, n
		}
	}
	return best
}

func bracket(s string) string {
	if s == "" {
		return ""
	}
	return "[" + s + "]"
}

// overrun says plainly how many lines of out are wider than width, when
// any is: a formula with no place to break (a long product, a name)
// stays whole rather than be cut where it would read as another. The
// note itself is wrapped to the width.
func overrun(out string, width int) string {
	n := 0
	for _, l := range strings.Split(out, "\n") {
		if utf8.RuneCountInString(l) > width {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	what := "1 line is"
	if n > 1 {
		what = strconv.Itoa(n) + " lines are"
	}
	note := "note: " + what + " wider than " + strconv.Itoa(width) + " columns; a formula with no place to break stays whole"
	return strings.Join(wrapWords(note, width), "\n") + "\n"
}
