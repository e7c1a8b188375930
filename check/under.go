package check

import (
	"crypto/sha256"
	"fmt"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
)

// The points a link is judged at satisfy exactly the conditions in scope
// at it (scope.go): one numeric for each set of conditions and stated
// special cases, drawn from a context that holds those conditions.

// conditionSource is the source of the statements a stated condition
// becomes in a context: the report lists the conditions with their
// scopes, not among the context.
const conditionSource = "stated condition"

// conditionStatements are the conditions on the context's parameters as
// .kl statements, for buildContext.
func conditionStatements(conds []*premise, file string) []statement {
	var out []statement
	for _, cd := range conds {
		if !cd.params {
			continue
		}
		if f, err := expr.ParseFile(file, cd.text()); err == nil {
			out = append(out, statement{f, conditionSource, -1})
		}
	}
	return out
}

// withoutConditions leaves the stated conditions out of a context's
// givens.
func withoutConditions(givens []Given) []Given {
	return slices.DeleteFunc(givens, func(g Given) bool { return g.Source == conditionSource })
}

// identityRels are the conditions on symbols the context does not know.
func identityRels(conds []*premise) []*expr.Rel {
	var out []*expr.Rel
	for _, cd := range conds {
		if !cd.params {
			out = append(out, cd.rel)
		}
	}
	return out
}

// conditionKey names a set of conditions by what they state, for
// sharing points: a condition stated in two sections alike is one.
func conditionKey(conds []*premise, params bool) string {
	var texts []string
	for _, cd := range conds {
		if cd.params == params {
			texts = append(texts, cd.text())
		}
	}
	sort.Strings(texts)
	return strings.Join(slices.Compact(texts), ";")
}

// conditionList lists conditions for a message: "a > 0 (line 1), a < 0
// (line 5)".
func conditionList(conds []*premise) string {
	parts := make([]string, len(conds))
	for i, cd := range conds {
		parts[i] = conditionAt(cd)
	}
	return strings.Join(parts, ", ")
}

// conditionAt is a condition and its line: "a > 0 (line 1)".
func conditionAt(cd *premise) string {
	return fmt.Sprintf("%s (line %d)", expr.Format(cd.rel, expr.Unicode), cd.pos.Line)
}

// scoped is the numeric of the conditions in scope at some links, or
// why those links are not checked.
type scoped struct {
	pts   *points
	in    []*premise // the conditions, as stated at these links
	n     *numeric
	why   string
	shown string  // the conditions as a link shows them
	links []*Link // judged under them
}

// points is the numeric of what a set of conditions states, shared by
// every set that states the same, drawn for the sides of their links;
// or, when none is drawn, what says why for a set's own conditions.
type points struct {
	in    []*premise
	sps   []special
	sides []expr.Expr
	built bool
	n     *numeric
	why   func(in []*premise) string
}

// scopes hands each link the numeric of the conditions in scope at it.
type scopes struct {
	c        *context
	conds    []*premise  // by start
	global   []*premise  // those c holds
	base     []statement // the context's statements without the conditions
	defs     []definition
	declared string
	seed     uint64
	byBlock  map[string]*scoped // by the conditions' blocks and the special cases
	byText   map[string]*points // by what the conditions state and the special cases
	all      []*scoped          // in the order met
	// The walk over links in document order: the conditions begun and
	// those in scope at the last link.
	next  int
	open  []*premise
	file  string
	lines *lineIndex
	main  *scoped
}

// newScopes prepares the walk; main is the numeric of the context's own
// conditions, global.
func newScopes(c *context, s *Source, conds, global []*premise, base []statement, defs []definition, seed uint64, main *numeric) *scopes {
	sorted := append([]*premise(nil), conds...)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].start < sorted[j].start })
	sc := &scopes{c: c, conds: sorted, global: global, base: base, defs: defs, declared: s.Declared, seed: seed,
		byBlock: map[string]*scoped{}, byText: map[string]*points{}, file: s.File, lines: s.lines()}
	pts := &points{built: true, n: main}
	sc.main = &scoped{pts: pts, n: main, shown: shown(global)}
	sc.byBlock[blockKey("", global)] = sc.main
	sc.byText[textKey("", global)] = pts
	return sc
}

