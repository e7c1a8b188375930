package check

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// Options tune a check.
type Options struct {
	// Givens are .kl statements: densities (p(x) = Normal(x; mu1, sigma1^2)),
	// assumptions (assume s > 0) and dimensions (k: dim).
	Givens []string
	// Claim is a stated final result, KL(p || q) = ..., checked against
	// the engine's own derivation of the goal.
	Claim string
	Seed  uint64 // of the random points; 0 means 1
}

// Check checks every link of a document. Its errors are input errors:
// a --given, klderive block or --claim that cannot be read (*expr.Error,
// or *GivenError for a --given).
func Check(s *Source, opt Options) (*Report, error) {
	if opt.Seed == 0 {
		opt.Seed = 1
	}
	stmts, err := parseGivens(opt.Givens)
	if err != nil {
		return nil, err
	}
	kl, err := parseKLBlocks(s)
	if err != nil {
		return nil, err
	}
	if err := validate(append(stmts, kl...), opt.Givens); err != nil {
		return nil, err
	}
	defs, said, unread := proseContext(s)
	defs = append(append(findDefinitions(s), formulaDefinitions(s)...), defs...)
	defs, summedNotes := continuousSummed(s, defs)
	ctxStmts := slices.Concat(stmts, kl, said)
	c, err := buildContext(ctxStmts, defs, s.Declared)
	if err != nil && len(said) > 0 {
		// An assumption read from the prose that the context cannot take
		// (a standard deviation that is a vector) is left out.
		ctxStmts = slices.Concat(stmts, kl)
		c, err = buildContext(ctxStmts, defs, s.Declared)
	}
	if err != nil {
		return nil, err
	}
	// An assumption of a klderive block in a part of the document is a
	// condition of that part (klscope.go), not of the context.
	var blockConds []*premise
	if as := s.blockAssumptions(kl); len(as) > 0 {
		build := func() (*context, error) { return buildContext(ctxStmts, defs, s.Declared) }
		if c, blockConds, err = blockPremises(as, build); err != nil {
			return nil, err
		}
	}
	// The conditions the document states need the context to tell
	// parameters from variables. Those standing to the end of the
	// document are the context's own, when it can take them and points
	// satisfy them; every link is judged under the conditions in scope
	// at it (scope.go, under.go).
	notes := summedNotes // on how the context was read, beside buildContext's
	conds := c.statedConditions(s, blockConds)
	base := ctxStmts
	global := globalConditions(conds, len(s.Text), opt.Seed)
	if stmts := conditionStatements(global, s.File); len(stmts) > 0 {
		withConds, err := buildContext(slices.Concat(base, stmts), defs, s.Declared)
		if err == nil && len(withConds.prob.SamplePoints(minPoints, opt.Seed)) >= minPoints {
			c, ctxStmts = withConds, slices.Concat(base, stmts)
		} else {
			global = slices.DeleteFunc(global, func(cd *premise) bool { return cd.params })
		}
	}
	// A formula on a stated domain that integrates to 1 at none of the
	// points is no density (x^2 for x > 0, or a normaliser left out): it
	// is read as a function, as any formula the document defines is.
	if none := c.normalisedNowhere(opt.Seed); len(none) > 0 {
		var kept []definition
		for _, d := range defs {
			if slices.Contains(none, d.name) {
				notes = append(notes, fmt.Sprintf("line %d: %s integrates to 1 over its support at none of the points drawn, so it is read as a function, not a density", d.line, unicodeStmt(c.dens[d.name])))
				continue
			}
			kept = append(kept, d)
		}
		if without, err := buildContext(ctxStmts, kept, s.Declared); err == nil {
			c, defs = without, kept
		}
	}
	c.notes = append(c.notes, notes...)
	c.identityConds = identityRels(global)
	r := &Report{File: s.File, Context: withoutConditions(c.givens), Notes: append(append([]string{}, s.Notes...), c.notes...)}
	if len(c.dens) == 0 {
		r.Notes = append(r.Notes, unread...)
	}
	c.proseCases(s)
	c.findFunctions(s)
	pend, statements := chainLinks(s, c)
	c.scopeSpecials(s, conds)
	r.Statements = append(append([]Statement{}, s.Notation...), statements...)
	scopeStatements(r, conds, s)
	c.scopeCaseStatements(r, s)
	// A justification column is read after its block: the report is in
	// document order.
	sort.SliceStable(pend, func(i, j int) bool { return before(pend[i].link.Pos, pend[j].link.Pos) })
	sides := make([]expr.Expr, 0, 2*len(pend)+2) // and a claim's
	toJudge := 0
	if len(pend) > 0 {
		r.Links = make([]*Link, 0, len(pend)+1) // nil when there are none, as before
	}
	universal := map[string]bool{}
	oneDim := false
	for i := range pend {
		p := &pend[i]
		if p.link.Status != "" {
			continue
		}
		for _, u := range c.prepare(p) {
			universal[u] = true
		}
		if st, ok := remarkStatement(p); ok {
			r.Statements = append(r.Statements, st)
			p.link.Status = skipped
			continue
		}
		oneDim = oneDim || p.link.OneDim
		if p.link.Status == "" {
			sides = append(sides, p.link.L, p.link.R)
			toJudge++
		}
	}
	// A remark's relation may have joined the statements.
	sort.SliceStable(r.Statements, func(i, j int) bool { return before(r.Statements[i].Pos, r.Statements[j].Pos) })
	if oneDim {
		r.Notes = append(r.Notes, "the densities are univariate, so vectors and matrices are read in one dimension (1×1): links that use them are checked in one dimension only")
	}
	var claim *Link
	if opt.Claim != "" {
		if claim, err = c.claim(opt.Claim, kl, pend); err != nil {
			return nil, err
		}
		if claim.Status == "" {
			sides = append(sides, claim.L, claim.R)
		}
	}
	n := newNumeric(c, sides, universal, opt.Seed)
	for _, name := range n.unnormalised {
		r.Notes = append(r.Notes, fmt.Sprintf("%s integrates to 1 over its support at none of the points drawn, so it is no density: the links that use it are not checked", unicodeStmt(c.dens[name])))
	}
	// A link is checked under the conditions in scope at it and any
	// special case stated before it, with points of its own: one numeric
	// for each.
	sc := newScopes(c, s, conds, global, base, defs, opt.Seed, n)
	sc.main.links = make([]*Link, 0, toJudge) // most links are the document's own
	under := make([]*scoped, len(pend))       // by pending link
	var groups []*scoped
	for i, p := range pend {
		if l := p.link; l.Status == "" {
			sps := c.specialsBefore(l.Pos)
			l.Under = underText(sps)
			m := sc.of(l, sps)
			if len(m.links) == 0 {
				groups = append(groups, m)
			}
			m.links = append(m.links, l)
			under[i] = m
			l.Conditions = m.shown
		}
	}
	sc.build(universal)
	for _, m := range groups {
		if m.n != nil {
			m.n.prefetch(m.links)
		}
	}
	if claim != nil && claim.Status == "" {
		n.prefetch([]*Link{claim})
	}
	otherBase := s.logsInOtherBase()
	for i, p := range pend {
		l := p.link
		switch {
		case l.Status == skipped:
			continue
		case l.Status == "" && otherBase && (namesInformation(p.left.X) || namesInformation(p.right.X)):
			l.Status, l.Reason = Unchecked, unitReason
		case l.Status == "" && len(n.unnormalised) > 0 && usesAny(c, l, n.unnormalised):
			l.Status, l.Reason = Unchecked, "it uses a density that does not integrate to 1 (see the note)"
		case l.Status == "" && under[i].n == nil:
			l.Status, l.Reason = Unchecked, under[i].why
		case l.Status == "":
			n := under[i].n
			smp := n.judge(l)
			if p.hypothesis && (l.Status != OK || l.Op != "=") && (len(expr.Symbols(l.L)) > 0 || len(expr.Symbols(l.R)) > 0) {
				// "if $\mu_1 - \mu_2 = 0$" restricts the symbols; it is no
				// identity in them, and only an equation that holds
				// everywhere ("with $\langle x \rangle = a/b$") is judged:
				// an inequality that holds at the points drawn may fail
				// beyond them. A numeric fact (where $2 = 3$) is judged
				// either way.
				*l = Link{Pos: l.Pos, LeftPos: l.LeftPos, Op: l.Op, Implicit: l.Implicit, LHS: l.LHS, RHS: l.RHS, Right: l.Right,
					Status: Unchecked, Reason: hypothesisReason}
				r.Links = append(r.Links, l)
				continue
			}
			if l.Status == Wrong && !l.Matrix && l.Diagnosis == "" {
				l.Diagnosis = n.diagnose(l, smp)
			}
			strict(l, smp)
			refute(l)
			c.withhold(l)
		case p.unknown != nil:
			l.Reason += n.readAs(p)
		}
		r.Links = append(r.Links, l)
	}
	if claim != nil {
		if claim.Status == "" {
			if smp := n.judge(claim); claim.Status == Wrong && !claim.Matrix {
				claim.Diagnosis = n.diagnose(claim, smp)
			}
		}
		r.Claim = claim
	}
	checkImplications(s, opt, r, conds)
	return r, nil
}

