package latex

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
	"strings"
)

// This file holds the constructs of the LaTeX grammar that start with a
// letter or a command: \frac, \sqrt, upright words such as \mathrm{tr},
// and the operators log, exp, det and tr applied to an argument.

// letter parses a name written with letters, or the few letters that
// open a construct: e^{x}, E_p[f], KL(p || q), H(p), N(mu, s).
func (p *texParser) letter() (expr.Expr, error) {
	t := p.peek()
	nx := p.at(1)
	switch t.text {
	case "e":
		if nx.is("^") {
			p.i += 2
			x, err := p.script()
			if err != nil {
				return nil, err
			}
			return expr.Fn("exp", x), nil
		}
	case "E":
		if nx.is("[") || nx.is("_") && p.toks[p.scriptEnd(p.i+2)].is("[") || p.densityExpectation(p.i) || p.ofVariable() {
			p.next()
			return p.expectation(t)
		}
	case "V":
		if p.ofVariable() {
			p.next()
			return p.variance(t) // V(x), the variance of x
		}
	case "K":
		if nx.kind == texLetter && nx.text == "L" && !nx.space && (p.at(2).is("(") || p.at(2).is("[")) {
			p.i += 2
			return p.info("KL", t)
		}
	case "H":
		if nx.is("(") && !p.opt.Funcs["H"] {
			save := p.i
			p.next()
			if x, err := p.info("H", t); err == nil {
				return x, nil
			}
			p.rewind(save)
		}
	case "h":
		// h(X), the differential entropy of a random variable, when X
		// names a density: an h of anything else is a name.
		if nx.is("(") && !p.opt.Funcs["h"] && p.at(2).kind == texLetter && p.opt.Funcs[p.at(2).text] && p.at(3).is(")") {
			p.next()
			return p.info("H", t)
		}
	case "N":
		if nx.is("(") && !p.opt.Funcs["N"] && p.comma[p.i+1] {
			p.next()
			return p.normal(t)
		}
	}
	if run, n := p.letterRun(); n > 1 {
		if fn, ok := bareOperators.Get()[run]; ok && (fn == "log" || fn == "exp" || p.at(n).is("(") || p.at(n).is("[")) {
			// log(x) and Tr(A) without a backslash: LaTeX sets them as
			// italic letters, but no reader takes them for a product.
			w := t
			w.text, w.end = run, p.at(n-1).end
			p.i += n
			if fn == "log" {
				if x, err := p.special(true); x != nil || err != nil {
					return x, err // log\Gamma(a), as \log\Gamma(a)
				}
			}
			return p.apply(fn, w)
		}
		if run == "Var" && p.at(n).is("(") {
			p.i += n
			return p.variance(t)
		}
		if texWords.Get()[run] {
			return nil, p.fail(t, "%q reads as a product of letters; write \\%s", run, run)
		}
		if expr.GreekLetter(run) != "" {
			// A spelled-out Greek name is that letter, as in plain-text
			// notation: sigma1 is sigma_1, 2pi is 2*pi.
			p.i += n
			if u := p.peek(); u.kind == texNum && !u.space && !strings.Contains(u.text, ".") {
				p.next()
				return p.named(expr.Canonical(run+u.text), t)
			}
			return p.named(expr.Canonical(run), t)
		}
	}
	p.next()
	return p.named(expr.Canonical(t.text), t)
}

// bareOperators are the operators read when written in plain letters:
// log, ln and exp always, tr, Tr and det before a bracket (elsewhere,
// tr may be the product of t and r).
var bareOperators = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{"log": "log", "ln": "log", "exp": "exp", "tr": "tr", "Tr": "tr", "det": "det"}
}}

// ofVariable reports whether the cursor's letter is applied to a random
// variable alone, as E and V are in E(x) and V(X).
func (p *texParser) ofVariable() bool {
	name := p.at(2)
	return p.at(1).is("(") && !p.opt.Funcs[p.peek().text] && name.kind == texLetter &&
		p.opt.Vars[expr.Canonical(name.text)] && p.at(3).is(")")
}

// texWords are function names that, written without a backslash, LaTeX
// sets as a product of letters.
var texWords = once.Value[map[string]bool]{New: func() map[string]bool {
	return setOf("log", "ln", "exp", "sqrt", "det")
}}

// letterRun returns the run of adjacent ASCII letters starting at the
// cursor and its length, when the cursor starts the run.
func (p *texParser) letterRun() (string, int) {
	adjacent := func(a, b texTok) bool {
		return a.kind == texLetter && b.kind == texLetter && a.end == b.off && len(a.text) == 1 && len(b.text) == 1 && isASCIILetter(a.text[0]) && isASCIILetter(b.text[0])
	}
	if p.i > 0 && adjacent(p.toks[p.i-1], p.toks[p.i]) {
		return "", 0
	}
	j := p.i + 1
	for j < len(p.toks) && adjacent(p.toks[j-1], p.toks[j]) {
		j++
	}
	return p.joined(p.toks[p.i:j]), j - p.i
}