// blockKey names conditions by the math they are stated in.
func blockKey(under string, conds []*premise) string {
	var b strings.Builder
	b.WriteString(under)
	for _, cd := range conds {
		fmt.Fprintf(&b, "\x00%d %s", cd.at, cd.text())
	}
	return b.String()
}

// textKey names conditions by what they state.
func textKey(under string, conds []*premise) string {
	return under + "\x00" + conditionKey(conds, true) + "\x00" + conditionKey(conds, false)
}

// inScope is the conditions in scope at pos; positions must come in
// document order.
func (sc *scopes) inScope(pos expr.Pos) []*premise {
	if len(sc.conds) == 0 || pos.File != sc.file || pos.Line < 1 {
		return nil
	}
	off := sc.lines.offset(pos)
	for sc.next < len(sc.conds) && sc.conds[sc.next].start <= off {
		sc.open = append(sc.open, sc.conds[sc.next])
		sc.next++
	}
	sc.open = slices.DeleteFunc(sc.open, func(cd *premise) bool { return cd.end <= off })
	return sc.open
}

// of is the scoped numeric of a link under the special cases sps; its
// numeric is drawn by build, once every link has its scope.
func (sc *scopes) of(l *Link, sps []special) *scoped {
	in := sc.inScope(l.Pos)
	if len(in) == 0 && len(sps) == 0 && len(sc.global) == 0 {
		return sc.main // the document's own points, as most links are judged at
	}
	under := underText(sps)
	key := blockKey(under, in)
	m, ok := sc.byBlock[key]
	if !ok {
		m = &scoped{in: slices.Clone(in), shown: shown(in)}
		sc.byBlock[key] = m
		sc.all = append(sc.all, m)
		tk := textKey(under, in)
		if m.pts, ok = sc.byText[tk]; !ok {
			m.pts = &points{in: m.in, sps: sps}
			sc.byText[tk] = m.pts
		}
	}
	if !m.pts.built {
		m.pts.sides = append(m.pts.sides, l.L, l.R)
	}
	return m
}

// build draws the points of each set of conditions met, for the sides
// of its links only.
func (sc *scopes) build(universal map[string]bool) {
	for _, m := range sc.all {
		pts := m.pts
		if !pts.built {
			pts.built = true
			if ctx, why := sc.context(pts.in); why != nil {
				pts.why = why
			} else {
				pts.n = newNumeric(ctx, pts.sides, universal, sc.seed)
				pts.n.specialise(pts.sps, universal, sc.seed)
			}
		}
		m.n = pts.n
		if pts.why != nil {
			m.why = pts.why(m.in)
		}
	}
}

// context is c under the conditions in, or what says why no point
// satisfies them.
func (sc *scopes) context(in []*premise) (*context, func([]*premise) string) {
	prob := sc.c.prob
	if conditionKey(in, true) != conditionKey(sc.global, true) {
		built, err := buildContext(slices.Concat(sc.base, conditionStatements(in, sc.file)), sc.defs, sc.declared)
		if err != nil {
			return nil, func(in []*premise) string {
				return fmt.Sprintf("the conditions in scope here do not fit the context (%s): %s", conditionList(in), errorMessage(err))
			}
		}
		prob = built.prob
	}
	if got := len(prob.SamplePoints(minPoints, sc.seed)); got < minPoints && slices.ContainsFunc(in, isParam) {
		return nil, func(in []*premise) string { return unmet(slices.DeleteFunc(slices.Clone(in), isIdentity), got) }
	}
	ids := identityRels(in)
	if got := identityPoints(ids, sc.seed); len(ids) > 0 && got < minPoints {
		return nil, func(in []*premise) string { return unmet(slices.DeleteFunc(slices.Clone(in), isParam), got) }
	}
	c := *sc.c
	c.prob, c.identityConds = prob, ids
	return &c, nil
}

func isParam(cd *premise) bool    { return cd.params }
func isIdentity(cd *premise) bool { return !cd.params }

// unmet says that conditions hold together at too few points.
func unmet(conds []*premise, got int) string {
	what := "the condition in scope here holds"
	if len(conds) > 1 {
		what = "the conditions in scope here hold together"
	}
	at := "at no point drawn"
	if got > 0 {
		at = fmt.Sprintf("at only %d of the points drawn", got)
	}
	return fmt.Sprintf("%s %s: %s", what, at, conditionList(conds))
}

