package latex

import (
	"github.com/klderive/klderive/expr"
	"strings"
)

// This file holds the reading of names in LaTeX: subscripts (and the
// index of an enclosing \sum or \prod), styled names such as \mathbf{x},
// the names of densities, and the arguments of a call.

// named parses what follows a name's base: its subscript, and a call of
// a function in opt.Funcs or D_{KL}(P || Q).
func (p *texParser) named(base string, t texTok) (expr.Expr, error) {
	x, err := p.subscripted(base)
	if err != nil {
		return nil, err
	}
	s, ok := x.(*expr.Sym)
	if !ok {
		return x, nil
	}
	switch nt := p.peek(); {
	case s.Name == "D_KL" && (nt.is("(") || nt.is("[")):
		return p.info("KL", t)
	case p.opt.Funcs[s.Name] && nt.is("("):
		p.next()
		p.event() // p(X = 0) is the density at 0
		args, _, err := p.argList(")")
		if err != nil {
			return nil, err
		}
		return expr.Fn(s.Name, args...), nil
	case s.Name == "D" && p.divergenceArgs():
		return p.info("KL", t)
	}
	return s, nil
}

// divergenceArgs reports whether a bare D is followed by (P||Q), (P \| Q)
// or (P \parallel Q) with one letter on each side: the divergence, as in
// D(P||Q) = E_p[...], not D times an absolute value.
func (p *texParser) divergenceArgs() bool {
	if !p.peek().is("(") || p.at(1).kind != texLetter {
		return false
	}
	k := 2
	switch {
	case p.at(k).is("|") && p.at(k+1).is("|"):
		k += 2
	case p.at(k).is(`\|`) || p.at(k).is(`\parallel`):
		k++
	default:
		return false
	}
	return p.at(k).kind == texLetter && p.at(k+1).is(")")
}

// subscripted reads the optional subscript after a name's base. A
// subscript naming the index of an enclosing \sum or \prod makes an Index
// (\sigma_{d} is sigma[d], \sigma_{1,d} is sigma_1[d]); I_k is the
// identity I.
func (p *texParser) subscripted(base string) (expr.Expr, error) {
	if p.peek().is("^") {
		// \mu^2_i is \mu_i^2: the subscript is read with the name, and
		// skipped when the factor reaches it after the superscript.
		if j := p.scriptEnd(p.i + 1); p.toks[j].is("_") && p.read[j] == 0 {
			save := p.i
			p.i = j
			x, err := p.subscripted(base)
			if err != nil {
				return nil, err
			}
			if p.read == nil {
				p.read = map[int]int{}
			}
			p.read[j] = p.i
			p.i = save
			return x, nil
		}
	}
	if !p.peek().is("_") {
		return expr.S(base), nil
	}
	us := p.next()
	parts, err := p.subParts(us)
	if err != nil {
		return nil, err
	}
	last := parts[len(parts)-1]
	switch {
	case len(parts) == 1 && p.isBound(last):
		return &expr.Index{Base: expr.S(base), Sub: expr.S(last)}, nil
	case len(parts) == 2 && p.isBound(last):
		return &expr.Index{Base: expr.S(expr.Canonical(base + "_" + parts[0])), Sub: expr.S(last)}, nil
	case len(parts) > 1:
		return nil, p.fail(us, "a subscript with a comma is read only as x_{1,d} inside \\sum_{d=...}")
	case base == "I":
		return expr.S("I"), nil
	}
	return expr.S(expr.Canonical(base + "_" + last)), nil
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
		return expr.Canonical(t.text), nil
	case t.kind == texNum && single:
		return expr.String(p.digit()), nil
	case t.kind == texNum && !strings.Contains(t.text, "."):
		p.next()
		return t.text, nil
	case t.kind == texCmd && expr.GreekLetter(t.text[1:]) != "":
		p.next()
		return expr.Canonical(expr.GreekLetter(t.text[1:])), nil
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
	if t.kind == texEOF || t.kind == texCmd && !texKnown.Get()[t.text] {
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
		case u.kind == texCmd && expr.GreekLetter(u.text[1:]) != "" && len(inner) == 1:
			b.WriteString(expr.GreekLetter(u.text[1:]))
		default:
			return "", p.fail(u, "unsupported %s{%s}", cmd.text, p.src[inner[0].off:inner[len(inner)-1].end])
		}
	}
	if b.Len() == 0 {
		return "", p.fail(cmd, "expected a name after %s", cmd.text)
	}
	p.i = after
	return expr.Canonical(b.String()), nil
}

// simpleName reads a name with an optional subscript, as the variable or
// density of an expectation or the densities of KL and H.
func (p *texParser) simpleName() (string, error) {
	t := p.peek()
	var base string
	switch {
	case t.kind == texLetter:
		p.next()
		base = expr.Canonical(t.text)
	case t.kind == texCmd && expr.GreekLetter(t.text[1:]) != "":
		p.next()
		base = expr.Canonical(expr.GreekLetter(t.text[1:]))
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
	return expr.Canonical(base + "_" + parts[0]), nil
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

// argList parses the arguments of a call after its "(": expressions
// separated by commas, the first of them optionally by ; or |, as in
// q(z; mu, s). It reports whether the first separator was ; or |.
func (p *texParser) argList(closer string) ([]expr.Expr, bool, error) {
	var args []expr.Expr
	semi := false
	_, err := p.inside(func() (expr.Expr, error) {
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