// joined is the texts of toks, one after another: the source they were
// read from when each is its own source text and each begins where the
// one before ends, as adjacent letters do (no new string then), and
// else built.
func (p *texParser) joined(toks []texTok) string {
	from, to := toks[0].off, toks[len(toks)-1].end
	inPlace := int(to) <= len(p.src)
	for k, t := range toks {
		if !inPlace || k > 0 && toks[k-1].end != t.off || t.end-t.off != int32(len(t.text)) || p.src[t.off:t.end] != t.text {
			inPlace = false
			break
		}
	}
	if inPlace {
		return p.src[from:to]
	}
	var b strings.Builder
	for _, t := range toks {
		b.WriteString(t.text)
	}
	return b.String()
}

// command parses a construct that starts with a command.
func (p *texParser) command() (expr.Expr, error) {
	t := p.peek()
	if x, err := p.special(false); x != nil || err != nil {
		return x, err
	}
	if g := expr.GreekLetter(t.text[1:]); g != "" {
		p.next()
		return p.named(expr.Canonical(g), t)
	}
	switch t.text {
	case `\Pr`:
		p.next()
		return p.mass()
	case `\frac`:
		p.next()
		a, err := p.arg()
		if err != nil {
			return nil, err
		}
		b, err := p.arg()
		if err != nil {
			return nil, err
		}
		if expr.IsInt(b, 0) {
			return nil, p.fail(t, "division by zero")
		}
		return expr.Quo(a, b), nil
	case `\binom`:
		p.next()
		n, err := p.arg()
		if err != nil {
			return nil, err
		}
		k, err := p.arg()
		if err != nil {
			return nil, err
		}
		return binomial(n, k), nil
	case `\sqrt`:
		p.next()
		var n expr.Expr
		if p.peek().is("[") {
			var err error
			if n, err = p.group("]"); err != nil {
				return nil, err
			}
			if expr.IsInt(n, 0) {
				return nil, p.fail(t, "a root of degree 0")
			}
		}
		x, err := p.arg()
		if err != nil {
			return nil, err
		}
		if n != nil {
			return expr.Power(x, expr.Quo(expr.N(1), n)), nil
		}
		return expr.Fn("sqrt", x), nil
	case `\log`:
		p.next()
		if x, err := p.special(true); x != nil || err != nil {
			return x, err
		}
		return p.apply("log", t)
	case `\exp`:
		p.next()
		return p.apply("exp", t)
	case `\det`:
		p.next()
		return p.apply("det", t)
	case `\tr`:
		p.next()
		return p.apply("tr", t)
	case `\mathrm`, `\text`, `\operatorname`, `\textrm`, `\mathop`:
		return p.word()
	case `\mathbf`, `\boldsymbol`, `\bm`, `\mathit`, `\mathsf`, `\vec`:
		p.next()
		save := p.i
		base, err := p.styledName(t)
		if err != nil && t.text != `\mathit` && t.text != `\mathsf` {
			// Bold and the arrow only set a vector apart: \boldsymbol{\mu_p}
			// is \mu_p, \mathbf 0 and \vec{0} the zero vector.
			p.rewind(save)
			switch nt := p.peek(); {
			case nt.is("{"):
				return p.group("}")
			case nt.kind == texNum:
				return p.factor()
			}
		}
		if err != nil {
			return nil, err
		}
		return p.named(base, t)
	case `\mathbb`, `\mathcal`, `\mathscr`, `\mathfrak`:
		return p.blackboard()
	case `\int`:
		return p.integral()
	case `\sum`, `\prod`:
		return p.bigOp()
	case `\langle`:
		p.next()
		x, err := p.inside(p.sum)
		if err != nil {
			return nil, err
		}
		if _, err := p.expect(`\rangle`); err != nil {
			return nil, err
		}
		v, dist, err := p.expectSub() // \langle f \rangle_{x \sim p}
		if err != nil {
			return nil, err
		}
		return &expr.Expect{Var: v, Dist: dist, Body: x}, nil
	case `\underbrace`, `\overbrace`, `\boxed`:
		// \underbrace{H(p)}_{\text{entropy}}: the note under or over the
		// braced term says what it is, and the term stands for itself.
		p.next()
		x, err := p.arg()
		if err != nil {
			return nil, err
		}
		if note := map[string]string{`\underbrace`: "_", `\overbrace`: "^"}[t.text]; note != "" && p.peek().is(note) {
			p.i = p.scriptEnd(p.i + 1)
		}
		return x, nil
	case `\{`:
		return p.group(`\}`)
	case `\begin`:
		return p.matrix()
	case `\infty`:
		// +∞ as a value, the result of a KL divergence that diverges;
		// the checker judges a link to it by a witness, not as a number.
		p.next()
		return expr.S("inf"), nil
	}
	if texKnown.Get()[t.text] {
		return nil, p.fail(t, "expected an expression but found %s", t.text)
	}
	return nil, p.fail(t, "unsupported LaTeX command %s", t.text)
}

