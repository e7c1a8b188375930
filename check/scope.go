package check

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/klderive/klderive/expr"
)

// A condition a document states ("for $a > 0$", "where $\lambda > 0$",
// "Case 1: $a < b$", "for $x > \mu$"), and a special case it states
// ("let $\mu_2 = 0$"), holds for part of it only, and a link is judged at
// points that satisfy exactly the conditions in scope at the link, with
// the special cases in scope fixed. The scope is read as a careful reader
// reads mathematics:
//
//   - A condition stated in the preamble, before the first section
//     heading and outside any list item or environment, or in the
//     sentence that introduces a density ("Let $p = \mathcal N(\mu,
//     \sigma^2)$ with $\sigma > 0$"), is a standing assumption: it holds
//     from where it is stated to the end of the document; so is one
//     whose sentence says so, wherever it stands ("We assume $a > 0$
//     throughout", "from now on", "in what follows"). One stated in the
//     preamble once the derivation has begun (after a claim) is a case
//     of the lines that follow it instead, and holds for its paragraph
//     group only (paragraph.go).
//   - Any other holds from where it is stated to the next section
//     heading, of any level (a subsection starts a new part of the
//     argument), or to the end of the list item or environment it is
//     stated in, whichever comes first; so does one whose sentence keeps
//     it to its part ("in this section", "throughout the proof"), even
//     in the preamble.
//   - A condition that trails math with only its introducing words
//     between ("$$…$$ where $\lambda > 0$", "$\sqrt{a^2} = a$ for
//     $a > 0$") covers that math too, as do the conditions joined to it
//     ("where $a > 0$ and $b > 0$"), unless the words begin a clause of
//     their own ("$$…$$ and for $x \le \mu$"); after "if" or "when" in
//     lower case ("$$…$$ if $a > 0$") it covers that math only.
//   - A sentence that begins "In general" (or "generally", "in all
//     cases"), or words that go back to the general case anywhere
//     ("Back to the general case"), end every condition before them,
//     except those stated with the densities.
//   - A condition stated in a later sentence on a symbol of one in scope
//     starts a new case, and the earlier one ends where it begins ("For
//     $a > 0$ … For $a < 0$ …", "If …", "When …", "Case 2: …",
//     "Suppose …"); conditions of one sentence hold together. A later
//     special case of a parameter replaces an earlier one.
//
// A scope too wide can pass a false link, one too narrow can only fail a
// true one; so where the reading is unsure it is the narrower. When the
// conditions in scope at a link cannot hold together, or hold at too few
// points drawn, the link is not checked, and the report says why.

// premise is one order relation a document states, with its scope.
type premise struct {
	rel *expr.Rel
	// params: it relates the context's parameters (restricting the
	// sampler's points); else symbols the context does not know, or a
	// density's variable, with numbers or parameters ("for $x > \mu$"),
	// restricting an identity's variables at each point (see
	// honourConditions).
	params bool
	// block is the math it is stated in, an index of Source.Math, or -1
	// for an assumption of a klderive block, stated at offset at.
	block, at  int
	pos        expr.Pos
	start, end int // the byte range of the document it applies to
	// opens is where the sentence that states it begins: an earlier case
	// on its symbols ends there.
	opens int
	// standing: stated with the densities (withDensity), or in the
	// preamble.
	standing, withDensity bool
	// qualifies: an "if" or "when" after math, which it alone is under.
	qualifies bool
	// existence: it says where the document's quantity exists
	// (existence.go), so it holds for the whole document.
	existence bool
	syms      []string // its symbols, not numbers
}

// text is the condition as a .kl assumption.
func (cd *premise) text() string { return "assume " + expr.String(cd.rel) }

