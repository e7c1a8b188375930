package latex

import "github.com/klderive/klderive/expr"

// This file holds the special functions as textbooks write them:
// \Gamma(a), \log\Gamma(a), \psi(a), \psi'(a) (also \psi^{\prime}(a) and
// \psi^{(1)}(a), the trigamma function), \mathrm{B}(a, b),
// \log\mathrm{B}(a, b), \operatorname{erf}(x), \max(a, b) and \min(a, b),
// the regularised incomplete Gamma function \mathrm{P}(s, x) and the
// regularised incomplete Beta function I_{x}(a, b). \psi_1(a) is not read
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
	case (t.is(`\max`) || t.is(`\min`)) && p.toks[i+1].is("("):
		return t.text[1:], i + 1
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
		case "P":
			return "gammainc", end
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
	t, start := p.peek(), p.i
	p.i = next + 1 // past the (
	args, _, err := p.argList(")")
	if err != nil {
		return nil, err
	}
	if fn == "gammainc" && len(args) != 2 {
		// \mathrm{P}(X > 0) is a probability, not P(s, x): read on.
		p.i = start
		return nil, nil
	}
	if afterLog {
		fn = "l" + fn
	}
	if n, _ := expr.IsSpecial(fn); len(args) != n {
		return nil, p.fail(t, "%s takes %d argument(s), not %d", t.text, n, len(args))
	}
	return expr.Fn(fn, args...), nil
}

// betainc parses I_{x}(a, b), the regularised incomplete Beta function,
// when the letter I at the cursor starts one: a subscript and then two
// arguments in parentheses. Anything else (I_d, the identity) is nil.
func (p *texParser) betainc() (expr.Expr, error) {
	t := p.peek()
	if t.kind != texLetter || t.text != "I" || p.opt.Funcs["I"] || !p.at(1).is("_") {
		return nil, nil
	}
	if end := p.scriptEnd(p.i + 2); end <= p.i+2 || !p.toks[end].is("(") {
		return nil, nil
	}
	save := p.i
	p.i += 2
	x, err := p.script()
	if err != nil {
		return nil, err
	}
	p.next() // the (
	args, _, err := p.argList(")")
	if err != nil {
		return nil, err
	}
	if len(args) != 2 {
		// I_k(…) with another count of arguments is not this function.
		p.i = save
		return nil, nil
	}
	return expr.Fn("betainc", args[0], args[1], x), nil
}

// binomial is the binomial coefficient n choose k, \binom{n}{k} or
// {n \choose k}, as the Gamma functions the evaluator knows:
// Γ(n + 1)/(Γ(k + 1)·Γ(n − k + 1)), the form the Binomial's density
// rule writes, so that a document's coefficient and the density's are
// one expression. Off 0 ≤ k ≤ n at integers Γ has no value, and a link
// evaluated there is not checked rather than given a convention.
func binomial(n, k expr.Expr) expr.Expr {
	one := expr.N(1)
	return expr.Quo(expr.Fn("gamma", expr.Sum(n, one)),
		expr.Prod(expr.Fn("gamma", expr.Sum(k, one)), expr.Fn("gamma", expr.Sum(n, expr.Neg(k), one))))
}
