package check

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Kind is how a document is read.
type Kind string

const (
	Markdown Kind = "markdown" // math in $, $$, \( \), \[ \] and fenced math blocks
	TeX      Kind = "tex"      // a LaTeX file: equation, align, gather, $$, \[ \], $ ... $
	Plain    Kind = "latex"    // the whole input is math, as on standard input
)

// KindOf chooses how to read a file from its name: .tex, .latex and .ltx
// are LaTeX files, anything else is Markdown. Standard input ("-" or "")
// is plain LaTeX unless it looks like a LaTeX document.
func KindOf(name, src string) Kind {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tex", ".latex", ".ltx":
		return TeX
	}
	if name == "-" || name == "" || name == "<stdin>" {
		if strings.Contains(src, `\begin{document}`) || strings.Contains(src, "$") ||
			strings.Contains(src, `\[`) || strings.Contains(src, `\(`) {
			return TeX
		}
		return Plain
	}
	return Markdown
}

// Block is one piece of math in a document.
type Block struct {
	Src     string   // the math without its delimiters, commentary blanked out
	Pos     expr.Pos // where Src starts in the file
	Display bool     // a display ($$, \[ \], an environment or a fenced block), not inline
	// Glued: only white space separates this display block from the
	// display block before it, so they read as one derivation.
	Glued bool
	// Hypothesis: inline math after "if", "where", "let" and their kin
	// states a condition or a notation, not a step to check.
	Hypothesis bool
	// Specialises: the hypothesis is a special case stated for what
	// follows ("let $\mu_2 = 0$"): links after it are checked under it.
	Specialises bool
	// Domain: inline math after "where", "for", "with" and their kin,
	// which may state the domain of the symbols ($\lambda > 0$).
	Domain bool
	// Remark: inline math in the words of a remark that closes a row
	// (\quad \text{since $b = c$}), read apart from the row.
	Remark bool
	// Support: the math states the support of a density written as a
	// formula just before it ("for $x \ge 0$"): a condition on the
	// variable, not one on the points.
	Support bool
	// Unclosed: display math in Markdown that a blank line breaks before
	// it closes. It is not read, but a relation in it is reported.
	Unclosed bool
	// start and end are the byte range of the block with its delimiters.
	start, end int
}

// Source is a document split into its math and its .kl context.
type Source struct {
	File  string
	Text  string
	Math  []Block
	KL    []Block  // fenced klderive blocks: .kl statements
	Notes []string // how blocks were read: a fence language taken as math, say
	// Declared is the density that the document says an expectation
	// without one means, as written: p in <> \text{ denotes } \mathbb E_{x \sim p}.
	Declared string
	// Notation holds each such declaration, for the report.
	Notation []Statement
	outline  outline         // the sections, items and environments, which bound the conditions stated
	folded   string          // Text as (?i) patterns compare it, once asked for
	index    *lineIndex      // of Text, once asked for
	bases    map[string]bool // the symbols used as a log base (logbase.go), once asked for
	// implications are the blocks that state claims under a hypothesis of
	// their own (implies.go), read apart from the rest.
	implications []implication
}

// lines is the index of the text's lines, built once: reading the
// blocks and the prose both turn offsets into positions.
func (s *Source) lines() *lineIndex {
	if s.index == nil || s.index.src != s.Text {
		s.index = newLineIndex(s.Text)
	}
	return s.index
}

// ifMentions is the text when it holds one of the words, compared as a
// (?i) pattern compares them, and else nothing. Such patterns have no
// literal prefix to skip ahead by, so each costs a slow pass over the
// whole document; most documents lack the word, and need no pass.
func (s *Source) ifMentions(words ...string) string {
	if s.folded == "" {
		s.folded = folded(s.Text)
	}
	for _, w := range words {
		if strings.Contains(s.folded, w) {
			return s.Text
		}
	}
	return ""
}

