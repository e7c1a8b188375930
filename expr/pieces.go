package expr

import (
	"math/big"
	"strings"
)

// A Piece is a printed expression, or part of one, as a line breaker
// sees it: Text is the whole piece. A piece with Parts may also be set as
// Open, then its parts one after another (each may break again), then
// Close; Open and Close are then the text up to and including a bracket
// and the bracket that closes it, fixed in size (\Bigl[ ... \Bigr]) since
// \left and \right cannot span lines. A piece without Parts or Cases is
// never split. Parts are joined with a space (each term after the first
// starts with its sign), or with none when Tight (each factor after the
// first starts with its · or /).
//
// A piecewise expression has Cases instead of Parts: Open, then each
// case's value, CondSep and its condition, the cases separated by
// CaseSep, then Close, as Text sets them on one line. A line breaker may
// instead set each case on lines of its own, breaking its value again.
type Piece struct {
	Text        string
	Open, Close string
	Parts       []Piece
	Tight       bool

	Cases            []CasePiece
	CondSep, CaseSep string
}

// A CasePiece is one case of a piecewise piece: its value, which may
// break as any piece does, and its condition ("if a ≤ b", "otherwise"),
// which does not.
type CasePiece struct {
	Value Piece
	Cond  string
}

// Break prints e as a piece for a line breaker. A sum's parts are its
// terms, the first without a sign and each later one with its "+ " or
// "- ". An expectation or an indexed sum whose body is a sum, a product
// whose last factor is a sum or such a bracket, and a term that is a sum
// in parentheses are broken inside their bracket, so that a term too
// wide for a line of its own breaks again one level down. Joined in
// order, the parts read back as e.
//
// A piecewise expression breaks into its cases, each value as Break
// breaks it, and so does a term or a product that holds one (casesPiece).
func (n Notation) Break(e Expr, s Style) Piece {
	return n.printerFor(e, s).breakPiece(e)
}

// BreakText is the Text of Break(e, s), without the parts: what a line
// that fits shows, for the lines most rows are.
func (n Notation) BreakText(e Expr, s Style) string {
	return n.printerFor(e, s).breakText(e)
}

func (p printer) breakText(e Expr) string {
	if a, ok := e.(*Add); ok {
		return p.sum(a)
	}
	return p.wrapNone(e)
}

func (p printer) breakPiece(e Expr) Piece {
	text := p.breakText(e)
	if a, ok := e.(*Add); ok {
		return Piece{Text: text, Parts: p.termPieces(a)}
	}
	return p.piece(text, e)
}

// casesPiece is e, printed as text, broken into its cases when e is a
// piecewise expression or a product with one piecewise factor, such as
// { … }/s: the text before the cases goes into Open and the text after
// them into Close, so that each case's value may break on lines of its
// own as it does in a piecewise row.
func (p printer) casesPiece(text string, e Expr) (Piece, bool) {
	if p.style == Plain {
		return Piece{}, false
	}
	var cs *Cases
	switch e := e.(type) {
	case *Cases:
		cs = e
	case *Mul:
		for _, f := range e.Factors {
			if c, ok := f.(*Cases); ok {
				if cs != nil {
					return Piece{}, false
				}
				cs = c
			}
		}
	}
	if cs == nil {
		return Piece{}, false
	}
	// The cases must be set in text as on their own, and only once, for
	// Open and Close to be the text around them.
	inner := p.wrapNone(cs)
	at := strings.Index(text, inner)
	if at < 0 || strings.Count(text, inner) != 1 {
		return Piece{}, false
	}
	l := p.casesLayout(cs)
	pc := Piece{Text: text, Open: text[:at] + l.open, Close: l.close + text[at+len(inner):], CondSep: l.condSep, CaseSep: l.caseSep}
	for i, v := range l.values {
		pc.Cases = append(pc.Cases, CasePiece{Value: p.breakPiece(v), Cond: l.conds[i]})
	}
	return pc, true
}

// Pieces prints e as a sum that may be broken across lines: the parts of
// Break(e) one level down, as text, between open and close. Anything that
// does not break is one term.
func Pieces(e Expr, s Style) (open string, terms []string, close string) {
	return Notation{}.Pieces(e, s)
}

