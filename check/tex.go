package check

import (
	"bytes"
	"strings"

	"github.com/klderive/klderive/internal/once"
)

// texDisplayEnvs are the environments of a .tex file that hold display
// math; the LaTeX reader cuts their rows and chains.
var texDisplayEnvs = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"equation": true, "equation*": true, "align": true, "align*": true,
		"gather": true, "gather*": true, "multline": true, "multline*": true,
		"flalign": true, "flalign*": true, "alignat": true, "alignat*": true,
		"eqnarray": true, "eqnarray*": true, "displaymath": true, "math": true,
		"aligned": true, "split": true,
		// Display math of packages the reader does not know (breqn,
		// IEEEtrantools): taken as math so that what they state is reported,
		// not skipped as text.
		"dmath": true, "dmath*": true, "dgroup": true, "dgroup*": true, "IEEEeqnarray": true, "IEEEeqnarray*": true,
	}
}}

// texVerbatimEnvs hold text that is not LaTeX.
var texVerbatimEnvs = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"verbatim": true, "verbatim*": true, "lstlisting": true, "minted": true, "comment": true}
}}

// klComment starts a comment line that holds one .kl statement of the
// document's context, as klderive derive --standalone writes them: the
// reader of the PDF sees the givens typeset, and klderive check reads the
// declarations (k: dim) that the typeset math cannot say.
const klComment = "% klderive: "

var texBegin = lazy(`^\\begin\s*\{([a-zA-Z]+\*?)\}`)

// readTeX collects the math of a LaTeX file: the display environments,
// \[ \], $$ $$, and inline \( \) and $ $. Comments and verbatim text are
// skipped, except the context comments (klComment).
func readTeX(s *Source, lines *lineIndex) { readTeXText(s, lines, s.Text) }

// readTeXText reads src, the document or a copy of it with parts blanked.
func readTeXText(s *Source, lines *lineIndex, src string) {
	// add records the math between start+open and end-close.
	add := func(start, end, open, close int, display bool) {
		s.Math = append(s.Math, Block{Src: src[start+open : end-close], Pos: lines.pos(s.File, start+open),
			Display: display, start: start, end: end})
	}
	outliner := &texOutliner{o: &s.outline}
	defer func() {
		outliner.finish(len(src))
		s.outline.sortUnits()
	}()
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '%':
			end := lineEnd(src, i)
			if strings.HasPrefix(src[i:end], klComment) {
				at := i + len(klComment)
				s.KL = append(s.KL, Block{Src: src[at:end] + "\n", Pos: lines.pos(s.File, at), start: i, end: end})
			}
			i = end
		case c == '\\' && i+1 < len(src) && (src[i+1] == '\\' || src[i+1] == '$' || src[i+1] == '%'):
			i += 2
		case strings.HasPrefix(src[i:], `\[`):
			end, n := closeAt(src, i+2, `\]`)
			add(i, end, 2, n, true)
			i = end
		case strings.HasPrefix(src[i:], `\(`):
			end, n := closeAt(src, i+2, `\)`)
			add(i, end, 2, n, false)
			i = end
		case strings.HasPrefix(src[i:], "$$"):
			end, n := closeAt(src, i+2, "$$")
			add(i, end, 2, n, true)
			i = end
		case c == '$':
			end, n := closeAt(src, i+1, "$")
			add(i, end, 1, n, false)
			i = end
		case c == '\\':
			if n := outliner.command(src, i); n > 0 {
				i += n
				continue
			}
			m := texBegin.FindStringSubmatch(src[i:])
			if m == nil {
				i++
				continue
			}
			name := m[1]
			endTag := `\end{` + name + `}`
			stop := strings.Index(src[i+len(m[0]):], endTag)
			if stop < 0 {
				stop = len(src)
			} else {
				stop += i + len(m[0]) + len(endTag)
			}
			switch {
			case texVerbatimEnvs.Get()[name]:
				i = stop
			case texDisplayEnvs.Get()[name]:
				// The environment itself goes to the reader, which
				// knows its layout and reports it unbalanced.
				add(i, stop, 0, 0, true)
				i = stop
			default:
				outliner.begin(name, i)
				i += len(m[0])
			}
		default:
			i++
		}
	}
}

func lineEnd(src string, i int) int {
	if j := strings.IndexByte(src[i:], '\n'); j >= 0 {
		return i + j
	}
	return len(src)
}

