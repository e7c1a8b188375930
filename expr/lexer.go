package expr

import (
	"io"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// klLexer is the one token table of the .kl language, written out by
// hand as participle's lexer.Definition. The same table as regular
// expressions (participle's lexer.MustSimple) cost more to compile than
// the rest of a short run's parsing; a test checks this lexer against
// those expressions, token for token. The rules, tried in this order:
//
//	Comment  #[^\n]*
//	Newline  \n
//	Space    [ \t\r]+
//	Number   \d+(\.\d+)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?
//	Ident    [\p{L}][\p{L}\p{N}_]*(\{[\p{L}\p{N}]+\})?
//	Punct    \|\||\.\.|>=|<=|!=|[-+*/^(),;=~\[\]'<>:|]
type klLexer struct{}

// The token types, numbered from lexer.EOF down in the order of the
// rules, as participle numbers a table's rules.
const (
	tokComment = lexer.EOF - 1 - iota
	tokNewline
	tokSpace
	tokNumber
	tokIdent
	tokPunct
)

// Symbols implements lexer.Definition.
func (klLexer) Symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Comment": tokComment, "Newline": tokNewline, "Space": tokSpace,
		"Number": tokNumber, "Ident": tokIdent, "Punct": tokPunct,
	}
}

// Lex implements lexer.Definition.
func (d klLexer) Lex(filename string, r io.Reader) (lexer.Lexer, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	return d.LexString(filename, string(b))
}

// LexString implements lexer.StringDefinition, participle's fast path.
func (klLexer) LexString(filename, src string) (lexer.Lexer, error) {
	return &klScanner{rest: src, pos: lexer.Position{Filename: filename, Line: 1, Column: 1}}, nil
}

// klScanner reads the tokens of one source.
type klScanner struct {
	rest string
	pos  lexer.Position
}

// Next implements lexer.Lexer.
func (s *klScanner) Next() (lexer.Token, error) {
	if s.rest == "" {
		return lexer.EOFToken(s.pos), nil
	}
	typ, n := scanToken(s.rest)
	if n == 0 {
		r, _ := utf8.DecodeRuneInString(s.rest)
		return lexer.Token{}, &lexer.Error{Msg: `unexpected character "` + escapeRune(r) + `"`, Pos: s.pos}
	}
	t := lexer.Token{Type: typ, Value: s.rest[:n], Pos: s.pos}
	s.pos.Advance(t.Value)
	s.rest = s.rest[n:]
	return t, nil
}

// scanToken is the type and length of the token src starts with; the
// length is 0 if no rule matches.
func scanToken(src string) (lexer.TokenType, int) {
	switch c := src[0]; {
	case c == '#':
		n := 1
		for n < len(src) && src[n] != '\n' {
			n++
		}
		return tokComment, n
	case c == '\n':
		return tokNewline, 1
	case c == ' ' || c == '\t' || c == '\r':
		n := 1
		for n < len(src) && (src[n] == ' ' || src[n] == '\t' || src[n] == '\r') {
			n++
		}
		return tokSpace, n
	case isDigit(c), c == '.' && len(src) > 1 && isDigit(src[1]):
		return tokNumber, scanNumber(src)
	case c >= utf8.RuneSelf || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
		if n := scanIdent(src); n > 0 {
			return tokIdent, n
		}
		return tokPunct, 0
	}
	if len(src) > 1 {
		switch src[:2] {
		case "||", "..", ">=", "<=", "!=":
			return tokPunct, 2
		}
	}
	switch src[0] {
	case '-', '+', '*', '/', '^', '(', ')', ',', ';', '=', '~', '[', ']', '\'', '<', '>', ':', '|':
		return tokPunct, 1
	}
	return tokPunct, 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// digits is the length of the run of ASCII digits src starts with.
func digits(src string) int {
	n := 0
	for n < len(src) && isDigit(src[n]) {
		n++
	}
	return n
}

// scanNumber is the length of the number src starts with: digits with
// an optional fraction, or a fraction alone, then an optional exponent.
// A part that is not complete (1., 2e) is not taken.
func scanNumber(src string) int {
	n := digits(src)
	if n < len(src) && src[n] == '.' {
		if f := digits(src[n+1:]); f > 0 {
			n += 1 + f
		}
	}
	if n < len(src) && (src[n] == 'e' || src[n] == 'E') {
		m := n + 1
		if m < len(src) && (src[m] == '+' || src[m] == '-') {
			m++
		}
		if e := digits(src[m:]); e > 0 {
			n = m + e
		}
	}
	return n
}

// scanIdent is the length of the name src starts with: a letter, then
// letters, digits of any script and underscores, then optionally one
// group of letters and digits in braces (sigma_{12}); 0 if src does not
// start with a letter.
func scanIdent(src string) int {
	r, n := utf8.DecodeRuneInString(src)
	if !unicode.IsLetter(r) {
		return 0
	}
	for n < len(src) {
		r, w := utf8.DecodeRuneInString(src[n:])
		if !unicode.IsLetter(r) && !unicode.IsNumber(r) && r != '_' {
			break
		}
		n += w
	}
	if n < len(src) && src[n] == '{' {
		m := n + 1
		for m < len(src) {
			r, w := utf8.DecodeRuneInString(src[m:])
			if !unicode.IsLetter(r) && !unicode.IsNumber(r) {
				break
			}
			m += w
		}
		if m > n+1 && m < len(src) && src[m] == '}' {
			n = m + 1
		}
	}
	return n
}