// hypothesisReason is why a hypothesis that does not hold in general is
// not judged.
const hypothesisReason = "a hypothesis (after \"if\", \"where\", \"let\" or the like), not a step: not checked"

// skipped marks a pending link that the report lists as a statement.
const skipped Status = "skipped"

// remarkStatement lists a remark's relation that is not judged because
// it is in letters the context does not give (a rule's identity in its
// own letters), or is a condition on them (\text{where $p(x) > 0$}): a
// statement of the report, not a link left unchecked.
func remarkStatement(p *pending) (Statement, bool) {
	l := p.link
	if !p.remark || l.Status != Unchecked || p.unknown == nil && !p.hypothesis {
		return Statement{}, false
	}
	kind := Remark
	if p.hypothesis && p.unknown == nil {
		kind = Condition
	}
	return Statement{Pos: l.Pos, Kind: kind, Text: clip(l.LHS + " " + l.Op + " " + l.RHS)}, true
}

// strict withholds the verdict on a strict inequality whose sides agree
// within the tolerance at some point: there a < b cannot be told from
// a = b, and 2 > 2 must not pass as a ≤ with a tolerance would.
func strict(l *Link, s sample) {
	if l.Status != OK || l.Op != "<" && l.Op != ">" {
		return
	}
	for k := range s.idx {
		if derive.RelErr(s.l[k], s.r[k]) <= tolerance {
			l.Status, l.Points = Unchecked, 0
			l.Reason = fmt.Sprintf("%s cannot be confirmed numerically: the two sides agree within the tolerance (left = %s, right = %s)",
				opName(l.Op), shortNum(s.l[k]), shortNum(s.r[k]))
			return
		}
	}
}