// folded lowers the ASCII letters of text, and spells ſ and the Kelvin
// sign, the only other letters that fold to ASCII ones, as s and k: a
// lower-case ASCII word a (?i) pattern finds in text is in folded(text).
func folded(text string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case 'A' <= r && r <= 'Z':
			return r + 'a' - 'A'
		case r == 'ſ':
			return 's'
		case r == '\u212A':
			return 'k'
		}
		return r
	}, text)
}

// maxDocument bounds the size of a document.
const maxDocument = 4 << 20

// Read splits a document into blocks of math.
func Read(file, src string, kind Kind) (*Source, error) {
	if len(src) > maxDocument {
		return nil, expr.Errorf(expr.Pos{File: file, Line: 1, Col: 1}, "the document is larger than %d MB", maxDocument>>20)
	}
	if !utf8.ValidString(src) {
		return nil, expr.Errorf(expr.Pos{File: file, Line: 1, Col: 1}, "the document is not UTF-8 text")
	}
	s := &Source{File: file, Text: src}
	lines := s.lines()
	switch kind {
	case Markdown:
		readMarkdown(s, lines)
	case TeX:
		readTeX(s, lines)
	case Plain:
		s.Math = append(s.Math, Block{Src: src, Pos: lines.pos(file, 0), Display: true, end: len(src)})
	default:
		return nil, fmt.Errorf("unknown input kind %q", kind)
	}
	sort.SliceStable(s.Math, func(i, j int) bool { return s.Math[i].start < s.Math[j].start })
	split := make([]Block, 0, len(s.Math)) // most blocks are one statement
	for _, b := range s.Math {
		split = splitStatements(split, b, lines, file)
	}
	s.Math = split
	prevDisplay, prevInline := -1, -1
	var more []Block // the justification columns that hold math
	for i := range s.Math {
		b := &s.Math[i]
		if m := declarationIn(b.Src); m != nil {
			if s.Declared == "" {
				s.Declared = b.Src[m[2]:m[3]]
			}
			// The row is blanked as commentary below; it is listed, to
			// the row's end.
			row := b.Src[m[0]:]
			if k := strings.IndexAny(row, "\n&"); k >= 0 {
				row = row[:k]
			}
			row, _, _ = strings.Cut(row, `\\`)
			s.Notation = append(s.Notation, Statement{Pos: lines.pos(file, lines.offset(b.Pos)+m[0]), Kind: Definition,
				Text: clip(row)})
		}
		more = append(more, remarks(b, lines, file)...)
		b.Src = unbox(blankCommentary(b.Src))
		if !b.Display {
			b.Domain = statesDomain(src[:b.start])
			// "Case 1: $a < b$" states a case, as "if" does.
			b.Specialises = specialises(src[:b.start])
			b.Hypothesis = hypothesis(src[:b.start]) || (b.Domain || b.Specialises) && lastWord(window(src[:b.start])) == "case"
			// let $\mu_2 = 0$ and $\sigma_2 = 1$: the second special case
			// is stated by the same words.
			if prev := prevInline; prev >= 0 && s.Math[prev].Specialises && s.Math[prev].end <= b.start &&
				strings.Trim(src[s.Math[prev].end:b.start], " ,\n") == "and" {
				b.Hypothesis, b.Specialises = true, true
			}
			prevDisplay, prevInline = -1, i
			continue
		}
		prevInline = -1
		// Blocks may overlap: broken display math (Unclosed) is left to
		// the Markdown parser, which may find math inside it.
		if prevDisplay >= 0 && s.Math[prevDisplay].end <= b.start {
			b.Glued = strings.TrimSpace(src[s.Math[prevDisplay].end:b.start]) == ""
		}
		prevDisplay = i
	}
	if m := proseDeclaration.FindStringSubmatch(src); m != nil && s.Declared == "" {
		s.Declared = m[1]
	}
	if len(more) > 0 {
		s.Math = append(s.Math, more...)
		sort.SliceStable(s.Math, func(i, j int) bool { return s.Math[i].start < s.Math[j].start })
	}
	s.takeImplications(lines)
	return s, nil
}

