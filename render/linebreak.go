package render

import "github.com/klderive/klderive/expr"

// breaker lays a piece out on lines: fits says whether a line is within
// the width, indent is the start of a continuation line at a nesting
// level (1 for a part of the row itself, 2 for a part of one of its
// parts, ...).
type breaker struct {
	fits   func(line string) bool
	indent func(level int) string
}

// lines sets pc after lead as an author breaks a long formula: whole if
// it fits; otherwise its Open, then its parts, as many to a line as fit,
// each further line a continuation one level deeper. A part too wide for
// a line of its own breaks the same way inside its own bracket, and the
// closing bracket (and end, whatever must follow pc) ends the last line.
// A piece that cannot break stays whole, however wide.
func (b breaker) lines(lead string, pc expr.Piece, end string, level int) []string {
	if pc.Parts == nil || b.fits(lead+pc.Text+end) {
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
		if i == 0 {
			sep = ""
		}
		switch {
		case b.fits(*last + sep + part.Text + tail):
			*last += sep + part.Text + tail
		case i > 0 && b.fits(cont+part.Text+tail):
			out = append(out, cont+part.Text+tail)
		case i == 0:
			// The first part follows the bracket on its line, broken
			// there if it must be.
			broken := b.lines(*last, part, tail, level+1)
			out = append(out[:len(out)-1], broken...)
		default:
			out = append(out, b.lines(cont, part, tail, level+1)...)
		}
	}
	return out
}
