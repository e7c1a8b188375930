package latex

import (
	"unicode"

	"github.com/klderive/klderive/expr"
)

// The mass of a discrete random variable at a value is written
// \mathrm{Pr}(X = a) (or \Pr, P, and a density's own letter, p(X = 0)):
// it is the density of X at a, X(a), the density the checker names after
// its random variable when the document defines one (X \sim
// \mathrm{Bern}(p)), and p(a) when a density's letter is written. A
// random variable with no density of its name (Options.Funcs) is not
// read.

// event reports whether the tokens at the cursor are V =, a random
// variable's capital letter and an equals sign, and steps over them.
func (p *texParser) event() (string, bool) {
	t := p.peek()
	if t.kind != texLetter || len(t.text) != 1 || !unicode.IsUpper(rune(t.text[0])) || !p.at(1).is("=") {
		return "", false
	}
	p.i += 2
	return t.text, true
}

// mass parses (X = a) after \Pr or \mathrm{Pr}: X(a).
func (p *texParser) mass() (expr.Expr, error) {
	open, err := p.expect("(")
	if err != nil {
		return nil, err
	}
	at := p.peek()
	v, ok := p.event()
	if !ok {
		return nil, p.fail(open, "Pr(…) is read only as Pr(X = a), the mass of the random variable X at a")
	}
	if !p.opt.Funcs[v] {
		// Read as X(a), it would print as X(a), which reads as X times a.
		return nil, p.fail(at, "Pr(%s = …) needs a density of the random variable %s", v, v)
	}
	a, err := p.inside(p.sum)
	if err != nil {
		return nil, err
	}
	if _, err := p.expect(")"); err != nil {
		return nil, err
	}
	return expr.Fn(v, a), nil
}

// logBase parses the base of \log_2 x or \log_{10} x, a number other
// than 1 or e, and the logarithm after it: log(x)/log(base). A base
// that is a symbol (\log_b) is not read: the document may set it later
// ("we set $b = 2$"), and the letter may also be a parameter.
func (p *texParser) logBase(head texTok) (expr.Expr, error) {
	us := p.next() // _
	base, err := p.script()
	if err != nil {
		return nil, err
	}
	n, isNum := base.(*expr.Num)
	isE := expr.Equal(base, expr.S("e"))
	if !isE && (!isNum || n.Val.Sign() <= 0 || expr.IsInt(base, 1)) {
		return nil, p.fail(us, "a subscript on %s (another base) is unsupported unless it is a number other than 1, or e", head.text)
	}
	x, err := p.apply("log", head)
	if err != nil || isE {
		return x, err
	}
	return expr.Quo(x, expr.Fn("log", base)), nil
}
