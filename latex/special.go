package latex

import "github.com/klderive/klderive/expr"

// This file holds the special functions as textbooks write them:
// \Gamma(a), \log\Gamma(a), \psi(a), \psi'(a) (also \psi^{\prime}(a) and
// \psi^{(1)}(a), the trigamma function), \mathrm{B}(a, b),
// \log\mathrm{B}(a, b) and \operatorname{erf}(x). \psi_1(a) is not read
// as ψ′: it is also the symbol ψ₁ before a parenthesis. A Greek letter is the function only when an
// argument list follows it; otherwise it is the letter.

// specialHead reports the special function that a command starting at i
// names when a parenthesis follows it, and the index after the head.
func (p *texParser) specialHead(i int) (string, int) {
	t := p.toks[i]
	switch {
	case t.is(`\Gamma`) && p.toks[i+1].is("(") && !p.opt.Funcs["Gamma"]:
		return "gamma", i + 1
	case t.is(`\psi`) && p.toks[i+1].is("(") && !p.opt.Funcs["psi"]:
		return "digamma", i + 1
	case t.is(`\psi`) && !p.opt.Funcs["psi"]:
		if end := p.primeEnd(i + 1); end > 0 && p.toks[end].is("(") {
			return "trigamma", end
		}
	case t.is(`\mathrm`) || t.is(`\operatorname`) || t.is(`\text`):
		end := i + 2
		if p.toks[i+1].is("{") {
			end = p.match[i+1] + 1
		}
		if end <= i+1 || end >= len(p.toks) || !p.toks[end].is("(") {
			return "", i
		}
		switch p.wordAt(i + 1) {
		case "B":
			return "beta", end
		case "erf":
			return "erf", end
		}
	}
	return "", i
}

// primeEnd is the index after a first derivative's mark starting at i:
// ', ^{\prime} or ^{(1)}; 0 when there is none.
func (p *texParser) primeEnd(i int) int {
	if p.toks[i].is("'") {
		return i + 1
	}
	if !p.toks[i].is("^") || !p.toks[i+1].is("{") {
		return 0
	}
	end := p.match[i+1]
	inner := p.toks[i+2 : end]
	switch {
	case len(inner) == 1 && inner[0].is(`\prime`),
		len(inner) == 3 && inner[0].is("(") && inner[1].kind == texNum && inner[1].text == "1" && inner[2].is(")"):
		return end + 1
	}
	return 0
}

// special parses a special function whose head starts at the cursor, or
// returns nil when none does. After \log, Γ and B are the logarithmic
// forms lgamma and lbeta, so that \log\Gamma(a) reads back as it prints.
func (p *texParser) special(afterLog bool) (expr.Expr, error) {
	fn, next := p.specialHead(p.i)
	if fn == "" || afterLog && fn != "gamma" && fn != "beta" {
		return nil, nil
	}
	t := p.peek()
	p.i = next + 1 // past the (
	args, _, err := p.argList(")")
	if err != nil {
		return nil, err
	}
	if afterLog {
		fn = "l" + fn
	}
	if n, _ := expr.IsSpecial(fn); len(args) != n {
		return nil, p.fail(t, "%s takes %d argument(s), not %d", t.text, n, len(args))
	}
	return expr.Fn(fn, args...), nil
}