// identityPoints counts the draws, of candidates, at which the
// conditions on symbols the context does not know hold, each drawn
// again up to redraws times as honourConditions draws them.
func identityPoints(rels []*expr.Rel, seed uint64) int {
	if len(rels) == 0 {
		return 0
	}
	var syms []string
	for _, r := range rels {
		for _, s := range expr.Symbols(r) {
			if !expr.IsNumberConstant(s) && !slices.Contains(syms, s) {
				syms = append(syms, s)
			}
		}
	}
	sort.Strings(syms)
	rng := rand.New(rand.NewChaCha8(sha256.Sum256([]byte(fmt.Sprint(seed, "/satisfiable")))))
	got := 0
	env := &expr.Env{Vals: map[string]float64{}}
	for i := 0; i < candidates && got < minPoints; i++ {
		for try := 0; try < redraws; try++ {
			for _, s := range syms {
				if lo, hi, beyond := statedRange(rels, s, env); beyond {
					env.Vals[s] = drawRange(rng, lo, hi)
				} else {
					env.Vals[s] = expr.Real.Draw(rng)
				}
			}
			if holdsAll(rels, env) {
				got++
				break
			}
		}
	}
	return got
}

// globalConditions are the standing conditions in scope at the end of
// the document, end, those on identity variables only when points
// satisfy them: the context's own, under which a claim is judged.
func globalConditions(conds []*premise, end int, seed uint64) []*premise {
	var out []*premise
	for _, cd := range conds {
		if cd.standing && cd.end >= end {
			out = append(out, cd)
		}
	}
	if ids := identityRels(out); len(ids) > 0 && identityPoints(ids, seed) < minPoints {
		out = slices.DeleteFunc(out, func(cd *premise) bool { return !cd.params })
	}
	return out
}

// shown lists conditions for a link of the report, but for those stated
// with the densities, which hold throughout: "a > 0 (line 3)".
func shown(conds []*premise) string {
	var parts []string
	for _, cd := range conds {
		if !cd.withDensity {
			parts = append(parts, conditionAt(cd))
		}
	}
	return strings.Join(parts, ", ")
}

// scopeStatements marks each condition the report lists with the lines
// it applies to, from the conditions read in its math; a condition read
// that the report lists nowhere (the math also states a support) joins
// the context, with its scope.
func scopeStatements(r *Report, conds []*premise, s *Source) {
	if len(conds) == 0 {
		return
	}
	lines := s.lines()
	byBlock := map[int][]*premise{}
	for _, cd := range conds {
		byBlock[cd.block] = append(byBlock[cd.block], cd)
	}
	listed := map[*premise]bool{}
	for i := range r.Statements {
		st := &r.Statements[i]
		if st.Kind != Condition || st.Pos.File != s.File || st.Pos.Line < 1 {
			continue
		}
		off := lines.offset(st.Pos)
		b := sort.Search(len(s.Math), func(i int) bool { return s.Math[i].start > off }) - 1
		if b < 0 || off > s.Math[b].end || len(byBlock[b]) == 0 {
			continue
		}
		// The conditions of the block this statement states: "a < b" of
		// 0 < a < b; all of them when it is clipped.
		stated := map[string]bool{}
		for _, rel := range orderRelations(st.Text) {
			stated[expr.String(rel)] = true
		}
		for _, cd := range byBlock[b] {
			if len(stated) > 0 && !stated[expr.String(cd.rel)] {
				continue
			}
			from, to := scopeLines(cd, lines, s.File)
			if st.From == 0 || from < st.From {
				st.From = from
			}
			st.To = max(st.To, to)
			listed[cd] = true
		}
	}
	for _, cd := range conds {
		if !listed[cd] {
			from, to := scopeLines(cd, lines, s.File)
			r.Context = append(r.Context, Given{Stmt: cd.text(), Expr: cd.rel,
				Source: fmt.Sprintf("line %d, %s", cd.pos.Line, Statement{From: from, To: to}.Scope())})
		}
	}
}

// scopeLines are the first and last lines of a condition's scope.
func scopeLines(cd *premise, lines *lineIndex, file string) (int, int) {
	from := lines.pos(file, cd.start).Line
	return from, max(from, lines.pos(file, max(cd.start, cd.end-1)).Line)
}