// statedConditions reads the order relations the document's math states
// between the context's parameters, or between symbols it does not know,
// and numbers, and scopes them with those of its klderive blocks
// (blockConds), each by where it is stated.
func (c *context) statedConditions(s *Source, blockConds []*premise) []*premise {
	vars := map[string]bool{}
	for _, d := range c.dens {
		vars[expr.String(d.Var)] = true
	}
	// The reader of conditions knows no functions, so "where $q(x) > 0$"
	// reads as q·x > 0: a relation that names a density or a function
	// of the document is about a density's values, never a condition on
	// the points.
	funcs := c.funcs()
	var out []*premise
	for i, b := range s.Math {
		if !b.Domain && !b.Hypothesis || b.Unclosed || b.Support || !mayState.MatchString(b.Src) && !inInterval.MatchString(b.Src) {
			continue
		}
		// "$\sqrt{a^2} = a$ if $a > 0$": the "if" qualifies the math
		// just before it, and nothing else.
		qualifies := !b.Domain && caseWords[lastWord(window(s.Text[:b.start]))]
		existence := s.statesExistence(i)
		if !existence && !b.Domain && (!qualifies || trailingStart(s, i) == b.start) || s.boundInReason(i) {
			continue
		}
		qualifies = qualifies && !existence
		seen := map[string]bool{}
		for _, piece := range conditionPieces(b.Src) {
			for _, rel := range conditionRelations(piece) {
				params := c.aboutParams(rel, vars)
				if !params && !c.aboutUnknowns(rel, vars) && !c.aboutVariable(rel) || namesAny(rel, funcs) || seen[expr.String(rel)] || c.aboutVector(rel) || s.setsLogBase(rel) {
					continue
				}
				seen[expr.String(rel)] = true
				var syms []string
				for _, name := range expr.Symbols(rel) {
					if !expr.IsNumberConstant(name) {
						syms = append(syms, name)
					}
				}
				out = append(out, &premise{rel: rel, params: params, block: i, at: b.start, pos: b.Pos, syms: syms, qualifies: qualifies, existence: existence && params})
			}
		}
	}
	if len(blockConds) > 0 {
		out = append(out, blockConds...)
		sort.SliceStable(out, func(i, j int) bool { return out[i].at < out[j].at })
	}
	if len(out) > 0 {
		scopeConditions(s, out, c.densityBlocks(s))
	}
	return out
}

// namesAny reports whether a relation has one of the names among its
// symbols.
func namesAny(rel *expr.Rel, names map[string]bool) bool {
	for _, s := range expr.Symbols(rel) {
		if names[s] {
			return true
		}
	}
	return false
}

// aboutVector reports whether a relation compares a vector or a matrix
// ("$\sigma > 0$" for a vector σ): read entry by entry it would be a
// condition of its own kind, and an assumption compares numbers only,
// so it is left out.
func (c *context) aboutVector(rel *expr.Rel) bool {
	for _, name := range expr.Symbols(rel) {
		if sh, ok := c.prob.Types.Shapes[name]; ok && !sh.IsScalar() {
			return true
		}
	}
	return false
}

// densityBlocks are the pieces of math, by index, that define a density
// of the context.
func (c *context) densityBlocks(s *Source) map[int]bool {
	out := map[int]bool{}
	lines := s.lines()
	for _, d := range c.dens {
		if d.Pos.File != s.File || d.Pos.Line < 1 || d.Pos.Line > len(lines.starts) {
			continue
		}
		off := lines.offset(d.Pos)
		i := sort.Search(len(s.Math), func(i int) bool { return s.Math[i].start > off }) - 1
		if i >= 0 && off <= s.Math[i].end {
			out[i] = true
		}
	}
	return out
}

// scopeConditions sets the scope of each condition (in document order)
// by the rules above.
func scopeConditions(s *Source, conds []*premise, densities map[int]bool) {
	offs := make([]int, len(conds))
	for k, cd := range conds {
		offs[k] = cd.at
	}
	unitEnds := s.outline.unitEnds(offs)
	general := generalSentences(s)
	for k, cd := range conds {
		if cd.block < 0 {
			// A klderive block's: from the block on, as far as a
			// condition stated there in prose reaches.
			cd.start, cd.opens = cd.at, cd.at
			cd.end, _ = s.reach(cd.at, unitEnds[k], general, false, saysNothing, densities)
			continue
		}
		cd.start, cd.end = trailingStart(s, cd.block), len(s.Text)
		cd.opens = sentenceStart(s, cd.block, cd.start)
		if cd.existence {
			cd.start, cd.opens, cd.standing = 0, 0, true
			continue
		}
		if cd.qualifies {
			cd.end = s.Math[cd.block].end
			continue
		}
		cd.withDensity = s.withDensity(cd.block, densities)
		var preamble bool
		cd.end, preamble = s.reach(offs[k], unitEnds[k], general, cd.withDensity, statedReach(s, cd.block, cd.opens), densities)
		cd.standing = cd.withDensity || preamble
	}
	newCases(s, conds)
}