// closeAt returns the offset after the closing delimiter that ends math
// started before from, and the delimiter's length, skipping escaped
// characters and comments. Unclosed math runs to the end of the document,
// with no delimiter (the reader then reports what it cannot read).
func closeAt(src string, from int, close string) (int, int) {
	for i := from; i < len(src); i++ {
		switch {
		case src[i] == '\\' && i+1 < len(src) && !strings.HasPrefix(src[i:], close):
			i++
		case src[i] == '%':
			i = lineEnd(src, i)
		case strings.HasPrefix(src[i:], close):
			return i + len(close), len(close)
		}
	}
	return len(src), 0
}

// blankCommentary replaces with spaces the parts of math that are
// commentary rather than mathematics, keeping every position: the
// justification column of an aligned row (&& \text{...}), a \text{...}
// remark closing a row after \quad, a \because clause to the row's end, and a row that declares notation
// (<> \text{ denotes } \mathbb E_{x \sim p}). The math a remark holds is
// not lost: remarks reads it as a block of its own.
func blankCommentary(src string) string {
	if !strings.Contains(src, "&&") && !strings.Contains(src, `\text`) && !strings.Contains(src, `\mbox`) && !strings.Contains(src, `\because`) {
		return src
	}
	b := []byte(src)
	spans := casesSpans(src)
	for _, r := range texRowsOf(src) {
		row := src[r[0]:r[1]]
		if inSpans(spans, r[0]) {
			continue // a row of a cases environment: its condition is no remark
		}
		if denotes.MatchString(row) {
			blankBytes(b, r[0], r[1])
			continue
		}
		if k, ok := remarkIn(row); ok {
			blankBytes(b, r[0]+k, r[1])
		}
	}
	return string(b)
}

// casesSpans are the byte ranges of the cases environments in src. A
// condition set on a row of its own, \quad \text{if } x < y, is the
// environment's, not a remark closing a row of the block.
func casesSpans(src string) [][2]int {
	var out [][2]int
	for from := 0; ; {
		i := strings.Index(src[from:], `\begin{cases}`)
		if i < 0 {
			return out
		}
		start := from + i
		j := strings.Index(src[start:], `\end{cases}`)
		if j < 0 {
			return append(out, [2]int{start, len(src)})
		}
		end := start + j + len(`\end{cases}`)
		out = append(out, [2]int{start, end})
		from = end
	}
}

// inSpans reports whether offset k lies in one of spans.
func inSpans(spans [][2]int, k int) bool {
	for _, sp := range spans {
		if sp[0] <= k && k < sp[1] {
			return true
		}
	}
	return false
}

// blankBytes replaces b[from:to] with spaces, keeping line breaks.
func blankBytes(b []byte, from, to int) {
	for k := from; k < to; k++ {
		if b[k] != '\n' {
			b[k] = ' '
		}
	}
}

// remarkIn finds where the commentary of a row starts, the rest of the
// row being commentary: its justification column (&&), a \because
// clause, or a trailing remark.
func remarkIn(row string) (int, bool) {
	if k := ampAmp(row); k >= 0 {
		return k, true
	}
	if k := strings.Index(row, `\because`); k >= 0 {
		return k, true // the reason the row holds, in words and math
	}
	return trailingRemarkIn(row)
}

// remarks returns the commentary of a block's rows that holds more than
// words, as blocks of their own with the words blanked: the second
// equation of x &= 1 && y &= 2, the identity in && \text{since } \log ab =
// \log a + \log b, each piece of inline math in \quad \text{(as $x > 0$)},
// the math after \because. blankCommentary blanks the commentary in the
// block itself; here its relations are kept, to be judged or reported,
// so that no claim a remark makes is dropped unseen. A remark whose words
// make its math a condition ("for", "if", "where") is read as a
// hypothesis.
func remarks(b *Block, lines *lineIndex, file string) []Block {
	if !strings.Contains(b.Src, "&") && !strings.Contains(b.Src, `\text`) && !strings.Contains(b.Src, `\mbox`) && !strings.Contains(b.Src, `\because`) {
		return nil
	}
	var out []Block
	// A remark too long for a line goes on in the rows below it, each a
	// row of its own with nothing but the remark: its words so far are
	// read before each piece of math of the rows that carry it on, so
	// that "unless" ending a row makes the math opening the next one a
	// condition, as it would on one line.
	carry := ""
	spans := casesSpans(b.Src)
	for _, r := range texRowsOf(b.Src) {
		row := b.Src[r[0]:r[1]]
		if inSpans(spans, r[0]) {
			carry = ""
			continue
		}
		k, ok := remarkIn(row)
		if !ok || denotes.MatchString(row) {
			carry = ""
			continue
		}
		alone := strings.Trim(row[:k], " \t\n&") == ""
		if !alone {
			carry = ""
		}
		// The math of a justification column is the row's second
		// statement (x &= 1 && y &= 2); elsewhere a remark's math in
		// letters of its own is a rule's identity, listed, not judged.
		column := ampAmp(row) == k
		pieces, words := remarkMath(row[k:])
		for i, col := range pieces {
			if len(bytes.TrimSpace(col)) == 0 {
				continue
			}
			before := words[i]
			if i > 0 && carry != "" {
				before = carry + trimSwitch(words[i])
			}
			off := lines.offset(b.Pos) + r[0] + k
			out = append(out, Block{Src: string(col), Pos: lines.pos(file, off), start: off, end: off + len(col), Remark: i > 0 || !column,
				Hypothesis: hypothesis(before) || remarkConditions.Get()[lastWord(before)], Domain: statesDomain(before)})
		}
		if alone {
			carry += remarkText(row[k:]) + " "
		}
	}
	return out
}

