package expr

import (
	"fmt"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/klderive/klderive/internal/once"
)

// The statement grammar of .kl files, one statement per line.
type klFile struct {
	Lines []*klLine `parser:"( @@? Newline )* @@?"`
}

type klLine struct {
	Pos     lexer.Position
	Assume  *exprNode  `parser:"(  \"assume\" @@"`
	Goals   []*klGoal  `parser:" | \"derive\" @@ ( \",\" @@ )*"`
	Decl    *klDecl    `parser:" | @@"`
	Density *klDensity `parser:" | @@ )"`
}

// klGoal is a goal, with the route asked for: "H(p) via I" takes an
// entropy through the expected self-information.
type klGoal struct {
	X   *exprNode `parser:"@@"`
	Via string    `parser:"( \"via\" @Ident )?"`
}

type klDecl struct {
	Tokens []lexer.Token // for the positions of the names
	Names  []string      `parser:"@Ident ( \",\" @Ident )* \":\""`
	Type   string        `parser:"@Ident"`
	Dims   []*exprNode   `parser:"( \"[\" @@ ( \",\" @@ )* \"]\" )?"`
	Props  []string      `parser:"@Ident*"`
}

type klDensity struct {
	Pos   lexer.Position
	Name  string      `parser:"@Ident \"(\""`
	Var   *exprNode   `parser:"@@"`
	Given []*exprNode `parser:"( \"|\" @@ ( \",\" @@ )* )? \")\" \"=\""`
	Body  *exprNode   `parser:"@@"`
}

type klExpr struct {
	X *exprNode `parser:"Newline* @@ Newline*"`
}

// The participle parsers of the grammars, built on first use. A .kl
// source is read by readStatements and an expression by readExprSource;
// these parsers are built only to word the error of a source they
// reject.
var (
	fileParser = once.Value[*participle.Parser[klFile]]{New: newExprParser[klFile]}
	exprParser = once.Value[*participle.Parser[klExpr]]{New: newExprParser[klExpr]}
)

// File is a parsed .kl problem.
type File struct {
	Name        string
	Src         string
	Densities   []*Density
	Assumptions []*Assumption
	Decls       []*Decl
	Goals       []*Goal
	// Where records the start of every parsed sub-expression, for errors
	// that point into an expression (a dimension mismatch, say).
	Where map[Expr]Pos
}

// Density is a statement NAME(VAR) = BODY.
type Density struct {
	Name  string
	Var   Expr
	Given []Expr // the conditioning variables of q(z | x): parameters
	Body  Expr
	Pos   Pos
}

// Assumption is a statement "assume REL".
type Assumption struct {
	Rel *Rel
	Pos Pos
}

// Decl declares the shape of symbols: "k: dim", "x: vector[k]",
// "S: matrix[k,k] spd".
type Decl struct {
	Names []string
	At    []Pos // where each name is written
	Type  string
	Dims  []Expr
	Props []string
	Pos   Pos
}

// String writes the declaration in the .kl syntax.
func (d *Decl) String() string {
	s := strings.Join(d.Names, ", ") + ": " + d.Type
	if len(d.Dims) > 0 {
		dims := make([]string, len(d.Dims))
		for i, x := range d.Dims {
			dims[i] = String(x)
		}
		s += "[" + strings.Join(dims, ",") + "]"
	}
	for _, p := range d.Props {
		s += " " + p
	}
	return s
}

// Statements are the file's declarations, densities and assumptions in
// the .kl syntax, one statement each, without its goals: the context a
// reader of a derivation (klderive check) needs to load the problem.
func (f *File) Statements() []string {
	var out []string
	for _, d := range f.Decls {
		out = append(out, d.String())
	}
	for _, d := range f.Densities {
		out = append(out, String(&Rel{Op: "=", L: Fn(d.Name, d.Var), R: d.Body}))
	}
	for _, a := range f.Assumptions {
		out = append(out, "assume "+String(a.Rel))
	}
	return out
}

// Goal is one quantity to derive.
type Goal struct {
	Info *Info
	Pos  Pos
	// ViaSelfInformation takes an entropy through the expected
	// self-information, H(p) = E[I(p)] (written "derive H(p) via I").
	ViaSelfInformation bool
}