// texKnown are commands with a meaning somewhere in the grammar.
var texKnown = once.Value[map[string]bool]{New: func() map[string]bool {
	return setOf(`\cdot`, `\times`, `\ast`, `\rangle`, `\}`, `\|`, `\parallel`,
		`\mid`, `\end`, `\\`, `\sim`, `\approx`, `\leq`, `\geq`, `\neq`, `\equiv`,
		`\propto`, `\simeq`, `\cong`, `\doteq`, `\triangleq`, `\coloneqq`, `\top`)
}}

// rawArg reads the argument of \text, \mathrm, \begin and their kin as
// written: a braced group or a single token.
func (p *texParser) rawArg(cmd texTok) (string, error) {
	t := p.peek()
	if t.is("{") {
		end := p.match[p.i]
		if end < 0 {
			return "", p.fail(t, "unbalanced braces: { is never closed")
		}
		p.i = end + 1
		return p.src[t.end:p.toks[end].off], nil
	}
	if t.kind == texLetter || t.kind == texNum || t.kind == texCmd {
		p.next()
		return t.text, nil
	}
	return "", p.fail(t, "expected an argument after %s", cmd.text)
}

// texOperators are the upright words applied to an argument.
var texOperators = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"tr": "tr", "Tr": "tr", "trace": "tr", "det": "det", "diag": "diag",
		"log": "log", "ln": "log", "exp": "exp",
	}
}}

// word parses \mathrm{...}, \text{...} or \operatorname{...}: an operator
// name, KL, a single letter, or an error naming the word.
func (p *texParser) word() (expr.Expr, error) {
	t := p.next()
	if p.peek().is("*") {
		return nil, p.fail(t, "unsupported LaTeX command %s*", t.text)
	}
	raw, err := p.rawArg(t)
	if err != nil {
		return nil, err
	}
	w := strings.TrimSpace(raw)
	if fn, ok := texOperators.Get()[w]; ok {
		return p.apply(fn, t)
	}
	switch {
	case w == "KL":
		return p.info("KL", t)
	case w == "Pr" && p.peek().is("("):
		return p.mass()
	case w == "E" && (p.peek().is("[") || p.peek().is("_") || p.peek().is("(") && !p.opt.Funcs["E"]):
		// \mathrm{E}[f], \mathrm{E}_p[f] and \mathrm{E}(f) are the
		// expectation, as \mathbb{E} is, not a symbol E times a bracket;
		// an upright E applied to ( is a function only where the document
		// defines one named E.
		return p.expectation(t)
	case (w == "Var" || w == "var") && (p.peek().is("(") || p.peek().is("[") || p.peek().is("_")):
		return p.variance(t)
	case (w == "H" || w == "h") && p.peek().is("("):
		return p.info("H", t) // \mathrm{h}(X), the differential entropy
	case w == "e" && p.peek().is("^"):
		p.next()
		x, err := p.script()
		if err != nil {
			return nil, err
		}
		return expr.Fn("exp", x), nil
	case len(w) == 1 && isASCIILetter(w[0]) && w != "d":
		return p.named(w, t)
	}
	if fam := expr.ReadFamily(t.text + "{" + w + "}"); fam != nil && !fam.Multivariate && p.peek().is("(") {
		return p.distribution(fam, t)
	}
	return nil, p.fail(t, "unsupported LaTeX command %s{%s}", t.text, raw)
}

