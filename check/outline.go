package check

import (
	"sort"
	"strings"

	"github.com/gohugoio/hugo-goldmark-extensions/passthrough"
	"github.com/yuin/goldmark/ast"
)

// The outline of a document is what bounds the scope of a condition it
// states (see scope.go): its section headings, and the units a
// condition stated inside cannot outlive, a list item or a LaTeX
// environment ("\item If $a > 0$ …", "\begin{lemma} For $a > 0$ …").

// outline holds byte offsets into the document's text.
type outline struct {
	heads []int    // where each section heading starts, in order
	units [][2]int // the byte range of each list item and environment
}

// headAfter is the offset of the first heading after off, or end.
func (o *outline) headAfter(off, end int) int {
	i := sort.SearchInts(o.heads, off+1)
	if i < len(o.heads) {
		return o.heads[i]
	}
	return end
}

// headBetween reports whether a heading starts in [from, to).
func (o *outline) headBetween(from, to int) bool {
	i := sort.SearchInts(o.heads, from)
	return i < len(o.heads) && o.heads[i] < to
}

// beforeFirstHead reports whether off is in the preamble: before every
// heading.
func (o *outline) beforeFirstHead(off int) bool { return len(o.heads) == 0 || off < o.heads[0] }

// Markdown: headings and list items from goldmark's tree.

// markdownOutline records a heading or a list item of the tree.
func (s *Source) markdownOutline(n ast.Node) {
	switch n := n.(type) {
	case *ast.Heading:
		// From the start of its line: the marks before its text are
		// the heading's too.
		if at := nodeStart(n); at >= 0 {
			s.outline.heads = append(s.outline.heads, strings.LastIndexByte(s.Text[:at], '\n')+1)
		}
	case *ast.ListItem:
		// An item runs to the next item of its list, or to whatever
		// follows the list: display math taken out before parsing (see
		// readMarkdownText) is blank lines inside the item.
		if at := nodeStart(n); at >= 0 {
			s.outline.units = append(s.outline.units, [2]int{at, following(n, len(s.Text))})
		}
	}
}

// nodeStart is the offset of the first text of a node, or -1.
func nodeStart(n ast.Node) int {
	if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	switch n := n.(type) {
	case *ast.Text:
		return n.Segment.Start
	case *passthrough.PassthroughInline:
		return n.Segment.Start
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		if at := nodeStart(ch); at >= 0 {
			return at
		}
	}
	return -1
}

// following is where the first node after n in the document starts, or
// end.
func following(n ast.Node, end int) int {
	for ; n != nil; n = n.Parent() {
		for next := n.NextSibling(); next != nil; next = next.NextSibling() {
			if at := nodeStart(next); at >= 0 {
				return at
			}
		}
	}
	return end
}

// LaTeX: sectioning commands, \item and environments, met as readTeXText
// walks the text.

var (
	texHeading = lazy(`^\\(?:part|chapter|section|subsection|subsubsection|paragraph|subparagraph)\b\*?`)
	texItem    = lazy(`^\\item\b`)
	texEnd     = lazy(`^\\end\s*\{([a-zA-Z]+\*?)\}`)
)

// texLists are the environments whose items are units of their own.
var texLists = map[string]bool{"itemize": true, "enumerate": true, "description": true}

// texOutliner builds the outline of a LaTeX text as it is read.
type texOutliner struct {
	o    *outline
	open []texEnv // the environments open, innermost last
}

type texEnv struct {
	name  string
	start int
	item  int // where the current \item of a list starts, or -1
}

// command notes the outline command at src[i:], if it is one, and
// returns its length (0 when it is none).
func (t *texOutliner) command(src string, i int) int {
	rest := src[i:]
	if m := texHeading.FindStringIndex(rest); m != nil {
		t.o.heads = append(t.o.heads, i)
		return m[1]
	}
	if m := texItem.FindStringIndex(rest); m != nil {
		if k := len(t.open) - 1; k >= 0 && texLists[t.open[k].name] {
			if t.open[k].item >= 0 {
				t.o.units = append(t.o.units, [2]int{t.open[k].item, i})
			}
			t.open[k].item = i
		}
		return m[1]
	}
	if m := texEnd.FindStringSubmatchIndex(rest); m != nil {
		name := rest[m[2]:m[3]]
		for k := len(t.open) - 1; k >= 0; k-- {
			if t.open[k].name == name {
				for _, e := range t.open[k:] {
					t.close(e, i+m[1])
				}
				t.open = t.open[:k]
				break
			}
		}
		return m[1]
	}
	return 0
}

// begin opens an environment that is not math: its text is read on.
func (t *texOutliner) begin(name string, at int) {
	if name != "document" {
		t.open = append(t.open, texEnv{name: name, start: at, item: -1})
	}
}

// close ends an environment, and its last item, at end.
func (t *texOutliner) close(e texEnv, end int) {
	if e.item >= 0 {
		t.o.units = append(t.o.units, [2]int{e.item, end})
	}
	t.o.units = append(t.o.units, [2]int{e.start, end})
}

// finish closes what the text leaves open.
func (t *texOutliner) finish(end int) {
	for _, e := range t.open {
		t.close(e, end)
	}
	t.open = nil
}

// sortUnits orders the units by start, the outer first where two start
// together, as innermost (scope.go) walks them.
func (o *outline) sortUnits() {
	sort.Slice(o.units, func(i, j int) bool {
		a, b := o.units[i], o.units[j]
		return a[0] < b[0] || a[0] == b[0] && a[1] > b[1]
	})
}

// unitEnds gives, for each offset of offs (ascending), the end of the
// innermost unit holding it, or -1 when none does. Units nest, so a
// stack of the units open at an offset finds it in one pass.
func (o *outline) unitEnds(offs []int) []int {
	out := make([]int, len(offs))
	var stack [][2]int
	u := 0
	for k, off := range offs {
		for u < len(o.units) && o.units[u][0] <= off {
			for len(stack) > 0 && stack[len(stack)-1][1] <= o.units[u][0] {
				stack = stack[:len(stack)-1]
			}
			stack = append(stack, o.units[u])
			u++
		}
		for len(stack) > 0 && stack[len(stack)-1][1] <= off {
			stack = stack[:len(stack)-1]
		}
		out[k] = -1
		if len(stack) > 0 {
			out[k] = stack[len(stack)-1][1]
		}
	}
	return out
}
