package latex

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"strings"
	"unicode/utf8"
)

// This file holds the tokenizer of the LaTeX reader and the passes that
// strip layout (spacing, sizes, \left and \right, labels) and cut a block
// of math into rows at \\ and alignment environments. latex.go splits the
// rows into chains and the other latex_*.go files parse them.

type texKind uint8

const (
	texEOF    texKind = iota
	texNum            // 12, 0.5
	texLetter         // one letter: x, σ, or σ₁ with Unicode subscript digits
	texCmd            // \frac, \, or \\; a Unicode alias such as ∫ is spelled \int
	texPunct          // one character: + ( { | & ...
)

// texTok is one token. Tokens remember their byte range in the source, so
// the argument of \text{...} can be read as written.
type texTok struct {
	text      string
	off, end  int32 // byte offsets in the source
	line, col int32 // the file position of the first character
	kind      texKind
	space     bool // white space came before it
	// open and close record a \left, \bigl, \right or \bigr before a
	// delimiter, which tells an opening | from a closing one.
	open, close bool
}

// at is the token's position in file.
func (t texTok) at(file string) expr.Pos {
	return expr.Pos{File: file, Line: int(t.line), Col: int(t.col)}
}

func (t texTok) is(s string) bool {
	return (t.kind == texPunct || t.kind == texCmd) && t.text == s
}

// texAlias spells Unicode math characters as the commands they stand for.
var texAlias = once.Value[map[rune]string]{New: func() map[rune]string {
	return map[rune]string{
		'−': "-", '·': `\cdot`, '×': `\times`, '∫': `\int`, '∑': `\sum`, '∏': `\prod`,
		'∞': `\infty`, '≤': `\leq`, '≥': `\geq`, '≠': `\neq`, '≈': `\approx`, '∼': `\sim`,
		'‖': `\|`, '⟨': `\langle`, '⟩': `\rangle`, '…': `\ldots`, '⋯': `\cdots`,
		'∈': `\in`, '±': `\pm`, '√': `\sqrt`, '∣': `\mid`,
	}
}}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// lexTeX splits src into tokens ending with an EOF token, appended to
// buf[:0]. Positions are file positions: src starts at opt.Line, opt.Col.
func lexTeX(src string, opt Options, buf []texTok) ([]texTok, error) {
	line, col := opt.Line, opt.Col
	toks := buf[:0]
	if n := len(src)/4 + 16; cap(toks) < n {
		toks = make([]texTok, 0, n)
	}
	space := false
	i := 0
	// step moves past src[i:j], keeping line and column.
	step := func(j int) {
		for _, r := range src[i:j] {
			if r == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		i = j
	}
	emit := func(kind texKind, text string, j int) {
		toks = append(toks, texTok{kind: kind, text: text, off: int32(i), end: int32(j),
			line: int32(line), col: int32(col), space: space})
		space = false
		step(j)
	}
	for i < len(src) {
		c := src[i]
		r, w := utf8.DecodeRuneInString(src[i:])
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			space = true
			step(i + 1)
		case c == '%': // a comment runs to the end of the line
			j := strings.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			space = true
			step(i + j)
		case c == '\\':
			j := i + 1
			for j < len(src) && isASCIILetter(src[j]) {
				j++
			}
			if j == i+1 {
				if j == len(src) {
					return nil, expr.Errorf(expr.Pos{File: opt.File, Line: line, Col: col}, "a lone backslash at the end of the math")
				}
				_, w := utf8.DecodeRuneInString(src[j:])
				j += w
			}
			text := src[i:j]
			if strings.ContainsAny(text[1:], " \t\r\n") {
				text = `\ ` // a control space
			}
			emit(texCmd, text, j)
		case c >= '0' && c <= '9':
			j := i
			for j < len(src) && src[j] >= '0' && src[j] <= '9' {
				j++
			}
			if j+1 < len(src) && src[j] == '.' && src[j+1] >= '0' && src[j+1] <= '9' {
				j++
				for j < len(src) && src[j] >= '0' && src[j] <= '9' {
					j++
				}
			}
			emit(texNum, src[i:j], j)
		case isASCIILetter(c) || expr.GreekName(r) != "":
			j := i + w
			for j < len(src) {
				s, sw := utf8.DecodeRuneInString(src[j:])
				if s < '₀' || s > '₉' {
					break
				}
				j += sw
			}
			emit(texLetter, src[i:j], j)
		case texAlias.Get()[r] != "":
			a := texAlias.Get()[r]
			kind := texCmd
			if a[0] != '\\' {
				kind = texPunct
			}
			emit(kind, a, i+w)
		default:
			emit(texPunct, src[i:i+w], i+w)
		}
	}
	toks = append(toks, texTok{kind: texEOF, off: int32(len(src)), end: int32(len(src)),
		line: int32(line), col: int32(col), space: space})
	return toks, nil
}

