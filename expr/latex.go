package expr

import (
	"fmt"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The LaTeX reader turns the math of hand-written derivations into the
// same trees the .kl parser builds. It is written by hand, as recursive
// descent over the small tokenizer in latex_lex.go, rather than with
// participle: LaTeX's grammar is irregular in ways a grammar table states
// badly. A macro takes one token or one braced group (x^23 is x^{2}3),
// \log without parentheses takes the product up to the next + or -, |x|
// opens and closes with the same character, a differential ends an
// integral, and {\mathbb{E}_{x}}[f] wraps only half of an expectation.
//
// It reads a deliberate subset and reports anything else as an *Error
// naming the construct: it never guesses.

// LaTeXOptions tune the reading of LaTeX.
type LaTeXOptions struct {
	File      string // for positions in errors
	Line, Col int    // where src starts in File (1-based), so positions are file positions
	// Funcs are canonical names applied as functions when followed by "(",
	// e.g. the densities "p" and "q": p(x) is Call{p, [x]}, not p*x.
	Funcs map[string]bool
}

// ChainPart is one side of a chain a = b = c, or of a \sim or :=
// definition.
type ChainPart struct {
	// Op is the relation before the part: "=", "\\sim", ":=", "\\approx",
	// "<", ">", "\\leq", "\\geq", "\\neq", "\\equiv", "\\propto". It is ""
	// for the first part of each chain; a row that neither starts nor
	// follows a relation starts a new chain. A block that itself begins
	// with a relation (continuing an earlier block) gives its first part
	// that relation.
	Op  string
	X   Expr   // nil when Err is set
	Pos Pos    // where the part starts
	Src string // the part as written
	Err error  // an *Error, naming the unsupported construct
}

// ParseLaTeX parses one LaTeX math expression (no relation) into an Expr.
func ParseLaTeX(src string, opt LaTeXOptions) (Expr, error) {
	opt = texDefaults(opt)
	parts, err := ParseLaTeXChain(src, opt)
	if err != nil {
		return nil, err
	}
	if len(parts) == 0 {
		return nil, Errorf(Pos{File: opt.File, Line: opt.Line, Col: opt.Col}, "empty expression")
	}
	for i, pt := range parts {
		if pt.Op != "" {
			return nil, Errorf(pt.Pos, "expected one expression, but found a relation (%s) before %s", pt.Op, texQuote(pt.Src))
		}
		if i > 0 {
			return nil, Errorf(pt.Pos, "expected one expression, but found another row %s", texQuote(pt.Src))
		}
	}
	return parts[0].X, parts[0].Err
}

// ParseLaTeXChain splits math into relation chains and parses each part.
// The math may contain &, \\ line breaks, \label, \tag, \nonumber and
// aligned, align, split, gather and equation environments. A row that
// begins with a relation (&= ...) continues the chain of the row before;
// so does a row after one that ends with a relation, and a row that
// begins "& +" or "& -" continues the previous part. A part that cannot
// be parsed has Err set and X nil, and the chain continues. The error
// result is for the block as a whole: unbalanced braces or environments,
// or an input too large. Empty math gives no parts.
func ParseLaTeXChain(src string, opt LaTeXOptions) ([]ChainPart, error) {
	opt = texDefaults(opt)
	if len(src) > maxInput {
		return nil, Errorf(Pos{File: opt.File, Line: opt.Line, Col: opt.Col}, "input is larger than %d bytes", maxInput)
	}
	toks, err := lexTeX(src, opt)
	if err != nil {
		return nil, err
	}
	if toks, err = texLayout(opt.File, toks); err != nil {
		return nil, err
	}
	rows, err := texRows(opt.File, src, toks)
	if err != nil {
		return nil, err
	}
	var parts []ChainPart
	for _, s := range texChain(rows) {
		part := ChainPart{Op: s.op}
		if len(s.toks) == 0 {
			part.Pos = s.opTok.at(opt.File)
			part.Err = Errorf(part.Pos, "nothing follows %s", s.op)
		} else {
			first, last := s.toks[0], s.toks[len(s.toks)-1]
			part.Pos, part.Src = first.at(opt.File), src[first.off:last.end]
			x, err := texParsePart(src, opt, s.toks)
			if err != nil {
				part.Err = err
			} else {
				part.X = x
			}
		}
		parts = append(parts, part)
	}
	return parts, nil
}

func texDefaults(opt LaTeXOptions) LaTeXOptions {
	if opt.Line < 1 {
		opt.Line = 1
	}
	if opt.Col < 1 {
		opt.Col = 1
	}
	return opt
}

// texParsePart parses the tokens of one part. A panic here is a bug; it
// is still reported as an *Error rather than ending the program.
func texParsePart(src string, opt LaTeXOptions, toks []texTok) (x Expr, err error) {
	p := newTexParser(src, opt, toks)
	defer func() {
		if r := recover(); r != nil {
			x, err = nil, Errorf(toks[0].at(opt.File), "internal error reading LaTeX: %v", r)
		}
	}()
	if x, err = p.sum(); err != nil {
		return nil, err
	}
	// Trailing punctuation ends a sentence, not the math.
	rest := p.i
	for p.toks[rest].is(".") || p.toks[rest].is(",") {
		rest++
	}
	if p.toks[rest].kind == texEOF {
		return x, nil
	}
	return nil, p.unexpected(p.peek())
}

// texParser reads one part. Its state says how the current position
// ends a product: inside |...|, a | closes; in an integral's body, a
// differential; in a density's arguments, | separates.
type texParser struct {
	src   string
	opt   LaTeXOptions
	toks  []texTok  // ends with an EOF token
	undo  []texUndo // number tokens that digit split, for rewind
	match []int     // index of the matching closer of each { ( [, or -1
	comma []bool    // whether a ( holds a , or ; at its own level
	i     int
	depth int
	abs   int      // open |...| since the last bracket
	inInt bool     // in an integral's body
	bar   bool     // | separates arguments
	bound []string // indices of the enclosing \sum and \prod
}

func newTexParser(src string, opt LaTeXOptions, toks []texTok) *texParser {
	end := toks[len(toks)-1]
	eof := texTok{kind: texEOF, off: end.end, end: end.end, line: end.line,
		col: end.col + int32(utf8.RuneCountInString(src[end.off:end.end]))}
	p := &texParser{src: src, opt: opt, toks: append(toks[:len(toks):len(toks)], eof)}
	p.match = make([]int, len(p.toks))
	p.comma = make([]bool, len(p.toks))
	var braces, parens []int
	for i, t := range p.toks {
		p.match[i] = -1
		switch {
		case t.is("{"):
			braces = append(braces, i)
		case t.is("}") && len(braces) > 0:
			p.match[braces[len(braces)-1]] = i
			braces = braces[:len(braces)-1]
		case t.is("(") || t.is("["):
			parens = append(parens, i)
		case (t.is(")") || t.is("]")) && len(parens) > 0:
			if o := parens[len(parens)-1]; p.toks[o].text == map[string]string{")": "(", "]": "["}[t.text] {
				p.match[o] = i
				parens = parens[:len(parens)-1]
			}
		case (t.is(",") || t.is(";")) && len(parens) > 0:
			p.comma[parens[len(parens)-1]] = true
		}
	}
	return p
}

func (p *texParser) peek() texTok { return p.toks[p.i] }

func (p *texParser) at(k int) texTok {
	if p.i+k < len(p.toks) {
		return p.toks[p.i+k]
	}
	return p.toks[len(p.toks)-1]
}

func (p *texParser) next() texTok {
	t := p.toks[p.i]
	if t.kind != texEOF {
		p.i++
	}
	return t
}

func (p *texParser) fail(t texTok, format string, args ...any) error {
	return Errorf(t.at(p.opt.File), format, args...)
}

// texDescribe names a token for an error message.
func texDescribe(t texTok) string {
	if t.kind == texEOF {
		return "the end of the math"
	}
	return texQuote(t.text)
}

// texQuote quotes LaTeX for a message without doubling its backslashes.
func texQuote(s string) string {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return fmt.Sprintf("%q", s)
		}
	}
	return `"` + s + `"`
}

