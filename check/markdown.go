package check

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/klderive/klderive/internal/once"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// markdownParser finds math the way Hugo and GitHub do: goldmark parses
// the document (so math in code spans and code blocks is left alone) and
// the passthrough extension delimits $...$, $$...$$, \(...\) and \[...\].
// It is built on first use, as a run that reads no Markdown needs none.
var markdownParser = once.Value[goldmark.Markdown]{New: func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(passthrough.New(passthrough.Config{
		InlineDelimiters: []passthrough.Delimiters{{Open: "$", Close: "$"}, {Open: `\(`, Close: `\)`}},
		BlockDelimiters:  []passthrough.Delimiters{{Open: "$$", Close: "$$"}, {Open: `\[`, Close: `\]`}},
	})))
}}

// mathFences are the fenced-block languages that hold math.
var mathFences = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"math": true, "latex": true, "tex": true, "katex": true, "mathjax": true}
}}

// codeFences are languages that are code, never math, whatever their
// content looks like.
var codeFences = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"python": true, "py": true, "go": true, "js": true, "javascript": true, "ts": true,
		"typescript": true, "sh": true, "bash": true, "shell": true, "console": true,
		"c": true, "cpp": true, "c++": true, "java": true, "rust": true, "r": true,
		"julia": true, "matlab": true, "json": true, "yaml": true, "toml": true,
		"html": true, "css": true, "sql": true, "text": true, "txt": true, "plain": true,
		"markdown": true, "md": true, "diff": true, "kl": true,
	}
}}

// texCommands are commands that only LaTeX math uses: a fenced block in
// an unknown language that uses one of them is math (```meth, say, which
// some KaTeX page scripts render).
var texCommands = lazy(`\\(frac|int|sum|prod|mathbb|mathcal|log|exp|sigma|mu|langle|sqrt|left|begin\{(aligned|align\*?|equation\*?|gather\*?|split)\})\b`)

// readMarkdown collects the math and the klderive blocks of a Markdown
// document. Math in an HTML block (<div align="center">$$…$$</div>) is
// rendered by MathJax and KaTeX's auto-render, so it is read too, by the
// delimiters alone as in a .tex file: Markdown does not apply there.
func readMarkdown(s *Source, lines *lineIndex) {
	html := readMarkdownText(s, lines)
	if len(html) == 0 {
		return
	}
	read := append([]Block(nil), s.Math...)
	sort.Slice(read, func(i, j int) bool { return read[i].start < read[j].start })
	for _, h := range html {
		more := &Source{File: s.File}
		readTeXText(more, lines, htmlMath(s.Text, h))
		for _, b := range more.Math {
			// Display math taken out before parsing may end inside an
			// HTML block: it is read once.
			i := sort.Search(len(read), func(i int) bool { return read[i].start > b.start })
			if i == 0 || read[i-1].end <= b.start {
				s.Math = append(s.Math, b)
			}
		}
	}
}

