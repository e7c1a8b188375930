package latex

import "github.com/klderive/klderive/expr"

// This file holds the special functions as textbooks write them:
// \Gamma(a), \log\Gamma(a), \psi(a), \mathrm{B}(a, b), \log\mathrm{B}(a, b)
// and \operatorname{erf}(x). A Greek letter is the function only when an
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
