package render

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// texWidth estimates the typeset width of LaTeX math in em of its font,
// from the source alone, as a row of a display sets it: letters and
// digits about half an em, the spaces TeX puts around binary operators
// and relations (none around a sign, nor anywhere in a script),
// fractions as wide as their wider part, scripts at 70% and a sub- and
// superscript of one base stacked, the limits of a displayed Σ or Π
// under and over it. The estimate errs on the wide side, so that rows
// broken to fit it fit the page; the pdflatex test holds it to that on
// every golden document.
func texWidth(s string) float64 {
	w, _ := texRun(s, 0, displayStyle)
	return w
}

// texMath is texWidth in a style: text style for the math of a \text
// and the cells of a cases environment, which TeX sets so.
func texMath(s string, style int) float64 {
	w, _ := texRun(s, 0, style)
	return w
}

// The math styles of TeX that change widths: a display row; text style,
// inside a fraction, where the limits of Σ go beside it; scripts, set
// small with no space around operators.
const (
	displayStyle = iota
	textStyle
	scriptStyle
)

// Widths of commands, in em, that are not letters to count.
var texCommandWidth = map[string]float64{
	`\left`: 0.1, `\right`: 0.1, `\bigl`: 0, `\bigr`: 0, `\Bigl`: 0.1, `\Bigr`: 0.1,
	`\,`: 0.17, `\;`: 0.28, `\:`: 0.22, `\!`: -0.17, `\quad`: 1, `\qquad`: 2,
	`\log`: 1.5, `\exp`: 1.7, `\det`: 1.5, `\ln`: 1.1, `\min`: 1.7, `\max`: 1.9,
	`\cdot`: 0.8, `\times`: 1.3, `\top`: 1.0, `\|`: 0.5, `\mid`: 0.9,
	`\le`: 1.35, `\leq`: 1.35, `\ge`: 1.35, `\geq`: 1.35,
	`\sim`: 1.4, `\sum`: 1.65, `\prod`: 1.65, `\int`: 1.2, `\infty`: 1.0,
	`\lvert`: 0.3, `\rvert`: 0.3, `\{`: 0.5, `\}`: 0.5,
}

// texOperatorGlyph is the width of a binary operator or relation's
// glyph alone, as a script sets it, without the space around it.
var texOperatorGlyph = map[string]float64{
	`\cdot`: 0.28, `\times`: 0.78, `\mid`: 0.28, `\sim`: 0.78,
	`\le`: 0.78, `\leq`: 0.78, `\ge`: 0.78, `\geq`: 0.78,
}

