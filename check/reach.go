package check

import "sort"

// How far a condition reaches: the rules of scope.go applied to a
// statement at an offset, and the words of a sentence that widen or
// narrow it ("throughout", "in this section", "In general").

// reach is where a statement at off stops applying by the rules of
// scope.go, given the end of the innermost unit holding it (or -1), the
// general sentences, whether it is stated with the densities and what
// its sentence says of its reach (densities: the blocks that define
// the densities); preamble reports that it stands as
// the preamble's statements do.
func (s *Source) reach(off, unitEnd int, general []int, withDensity bool, said stated, densities map[int]bool) (end int, preamble bool) {
	end = len(s.Text)
	preamble = unitEnd < 0 && s.outline.beforeFirstHead(off) && said != saysPart || said == saysThroughout
	switch {
	case withDensity:
		return end, preamble
	case preamble && said != saysThroughout && s.afterClaim(off, densities):
		// Stated once the derivation has begun: a case of the lines
		// that follow it (paragraph.go), not the setup.
		return generalAfter(general, off, s.paragraphGroupEnd(off)), false
	case unitEnd >= 0:
		end = min(unitEnd, s.outline.headAfter(off, len(s.Text)))
	case !preamble:
		end = s.outline.headAfter(off, len(s.Text))
	}
	return generalAfter(general, off, end), preamble
}

// generalAfter cuts end at the first general sentence after off.
func generalAfter(general []int, off, end int) int {
	if i := sort.SearchInts(general, off+1); i < len(general) {
		end = min(end, general[i])
	}
	return end
}

// throughoutWords, in the sentence that states a condition, make it a
// standing assumption wherever it stands: "We assume $a > 0$
// throughout", "from now on", "in what follows", "henceforth"; partWords
// keep it to its part of the document, even in the preamble: "in this
// section", "for the rest of this section", "throughout the proof".
var (
	throughoutWords = lazy(`(?i)\b(?:throughout|henceforth|from\s+now\s+on|in\s+what\s+follows|for\s+the\s+rest\s+of)\b`)
	partWords       = lazy(`(?i)\b(?:this|the\s+present|the\s+current|the)\s+(?:section|subsection|chapter|part|proof|lemma|example|paragraph|derivation|remark|exercise|step)\b`)
)

// stated is what the sentence of a condition says of its reach.
type stated int

const (
	saysNothing    stated = iota
	saysThroughout        // from there on, wherever it stands
	saysPart              // in this part only
)

// statedReach reads the sentence that opens at opens and states math
// block i, from its start to its end after the math, for what it says
// of the condition's reach.
func statedReach(s *Source, i, opens int) stated {
	if s.ifMentions("throughout", "henceforth", "from now", "what follows", "rest of", "this", "the present", "the current", "the proof") == "" {
		return saysNothing
	}
	b := s.Math[i]
	end := min(len(s.Text), b.end+lookBack)
	if m := sentenceEnd.FindStringIndex(s.Text[b.end:end]); m != nil {
		end = b.end + m[0]
	}
	sentence := s.Text[opens:end]
	switch {
	case partWords.MatchString(sentence):
		return saysPart
	case throughoutWords.MatchString(sentence):
		return saysThroughout
	}
	return saysNothing
}

// generalWords begin a sentence that states what holds without the
// conditions stated before it; backToGeneral say so anywhere in a
// sentence ("We now return to the general case", "for general $\mu_2$",
// "dropping this assumption").
var (
	generalWords  = lazy(`(?i)(?:^|[.!?:]\s+|\n[ \t]*\n\s*|(?:\$\$|\\\])\s*)((?:more\s+)?generally|in\s+general|in\s+(?:all|every|any)\s+cases?|in\s+the\s+general\s+case|for\s+general\s+parameters)\b`)
	backToGeneral = lazy(`(?i)\b(?:(?:(?:go(?:ing)?|come|coming|turn(?:ing)?)\s+)?(?:back|return(?:ing)?)\s+to\s+(?:the\s+general\s+case|general\s+parameters|the\s+general\s+setting)\b` +
		`|(?:for|with|to|consider(?:ing)?|take|taking|allow(?:ing)?)\s+(?:an?\s+)?(?:general|arbitrary)\s+(?:\$|\\\(|values?\s+of\b|parameters\b|means\b|variances\b)` +
		`|(?:dropping|without|relaxing|lifting|removing)\s+(?:this|that|the|these|those)\s+(?:assumptions?|restrictions?|special\s+cases?)\b|\bin\s+full\s+generality\b)`)
)

// generalSentences are the offsets, in order, of the sentences that
// begin with generalWords and of the words of backToGeneral.
func generalSentences(s *Source) []int {
	text := s.ifMentions("general", "case", "arbitrary", "assumption", "restriction")
	if text == "" {
		return nil
	}
	var out []int
	for _, m := range generalWords.FindAllStringSubmatchIndex(text, maxProseMatches) {
		out = append(out, m[2])
	}
	for _, m := range backToGeneral.FindAllStringIndex(text, maxProseMatches) {
		out = append(out, m[0])
	}
	sort.Ints(out)
	return out
}