// textSwitch is a size or style switch opening text: \small.
var textSwitch = lazy(`^\s*(?:\\[a-zA-Z]+\s+)+`)

// trimSwitch is s without the switches that open it.
func trimSwitch(s string) string {
	if m := textSwitch.FindStringIndex(s); m != nil {
		return s[m[1]:]
	}
	return s
}

// remarkText is the text of a remark's \text{...} groups, its inline
// math included, as the words of a sentence.
func remarkText(src string) string {
	var out []string
	for _, m := range textCommand.FindAllStringIndex(src, -1) {
		end := closingBrace(src, m[1])
		if end < 0 {
			end = len(src)
		}
		out = append(out, trimSwitch(src[m[1]:end]))
	}
	return strings.Join(out, " ")
}

// remarkConditions are the words that, closing a remark's words, make
// its math a condition rather than a claim: \quad (\text{for } x > 0),
// \text{given } k = 1. After "as" or "since" the math is a claim the
// remark relies on, and is judged.
var remarkConditions = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"for": true, "given": true, "assuming": true, "provided": true}
}}

// remarkMath blanks the words of a remark, keeping every position: the
// && or \because that opens it, the spacing and the brackets around it,
// and each \text{...}. It returns the math outside the words and each
// piece of inline math inside them, each alone in a copy of the remark
// (two pieces are two statements, not one product), and, for the reading
// of each, the words before it: before the first math for the math
// outside the words, and before each piece for the piece.
func remarkMath(src string) ([][]byte, []string) {
	col := []byte(src)
	if m := remarkLead.FindIndex(col); m != nil {
		blankBytes(col, m[0], m[1])
	}
	words := []string{""}
	var inline [][2]int // inline math in the words
	for n, m := range textCommand.FindAllIndex(col, -1) {
		end := closingBrace(string(col), m[1])
		if end < 0 {
			end = len(col) // an unclosed \text runs to the end
		}
		text := string(col[m[1]:end])
		for _, d := range inlineDollars.FindAllStringSubmatchIndex(text, -1) {
			inline = append(inline, [2]int{m[1] + d[2], m[1] + d[3]})
			// Each piece of inline math is read after the words
			// before it: "unless $a \le b$ and $c \le d$".
			words = append(words, text[:d[0]])
		}
		if n == 0 {
			words[0], _, _ = strings.Cut(text, "$")
		}
		blankBytes(col, m[0], min(end+1, len(col)))
	}
	// A remark in brackets: \quad (\text{as } x > 0).
	if m := remarkParen.FindStringSubmatchIndex(src); m != nil {
		if i := bytes.LastIndexByte(col, ')'); i > m[2] && remarkTail.Match(col[i+1:]) {
			col[m[2]], col[i] = ' ', ' '
		}
	}
	// The full stop of the sentence the row ends is not the math's.
	if t := bytes.TrimRight(col, " \t\n"); len(t) > 0 && (t[len(t)-1] == '.' || t[len(t)-1] == ',') {
		col[len(t)-1] = ' '
	}
	pieces := [][]byte{col}
	for _, in := range inline {
		piece := bytes.Repeat([]byte(" "), len(src))
		for i := range piece {
			if src[i] == '\n' {
				piece[i] = '\n'
			}
		}
		copy(piece[in[0]:in[1]], src[in[0]:in[1]])
		pieces = append(pieces, piece)
	}
	return pieces, words
}

// remarkLead is what opens a remark before its words or math.
var remarkLead = lazy(`^\s*(?:&\s*&|\\because|\\q?quad|\\[,;:!]|,)(?:\s*(?:\\q?quad|\\[,;:!]))*`)