// apply parses the argument of log, exp, det or tr: a bracketed group, or
// without brackets the product of factors up to the next + or -, relation,
// \int, \sum or end (\log 2\pi\sigma^2 is log(2*pi*sigma^2)).
func (p *texParser) apply(fn string, t texTok) (expr.Expr, error) {
	nt := p.peek()
	var x expr.Expr
	var err error
	switch {
	case nt.is("^"):
		return nil, p.fail(nt, "a power written on %s is unsupported; write (%s x)^{n}", t.text, t.text)
	case nt.is("_") && fn == "log":
		return p.logBase(t)
	case nt.is("_"):
		return nil, p.fail(nt, "a subscript on %s (another base) is unsupported", t.text)
	case nt.is("(") && fn == "diag" && p.comma[p.i]:
		return p.diagList()
	case nt.is("("):
		x, err = p.group(")")
	case nt.is("["):
		x, err = p.group("]")
	case nt.is("{"):
		x, err = p.group("}") // \log{a \over b} p(x): the braces hold the argument
	case p.endsProduct(nt) || nt.is("+") || nt.is("-"):
		return nil, p.fail(nt, "expected the argument of %s but found %s", t.text, texDescribe(nt))
	default:
		x, err = p.product(true)
	}
	if err != nil {
		return nil, err
	}
	if fn == "log" && p.peek().is("^") && (nt.is("(") || nt.is("[") || nt.is("{")) {
		// \log(a)^{n} is read both as (\log a)^n and as \log(a^n): either
		// reading could make a link look wrong.
		return nil, p.fail(p.peek(), "%s(a)^{n} is ambiguous; write \\log\\left(a^{n}\\right) or \\left(\\log a\\right)^{n}", t.text)
	}
	if m, ok := x.(*expr.Mul); ok && fn == "tr" {
		x = texProduct(m.Factors, true) // the trace of a product of matrices
	}
	return expr.Fn(fn, x), nil
}

// isExp reports whether x is an exponential, e^u.
func isExp(x expr.Expr) bool {
	c, ok := x.(*expr.Call)
	return ok && c.Fn == "exp"
}

// diagList parses the diagonal written out, diag(\sigma_1^2, \ldots,
// \sigma_n^2), when n is the dimension of the options: the diagonal
// matrix of the vector its first and last entries are coordinates of,
// diag(sigma^2).
func (p *texParser) diagList() (expr.Expr, error) {
	open := p.next()
	var first, last expr.Expr
	err := func() error {
		var err error
		if first, err = p.inside(p.sum); err != nil {
			return err
		}
		for _, s := range []string{",", `\ldots`, ","} {
			if s == `\ldots` && (p.peek().is(`\dots`) || p.peek().is(`\cdots`)) {
				p.next()
				continue
			}
			if _, err := p.expect(s); err != nil {
				return err
			}
		}
		if last, err = p.inside(p.sum); err != nil {
			return err
		}
		_, err = p.expect(")")
		return err
	}()
	if err != nil {
		return nil, err
	}
	if p.opt.Dim != "" {
		for _, s := range expr.Symbols(first) {
			base, ok := strings.CutSuffix(s, "_1")
			if !ok || base == "" {
				continue
			}
			v := expr.Replace(first, expr.S(s), expr.S(base))
			if expr.Equal(v, expr.Replace(last, expr.S(expr.Canonical(base+"_"+p.opt.Dim)), expr.S(base))) && !expr.Uses(v, s) {
				return expr.Fn("diag", v), nil
			}
		}
	}
	return nil, p.fail(open, "diag(a_1, \\ldots, a_n) is read only over the coordinates 1 to the dimension, with a_1 and a_n alike")
}

// densityExpectation reports whether the E at i, with a subscript that
// names a density of the document (E_p, E_{p(x)}, E_{x \sim p}), is
// followed by ( or |: E_p(\log p(x) - \log q(x)), E_p|x - \mu|. Under
// another subscript, E_0(x) may be a function.
func (p *texParser) densityExpectation(i int) bool {
	if !p.toks[i+1].is("_") {
		return false
	}
	sub := i + 2
	end := p.scriptEnd(sub)
	if after := p.toks[end]; !after.is("(") && !after.is("|") {
		return false
	}
	first := p.toks[sub]
	if first.is("{") {
		for _, t := range p.toks[sub+1 : end-1] {
			if t.is(`\sim`) {
				return true
			}
		}
		first = p.toks[sub+1]
	}
	return first.kind == texLetter && p.opt.Funcs[expr.Canonical(first.text)]
}

// startsOperator reports whether the token at i starts a construct that
// ends the argument of an operator written without brackets.
func (p *texParser) startsOperator(i int) bool {
	t := p.toks[i]
	switch {
	case t.is(`\int`), t.is(`\sum`), t.is(`\prod`), t.is(`\log`), t.is(`\exp`),
		t.is(`\det`), t.is(`\tr`), t.is(`\langle`):
		return true
	case t.kind == texLetter && t.text == "E":
		return p.toks[i+1].is("[") || p.toks[i+1].is("_")
	case t.is(`\mathbb`):
		return p.wordAt(i+1) == "E"
	case t.is(`\mathrm`), t.is(`\text`), t.is(`\operatorname`):
		_, ok := texOperators.Get()[p.wordAt(i+1)]
		return ok || p.wordAt(i+1) == "E"
	}
	return false
}
