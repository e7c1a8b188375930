package latex

import (
	"github.com/klderive/klderive/expr"
	"strings"
)

// This file holds the probability notation of the LaTeX reader:
// \mathbb{E}, \mathcal{N} and their kin, expectations, KL divergences and
// entropies, and normal densities.

// blackboard parses \mathbb{X}, \mathcal{X} or \mathscr{X}: the
// expectation E, the entropy H, the normal density N, D_{KL}, or a name.
func (p *texParser) blackboard() (expr.Expr, error) {
	t := p.next()
	raw, err := p.rawArg(t)
	if err != nil {
		return nil, err
	}
	w := strings.TrimSpace(raw)
	if w == "1" && t.is(`\mathbb`) {
		return p.indicator(t)
	}
	if len(w) != 1 || !isASCIILetter(w[0]) {
		return nil, p.fail(t, "unsupported LaTeX command %s{%s}", t.text, raw)
	}
	nt := p.peek()
	switch {
	case w == "E":
		return p.expectation(t)
	case w == "N" && nt.is("("):
		return p.normal(t)
	case nt.is("(") && expr.ReadFamily(t.text+"{"+w+"}") != nil:
		return p.distribution(expr.ReadFamily(t.text+"{"+w+"}"), t) // \mathcal{U}(a, b)
	case w == "H" && nt.is("("):
		return p.info("H", t)
	case w == "V" && (nt.is(`\mathrm`) || nt.is(`\text`)) && p.wordAt(p.i+1) == "ar":
		p.i = p.scriptEnd(p.i) // \mathbb{V}{\rm ar}(X), a styled Var
		return p.variance(t)
	case w == "V" && (nt.is("(") || nt.is("[") || nt.is("_")):
		return p.variance(t) // \mathbb{V}[X]
	case w == "I" && nt.is("("):
		return p.info("I", t) // \mathbb{I}(p), the self-information
	case w == "I" || w == "R":
		return nil, p.fail(t, "unsupported LaTeX command %s{%s}", t.text, w)
	}
	x, err := p.named(w, t)
	if err != nil {
		return nil, err
	}
	if s, ok := x.(*expr.Sym); ok && p.peek().is("(") && !p.opt.Funcs[s.Name] {
		return nil, p.fail(t, "unsupported LaTeX command %s{%s}(...)", t.text, w)
	}
	return x, nil
}

// expectation parses the rest of E_{x \sim p}[f] after the E.
func (p *texParser) expectation(head texTok) (expr.Expr, error) {
	v, dist, err := p.expectSub()
	if err != nil {
		return nil, err
	}
	return p.expectBody(head, v, dist)
}

// expectSub reads the subscript of an expectation: x \sim p, x \sim p(x),
// p, p(x) (the variable in parentheses), or nothing. An unwritten
// variable is S(""), for the checker to take from the density.
func (p *texParser) expectSub() (expr.Expr, string, error) {
	if !p.peek().is("_") {
		return expr.S(""), "", nil
	}
	p.next()
	if !p.peek().is("{") {
		t := p.next()
		switch {
		case t.kind == texLetter:
			return expr.S(""), expr.Canonical(t.text), nil
		case t.kind == texCmd && expr.GreekLetter(t.text[1:]) != "":
			return expr.S(""), expr.Canonical(expr.GreekLetter(t.text[1:])), nil
		}
		return nil, "", p.fail(t, "expected the density of the expectation but found %s", texDescribe(t))
	}
	p.next()
	var v expr.Expr = expr.S("")
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
			v = expr.S(n)
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
			return expr.S(vn), n, nil
		default:
			if _, err := p.expect("}"); err != nil {
				return nil, "", p.fail(t, "the subscript of an expectation is x \\sim p, p or p(x); found %s", texDescribe(t))
			}
			return expr.S(""), n, nil
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

func (p *texParser) expectBody(head texTok, v expr.Expr, dist string) (expr.Expr, error) {
	var body expr.Expr
	var err error
	switch t := p.peek(); {
	case t.is("["):
		body, err = p.group("]")
	case t.is("("):
		body, err = p.group(")")
	case t.is("|"):
		// E|X − μ|: the bars are the body's own brackets.
		body, err = p.bars()
	default:
		return nil, p.fail(t, "expected [ after the expectation but found %s", texDescribe(t))
	}
	if err != nil {
		return nil, err
	}
	return &expr.Expect{Var: v, Dist: dist, Body: body}, nil
}

// expectHead reports whether an expectation's E starts at i, and where
// its subscript starts.
func (p *texParser) expectHead(i int) (int, bool) {
	t := p.toks[i]
	switch {
	case t.kind == texLetter && t.text == "E" && (p.toks[i+1].is("_") || p.toks[i+1].is("[")):
		return i + 1, true
	case (t.is(`\mathbb`) || t.is(`\mathrm`) || t.is(`\operatorname`)) && p.wordAt(i+1) == "E":
		return p.scriptEnd(i), true
	}
	return 0, false
}

// brace parses a braced group. {\mathbb{E}_{X\sim P(x)}}\left[...\right],
// which braces only the head of an expectation, is read too.
func (p *texParser) brace() (expr.Expr, error) {
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
// (P) or (P, Q) for H; (P) for I.
func (p *texParser) info(kind string, head texTok) (expr.Expr, error) {
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
	in := &expr.Info{Kind: kind, P: P}
	switch t := p.peek(); {
	case (kind == "H" || kind == "I") && t.is(closer):
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
func (p *texParser) normal(head texTok) (expr.Expr, error) {
	open := p.peek()
	if !open.is("(") {
		return nil, p.fail(open, "expected ( after %s but found %s", head.text, texDescribe(open))
	}
	p.next()
	args, semi, err := p.argList(")")
	if err != nil {
		return nil, err
	}
	spelling := head.text
	if spelling != "N" {
		spelling += "{N}" // \mathcal{N}
	}
	fam := expr.ReadFamily(spelling)
	if fam == nil {
		return nil, p.fail(head, "no density family is written %s", spelling)
	}
	if semi && len(args) == len(fam.Params)+1 || !semi && len(args) == len(fam.Params) {
		return expr.Fn(fam.Name, args...), nil
	}
	return nil, p.fail(open, "a normal density is N(x; mean, variance) or N(mean, variance), not %d arguments", len(args))
}

// variance parses the rest of \mathrm{Var}_p(f) or \mathrm{Var}[f]: the
// expectation of (f - E[f])^2, under the density the subscript names or,
// as for an expectation without one, the checker's default.
func (p *texParser) variance(head texTok) (expr.Expr, error) {
	v, dist, err := p.expectSub()
	if err != nil {
		return nil, err
	}
	e, err := p.expectBody(head, v, dist)
	if err != nil {
		return nil, err
	}
	f := e.(*expr.Expect).Body
	mean := &expr.Expect{Var: v, Dist: dist, Body: f}
	return &expr.Expect{Var: v, Dist: dist, Body: expr.Power(expr.Sub(f, mean), expr.N(2))}, nil
}