// shortNum prints a value for a message.
func shortNum(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) }

// prepare resolves a link's sides against the context and decides
// whether it can be judged: it sets Status Unchecked with a Reason when
// not, and returns the link's universally quantified symbols.
func (c *context) prepare(p *pending) []string {
	l := p.link
	// A part may have grown by a row that carries it on (joinParts).
	l.LHS, l.RHS = strings.TrimSpace(p.left.Src), strings.TrimSpace(p.right.Src)
	unchecked := func(format string, args ...any) []string {
		l.Status, l.Reason = Unchecked, fmt.Sprintf(format, args...)
		return nil
	}
	switch {
	case p.left.Err != nil:
		return unchecked("the left side cannot be read: %s", readError(p.left.Err))
	case p.right.Err != nil:
		return unchecked("%s", readError(p.right.Err))
	}
	switch l.Op {
	case "=", `\equiv`, `\leq`, `\geq`, "<", ">":
	case `\sim`, ":=":
		return unchecked("%s is a definition only as the first relation of a chain, with a name on its left: not checked", opName(l.Op))
	default:
		return unchecked("%s states no equality; only =, ≤ and ≥ are checked", opName(l.Op))
	}
	if why := c.outOfCase(l.Pos, p.left.X, p.right.X); why != "" {
		return unchecked("%s", why)
	}
	rs := &resolver{c: c, goal: p.goal}
	l.L = c.spell(rs.resolve(c.relabel(p.left.X, l.Pos), ""), l.Pos)
	l.R = c.spell(rs.resolve(c.relabel(p.right.X, l.Pos), ""), l.Pos)
	l.OneDim = rs.oneDim
	if len(rs.opened) > 0 {
		l.Defined = c.definedText(rs.opened)
	}
	if rs.err == nil {
		l.Right = rs.display(p.right.X)
	}
	if rs.err != nil {
		l.L, l.R = nil, nil
		return unchecked("%s", rs.err)
	}
	if p.hypothesis && p.remark && (len(expr.Symbols(l.L)) > 0 || len(expr.Symbols(l.R)) > 0) {
		// A remark's condition (\text{where $p(x) > 0$}) is listed
		// among the statements (remarkStatement).
		l.L, l.R = nil, nil
		return unchecked(hypothesisReason)
	}
	universal, unknown := freeSymbols(c, l.L, l.R)
	if len(unknown) > 0 {
		p.unknown = unknown
		word := "symbol"
		if len(unknown) > 1 {
			word = "symbols"
		}
		return unchecked("unknown %s %s", word, symNames(unknown))
	}
	if v := c.discreteVariable(universal, l.L, l.R); v != "" {
		l.L, l.R = nil, nil
		return unchecked("%s is the variable of a discrete density, but the points drawn for it are real numbers: not checked", expr.Format(expr.S(v), expr.Unicode))
	}
	if c.matrices {
		if err := c.shapes(l); err != nil {
			l.L, l.R = nil, nil
			return unchecked("%s", err)
		}
		if x, _, err := c.prob.Types.Check(l.Right, nil, l.Pos); err == nil {
			l.Right = x
		}
	}
	if c.cost(l.L) > maxCost || c.cost(l.R) > maxCost {
		return unchecked("too costly to evaluate: integrals or sums are nested too deeply")
	}
	l.universal = universal
	return universal
}