// newCases ends each condition where a later statement on one of its
// symbols begins within its scope. Conditions are met by start; those
// still open are kept by symbol, so each is cut once and then dropped.
func newCases(s *Source, conds []*premise) {
	order := append([]*premise(nil), conds...)
	sort.SliceStable(order, func(i, j int) bool { return order[i].start < order[j].start })
	open := map[string][]*premise{}
	for _, later := range order {
		for _, sym := range later.syms {
			kept := open[sym][:0]
			for _, earlier := range open[sym] {
				if earlier.end > later.start && (earlier.block < 0 || later.block < 0 || !s.oneStatement(earlier.block, later.block)) {
					earlier.end = max(earlier.start, later.opens)
				}
				if earlier.end > later.start {
					kept = append(kept, earlier)
				}
			}
			open[sym] = append(kept, later)
		}
	}
}

// sentenceEnd ends a sentence in prose: a full stop, a question or an
// exclamation mark before a space, or a blank line.
var sentenceEnd = lazy(`[.!?](?:\s|$)|\n[ \t]*\n`)

// maxSentenceBlocks bounds the pieces of math one sentence is looked
// through for.
const maxSentenceBlocks = 8

// oneStatement reports whether the math blocks i ≤ j state one thing:
// one sentence, with no display math between them.
func (s *Source) oneStatement(i, j int) bool { return s.oneSentence(i, j, false) }

// oneSentence reports whether math blocks i and j are in one sentence:
// no sentence ends in the prose between them, no heading starts there,
// and (unless displays) no display math stands between them.
func (s *Source) oneSentence(i, j int, displays bool) bool {
	if i > j {
		i, j = j, i
	}
	if j-i > maxSentenceBlocks {
		return false
	}
	if i == j {
		return true
	}
	if s.outline.headBetween(s.Math[i].end, s.Math[j].start) {
		return false
	}
	for k := i; k < j; k++ {
		if k > i && s.Math[k].Display && !displays {
			return false
		}
		if from, to := s.Math[k].end, s.Math[k+1].start; from < to && sentenceEnd.MatchString(s.Text[from:to]) {
			return false
		}
	}
	return true
}

// withDensity reports whether math block i is in the sentence that
// defines a density.
func (s *Source) withDensity(i int, densities map[int]bool) bool {
	for j := max(0, i-maxSentenceBlocks); j <= min(len(s.Math)-1, i+maxSentenceBlocks); j++ {
		if densities[j] && s.oneSentence(i, j, true) {
			return true
		}
	}
	return false
}

// maxTrailingWords bounds the words between math and a condition that
// trails it: "where", "for all", "which holds for".
const maxTrailingWords = 4

// trailingStart is where the condition stated in math block i starts to
// apply: the start of the math just before it, when only a few words in
// lower case stand between ("$$…$$ where $\lambda > 0$"), or else its
// own start. A condition joined to one before it by "and" or a comma
// ("where $a > 0$ and $b > 0$", "for $a > 0$, $b > 0$") starts where
// that one does.
func trailingStart(s *Source, i int) int {
	start := s.Math[i].start
	for hops := 0; hops < maxSentenceBlocks; hops++ {
		b := s.Math[i]
		k := i - 1
		for k >= 0 && s.Math[k].end > b.start {
			k-- // a remark inside the math before
		}
		if b.Display || k < 0 || s.outline.headBetween(s.Math[k].end, b.start) {
			return start
		}
		prose := s.Text[s.Math[k].end:b.start]
		words := strings.FieldsFunc(prose, func(r rune) bool { return unicode.IsSpace(r) || strings.ContainsRune(",;:()", r) })
		joined := len(words) == 0 || len(words) == 1 && words[0] == "and"
		if prev := s.Math[k]; joined && !prev.Display && prev.Domain && mayState.MatchString(prev.Src) && !strings.ContainsAny(prose, ".!?") {
			i, start = k, prev.start // one condition of a list: go on to its first
			continue
		}
		if len(words) == 0 || len(words) > maxTrailingWords || strings.ContainsAny(prose, ".!?") {
			return start
		}
		if r, _ := utf8.DecodeRuneInString(words[0]); !unicode.IsLower(r) || newClause[words[0]] {
			return start
		}
		return s.Math[k].start
	}
	return start
}