// goalInfo reads a goal: an information quantity, or I(p) of a name p,
// the self-information, which the syntax spells as a call (see
// SelfInformation); whether p is a density is checked when the file is
// loaded.
func goalInfo(x Expr) (*Info, bool) {
	if in, ok := x.(*Info); ok {
		return in, true
	}
	if c, ok := x.(*Call); ok && c.Fn == "I" && len(c.Args) == 1 {
		if s, ok := c.Args[0].(*Sym); ok {
			return &Info{Kind: "I", P: s.Name}, true
		}
	}
	return nil, false
}

// ParseFile parses a .kl source. Errors are *Error values.
func ParseFile(name, src string) (*File, error) {
	if len(src) > MaxInput {
		return nil, Errorf(Pos{File: name, Line: 1, Col: 1}, "input is larger than %d bytes", MaxInput)
	}
	// Lines end in \n alone, and the last line need not end at all.
	src = strings.ReplaceAll(src, "\r\n", "\n")
	if !strings.HasSuffix(src, "\n") {
		src += "\n"
	}
	ast, ok := readStatements(name, src)
	if !ok {
		var err error
		if ast, err = fileParser.Get().ParseString(name, src); err != nil {
			return nil, toError(err, name)
		}
	}
	f := &File{Name: name, Src: src, Where: map[Expr]Pos{}}
	keep := func(n *exprNode) Expr {
		for k, v := range n.Where {
			v.File = name
			f.Where[k] = v
		}
		return n.X
	}
	for _, l := range ast.Lines {
		pos := toPos(l.Pos)
		pos.File = name
		switch {
		case l.Assume != nil:
			rel, ok := keep(l.Assume).(*Rel)
			if !ok {
				return nil, Errorf(pos, "an assumption must be a comparison such as \"assume s > 0\"")
			}
			f.Assumptions = append(f.Assumptions, &Assumption{Rel: rel, Pos: pos})
		case l.Goals != nil:
			for _, lg := range l.Goals {
				g := lg.X
				in, ok := goalInfo(keep(g))
				gp := g.Pos
				gp.File = name
				if !ok {
					return nil, Errorf(gp, "a goal is KL(p || q), H(p), H(p, q) or I(p), not %s", String(g.X))
				}
				if lg.Via != "" && (lg.Via != "I" || in.Kind != "H") {
					return nil, Errorf(gp, "%s via %s: only an entropy or a cross-entropy goes via I, the self-information (H(p) via I)", String(in), lg.Via)
				}
				f.Goals = append(f.Goals, &Goal{Info: in, Pos: gp, ViaSelfInformation: lg.Via == "I"})
			}
		case l.Decl != nil:
			d := &Decl{Type: l.Decl.Type, Props: l.Decl.Props, Pos: pos}
			for i, raw := range l.Decl.Names {
				at := toPos(l.Decl.namePos(i))
				at.File = name
				n, err := boundName(raw, at, "a declared symbol")
				if err != nil {
					return nil, err
				}
				d.Names = append(d.Names, n)
				d.At = append(d.At, at)
			}
			for _, x := range l.Decl.Dims {
				d.Dims = append(d.Dims, keep(x))
			}
			f.Decls = append(f.Decls, d)
		case l.Density != nil:
			at := toPos(l.Density.Pos)
			at.File = name
			n, err := boundName(l.Density.Name, at, "a density")
			if err != nil {
				return nil, err
			}
			v := keep(l.Density.Var)
			if s, ok := v.(*Sym); ok && isReserved(s.Name) {
				return nil, Errorf(f.pos(v, pos), "%s", reservedMsg(s.Name, "a variable"))
			}
			d := &Density{Name: n, Var: v, Body: keep(l.Density.Body), Pos: pos}
			for _, g := range l.Density.Given {
				// q(z | x): x conditions the density, a parameter of it.
				gx := keep(g)
				s, ok := gx.(*Sym)
				switch {
				case !ok:
					return nil, Errorf(f.pos(gx, pos), "a density is conditioned on a name, not %s", String(gx))
				case isReserved(s.Name):
					return nil, Errorf(f.pos(gx, pos), "%s", reservedMsg(s.Name, "a conditioning variable"))
				case Equal(gx, v):
					return nil, Errorf(f.pos(gx, pos), "%s is the variable of %s and cannot condition it", s.Name, n)
				}
				d.Given = append(d.Given, gx)
			}
			f.Densities = append(f.Densities, d)
		}
	}
	if err := f.checkCalls(); err != nil {
		return nil, err
	}
	return f, nil
}