// proseDeclaration says in words what an expectation without a density
// is under: "letting $\langle \rangle$ denote the expectation operator
// under $p$".
var proseDeclaration = lazy(`\$\s*(?:\\langle\s*(?:\\cdot|\.)?\s*\\rangle|\\mathbb\s*\{?E\}?|E)\s*\$\s+(?:denotes?\s+|is\s+|as\s+)?the\s+expectation(?:\s+operator)?\s+(?:under|with respect to|over)\s+\$\s*([a-zA-Z])\s*\$`)

// conditionWords introduce a hypothesis or a notation rather than a
// claim: "equality iff $\mu_1 = \mu_2$", "where $\sigma^2 = s$".
var conditionWords = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"if": true, "iff": true, "when": true, "whenever": true, "where": true, "whereby": true,
		"let": true, "assume": true, "assuming": true, "suppose": true, "supposing": true,
		"unless": true, "set": true, "setting": true, "take": true, "taking": true,
		"denote": true, "define": true, "defining": true, "with": true,
	}
}}

// hypothesis reports whether the prose before inline math ends with a
// word that makes the math a condition, or with "and" or "or" after
// math that is one: in "if $a \le b$ and $c \le d$" both are.
func hypothesis(before string) bool { return introduced(before, conditionWords.Get()) }

// domainWords introduce the domain of a document's symbols: "where
// $\lambda > 0$", "for $a, b > 0$", "with $0 < a < b$"; so do the
// caseWords that open a sentence ("If $a > 0$, …"), but not the "if"
// or "unless" that qualify a clause.
var domainWords = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"where": true, "for": true, "with": true, "let": true, "assume": true, "assuming": true,
		"suppose": true, "given": true, "provided": true, "on": true}
}}

// statesDomain reports whether the prose before inline math ends with a
// word of domainWords and at most two words naming the symbols ("with
// shapes", "for the rates"), or with "and" or a comma after math that
// does ("with shapes $a > 0$ and rates $b > 0$", "for $a > 0$, $b > 0$").
func statesDomain(before string) bool {
	w := window(before)
	skipped := 0
	for {
		if t := strings.TrimRightFunc(w, unicode.IsSpace); strings.HasSuffix(t, ",") {
			if open := inlineBefore(strings.TrimSuffix(t, ",")); open >= 0 {
				w, skipped = t[:open], 0
				continue
			}
		}
		word := lastWord(w)
		rest, ok := trimWord(w, word)
		switch {
		case domainWords.Get()[word] || caseWords[word] && opensCase(w):
			return true
		case !ok:
			return false
		case word == "that":
			return assumesThat(rest)
		case word == "and":
			open := inlineBefore(rest)
			if open < 0 {
				return false
			}
			w, skipped = rest[:open], 0
		case skipped < 2:
			w = rest
			skipped++
		default:
			return false
		}
	}
}

// inlineBefore is where the inline math that ends text, but for white
// space, opens ($…$ or \(…\)), or -1 when no inline math ends it.
func inlineBefore(text string) int {
	t := strings.TrimRightFunc(text, unicode.IsSpace)
	switch {
	case strings.HasSuffix(t, `\)`):
		return strings.LastIndex(t, `\(`)
	case strings.HasSuffix(t, "$$"):
		return -1 // display math
	case strings.HasSuffix(t, "$"):
		return strings.LastIndexByte(t[:len(t)-1], '$')
	}
	return -1
}

// maxThatWords bounds the words between "assume" and the "that" before
// math: "we assume throughout this section that $a > 0$".
const maxThatWords = 5

// assumesThat reports whether the prose before a "that" that introduces
// math ends with a word of assumption and at most maxThatWords more.
func assumesThat(before string) bool {
	w := before
	for n := 0; n <= maxThatWords; n++ {
		word := lastWord(w)
		switch word {
		case "assume", "assuming", "suppose", "supposing", "given", "provided":
			return true
		}
		rest, ok := trimWord(w, word)
		if !ok {
			return false
		}
		w = rest
	}
	return false
}

