package render

import (
	"strings"
	"unicode/utf8"

	"github.com/klderive/klderive/expr"
)

// How a line breaker sets a piecewise result that does not fit on one
// line: one case to a line or more, as an author sets a cases
// environment, each value broken again at its top-level + and − when it
// must, each condition beside the last line of its value, or on a line
// of its own under the value when even that does not fit.

// textCases sets a piecewise piece in text:
//
//	= { log((b₁ - a₁)/B(a, b)) + (a - 1)·ψ(a) + (b - 1)·ψ(b)
//	      - (a + b - 2)·ψ(a + b)  if a₁ ≤ 0 and 1 ≤ b₁;
//	    ∞                         otherwise }
//
// Each value starts under the first, its continuation lines indented
// under it; the conditions stand in a column when they all fit there.
// Joined with single spaces (none before a line that starts with · or
// /), the lines read as the piece on one line.
func textCases(b breaker, lead string, pc expr.Piece, end string) []string {
	col := utf8.RuneCountInString(lead + pc.Open)
	sub := b
	sub.indent = func(level int) string { return strings.Repeat(" ", col+2*level) }
	type set struct {
		value []string // the value's lines
		cond  string   // its condition, and what follows it
		own   bool     // the condition is on a line of its own
	}
	sets := make([]set, len(pc.Cases))
	for i, c := range pc.Cases {
		first := strings.Repeat(" ", col)
		if i == 0 {
			first = lead + pc.Open
		}
		cond := c.Cond + strings.TrimRight(pc.CaseSep, " ")
		if i == len(pc.Cases)-1 {
			cond = c.Cond + pc.Close + end
		}
		// The condition stays beside its value when that fits and takes
		// no more lines than the condition on a line of its own: a value
		// broken again only to make room for it reads worse.
		own := sub.linesEnd(first, c.Value, "")
		if beside := sub.linesEnd(first, c.Value, "  "+cond); b.widest(beside) <= b.avail && len(beside) <= len(own)+1 {
			n := len(beside)
			beside[n-1] = strings.TrimSuffix(beside[n-1], "  "+cond)
			sets[i] = set{value: beside, cond: cond}
			continue
		}
		sets[i] = set{value: own, cond: cond, own: true}
	}
	// The column of the conditions beside their values, if they all fit
	// there.
	at := 0.0
	for _, s := range sets {
		if !s.own {
			at = max(at, b.width(s.value[len(s.value)-1])+2)
		}
	}
	for _, s := range sets {
		if !s.own && at+b.width(s.cond) > b.avail {
			at = 0
		}
	}
	var out []string
	for _, s := range sets {
		out = append(out, s.value...)
		last := &out[len(out)-1]
		switch {
		case s.own:
			out = append(out, strings.Repeat(" ", col+2)+s.cond)
		case at > 0:
			*last += strings.Repeat(" ", int(at-b.width(*last))) + s.cond
		default:
			*last += "  " + s.cond
		}
	}
	return out
}

// texCases sets a piecewise piece in LaTeX as one line of the alignment,
// a cases environment with a row on each line of the source:
//
//	\begin{cases}
//	\log \frac{b_{1} - a_{1}}{\mathrm{B}(a, b)} + (a - 1) \psi(a) \\
//	\quad {} - (a + b - 2) \psi(a + b) & \text{if }a_{1} \leq 0\text{ and }1 \leq b_{1} \\
//	\infty & \text{otherwise}
//	\end{cases}
//
// A value too wide for the column beside the conditions goes on rows of
// its own without a condition, its continuations a \quad in, and its
// condition beside its last row. When the values cannot fit beside the
// conditions, each condition but the last ("otherwise") goes on a row of
// its own under its value, in the value's column. The LaTeX reader reads
// a row without & as going on in the row below it.
func texCases(b breaker, lead string, pc expr.Piece, end string) []string {
	set := func(own bool) (line string, fits bool) {
		last := len(pc.Cases) - 1
		condW := 0.0
		for i, c := range pc.Cases {
			if !own || i == last {
				condW = max(condW, b.width(c.Cond))
			}
		}
		// What the row sets around the environment on its lines: the
		// lead, a sign or a \frac's bar before it, a scale after it.
		around := lead + strings.TrimSuffix(pc.Open, texCasesOpen) + strings.TrimPrefix(pc.Close, texCasesClose) + end
		sub := b
		sub.avail = b.avail - b.width(around) - casesBrace - casesQuad - condW
		// {} makes the sign that follows binary, as it is in the
		// value unbroken, though it starts a cell of the array.
		sub.indent = func(level int) string { return strings.Repeat(`\quad `, level) + "{} " }
		var rows []string
		fits = true
		for i, c := range pc.Cases {
			ls := sub.lines("", c.Value)
			beside := !own || i == last
			if !beside {
				ls = append(ls, `\quad `+c.Cond)
			}
			fits = fits && sub.widest(ls) <= sub.avail
			if beside {
				ls[len(ls)-1] += pc.CondSep + c.Cond
			}
			rows = append(rows, ls...)
		}
		return lead + pc.Open + "\n" + strings.Join(rows, " \\\\\n") + "\n" + pc.Close + end, fits
	}
	line, fits := set(false)
	if !fits {
		// Conditions on rows of their own; of two layouts that do not
		// fit, the narrower.
		if own, ok := set(true); ok || b.width(own) < b.width(line) {
			line = own
		}
	}
	return []string{line}
}

// How the LaTeX printer opens and closes a cases environment.
const (
	texCasesOpen  = `\begin{cases}`
	texCasesClose = `\end{cases}`
)

// The brace of a cases environment with the space after it, and the
// \quad between its columns, in em.
const (
	casesBrace = 1.0
	casesQuad  = 1.0
)

// widest is the width of the widest of lines, as b measures them.
func (b breaker) widest(lines []string) float64 {
	w := 0.0
	for _, l := range lines {
		w = max(w, b.width(l))
	}
	return w
}