func (p *texParser) unexpected(t texTok) error {
	if t.kind == texCmd && !texKnown[t.text] {
		return p.fail(t, "unsupported LaTeX command %s", t.text)
	}
	return p.fail(t, "unexpected %s", texDescribe(t))
}

func (p *texParser) expect(s string) (texTok, error) {
	t := p.peek()
	if !t.is(s) {
		return t, p.fail(t, "expected %s but found %s", texQuote(s), texDescribe(t))
	}
	return p.next(), nil
}

// texState is the part of the parser's state that brackets reset.
type texState struct {
	abs   int
	inInt bool
	bar   bool
}

// inside runs f with the state a fresh bracket gives, then restores it.
func (p *texParser) inside(f func() (Expr, error)) (Expr, error) {
	saved := texState{p.abs, p.inInt, p.bar}
	p.abs, p.inInt, p.bar = 0, false, false
	x, err := f()
	p.abs, p.inInt, p.bar = saved.abs, saved.inInt, saved.bar
	return x, err
}

// group parses an opening bracket, a sum and the closer.
func (p *texParser) group(closer string) (Expr, error) {
	open := p.next()
	x, err := p.inside(p.sum)
	if err != nil {
		return nil, err
	}
	if t := p.peek(); !t.is(closer) {
		return nil, p.fail(t, "expected %s to close the %s at %d:%d but found %s", texQuote(closer), texQuote(open.text), open.line, open.col, texDescribe(t))
	}
	p.next()
	return x, nil
}

// deeper bounds the recursion of the parser, which every nesting passes
// through sum or primary; a deeper input would overflow the stack. The
// caller decrements depth when deeper succeeds.
func (p *texParser) deeper() error {
	p.depth++
	if p.depth > maxDepth {
		p.depth--
		return p.fail(p.peek(), "expression nested too deeply (more than %d levels)", maxDepth)
	}
	return nil
}

