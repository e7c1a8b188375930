package latex

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// This file holds the core of the LaTeX grammar: sums, terms, products,
// powers and primaries, with brackets and superscripts.

// group parses an opening bracket, a sum and the closer.
func (p *texParser) group(closer string) (expr.Expr, error) {
	open := p.next()
	x, err := p.inside(p.sum)
	if err != nil {
		return nil, err
	}
	if closer == "}" && p.peek().is(`\over`) {
		// {a \over b}, the plain-TeX fraction, is a over b.
		over := p.next()
		d, err := p.inside(p.sum)
		if err != nil {
			return nil, err
		}
		if expr.IsInt(d, 0) {
			return nil, p.fail(over, "division by zero")
		}
		x = expr.Quo(x, d)
	} else if closer == "}" && p.peek().is(`\choose`) {
		// {n \choose k}, the plain-TeX binomial coefficient.
		p.next()
		k, err := p.inside(p.sum)
		if err != nil {
			return nil, err
		}
		x = binomial(x, k)
	}
	if t := p.peek(); !t.is(closer) {
		return nil, p.fail(t, "expected %s to close the %s at %d:%d but found %s", texQuote(closer), texQuote(open.text), open.line, open.col, texDescribe(t))
	}
	p.next()
	return x, nil
}

// sum parses terms joined by + and -.
func (p *texParser) sum() (expr.Expr, error) {
	if err := p.deeper(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	x, err := p.term()
	if err != nil {
		return nil, err
	}
	// On the stack: Sum copies the terms it keeps.
	var buf [8]expr.Expr
	terms := append(buf[:0], x)
	for p.peek().is("+") || p.peek().is("-") {
		op := p.next()
		y, err := p.term()
		if err != nil {
			return nil, err
		}
		if op.text == "-" {
			y = expr.Neg(y)
		}
		terms = append(terms, y)
	}
	return expr.Sum(terms...), nil
}

// term parses a product with any leading signs: -\frac{1}{2}\log x.
func (p *texParser) term() (expr.Expr, error) {
	neg := false
	for p.peek().is("+") || p.peek().is("-") {
		neg = neg != (p.next().text == "-")
	}
	x, err := p.product(false)
	if err != nil {
		return nil, err
	}
	if neg {
		x = expr.Neg(x)
	}
	return x, nil
}

// product parses factors joined by *, \cdot, \times, / or juxtaposition.
// An argument of \log written without parentheses (arg) ends before an
// explicit operator and before an operator such as \int, \sum or \log.
func (p *texParser) product(arg bool) (expr.Expr, error) {
	f, err := p.factor()
	if err != nil {
		return nil, err
	}
	// On the stack: Prod copies the factors it keeps.
	var buf [8]expr.Expr
	factors := append(buf[:0], f)
	// slash is the / just before the last factor, when there is one; a
	// copy rather than a pointer, which would put every token peeked at
	// on the heap.
	var slash texTok
	hasSlash := false
	for {
		t := p.peek()
		explicit := t.is("*") || t.is(`\cdot`) || t.is(`\times`) || t.is(`\ast`) || t.is("/")
		switch {
		case explicit && arg:
			return texProduct(factors, false), nil
		case explicit && p.inInt && p.isDifferential(p.i+1):
			p.next() // f(x) \cdot dx: the dot before the differential
			return texProduct(factors, false), nil
		case explicit:
			p.next()
			g, err := p.factor()
			if err != nil {
				return nil, err
			}
			hasSlash = false
			if t.is("/") {
				if expr.IsInt(g, 0) {
					return nil, p.fail(t, "division by zero")
				}
				g = expr.Power(g, expr.N(-1))
				slash, hasSlash = t, true
			}
			factors = append(factors, g)
		case p.endsProduct(t) || arg && p.startsOperator(p.i):
			return texProduct(factors, false), nil
		case t.kind == texNum:
			return nil, p.fail(t, "a number right after a factor reads ambiguously; write \\cdot before %s", t.text)
		case hasSlash:
			// a/2\sigma^2 is written for a/(2\sigma^2) as often as for
			// (a/2)\sigma^2: either reading could make a link look wrong.
			return nil, p.fail(slash, "a/b c reads two ways; write a/(b c) or \\frac{a}{b} c")
		default:
			opens := t.is("(") || t.is("[")
			g, err := p.factor()
			if err != nil {
				return nil, err
			}
			if arg && opens {
				// \ln \frac{a}{b} (b - a) is ln((a/b)(b − a)) by the rule
				// for an argument without brackets, and (ln(a/b))(b − a)
				// as many write it.
				return nil, p.fail(t, "a function without brackets before a bracketed factor (\\ln a (b)) reads two ways; write \\ln(a (b)) or (\\ln a) (b)")
			}
			if arg && (isExp(g) || isExp(factors[0])) {
				// \ln \lambda e^{\lambda} is ln(λ e^λ) by the rule for
				// an argument without brackets, and (ln λ) e^λ as many
				// write it: either reading could make a link look wrong.
				return nil, p.fail(t, "a function without brackets before a product with an exponential (\\ln a e^{b}) reads two ways; write \\ln(a e^{b}) or (\\ln a) e^{b}")
			}
			factors = append(factors, g)
		}
	}
}

// texProduct multiplies factors. A product with a transposed factor is a
// matrix expression (a quadratic form, an outer product), so its
// non-numeric factors keep their order in a MatMul; matrix forces that.
// The factors of a product among the factors count too, as Prod would
// flatten them.
func texProduct(factors []expr.Expr, matrix bool) expr.Expr {
	if len(factors) == 1 && !matrix {
		return factors[0]
	}
	for _, f := range factors {
		switch f := f.(type) {
		case *expr.Transpose, *expr.MatMul:
			matrix = true
		case *expr.Mul:
			for _, g := range f.Factors {
				switch g.(type) {
				case *expr.Transpose, *expr.MatMul:
					matrix = true
				}
			}
		}
	}
	if !matrix {
		return expr.Prod(factors...) // which flattens the products among them
	}
	var flat []expr.Expr
	for _, f := range factors {
		if m, ok := f.(*expr.Mul); ok {
			flat = append(flat, m.Factors...)
		} else {
			flat = append(flat, f)
		}
	}
	factors = flat
	var nums, rest []expr.Expr
	for _, f := range factors {
		if _, ok := f.(*expr.Num); ok {
			nums = append(nums, f)
		} else {
			rest = append(rest, f)
		}
	}
	return expr.Prod(append(nums, expr.MatProd(rest...))...)
}

// texStops end a product: closers, separators and relations.
var texStops = once.Value[map[string]bool]{New: func() map[string]bool {
	return setOf(`\over`, `\choose`, "+", "-", ")", "]", "}", `\}`, `\rangle`, ",", ";", ":", "&",
		`\\`, ".", `\|`, `\parallel`, `\mid`, `\end`, `\pm`, `\mp`, "=", "<", ">",
		`\sim`, `\approx`, `\leq`, `\geq`, `\neq`, `\equiv`, `\propto`, `\simeq`,
		`\cong`, `\doteq`, `\triangleq`, `\coloneqq`, "'", "!", "^", "_", "?")
}}

// endsProduct reports whether t ends the current product.
func (p *texParser) endsProduct(t texTok) bool {
	switch {
	case t.kind == texEOF || (t.kind == texPunct || t.kind == texCmd) && texStops.Get()[t.text]:
		return true
	case t.is("|"):
		return p.bar || p.abs > 0 && !t.open
	case p.inInt:
		return p.isDifferential(p.i)
	}
	return false
}

// factor parses a primary and its superscripts.
func (p *texParser) factor() (expr.Expr, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	sup := false
	for {
		t := p.peek()
		switch {
		case t.is("^"):
			if sup {
				return nil, p.fail(t, "double superscript; write {x^{a}}^{b}")
			}
			sup = true
			p.next()
			if p.transposeScript() {
				x = &expr.Transpose{X: x}
				continue
			}
			e, err := p.script()
			if err != nil {
				return nil, err
			}
			if expr.IsInt(x, 0) && expr.IsNegNum(e) {
				return nil, p.fail(t, "division by zero")
			}
			x = expr.Power(x, e)
		case t.is("_") && p.read[p.i] > p.i:
			p.i = p.read[p.i] // read with the name
		case t.is("_"):
			return nil, p.fail(t, "a subscript here is unsupported; subscripts belong to names, before any superscript")
		case t.is("'"):
			return nil, p.fail(t, "primes (derivatives) are unsupported")
		case t.is("!") && p.at(1).is("!"):
			return nil, p.fail(t, "double factorials are unsupported")
		case t.is("!"):
			// x! is Γ(x + 1), which is x! at the counts and extends it
			// between them.
			p.next()
			x = expr.Fn("gamma", expr.Sum(x, expr.N(1)))
		default:
			return x, nil
		}
	}
}

// primary parses one operand.
func (p *texParser) primary() (expr.Expr, error) {
	t := p.peek()
	if err := p.deeper(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	switch t.kind {
	case texNum:
		p.next()
		n, ok := expr.ParseNumber(t.text)
		if !ok {
			return nil, p.fail(t, "cannot read the number %q", t.text)
		}
		return n, nil
	case texLetter:
		if x, err := p.betainc(); x != nil || err != nil {
			return x, err
		}
		return p.letter()
	case texCmd:
		return p.command()
	}
	switch t.text {
	case "(":
		return p.group(")")
	case "[":
		x, err := p.group("]")
		if err == nil && p.limitsFollow() {
			return p.evaluated(x, t)
		}
		return x, err
	case "{":
		return p.brace()
	case "|":
		return p.bars()
	}
	if t.kind == texEOF || texStops.Get()[t.text] {
		return nil, p.fail(t, "expected an expression but found %s", texDescribe(t))
	}
	return nil, p.fail(t, "unexpected %s", texDescribe(t))
}

// script parses a superscript: a braced group or a single token, of which
// a number gives only its first digit (x^23 is x^{2}3).
func (p *texParser) script() (expr.Expr, error) {
	t := p.peek()
	switch {
	case t.is("{"):
		return p.group("}")
	case t.kind == texNum:
		return p.digit(), nil
	case t.kind == texLetter:
		p.next()
		return expr.S(expr.Canonical(t.text)), nil
	case t.kind == texCmd && expr.GreekLetter(t.text[1:]) != "":
		p.next()
		return expr.S(expr.Canonical(expr.GreekLetter(t.text[1:]))), nil
	case t.is(`\frac`), t.is(`\sqrt`), t.is(`\infty`):
		return p.primary()
	}
	return nil, p.fail(t, "expected a superscript or subscript but found %s; use braces: ^{...}", texDescribe(t))
}

// digit takes the first digit of the number token at the cursor, leaving
// the rest in place.
func (p *texParser) digit() expr.Expr {
	t := &p.toks[p.i]
	d := t.text[0] - '0'
	if len(t.text) == 1 {
		p.i++
	} else {
		p.undo = append(p.undo, texUndo{p.i, *t})
		t.text, t.off = t.text[1:], t.off+1
		t.col++
		t.space = false
	}
	return expr.N(int64(d))
}

// arg parses the argument of \frac or \sqrt: a group or one token.
func (p *texParser) arg() (expr.Expr, error) {
	t := p.peek()
	if t.kind == texCmd && !t.is(`\frac`) && !t.is(`\sqrt`) && expr.GreekLetter(t.text[1:]) == "" {
		return nil, p.fail(t, "unsupported argument %s; use braces", t.text)
	}
	return p.script()
}