// trimWord cuts word, and the spaces after it, off the end of w; ok is
// false when w does not end so.
func trimWord(w, word string) (string, bool) {
	w = strings.TrimRightFunc(w, unicode.IsSpace)
	if word == "" || len(w) < len(word) || !strings.EqualFold(w[len(w)-len(word):], word) {
		return "", false
	}
	return w[:len(w)-len(word)], true
}

// introduced reports whether the prose before inline math ends with one
// of words, or with "and" or "or" after math that does.
func introduced(before string, words map[string]bool) bool {
	w := window(before)
	for {
		word := lastWord(w)
		if words[word] {
			return true
		}
		if word != "and" && word != "or" {
			return false
		}
		rest := strings.TrimRightFunc(w, unicode.IsSpace)
		if !strings.HasSuffix(strings.ToLower(rest), word) {
			return false // the word is followed by more than spaces
		}
		rest = strings.TrimRightFunc(rest[:len(rest)-len(word)], unicode.IsSpace)
		open := strings.LastIndexByte(strings.TrimSuffix(rest, "$"), '$')
		if !strings.HasSuffix(rest, "$") || open < 0 {
			return false
		}
		w = rest[:open]
	}
}

// lookBack bounds how far before a piece of math the words that introduce
// it are read: without a bound each piece would cost the length of the
// prose before it, and a long document the square of its length.
const lookBack = 1 << 10

// window is the end of the prose before math, at most lookBack bytes,
// starting at a word boundary when cut: a word cut in two is no word.
func window(before string) string {
	if len(before) <= lookBack {
		return before
	}
	w := before[len(before)-lookBack:]
	for len(w) > 0 && !utf8.RuneStart(w[0]) {
		w = w[1:]
	}
	if i := strings.IndexFunc(w, func(r rune) bool { return !isWordLetter(r) }); i >= 0 {
		return w[i:]
	}
	return ""
}

// isWordLetter reports whether r is part of a word once lowered, as
// lastWord splits words.
func isWordLetter(r rune) bool { return unicode.IsLetter(unicode.ToLower(r)) }

// specialises reports whether the prose before inline math ends with a
// word that states a special case from there on: "let", "set", "take";
// or whether the math spells out, after "i.e." or "that is", a condition
// its sentence states: "if we assume the prior is a unit Gaussian, i.e.
// $\mu_2 = 0$".
func specialises(before string) bool {
	before = window(before)
	if specialWords.Get()[lastWord(before)] || inSpecialCase(before) {
		return true
	}
	if rest, ok := trimWord(before, "that"); ok && assumesThat(rest) {
		return true // "suppose that $\mu_2 = 0$"
	}
	rest, ok := restating(before)
	if !ok {
		return false
	}
	if i := strings.LastIndexAny(rest, ".!?"); i >= 0 {
		rest = rest[i+1:]
	}
	if i := strings.LastIndex(rest, "\n\n"); i >= 0 {
		rest = rest[i+2:]
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(rest), func(r rune) bool { return !unicode.IsLetter(r) }) {
		if specialWords.Get()[w] || w == "if" || w == "when" {
			return true
		}
	}
	return false
}

// inSpecialCase reports whether the prose before inline math ends with
// "special case": "in the special case $b = 1$" states one as "let"
// does.
func inSpecialCase(before string) bool {
	rest, ok := trimWord(before, "case")
	return ok && lastWord(rest) == "special"
}

// restating cuts the words that introduce a restatement ("i.e.", "that
// is", "namely") off the end of the prose before math, and lowers what
// is left. Only the end is lowered to compare: the words are seven
// runes at most, and lowering maps rune to rune.
func restating(before string) (string, bool) {
	s := strings.TrimRight(before, " \t\n,:")
	i := len(s)
	for n := 0; n < 7 && i > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	tail := strings.ToLower(s[i:])
	for _, w := range []string{"i.e.", "ie.", "that is", "namely", "viz."} {
		if strings.HasSuffix(tail, w) {
			return strings.ToLower(s[:i]) + tail[:len(tail)-len(w)], true
		}
	}
	return "", false
}

