package expr

import "github.com/alecthomas/participle/v2/lexer"

// readStatements reads a .kl source into the statement grammar's tree
// (klFile) by hand, as participle's parser of that grammar would, and
// reports false where participle would report an error. Building that
// parser costs more by reflection than a short run spends on the rest
// of parsing, so it is built only to word the error of a source this
// reader rejects; a test checks the two agree, tree for tree, on the
// repository's sources and on generated ones.
//
// The grammar's one choice is which statement a line is: the first of
// assume, derive, a declaration and a density that reads it. As in
// participle with UseLookahead(3), a statement that fails after reading
// more than three tokens of the line is an error, not a reason to try
// the next. Every other failure inside a statement leaves a token that
// cannot end the line, so it is an error too.
func readStatements(name, src string) (*klFile, bool) {
	l, _ := klLexer{}.LexString(name, src)
	lex, err := lexer.Upgrade(l, tokComment, tokSpace)
	if err != nil {
		return nil, false
	}
	f := &klFile{}
	for {
		switch t := lex.Peek(); {
		case t.EOF():
			return f, true
		case t.Type == tokNewline:
			lex.Next()
			continue
		}
		line, ok := readLine(lex)
		if !ok {
			return nil, false
		}
		// ParseFile ends every source with a newline; a last line without
		// one is left to participle.
		if lex.Peek().Type != tokNewline {
			return nil, false
		}
		lex.Next()
		f.Lines = append(f.Lines, line)
	}
}

// readExprSource reads a source that is one expression, between any
// newlines, as participle's parser of klExpr would; false where that
// parser would report an error, which it is then built to word.
func readExprSource(name, src string) (*klExpr, bool) {
	l, _ := klLexer{}.LexString(name, src)
	lex, err := lexer.Upgrade(l, tokComment, tokSpace)
	if err != nil {
		return nil, false
	}
	skipNewlines(lex)
	e := &klExpr{}
	if !readExpr(lex, &e.X) {
		return nil, false
	}
	skipNewlines(lex)
	return e, lex.Peek().EOF()
}

func skipNewlines(lex *lexer.PeekingLexer) {
	for lex.Peek().Type == tokNewline {
		lex.Next()
	}
}

// lookahead is how many tokens a statement may read before failing and
// still let the next kind of statement be tried.
const lookahead = 3

// readLine reads one statement.
func readLine(lex *lexer.PeekingLexer) (*klLine, bool) {
	start := lex.MakeCheckpoint()
	line := &klLine{Pos: lex.Peek().Pos}
	alternatives := []func() bool{
		func() bool { return keyword(lex, "assume") && readExpr(lex, &line.Assume) },
		func() bool { return keyword(lex, "derive") && readGoals(lex, line) },
		func() bool { line.Decl = &klDecl{}; return readDecl(lex, line.Decl) },
		func() bool { line.Density = &klDensity{Pos: line.Pos}; return readDensity(lex, line.Density) },
	}
	for _, read := range alternatives {
		if read() {
			return line, true
		}
		if lex.Cursor() > start.Cursor()+lookahead {
			return nil, false
		}
		lex.LoadCheckpoint(start)
		*line = klLine{Pos: line.Pos}
	}
	return nil, false
}

// keyword reads a token whose text is v, of any type, as participle
// reads a literal.
func keyword(lex *lexer.PeekingLexer, v string) bool {
	if lex.Peek().Value != v {
		return false
	}
	lex.Next()
	return true
}

// ident reads a name.
func ident(lex *lexer.PeekingLexer, to *string) bool {
	t := lex.Peek()
	if t.Type != tokIdent {
		return false
	}
	*to = lex.Next().Value
	return true
}

// readExpr reads one expression with the precedence climber.
func readExpr(lex *lexer.PeekingLexer, to **exprNode) bool {
	n := &exprNode{}
	if n.Parse(lex) != nil {
		return false
	}
	*to = n
	return true
}

// readList reads one or more expressions separated by commas.
func readList(lex *lexer.PeekingLexer, to *[]*exprNode) bool {
	for {
		var x *exprNode
		if !readExpr(lex, &x) {
			return false
		}
		*to = append(*to, x)
		if !keyword(lex, ",") {
			return true
		}
	}
}

// readGoals reads what follows derive: goals separated by commas, each
// with the route asked for (H(p) via I).
func readGoals(lex *lexer.PeekingLexer, line *klLine) bool {
	for {
		g := &klGoal{}
		if !readExpr(lex, &g.X) {
			return false
		}
		if keyword(lex, "via") && !ident(lex, &g.Via) {
			return false
		}
		line.Goals = append(line.Goals, g)
		if !keyword(lex, ",") {
			return true
		}
	}
}

// readDecl reads NAME, ...: TYPE [DIMS] PROPS.
func readDecl(lex *lexer.PeekingLexer, d *klDecl) bool {
	start := lex.RawCursor()
	for {
		var n string
		if !ident(lex, &n) {
			return false
		}
		d.Names = append(d.Names, n)
		if !keyword(lex, ",") {
			break
		}
	}
	if !keyword(lex, ":") || !ident(lex, &d.Type) {
		return false
	}
	if keyword(lex, "[") && (!readList(lex, &d.Dims) || !keyword(lex, "]")) {
		return false
	}
	for lex.Peek().Type == tokIdent {
		d.Props = append(d.Props, lex.Next().Value)
	}
	d.Tokens = lex.Range(start, lex.RawCursor())
	return true
}

// readDensity reads NAME(VAR | GIVEN, ...) = BODY.
func readDensity(lex *lexer.PeekingLexer, d *klDensity) bool {
	if !ident(lex, &d.Name) || !keyword(lex, "(") || !readExpr(lex, &d.Var) {
		return false
	}
	if keyword(lex, "|") && !readList(lex, &d.Given) {
		return false
	}
	return keyword(lex, ")") && keyword(lex, "=") && readExpr(lex, &d.Body)
}
