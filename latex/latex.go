// Package latex is the LaTeX reader: it turns the math of hand-written
// derivations into the same trees the .kl parser builds. It is written by hand, as recursive
// descent over the small tokenizer in lex.go, rather than with
// participle: LaTeX's grammar is irregular in ways a grammar table states
// badly. A macro takes one token or one braced group (x^23 is x^{2}3),
// \log without parentheses takes the product up to the next + or -, |x|
// opens and closes with the same character, a differential ends an
// integral, and {\mathbb{E}_{x}}[f] wraps only half of an expectation.
//
// It reads a deliberate subset and reports anything else as an *Error
// naming the construct: it never guesses.
package latex

import (
	"slices"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Options tune the reading of LaTeX.
type Options struct {
	File      string // for positions in errors
	Line, Col int    // where src starts in File (1-based), so positions are file positions
	// Funcs are canonical names applied as functions when followed by "(",
	// e.g. the densities "p" and "q": p(x) is Call{p, [x]}, not p*x.
	Funcs map[string]bool
	// Vars are the canonical names of the random variables (the densities'
	// variables and their capitals): E(x) and V(x), written in plain
	// letters, are the expectation and variance only of one of them, so
	// that an energy E(u) stays a name.
	Vars map[string]bool
	// Dim is the dimension that a sum or product over an index without
	// limits (\sum_i \sigma_i^2) runs to: the context's only one.
	Dim string
	// Heads, when set, reads only the two parts of a chain's first link
	// (its first part and the one after it), and only when Heads holds
	// of the first part's source and the relation between them. The
	// other parts keep their Op, Pos and Src, with X and Err nil. A
	// reader that looks for definitions only (p(x) \sim
	// \mathcal{N}(\mu, \sigma^2)) needs no more: a long derivation is
	// not parsed for it, nor a chain whose first part names nothing.
	Heads func(left, op string) bool
	// integralVar is the variable of the last integral of the parts
	// read before, for an evaluation bracket (bracket.go).
	integralVar string
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
	X   expr.Expr // nil when Err is set
	Pos expr.Pos  // where the part starts
	Src string    // the part as written
	Err error     // an *Error, naming the unsupported construct
}

// Parse parses one LaTeX math expression (no relation) into an Expr.
func Parse(src string, opt Options) (expr.Expr, error) {
	opt = texDefaults(opt)
	var one [1]ChainPart // the parts of the one expression, on the stack
	parts, err := AppendChain(one[:0], src, opt)
	if err != nil {
		return nil, err
	}
	if len(parts) == 0 {
		return nil, expr.Errorf(expr.Pos{File: opt.File, Line: opt.Line, Col: opt.Col}, "empty expression")
	}
	for i, pt := range parts {
		if pt.Op != "" {
			return nil, expr.Errorf(pt.Pos, "expected one expression, but found a relation (%s) before %s", pt.Op, texQuote(pt.Src))
		}
		if i > 0 {
			return nil, expr.Errorf(pt.Pos, "expected one expression, but found another row %s", texQuote(pt.Src))
		}
	}
	return parts[0].X, parts[0].Err
}

// ParseChain splits math into relation chains and parses each part.
// The math may contain &, \\ line breaks, \label, \tag, \nonumber and
// aligned, align, split, gather and equation environments. A row that
// begins with a relation (&= ...) continues the chain of the row before;
// so does a row after one that ends with a relation, and a row that
// begins "& +" or "& -" continues the previous part. A part that cannot
// be parsed has Err set and X nil, and the chain continues. The error
// result is for the block as a whole: unbalanced braces or environments,
// or an input too large. Empty math gives no parts.
func ParseChain(src string, opt Options) ([]ChainPart, error) { return AppendChain(nil, src, opt) }

// AppendChain is ParseChain, appending the parts to parts (on an error
// it returns nil): a reader that looks at each block's parts in turn,
// and keeps none, reads them all into one buffer.
func AppendChain(parts []ChainPart, src string, opt Options) ([]ChainPart, error) {
	opt = texDefaults(opt)
	if len(src) > expr.MaxInput {
		return nil, expr.Errorf(expr.Pos{File: opt.File, Line: opt.Line, Col: opt.Col}, "input is larger than %d bytes", expr.MaxInput)
	}
	scratch := getScratch()
	defer putScratch(scratch)
	toks, err := lexTeX(src, opt, scratch.toks)
	scratch.toks = toks[:0]
	if err != nil {
		return nil, err
	}
	if toks, err = texLayout(opt.File, toks); err != nil {
		return nil, err
	}
	rows, err := texRows(opt.File, src, toks, scratch.rows)
	if err != nil {
		return nil, err
	}
	scratch.rows = rows[:0]
	segs := texChain(rows, scratch)
	parts = slices.Grow(parts, len(segs))
	headRead := false // whether Heads holds of the chain's first link
	for i, s := range segs {
		part := ChainPart{Op: s.op}
		read := true
		if opt.Heads != nil {
			switch {
			case s.op == "":
				next := i + 1
				headRead = next < len(segs) && segs[next].op != "" && opt.Heads(s.src(src), segs[next].op)
				read = headRead
			case i > 0 && segs[i-1].op == "":
				read = headRead
			default:
				read = false
			}
		}
		if len(s.toks) == 0 {
			part.Pos = s.opTok.at(opt.File)
			part.Err = expr.Errorf(part.Pos, "nothing follows %s", s.op)
		} else {
			part.Pos, part.Src = s.toks[0].at(opt.File), s.src(src)
			if !read {
				parts = append(parts, part)
				continue
			}
			x, err := texParsePart(src, opt, s.toks, scratch)
			if err != nil {
				part.Err = err
			} else {
				part.X = x
				if v := lastIntegralVar(x); v != "" {
					opt.integralVar = v
				}
			}
		}
		parts = append(parts, part)
	}
	return parts, nil
}

func texDefaults(opt Options) Options {
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
func texParsePart(src string, opt Options, toks []texTok, scratch *texScratch) (x expr.Expr, err error) {
	p := newTexParser(src, opt, toks, scratch)
	defer func() {
		if r := recover(); r != nil {
			x, err = nil, expr.Errorf(toks[0].at(opt.File), "internal error reading LaTeX: %v", r)
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

// texRelations are the relations that separate the parts of a chain,
// with their spelling in ChainPart.Op.
var texRelations = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"=": "=", "<": "<", ">": ">", `\sim`: `\sim`, `\approx`: `\approx`,
		`\leq`: `\leq`, `\geq`: `\geq`, `\neq`: `\neq`, `\equiv`: `\equiv`,
		`\propto`: `\propto`, `\simeq`: `\simeq`, `\cong`: `\cong`, `\doteq`: `\doteq`,
		`\triangleq`: ":=", `\coloneqq`: ":=",
	}
}}

// texRelationAt returns the relation at toks[i] and its length in tokens.
func texRelationAt(toks []texTok, i int) (string, int) {
	t := toks[i]
	if t.kind != texPunct && t.kind != texCmd {
		return "", 0
	}
	if i+1 < len(toks) && toks[i+1].is("=") && !toks[i+1].space {
		switch t.text {
		case ":":
			return ":=", 2
		case "<":
			return `\leq`, 2
		case ">":
			return `\geq`, 2
		}
	}
	if op, ok := texRelations.Get()[t.text]; ok {
		return op, 1
	}
	return "", 0
}

// texSeg is one part of a chain before parsing.
type texSeg struct {
	op    string
	opTok texTok
	toks  []texTok
}

// src is the segment as written in src, from its first token to its
// last; nothing when it has none.
func (s texSeg) src(src string) string {
	if len(s.toks) == 0 {
		return ""
	}
	return src[s.toks[0].off:s.toks[len(s.toks)-1].end]
}

// texSplit cuts a row at the relations outside brackets.
func texSplit(row []texTok) []texSeg { return texSplitInto(nil, row) }

// texSplitInto is texSplit appending to buf[:0].
func texSplitInto(buf []texSeg, row []texTok) []texSeg {
	segs := append(buf[:0], texSeg{})
	depth, start := 0, 0
	for i := 0; i < len(row); i++ {
		t := row[i]
		// One switch on the token's text rather than a comparison for
		// each bracket: this loop meets every token of every block.
		opens, closes := false, false
		if t.kind == texPunct || t.kind == texCmd {
			switch t.text {
			case "{", "(", "[", `\{`, `\langle`:
				opens = true
			case "}", ")", "]", `\}`, `\rangle`:
				closes = true
			case `\begin`:
				// The comparisons of a cases environment's conditions
				// are inside it, not relations of the chain.
				opens = casesAt(row, i, `\begin`)
			case `\end`:
				closes = casesAt(row, i, `\end`)
			}
		}
		switch {
		case opens:
			depth++
		case closes:
			if depth > 0 {
				depth--
			}
		case depth == 0:
			if op, n := texRelationAt(row, i); n > 0 {
				segs[len(segs)-1].toks = row[start:i:i]
				segs = append(segs, texSeg{op: op, opTok: t})
				i += n - 1
				start = i + 1
				continue
			}
		}
	}
	segs[len(segs)-1].toks = row[start:len(row):len(row)]
	return segs
}

// casesAt reports whether toks[i] is cmd (\begin or \end) of a cases
// environment.
func casesAt(toks []texTok, i int, cmd string) bool {
	if !toks[i].is(cmd) || i+1 >= len(toks) || !toks[i+1].is("{") {
		return false
	}
	name := ""
	for j := i + 2; j < len(toks) && !toks[j].is("}"); j++ {
		name += toks[j].text
	}
	return name == "cases"
}

// texChain joins the rows of a block into chain parts: a row that begins
// with a relation continues the chain, a row after a trailing relation
// completes it, and a row "& + ..." continues the previous part.
func texChain(rows []texRow, scratch *texScratch) []texSeg {
	parts := scratch.parts[:0]
	pending := false
	for _, row := range rows {
		segs := texSplitInto(scratch.row, row.toks)
		scratch.row = segs
		first := segs[0].toks
		switch {
		case len(first) == 0 && len(segs) > 1:
			parts = append(parts, segs[1:]...)
		case len(first) == 0:
			continue
		case pending:
			parts[len(parts)-1].toks = first
			parts = append(parts, segs[1:]...)
		case row.amp && len(parts) > 0 && (first[0].is("+") || first[0].is("-")):
			last := &parts[len(parts)-1]
			last.toks = append(last.toks[:len(last.toks):len(last.toks)], first...)
			parts = append(parts, segs[1:]...)
		default:
			parts = append(parts, segs...)
		}
		last := parts[len(parts)-1]
		pending = len(last.toks) == 0 && last.op != ""
	}
	scratch.parts = parts
	return parts
}
