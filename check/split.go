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
	var cuts [][2]int // the separators at depth 0
	if quad {
		for _, m := range quadSeparator.FindAllStringIndex(b.Src, -1) {
			if bracketDepth(b.Src[:m[0]]) == 0 {
				cuts = append(cuts, [2]int{m[0], m[1]})
			}
		}
	}
	from := 0
	for _, m := range spaceSeparator.FindAllStringIndex(b.Src, -1) {
		if bracketDepth(b.Src[:m[0]]) == 0 && mayState.MatchString(b.Src[from:m[0]]) && !slices.ContainsFunc(cuts, func(c [2]int) bool { return c[0] == m[0] }) {
			cuts = append(cuts, [2]int{m[0], m[1]})
			from = m[1]
		}
	}
	slices.SortFunc(cuts, func(a, b [2]int) int { return a[0] - b[0] })
	if len(cuts) == 0 {
		return append(out, b)
	}
	base := lines.offset(b.Pos)
	from = 0
	for _, c := range append(cuts, [2]int{len(b.Src), len(b.Src)}) {
		part := b
		part.Src = b.Src[from:c[0]]
		part.Pos = lines.pos(file, base+from)
		if from > 0 {
			part.start = base + from
		}
		if c[0] < len(b.Src) {
			part.end = base + c[0]
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