// remarkParen opens a remark in brackets; its group is the bracket.
var remarkParen = lazy(`^\s*(?:&\s*&|\\because|\\q?quad|\\[,;:!]|,)(?:\s*(?:\\q?quad|\\[,;:!]))*\s*(\()\s*\\(?:text|mbox|textrm|textit)\s*\{`)

// inlineDollars is inline math in a remark's words: \text{since $a = b$}.
var inlineDollars = lazy(`\$([^$]+)\$`)

// textCommand opens text in math: \text{since }.
var textCommand = lazy(`\\(?:text|mbox|textrm|textit|textbf|textnormal)\s*\{`)

// unbox replaces with spaces the frame of each \boxed{...}, keeping every
// position: a boxed result is a relation like any other, and the reader
// cuts chains only outside braces.
func unbox(src string) string {
	if !strings.Contains(src, `\boxed`) {
		return src
	}
	b := []byte(src)
	for _, m := range boxed.FindAllStringIndex(src, -1) {
		end := closingBrace(src, m[1])
		if end < 0 {
			continue // unbalanced: the reader reports it
		}
		for k := m[0]; k < m[1]; k++ {
			b[k] = ' '
		}
		b[end] = ' '
	}
	return string(b)
}

var boxed = lazy(`\\boxed\s*\{`)

// closingBrace returns the offset of the } that closes the group opened
// just before from, or -1.
func closingBrace(src string, from int) int {
	depth := 1
	for i := from; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++ // \{ and \} are characters, not groups
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return i
			}
		}
	}
	return -1
}

// denotes matches a row that declares notation in words.
var denotes = lazy(`\\text\s*\{\s*denotes\s*\}`)

// remarkOpen opens a \text{...} remark after spacing: \quad \text{(by
// Jensen)}, \qquad \text{\small since $\operatorname{tr}(AB) = k$}.
var remarkOpen = lazy(`(\\q?quad|\\[,;:!]|,)\s*(?:\(\s*)?\\(text|mbox|textrm|textit)\s*\{`)

// remarkTail is what may follow a remark at the end of its row.
var remarkTail = lazy(`^\s*\)?\s*[.,]?\s*$`)

// reasonWords open a remark whose math follows its words: \qquad
// \text{since } b = c. Such a remark runs to the end of its row.
var reasonWords = lazy(`^\s*\(?\s*(?:\\[a-z]+\s*)*(?:since|as|because|by|using|from|where|whenever|when|for|if|with|given|assuming|provided|i\.e\.|e\.g\.)\b`)

// trailingRemarkIn finds a remark that ends row, its braces balanced
// (math inside it may have groups of its own), from its spacing to the
// end of the row; a remark that opens with a reason (since, as, for)
// runs to the end of the row whatever follows it.
func trailingRemarkIn(row string) (from int, ok bool) {
	// Every remark opens with \text... or \mbox: a row without either,
	// as most are, is not scanned at each of its bytes.
	if !strings.Contains(row, `\text`) && !strings.Contains(row, `\mbox`) {
		return 0, false
	}
	for _, m := range remarkOpen.FindAllStringIndex(row, -1) {
		end := closingBrace(row, m[1])
		if end >= 0 && (remarkTail.MatchString(row[end+1:]) || reasonWords.MatchString(row[m[1]:end])) {
			return m[0], true
		}
	}
	return 0, false
}

// texRowsOf cuts math at \\ and at \begin{...} / \end{...} outside braces
// and returns the byte ranges of the rows.
func texRowsOf(src string) [][2]int {
	var rows [][2]int
	depth, start := 0, 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '{':
			depth++
		case '}':
			depth--
		case '\\':
			if depth == 0 && i+1 < len(src) && src[i+1] == '\\' {
				rows = append(rows, [2]int{start, i})
				start = i + 2
			}
			if depth == 0 && (strings.HasPrefix(src[i:], `\end`) || strings.HasPrefix(src[i:], `\begin`)) {
				rows = append(rows, [2]int{start, i})
				start = i
				for start < len(src) && src[start] != '}' {
					start++
				}
				start++
				i = start - 1
				continue
			}
			i++
		}
	}
	if start < len(src) {
		rows = append(rows, [2]int{start, len(src)})
	}
	return rows
}

// ampAmp returns the offset of the && that opens a row's justification
// column, outside braces, or -1.
func ampAmp(row string) int {
	depth := 0
	for i := 0; i < len(row); i++ {
		switch row[i] {
		case '\\':
			i++
		case '{':
			depth++
		case '}':
			depth--
		case '&':
			if depth == 0 && strings.HasPrefix(strings.TrimLeft(row[i+1:], " \t"), "&") {
				return i
			}
		}
	}
	return -1
}
