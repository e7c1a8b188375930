package latex

import (
	"slices"

	"github.com/klderive/klderive/expr"
)

// An evaluation bracket, [F(x)]_a^b (or \left[ … \right]_a^b, or with the
// limits the other way round, [F]^b_a), is F(b) − F(a): what an
// antiderivative gives between the limits of an integral. It is read as
// that difference, in the tree every printer already writes, so a
// printed link reads back as the same tree. Its variable is the variable
// of the last integral in the parts before it in the block (the ∫ … dx
// that the antiderivative comes from) when F names it; otherwise the
// only random variable of the context (Options.Vars) that F names. A bracket whose
// variable neither tells, or whose F binds that variable itself, is not
// read: it never guesses.

// limitsFollow reports whether both limits of an evaluation bracket
// follow: a subscript, or a superscript with a subscript after it
// (a bracket with a superscript alone, [a/b]^2, is a power).
func (p *texParser) limitsFollow() bool {
	switch t := p.peek(); {
	case t.is("_"):
		return true
	case t.is("^"):
		j := p.i + 2 // after a script of one token
		if p.toks[p.i+1].is("{") {
			if p.match[p.i+1] < 0 {
				return false
			}
			j = p.match[p.i+1] + 1
		}
		return j < len(p.toks) && p.toks[j].is("_")
	}
	return false
}

// evaluated reads the limits after the bracketed F and returns F(hi) −
// F(lo); at the token after the closing bracket.
func (p *texParser) evaluated(f expr.Expr, open texTok) (expr.Expr, error) {
	var lo, hi expr.Expr
	for lo == nil || hi == nil {
		t := p.peek()
		switch {
		case t.is("_") && lo == nil:
			p.next()
			x, err := p.script()
			if err != nil {
				return nil, err
			}
			lo = x
		case t.is("^") && hi == nil:
			p.next()
			x, err := p.script()
			if err != nil {
				return nil, err
			}
			hi = x
		default:
			return nil, p.fail(t, "an evaluation bracket [F]_a^b needs both limits, a subscript and a superscript")
		}
	}
	v := p.bracketVar(f)
	if v == "" {
		return nil, p.fail(open, "the variable of the evaluation bracket [F]_a^b is not known: F names neither the variable of an integral before it in this math nor one random variable")
	}
	x := expr.S(v)
	if binds(f, v) {
		return nil, p.fail(open, "an evaluation bracket whose expression binds its variable %s itself is unsupported", v)
	}
	return expr.Sub(expr.Replace(f, x, hi), expr.Replace(f, x, lo)), nil
}

// bracketVar is the variable of an evaluation bracket of f: the last
// integral's before it, when f names it, or else the only random
// variable f names. A bracket whose F does not name the integral's
// variable ([x^2]_0^1 after \int \ldots dt) is not read by that variable:
// F(b) − F(a) would be 0 whatever F claims.
func (p *texParser) bracketVar(f expr.Expr) string {
	syms := expr.Symbols(f)
	if v := p.opt.integralVar; v != "" && slices.Contains(syms, v) {
		return v
	}
	found := ""
	for _, s := range syms {
		if p.opt.Vars[s] {
			if found != "" {
				return ""
			}
			found = s
		}
	}
	return found
}

// binds reports whether x has an integral, an expectation or a sum or
// product whose variable is v.
func binds(x expr.Expr, v string) bool {
	return expr.Any(x, func(e expr.Expr) bool {
		switch e := e.(type) {
		case *expr.Integral:
			return expr.Equal(e.Var, expr.S(v))
		case *expr.Expect:
			return expr.Equal(e.Var, expr.S(v))
		case *expr.Big:
			return e.Index == v
		}
		return false
	})
}

// lastIntegralVar is the variable of the last integral of x in reading
// order that has one symbol for its variable, or "".
func lastIntegralVar(x expr.Expr) string {
	v := ""
	expr.Any(x, func(e expr.Expr) bool {
		if in, ok := e.(*expr.Integral); ok {
			if s, ok := in.Var.(*expr.Sym); ok {
				v = s.Name
			}
		}
		return false
	})
	return v
}