// texDropped are layout commands without arguments: spacing, sizes,
// styles and equation numbering.
var texDropped = once.Value[map[string]bool]{New: func() map[string]bool {
	return setOf(`\,`, `\;`, `\:`, `\!`, `\ `, `\>`, `\quad`, `\qquad`,
		`\enspace`, `\thinspace`, `\medspace`, `\thickspace`, `\negthinspace`,
		`\negmedspace`, `\negthickspace`, `\displaystyle`, `\textstyle`,
		`\scriptstyle`, `\scriptscriptstyle`, `\tiny`, `\scriptsize`,
		`\footnotesize`, `\small`, `\normalsize`, `\large`, `\Large`, `\LARGE`,
		`\huge`, `\Huge`, `\limits`, `\nolimits`, `\nonumber`, `\notag`,
		`\big`, `\Big`, `\bigg`, `\Bigg`, `\bigm`, `\Bigm`, `\biggm`, `\Biggm`,
		`\middle`, `\allowbreak`, `\mathstrut`, `\therefore`)
}}

// texDroppedArg are layout commands with one braced argument.
var texDroppedArg = once.Value[map[string]bool]{New: func() map[string]bool {
	return setOf(`\label`, `\tag`, `\hspace`, `\vspace`, `\phantom`,
		`\hphantom`, `\vphantom`, `\eqref`, `\ref`)
}}

var (
	texOpeners = once.Value[map[string]bool]{New: func() map[string]bool {
		return setOf(`\left`, `\bigl`, `\Bigl`, `\biggl`, `\Biggl`)
	}}
	texClosers = once.Value[map[string]bool]{New: func() map[string]bool {
		return setOf(`\right`, `\bigr`, `\Bigr`, `\biggr`, `\Biggr`)
	}}
)

// groupEnd returns the index of the } that closes the { at i, or -1.
func groupEnd(toks []texTok, i int) int {
	depth := 0
	for j := i; j < len(toks) && toks[j].kind != texEOF; j++ {
		switch {
		case toks[j].is("{"):
			depth++
		case toks[j].is("}"):
			if depth--; depth == 0 {
				return j
			}
		}
	}
	return -1
}

// texOldStyle are the plain-TeX font switches, written inside a brace,
// and the commands that take their argument.
var texOldStyle = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{`\rm`: `\mathrm`, `\bf`: `\mathbf`, `\it`: `\mathit`}
}}

// texRename spells delimiter commands as the characters the parser knows.
var texRename = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		`\vert`: "|", `\lvert`: "|", `\rvert`: "|", `\Vert`: `\|`, `\lVert`: `\|`,
		`\rVert`: `\|`, `\lbrack`: "[", `\rbrack`: "]", `\lbrace`: `\{`, `\rbrace`: `\}`,
		`\lparen`: "(", `\rparen`: ")", `\le`: `\leq`, `\ge`: `\geq`, `\ne`: `\neq`,
		`\leqslant`: `\leq`, `\geqslant`: `\geq`, `\ln`: `\log`, `\dfrac`: `\frac`,
		`\tfrac`: `\frac`, `\cfrac`: `\frac`, `\dbinom`: `\binom`, `\tbinom`: `\binom`, `\newline`: `\\`,
	}
}}

// texLayoutRole is what texLayout does with a command: the tables above
// merged, so that a command costs one look-up rather than one a table.
type texLayoutRole struct {
	dropped, droppedArg, opener, closer bool
	oldStyle, rename                    string // "" when it has none
}

var texLayoutRoles = once.Value[map[string]texLayoutRole]{New: func() map[string]texLayoutRole {
	roles := map[string]texLayoutRole{}
	set := func(names map[string]bool, mark func(*texLayoutRole)) {
		for name := range names {
			r := roles[name]
			mark(&r)
			roles[name] = r
		}
	}
	set(texDropped.Get(), func(r *texLayoutRole) { r.dropped = true })
	set(texDroppedArg.Get(), func(r *texLayoutRole) { r.droppedArg = true })
	set(texOpeners.Get(), func(r *texLayoutRole) { r.opener = true })
	set(texClosers.Get(), func(r *texLayoutRole) { r.closer = true })
	for name, to := range texOldStyle.Get() {
		r := roles[name]
		r.oldStyle = to
		roles[name] = r
	}
	for name, to := range texRename.Get() {
		r := roles[name]
		r.rename = to
		roles[name] = r
	}
	return roles
}}

