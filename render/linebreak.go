package render

import (
	"strings"

	"github.com/klderive/klderive/expr"
)

// breaker lays a piece out on lines: width measures a line, avail is the
// most a line may take, and indent is the start of a continuation line
// at a nesting level (1 for a part of the row itself, 2 for a part of
// one of its parts, ...). cases sets a piecewise piece that does not fit
// on one line as the format sets one (textCases, texCases).
type breaker struct {
	width  func(line string) float64
	avail  float64
	indent func(level int) string
	cases  func(b breaker, lead string, pc expr.Piece, end string) []string
	// split breaks a piece that expr left whole, when it does not fit
	// (splitText for text); nil leaves it whole.
	split func(text string) expr.Piece
}

// lines sets pc after lead as an author breaks a long formula: whole if
// it fits; otherwise in as few lines as the greedy fill below needs, made
// as even as they can be, so that no last line holds one short term.
func (b breaker) lines(lead string, pc expr.Piece) []string {
	return b.linesEnd(lead, pc, "")
}

// linesEnd is lines with end after pc on its last line. A piecewise
// piece is not evened out as a whole: each case's value is, by cases.
func (b breaker) linesEnd(lead string, pc expr.Piece, end string) []string {
	out := b.fill(lead, pc, end, 0)
	if len(out) == 1 || pc.Cases != nil {
		return out
	}
	// The narrowest width that breaks into as many lines, as many of them
	// nested, is the most even layout. A LaTeX cases environment is one
	// line of rows, so the rows are counted, not the lines: a narrower
	// width must not break a case's value into more rows.
	n, deep := rows(out), b.nested(out)
	lo, hi := 0.0, b.avail
	for range 12 {
		mid := (lo + hi) / 2
		t := b
		t.avail = mid
		if try := t.fill(lead, pc, end, 0); rows(try) == n && t.nested(try) == deep {
			out, hi = try, mid
		} else {
			lo = mid
		}
	}
	return out
}

// rows counts the lines of a layout and the rows within them that a
// cases environment sets on lines of the source.
func rows(lines []string) int {
	n := len(lines)
	for _, l := range lines {
		n += strings.Count(l, "\n")
	}
	return n
}

// nested counts the lines that continue a part rather than the row.
func (b breaker) nested(lines []string) int {
	n := 0
	deeper := b.indent(2)
	for _, l := range lines {
		if len(l) >= len(deeper) && l[:len(deeper)] == deeper {
			n++
		}
	}
	return n
}

// fill sets pc after lead, whole if it fits; otherwise its Open, then
// its parts, as many to a line as fit, each further line a continuation
// one level deeper (a piece left whole is broken by split, if set). A
// part too wide for a line of its own breaks the same
// way inside its own bracket, and the closing bracket (and end, whatever
// must follow pc) ends the last line. A piece that cannot break stays
// whole, however wide.
func (b breaker) fill(lead string, pc expr.Piece, end string, level int) []string {
	fits := func(l string) bool { return b.width(l) <= b.avail }
	if pc.Cases != nil && b.cases != nil && !fits(lead+pc.Text+end) {
		return b.cases(b, lead, pc, end)
	}
	if fits(lead + pc.Text + end) {
		return []string{lead + pc.Text + end}
	}
	if pc.Parts == nil && b.split != nil {
		pc = b.split(pc.Text)
	}
	if pc.Parts == nil {
		return []string{lead + pc.Text + end}
	}
	out := []string{lead + pc.Open}
	cont := b.indent(level + 1)
	for i, part := range pc.Parts {
		tail := ""
		if i == len(pc.Parts)-1 {
			tail = pc.Close + end
		}
		last := &out[len(out)-1]
		sep := " "
		if i == 0 || pc.Tight {
			sep = ""
		}
		switch {
		case fits(*last + sep + part.Text + tail):
			*last += sep + part.Text + tail
		case i > 0 && fits(cont+part.Text+tail):
			out = append(out, cont+part.Text+tail)
		case i == 0:
			// The first part follows the bracket on its line, broken
			// there if it must be.
			broken := b.fill(*last, part, tail, level+1)
			out = append(out[:len(out)-1], broken...)
		default:
			out = append(out, b.fill(cont, part, tail, level+1)...)
		}
	}
	return out
}
