package latex

import (
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// texRelOps are the comparisons a condition of a cases environment may
// make, as ChainPart spells them, with their spelling in expr.Rel.
var texRelOps = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{"<": "<", ">": ">", `\leq`: "<=", `\geq`: ">=", `\neq`: "!=", "=": "="}
}}

// cases parses a piecewise expression,
//
//	\begin{cases} f & \text{if } a \leq b \text{ and } c < d \\ g & \text{otherwise} \end{cases}
//
// once \begin{cases} is read: each row a value, &, then \text{if} (or
// nothing) and comparisons joined by \text{and} or commas; the last row
// \text{otherwise}, or a second row whose condition is the first's
// complement. The environment is cut into its cells first, at its
// own & and \\ and at the words, and each cell is parsed by itself, so
// that a word ends the expression before it.
//
// A value too long for its row goes on over rows without &, its
// condition on the last,
//
//	\begin{cases} a + b \\ \quad + c & \text{if } x < y \\ \infty & \text{otherwise} \end{cases}
//
// and a condition too long to stand beside its value may have a row of
// its own, without &, under it: a + b \\ \quad \text{if } x < y \\ ...
func (p *texParser) cases(begin texTok) (expr.Expr, error) {
	body, err := p.environmentBody(begin, "cases")
	if err != nil {
		return nil, err
	}
	out := &expr.Cases{}
	// Rows and cells are cut outside braces only: a value broken over
	// rows may open a bracket on one row and close it on the next.
	rows := texCutBraces(body, func(t texTok) bool { return t.is(`\\`) })
	if len(rows) > 1 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	var above []texTok // the start of a value continued from rows above
	for i, row := range rows {
		cells := texCutBraces(row, func(t texTok) bool { return t.is("&") })
		if len(cells) == 1 && i < len(rows)-1 {
			if len(row) > 0 && p.wordsIn(row)[0] == "if" {
				cells = [][]texTok{nil, row}
			} else {
				above = append(above, continued(row, above)...)
				continue
			}
		}
		cells[0] = append(above[:len(above):len(above)], continued(cells[0], above)...)
		above = nil
		if len(cells) != 2 || len(cells[0]) == 0 {
			return nil, p.fail(begin, "each row of cases is a value, &, and its condition")
		}
		v, err := p.sub(cells[0])
		if err != nil {
			return nil, err
		}
		words := p.wordsIn(cells[1])
		cond := cells[1]
		if len(cond) > 0 && words[0] != "" {
			switch strings.TrimRight(words[0], ".,") {
			case "otherwise", "else":
				if i != len(rows)-1 || len(out.Cases) == 0 {
					return nil, p.fail(cond[0], "\\text{otherwise} is the last row of cases, after a row with a condition")
				}
				out.Else = v
				return out, nil
			case "if":
				cond = cond[texWordLen(cond):]
			default:
				return nil, p.fail(cond[0], "expected \\text{if} or \\text{otherwise} in a row of cases, not \\text{%s}", words[0])
			}
		}
		c := expr.Case{Then: v}
		parts := texCut(cond, func(t texTok) bool { return t.is(",") })
		var split [][]texTok
		for j, part := range parts {
			if len(part) == 0 && j == len(parts)-1 && j > 0 {
				break // a comma ends the condition
			}
			split = append(split, p.cutAtAnd(part)...)
		}
		for _, cmp := range split {
			rs, err := p.comparison(cmp, begin)
			if err != nil {
				return nil, err
			}
			c.When = append(c.When, rs...)
		}
		out.Cases = append(out.Cases, c)
	}
	if len(out.Cases) == 2 && complementary(out.Cases[0].When, out.Cases[1].When) {
		// f & x \geq 0 \\ 0 & x < 0: the second condition is the first's
		// complement, so its value is the value otherwise.
		out.Else, out.Cases = out.Cases[1].Then, out.Cases[:1]
		return out, nil
	}
	return nil, p.fail(begin, "a cases environment ends with a row \\text{otherwise}")
}

// complementary reports whether two conditions, one comparison each,
// hold exactly where the other does not: x \geq 0 and x < 0, or 0 < x
// and x \leq 0.
func complementary(a, b []*expr.Rel) bool {
	if len(a) != 1 || len(b) != 1 {
		return false
	}
	negated := map[string]string{"<": ">=", "<=": ">", ">": "<=", ">=": "<"}
	flipped := map[string]string{"<": ">", "<=": ">=", ">": "<", ">=": "<="}
	x, y := a[0], b[0]
	if negated[x.Op] == "" || negated[y.Op] == "" {
		return false
	}
	return negated[x.Op] == y.Op && expr.Equal(x.L, y.L) && expr.Equal(x.R, y.R) ||
		negated[x.Op] == flipped[y.Op] && expr.Equal(x.L, y.R) && expr.Equal(x.R, y.L)
}

// continued is the value cell of a row that goes on from the rows above
// without the empty group that makes its leading sign binary in an
// array's cell (\quad {} + c): read after the rows above, the sign is.
func continued(cell, above []texTok) []texTok {
	if len(above) > 0 && len(cell) >= 2 && cell[0].is("{") && cell[1].is("}") {
		return cell[2:]
	}
	return cell
}