// before orders positions in a file.
func before(a, b expr.Pos) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Col < b.Col
}

// readError says why a part cannot be read, pointing to the list of
// what is supported when the construct is not.
func readError(err error) string {
	msg := errorMessage(err)
	if strings.Contains(msg, "unsupported") {
		msg += " (supported LaTeX: see the README)"
	}
	return msg
}

// shapes checks the shapes of a link's sides against the declarations
// and writes their matrix notation explicitly: A^{-1} is inv(A), and an
// identity whose size nothing fixes is I(k) for the declared dimension.
// The sides may be vectors or matrices, of the same shape.
func (c *context) shapes(l *Link) error {
	var got [2]expr.Shape
	for i, side := range []*expr.Expr{&l.L, &l.R} {
		x, sh, err := c.prob.Types.Check(*side, nil, l.Pos)
		if err != nil {
			return fmt.Errorf("%s", errorMessage(err))
		}
		*side, got[i] = c.sizeIdentity(x), sh
	}
	if got[0].IsScalar() != got[1].IsScalar() || !got[0].IsScalar() && !(expr.Equal(got[0].R, got[1].R) && expr.Equal(got[0].C, got[1].C)) {
		return fmt.Errorf("the left side is %s but the right side is %s", got[0], got[1])
	}
	l.Matrix = !got[0].IsScalar()
	return nil
}

// sizeIdentity sizes a bare I by a declared dimension: all take the same
// value at a point.
func (c *context) sizeIdentity(x expr.Expr) expr.Expr {
	if _, declared := c.prob.Types.Shapes["I"]; len(c.dims) == 0 || declared {
		return x
	}
	k := sortedNames(c.dims)[0]
	return expr.Map(x, func(e expr.Expr) expr.Expr {
		if s, ok := e.(*expr.Sym); ok && s.Name == "I" {
			return expr.Fn("I", expr.S(k))
		}
		return e
	})
}
