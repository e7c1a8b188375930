package expr

import (
	"fmt"
	"strings"
	"unicode"
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
// under the column, as users of compilers expect. The source is echoed
// safely: control characters (an ESC would drive the terminal) are
// escaped as \x1b, and a line longer than maxShown columns is cut around
// the caret with an ellipsis; the caret stays under its character.
func (e *Error) Pretty(src string) string {
	head := Escape(e.Error())
	lines := strings.Split(src, "\n")
	if e.Pos.Line < 1 || e.Pos.Line > len(lines) {
		return head
	}
	line := strings.TrimRight(lines[e.Pos.Line-1], "\r")
	runes := []rune(line)
	col := min(max(e.Pos.Col, 1), len(runes)+1)
	// Each character is shown as itself or escaped; keep tabs so that
	// the caret lines up under the same glyph.
	shown := make([]string, len(runes))
	for i, r := range runes {
		shown[i] = escapeRune(r)
	}
	from, to := window(shown, col-1)
	var text, pad strings.Builder
	if from > 0 {
		text.WriteString("…")
		pad.WriteByte(' ')
	}
	for i := from; i < to; i++ {
		text.WriteString(shown[i])
		if i >= col-1 {
			continue
		}
		if runes[i] == '\t' {
			pad.WriteByte('\t')
		} else {
			pad.WriteString(strings.Repeat(" ", utf8.RuneCountInString(shown[i])))
		}
	}
	if to < len(runes) {
		text.WriteString("…")
	}
	return head + "\n" + text.String() + "\n" + pad.String() + "^"
}

// maxShown is the widest source line an error shows whole.
const maxShown = 200

// window chooses the characters [from, to) of a line to show: all of a
// short line, else at most maxShown columns with the caret at at, a
// third of the way in where the line allows.
func window(shown []string, at int) (from, to int) {
	width := func(i int) int { return utf8.RuneCountInString(shown[i]) }
	total := 0
	for i := range shown {
		total += width(i)
	}
	if total <= maxShown {
		return 0, len(shown)
	}
	from, to = min(at, len(shown)), min(at, len(shown))
	used := 0
	for from > 0 && used+width(from-1) <= maxShown/3 {
		from--
		used += width(from)
	}
	for to < len(shown) && used+width(to) <= maxShown {
		used += width(to)
		to++
	}
	for from > 0 && used+width(from-1) <= maxShown {
		from--
		used += width(from)
	}
	return from, to
}

// Escape writes the control characters of s (C0 but tab, DEL, C1, and
// the invisible format and separator characters that can reorder or
// break a line) as Go escapes, so that a message echoes input safely.
func Escape(s string) string {
	var b strings.Builder
	for i, r := range s {
		if r == utf8.RuneError {
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i])
				continue
			}
		}
		b.WriteString(escapeRune(r))
	}
	return b.String()
}

func escapeRune(r rune) string {
	switch {
	case r == '\t':
		return "\t"
	case r < 0x20 || r == 0x7f:
		return fmt.Sprintf(`\x%02x`, r)
	case r >= 0x80 && r <= 0x9f, r == utf8.RuneError, unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp):
		return fmt.Sprintf(`\u%04x`, r)
	}
	return string(r)
}