// specialWords state a special case for what follows, unlike "if" or
// "where", which may qualify one statement only.
var specialWords = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"let": true, "set": true, "setting": true, "take": true, "taking": true,
		"assume": true, "assuming": true, "suppose": true, "supposing": true, "with": true}
}}

// lastWord is the last word of the line before, in lower case. It is
// read backwards from the end: the line may be long.
func lastWord(before string) string {
	end := len(before)
	crossed, written := false, false
	for end > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:end])
		if r == '\n' {
			// Math that opens a line of the paragraph ("with\n$\alpha_0
			// = ...$") follows the word that ends the line before; a line
			// with something else, or a blank line, ends the search.
			if crossed || written || end < 2 || before[end-2] == '\n' {
				return ""
			}
			crossed = true
		} else if isWordLetter(r) {
			break
		} else if !unicode.IsSpace(r) {
			written = true
		}
		end -= size
	}
	start := end
	for start > 0 {
		r, size := utf8.DecodeLastRuneInString(before[:start])
		if !isWordLetter(r) {
			break
		}
		start -= size
	}
	return strings.ToLower(before[start:end])
}

// lineIndex turns byte offsets into file positions. Both directions
// cost a binary search and at most runeStride bytes of counting, however
// long the line: a document of one long line would otherwise cost the
// square of its length.
type lineIndex struct {
	src    string
	starts []int // the offset of each line's first byte
	// runes[k] is the number of runes that start before byte k*runeStride.
	runes []int
}

// runeStride is the spacing of the rune counts a lineIndex keeps.
const runeStride = 64

func newLineIndex(src string) *lineIndex {
	starts := make([]int, 1, strings.Count(src, "\n")+1)
	ix := &lineIndex{src: src, starts: starts, runes: make([]int, 0, len(src)/runeStride+2)}
	n := 0
	for i := 0; i < len(src); i++ {
		if i%runeStride == 0 {
			ix.runes = append(ix.runes, n)
		}
		if utf8.RuneStart(src[i]) {
			n++
		}
		if src[i] == '\n' {
			ix.starts = append(ix.starts, i+1)
		}
	}
	ix.runes = append(ix.runes, n) // for off == len(src) on a stride
	return ix
}

// runesBefore is the number of runes that start before byte off. On
// UTF-8 text (Read refuses any other) it is utf8.RuneCountInString(src[:off]).
func (ix *lineIndex) runesBefore(off int) int {
	k := off / runeStride
	n := ix.runes[k]
	for i := k * runeStride; i < off; i++ {
		if utf8.RuneStart(ix.src[i]) {
			n++
		}
	}
	return n
}

// offset is the byte offset of a position in the file; pos inverts it.
// A column past the end of the file is the end of the file.
func (ix *lineIndex) offset(p expr.Pos) int {
	start := ix.starts[p.Line-1]
	want := ix.runesBefore(start) + p.Col - 1
	// The last stride that starts with fewer runes before it than wanted,
	// then rune by rune from there.
	k := sort.Search(len(ix.runes), func(k int) bool { return ix.runes[k] >= want }) - 1
	off := min(max(start, k*runeStride), len(ix.src))
	for off < len(ix.src) && !utf8.RuneStart(ix.src[off]) {
		off++ // a stride may start inside a rune
	}
	for n := ix.runesBefore(off); n < want && off < len(ix.src); n++ {
		_, size := utf8.DecodeRuneInString(ix.src[off:])
		off += size
	}
	return off
}

// pos is the position of the byte at off; columns count runes from 1.
func (ix *lineIndex) pos(file string, off int) expr.Pos {
	line := sort.Search(len(ix.starts), func(i int) bool { return ix.starts[i] > off }) - 1
	col := ix.runesBefore(off) - ix.runesBefore(ix.starts[line]) + 1
	return expr.Pos{File: file, Line: line + 1, Col: col}
}