// environmentBody reads up to the \end{name} that closes the environment
// just begun, and returns the tokens between.
func (p *texParser) environmentBody(begin texTok, name string) ([]texTok, error) {
	start, depth := p.i, 0
	for ; p.toks[p.i].kind != texEOF; p.i++ {
		t := p.toks[p.i]
		switch {
		case t.is(`\begin`):
			depth++
		case t.is(`\end`) && depth > 0:
			depth--
		case t.is(`\end`):
			body := p.toks[start:p.i:p.i]
			e := p.next()
			raw, err := p.rawArg(e)
			if err != nil {
				return nil, err
			}
			if strings.TrimSpace(raw) != name {
				return nil, p.fail(e, "\\end{%s} does not close \\begin{%s}", strings.TrimSpace(raw), name)
			}
			return body, nil
		}
	}
	return nil, p.fail(begin, "\\begin{%s} is never ended", name)
}

// texCut cuts tokens at the separators outside braces, brackets and
// inner environments.
func texCut(toks []texTok, sep func(texTok) bool) [][]texTok {
	return cutOutside(toks, sep, true)
}

// texCutBraces cuts tokens at the separators outside braces and inner
// environments, inside brackets too.
func texCutBraces(toks []texTok, sep func(texTok) bool) [][]texTok {
	return cutOutside(toks, sep, false)
}

func cutOutside(toks []texTok, sep func(texTok) bool, brackets bool) [][]texTok {
	var out [][]texTok
	depth, start := 0, 0
	for i, t := range toks {
		switch {
		case t.is("{") || t.is(`\begin`) || brackets && (t.is("(") || t.is("[")):
			depth++
		case t.is("}") || t.is(`\end`) || brackets && (t.is(")") || t.is("]")):
			depth--
		case depth == 0 && sep(t):
			out = append(out, toks[start:i:i])
			start = i + 1
		}
	}
	return append(out, toks[start:len(toks):len(toks)])
}

// wordsIn is, for each token, the words of the \text{...} (or
// \mathrm{...}) it starts, trimmed, or "".
func (p *texParser) wordsIn(toks []texTok) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		if (t.is(`\text`) || t.is(`\mathrm`)) && i+1 < len(toks) && toks[i+1].is("{") {
			if end := texGroupEnd(toks, i+1); end > 0 {
				out[i] = strings.TrimSpace(p.src[toks[i+1].end:toks[end].off])
			}
		}
	}
	return out
}

// texGroupEnd is the index of the } that closes the { at toks[open], or
// -1.
func texGroupEnd(toks []texTok, open int) int {
	depth := 0
	for i := open; i < len(toks); i++ {
		switch {
		case toks[i].is("{"):
			depth++
		case toks[i].is("}"):
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}

// texWordLen is the number of tokens of the \text{...} at toks[0].
func texWordLen(toks []texTok) int { return texGroupEnd(toks, 1) + 1 }

// cutAtAnd cuts a condition at each \text{and}.
func (p *texParser) cutAtAnd(toks []texTok) [][]texTok {
	words := p.wordsIn(toks)
	var out [][]texTok
	start := 0
	for i := 0; i < len(toks); i++ {
		if words[i] == "and" {
			out = append(out, toks[start:i:i])
			i += texWordLen(toks[i:]) - 1
			start = i + 1
		}
	}
	return append(out, toks[start:])
}

// comparison parses one condition of a case, a \leq b, or a chain of
// them, 0 \leq x \leq 1, which is each of its links.
func (p *texParser) comparison(toks []texTok, begin texTok) ([]*expr.Rel, error) {
	for len(toks) > 0 && (toks[len(toks)-1].is(".") || toks[len(toks)-1].is(",")) {
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return nil, p.fail(begin, "a condition of cases is empty")
	}
	segs := texSplit(toks)
	if len(segs) < 2 {
		return nil, p.fail(toks[0], "expected a comparison (<, >, \\leq, \\geq, = or \\neq) as a condition")
	}
	sides := make([]expr.Expr, len(segs))
	for i, sg := range segs {
		if len(sg.toks) == 0 || i > 0 && texRelOps.Get()[sg.op] == "" {
			return nil, p.fail(toks[0], "expected a comparison (<, >, \\leq, \\geq, = or \\neq) as a condition")
		}
		x, err := p.sub(sg.toks)
		if err != nil {
			return nil, err
		}
		sides[i] = x
	}
	var out []*expr.Rel
	for i := 1; i < len(segs); i++ {
		out = append(out, &expr.Rel{Op: texRelOps.Get()[segs[i].op], L: sides[i-1], R: sides[i]})
	}
	return out, nil
}

// sub parses a cell of an environment as one expression, in the context
// of the enclosing parser.
func (p *texParser) sub(toks []texTok) (expr.Expr, error) {
	if len(toks) == 0 {
		return nil, p.fail(p.peek(), "an empty cell")
	}
	q := newTexParser(p.src, p.opt, toks, nil)
	q.depth, q.bound = p.depth, p.bound
	x, err := q.sum()
	if err != nil {
		return nil, err
	}
	for q.peek().is(".") || q.peek().is(",") {
		q.next()
	}
	if q.peek().kind != texEOF {
		return nil, q.unexpected(q.peek())
	}
	return x, nil
}
