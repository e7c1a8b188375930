package check

import (
	"slices"
	"strings"
)

// quadSeparator separates two statements in one display, as in
// P(x) \sim N(\mu_p, \sigma_p^2), \quad Q(x) \sim N(\mu_q, \sigma_q^2).
var quadSeparator = lazy(`,\s*\\q?quad\b`)

// spaceSeparator is a comma and a space command, which separates two
// statements ($\alpha > 0,\ \beta > 0$) only after a relation: in
// $a,\ b > 0$ it separates the symbols of a list.
var spaceSeparator = lazy(`,\s*\\[ ,;:]`)

// splitStatements cuts a block at each ", \quad" outside brackets into
// blocks of their own, keeping every position, so that two definitions
// (or two equations) side by side are read one by one rather than as one
// chain whose middle link cannot be read. The blocks are appended to
// out.
func splitStatements(out []Block, b Block, lines *lineIndex, file string) []Block {
	quad := strings.Contains(b.Src, `\quad`) || strings.Contains(b.Src, `\qquad`)
	if !quad && !strings.Contains(b.Src, `,\`) {
		return append(out, b)
	}
	// A display of a LaTeX file keeps its \begin{equation}: the cuts are
	// made in its body, and the pieces are the body's.
	inner, innerEnd := displayBody(b.Src)
	body := b.Src[:innerEnd]
	var cuts [][2]int // the separators at depth 0
	open := func(at int) bool {
		return bracketDepth(body[inner:at]) == 0 && envDepth(body[inner:at]) == 0
	}
	if quad {
		for _, m := range quadSeparator.FindAllStringIndex(body, -1) {
			if m[0] >= inner && open(m[0]) {
				cuts = append(cuts, [2]int{m[0], m[1]})
			}
		}
	}
	from := inner
	for _, m := range spaceSeparator.FindAllStringIndex(body, -1) {
		if m[0] >= inner && open(m[0]) && mayState.MatchString(body[from:m[0]]) && !slices.ContainsFunc(cuts, func(c [2]int) bool { return c[0] == m[0] }) {
			cuts = append(cuts, [2]int{m[0], m[1]})
			from = m[1]
		}
	}
	slices.SortFunc(cuts, func(a, b [2]int) int { return a[0] - b[0] })
	if len(cuts) == 0 {
		return append(out, b)
	}
	base := lines.offset(b.Pos)
	from = inner
	for _, c := range append(cuts, [2]int{innerEnd, innerEnd}) {
		part := b
		part.Src = b.Src[from:c[0]]
		part.Pos = lines.pos(file, base+from)
		if from > 0 {
			part.start = base + from
		}
		if c[0] < len(b.Src) {
			part.end = base + c[0]
		}
		if c[0] == innerEnd {
			part.end = b.end
		}
		out = append(out, part)
		from = c[1]
	}
	return out
}

// bracketDepth is the nesting of braces, parentheses and brackets open at
// the end of src; \{ and \} count as characters.
func bracketDepth(src string) int {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\\':
			i++
		case '{', '(', '[':
			depth++
		case '}', ')', ']':
			depth--
		}
	}
	return depth
}

// envDepth is the nesting of environments open at the end of src: a
// display of a LaTeX file keeps its \begin{equation}, and a cut inside
// it would leave each piece half an environment.
func envDepth(src string) int {
	return strings.Count(src, `\begin{`) - strings.Count(src, `\end{`)
}

// displayBody is where the body of a display environment that wraps the
// whole of src (equation, equation*, displaymath) starts and ends; all of
// src for any other.
func displayBody(src string) (start, end int) {
	m := wrappingDisplay.FindStringSubmatchIndex(src)
	if m == nil || src[m[2]:m[3]] != src[m[6]:m[7]] {
		return 0, len(src)
	}
	return m[4], m[5]
}

// wrappingDisplay is an environment around the whole of a display.
var wrappingDisplay = lazy(`^\s*\\begin\{(equation\*?|displaymath)\}((?s).*)\\end\{(equation\*?|displaymath)\}\s*$`)
