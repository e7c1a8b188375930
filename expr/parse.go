package expr

import (
	"errors"
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/klderive/klderive/internal/once"
)

// MaxDepth bounds expression nesting. A deeper input would otherwise
// overflow the stack, which recover cannot catch.
const MaxDepth = 200

// MaxInput bounds the size of one source text.
const MaxInput = 1 << 20

// exprNode is the hook through which participle's statement grammar hands
// expressions to the precedence climber below.
type exprNode struct {
	X     Expr
	Pos   Pos
	Where map[Expr]Pos // where each sub-expression starts
}

// climber parses one expression from participle's token stream,
// recording where each node starts.
type climber struct {
	lex   *lexer.PeekingLexer
	pos   map[Expr]Pos
	depth int
}

func newExprParser[T any]() *participle.Parser[T] {
	return participle.MustBuild[T](
		participle.Lexer(klLexer{}),
		participle.Elide("Comment", "Space"),
		participle.UseLookahead(3),
	)
}

// Parse implements participle.Parseable.
func (n *exprNode) Parse(lex *lexer.PeekingLexer) error {
	c := &climber{lex: lex, pos: map[Expr]Pos{}}
	start := c.peek().Pos
	x, err := c.expr(0)
	if err != nil {
		return err
	}
	*n = exprNode{X: x, Pos: toPos(start), Where: c.pos}
	return nil
}

func toPos(p lexer.Position) Pos { return Pos{File: p.Filename, Line: p.Line, Col: p.Column} }

func (c *climber) peek() *lexer.Token { return c.lex.Peek() }

func (c *climber) is(v string) bool {
	t := c.peek()
	return t.Type != tokIdent && t.Type != tokNumber && t.Value == v
}

// fail reports an error at t. A %s verb in format is filled with a
// description of t itself when args is empty.
func (c *climber) fail(t *lexer.Token, format string, args ...any) error {
	return participle.Errorf(t.Pos, format, args...)
}

// describe names a token for an error message.
func describe(t *lexer.Token) string {
	switch {
	case t.EOF():
		return "end of input"
	case t.Value == "\n":
		return "end of line"
	}
	return fmt.Sprintf("%q", t.Value)
}

func (c *climber) expect(v string) (*lexer.Token, error) {
	t := c.peek()
	if t.Type == tokIdent || t.Type == tokNumber || t.Value != v {
		return nil, c.fail(t, "expected %q but found %s", v, describe(t))
	}
	return c.lex.Next(), nil
}

func (c *climber) ident() (*lexer.Token, error) {
	t := c.peek()
	if t.Type != tokIdent {
		return nil, c.fail(t, "expected a name but found %s", describe(t))
	}
	return c.lex.Next(), nil
}

// name reads the name a token spells, in its canonical form: sigma1,
// sigma_1, sigma_{1} and σ₁ are one symbol, so that no two symbols print
// alike.
func (c *climber) name(t *lexer.Token) (string, error) {
	name, msg := nameError(t.Value)
	if msg != "" {
		return "", c.fail(t, "%s", msg)
	}
	return name, nil
}

// binder reads a name that the syntax binds: the density of an
// expectation, the index of a sum, the densities of KL(p || q). A
// reserved name there would be read as itself elsewhere.
func (c *climber) binder(role string) (string, error) {
	t, err := c.ident()
	if err != nil {
		return "", err
	}
	name, err := c.name(t)
	if err != nil {
		return "", err
	}
	if isReserved(name) || role == "a density" && isReservedDensity(name) {
		return "", c.fail(t, "%s", reservedMsg(name, role))
	}
	return name, nil
}

// variable parses the bound variable of E(x ~ p, f) or int(x, f).
func (c *climber) variable() (Expr, error) {
	t := c.peek()
	v, err := c.expr(2)
	if err != nil {
		return nil, err
	}
	if s, ok := v.(*Sym); ok && isReserved(s.Name) {
		return nil, c.fail(t, "%s", reservedMsg(s.Name, "a variable"))
	}
	return v, nil
}

func (c *climber) at(x Expr, t *lexer.Token) Expr {
	if _, ok := c.pos[x]; !ok {
		c.pos[x] = toPos(t.Pos)
	}
	return x
}

// Binary operators and their binding strength; ^ is right-associative.
var binary = once.Value[map[string]int]{New: func() map[string]int {
	return map[string]int{
		">": 1, ">=": 1, "<": 1, "<=": 1, "!=": 1,
		"+": 2, "-": 2,
		"*": 3, "/": 3,
		"^": 5,
	}
}}

const unaryPrec = 4

