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
	var justs [][]string
	if just == JustRight {
		col, js, ok := rightColumn(rs, avail, opt.Notation)
		if ok {
			justs, avail = js, avail-2-col
		} else if tags {
			just = JustTag
		} else {
			just = JustBelow
		}
	}
	var lines []string
	for i, r := range rs {
		ls := breakRow(r, avail, opt.Notation)
		if i == 0 {
			ls[0] = lhs + " " + ls[0]
		}
		switch {
		case r.just == "" || just == JustNone:
		case just == JustRight:
			// A justification wrapped onto more lines than its row
			// has goes on on lines of its own in the column.
			for k, j := range justs[i] {
				if k == len(ls) {
					ls = append(ls, "&")
				}
				ls[k] += ` && ` + j
			}
		case just == JustTag && 0.9*texWidth(justText(r)) <= page:
			// On the last line, so that amsmath, which moves a tag
			// that finds no room under its line, never moves it
			// between a row and its continuation.
			ls[len(ls)-1] += ` \tag*{\small ` + r.just + `}`
		default:
			// Below the row, as a tag too wide for the page (a tag
			// cannot break; \small sets it at 9/10 of the size it is
			// measured at) is too: wrapped at its spaces outside
			// math onto as many lines as the page needs, each a
			// \text of its own, since \text does not break. klderive
			// check reads the lines as a remark, math and all.
			for _, j := range evenJust(texRow{just: r.just}, (page-lhsW-2)/0.9) {
				ls = append(ls, `&\qquad \text{\small `+strings.TrimPrefix(j, `\text{`))
			}
		}
		lines = append(lines, ls...)
	}
	return strings.Join(lines, " \\\\\n")
}

// rightColumn is the width of the column of justifications beside rows
// that have avail em, and the justifications as they are set in it, each
// in one or more lines: the column is as wide as the widest
// justification when that leaves every row room to break into, and
// narrower otherwise, a wider justification then wrapping at its spaces
// onto the lines of its row. With no width that leaves every row room
// (a term that cannot break may be too wide for any), ok is false and
// the justifications go elsewhere.
func rightColumn(rs []texRow, avail float64, n expr.Notation) (col float64, justs [][]string, ok bool) {
	widestJust, widestWord := 0.0, 0.0
	for _, r := range rs {
		widestJust = max(widestJust, texWidth(justText(r)))
		for _, w := range textWords(r.just) {
			widestWord = max(widestWord, texWidth(justText(texRow{just: w, mono: r.mono})))
		}
	}
	const tries = 8
	for k := range tries + 1 {
		limit := widestJust - float64(k)*(widestJust-widestWord)/tries
		room, fits := avail-2-limit, true
		for _, r := range rs {
			if widest(breakRow(r, room, n)) > room {
				fits = false
				break
			}
		}
		if !fits {
			continue
		}
		justs = make([][]string, len(rs))
		for i, r := range rs {
			justs[i] = wrapJust(r, limit)
		}
		return limit, justs, true
	}
	return 0, nil, false
}

// textWords splits LaTeX text at its spaces outside math.
func textWords(s string) []string {
	var words []string
	start, inMath := 0, false
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '\\' && i+1 < len(s):
			i++ // \$ is a dollar sign, not math
		case s[i] == '$':
			inMath = !inMath
		case s[i] == ' ' && !inMath:
			if i > start {
				words = append(words, s[start:i])
			}
			start = i + 1
		}
	}
	if start < len(s) {
		words = append(words, s[start:])
	}
	return words
}

// wrapJust sets r's justification in lines of at most limit em, broken
// at its spaces outside math.
func wrapJust(r texRow, limit float64) []string {
	if r.just == "" {
		return nil
	}
	var lines []string
	line := ""
	for _, w := range textWords(r.just) {
		try := w
		if line != "" {
			try = line + " " + w
		}
		if line != "" && texWidth(justText(texRow{just: try, mono: r.mono})) > limit {
			lines, line = append(lines, line), w
			continue
		}
		line = try
	}
	lines = append(lines, line)
	for i, l := range lines {
		lines[i] = justText(texRow{just: l, mono: r.mono})
	}
	return lines
}

// evenJust is wrapJust made as even as it can be: the narrowest limit
// that wraps r's justification onto as many lines, so that the last line
// is not one short word.
func evenJust(r texRow, limit float64) []string {
	out := wrapJust(r, limit)
	lo, hi := 0.0, limit
	for range 12 {
		mid := (lo + hi) / 2
		if try := wrapJust(r, mid); len(try) == len(out) {
			out, hi = try, mid
		} else {
			lo = mid
		}
	}
	return out
}

// widest is the estimated width of the widest of a row's lines.
func widest(lines []string) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, texWidth(l))
	}
	return w
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

// fitsWhole reports whether every row fits in avail em unbroken: a row
// that cannot break fits only if it is no wider.
func fitsWhole(rs []texRow, avail float64, n expr.Notation) bool {
	for _, r := range rs {
		if ls := breakRow(r, avail, n); len(ls) > 1 || texWidth(ls[0]) > avail {
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
		cases: texCases,
	}
	return b.lines("&"+r.indent+"= ", n.Break(r.x, expr.LaTeX))
}
