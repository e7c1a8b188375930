package check

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// In a document without headings, or before its first one, a condition
// or special case stated after the derivation has begun ("Let $\mu_2 =
// 0$. Then …", "For $a > 0$ …") is not the preamble's setup: a reader
// takes it for the case of the lines that follow it, not of the rest of
// the document. Its scope is its paragraph group: the paragraph that
// states it (to a blank line), then each following paragraph that
// carries the argument on, and no further. A paragraph carries it on
// when it begins in lower case ("where …", "so that …"), or with display
// math that continues a chain (it begins with a relation, `= …`, or has
// none), that is the first display chain after the statement, or that
// words in lower case lead into. A paragraph of fresh prose (a capital,
// a mark: anything but a sentence's continuation) or a second display
// chain with its own left side, with no words between it and the
// display before, ends the group. Ending a case too early can only judge a line in
// general that was meant in the case, a false alarm; ending it too late
// judges a general line in the case only, where a false claim that
// happens to hold there would pass: so the group ends at the first sign
// of a new start.

// afterClaim reports whether math that claims something stands before
// off: a relation that is no condition, support, remark or special case,
// outside the sentences that define the densities.
func (s *Source) afterClaim(off int, densities map[int]bool) bool {
	for i, b := range s.Math {
		if b.start >= off {
			break
		}
		if b.Hypothesis || b.Domain || b.Support || b.Remark || b.Specialises || b.Unclosed || densities[i] {
			continue
		}
		if relational.MatchString(b.Src) && !definesOnly.MatchString(b.Src) {
			return true
		}
	}
	return false
}

// definesOnly matches math that reads as a definition, not a claim: a
// density or function of one letter at its arguments on the left
// (p(x) = …, q(z \mid x) = …; not H, D, E, I or L, the letters of
// entropies, divergences, expectations, information and losses), a
// distribution (X \sim …), or a defining relation (:=, \coloneqq,
// \triangleq, \equiv).
var definesOnly = lazy(`^\s*(?:[A-CF-GJ-KM-Za-z](?:_\{?\w+\}?)?\s*(?:\\left)?\([^()=]*\)\s*=[^=]*$|[^=]*(?:\\sim\b|:=|\\coloneqq|\\triangleq|\\equiv))`)

// paragraphGroupEnd is where the paragraph group of a statement at off
// ends (see above).
func (s *Source) paragraphGroupEnd(off int) int {
	end := s.paragraphEnd(off)
	chain := s.displayChainIn(off, end)
	for end < len(s.Text) {
		next := end
		for next < len(s.Text) && unicode.IsSpace(rune(s.Text[next])) {
			next++
		}
		if next >= len(s.Text) {
			return len(s.Text)
		}
		if i, ok := s.displayAt(next); ok {
			if chain && s.Math[i].Glued && ownLeftSide(s.Math[i].Src) {
				return next
			}
		} else if r, _ := utf8.DecodeRuneInString(s.Text[next:]); !unicode.IsLower(r) {
			return next
		}
		end = s.paragraphEnd(next)
		chain = chain || s.displayChainIn(next, end)
	}
	return len(s.Text)
}

// paragraphEnd is where the paragraph holding off ends: at the first
// blank line after it outside math, or at the end of the text.
func (s *Source) paragraphEnd(off int) int {
	from := off
	for from < len(s.Text) {
		m := blankLine.FindStringIndex(s.Text[from:])
		if m == nil {
			return len(s.Text)
		}
		at := from + m[0]
		if i, ok := s.mathHolding(at); ok {
			from = max(at+1, s.Math[i].end)
			continue
		}
		return at
	}
	return len(s.Text)
}

// mathHolding is the math block whose delimited range holds off.
func (s *Source) mathHolding(off int) (int, bool) {
	i := sort.Search(len(s.Math), func(i int) bool { return s.Math[i].start > off }) - 1
	for ; i >= 0; i-- {
		if s.Math[i].end > off {
			return i, true
		}
		if !s.Math[i].Remark {
			break // only a remark lies inside other math: blocks before this one end before it
		}
	}
	return -1, false
}

// displayAt is the display math block that starts at off.
func (s *Source) displayAt(off int) (int, bool) {
	i := sort.Search(len(s.Math), func(i int) bool { return s.Math[i].start >= off })
	if i < len(s.Math) && s.Math[i].start == off && s.Math[i].Display {
		return i, true
	}
	return -1, false
}

// displayChainIn reports whether display math with a relation starts in
// [from, to).
func (s *Source) displayChainIn(from, to int) bool {
	i := sort.Search(len(s.Math), func(i int) bool { return s.Math[i].start >= from })
	for ; i < len(s.Math) && s.Math[i].start < to; i++ {
		if b := s.Math[i]; b.Display && !b.Remark && relational.MatchString(b.Src) {
			return true
		}
	}
	return false
}

// ownLeftSide reports whether display math starts a chain of its own: it
// holds a relation and does not begin with one (`= …`, `&\le …`).
func ownLeftSide(src string) bool {
	loc := relational.FindStringIndex(src)
	if loc == nil {
		return false
	}
	return strings.Trim(src[:loc[0]], " \t\n&") != ""
}