// expr parses operators of binding strength min or more. The terms of a
// flat sum, and the factors of a flat product, are gathered and built
// once, so that a sum of n terms takes time and memory linear in n.
func (c *climber) expr(min int) (Expr, error) {
	c.depth++
	defer func() { c.depth-- }()
	if c.depth > MaxDepth {
		return nil, c.fail(c.peek(), "expression nested too deeply (more than %d levels)", MaxDepth)
	}
	start := c.peek()
	lhs, err := c.unary()
	if err != nil {
		return nil, err
	}
	var terms, factors []Expr // a pending sum and a pending product
	value := func() Expr {
		if factors != nil {
			lhs, factors = c.at(Prod(factors...), start), nil
		}
		if terms != nil {
			lhs, terms = c.at(Sum(terms...), start), nil
		}
		return lhs
	}
	for {
		t := c.peek()
		prec, ok := binary.Get()[t.Value]
		if !ok || t.Type == tokIdent || prec < min || (prec == 1 && min > 0) {
			return value(), nil
		}
		c.lex.Next()
		next := prec + 1
		if t.Value == "^" {
			next = prec
		}
		var rhs Expr
		if t.Value == "^" {
			rhs, err = c.exponent()
		} else {
			rhs, err = c.expr(next)
		}
		if err != nil {
			return nil, err
		}
		if (t.Value == "/" && IsInt(rhs, 0)) || (t.Value == "^" && IsInt(lhs, 0) && IsNegNum(rhs)) {
			return nil, c.fail(t, "division by zero")
		}
		switch t.Value {
		case "+", "-":
			if factors != nil {
				lhs, factors = c.at(Prod(factors...), start), nil
			}
			if terms == nil {
				terms = []Expr{lhs}
			}
			if t.Value == "-" {
				rhs = Neg(rhs)
			}
			terms = append(terms, rhs)
		case "*", "/":
			// A product binds tighter than a sum, so it never follows one
			// in this loop: the right side of + took it.
			if factors == nil {
				factors = []Expr{lhs}
			}
			if t.Value == "/" {
				rhs = Power(rhs, N(-1))
			}
			factors = append(factors, rhs)
		case "^":
			// Likewise ^ follows only the first operand.
			lhs = c.at(Power(lhs, rhs), start)
		default:
			lhs = value()
			if _, isRel := lhs.(*Rel); isRel {
				return nil, c.fail(t, "comparisons cannot be chained")
			}
			lhs = c.at(&Rel{Op: t.Value, L: lhs, R: rhs}, start)
		}
	}
}

// exponent parses the right side of ^, which may carry its own sign:
// A^-1 is common for an inverse.
func (c *climber) exponent() (Expr, error) {
	if c.is("-") {
		t := c.lex.Next()
		x, err := c.expr(binary.Get()["^"])
		if err != nil {
			return nil, err
		}
		return c.at(Neg(x), t), nil
	}
	return c.expr(binary.Get()["^"])
}

func (c *climber) unary() (Expr, error) {
	t := c.peek()
	if c.is("-") || c.is("+") {
		c.lex.Next()
		x, err := c.expr(unaryPrec)
		if err != nil {
			return nil, err
		}
		if t.Value == "-" {
			x = Neg(x)
		}
		return c.at(x, t), nil
	}
	x, err := c.primary()
	if err != nil {
		return nil, err
	}
	for c.is("'") {
		c.lex.Next()
		x = c.at(&Transpose{X: x}, t)
	}
	return x, nil
}

func (c *climber) primary() (Expr, error) {
	t := c.peek()
	switch {
	case t.Type == tokNumber:
		c.lex.Next()
		n, ok := ParseNumber(t.Value)
		if !ok {
			return nil, c.fail(t, "cannot read the number %q", t.Value)
		}
		return c.at(n, t), nil
	case t.Type == tokIdent:
		c.lex.Next()
		name, err := c.name(t)
		if err != nil {
			return nil, err
		}
		if c.is("(") {
			return c.call(t, name)
		}
		if isCallable(name) {
			return nil, c.fail(t, "%s", notValueMsg(name))
		}
		var x Expr = c.at(S(name), t)
		for c.is("[") {
			c.lex.Next()
			sub, err := c.expr(2)
			if err != nil {
				return nil, err
			}
			if _, err := c.expect("]"); err != nil {
				return nil, err
			}
			x = c.at(&Index{Base: x, Sub: sub}, t)
		}
		return x, nil
	case c.is("("):
		c.lex.Next()
		x, err := c.expr(0)
		if err != nil {
			return nil, err
		}
		if _, err := c.expect(")"); err != nil {
			return nil, err
		}
		return x, nil
	case c.is("["):
		return c.matrix()
	}
	return nil, c.fail(t, "expected an expression but found %s", describe(t))
}

// call parses NAME( ... ). E, int, sum, prod, KL and H have their own
// argument syntax; every other name takes expressions separated by
// commas, or by a semicolon after the variable of a density family.
func (c *climber) call(t *lexer.Token, name string) (Expr, error) {
	c.lex.Next() // (
	var x Expr
	var err error
	switch name {
	case "E":
		x, err = c.expectation()
	case "int":
		x, err = c.integral()
	case "sum", "prod":
		x, err = c.bigOp(name)
	case "KL", "D_KL":
		x, err = c.info("KL", "||")
	case "H":
		x, err = c.info("H", ",")
	case "cases":
		x, err = c.cases()
	default:
		x, err = c.args(name)
	}
	if err != nil {
		return nil, err
	}
	if _, err := c.expect(")"); err != nil {
		return nil, err
	}
	return c.at(x, t), nil
}