// Pieces is Pieces in this notation.
func (n Notation) Pieces(e Expr, s Style) (open string, terms []string, close string) {
	pc := n.Break(e, s)
	if pc.Parts == nil {
		return "", []string{pc.Text}, ""
	}
	for _, t := range pc.Parts {
		terms = append(terms, t.Text)
	}
	return pc.Open, terms, pc.Close
}

// piece is e, printed as text, with the parts it breaks into if any.
func (p printer) piece(text string, e Expr) Piece {
	if pc, ok := p.casesPiece(text, e); ok {
		return pc
	}
	open, a, close, ok := p.bracket(e)
	if !ok {
		return Piece{Text: text}
	}
	return Piece{Text: text, Open: open, Parts: p.termPieces(a), Close: close}
}

// bracket finds the sum that e may be broken inside: the text before it
// (its bracket included), the sum, and the closing bracket.
func (p printer) bracket(e Expr) (open string, a *Add, close string, ok bool) {
	if p.style == Plain {
		return "", nil, "", false
	}
	parens := func() (string, string) {
		if p.style == LaTeX {
			return `\Bigl(`, `\Bigr)`
		}
		return "(", ")"
	}
	switch e := e.(type) {
	case *Call:
		// erf(a + b), log(a + b): the function's name, then its
		// argument broken inside the bracket.
		a, ok := e.Args[0].(*Add)
		if len(e.Args) != 1 || !ok || !bracketedCall[e.Fn] {
			break
		}
		whole := p.call(e)
		arg := p.paren(p.args(e.Args, ", "))
		if !strings.HasSuffix(whole, arg) {
			break
		}
		open, close := parens()
		return whole[:len(whole)-len(arg)] + open, a, close, true
	case *Expect:
		if a, ok := e.Body.(*Add); ok {
			v, _ := p.script().print(e.Var)
			if p.style == LaTeX {
				return `\mathbb{E}_{` + v + ` \sim ` + latexName(e.Dist) + `}\Bigl[`, a, `\Bigr]`, true
			}
			return "E_{" + v + "∼" + p.sym(e.Dist) + "}[", a, "]", true
		}
	case *Mul:
		n := len(e.Factors)
		last := e.Factors[n-1]
		coef, num, den := p.split(e)
		over := !p.front && p.over(new(big.Rat).Abs(coef), num, den)
		if len(num) > 0 && (len(den) > 0 || over) && p.style == Unicode {
			// (a + b)/s and (a + b)/2 in text break inside their
			// bracket, as a product does; LaTeX sets them as a \frac,
			// which does not break.
			if a, ok := num[len(num)-1].(*Add); ok {
				whole, _ := p.print(e)
				inner := p.wrap(a, precProd)
				if at := strings.Index(whole, inner); at >= 0 && strings.HasPrefix(inner, "(") {
					return whole[:at+1], a, whole[at+len(inner)-1:], true
				}
			}
		}
		if len(den) > 0 && p.style == LaTeX {
			// A \frac cannot break, so a long one is set as an author
			// breaks it: \frac{1}{b - a} \Bigl(… + …\Bigr), the sum
			// of its numerator after the fraction that divides it.
			if open, a, ok := p.fracHead(e); ok {
				return open, a, `\Bigr)`, true
			}
		}
		if len(den) > 0 || over || len(num) == 0 || num[len(num)-1] != last {
			break
		}
		if n > 1 && reachesRight(e.Factors[n-2]) {
			// Printed alone, the head would end in a Σ or ∫ that reaches
			// over the bracket: (Σ_{j} a[j])·E[…] is not Σ_{j} a[j]·E[…].
			break
		}
		head := ""
		if n > 1 {
			q := p
			q.front = true
			var prec int
			head, prec = q.product(&Mul{Factors: e.Factors[:n-1]})
			if prec < precProd {
				// A head that prints as a sum, -(-a - b) as a + b,
				// keeps its bracket before the one broken after it.
				head = q.paren(head)
			}
		}
		if head != "-" && head != "" {
			head += map[Style]string{LaTeX: " ", Unicode: "·"}[p.style]
		}
		if a, ok := last.(*Add); ok {
			open, close := parens()
			return head + open, a, close, true
		}
		switch last.(type) {
		case *Expect, *Call:
			// c·E[a + b] and c·erf(a + b): the coefficient stays
			// before the bracket.
			if open, a, close, ok := p.bracket(last); ok {
				return head + open, a, close, true
			}
		}
	case *Big:
		a, ok := e.Body.(*Add)
		if !ok {
			break
		}
		whole := p.big(e)
		body := p.wrap(a, precProd)
		open, close := parens()
		return whole[:len(whole)-len(body)] + open, a, close, true
	}
	return "", nil, "", false
}