// sum parses terms joined by + and -.
func (p *texParser) sum() (Expr, error) {
	if err := p.deeper(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	x, err := p.term()
	if err != nil {
		return nil, err
	}
	terms := []Expr{x}
	for p.peek().is("+") || p.peek().is("-") {
		op := p.next()
		y, err := p.term()
		if err != nil {
			return nil, err
		}
		if op.text == "-" {
			y = Neg(y)
		}
		terms = append(terms, y)
	}
	return Sum(terms...), nil
}

// term parses a product with any leading signs: -\frac{1}{2}\log x.
func (p *texParser) term() (Expr, error) {
	neg := false
	for p.peek().is("+") || p.peek().is("-") {
		neg = neg != (p.next().text == "-")
	}
	x, err := p.product(false)
	if err != nil {
		return nil, err
	}
	if neg {
		x = Neg(x)
	}
	return x, nil
}

// product parses factors joined by *, \cdot, \times, / or juxtaposition.
// An argument of \log written without parentheses (arg) ends before an
// explicit operator and before an operator such as \int, \sum or \log.
func (p *texParser) product(arg bool) (Expr, error) {
	f, err := p.factor()
	if err != nil {
		return nil, err
	}
	factors := []Expr{f}
	for {
		t := p.peek()
		explicit := t.is("*") || t.is(`\cdot`) || t.is(`\times`) || t.is(`\ast`) || t.is("/")
		switch {
		case explicit && arg:
			return texProduct(factors, false), nil
		case explicit:
			p.next()
			g, err := p.factor()
			if err != nil {
				return nil, err
			}
			if t.is("/") {
				if IsInt(g, 0) {
					return nil, p.fail(t, "division by zero")
				}
				g = Power(g, N(-1))
			}
			factors = append(factors, g)
		case p.endsProduct(t) || arg && p.startsOperator(p.i):
			return texProduct(factors, false), nil
		case t.kind == texNum:
			return nil, p.fail(t, "a number right after a factor reads ambiguously; write \\cdot before %s", t.text)
		default:
			g, err := p.factor()
			if err != nil {
				return nil, err
			}
			factors = append(factors, g)
		}
	}
}

// texProduct multiplies factors. A product with a transposed factor is a
// matrix expression (a quadratic form, an outer product), so its
// non-numeric factors keep their order in a MatMul; matrix forces that.
// The factors of a product among the factors count too, as Prod would
// flatten them.
func texProduct(factors []Expr, matrix bool) Expr {
	if len(factors) == 1 && !matrix {
		return factors[0]
	}
	var flat []Expr
	for _, f := range factors {
		if m, ok := f.(*Mul); ok {
			flat = append(flat, m.Factors...)
		} else {
			flat = append(flat, f)
		}
	}
	factors = flat
	for _, f := range factors {
		switch f.(type) {
		case *Transpose, *MatMul:
			matrix = true
		}
	}
	if !matrix {
		return Prod(factors...)
	}
	var nums, rest []Expr
	for _, f := range factors {
		if _, ok := f.(*Num); ok {
			nums = append(nums, f)
		} else {
			rest = append(rest, f)
		}
	}
	return Prod(append(nums, MatProd(rest...))...)
}

// texStops end a product: closers, separators and relations.
var texStops = setOf("+", "-", ")", "]", "}", `\}`, `\rangle`, ",", ";", ":", "&",
	`\\`, ".", `\|`, `\parallel`, `\mid`, `\end`, `\pm`, `\mp`, "=", "<", ">",
	`\sim`, `\approx`, `\leq`, `\geq`, `\neq`, `\equiv`, `\propto`, `\simeq`,
	`\cong`, `\doteq`, `\triangleq`, `\coloneqq`, "'", "!", "^", "_", "?")

// endsProduct reports whether t ends the current product.
func (p *texParser) endsProduct(t texTok) bool {
	switch {
	case t.kind == texEOF || (t.kind == texPunct || t.kind == texCmd) && texStops[t.text]:
		return true
	case t.is("|"):
		return p.bar || p.abs > 0 && !t.open
	case p.inInt:
		return p.isDifferential(p.i)
	}
	return false
}

// factor parses a primary and its superscripts.
func (p *texParser) factor() (Expr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	sup := false
	for {
		t := p.peek()
		switch {
		case t.is("^"):
			if sup {
				return nil, p.fail(t, "double superscript; write {x^{a}}^{b}")
			}
			sup = true
			p.next()
			if p.transposeScript() {
				x = &Transpose{X: x}
				continue
			}
			e, err := p.script()
			if err != nil {
				return nil, err
			}
			if IsInt(x, 0) && isNegNum(e) {
				return nil, p.fail(t, "division by zero")
			}
			x = Power(x, e)
		case t.is("_"):
			return nil, p.fail(t, "a subscript here is unsupported; subscripts belong to names, before any superscript")
		case t.is("'"):
			return nil, p.fail(t, "primes (derivatives) are unsupported")
		case t.is("!"):
			return nil, p.fail(t, "factorials are unsupported")
		default:
			return x, nil
		}
	}
}

// primary parses one operand.
func (p *texParser) primary() (Expr, error) {
	t := p.peek()
	if err := p.deeper(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	switch t.kind {
	case texNum:
		p.next()
		r, ok := new(big.Rat).SetString(t.text)
		if !ok {
			return nil, p.fail(t, "cannot read the number %q", t.text)
		}
		return &Num{Val: r}, nil
	case texLetter:
		return p.letter()
	case texCmd:
		return p.command()
	}
	switch t.text {
	case "(":
		return p.group(")")
	case "[":
		return p.group("]")
	case "{":
		return p.brace()
	case "|":
		return p.bars()
	}
	if t.kind == texEOF || texStops[t.text] {
		return nil, p.fail(t, "expected an expression but found %s", texDescribe(t))
	}
	return nil, p.fail(t, "unexpected %s", texDescribe(t))
}

// script parses a superscript: a braced group or a single token, of which
// a number gives only its first digit (x^23 is x^{2}3).
func (p *texParser) script() (Expr, error) {
	t := p.peek()
	switch {
	case t.is("{"):
		return p.group("}")
	case t.kind == texNum:
		return p.digit(), nil
	case t.kind == texLetter:
		p.next()
		return S(Canonical(t.text)), nil
	case t.kind == texCmd && greek[t.text[1:]] != "":
		p.next()
		return S(Canonical(greek[t.text[1:]])), nil
	case t.is(`\frac`), t.is(`\sqrt`), t.is(`\infty`):
		return p.primary()
	}
	return nil, p.fail(t, "expected a superscript or subscript but found %s; use braces: ^{...}", texDescribe(t))
}

// digit takes the first digit of the number token at the cursor, leaving
// the rest in place.
func (p *texParser) digit() Expr {
	t := &p.toks[p.i]
	d := t.text[0] - '0'
	if len(t.text) == 1 {
		p.i++
	} else {
		p.undo = append(p.undo, texUndo{p.i, *t})
		t.text, t.off = t.text[1:], t.off+1
		t.col++
		t.space = false
	}
	return N(int64(d))
}

// arg parses the argument of \frac or \sqrt: a group or one token.
func (p *texParser) arg() (Expr, error) {
	t := p.peek()
	if t.kind == texCmd && !t.is(`\frac`) && !t.is(`\sqrt`) && greek[t.text[1:]] == "" {
		return nil, p.fail(t, "unsupported argument %s; use braces", t.text)
	}
	return p.script()
}

// letter parses a name written with letters, or the few letters that
// open a construct: e^{x}, E_p[f], KL(p || q), H(p), N(mu, s).
func (p *texParser) letter() (Expr, error) {
	t := p.peek()
	nx := p.at(1)
	switch t.text {
	case "e":
		if nx.is("^") {
			p.i += 2
			x, err := p.script()
			if err != nil {
				return nil, err
			}
			return Fn("exp", x), nil
		}
	case "E":
		if nx.is("[") || nx.is("_") && p.toks[p.scriptEnd(p.i+2)].is("[") {
			p.next()
			return p.expectation(t)
		}
	case "K":
		if nx.kind == texLetter && nx.text == "L" && !nx.space && (p.at(2).is("(") || p.at(2).is("[")) {
			p.i += 2
			return p.info("KL", t)
		}
	case "H":
		if nx.is("(") && !p.opt.Funcs["H"] {
			save := p.i
			p.next()
			if x, err := p.info("H", t); err == nil {
				return x, nil
			}
			p.rewind(save)
		}
	case "N":
		if nx.is("(") && !p.opt.Funcs["N"] && p.comma[p.i+1] {
			p.next()
			return p.normal(t)
		}
	}
	if run, n := p.letterRun(); n > 1 {
		if texWords[run] {
			return nil, p.fail(t, "%q reads as a product of letters; write \\%s", run, run)
		}
		if greek[run] != "" {
			// A spelled-out Greek name is that letter, as in plain-text
			// notation: sigma1 is sigma_1, 2pi is 2*pi.
			p.i += n
			if u := p.peek(); u.kind == texNum && !u.space && !strings.Contains(u.text, ".") {
				p.next()
				return p.named(Canonical(run+u.text), t)
			}
			return p.named(Canonical(run), t)
		}
	}
	p.next()
	return p.named(Canonical(t.text), t)
}

// texWords are function names that, written without a backslash, LaTeX
// sets as a product of letters.
var texWords = setOf("log", "ln", "exp", "sqrt", "det")

// letterRun returns the run of adjacent ASCII letters starting at the
// cursor and its length, when the cursor starts the run.
func (p *texParser) letterRun() (string, int) {
	adjacent := func(a, b texTok) bool {
		return a.kind == texLetter && b.kind == texLetter && a.end == b.off && len(a.text) == 1 && len(b.text) == 1 && isASCIILetter(a.text[0]) && isASCIILetter(b.text[0])
	}
	if p.i > 0 && adjacent(p.toks[p.i-1], p.toks[p.i]) {
		return "", 0
	}
	j := p.i + 1
	for j < len(p.toks) && adjacent(p.toks[j-1], p.toks[j]) {
		j++
	}
	var b strings.Builder
	for _, t := range p.toks[p.i:j] {
		b.WriteString(t.text)
	}
	return b.String(), j - p.i
}

// command parses a construct that starts with a command.
func (p *texParser) command() (Expr, error) {
	t := p.peek()
	if g := greek[t.text[1:]]; g != "" {
		p.next()
		return p.named(Canonical(g), t)
	}
	switch t.text {
	case `\frac`:
		p.next()
		a, err := p.arg()
		if err != nil {
			return nil, err
		}
		b, err := p.arg()
		if err != nil {
			return nil, err
		}
		if IsInt(b, 0) {
			return nil, p.fail(t, "division by zero")
		}
		return Quo(a, b), nil
	case `\sqrt`:
		p.next()
		var n Expr
		if p.peek().is("[") {
			var err error
			if n, err = p.group("]"); err != nil {
				return nil, err
			}
			if IsInt(n, 0) {
				return nil, p.fail(t, "a root of degree 0")
			}
		}
		x, err := p.arg()
		if err != nil {
			return nil, err
		}
		if n != nil {
			return Power(x, Quo(N(1), n)), nil
		}
		return Fn("sqrt", x), nil
	case `\log`:
		p.next()
		return p.apply("log", t)
	case `\exp`:
		p.next()
		return p.apply("exp", t)
	case `\det`:
		p.next()
		return p.apply("det", t)
	case `\tr`:
		p.next()
		return p.apply("tr", t)
	case `\mathrm`, `\text`, `\operatorname`, `\textrm`, `\mathop`:
		return p.word()
	case `\mathbf`, `\boldsymbol`, `\bm`, `\mathit`, `\mathsf`:
		p.next()
		base, err := p.styledName(t)
		if err != nil {
			return nil, err
		}
		return p.named(base, t)
	case `\mathbb`, `\mathcal`, `\mathscr`:
		return p.blackboard()
	case `\int`:
		return p.integral()
	case `\sum`, `\prod`:
		return p.bigOp()
	case `\langle`:
		p.next()
		x, err := p.inside(p.sum)
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(`\rangle`); err != nil {
			return nil, err
		}
		v, dist, err := p.expectSub() // \langle f \rangle_{x \sim p}
		if err != nil {
			return nil, err
		}
		return &Expect{Var: v, Dist: dist, Body: x}, nil
	case `\{`:
		return p.group(`\}`)
	case `\begin`:
		return p.matrix()
	case `\infty`:
		return nil, p.fail(t, `\infty is read only in the limits of an integral over the whole real line`)
	}
	if texKnown[t.text] {
		return nil, p.fail(t, "expected an expression but found %s", t.text)
	}
	return nil, p.fail(t, "unsupported LaTeX command %s", t.text)
}

// texKnown are commands with a meaning somewhere in the grammar.
var texKnown = setOf(`\cdot`, `\times`, `\ast`, `\rangle`, `\}`, `\|`, `\parallel`,
	`\mid`, `\end`, `\\`, `\sim`, `\approx`, `\leq`, `\geq`, `\neq`, `\equiv`,
	`\propto`, `\simeq`, `\cong`, `\doteq`, `\triangleq`, `\coloneqq`, `\top`)

// rawArg reads the argument of \text, \mathrm, \begin and their kin as
// written: a braced group or a single token.
func (p *texParser) rawArg(cmd texTok) (string, error) {
	t := p.peek()
	if t.is("{") {
		end := p.match[p.i]
		if end < 0 {
			return "", p.fail(t, "unbalanced braces: { is never closed")
		}
		p.i = end + 1
		return p.src[t.end:p.toks[end].off], nil
	}
	if t.kind == texLetter || t.kind == texNum || t.kind == texCmd {
		p.next()
		return t.text, nil
	}
	return "", p.fail(t, "expected an argument after %s", cmd.text)
}

// texOperators are the upright words applied to an argument.
var texOperators = map[string]string{
	"tr": "tr", "Tr": "tr", "trace": "tr", "det": "det", "diag": "diag",
	"log": "log", "ln": "log", "exp": "exp",
}

// word parses \mathrm{...}, \text{...} or \operatorname{...}: an operator
// name, KL, a single letter, or an error naming the word.
func (p *texParser) word() (Expr, error) {
	t := p.next()
	if p.peek().is("*") {
		return nil, p.fail(t, "unsupported LaTeX command %s*", t.text)
	}
	raw, err := p.rawArg(t)
	if err != nil {
		return nil, err
	}
	w := strings.TrimSpace(raw)
	if fn, ok := texOperators[w]; ok {
		return p.apply(fn, t)
	}
	switch {
	case w == "KL":
		return p.info("KL", t)
	case w == "e" && p.peek().is("^"):
		p.next()
		x, err := p.script()
		if err != nil {
			return nil, err
		}
		return Fn("exp", x), nil
	case len(w) == 1 && isASCIILetter(w[0]) && w != "d":
		return p.named(w, t)
	}
	return nil, p.fail(t, "unsupported LaTeX command %s{%s}", t.text, raw)
}

// apply parses the argument of log, exp, det or tr: a bracketed group, or
// without brackets the product of factors up to the next + or -, relation,
// \int, \sum or end (\log 2\pi\sigma^2 is log(2*pi*sigma^2)).
func (p *texParser) apply(fn string, t texTok) (Expr, error) {
	nt := p.peek()
	var x Expr
	var err error
	switch {
	case nt.is("^"):
		return nil, p.fail(nt, "a power written on %s is unsupported; write (%s x)^{n}", t.text, t.text)
	case nt.is("_"):
		return nil, p.fail(nt, "a subscript on %s (another base) is unsupported", t.text)
	case nt.is("("):
		x, err = p.group(")")
	case nt.is("["):
		x, err = p.group("]")
	case p.endsProduct(nt) || nt.is("+") || nt.is("-"):
		return nil, p.fail(nt, "expected the argument of %s but found %s", t.text, texDescribe(nt))
	default:
		x, err = p.product(true)
	}
	if err != nil {
		return nil, err
	}
	if m, ok := x.(*Mul); ok && fn == "tr" {
		x = texProduct(m.Factors, true) // the trace of a product of matrices
	}
	return Fn(fn, x), nil
}

// startsOperator reports whether the token at i starts a construct that
// ends the argument of an operator written without brackets.
func (p *texParser) startsOperator(i int) bool {
	t := p.toks[i]
	switch {
	case t.is(`\int`), t.is(`\sum`), t.is(`\prod`), t.is(`\log`), t.is(`\exp`),
		t.is(`\det`), t.is(`\tr`), t.is(`\langle`):
		return true
	case t.kind == texLetter && t.text == "E":
		return p.toks[i+1].is("[") || p.toks[i+1].is("_")
	case t.is(`\mathbb`):
		return p.wordAt(i+1) == "E"
	case t.is(`\mathrm`), t.is(`\text`), t.is(`\operatorname`):
		_, ok := texOperators[p.wordAt(i+1)]
		return ok
	}
	return false
}

// wordAt returns the raw word of a group or token at i without moving.
func (p *texParser) wordAt(i int) string {
	t := p.toks[i]
	if t.is("{") && p.match[i] > i {
		return strings.TrimSpace(p.src[t.end:p.toks[p.match[i]].off])
	}
	return t.text
}

// scriptEnd returns the index after the sub- or superscript at i.
func (p *texParser) scriptEnd(i int) int {
	t := p.toks[i]
	switch {
	case t.kind == texEOF:
		return i
	case t.is("{") && p.match[i] > i:
		return p.match[i] + 1
	case t.kind == texCmd && p.toks[i+1].is("{") && p.match[i+1] > i:
		return p.match[i+1] + 1 // \mathrm{T}, \mathbb{R}
	}
	return i + 1
}

// scriptText is the script at i as written, without braces, when short.
func (p *texParser) scriptText(i int) (string, int) {
	end := p.scriptEnd(i)
	if end-i > 12 {
		return "…", end
	}
	var b strings.Builder
	for _, t := range p.toks[i:end] {
		if !t.is("{") && !t.is("}") {
			b.WriteString(t.text)
		}
	}
	return b.String(), end
}

var texTransposes = setOf("T", `\top`, `\intercal`, `\mathrmT`, `\mathsfT`, `\textT`, `\rmT`)

// transposeScript consumes ^T, ^\top, ^{T} or ^{\mathrm{T}} after the ^.
func (p *texParser) transposeScript() bool {
	text, end := p.scriptText(p.i)
	if texTransposes[text] {
		p.i = end
		return true
	}
	return false
}

// named parses what follows a name's base: its subscript, and a call of
// a function in opt.Funcs or D_{KL}(P || Q).
func (p *texParser) named(base string, t texTok) (Expr, error) {
	x, err := p.subscripted(base)
	if err != nil {
		return nil, err
	}
	s, ok := x.(*Sym)
	if !ok {
		return x, nil
	}
	switch nt := p.peek(); {
	case s.Name == "D_KL" && (nt.is("(") || nt.is("[")):
		return p.info("KL", t)
	case p.opt.Funcs[s.Name] && nt.is("("):
		p.next()
		args, _, err := p.argList(")")
		if err != nil {
			return nil, err
		}
		return Fn(s.Name, args...), nil
	}
	return s, nil
}

// subscripted reads the optional subscript after a name's base. A
// subscript naming the index of an enclosing \sum or \prod makes an Index
// (\sigma_{d} is sigma[d], \sigma_{1,d} is sigma_1[d]); I_k is the
// identity I.
func (p *texParser) subscripted(base string) (Expr, error) {
	if !p.peek().is("_") {
		return S(base), nil
	}
	us := p.next()
	parts, err := p.subParts(us)
	if err != nil {
		return nil, err
	}
	last := parts[len(parts)-1]
	switch {
	case len(parts) == 1 && p.isBound(last):
		return &Index{Base: S(base), Sub: S(last)}, nil
	case len(parts) == 2 && p.isBound(last):
		return &Index{Base: S(Canonical(base + "_" + parts[0])), Sub: S(last)}, nil
	case len(parts) > 1:
		return nil, p.fail(us, "a subscript with a comma is read only as x_{1,d} inside \\sum_{d=...}")
	case base == "I":
		return S("I"), nil
	}
	return S(Canonical(base + "_" + last)), nil
}

func (p *texParser) isBound(name string) bool {
	for _, b := range p.bound {
		if b == name {
			return true
		}
	}
	return false
}

// subParts reads a subscript after _, split at commas.
func (p *texParser) subParts(us texTok) ([]string, error) {
	if !p.peek().is("{") {
		s, err := p.subAtom(true)
		return []string{s}, err
	}
	p.next()
	parts := []string{""}
	for !p.peek().is("}") {
		if p.peek().is(",") {
			p.next()
			parts = append(parts, "")
			continue
		}
		s, err := p.subAtom(false)
		if err != nil {
			return nil, err
		}
		parts[len(parts)-1] += s
	}
	p.next()
	for _, s := range parts {
		if s == "" {
			return nil, p.fail(us, "empty subscript")
		}
	}
	return parts, nil
}

// subAtom reads one piece of a subscript: a letter, digits (one digit
// when single), a Greek letter or an upright word.
func (p *texParser) subAtom(single bool) (string, error) {
	t := p.peek()
	switch {
	case t.kind == texLetter:
		p.next()
		return Canonical(t.text), nil
	case t.kind == texNum && single:
		return String(p.digit()), nil
	case t.kind == texNum && !strings.Contains(t.text, "."):
		p.next()
		return t.text, nil
	case t.kind == texCmd && greek[t.text[1:]] != "":
		p.next()
		return Canonical(greek[t.text[1:]]), nil
	case t.is(`\mathrm`), t.is(`\text`), t.is(`\mathit`), t.is(`\mathbf`), t.is(`\textrm`),
		t.is(`\operatorname`), t.is(`\mathsf`), t.is(`\boldsymbol`), t.is(`\bm`):
		p.next()
		raw, err := p.rawArg(t)
		if err != nil {
			return "", err
		}
		w := strings.TrimSpace(raw)
		for i := 0; i < len(w); i++ {
			if !isASCIILetter(w[i]) && (w[i] < '0' || w[i] > '9') {
				return "", p.fail(t, "unsupported subscript %s{%s}", t.text, raw)
			}
		}
		if w == "" {
			return "", p.fail(t, "empty subscript")
		}
		return w, nil
	}
	if t.kind == texEOF || t.kind == texCmd && !texKnown[t.text] {
		return "", p.unexpected(t)
	}
	return "", p.fail(t, "unsupported subscript %s", texDescribe(t))
}

// styledName reads the name in \mathbf{x}, \boldsymbol{\mu} or
// \mathit{logvar}: letters and digits, or one Greek letter. The style
// does not change the name.
func (p *texParser) styledName(cmd texTok) (string, error) {
	inner, after := p.toks[p.i:p.i+1], p.i+1
	if p.peek().is("{") {
		end := p.match[p.i]
		if end < 0 {
			return "", p.fail(p.peek(), "unbalanced braces: { is never closed")
		}
		inner, after = p.toks[p.i+1:end], end+1
	}
	var b strings.Builder
	for i, u := range inner {
		switch {
		case u.kind == texLetter || i > 0 && u.kind == texNum && !strings.Contains(u.text, "."):
			b.WriteString(u.text)
		case u.kind == texCmd && greek[u.text[1:]] != "" && len(inner) == 1:
			b.WriteString(greek[u.text[1:]])
		default:
			return "", p.fail(u, "unsupported %s{%s}", cmd.text, p.src[inner[0].off:inner[len(inner)-1].end])
		}
	}
	if b.Len() == 0 {
		return "", p.fail(cmd, "expected a name after %s", cmd.text)
	}
	p.i = after
	return Canonical(b.String()), nil
}

// simpleName reads a name with an optional subscript, as the variable or
// density of an expectation or the densities of KL and H.
func (p *texParser) simpleName() (string, error) {
	t := p.peek()
	var base string
	switch {
	case t.kind == texLetter:
		p.next()
		base = Canonical(t.text)
	case t.kind == texCmd && greek[t.text[1:]] != "":
		p.next()
		base = Canonical(greek[t.text[1:]])
	case t.is(`\mathbf`), t.is(`\boldsymbol`), t.is(`\bm`), t.is(`\mathit`),
		t.is(`\mathcal`), t.is(`\mathbb`), t.is(`\mathsf`):
		p.next()
		var err error
		if base, err = p.styledName(t); err != nil {
			return "", err
		}
		if base == "N" && (t.is(`\mathcal`) || t.is(`\mathbb`)) && !p.peek().is("_") {
			return "", p.fail(t, "a density family here is unsupported; name the density (x \\sim p)")
		}
	default:
		return "", p.fail(t, "expected a name but found %s", texDescribe(t))
	}
	if !p.peek().is("_") {
		return base, nil
	}
	us := p.next()
	parts, err := p.subParts(us)
	if err != nil {
		return "", err
	}
	if len(parts) > 1 {
		return "", p.fail(us, "a subscript with a comma is unsupported here")
	}
	return Canonical(base + "_" + parts[0]), nil
}

// densityName reads the name of a density, skipping the variable it may
// be written with: p, q_\phi, P(x).
func (p *texParser) densityName() (string, error) {
	n, err := p.simpleName()
	if err != nil {
		return "", err
	}
	if t := p.peek(); t.is("(") {
		if p.match[p.i] < 0 {
			return "", p.fail(t, "( is never closed")
		}
		p.i = p.match[p.i] + 1
	}
	return n, nil
}

// texUndo is a token as it was before digit split it.
type texUndo struct {
	i   int
	tok texTok
}

// rewind moves back to save, undoing the splitting of number tokens.
func (p *texParser) rewind(save int) {
	for len(p.undo) > 0 && p.undo[len(p.undo)-1].i >= save {
		u := p.undo[len(p.undo)-1]
		p.toks[u.i] = u.tok
		p.undo = p.undo[:len(p.undo)-1]
	}
	p.i = save
}

// blackboard parses \mathbb{X}, \mathcal{X} or \mathscr{X}: the
// expectation E, the entropy H, the normal density N, D_{KL}, or a name.
func (p *texParser) blackboard() (Expr, error) {
	t := p.next()
	raw, err := p.rawArg(t)
	if err != nil {
		return nil, err
	}
	w := strings.TrimSpace(raw)
	if len(w) != 1 || !isASCIILetter(w[0]) {
		return nil, p.fail(t, "unsupported LaTeX command %s{%s}", t.text, raw)
	}
	nt := p.peek()
	switch {
	case w == "E":
		return p.expectation(t)
	case w == "N" && nt.is("("):
		return p.normal(t)
	case w == "H" && nt.is("("):
		return p.info("H", t)
	case w == "I" && nt.is("("):
		return nil, p.fail(t, "self-information %s{I}(...) is unsupported; write -\\log p(x)", t.text)
	case w == "I" || w == "R":
		return nil, p.fail(t, "unsupported LaTeX command %s{%s}", t.text, w)
	}
	x, err := p.named(w, t)
	if err != nil {
		return nil, err
	}
	if s, ok := x.(*Sym); ok && p.peek().is("(") && !p.opt.Funcs[s.Name] {
		return nil, p.fail(t, "unsupported LaTeX command %s{%s}(...)", t.text, w)
	}
	return x, nil
}

// expectation parses the rest of E_{x \sim p}[f] after the E.
func (p *texParser) expectation(head texTok) (Expr, error) {
	v, dist, err := p.expectSub()
	if err != nil {
		return nil, err
	}
	return p.expectBody(head, v, dist)
}

// expectSub reads the subscript of an expectation: x \sim p, x \sim p(x),
// p, p(x) (the variable in parentheses), or nothing. An unwritten
// variable is S(""), for the checker to take from the density.
func (p *texParser) expectSub() (Expr, string, error) {
	if !p.peek().is("_") {
		return S(""), "", nil
	}
	p.next()
	if !p.peek().is("{") {
		t := p.next()
		switch {
		case t.kind == texLetter:
			return S(""), Canonical(t.text), nil
		case t.kind == texCmd && greek[t.text[1:]] != "":
			return S(""), Canonical(greek[t.text[1:]]), nil
		}
		return nil, "", p.fail(t, "expected the density of the expectation but found %s", texDescribe(t))
	}
	p.next()
	var v Expr = S("")
	if p.emptyName() && !p.peek().is(`\sim`) {
		return nil, "", p.fail(p.peek(), "expected \\sim after the variable of the expectation")
	}
	if !p.peek().is(`\sim`) {
		n, err := p.simpleName()
		if err != nil {
			return nil, "", err
		}
		switch t := p.peek(); {
		case t.is(`\sim`):
			v = S(n)
		case t.is("("): // E_{q(z)}
			p.next()
			vn, err := p.simpleName()
			if err != nil {
				return nil, "", err
			}
			if _, err := p.expect(")"); err != nil {
				return nil, "", err
			}
			if _, err := p.expect("}"); err != nil {
				return nil, "", err
			}
			return S(vn), n, nil
		default:
			if _, err := p.expect("}"); err != nil {
				return nil, "", p.fail(t, "the subscript of an expectation is x \\sim p, p or p(x); found %s", texDescribe(t))
			}
			return S(""), n, nil
		}
	}
	p.next() // \sim
	dist := ""
	if !p.emptyName() && !p.peek().is("}") {
		var err error
		if dist, err = p.densityName(); err != nil {
			return nil, "", err
		}
	}
	if t := p.peek(); !t.is("}") {
		return nil, "", p.fail(t, "the subscript of an expectation is x \\sim p, p or p(x); found %s", texDescribe(t))
	}
	p.next()
	return v, dist, nil
}

// emptyName skips \mathit{}, which is how Format(e, LaTeX) spells the
// unwritten variable or density of an expectation.
func (p *texParser) emptyName() bool {
	if p.peek().is(`\mathit`) && p.at(1).is("{") && p.at(2).is("}") {
		p.i += 3
		return true
	}
	return false
}

func (p *texParser) expectBody(head texTok, v Expr, dist string) (Expr, error) {
	var body Expr
	var err error
	switch t := p.peek(); {
	case t.is("["):
		body, err = p.group("]")
	case t.is("("):
		body, err = p.group(")")
	default:
		return nil, p.fail(t, "expected [ after the expectation but found %s", texDescribe(t))
	}
	if err != nil {
		return nil, err
	}
	return &Expect{Var: v, Dist: dist, Body: body}, nil
}

// expectHead reports whether an expectation's E starts at i, and where
// its subscript starts.
func (p *texParser) expectHead(i int) (int, bool) {
	t := p.toks[i]
	switch {
	case t.kind == texLetter && t.text == "E" && (p.toks[i+1].is("_") || p.toks[i+1].is("[")):
		return i + 1, true
	case t.is(`\mathbb`) && p.wordAt(i+1) == "E":
		return p.scriptEnd(i), true
	}
	return 0, false
}

// brace parses a braced group. {\mathbb{E}_{X\sim P(x)}}\left[...\right],
// which braces only the head of an expectation, is read too.
func (p *texParser) brace() (Expr, error) {
	if sub, ok := p.expectHead(p.i + 1); ok {
		save := p.i
		head := p.toks[p.i+1]
		p.i = sub
		v, dist, err := p.expectSub()
		if err == nil && p.peek().is("}") {
			p.next()
			return p.expectBody(head, v, dist)
		}
		p.rewind(save)
	}
	return p.group("}")
}

// info parses the arguments of KL or H: (P || Q), (P \| Q), (P, Q), [P || Q];
// (P) or (P, Q) for H.
func (p *texParser) info(kind string, head texTok) (Expr, error) {
	open := p.peek()
	closer := map[string]string{"(": ")", "[": "]"}[open.text]
	if !open.is("(") && !open.is("[") {
		return nil, p.fail(open, "expected ( after %s but found %s", kind, texDescribe(open))
	}
	p.next()
	P, err := p.densityName()
	if err != nil {
		return nil, err
	}
	in := &Info{Kind: kind, P: P}
	switch t := p.peek(); {
	case kind == "H" && t.is(closer):
		p.next()
		return in, nil
	case t.is(","):
		p.next()
	case kind == "KL" && (t.is(`\|`) || t.is(`\parallel`)):
		p.next()
	case kind == "KL" && t.is("|") && p.at(1).is("|"):
		p.i += 2
	default:
		return nil, p.fail(t, "expected || between the densities of %s but found %s", kind, texDescribe(t))
	}
	if in.Q, err = p.densityName(); err != nil {
		return nil, err
	}
	if _, err := p.expect(closer); err != nil {
		return nil, err
	}
	return in, nil
}

// normal parses the arguments of N(x; mean, variance) or N(mean, variance).
func (p *texParser) normal(head texTok) (Expr, error) {
	open := p.peek()
	if !open.is("(") {
		return nil, p.fail(open, "expected ( after %s but found %s", head.text, texDescribe(open))
	}
	p.next()
	args, semi, err := p.argList(")")
	if err != nil {
		return nil, err
	}
	if semi && len(args) == 3 || !semi && len(args) == 2 {
		return Fn("Normal", args...), nil
	}
	return nil, p.fail(open, "a normal density is N(x; mean, variance) or N(mean, variance), not %d arguments", len(args))
}

// argList parses the arguments of a call after its "(": expressions
// separated by commas, the first of them optionally by ; or |, as in
// q(z; mu, s). It reports whether the first separator was ; or |.
func (p *texParser) argList(closer string) ([]Expr, bool, error) {
	var args []Expr
	semi := false
	_, err := p.inside(func() (Expr, error) {
		p.bar = true
		for {
			a, err := p.sum()
			if err != nil {
				return nil, err
			}
			args = append(args, a)
			t := p.peek()
			switch {
			case t.is(","):
			case (t.is(";") || t.is("|") || t.is(`\mid`)) && len(args) == 1:
				semi = true
			case t.is(";") || t.is("|") || t.is(`\mid`):
				return nil, p.fail(t, "%s separates only the variable from the parameters", t.text)
			default:
				return nil, nil
			}
			p.next()
		}
	})
	if err != nil {
		return nil, false, err
	}
	if _, err := p.expect(closer); err != nil {
		return nil, false, err
	}
	return args, semi, nil
}

// bars parses |x|: the determinant when x is a matrix name (capital
// Latin or Greek: |\Sigma_q|), else the absolute value.
func (p *texParser) bars() (Expr, error) {
	open := p.next()
	x, err := p.inside(func() (Expr, error) {
		p.abs = 1
		return p.sum()
	})
	if err != nil {
		return nil, err
	}
	if t := p.peek(); !t.is("|") {
		return nil, p.fail(t, "expected | to close the | at %d:%d but found %s", open.line, open.col, texDescribe(t))
	}
	p.next()
	if texMatrixName(x) {
		return Fn("det", x), nil
	}
	return Fn("abs", x), nil
}

func texMatrixName(x Expr) bool {
	if ix, ok := x.(*Index); ok {
		x = ix.Base
	}
	s, ok := x.(*Sym)
	if !ok {
		return false
	}
	base, _ := SplitName(s.Name)
	if g := greek[base]; g != "" {
		return unicode.IsUpper([]rune(g)[0])
	}
	return len(base) == 1 && base[0] >= 'A' && base[0] <= 'Z'
}

// integral parses \int f dx over the whole real line.
func (p *texParser) integral() (Expr, error) {
	t := p.next()
	lo, hi := "", ""
	for p.peek().is("_") || p.peek().is("^") {
		s := p.next()
		if p.peek().kind == texEOF {
			return nil, p.fail(p.peek(), "expected a limit of the integral")
		}
		text, end := p.scriptText(p.i)
		p.i = end
		if s.is("_") && lo == "" {
			lo = text
		} else if s.is("^") && hi == "" {
			hi = text
		} else {
			return nil, p.fail(s, "the integral has two %s limits", s.text)
		}
	}
	whole := lo == "" && hi == "" ||
		lo == `-\infty` && (hi == `\infty` || hi == `+\infty`) ||
		hi == "" && (lo == `\mathbbR` || strings.HasPrefix(lo, `\mathbbR^`))
	if !whole {
		return nil, p.fail(t, "an integral from %s to %s is unsupported; only integrals over the whole real line are", texQuote(lo), texQuote(hi))
	}
	if p.isDifferential(p.i) {
		return nil, p.fail(p.peek(), "a differential before the integrand is unsupported; write \\int f(x)\\,dx")
	}
	body, err := p.inside(func() (Expr, error) {
		p.inInt = true
		return p.sum()
	})
	if err != nil {
		return nil, err
	}
	if u := p.peek(); !p.isDifferential(p.i) {
		return nil, p.fail(u, "expected the differential (dx) of the integral at %d:%d but found %s", t.line, t.col, texDescribe(u))
	}
	v, err := p.differential()
	if err != nil {
		return nil, err
	}
	return &Integral{Var: v, Body: body}, nil
}

// isDifferential reports whether a differential dx, d\theta or
// \mathrm{d}x starts at i.
func (p *texParser) isDifferential(i int) bool {
	t := p.toks[i]
	after := i + 1
	switch {
	case t.kind == texLetter && t.text == "d":
	case (t.is(`\mathrm`) || t.is(`\text`) || t.is(`\operatorname`)) && p.wordAt(i+1) == "d":
		after = i + 2
		if p.toks[i+1].is("{") {
			after = p.match[i+1] + 1
		}
	default:
		return false
	}
	n := p.toks[after]
	return n.kind == texLetter || n.kind == texCmd &&
		(greek[n.text[1:]] != "" || n.is(`\mathbf`) || n.is(`\boldsymbol`) || n.is(`\bm`))
}

// differential reads the differential at the cursor and returns its
// variable.
func (p *texParser) differential() (Expr, error) {
	if t := p.next(); t.kind == texCmd {
		if _, err := p.rawArg(t); err != nil {
			return nil, err
		}
	}
	n := p.next()
	base := ""
	switch {
	case n.kind == texLetter:
		base = Canonical(n.text)
	case greek[n.text[1:]] != "":
		base = Canonical(greek[n.text[1:]])
	default:
		var err error
		if base, err = p.styledName(n); err != nil {
			return nil, err
		}
	}
	return p.subscripted(base)
}

// bigOp parses \sum_{d=1}^{D} f or \prod_{d=1}^{D} f. The body is the
// product that follows, up to the next + or -.
func (p *texParser) bigOp() (Expr, error) {
	t := p.next()
	op := t.text[1:]
	idx := ""
	var lo, hi Expr
	for p.peek().is("_") || p.peek().is("^") {
		s := p.next()
		if s.is("^") && hi == nil {
			h, err := p.script()
			if err != nil {
				return nil, err
			}
			hi = h
			continue
		}
		if s.is("^") || lo != nil {
			return nil, p.fail(s, "%s has two %s limits", t.text, s.text)
		}
		if !p.peek().is("{") || p.at(1).kind == texEOF || !p.at(2).is("=") {
			return nil, p.fail(t, "%s_x, a sum over the values of a variable, is unsupported; write %s_{d=1}^{D}", t.text, t.text)
		}
		p.next()
		n, err := p.simpleName()
		if err != nil {
			return nil, err
		}
		p.next() // =
		if lo, err = p.inside(p.sum); err != nil {
			return nil, err
		}
		if _, err := p.expect("}"); err != nil {
			return nil, err
		}
		idx = n
	}
	if lo == nil {
		return nil, p.fail(t, "%s without limits is unsupported; write %s_{d=1}^{D}", t.text, t.text)
	}
	if hi == nil {
		return nil, p.fail(t, "%s_{%s=...} needs an upper limit ^{...}", t.text, idx)
	}
	p.bound = append(p.bound, idx)
	body, err := p.term()
	p.bound = p.bound[:len(p.bound)-1]
	if err != nil {
		return nil, err
	}
	return &Big{Op: op, Index: idx, Lo: lo, Hi: hi, Body: body}, nil
}

var texMatrixEnvs = setOf("pmatrix", "bmatrix", "matrix", "Bmatrix", "smallmatrix")

// matrix parses \begin{pmatrix} a & b \\ c & d \end{pmatrix}; one row is a
// vector.
func (p *texParser) matrix() (Expr, error) {
	t := p.next()
	raw, err := p.rawArg(t)
	if err != nil {
		return nil, err
	}
	name := strings.TrimSpace(raw)
	if !texMatrixEnvs[name] {
		return nil, p.fail(t, "unsupported environment %s", name)
	}
	rows := [][]Expr{nil}
	for !p.peek().is(`\end`) {
		x, err := p.inside(p.sum)
		if err != nil {
			return nil, err
		}
		rows[len(rows)-1] = append(rows[len(rows)-1], x)
		switch u := p.peek(); {
		case u.is("&"):
			p.next()
		case u.is(`\\`):
			p.next()
			rows = append(rows, nil)
		case !u.is(`\end`):
			return nil, p.fail(u, "expected &, \\\\ or \\end{%s} but found %s", name, texDescribe(u))
		}
	}
	e := p.next()
	if _, err := p.rawArg(e); err != nil {
		return nil, err
	}
	if len(rows) > 1 && len(rows[len(rows)-1]) == 0 {
		rows = rows[:len(rows)-1]
	}
	if len(rows[0]) == 0 {
		return nil, p.fail(t, "empty matrix")
	}
	for _, r := range rows {
		if len(r) != len(rows[0]) {
			return nil, p.fail(t, "matrix rows have different lengths (%d and %d)", len(rows[0]), len(r))
		}
	}
	return &Matrix{Rows: rows, Vector: len(rows) == 1}, nil
}