// readMarkdownText reads the document as Markdown and returns the byte
// ranges of its HTML blocks other than comments.
func readMarkdownText(s *Source, lines *lineIndex) [][2]int {
	txt := s.Text
	var src []byte // the text unmasked, for fences: made when one is met
	// Display math that spans lines is taken out first, as Markdown
	// renderers with math do: a row that begins with + or - would
	// otherwise start a list and break the block.
	masked := []byte(txt)
	for _, d := range displayBlocks(txt) {
		s.Math = append(s.Math, Block{Src: txt[d.from:d.to], Pos: lines.pos(s.File, d.from), Display: true,
			Unclosed: d.unclosed, start: d.start, end: d.end})
		if d.unclosed {
			continue // left to the Markdown parser, which may find inline math in it
		}
		for i := d.start; i < d.end; i++ {
			if masked[i] != '\n' {
				masked[i] = ' '
			}
		}
	}
	doc := markdownParser.Get().Parser().Parse(text.NewReader(masked))
	guessed := map[string][]int{}
	defer func() { s.Notes = append(s.Notes, guessNotes(guessed)...) }()
	add := func(seg text.Segment, d *passthrough.Delimiters, display bool) {
		start, end := seg.Start+len(d.Open), seg.Stop-len(d.Close)
		if end < start {
			return
		}
		s.Math = append(s.Math, Block{Src: txt[start:end], Pos: lines.pos(s.File, start),
			Display: display, start: seg.Start, end: seg.Stop})
	}
	var html [][2]int
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		s.markdownOutline(n)
		switch n := n.(type) {
		case *passthrough.PassthroughInline:
			add(n.Segment, n.Delimiters, n.Delimiters.Open == "$$" || n.Delimiters.Open == `\[`)
		case *passthrough.PassthroughBlock:
			if n.Lines().Len() > 0 {
				add(n.Lines().At(0), n.Delimiters, true)
			}
			return ast.WalkSkipChildren, nil
		case *ast.FencedCodeBlock:
			if src == nil {
				src = []byte(txt)
			}
			readFence(s, lines, n, src, guessed)
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock:
			if segs := n.Lines(); n.HTMLBlockType != ast.HTMLBlockType2 && segs.Len() > 0 {
				html = append(html, [2]int{segs.At(0).Start, max(segs.At(segs.Len()-1).Stop, n.ClosureLine.Stop)})
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	s.outline.sortUnits()
	return html
}

// htmlTag is an HTML tag or comment; a tag's name must follow < at
// once, so that $a < b$ and $c > d$ stay math.
var htmlTag = lazy(`<!--[\s\S]*?-->|</?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?/?>`)

// htmlMath is the document with all but the HTML block at h blanked,
// and the block's tags and comments blanked too; newlines stay, and so do
// offsets.
func htmlMath(doc string, h [2]int) string {
	b := []byte(doc)
	blank := func(from, to int) {
		for i := from; i < to; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	blank(0, h[0])
	blank(h[1], len(b))
	for _, m := range htmlTag.FindAllStringIndex(doc[h[0]:h[1]], -1) {
		blank(h[0]+m[0], h[0]+m[1])
	}
	return string(b)
}

// readFence reads a fenced block: klderive statements, math, or a block
// in an unknown language whose content is LaTeX math.
func readFence(s *Source, lines *lineIndex, n *ast.FencedCodeBlock, src []byte, guessed map[string][]int) {
	segs := n.Lines()
	if segs.Len() == 0 {
		return
	}
	lang := strings.ToLower(string(n.Language(src)))
	// The content keeps its file positions: bytes between the lines'
	// segments (a list's indentation, a quote's >) become spaces.
	lo, hi := len(src), 0
	for i := 0; i < segs.Len(); i++ {
		g := segs.At(i)
		if g.Start < g.Stop {
			lo, hi = min(lo, g.Start), max(hi, g.Stop)
		}
	}
	if lo >= hi {
		return
	}
	body := []byte(s.Text[lo:hi])
	for i, c := range body {
		if c != '\n' {
			body[i] = ' '
		}
	}
	for i := 0; i < segs.Len(); i++ {
		if g := segs.At(i); g.Start < g.Stop {
			copy(body[g.Start-lo:], src[g.Start:g.Stop])
		}
	}
	b := Block{Src: string(body), Pos: lines.pos(s.File, lo), Display: true, start: lo, end: hi}
	if n.Info != nil {
		b.start = n.Info.Segment.Start
	}
	switch {
	case lang == "klderive":
		s.KL = append(s.KL, b)
	case mathFences.Get()[lang]:
		s.Math = append(s.Math, b)
	case !codeFences.Get()[lang] && texCommands.MatchString(b.Src):
		s.Math = append(s.Math, b)
		guessed[lang] = append(guessed[lang], b.Pos.Line-1) // the line of the opening fence
	}
}

// guessNotes says which fenced blocks in unknown languages were read as
// math, one note per language.
func guessNotes(guessed map[string][]int) []string {
	var langs []string
	for l := range guessed {
		langs = append(langs, l)
	}
	sort.Strings(langs)
	var notes []string
	for _, l := range langs {
		name := "```" + l + " blocks"
		if l == "" {
			name = "fenced blocks without a language"
		}
		var at []string
		for _, n := range guessed[l] {
			at = append(at, strconv.Itoa(n))
		}
		where := "lines " + strings.Join(at, ", ")
		if len(at) == 1 {
			where = "line " + at[0]
		}
		notes = append(notes, fmt.Sprintf("%s (%s) are read as LaTeX math: the language is not a known one and the content uses LaTeX math commands",
			name, where))
	}
	return notes
}

// display is display math found before parsing: the delimited block
// spans start:end, its math from:to.
type display struct {
	start, from, to, end int
	unclosed             bool // not closed before a blank line: to and end are where it breaks
}

// displayOpeners open display math that may span lines: $$, \[, and the
// environments MathJax and KaTeX read outside delimiters.
var displayOpeners = lazy(`\$\$|\\\[|\\begin\{(equation|align|gather|multline|eqnarray)\*?\}`)

var blankLine = lazy(`\n[ \t]*\n`)

// displayBlocks finds display math that opens on one line and closes on a
// later one, before a blank line, outside fenced code and code spans.
func displayBlocks(src string) []display {
	var out []display
	inFence := ""
	for off := 0; off < len(src); {
		end := strings.IndexByte(src[off:], '\n')
		if end < 0 {
			end = len(src)
		} else {
			end += off
		}
		line := src[off:end]
		trimmed := strings.TrimLeft(line, " ")
		switch {
		case inFence != "":
			if strings.HasPrefix(trimmed, inFence) {
				inFence = ""
			}
		case strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~"):
			inFence = trimmed[:3]
		case len(line)-len(trimmed) < 4:
			if d, ok := openDisplay(src, off, end); ok {
				out = append(out, d)
				off = d.end
				continue
			}
		}
		off = end + 1
	}
	return out
}

// openDisplay looks in the line src[off:end] for display math left open
// at the line's end, and finds where it closes.
func openDisplay(src string, off, end int) (display, bool) {
	line := src[off:end]
	// next is where the first opener at or after i starts, found once and
	// again only after i passes it: searching afresh at every i would
	// cost the square of the line's length.
	next, nextEnd := -1, -1
	for i := 0; i < len(line); {
		if next < i {
			loc := displayOpeners.FindStringIndex(line[i:])
			if loc == nil {
				return display{}, false
			}
			next, nextEnd = i+loc[0], i+loc[1]
		}
		if line[i] == '`' { // a code span: skip to its end
			j := strings.IndexByte(line[i+1:], '`')
			if j < 0 {
				return display{}, false
			}
			i += j + 2
			continue
		}
		if line[i] == '\\' && i+1 < len(line) && line[i+1] == '$' {
			i += 2
			continue
		}
		if next != i {
			if line[i] == '$' && !strings.HasPrefix(line[i:], "$$") {
				// Inline math: skip to its closing $.
				j := strings.IndexByte(line[i+1:], '$')
				if j < 0 {
					return display{}, false
				}
				i += j + 2
				continue
			}
			i++
			continue
		}
		opener := line[i:nextEnd]
		closer := map[string]string{"$$": "$$", `\[`: `\]`}[opener]
		if closer == "" {
			closer = `\end{` + strings.TrimPrefix(opener, `\begin{`)
		}
		start, from := off+i, off+i+len(opener)
		if strings.HasPrefix(opener, `\begin`) {
			from = start // the reader reads the environment itself
		}
		if k := strings.Index(src[off+i+len(opener):end], closer); k >= 0 {
			if strings.HasPrefix(opener, `\begin`) {
				// An environment on one line: the Markdown parser does
				// not know environments, so it is taken here.
				stop := off + i + len(opener) + k + len(closer)
				return display{start: start, from: start, to: stop, end: stop}, true
			}
			// $$ or \[ closed on the same line: inline-style, for the
			// Markdown parser; look further along the line.
			i += len(opener) + k + len(closer)
			continue
		}
		// Open at the end of the line: it must close before a blank line.
		rest := src[end:]
		stop := len(rest)
		if blank := blankLine.FindStringIndex(rest); blank != nil {
			stop = blank[0]
		}
		k := strings.Index(rest[:stop], closer)
		if k < 0 {
			// A renderer does not read it as math either, but what it
			// states must not pass unnoticed.
			return display{start: start, from: from, to: end + stop, end: end + stop, unclosed: true}, true
		}
		to := end + k
		if strings.HasPrefix(opener, `\begin`) {
			to += len(closer)
		}
		return display{start: start, from: from, to: to, end: end + k + len(closer)}, true
	}
	return display{}, false
}