// bracketedCall holds the functions printed as a name and a bracketed
// argument, which a long argument may break inside.
var bracketedCall = map[string]bool{"erf": true, "log": true, "exp": true, "lgamma": true, "digamma": true, "gamma": true}

// reachesRight reports whether e is a sum or integral sign, whose body
// reaches to the end of the product it ends.
func reachesRight(e Expr) bool {
	switch e.(type) {
	case *Big, *Integral:
		return true
	}
	return false
}

// termPieces are the terms of a sum as sum prints them, each a piece
// that may break again: a term in parentheses inside them.
func (p printer) termPieces(a *Add) []Piece {
	out := make([]Piece, len(a.Terms))
	front := p.halvesInFront(a)
	for i, t := range a.Terms {
		// Only the term's own coefficient: front is not passed down.
		_, mul := t.(*Mul)
		p.front = front && mul
		abs, neg := negative(t)
		sign, min := "+ ", precProd
		switch {
		case i == 0:
			sign, abs, min = "", t, precSum
		case neg:
			sign = "- "
		default:
			abs = t
		}
		text, prec := p.print(abs)
		if prec >= min {
			pc := p.piece(text, abs)
			out[i] = prefixed(sign, pc)
			continue
		}
		out[i] = Piece{Text: sign + p.paren(text)}
		if inner, ok := abs.(*Add); ok && p.style != Plain {
			open, close := `\Bigl(`, `\Bigr)`
			if p.style != LaTeX {
				open, close = "(", ")"
			}
			out[i].Open, out[i].Parts, out[i].Close = sign+open, p.termPieces(inner), close
		}
	}
	return out
}

// prefixed is pc with a sign before it.
func prefixed(sign string, pc Piece) Piece {
	pc.Text = sign + pc.Text
	if pc.Parts != nil || pc.Cases != nil {
		pc.Open = sign + pc.Open
	}
	return pc
}

// lastAdd is the last of a product's numerator factors, when a sum.
func lastAdd(num []Expr) (*Add, bool) {
	if len(num) == 0 {
		return nil, false
	}
	a, ok := num[len(num)-1].(*Add)
	return a, ok
}

// terms are the printed terms of a sum, as sum joins them.
func (p printer) terms(a *Add) []string {
	out := make([]string, len(a.Terms))
	front := p.halvesInFront(a)
	for i, t := range a.Terms {
		// Only the term's own coefficient: front is not passed down.
		_, mul := t.(*Mul)
		p.front = front && mul
		abs, neg := negative(t)
		switch {
		case i == 0:
			out[i] = p.wrap(t, precSum)
		case neg:
			out[i] = "- " + p.wrap(abs, precProd)
		default:
			out[i] = "+ " + p.wrap(abs, precProd)
		}
	}
	return out
}

// fracHead is the text before the bracket of a fraction whose numerator
// ends in a sum, set with the sum taken out, \frac{k}{d} \Bigl(, and
// the sum. The sum must be a factor of the product itself (or its
// negation, when split took the sign out), so that the rest is the
// product without it.
func (p printer) fracHead(m *Mul) (string, *Add, bool) {
	_, num, _ := split(m)
	a, ok := lastAdd(num)
	if !ok {
		return "", nil, false
	}
	rest := make([]Expr, 0, len(m.Factors))
	found := false
	for _, f := range m.Factors {
		if f == Expr(a) && !found {
			found = true
			continue
		}
		if g, ok := f.(*Add); ok && !found {
			// split gave a sum of negative terms' sign to the
			// coefficient; the rest takes it.
			if pos, ok := negated(g, false); ok && Equal(pos, a) {
				found = true
				rest = append(rest, N(-1))
				continue
			}
		}
		rest = append(rest, f)
	}
	if !found {
		return "", nil, false
	}
	q := p
	q.front = false
	head, prec := q.product(&Mul{Factors: rest})
	if prec < precProd {
		head = q.paren(head)
	}
	return head + ` \Bigl(`, a, true
}