// newClause words, first after math, begin a clause of their own: the
// condition in "$$…$$ and for $x \le \mu$, $$…$$" is the second case's,
// not a trailing one of the math before.
var newClause = map[string]bool{"and": true, "or": true, "but": true, "while": true, "whereas": true, "then": true}

// sentenceStart is where the sentence of the condition in math block i
// begins, start when the condition trails math: after the last sentence
// end in the prose before the block.
func sentenceStart(s *Source, i, start int) int {
	b := s.Math[i]
	if start < b.start {
		return start
	}
	k := i - 1
	for k >= 0 && s.Math[k].end > b.start {
		k--
	}
	from := max(0, b.start-lookBack)
	if k >= 0 {
		from = max(from, s.Math[k].end)
	}
	prose := s.Text[from:b.start]
	if ends := sentenceEnd.FindAllStringIndex(prose, -1); len(ends) > 0 {
		from += ends[len(ends)-1][1]
	}
	for from < b.start && unicode.IsSpace(rune(s.Text[from])) {
		from++
	}
	return from
}

// caseWords open a case when they begin a sentence: "If $a > 0$, …",
// "When $a < 0$ …", "Case 2: $a < b$."
var caseWords = map[string]bool{"if": true, "when": true, "whenever": true, "case": true}

// opensCase reports whether the prose before inline math ends with a
// word of caseWords that begins a sentence, a paragraph, a list item or
// a LaTeX paragraph: not the "if" of "the bound is tight if $a > 0$".
func opensCase(before string) bool {
	w := window(before)
	if !caseWords[lastWord(w)] {
		return false
	}
	// Cut the word, and the marks after it ("Case 1: "), off the end.
	end := len(w)
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(w[:end])
		if isWordLetter(r) {
			break
		}
		end -= size
	}
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(w[:end])
		if !isWordLetter(r) {
			break
		}
		end -= size
	}
	r, _ := utf8.DecodeRuneInString(w[end:])
	return beginsSentence(w[:end], unicode.IsUpper(r))
}

// sentenceMarkup may stand between the end of a sentence and its first
// word: emphasis, a heading's marks, a LaTeX paragraph or item; opens:
// the mark itself begins a sentence.
var sentenceMarkup = []struct {
	mark  string
	opens bool
}{{`\item`, true}, {`\paragraph{`, true}, {`\subparagraph{`, true}, {"#", true},
	{`\textbf{`, false}, {`\textit{`, false}, {`\emph{`, false}, {"**", false}, {"*", false}, {"_", false}, {"(", false}, {"[", false}}

// beginsSentence reports whether a word after before begins a sentence;
// capital: the word is written with a capital, as one that begins a
// sentence after display math or at a line's start must be.
func beginsSentence(before string, capital bool) bool {
	t := before
	for {
		t = strings.TrimRight(t, " \t")
		cut := false
		if listMarker(t) {
			return true
		}
		for _, m := range sentenceMarkup {
			if strings.HasSuffix(t, m.mark) {
				if m.opens {
					return true
				}
				t, cut = strings.TrimSuffix(t, m.mark), true
			}
		}
		if !cut {
			break
		}
	}
	if t == "" {
		return true
	}
	if strings.HasSuffix(t, "\n") {
		// The word opens a line: of a paragraph, or after a line that
		// ends a sentence; a line break inside a sentence begins none.
		t = strings.TrimRight(t[:len(t)-1], " \t")
		if t == "" || strings.HasSuffix(t, "\n") {
			return true
		}
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	return strings.ContainsRune(".!?:}", r) || capital && (strings.HasSuffix(t, `\]`) || strings.HasSuffix(t, "$$"))
}

// listMarker reports whether a Markdown list marker opens the last line
// of t: "- ", "* ", "1. " with the space trimmed.
func listMarker(t string) bool {
	m := strings.TrimLeft(t[strings.LastIndexByte(t, '\n')+1:], " \t")
	switch {
	case m == "-" || m == "+" || m == "*":
		return true
	case len(m) >= 2 && (m[len(m)-1] == '.' || m[len(m)-1] == ')') && strings.Trim(m[:len(m)-1], "0123456789") == "":
		return true
	}
	return false
}
