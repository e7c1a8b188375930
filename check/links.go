package check

import (
	"fmt"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// Links are read from chains. A chain a = b = c, across the rows of an
// aligned block, is the links a = b and b = c. A display block that
// begins with a relation continues the chain of the display block before
// it, and a display block that is one bare expression, with only white
// space between it and the display block before, is read as that
// derivation's next line. The first link of a chain that defines a
// density or a function (P(x) \sim \mathcal{N}(...), f(x) = x) is
// context, not a claim to judge.

// chain is the state of the chain being read.
type chain struct {
	last *latex.ChainPart
	n    int    // parts read so far
	goal string // the density P of a chain that starts at KL(P || Q), H(P) or H(P, Q)
	def  bool   // the chain starts with a definition
	// implicit: the chain's one part is the right side of an implicit
	// link (a display block read as the next line of the one before).
	implicit bool
}

// pending is a link before it is judged.
type pending struct {
	link        *Link
	left, right *latex.ChainPart
	goal        string
	unknown     []string // the symbols that left the link unchecked
	// hypothesis: the link is inline math after "if", "where" and the
	// like, so it is judged only when it states a numeric fact.
	hypothesis bool
	// remark: the link is in a remark (\quad \text{since $b = c$}).
	remark bool
}

// relational reports whether math that cannot be read at all states a
// relation, so that it is reported rather than skipped.
var relational = lazy(`=|\\le|\\ge|\\ne|\\lt|\\gt|\\approx|\\sim|\\propto|\\equiv|\\triangleq|\\coloneqq|<|>|≤|≥|≠|≈|∝|≡|∼|≔`)

// chainLinks reads every block into links and statements. Each link
// keeps its parts for the checker; links with nothing to judge are
// Unchecked already. Every relation of the math ends up in one of the
// two, so nothing a document states is passed over in silence.
func chainLinks(s *Source, c *context) ([]pending, []Statement) {
	// Every block is read first, so that the links are counted: each is
	// at most one a part, or one a block that is not read, and the list
	// of them is made once (appending, it grows by a quarter at a time
	// and is copied about five times over).
	opt := c.texOptions(s.File)
	type read struct {
		parts []latex.ChainPart
		err   error
	}
	blocks := make([]read, len(s.Math))
	most := len(s.Math)
	for i, b := range s.Math {
		if !b.Unclosed {
			opt.Line, opt.Col = b.Pos.Line, b.Pos.Col
			blocks[i].parts, blocks[i].err = latex.ParseChain(b.Src, opt)
			most += len(blocks[i].parts)
		}
	}
	out := make([]pending, 0, most)
	var stmts []Statement
	var display chain // the last chain of the last display block
	var inline chain  // the last chain of the math block before, when inline
	inlineEnd := 0    // and where that block ends
	for i, b := range s.Math {
		if b.Unclosed {
			if relational.MatchString(b.Src) {
				out = append(out, pending{link: &Link{Pos: b.Pos, LeftPos: b.Pos, Op: "=", RHS: clip(b.Src), Status: Unchecked,
					Reason: "the display math opened here is not closed before a blank line, so Markdown does not read it as math"}})
			}
			display, inline = chain{}, chain{}
			continue
		}
		parts, err := blocks[i].parts, blocks[i].err
		if err != nil {
			if relational.MatchString(b.Src) {
				out = append(out, unread(errPos(err, b.Pos), b.Pos, b.Src, err))
			}
			if b.Display {
				display = chain{}
			}
			inline = chain{}
			continue
		}
		var cur chain
		// "for $0 < a < b$": each link of the chain is a condition.
		onlyConditions := b.Domain && statesOnlyConditions(b.Src)
		// A part that is no side of any link may still hold a relation
		// the reader could not see, inside a construct it does not know
		// (\text{a = b}, \overbrace{a = b}): it is reported.
		alone := func() {
			if pt := cur.last; pt != nil && cur.n == 1 && !cur.implicit && pt.Err != nil && relational.MatchString(pt.Src) {
				out = append(out, unread(errPos(pt.Err, pt.Pos), pt.Pos, pt.Src, pt.Err))
			}
		}
		for j := range parts {
			pt := &parts[j]
			switch {
			case pt.Op == "" && j > 0 && cur.last != nil && strings.HasPrefix(strings.TrimSpace(pt.Src), "+"):
				// A row that begins with + carries on the part before it
				// (a = b \\ + c), with or without an alignment point.
				joinParts(cur.last, pt, opt)
				continue
			case pt.Op == "":
				alone()
				cur = chain{last: pt, n: 1, goal: c.goalOf(pt.X)}
				if j == 0 && len(parts) == 1 && b.Display && b.Glued && display.last != nil && !display.def {
					out = append(out, newPending(display.last, pt, display.goal, true))
					cur.implicit = true
				}
				continue
			case j == 0 && b.Display && display.last != nil:
				cur = display
			case j == 0 && !b.Display && pt.Op == "=" && inline.last != nil && !inline.def &&
				inlineEnd <= b.start && !strings.ContainsAny(s.Text[inlineEnd:b.start], ".?!"):
				// Inline math that begins with = carries on the inline
				// math before it in the same sentence: $\int f\,dx$,
				// which gives $= \ldots$.
				cur = inline
			case j == 0:
				where := "this inline math begins with it"
				if b.Display {
					where = "no display math comes before"
				}
				out = append(out, pending{link: &Link{Pos: pt.Pos, LeftPos: b.Pos, Op: pt.Op, RHS: strings.TrimSpace(pt.Src), Status: Unchecked,
					Reason: fmt.Sprintf("nothing on the left of %s: %s", opName(pt.Op), where)}})
				cur = chain{last: pt, n: 2} // the part is a link's right side already
				continue
			}
			switch {
			case cur.n == 1 && c.isDefinition(cur.last, pt):
				kind := Definition
				if sps, ok := c.statedCase(cur.last, pt); ok {
					// q = N(0, 1) of a density defined in general: a special
					// case from here on.
					c.specials = append(c.specials, sps...)
					kind = Condition
				}
				if st, show := c.statement(kind, cur.last, pt); show || kind == Condition {
					stmts = append(stmts, st)
				}
				cur.def = true
			case (cur.n == 1 && len(parts) == 2 || b.Hypothesis || onlyConditions) && condition(cur.last, pt, b.Hypothesis || onlyConditions) && !c.labelled(cur.last.X):
				kind := Condition
				if cur.last.X != nil && pt.X != nil && s.setsLogBase(&expr.Rel{Op: pt.Op, L: cur.last.X, R: pt.X}) {
					kind = Base
				}
				st, _ := c.statement(kind, cur.last, pt)
				stmts = append(stmts, st)
				if sp, ok := c.special(cur.last, pt); ok && b.Specialises && kind == Condition {
					c.specials = append(c.specials, sp)
				} else if n, ok := c.notationOf(cur.last, pt); ok && b.Specialises {
					c.notations = append(c.notations, n)
				}
				cur.def = cur.def || cur.n == 1
			case cur.n == 1 && b.Display && c.isLabel(cur.last, pt):
				// KL = \int ...: the chain names what it computes.
				st, _ := c.statement(Definition, cur.last, pt)
				stmts = append(stmts, st)
				c.labels = append(c.labels, label{pos: pt.Pos, x: cur.last.X, def: c.relabel(pt.X, pt.Pos)})
				cur.def = true
			default:
				p := newPending(cur.last, pt, cur.goal, false)
				p.hypothesis = b.Hypothesis
				p.remark = b.Remark
				out = append(out, p)
			}
			cur.last = pt
			cur.n++
			if cur.goal == "" {
				// KL = \int f p(x) dx = E[f]: a chain that starts with a
				// name takes its density from the first part that has one.
				cur.goal = c.goalOf(pt.X)
			}
		}
		alone()
		inline = chain{}
		if b.Display {
			display = cur
		} else if !b.Hypothesis {
			inline, inlineEnd = cur, b.end
		}
	}
	return out, stmts
}

// statement records a relation that is context, unless it is a density
// definition the context already shows.
func (c *context) statement(kind StatementKind, left, right *latex.ChainPart) (Statement, bool) {
	text := clip(left.Src) + " " + right.Op + " " + clip(right.Src)
	return Statement{Pos: right.Pos, Kind: kind, Text: text}, !c.shown[left.Pos]
}

// unread is the link of math that states a relation but cannot be read.
func unread(pos, left expr.Pos, src string, err error) pending {
	return pending{link: &Link{Pos: pos, LeftPos: left, Op: "=", RHS: clip(src), Status: Unchecked, Reason: readError(err)}}
}

// joinParts reads a part and the row that carries it on as one part.
// The sources are joined with a space, so positions in an error past the
// first row are approximate.
func joinParts(last, more *latex.ChainPart, opt latex.Options) {
	if last.Err != nil || more.Err != nil {
		if last.Err == nil {
			last.Err, last.X = more.Err, nil
		}
		return
	}
	src := last.Src + " " + more.Src
	opt.Line, opt.Col = last.Pos.Line, last.Pos.Col
	x, err := latex.Parse(src, opt)
	last.Src = src
	if err != nil {
		last.X, last.Err = nil, err
		return
	}
	last.X = x
}

// clip shortens math for a message.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

func newPending(left, right *latex.ChainPart, goal string, implicit bool) pending {
	op := right.Op
	if implicit {
		op = "="
	}
	return pending{
		link: &Link{Pos: right.Pos, LeftPos: left.Pos, Op: op, Implicit: implicit,
			LHS: strings.TrimSpace(left.Src), RHS: strings.TrimSpace(right.Src), Right: right.X},
		left: left, right: right, goal: goal,
	}
}

// errPos is the position an error names, or the block's.
func errPos(err error, fallback expr.Pos) expr.Pos {
	if e, ok := err.(*expr.Error); ok {
		return e.Pos
	}
	return fallback
}

// texOptions are the LaTeX reader's options for file in this context.
func (c *context) texOptions(file string) latex.Options {
	opt := latex.Options{File: file, Funcs: c.funcs(), Vars: c.vars()}
	for _, name := range []string{"E", "V"} {
		if c.params[name] {
			// A parameter named E or V applied to (x) is no moment: as a
			// call of an unknown function, the link is not checked.
			opt.Funcs[name] = true
		}
	}
	if len(c.prob.Types.Dims) == 1 {
		for d := range c.prob.Types.Dims {
			opt.Dim = d
		}
	}
	return opt
}

// goalOf is the density a chain computes under: the P of KL(P || Q),
// H(P) or H(P, Q), or, for a chain that starts with an expectation under
// a named density or with the integral of a density times f (a multiple
// of it too), that density, so that the V(x) of
// -\int (x-\mu)^2 P(x) dx = -V(x) is the variance under P.
func (c *context) goalOf(x expr.Expr) string {
	switch x := x.(type) {
	case *expr.Info:
		return x.P
	case *expr.Expect:
		if _, ok := c.density(x.Dist); ok {
			return x.Dist
		}
	case *expr.Integral:
		if x.Bounded() {
			return ""
		}
		factors := []expr.Expr{x.Body}
		if m, ok := x.Body.(*expr.Mul); ok {
			factors = m.Factors
		}
		for _, f := range factors {
			if call, ok := f.(*expr.Call); ok && len(call.Args) == 1 && expr.Equal(call.Args[0], x.Var) {
				if _, ok := c.density(call.Fn); ok {
					return call.Fn
				}
			}
		}
	case *expr.Mul:
		if _, ok := x.Factors[0].(*expr.Num); ok && len(x.Factors) == 2 {
			return c.goalOf(x.Factors[1])
		}
	}
	return ""
}

// opName spells a relation for messages.
func opName(op string) string {
	switch op {
	case `\leq`:
		return "≤"
	case `\geq`:
		return "≥"
	case `\approx`:
		return "≈"
	case `\neq`:
		return "≠"
	case `\sim`:
		return "∼"
	case `\propto`:
		return "∝"
	case `\equiv`:
		return "≡"
	}
	return strings.TrimPrefix(op, `\`)
}

// condition reports whether a relation a = b is a condition or a
// notation rather than a step of a derivation: its left side is one
// symbol as written (\mu_1 = \mu_2, k = 1, \sigma > 0). After "if",
// "where" and the like (hypothesis) the right side may be anything
// (where $s = \sigma^2$); in a standalone equation it must be a single
// symbol or number too. A left side that is a number or a formula
// (2 = 3, \mu_1 + 0 = 3) is never a condition: it is a claim, unless it
// is a number that bounds one symbol (0 < a). A list of
// symbols (\sigma_1, \sigma_2 > 0) states the relation of each.
func condition(left, right *latex.ChainPart, hypothesis bool) bool {
	if numberSource.MatchString(left.Src) && orderOps[right.Op] != "" && right.X != nil && singleSymbol(right) {
		// 0 < a, the first link of 0 < a < b: a bound on a symbol.
		return true
	}
	if hypothesis && left.X != nil && len(expr.Symbols(left.X)) > 0 && orderOps[right.Op] != "" && numberSource.MatchString(right.Src) {
		// b - a > 0 after "assuming": the sign of an expression, as
		// derive states a support's width.
		return true
	}
	if right.X == nil || !(left.X != nil && singleSymbol(left) || symbolList(left.Src)) {
		return false
	}
	if hypothesis {
		return true
	}
	switch right.X.(type) {
	case *expr.Sym, *expr.Index, *expr.Num: // a number as read: -3, 3/4
		return true
	}
	return false
}

// singleSymbol reports whether a part is one symbol as written, not
// only as read: the reader folds \mu_1 + 0 and 1\cdot\mu_1 into \mu_1.
// The constants pi and e are not symbols: \pi = 3 is a claim.
func singleSymbol(pt *latex.ChainPart) bool {
	switch x := pt.X.(type) {
	case *expr.Sym:
		if expr.IsNumberConstant(x.Name) {
			return false
		}
	case *expr.Index:
	default:
		return false
	}
	return symbolSource.MatchString(pt.Src)
}

// symbolList reports whether src is two or more symbols as written,
// separated by commas outside braces: the left side of \sigma_1, \sigma_2 > 0.
func symbolList(src string) bool {
	pieces := commaPieces(src)
	if len(pieces) < 2 {
		return false
	}
	for _, piece := range pieces {
		x, err := latex.Parse(piece, latex.Options{})
		if err != nil || !singleSymbol(&latex.ChainPart{Src: piece, X: x}) {
			return false
		}
	}
	return true
}

// commaPieces cuts src at its commas outside braces and parentheses.
func commaPieces(src string) []string {
	var pieces []string
	depth, from := 0, 0
	for i, r := range src {
		switch r {
		case '{', '(':
			depth++
		case '}', ')':
			depth--
		case ',':
			if depth == 0 {
				pieces = append(pieces, src[from:i])
				from = i + 1
			}
		}
	}
	return append(pieces, src[from:])
}

// symbolSource is a symbol as written: a letter, a Greek or other
// letter command, or a Unicode letter with subscript digits, optionally in
// a font command, with a subscript (\mu_1, \sigma_{q,d}, \mathbf{x}_i,
// σ₁), optionally in a pair of braces or parentheses.
var symbolSource = lazy(`^\s*[({]?\s*(?:\\(?:mathbf|boldsymbol|mathit|mathrm|bm|vec)\s*\{\s*)?(?:\\[a-zA-Z]+|\pL[₀-₉]*)\s*\}?\s*(?:_\s*(?:\{[^{}]*\}|\\[a-zA-Z]+|[a-zA-Z0-9]))?\s*[)}]?\s*$`)

// Definitions. The left side of a definition is a name, a name applied to
// a variable, or a name labelling a variable (p: x \sim ...).
// The pieces the patterns below are written from: constants, so that
// each pattern is laid out at link time (see lazy).
const (
	// condItem is one thing a density is conditioned on: x, \mu, \sigma^2, \mu_1.
	condItem = `\\?[a-zA-Z]+(?:_\{?\w+\}?)?(?:\^\{?\w+\}?)?`
)

var (
	// randomVariable is the name of a random variable: one capital letter.
	randomVariable = lazy(`^[A-Z]$`)
	// defCall is name(v), or name(v | x) with what conditions it: letters
	// or parameters (p(x | \mu, \sigma^2)).
	defCall = lazy(`^\s*(.+?)\s*(?:\\left\s*)?\(\s*([a-zA-Z])\s*(?:(?:\||\\mid|\\vert)\s*` + condItem + `(?:\s*,\s*` + condItem + `)*\s*)?(?:\\right\s*)?\)\s*$`)
	// P: \; X, with the spacing an author puts after the colon.
	defLabel = lazy(`^\s*(.+?)\s*:(?:\s|~|\\[;,:! ]|\\q?quad\b)*([a-zA-Z])\s*$`)
)

// defName reads the left side of a definition: the name and, when it is
// written, the variable.
func defName(src string) (name, v string, ok bool) {
	head, v := defHead(src)
	name, ok = headName(head)
	if !ok {
		return "", "", false
	}
	return name, v, true
}

// defHead splits the left side of a definition into what names the
// density and the variable, when one is written: p and x of p(x), P and
// X of P: X; else the whole side and "".
func defHead(src string) (head, v string) {
	// Each pattern is tried only where it can match: what defCall
	// matches ends in a parenthesis, what defLabel matches holds a colon.
	var m []string
	if strings.HasSuffix(strings.TrimRight(src, " \t\n\f\r"), ")") {
		m = defCall.FindStringSubmatch(src)
	}
	if m == nil && strings.Contains(src, ":") {
		m = defLabel.FindStringSubmatch(src)
	}
	if m != nil {
		return m[1], m[2]
	}
	return src, ""
}

// headName is the name a definition's head is, when it is one: it is
// read as LaTeX, the costly part of defName.
func headName(head string) (string, bool) {
	x, err := latex.Parse(head, latex.Options{})
	if err != nil {
		return "", false
	}
	s, isSym := x.(*expr.Sym)
	if !isSym {
		return "", false
	}
	return s.Name, true
}

// isDefinition reports whether the first link of a chain defines rather
// than claims: name \sim family, name := ..., name = family(...), or
// f(x) = ... for an f that is not a density. The left side is a name,
// possibly applied to a variable: a formula or a number defines nothing.
//
// The first link of nearly every chain is a claim, so the head is read
// as LaTeX (headName) only once the cheaper tests leave the answer
// open: the result is the same as reading it first.
func (c *context) isDefinition(left, right *latex.ChainPart) bool {
	head, v := defHead(left.Src)
	if right.Err != nil {
		_, ok := iversonDefinition(left, right, "") // which reads the name itself
		return ok
	}
	switch right.Op {
	case `\sim`, ":=":
		_, ok := headName(head)
		return ok // 2 := 3 defines nothing
	case "=", `\equiv`:
	default:
		return false
	}
	if call, isCall := right.X.(*expr.Call); isCall && expr.LookupFamily(call.Fn) != nil {
		_, ok := headName(head)
		return ok
	}
	if _, isInfo := left.X.(*expr.Info); isInfo {
		return false // h(X) = -E[log p(X)]: the entropy of X, a claim
	}
	if v == "" && !c.shown[left.Pos] {
		return false // neither of the two ways below can hold
	}
	name, ok := headName(head)
	if !ok {
		return false
	}
	_, isDensity := c.density(name)
	if isDensity && c.shown[left.Pos] {
		return true // a density the document defines here, by its formula
	}
	return v != "" && !isDensity && right.X != nil && expr.Uses(right.X, v)
}

// findDefinitions reads the densities a document defines in its math:
// P(x) \sim \mathcal{N}(\mu_1, \sigma_1^2), q(z) \sim N(\mu, \sigma^2),
// p: x \sim \mathbb N(\mu_1, \sigma_1^2), p(x) = \mathcal{N}(x; 0, 1).
// N(mean, variance) takes the density's variable, as does any family
// written without it: x \sim \mathrm{Bern}(p), q: x \sim \mathrm{Poisson}(\lambda).
func findDefinitions(s *Source) []definition {
	var defs []definition
	dim := documentDim(s)
	seen := map[string]bool{}
	var buf []latex.ChainPart // each block's parts in turn: defs copy what they keep
	for _, b := range s.Math {
		if !mayDefine.MatchString(b.Src) {
			continue
		}
		parts, err := latex.AppendChain(buf[:0], b.Src, latex.Options{File: s.File, Line: b.Pos.Line, Col: b.Pos.Col, Heads: mayBeDefinition})
		if err != nil {
			continue
		}
		buf = parts
		for j := 1; j < len(parts); j++ {
			left, right := parts[j-1], parts[j]
			if left.Op != "" || left.Err != nil && !defLabel.MatchString(left.Src) && !defCall.MatchString(left.Src) {
				continue
			}
			if right.Err != nil {
				if d, ok := iversonDefinition(&left, &right, dim); ok && !seen[d.name] {
					seen[d.name] = true
					defs = append(defs, d)
				}
				continue
			}
			if right.Op != `\sim` && right.Op != "=" && right.Op != ":=" {
				continue
			}
			call, ok := right.X.(*expr.Call)
			if !ok || !isFamily(call) {
				continue
			}
			fam := expr.LookupFamily(call.Fn)
			n := len(fam.Params)
			name, v, ok := defName(left.Src)
			if !ok || seen[name] {
				continue
			}
			if randomVariable.MatchString(v) && defLabel.MatchString(left.Src) {
				// P: X \sim \mathrm{Gamma}(a, b) names the law P of the
				// random variable X: a density of x, as X's own is.
				v = strings.ToLower(v)
			}
			args, pi := symbolPi(call.Args)
			switch {
			case len(args) == n+1 && v == "":
				if s, ok := args[0].(*expr.Sym); ok {
					v = s.Name
				}
			case len(args) == n && v != "":
				args = append([]expr.Expr{expr.S(v)}, args...)
			}
			// A bare capital (X \sim N(0, 1)) is a random variable: its
			// density is named after it, in the lower-case variable, and
			// h(X), E[...] and p(x) then refer to it (see aliases).
			rv, ofVariable := false, false
			_, instance := statedFamily(call)
			// A Gaussian's N(0, 1) of a lower-case name is more often a
			// special case stated (q = N(0, 1)) than a definition; with
			// symbols for its parameters, p = N(\mu_1, \sigma_1^2)
			// defines p, as p = \mathrm{Cat}(\pi) does.
			definesGaussian := fam.Gaussian && !instance && right.Op != `\sim`
			if v == "" && (!fam.Gaussian || definesGaussian) && lowerLetter.MatchString(name) {
				if right.Op == `\sim` {
					// x \sim \mathrm{Dir}(\alpha): the random variable x,
					// whose density is named after it, as X's is.
					name, ofVariable = strings.ToUpper(name), true
				} else {
					v = "x" // p = \mathrm{Cat}(\pi): a density of x
					args = append([]expr.Expr{expr.S(v)}, args...)
				}
			}
			if v == "" && right.Op != `\sim` && lawLetter.MatchString(name) {
				// P = \mathrm{Gam}(a, b) names a law, as Q = … does: its
				// density is P's (p's) of x, not a random variable P.
				v = "x"
				args = append([]expr.Expr{expr.S(v)}, args...)
			}
			if v == "" {
				if !randomVariable.MatchString(name) {
					continue
				}
				v, rv = strings.ToLower(name), true
				args = append([]expr.Expr{expr.S(v)}, args...)
			}
			note := ""
			if len(args) != n+1 {
				continue
			}
			if sd, ok := args[len(args)-1].(*expr.Sym); ok && isGaussian(call) && n == 2 && strings.HasPrefix(sd.Name, "sigma") {
				// N(\mu_1, \sigma_1) names the standard deviation, as the
				// σ₁² of the text that follows it shows: σ is not a variance.
				args = []expr.Expr{args[0], args[1], expr.Power(sd, expr.N(2))}
				note = fmt.Sprintf("line %d: in %s, %s is read as the standard deviation (the variance is %s²)",
					left.Pos.Line, strings.TrimSpace(right.Src), expr.Format(sd, expr.Unicode), expr.Format(sd, expr.Unicode))
			}
			if pi {
				note = piNote(left.Pos.Line, right.Src)
			}
			seen[name] = true
			defs = append(defs, definition{name: name, line: left.Pos.Line, rv: rv, note: note, instance: instance, dim: dim, pi: pi, ofVariable: ofVariable,
				src: strings.TrimSpace(left.Src) + " " + right.Op + " " + strings.TrimSpace(right.Src),
				d:   &expr.Density{Name: name, Var: expr.S(v), Body: expr.Fn(call.Fn, args...), Pos: left.Pos}})
		}
	}
	return defs
}

// mayBeDefinition reports whether the first link of a chain, left op
// ..., may define a density: left is a name (defName) and op one of the
// relations a definition uses. Its sides are read only then; neither a
// family's definition nor one by an Iverson bracket is found otherwise.
func mayBeDefinition(left, op string) bool {
	if op != `\sim` && op != "=" && op != ":=" {
		return false
	}
	_, _, ok := defName(left)
	return ok
}

// isFamily reports whether e is a call to a family, of one variable or
// a Gaussian of several.
func isFamily(e expr.Expr) bool {
	c, ok := e.(*expr.Call)
	if !ok {
		return false
	}
	f := expr.LookupFamily(c.Fn)
	return f != nil && (!f.Multivariate || f.Gaussian)
}

// mayDefine is math that may define a density: a \sim, a Gaussian's N, a
// product (a Categorical with an Iverson bracket) or
// a family's name in a font.
var mayDefine = lazy(`N|\\sim|\\prod|\\(?:mathrm|text|operatorname|mathcal|mathbb)\b`)

// lowerLetter is one lower-case letter: p in p = \mathrm{Cat}(\pi).
var lowerLetter = lazy(`^[a-z]$`)

// lawLetter is a capital that names a law, not a random variable, when a
// family is equated to it: P = N(…), Q = \mathrm{Gam}(…).
var lawLetter = lazy(`^[PQ]$`)

// isGaussian reports whether e is a call to a Gaussian family, whose
// expectations the checker takes.
func isGaussian(e expr.Expr) bool {
	c, ok := e.(*expr.Call)
	return ok && expr.LookupFamily(c.Fn) != nil && expr.LookupFamily(c.Fn).Gaussian
}
