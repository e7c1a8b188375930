package render

import (
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// Where a LaTeX derivation puts each step's justification.
const (
	JustAuto  = ""      // right where every row fits whole beside them, else tag (below in a fragment)
	JustRight = "right" // a third column: && \text{...}
	JustBelow = "below" // a small \text line under the row
	JustTag   = "tag"   // \tag*{...} at the right margin (standalone only: aligned has no tags)
	JustNone  = "none"
)

// DefaultWidthPt is the text width of LaTeX's article class at 10pt, the
// page a derivation is broken to fit unless Options.WidthPt says otherwise.
const DefaultWidthPt = 345

// texRow is one shown line before layout: its relation ("&= ", or the goal
// followed by it on the first row), the expression and the justification.
type texRow struct {
	indent string // \qquad for a fine step under its shown step
	x      expr.Expr
	just   string // LaTeX text mode, escaped, its math as math
	mono   bool   // the justification is a rule name, set in \texttt
}

// latexRows lays out the rows of d for aligned or align*: the goal and
// the first step, then one row per step, separated by \\. A row wider
// than the page breaks at a top-level + or −, or inside its outermost
// bracket, into continuation lines "&\qquad + ...". em is the font size in
// points, for the width estimate; tags are allowed in align*, not in
// aligned.
func latexRows(d *derive.Derivation, opt Options, em float64, tags bool) string {
	var rs []texRow
	for _, s := range d.Steps {
		rs = append(rs, texRow{x: s.After, just: titleLaTeX(s.Title, opt.Notation)})
		if opt.Fine {
			for _, f := range s.Fine {
				rs = append(rs, texRow{indent: `\qquad `, x: f.After, just: escapeText(f.Rule), mono: true})
			}
		}
	}
	lhs := tex(goal(d), opt)
	page := pageEm(opt, em)
	lhsW := texWidth(lhs)
	justW := 0.0
	for _, r := range rs {
		justW = max(justW, texWidth(justText(r)))
	}
	just := opt.Just
	if just == JustAuto {
		// Beside the rows when every row fits whole beside them;
		// otherwise tags on a page, which amsmath moves under a row
		// that leaves them no room, and lines under the rows in a
		// fragment, since aligned has no tags.
		just = JustRight
		if !fitsWhole(rs, page-lhsW-2-justW, opt.Notation) {
			just = JustTag
		}
	}
	if just == JustTag && !tags {
		just = JustBelow
	}
	avail := page - lhsW
	if just == JustRight {
		avail -= 2 + justW
	}
	var lines []string
	for i, r := range rs {
		ls := breakRow(r, avail, opt.Notation)
		if i == 0 {
			ls[0] = lhs + " " + ls[0]
		}
		switch j := justText(r); {
		case r.just == "" || just == JustNone:
		case just == JustRight:
			ls[0] += ` && ` + j
		case just == JustTag:
			// On the last line, so that amsmath, which moves a tag
			// that finds no room under its line, never moves it
			// between a row and its continuation.
			ls[len(ls)-1] += ` \tag*{\small ` + r.just + `}`
		case just == JustBelow:
			// klderive check reads the line as a remark, math and all.
			ls = append(ls, `&\qquad \text{\small `+r.just+`}`)
		}
		lines = append(lines, ls...)
	}
	return strings.Join(lines, " \\\\\n")
}

// pageEm is the width rows must fit, in em of a font of em points, with
// 5% to spare for what the estimate misses.
func pageEm(opt Options, em float64) float64 {
	width := opt.WidthPt
	if width <= 0 {
		width = DefaultWidthPt
	}
	return 0.95 * width / em
}

// resultDisplay is the standalone document's result line: goal = result
// in a display, boxed with opt.Box, or, when it is wider than the page,
// broken as a derivation row is (a box cannot break, so it goes).
func resultDisplay(d *derive.Derivation, opt Options) string {
	eq, broken := resultRows(d, opt, 10)
	if broken == "" {
		return "\\[\n" + eq + "\n\\]\n"
	}
	return "\\begin{align*}\n" + broken + "\n\\end{align*}\n"
}

// resultRows is the result line for a page pageEm(opt, em) wide: goal =
// result, boxed with opt.Box, when it fits, and otherwise (broken != "")
// the rows of an alignment that break it as a derivation row is.
func resultRows(d *derive.Derivation, opt Options, em float64) (eq, broken string) {
	eq = resultLaTeX(d, opt)
	lhs := tex(goal(d), opt)
	page := pageEm(opt, em)
	w := texWidth(eq)
	if opt.Box {
		w++ // the box's rule and padding
	}
	if w <= page {
		return eq, ""
	}
	lines := breakRow(texRow{x: result(d)}, page-texWidth(lhs), opt.Notation)
	return eq, lhs + " " + strings.Join(lines, " \\\\\n")
}

func justText(r texRow) string {
	if r.just == "" {
		return ""
	}
	if r.mono {
		return `\text{\texttt{` + r.just + `}}`
	}
	return `\text{` + r.just + `}`
}

// fitsWhole reports whether every row fits in avail em unbroken.
func fitsWhole(rs []texRow, avail float64, n expr.Notation) bool {
	for _, r := range rs {
		if len(breakRow(r, avail, n)) > 1 {
			return false
		}
	}
	return true
}

// breakRow sets one row as its first line "&= ..." and as many
// continuation lines "&\qquad + ..." as it needs to stay within avail em;
// a part of a continuation too wide for a line breaks again inside its
// bracket, its lines indented a \quad further. A term that cannot break
// stays whole.
func breakRow(r texRow, avail float64, n expr.Notation) []string {
	b := breaker{
		width: texWidth,
		avail: avail,
		indent: func(level int) string {
			return "&" + r.indent + `\qquad ` + strings.Repeat(`\quad `, level-1)
		},
	}
	return b.lines("&"+r.indent+"= ", n.Break(r.x, expr.LaTeX))
}
