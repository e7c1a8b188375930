package latex

import (
	"github.com/klderive/klderive/expr"
	"strings"
)

// This file holds the integrals of the LaTeX reader, with their
// differentials, and sums and products over an index (\sum, \prod).

// integral parses \int f dx over the whole real line, or \int_a^b f dx
// over an interval or half-line (\int_0^\infty, \int_{-\infty}^{0}).
func (p *texParser) integral() (expr.Expr, error) {
	t := p.next()
	lo, hi := "", ""
	at := map[string]int{} // where each limit starts
	for p.peek().is("_") || p.peek().is("^") {
		s := p.next()
		if p.peek().kind == texEOF {
			return nil, p.fail(p.peek(), "expected a limit of the integral")
		}
		start := p.i
		text, end := p.scriptText(p.i)
		p.i = end
		if s.is("_") && lo == "" {
			lo, at["_"] = text, start
		} else if s.is("^") && hi == "" {
			hi, at["^"] = text, start
		} else {
			return nil, p.fail(s, "the integral has two %s limits", s.text)
		}
	}
	// over is the variable an integral over its whole domain names,
	// \int_x f or \int_{x} f dx, where the differential may be left out.
	over := ""
	if hi == "" && len(lo) == 1 && isASCIILetter(lo[0]) {
		over = expr.Canonical(lo)
	}
	whole := lo == "" && hi == "" || over != "" ||
		lo == `-\infty` && (hi == `\infty` || hi == `+\infty`) ||
		hi == "" && (lo == `\mathbbR` || strings.HasPrefix(lo, `\mathbbR^`) ||
			// \int_{\mathcal X}, \int_{\mathcal Z}: the variable's domain
			strings.HasPrefix(lo, `\mathcal`) && len(lo) == len(`\mathcalX`) && isASCIILetter(lo[len(lo)-1]))
	var limits [2]expr.Expr
	if !whole {
		if lo == "" || hi == "" {
			return nil, p.fail(t, `an integral from %s to %s is unsupported; write both limits, \int_a^b, or none for the whole real line`, texQuote(lo), texQuote(hi))
		}
		after := p.i
		for i, s := range []string{"_", "^"} {
			x, err := p.limit(at[s])
			if err != nil {
				return nil, err
			}
			limits[i] = x
		}
		p.i = after
	}
	if p.isDifferential(p.i) {
		in, err := p.integralDxFirst()
		if err != nil {
			return nil, err
		}
		if over != "" && expr.String(in.Var) != over {
			return nil, p.fail(t, "the integral over %s has the differential d%s", over, expr.String(in.Var))
		}
		// \int_0^1 dx\, f is over (0, 1), not the real line.
		in.Lo, in.Hi = limits[0], limits[1]
		return in, nil
	}
	body, err := p.inside(func() (expr.Expr, error) {
		p.inInt = true
		return p.sum()
	})
	if err != nil {
		return nil, err
	}
	if u := p.peek(); !p.isDifferential(p.i) {
		if over != "" {
			return &expr.Integral{Var: expr.S(over), Body: body}, nil
		}
		return nil, p.fail(u, "expected the differential (dx) of the integral at %d:%d but found %s", t.line, t.col, texDescribe(u))
	}
	dt := p.peek()
	v, err := p.differential()
	if err != nil {
		return nil, err
	}
	if over != "" && expr.String(v) != over {
		return nil, p.fail(dt, "the integral over %s has the differential d%s", over, expr.String(v))
	}
	return &expr.Integral{Var: v, Lo: limits[0], Hi: limits[1], Body: body}, nil
}

// limit reads the limit of an integral that starts at i: ±\infty is
// inf, anything else an expression.
func (p *texParser) limit(i int) (expr.Expr, error) {
	text, end := p.scriptText(i)
	switch text {
	case `\infty`, `+\infty`:
		p.i = end
		return expr.S("inf"), nil
	case `-\infty`:
		p.i = end
		return expr.Neg(expr.S("inf")), nil
	}
	p.i = i
	x, err := p.script()
	if err != nil {
		return nil, err
	}
	if p.i != end {
		return nil, p.fail(p.peek(), "expected the end of the limit but found %s", texDescribe(p.peek()))
	}
	return x, nil
}

