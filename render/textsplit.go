package render

import (
	"strings"

	"github.com/klderive/klderive/expr"
)

// splitText breaks a printed text term that expr left whole (a term with
// no sum of its own at the top, such as log(Γ(a)·x^(a - 1)/B) or
// exp(m)·erf(u - v)) where an author would: before a + or − at its top
// level; else before its factors, each continuation starting with its ·
// or /; else inside the bracket that ends it, at that bracket's + and −,
// its factors, or a bracket further in, whose opening then joins this
// one's: E_{x∼p}[log( … )]. The parts break again the same way. Text is
// the plain reading of a printed term, so this works on the string:
// brackets ( [ { nest, a binary + or − has a space either side (a sign
// has none after it), a factor follows a · or a / at the top. A piece
// with no place to break has no Parts.
func splitText(s string) expr.Piece {
	if parts := cut(s, sumAt); len(parts) > 1 {
		return expr.Piece{Text: s, Parts: splitAll(parts)}
	}
	if parts := cut(s, factorAt); len(parts) > 1 {
		return expr.Piece{Text: s, Parts: splitAll(parts), Tight: true}
	}
	if open := lastBracket(s); open > 0 {
		if pc := splitText(s[open+1 : len(s)-1]); pc.Parts != nil {
			pc.Text, pc.Open, pc.Close = s, s[:open+1]+pc.Open, pc.Close+s[len(s)-1:]
			return pc
		}
	}
	return expr.Piece{Text: s}
}

func splitAll(parts []string) []expr.Piece {
	out := make([]expr.Piece, len(parts))
	for i, p := range parts {
		out[i] = splitText(p)
	}
	return out
}

// sumAt is the length of the separator before a term starting at i of
// s, " + " or " - ": the space before is dropped, the sign starts the
// term (its parts join with a space).
func sumAt(s string, i int) (skip int, ok bool) {
	if i > 0 && (strings.HasPrefix(s[i:], " + ") || strings.HasPrefix(s[i:], " - ")) {
		return 1, true
	}
	return 0, false
}

// factorAt reports a factor starting at i of s: at a ·, or at a /
// before a denominator with a bracket in it, (2·σ²) or sqrt(2·π·v), so
// that 1/2 and x/s stay whole. The operator starts the factor (its parts
// join with no space).
func factorAt(s string, i int) (skip int, ok bool) {
	if i == 0 {
		return 0, false
	}
	if strings.HasPrefix(s[i:], "·") {
		return 0, true
	}
	if s[i] != '/' {
		return 0, false
	}
	den := s[i+1:]
	if parts := cut(den, productAt); len(parts) > 0 {
		den = parts[0]
	}
	return 0, strings.ContainsAny(den, "([")
}

// productAt is where a factor ends at the top level: a · or a /.
func productAt(s string, i int) (int, bool) {
	return 0, i > 0 && (s[i] == '/' || strings.HasPrefix(s[i:], "·"))
}

// cut splits s at the top-level places at reports, dropping the skip
// bytes before each next part.
func cut(s string, at func(s string, i int) (int, bool)) []string {
	var parts []string
	depth, start := 0, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '(', '[', '{':
			depth++
			continue
		case ')', ']', '}':
			depth--
			continue
		}
		if depth != 0 {
			continue
		}
		if skip, ok := at(s, i); ok {
			parts = append(parts, s[start:i])
			start = i + skip
		}
	}
	return append(parts, s[start:])
}

// lastBracket is where the bracket that closes s opens, or -1 when s
// does not end with a closing bracket.
func lastBracket(s string) int {
	if s == "" {
		return -1
	}
	closing := s[len(s)-1]
	if closing != ')' && closing != ']' {
		return -1
	}
	depth := 0
	for i := len(s) - 1; i >= 0; i-- {
		switch s[i] {
		case ')', ']', '}':
			depth++
		case '(', '[', '{':
			depth--
			if depth == 0 {
				return i
			}
		}
	}
	return -1
}