// texRun measures s from i to the end of the current group in a style,
// returning the width and the index after the group's closing brace.
func texRun(s string, i int, style int) (float64, int) {
	w := 0.0
	// sign: a + or − here is a sign, not an operator (after an opening
	// bracket, an operator or a relation, or at a group's start; amsmath
	// starts a row's cell with {} so that its first − is binary).
	sign := style != displayStyle
	// script is the width the last script added, when the one before it
	// was its base, so that x_{d}^{2} stacks its scripts; limits is the
	// width of a displayed Σ or Π and its limits so far, -1 for none.
	script, limits := -1.0, -1.0
	for i < len(s) {
		c := s[i]
		wasScript, wasLimits := script, limits
		script, limits = -1, -1
		switch {
		case c == '}':
			return w, i + 1
		case c == '{':
			g, j := texRun(s, i+1, style)
			w, i, sign = w+g, j, false
		case c == '^' || c == '_':
			g, j := texArg(s, i+1, scriptStyle)
			g *= 0.76
			switch {
			case wasLimits >= 0:
				limits = max(wasLimits, g)
				w += limits - wasLimits
			case wasScript >= 0:
				w += max(0, g-wasScript)
			default:
				w += g
				script = g
			}
			i = j
		case c == '\\':
			name, j := texCommand(s, i)
			i = j
			sign = false
			switch name {
			case `\begin`:
				if env, body, j, ok := texEnvironment(s, i); ok && env == "cases" {
					w, i = w+texCasesWidth(body), j
				} else {
					w += 0.65
				}
			case `\frac`, `\dfrac`, `\tfrac`:
				// A display's \frac sets its parts in text style, a
				// \tfrac or a fraction within a fraction or a cases cell
				// in script style, whose 7pt fonts are wider than 7/10 of
				// the 10pt ones: 0.82, measured by pdflatex over the
				// cases cells of generated cross-family derivations
				// (TestTeXCasesCellsAgainstPDFLaTeX; 0.76 set them up to
				// 9% narrow, and the rows overflowed the page).
				inner, scale := textStyle, 1.0
				if name == `\tfrac` || style != displayStyle {
					inner, scale = scriptStyle, 0.82
				}
				a, j := texArg(s, i, inner)
				b, k := texArg(s, j, inner)
				// The null delimiters either side are not scaled.
				w, i = w+scale*max(a, b)+0.3, k
			case `\sqrt`:
				a, j := texArg(s, i, style)
				w, i = w+a+1, j
			case `\text`, `\texttt`:
				j := closingBrace(s, i)
				text := strings.TrimSuffix(strings.TrimPrefix(s[i:j], "{"), "}")
				w, i = w+textWidth(text, name == `\texttt`), j
			case `\mathrm`, `\operatorname`, `\mathcal`, `\mathit`, `\boxed`:
				a, j := texArg(s, i, style)
				w, i = w+a, j
			case `\mathbb`:
				// Blackboard capitals are narrower than math italic's.
				a, j := texArg(s, i, style)
				w, i = w+0.85*a, j
			case `\sum`, `\prod`:
				w += texCommandWidth[name]
				if style == displayStyle {
					limits = texCommandWidth[name]
				}
				sign = true
			case `\left`:
				w += texCommandWidth[name] + tallDelimiters(s[i:], style)
				sign = true
			case `\Bigl`, `\bigl`:
				w += texCommandWidth[name]
				sign = true
			default:
				cw, ok := texCommandWidth[name]
				if !ok {
					cw = 0.65 // a Greek letter or another symbol
				}
				if glyph, op := texOperatorGlyph[name]; op {
					sign = true
					if style == scriptStyle {
						cw = glyph
					}
				}
				w += cw
			}
		case c == '+' || c == '-' || c == '<' || c == '>' || c == '=':
			// The glyph, and around an operator the space TeX puts
			// there; a relation's is wider.
			switch {
			case style == scriptStyle || sign && (c == '+' || c == '-'):
				w += 0.78
			case c == '+' || c == '-':
				w += 1.3
			default:
				w += 1.4
			}
			sign = true
			i++
		case c == '&' || c == ' ' || c == '\n':
			script, limits = wasScript, wasLimits
			i++
		case c == ',' || c == ';':
			w += 0.45
			if style == scriptStyle {
				w -= 0.17 // no thin space after it in a script
			}
			sign = true
			i++
		case c == '(' || c == '[':
			w += 0.4
			sign = true
			i++
		case c == ')' || c == ']':
			w += 0.4
			sign = false
			i++
		case c == '|':
			w += 0.28
			sign = false
			i++
		case c < 0x80 && unicode.IsDigit(rune(c)):
			w += 0.5
			sign = false
			i++
		default:
			w += mathLetter(c)
			sign = false
			i++
		}
	}
	return w, i
}

// tallDelimiters is how much wider than their size on the line a
// \left and its \right are around the content that follows the \left
// (up to its \right): much wider around a displayed Σ or Π with its
// limits, a little around a fraction.
func tallDelimiters(s string, style int) float64 {
	depth, end := 1, len(s)
	for k := 0; k < len(s); k++ {
		switch {
		case strings.HasPrefix(s[k:], `\left`):
			depth++
		case strings.HasPrefix(s[k:], `\right`):
			if depth--; depth == 0 {
				end = k
			}
		}
		if depth == 0 {
			break
		}
	}
	inner := s[:end]
	switch {
	case style == displayStyle && (strings.Contains(inner, `\sum_`) || strings.Contains(inner, `\prod_`)):
		return 0.8
	case strings.Contains(inner, `\frac`):
		return 0.3
	}
	return 0
}

// mathLetter is the width of a character of math italic, by class, as
// pdflatex sets Computer Modern: i, j, l and t narrow, m and w wide,
// capitals wider than lower case letters.
func mathLetter(c byte) float64 {
	switch {
	case strings.IndexByte("ijlt", c) >= 0:
		return 0.36
	case c == 'm' || c == 'w':
		return 0.82
	case c >= 'A' && c <= 'Z':
		return 0.8
	case c >= 'a' && c <= 'z':
		return 0.52
	}
	return 0.6
}