// boundName reads the name a statement defines: a density or a declared
// symbol. It is canonical, as every name is, and not reserved.
func boundName(raw string, at Pos, role string) (string, error) {
	n, msg := nameError(raw)
	if msg != "" {
		return "", Errorf(at, "%s", msg)
	}
	if isReserved(n) || role == "a density" && isReservedDensity(n) {
		return "", Errorf(at, "%s", reservedMsg(n, role))
	}
	return n, nil
}

// namePos is where the i-th declared name starts.
func (d *klDecl) namePos(i int) lexer.Position {
	for _, t := range d.Tokens {
		if t.Type == tokIdent {
			if i == 0 {
				return t.Pos
			}
			i--
		}
	}
	return lexer.Position{}
}

// pos is where e starts, or at if that is not recorded.
func (f *File) pos(e Expr, at Pos) Pos {
	if p, ok := f.Where[e]; ok {
		return p
	}
	return at
}

// checkCalls rejects a call to a function that is neither built in nor
// a family, in a density or an assumption, so that sin(x) is an input
// error and not a failure to verify. Families are capitalised, as in
// Normal; a lower-case call is a function.
func (f *File) checkCalls() error {
	var err error
	check := func(x Expr, at Pos, where string) {
		Any(x, func(e Expr) bool {
			c, ok := e.(*Call)
			if !ok || err != nil {
				return err != nil
			}
			if n, special := IsSpecial(c.Fn); special && len(c.Args) != n {
				err = Errorf(f.pos(c, at), "%s takes %d argument(s), not %d%s", c.Fn, n, len(c.Args), where)
				return true
			}
			if err != nil || functions.Get()[c.Fn] || families.Get()[c.Fn] != nil {
				return err != nil
			}
			if r := c.Fn[0]; r >= 'A' && r <= 'Z' {
				err = Errorf(f.pos(c, at), "unknown family %s%s; known families: %s", c.Fn, where, FamilyNames())
			} else {
				err = Errorf(f.pos(c, at), "unknown function %s%s; known functions: %s", c.Fn, where, functionNames)
			}
			return true
		})
	}
	for _, d := range f.Densities {
		check(d.Body, d.Pos, " in the density "+d.Name)
	}
	for _, a := range f.Assumptions {
		check(a.Rel, a.Pos, "")
	}
	return err
}

// ParseExpr parses one expression in the input syntax.
func ParseExpr(src string) (Expr, error) {
	return ParseExprNamed("<expr>", src)
}

// ParseExprNamed parses one expression, naming its source in errors.
func ParseExprNamed(name, src string) (Expr, error) {
	x, _, err := ParseExprWhere(name, src)
	return x, err
}

// ParseExprWhere parses one expression and also returns where each of
// its sub-expressions starts, for errors found after parsing.
func ParseExprWhere(name, src string) (Expr, map[Expr]Pos, error) {
	if len(src) > MaxInput {
		return nil, nil, Errorf(Pos{File: name, Line: 1, Col: 1}, "input is larger than %d bytes", MaxInput)
	}
	if strings.TrimSpace(src) == "" {
		return nil, nil, Errorf(Pos{File: name, Line: 1, Col: 1}, "empty expression")
	}
	ast, ok := readExprSource(name, src)
	if !ok {
		var err error
		if ast, err = exprParser.Get().ParseString(name, src); err != nil {
			return nil, nil, toError(err, name)
		}
	}
	where := map[Expr]Pos{}
	for k, v := range ast.X.Where {
		v.File = name
		where[k] = v
	}
	return ast.X.X, where, nil
}

// TryParseExpr parses src when it is one expression, as ParseExpr
// would, and reports false where ParseExpr would report an error. It
// never builds the parser that words that error, which costs more than
// the reading: for callers that only ask whether a word is an
// expression.
func TryParseExpr(src string) (Expr, bool) {
	if len(src) > MaxInput || strings.TrimSpace(src) == "" {
		return nil, false
	}
	ast, ok := readExprSource("<expr>", src)
	if !ok {
		return nil, false
	}
	return ast.X.X, true
}

// MustParse parses src or panics; for rule tables and tests, whose
// expressions are fixed at compile time.
func MustParse(src string) Expr {
	x, err := ParseExpr(src)
	if err != nil {
		panic(fmt.Sprintf("MustParse(%q): %v", src, err))
	}
	return x
}

// Density returns the density statement named name, or nil.
func (f *File) Density(name string) *Density {
	for _, d := range f.Densities {
		if d.Name == name {
			return d
		}
	}
	return nil
}

var _ = participle.Errorf
