package check

import "strings"

// A condition can say where the quantity of a document exists: "the KL
// divergence only exists if $a_2 \leq a_1$ and $b_1 \leq b_2$"
// (StatProofBook's cuni-kl). It is no case of a part of the argument but
// the domain of the theorem and of every line that computes the
// quantity, which a careful reader carries into "if this requirement is
// fulfilled" and back to the theorem stated without it: so it holds for
// the whole document, and each link judged under it says so.

// existsOnly matches the words that make what follows "if" the domain of
// a quantity: "only exists, if", "is only defined if", "exists only
// when", "is finite only if".
var existsOnly = lazy(`(?i)\b(?:only\s+(?:exists?|defined|finite)|(?:exists?|defined|finite)\s+only)\s*,?\s+(?:if|when)\s+$`)

// inlineMath is a piece of inline math in prose, $…$.
var inlineMath = lazy(`\$[^$]*\$`)

// statesExistence reports whether math block i is one of the conditions
// of an existence phrase in its sentence: the phrase, then only
// conditions joined by "and" or commas up to the block.
func (s *Source) statesExistence(i int) bool {
	b := s.Math[i]
	if b.Display {
		return false
	}
	before := s.sentenceBefore(b.start)
	// Back over the conditions before this one, "$a_2 \leq a_1$ and ".
	for !existsOnly.MatchString(before) {
		t := strings.TrimRight(before, " \t\n,")
		t = strings.TrimRight(strings.TrimSuffix(t, " and"), " \t\n,")
		m := inlineMath.FindAllStringIndex(t, -1)
		if len(m) == 0 || m[len(m)-1][1] != len(t) {
			return false
		}
		before = t[:m[len(m)-1][0]]
	}
	return true
}

// sentenceBefore is the prose of the sentence that math starting at
// start stands in, up to it, within the window that is read.
func (s *Source) sentenceBefore(start int) string {
	before := window(s.Text[:start])
	if ends := sentenceEnd.FindAllStringIndex(before, -1); len(ends) > 0 {
		before = before[ends[len(ends)-1][1]:]
	}
	return before
}

// boundInReason reports whether math block i is a relation bound by a
// quantifier inside a reason: "because $p(x) = 0$ for any $x < a_1$ and
// any $x > b_1$" says where p vanishes, and restricts nothing that
// follows.
func (s *Source) boundInReason(i int) bool {
	b := s.Math[i]
	if b.Display {
		return false
	}
	before := s.sentenceBefore(b.start)
	switch lastWord(before) {
	case "any", "all", "every", "each":
	default:
		return false
	}
	return becauseWord.MatchString(inlineMath.re().ReplaceAllString(before, " "))
}

// becauseWord opens a reason.
var becauseWord = lazy(`(?i)\b(?:because|since)\b`)
