package expr

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Pos is a place in a source file; Line and Col count from 1.
type Pos struct {
	File      string
	Line, Col int
}

func (p Pos) String() string {
	f := p.File
	if f == "" {
		f = "<input>"
	}
	return fmt.Sprintf("%s:%d:%d", f, p.Line, p.Col)
}

// Error is an input error at a position. Its one-line form is
// "file:line:col: message"; Pretty adds the source line and a caret.
type Error struct {
	Pos Pos
	Msg string
}

func (e *Error) Error() string { return e.Pos.String() + ": " + e.Msg }

// Errorf builds an Error at pos.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Pretty renders the error with the offending source line and a caret
// under the column, as users of compilers expect.
func (e *Error) Pretty(src string) string {
	lines := strings.Split(src, "\n")
	if e.Pos.Line < 1 || e.Pos.Line > len(lines) {
		return e.Error()
	}
	line := strings.TrimRight(lines[e.Pos.Line-1], "\r")
	col := e.Pos.Col
	if n := utf8.RuneCountInString(line); col > n+1 {
		col = n + 1
	}
	if col < 1 {
		col = 1
	}
	// Keep tabs so the caret lines up under the same glyph.
	var pad strings.Builder
	for i, r := range []rune(line) {
		if i >= col-1 {
			break
		}
		if r == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteByte(' ')
		}
	}
	return e.Error() + "\n" + line + "\n" + pad.String() + "^"
}
