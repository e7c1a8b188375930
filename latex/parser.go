package latex

import (
	"fmt"
	"github.com/klderive/klderive/expr"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the state of the LaTeX parser and its cursor: reading
// and looking ahead at tokens, errors, the state a bracket resets, the
// bound on nesting, and rewinding.

// texParser reads one part. Its state says how the current position
// ends a product: inside |...|, a | closes; in an integral's body, a
// differential; in a density's arguments, | separates.
type texParser struct {
	src   string
	opt   Options
	toks  []texTok  // ends with an EOF token
	undo  []texUndo // number tokens that digit split, for rewind
	match []int     // index of the matching closer of each { ( [, or -1
	comma []bool    // whether a ( holds a , or ; at its own level
	i     int
	depth int
	abs   int      // open |...| since the last bracket
	inInt bool     // in an integral's body
	bar   bool     // | separates arguments
	bound []string // indices of the enclosing \sum and \prod
	// read are subscripts read before the superscript they follow
	// (\mu^2_i), by where they start, with where they end.
	read map[int]int
}

// newTexParser makes the parser of toks, a part. The parser, its
// tokens, with an EOF after them, and its tables are in the buffers of s
// when s is not nil (the parser of a whole part), or in buffers of its
// own (the parser of a cell, made while the part's parser uses s).
func newTexParser(src string, opt Options, toks []texTok, s *texScratch) *texParser {
	if s == nil {
		s = new(texScratch)
	}
	end := toks[len(toks)-1]
	eof := texTok{kind: texEOF, off: end.end, end: end.end, line: end.line,
		col: end.col + int32(utf8.RuneCountInString(src[end.off:end.end]))}
	s.part = append(append(s.part[:0], toks...), eof)
	s.parser = texParser{src: src, opt: opt, toks: s.part}
	p := &s.parser
	s.match = resize(s.match, len(p.toks))
	s.comma = resize(s.comma, len(p.toks))
	p.match, p.comma = s.match, s.comma
	braces, parens := s.braces[:0], s.parens[:0]
	for i, t := range p.toks {
		p.comma[i] = false
		p.match[i] = -1
		switch {
		case t.is("{"):
			braces = append(braces, i)
		case t.is("}") && len(braces) > 0:
			p.match[braces[len(braces)-1]] = i
			braces = braces[:len(braces)-1]
		case t.is("(") || t.is("["):
			parens = append(parens, i)
		case (t.is(")") || t.is("]")) && len(parens) > 0:
			if o := parens[len(parens)-1]; p.toks[o].is("(") == t.is(")") {
				p.match[o] = i
				parens = parens[:len(parens)-1]
			}
		case (t.is(",") || t.is(";")) && len(parens) > 0:
			p.comma[parens[len(parens)-1]] = true
		}
	}
	s.braces, s.parens = braces, parens
	return p
}

// resize returns buf with length n, reusing its array when it is large
// enough; the caller sets every element.
func resize[T any](buf []T, n int) []T {
	if cap(buf) < n {
		return make([]T, n)
	}
	return buf[:n]
}

func (p *texParser) peek() texTok { return p.toks[p.i] }

func (p *texParser) at(k int) texTok {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return p.toks[len(p.toks)-1]
}

func (p *texParser) next() texTok {
	t := p.toks[p.i]
	if t.kind != texEOF {
		p.i++
	}
	return t
}

func (p *texParser) fail(t texTok, format string, args ...any) error {
	return expr.Errorf(t.at(p.opt.File), format, args...)
}

// texDescribe names a token for an error message.
func texDescribe(t texTok) string {
	if t.kind == texEOF {
		return "the end of the math"
	}
	return texQuote(t.text)
}

// texQuote quotes LaTeX for a message without doubling its backslashes.
func texQuote(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return fmt.Sprintf("%q", s)
		}
	}
	return `"` + s + `"`
}

func (p *texParser) unexpected(t texTok) error {
	if t.kind == texCmd && !texKnown.Get()[t.text] {
		return p.fail(t, "unsupported LaTeX command %s", t.text)
	}
	return p.fail(t, "unexpected %s", texDescribe(t))
}

func (p *texParser) expect(s string) (texTok, error) {
	t := p.peek()
	if !t.is(s) {
		return t, p.fail(t, "expected %s but found %s", texQuote(s), texDescribe(t))
	}
	return p.next(), nil
}

// texState is the part of the parser's state that brackets reset.
type texState struct {
	abs   int
	inInt bool
	bar   bool
}

// inside runs f with the state a fresh bracket gives, then restores it.
func (p *texParser) inside(f func() (expr.Expr, error)) (expr.Expr, error) {
	saved := texState{p.abs, p.inInt, p.bar}
	p.abs, p.inInt, p.bar = 0, false, false
	x, err := f()
	p.abs, p.inInt, p.bar = saved.abs, saved.inInt, saved.bar
	return x, err
}

// deeper bounds the recursion of the parser, which every nesting passes
// through sum or primary; a deeper input would overflow the stack. The
// caller decrements depth when deeper succeeds.
func (p *texParser) deeper() error {
	p.depth++
	if p.depth > expr.MaxDepth {
		p.depth--
		return p.fail(p.peek(), "expression nested too deeply (more than %d levels)", expr.MaxDepth)
	}
	return nil
}

// texUndo is a token as it was before digit split it.
type texUndo struct {
	i   int
	tok texTok
}

// rewind moves back to save, undoing the splitting of number tokens.
func (p *texParser) rewind(save int) {
	for len(p.undo) > 0 && p.undo[len(p.undo)-1].i >= save {
		u := p.undo[len(p.undo)-1]
		p.toks[u.i] = u.tok
		p.undo = p.undo[:len(p.undo)-1]
	}
	p.i = save
}

// wordAt returns the raw word of a group or token at i without moving.
func (p *texParser) wordAt(i int) string {
	t := p.toks[i]
	if t.is("{") && p.match[i] > i {
		return strings.TrimSpace(p.src[t.end:p.toks[p.match[i]].off])
	}
	return t.text
}

// scriptEnd returns the index after the sub- or superscript at i.
func (p *texParser) scriptEnd(i int) int {
	t := p.toks[i]
	switch {
	case t.kind == texEOF:
		return i
	case t.is("{") && p.match[i] > i:
		return p.match[i] + 1
	case t.kind == texCmd && p.toks[i+1].is("{") && p.match[i+1] > i:
		return p.match[i+1] + 1 // \mathrm{T}, \mathbb{R}
	}
	return i + 1
}

// scriptText is the script at i as written, without braces, when short.
func (p *texParser) scriptText(i int) (string, int) {
	end := p.scriptEnd(i)
	if end-i > 12 {
		return "…", end
	}
	var b strings.Builder
	for _, t := range p.toks[i:end] {
		if !t.is("{") && !t.is("}") {
			b.WriteString(t.text)
		}
	}
	return b.String(), end
}