func (c *climber) args(name string) (Expr, error) {
	var args []Expr
	if c.is(")") {
		return Fn(name), nil
	}
	for {
		a, err := c.expr(0)
		if err != nil {
			return nil, err
		}
		args = append(args, a)
		if !c.is(",") && !c.is(";") {
			return Fn(name, args...), nil
		}
		c.lex.Next()
	}
}

func (c *climber) expectation() (Expr, error) {
	v, err := c.variable()
	if err != nil {
		return nil, err
	}
	if _, err := c.expect("~"); err != nil {
		return nil, err
	}
	d, err := c.binder("a density")
	if err != nil {
		return nil, err
	}
	if _, err := c.expect(","); err != nil {
		return nil, err
	}
	body, err := c.expr(0)
	if err != nil {
		return nil, err
	}
	return &Expect{Var: v, Dist: d, Body: body}, nil
}

// integral parses int(x, f) over the real line, or int(x in lo..hi, f)
// over an interval or half-line, written as the range of a sum is.
func (c *climber) integral() (Expr, error) {
	v, err := c.variable()
	if err != nil {
		return nil, err
	}
	in := &Integral{Var: v}
	if t := c.peek(); t.Type == tokIdent && t.Value == "in" {
		c.lex.Next()
		if _, ok := v.(*Sym); !ok {
			return nil, c.fail(t, "limits are for an integral over a scalar variable, not %s", String(v))
		}
		if in.Lo, err = c.expr(2); err != nil {
			return nil, err
		}
		if _, err := c.expect(".."); err != nil {
			return nil, err
		}
		if in.Hi, err = c.expr(2); err != nil {
			return nil, err
		}
	}
	if _, err := c.expect(","); err != nil {
		return nil, err
	}
	if in.Body, err = c.expr(0); err != nil {
		return nil, err
	}
	return in, nil
}

func (c *climber) bigOp(op string) (Expr, error) {
	idx, err := c.binder("an index")
	if err != nil {
		return nil, err
	}
	if t := c.peek(); t.Value != "in" {
		return nil, c.fail(t, "expected \"in\" but found %s", describe(t))
	}
	c.lex.Next()
	lo, err := c.expr(2)
	if err != nil {
		return nil, err
	}
	if _, err := c.expect(".."); err != nil {
		return nil, err
	}
	hi, err := c.expr(2)
	if err != nil {
		return nil, err
	}
	if _, err := c.expect(","); err != nil {
		return nil, err
	}
	body, err := c.expr(0)
	if err != nil {
		return nil, err
	}
	return &Big{Op: op, Index: idx, Lo: lo, Hi: hi, Body: body}, nil
}

func (c *climber) info(kind, sep string) (Expr, error) {
	p, err := c.binder("a density")
	if err != nil {
		return nil, err
	}
	in := &Info{Kind: kind, P: p}
	if kind == "H" && !c.is(",") {
		return in, nil
	}
	if _, err := c.expect(sep); err != nil {
		return nil, err
	}
	q, err := c.binder("a density")
	if err != nil {
		return nil, err
	}
	in.Q = q
	return in, nil
}

// matrix parses [1, 2] as a vector and [[1, 0], [0, 1]] as a matrix.
func (c *climber) matrix() (Expr, error) {
	t := c.lex.Next() // [
	if c.is("[") {
		var rows [][]Expr
		for {
			if _, err := c.expect("["); err != nil {
				return nil, err
			}
			row, err := c.list("]")
			if err != nil {
				return nil, err
			}
			if len(rows) > 0 && len(row) != len(rows[0]) {
				return nil, c.fail(t, "matrix rows have different lengths (%d and %d)", len(rows[0]), len(row))
			}
			rows = append(rows, row)
			if !c.is(",") {
				break
			}
			c.lex.Next()
		}
		if _, err := c.expect("]"); err != nil {
			return nil, err
		}
		return c.at(&Matrix{Rows: rows}, t), nil
	}
	row, err := c.list("]")
	if err != nil {
		return nil, err
	}
	return c.at(&Matrix{Rows: [][]Expr{row}, Vector: true}, t), nil
}

func (c *climber) list(end string) ([]Expr, error) {
	var out []Expr
	for {
		x, err := c.expr(0)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
		if c.is(end) {
			c.lex.Next()
			return out, nil
		}
		if _, err := c.expect(","); err != nil {
			return nil, err
		}
	}
}

// toError turns a participle error into an Error that names the file.
func toError(err error, file string) error {
	var pe participle.Error
	if errors.As(err, &pe) {
		p := toPos(pe.Position())
		p.File = file
		msg := pe.Message()
		msg = strings.Replace(msg, `unexpected token "<EOF>"`, "unexpected end of input", 1)
		msg = strings.Replace(msg, "unexpected token \"\n\"", "unexpected end of line", 1)
		return &Error{Pos: p, Msg: msg}
	}
	return &Error{Pos: Pos{File: file, Line: 1, Col: 1}, Msg: err.Error()}
}

func IsNegNum(e Expr) bool {
	n, ok := e.(*Num)
	return ok && n.Val.Sign() < 0
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