// integralDxFirst parses the physicists' \int dx\, f(x) g(x): the
// integrand is the product after the differential. A sum after it reads
// two ways (\int dx\, f + g), so it is an error.
func (p *texParser) integralDxFirst() (*expr.Integral, error) {
	v, err := p.differential()
	if err != nil {
		return nil, err
	}
	if u := p.peek(); p.endsProduct(u) || u.is("+") || u.is("-") {
		// \int_a^b \mathrm{d}x, with nothing after the differential:
		// the integral of 1.
		return &expr.Integral{Var: v, Body: expr.N(1)}, nil
	}
	body, err := p.inside(func() (expr.Expr, error) { return p.product(false) })
	if err != nil {
		return nil, err
	}
	if u := p.peek(); u.is("+") || u.is("-") {
		return nil, p.fail(u, "\\int dx f %s g reads two ways; write \\int dx\\,(f %s g) or \\left(\\int dx\\, f\\right) %s g", u.text, u.text, u.text)
	}
	return &expr.Integral{Var: v, Body: body}, nil
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
		(expr.GreekLetter(n.text[1:]) != "" || n.is(`\mathbf`) || n.is(`\boldsymbol`) || n.is(`\bm`))
}

// differential reads the differential at the cursor and returns its
// variable.
func (p *texParser) differential() (expr.Expr, error) {
	if t := p.next(); t.kind == texCmd {
		if _, err := p.rawArg(t); err != nil {
			return nil, err
		}
	}
	n := p.next()
	base := ""
	switch {
	case n.kind == texLetter:
		base = expr.Canonical(n.text)
	case expr.GreekLetter(n.text[1:]) != "":
		base = expr.Canonical(expr.GreekLetter(n.text[1:]))
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
// coordinate reads the i of \sum_i or \sum_{i}, an index over the
// coordinates, when the options name the one dimension it runs to and i
// is no random variable (\sum_x sums over the values of x).
func (p *texParser) coordinate() (string, bool) {
	k := 0
	if p.peek().is("{") {
		k = 1
		if !p.at(2).is("}") {
			return "", false
		}
	}
	t := p.at(k)
	if p.opt.Dim == "" || t.kind != texLetter || len(t.text) != 1 || !isASCIILetter(t.text[0]) ||
		p.opt.Vars[t.text] || p.opt.Funcs[t.text] || t.text == p.opt.Dim {
		return "", false
	}
	p.i += 1 + 2*k
	return t.text, true
}

// OverSupport marks both limits of \sum_x, a sum over the support of
// the variable x: the checker replaces them by the ends of the support
// of x's discrete density, and reports the sum unreadable without one.
// Its name cannot be written in either syntax.
var OverSupport = expr.S("·support")

// variableScript reads the subscript of \sum_x, x or {x}, or {x \in
// \mathcal{X}} (the set of its values), when x is a variable of the
// context.
func (p *texParser) variableScript() (string, bool) {
	k := 0
	if p.peek().is("{") {
		k = 1
		if !p.at(2).is("}") && !p.inDomain(2) {
			return "", false
		}
	}
	t := p.at(k)
	if t.kind != texLetter || !p.opt.Vars[t.text] {
		return "", false
	}
	if k == 1 && !p.at(2).is("}") {
		p.i += 8 // { x \in \mathcal { X } }
		return t.text, true
	}
	p.i += 1 + 2*k
	return t.text, true
}

// inDomain reports whether the tokens from the cursor's i-th on are
// \in \mathcal{X} }: the set of a variable's values, as StatProofBook
// writes \sum_{x \in \mathcal{X}}.
func (p *texParser) inDomain(i int) bool {
	return p.at(i).is(`\in`) && p.at(i+1).is(`\mathcal`) && p.at(i+2).is("{") && p.at(i+3).kind == texLetter &&
		p.at(i+4).is("}") && p.at(i+5).is("}")
}

// setScript reads the subscript {x \in \{a, a + 1, …, b\}} of a sum over
// a set of consecutive integers, written out ({0, 1}) or with an
// ellipsis before its last element ({0, 1, \ldots, n}), into its index
// and limits; any other set is not read.
func (p *texParser) setScript() (idx string, lo, hi expr.Expr, ok bool, err error) {
	if !p.peek().is("{") || p.at(1).kind != texLetter || !p.at(2).is(`\in`) || !p.at(3).is(`\{`) {
		return "", nil, nil, false, nil
	}
	open := p.at(3)
	idx = expr.Canonical(p.at(1).text)
	p.i += 4
	var elems []expr.Expr
	ellipsis := false
	for {
		t := p.peek()
		switch {
		case t.is(`\ldots`) || t.is(`\dots`) || t.is(`\cdots`):
			if ellipsis || len(elems) == 0 {
				return "", nil, nil, true, p.fail(t, "an ellipsis in a set of values comes once, after its first elements")
			}
			ellipsis = true
			p.next()
		default:
			x, err := p.inside(p.sum)
			if err != nil {
				return "", nil, nil, true, err
			}
			elems = append(elems, x)
		}
		if t := p.peek(); t.is(",") {
			p.next()
			continue
		}
		break
	}
	if _, err := p.expect(`\}`); err != nil {
		return "", nil, nil, true, err
	}
	if _, err := p.expect("}"); err != nil {
		return "", nil, nil, true, err
	}
	// The elements before an ellipsis, or all of them, are consecutive
	// integers; after an ellipsis the last may be any expression.
	whole := elems
	if ellipsis {
		whole = elems[:len(elems)-1]
	}
	for i, x := range whole {
		n, isNum := x.(*expr.Num)
		if !isNum || !n.Val.IsInt() || i > 0 && !expr.IsInt(expr.Sub(x, whole[i-1]), 1) {
			return "", nil, nil, true, p.fail(open, "a sum over a set is read over consecutive integers only, {0, 1} or {0, 1, \\ldots, n}")
		}
	}
	return idx, elems[0], elems[len(elems)-1], true, nil
}

// infinityScript reads the superscript \infty or {\infty} of a series.
func (p *texParser) infinityScript() bool {
	switch {
	case p.peek().is(`\infty`):
		p.i++
	case p.peek().is("{") && p.at(1).is(`\infty`) && p.at(2).is("}"):
		p.i += 3
	default:
		return false
	}
	return true
}

func (p *texParser) bigOp() (expr.Expr, error) {
	t := p.next()
	op := t.text[1:]
	idx := ""
	var lo, hi expr.Expr
	for p.peek().is("_") || p.peek().is("^") {
		s := p.next()
		if s.is("^") && hi == nil && op == "sum" && p.infinityScript() {
			hi = expr.S("inf") // \sum_{x=0}^{\infty}, a series
			continue
		}
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
		if n, ok := p.coordinate(); ok {
			// \sum_i \sigma_i^2: the sum over the coordinates, from 1 to
			// the dimension (or to the upper limit written).
			idx, lo = n, expr.N(1)
			if hi == nil && !p.peek().is("^") {
				hi = expr.S(p.opt.Dim)
			}
			continue
		}
		if op == "sum" {
			if v, l, h, ok, err := p.setScript(); err != nil {
				return nil, err
			} else if ok {
				idx, lo, hi = v, l, h
				continue
			}
		}
		if v, ok := p.variableScript(); ok && op == "sum" {
			// \sum_x p(x) f(x): over the support of x, which the
			// reader of the context fills in.
			idx, lo, hi = v, OverSupport, OverSupport
			continue
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
	return &expr.Big{Op: op, Index: idx, Lo: lo, Hi: hi, Body: body}, nil
}