// textWidth is the width of the text of a \text{…} (mono: \texttt) in em
// of the math font: its math ($…$) as math, \small at 90%, and its
// characters by class as Computer Modern Roman sets them (a space and a
// narrow letter a third of an em, capitals and m, w three quarters, the
// rest a little over half); typewriter characters are all 0.525 em.
func textWidth(text string, mono bool) float64 {
	w, scale := 0.0, 1.0
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == '$':
			j := strings.IndexByte(text[i+1:], '$')
			if j < 0 {
				j = len(text) - i - 1
			}
			w += scale * texMath(text[i+1:i+1+j], textStyle)
			i += j + 2
			continue
		case c == '\\':
			name, j := texCommand(text, i)
			switch name {
			case `\small`:
				scale = 0.9
				for j < len(text) && text[j] == ' ' {
					j++ // TeX skips the spaces after a command's name
				}
			case `\texttt`:
				k := closingBrace(text, j)
				w += scale * textWidth(strings.TrimSuffix(strings.TrimPrefix(text[j:k], "{"), "}"), true)
				j = k
			case `\textbackslash`, `\textasciicircum`, `\textasciitilde`, `\textless`, `\textgreater`:
				w += scale * 0.5
			default:
				if len(name) == 2 {
					w += scale * 0.5 // an escaped character: \_ \& \%
				}
			}
			i = j
			continue
		case c == '{' || c == '}':
		case mono:
			w += scale * 0.525
		case c == ' ' || strings.IndexByte("ijlftrs.,;:'-", c) >= 0:
			w += scale * 0.35
		case c == 'm' || c == 'w' || c >= 'A' && c <= 'Z':
			w += scale * 0.75
		case c == '(' || c == ')':
			w += scale * 0.39
		default:
			w += scale * 0.54
		}
		_, n := utf8.DecodeRuneInString(text[i:])
		i += n
	}
	return w
}

// closingBrace returns the index after the group that opens at s[i]
// (or after the single token there).
func closingBrace(s string, i int) int {
	if i >= len(s) || s[i] != '{' {
		return min(i+1, len(s))
	}
	depth := 0
	for j := i; j < len(s); j++ {
		switch s[j] {
		case '{':
			depth++
		case '}':
			if depth--; depth == 0 {
				return j + 1
			}
		}
	}
	return len(s)
}

// texArg measures one argument in a style: a braced group or a single
// token.
func texArg(s string, i int, style int) (float64, int) {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	switch {
	case i >= len(s):
		return 0, i
	case s[i] == '{':
		return texRun(s, i+1, style)
	case s[i] == '\\':
		name, j := texCommand(s, i)
		if cw, ok := texCommandWidth[name]; ok {
			return cw, j
		}
		return 0.65, j
	}
	return 0.6, i + 1
}

// texCommand reads the command name at s[i] == '\\': letters, or one
// other character.
func texCommand(s string, i int) (string, int) {
	j := i + 1
	for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= 'A' && s[j] <= 'Z') {
		j++
	}
	if j == i+1 && j < len(s) {
		j++
	}
	return strings.TrimSpace(s[i:j]), j
}

// texEnvironment reads the environment that s[i:] begins, just after its
// \begin: its name, its body and the index after its \end{name}.
func texEnvironment(s string, i int) (name, body string, end int, ok bool) {
	j := closingBrace(s, i)
	if i >= len(s) || s[i] != '{' || j > len(s) {
		return "", "", 0, false
	}
	name = s[i+1 : j-1]
	depth := 0
	for k := j; k < len(s); k++ {
		switch {
		case strings.HasPrefix(s[k:], `\begin{`):
			depth++
		case strings.HasPrefix(s[k:], `\end{`+name+`}`) && depth == 0:
			return name, s[j:k], k + len(`\end{`+name+`}`), true
		case strings.HasPrefix(s[k:], `\end{`):
			depth--
		case s[k] == '\\':
			k++ // an escaped character, or the second of \\
		}
	}
	return "", "", 0, false
}

// texCasesWidth is the width of a cases environment's body: its brace,
// its widest value and, beside, a \quad and its widest condition, rows
// being cut at \\ and cells at &.
func texCasesWidth(body string) float64 {
	values, conds := 0.0, 0.0
	for _, row := range texCells(body, `\\`) {
		cells := texCells(row, "&")
		values = max(values, texMath(cells[0], textStyle))
		if len(cells) > 1 {
			conds = max(conds, texMath(strings.Join(cells[1:], " "), textStyle))
		}
	}
	if conds > 0 {
		conds += casesQuad
	}
	return casesBrace + values + conds
}

// texCells cuts s at sep outside braces and inner environments.
func texCells(s, sep string) []string {
	var out []string
	depth, start := 0, 0
	for k := 0; k < len(s); k++ {
		switch {
		case strings.HasPrefix(s[k:], `\begin{`):
			depth++
		case strings.HasPrefix(s[k:], `\end{`):
			depth--
		case depth == 0 && strings.HasPrefix(s[k:], sep):
			out = append(out, s[start:k])
			start = k + len(sep)
			k += len(sep) - 1
			continue
		case s[k] == '{':
			depth++
		case s[k] == '}':
			depth--
		}
		if s[k] == '\\' {
			k++ // \& is a character, not a cell's end
		}
	}
	return append(out, s[start:])
}