func setOf(s ...string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, x := range s {
		m[x] = true
	}
	return m
}

// texLayout removes layout tokens and marks the delimiters that \left,
// \right and their kin introduce. It works in place: no token yields
// more than one (a font switch moves before its brace, which it then
// replaces), so the output never overtakes the token being read, and the
// tokens after it, which some cases look ahead at, are still intact.
func texLayout(file string, toks []texTok) ([]texTok, error) {
	out := toks[:0]
	open, close := false, false
	roles := texLayoutRoles.Get()
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		var role texLayoutRole
		if t.kind == texCmd {
			role = roles[t.text]
		}
		if t.kind == texPunct && t.text == "~" || role.dropped {
			continue
		}
		if role.droppedArg {
			j := i + 1
			if toks[j].is("*") { // \tag*{...}
				j++
			}
			if !toks[j].is("{") {
				return nil, expr.Errorf(t.at(file), "expected { after %s", t.text)
			}
			depth := 0
			for ; toks[j].kind != texEOF; j++ {
				if toks[j].is("{") {
					depth++
				} else if toks[j].is("}") {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if toks[j].kind == texEOF {
				return nil, expr.Errorf(toks[i+1].at(file), "unbalanced braces: { is never closed")
			}
			i = j
			continue
		}
		if role.opener || role.closer {
			d := toks[i+1]
			if d.kind == texEOF {
				return nil, expr.Errorf(t.at(file), "%s without a delimiter", t.text)
			}
			if d.is(".") { // \left. and \right. are invisible
				i++
				continue
			}
			open, close = role.opener, role.closer
			continue
		}
		if (t.is(`\stackrel`) || t.is(`\overset`)) && toks[i+1].is("{") {
			// \stackrel{(1)}{=} is the relation, its label a remark.
			if j := groupEnd(toks, i+1); j > 0 && j+3 < len(toks) && toks[j+1].is("{") && toks[j+3].is("}") && toks[j+2].kind != texEOF {
				rel := toks[j+2]
				rel.space = t.space
				out = append(out, rel)
				i = j + 3
				continue
			}
		}
		if t.is(`\mid`) && toks[i+1].is(`\mid`) {
			t.text = `\|` // p \mid\mid q is p \| q
			i++
		}
		if role.oldStyle != "" && len(out) > 0 && out[len(out)-1].is("{") {
			// {\rm d} is \mathrm{d}: the command moves before the brace.
			// The brace's text starts after the switch, for the readers
			// of a raw argument.
			brace := out[len(out)-1]
			out = append(out[:len(out)-1], texTok{kind: texCmd, text: role.oldStyle,
				off: brace.off, end: brace.off, line: brace.line, col: brace.col, space: brace.space}, brace)
			out[len(out)-1].end = t.end
			continue
		}
		if r := role.rename; r != "" {
			t.text = r
			if r[0] != '\\' {
				t.kind = texPunct
			}
		}
		t.open, t.close = open, close
		open, close = false, false
		out = append(out, t)
	}
	return out, nil
}

// texLayoutEnvs are the environments that only arrange rows; their \\
// and & are layout. Other environments (pmatrix) belong to the math.
var texLayoutEnvs = once.Value[map[string]bool]{New: func() map[string]bool {
	return setOf("aligned", "align", "align*", "alignat", "alignat*",
		"alignedat", "split", "gather", "gather*", "gathered", "equation",
		"equation*", "multline", "multline*", "eqnarray", "eqnarray*", "flalign",
		"flalign*", "displaymath", "math")
}}

// texRow is one row of a block: the tokens between two row breaks.
type texRow struct {
	toks       []texTok
	start, end int  // toks is kept[start:end] of texRows
	amp        bool // the row begins at an alignment point &
}

// texEnvName reads the {name} after \begin or \end at toks[i]; it
// returns the name and the index after the closing brace.
func texEnvName(file, src string, toks []texTok, i int) (string, int, error) {
	j := i + 1
	if !toks[j].is("{") {
		return "", 0, expr.Errorf(toks[i].at(file), "expected {name} after %s", toks[i].text)
	}
	k := j + 1
	for k < len(toks) && (toks[k].kind == texLetter || toks[k].is("*")) {
		k++
	}
	if k == j+1 || !toks[k].is("}") {
		return "", 0, expr.Errorf(toks[j].at(file), "expected an environment name after %s", toks[i].text)
	}
	return strings.TrimSpace(src[toks[j].end:toks[k].off]), k + 1, nil
}

// texLength reports whether toks[i:] starts with a bracketed length such
// as [10px], the optional argument of \\; it returns its end.
func texLength(toks []texTok, i int) (int, bool) {
	if !toks[i].is("[") || toks[i].space {
		return 0, false
	}
	j := i + 1
	if toks[j].is("-") {
		j++
	}
	if toks[j].kind != texNum {
		return 0, false
	}
	j++
	for n := 0; n < 2 && toks[j].kind == texLetter; n++ {
		j++
	}
	if !toks[j].is("]") {
		return 0, false
	}
	return j + 1, true
}

// texRows checks that braces and environments balance and cuts the
// tokens into rows at \\ and at the edges of layout environments. The
// rows are cut from toks itself, in place, as texLayout works, and
// listed in rows, a buffer to reuse.
func texRows(file, src string, toks []texTok, rows []texRow) ([]texRow, error) {
	var braces []int
	for i, t := range toks {
		if t.kind != texPunct && t.kind != texCmd {
			continue
		}
		if t.text == "{" {
			braces = append(braces, i)
		} else if t.text == "}" {
			if len(braces) == 0 {
				return nil, expr.Errorf(t.at(file), "unbalanced braces: } without a matching {")
			}
			braces = braces[:len(braces)-1]
		}
	}
	if len(braces) > 0 {
		return nil, expr.Errorf(toks[braces[len(braces)-1]].at(file), "unbalanced braces: { is never closed")
	}
	type env struct {
		name   string
		layout bool
		tok    texTok
	}
	var envs []env
	depth, inner := 0, 0 // brace depth; open environments that are not layout
	// Rows are ranges of one slice of kept tokens, which are toks less
	// the layout, written over toks behind the token being read.
	kept := toks[:0]
	rows = append(rows[:0], texRow{})
	newRow := func() {
		if r := &rows[len(rows)-1]; r.end > r.start {
			rows = append(rows, texRow{start: len(kept), end: len(kept)})
		} else {
			r.amp = false
		}
	}
	for i := 0; i < len(toks) && toks[i].kind != texEOF; i++ {
		t := toks[i]
		row := &rows[len(rows)-1]
		// One switch on the text of a bracket, command or & rather than
		// a comparison for each: this loop meets every token.
		sym := ""
		if t.kind == texPunct || t.kind == texCmd {
			sym = t.text
		}
		switch sym {
		case "{":
			depth++
		case "}":
			depth--
		case `\begin`, `\end`:
			name, next, err := texEnvName(file, src, toks, i)
			if err != nil {
				return nil, err
			}
			layout := false
			if sym == `\begin` {
				layout = depth == 0 && inner == 0 && texLayoutEnvs.Get()[name]
				envs = append(envs, env{name, layout, t})
				if !layout {
					inner++
				} else if strings.HasPrefix(name, "alignat") || name == "alignedat" {
					if toks[next].is("{") { // the column count
						for next < len(toks) && !toks[next].is("}") {
							next++
						}
						next++
					}
				}
			} else {
				if len(envs) == 0 {
					return nil, expr.Errorf(t.at(file), "\\end{%s} without a \\begin", name)
				}
				top := envs[len(envs)-1]
				if top.name != name {
					return nil, expr.Errorf(t.at(file), "\\end{%s} does not match \\begin{%s} at %d:%d", name, top.name, top.tok.line, top.tok.col)
				}
				envs = envs[:len(envs)-1]
				layout = top.layout
				if !layout {
					inner--
				}
			}
			if layout {
				newRow()
			} else {
				kept = append(kept, toks[i:next]...)
				row.end = len(kept)
			}
			i = next - 1
			continue
		case "&":
			if depth == 0 && inner == 0 {
				if row.end == row.start {
					row.amp = true
				}
				continue
			}
		case `\\`:
			if depth == 0 && inner == 0 {
				newRow()
				if end, ok := texLength(toks, i+1); ok {
					i = end - 1
				}
				continue
			}
		}
		kept = append(kept, t)
		row.end = len(kept)
	}
	if len(envs) > 0 {
		e := envs[len(envs)-1]
		return nil, expr.Errorf(e.tok.at(file), "\\begin{%s} is never ended", e.name)
	}
	if r := rows[len(rows)-1]; r.end == r.start {
		rows = rows[:len(rows)-1]
	}
	for i := range rows {
		rows[i].toks = kept[rows[i].start:rows[i].end:rows[i].end]
	}
	return rows, nil
}
