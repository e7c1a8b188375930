package check

import (
	"slices"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
	"gonum.org/v1/gonum/mat"
)

// special is a special case a document states for what follows it, as in
// "let $\mu_2 = 0$": from there on the parameter has that value.
type special struct {
	pos   expr.Pos
	name  string  // a parameter of the context
	value float64 // a number
	// fill says how the value is set: a scalar, every coordinate of a
	// vector (μ = 0 for N(0, I)), or a matrix set to the identity.
	fill fill
	text string // μ₂ = 0
	// end is where it stops applying (scopeSpecials); the zero Pos is
	// the end of the document.
	end expr.Pos
}

// within reports whether pos comes before end, a scope's end, which
// the zero Pos leaves open.
func within(pos, end expr.Pos) bool { return end.Line == 0 || before(pos, end) }

type fill int

const (
	scalarFill fill = iota
	vectorFill
	identityFill
)

// special reads a stated condition as a special case: one parameter of
// the context on the left, a number on the right.
func (c *context) special(left, right *latex.ChainPart) (special, bool) {
	if right.Op != "=" || left.X == nil || right.X == nil {
		return special{}, false
	}
	s, ok := left.X.(*expr.Sym)
	if !ok || !c.params[s.Name] {
		return special{}, false
	}
	v, err := expr.Eval(right.X, &expr.Env{})
	if err != nil {
		return special{}, false
	}
	return special{pos: right.Pos, name: s.Name, value: v,
		text: expr.Format(&expr.Rel{Op: "=", L: s, R: right.X}, expr.Unicode)}, true
}

// specialsBefore are the special cases in scope at pos, stated before
// it, the last one for each parameter.
func (c *context) specialsBefore(pos expr.Pos) []special {
	var out []special
	for _, sp := range c.specials {
		if !before(sp.pos, pos) || !within(pos, sp.end) {
			continue
		}
		for i := range out {
			if out[i].name == sp.name {
				out = append(out[:i], out[i+1:]...)
				break
			}
		}
		out = append(out, sp)
	}
	return out
}

// underText is how the report names the special cases of a link.
func underText(sps []special) string {
	parts := make([]string, len(sps))
	for i, sp := range sps {
		parts[i] = sp.text
	}
	return strings.Join(parts, ", ")
}

// specialise fixes the parameters of the special cases at every point,
// then draws again the identity variables of a point where a condition
// that bounds them by a parameter ("for $x > \mu_2$") fails with the
// parameter's value fixed.
func (n *numeric) specialise(sps []special, universal map[string]bool, seed uint64) {
	if len(sps) == 0 {
		return
	}
	defer n.c.honourConditions(n.envs, universal, seed)
	for _, env := range n.envs {
		for _, sp := range sps {
			switch sp.fill {
			case scalarFill:
				env.Vals[sp.name] = sp.value
			case vectorFill:
				v := make([]float64, len(env.Vecs[sp.name]))
				for i := range v {
					v[i] = sp.value
				}
				env.Vecs[sp.name] = v
			case identityFill:
				if m := env.Mats[sp.name]; m != nil {
					r, _ := m.Dims()
					id := mat.NewDense(r, r, nil)
					for i := 0; i < r; i++ {
						id.Set(i, i, 1)
					}
					env.Mats[sp.name] = id
				}
			}
		}
	}
}

// scopeCaseStatements marks each special case the report lists with the
// lines it applies to, as a condition's are.
func (c *context) scopeCaseStatements(r *Report, s *Source) {
	if len(c.specials) == 0 {
		return
	}
	lines := s.lines()
	last := lines.pos(s.File, max(0, len(s.Text)-1)).Line
	for i := range r.Statements {
		st := &r.Statements[i]
		if st.Kind != Condition || st.From != 0 {
			continue
		}
		for _, sp := range c.specials {
			if sp.pos != st.Pos {
				continue
			}
			to := last
			if sp.end.Line > 0 {
				to = lines.pos(s.File, max(0, lines.offset(sp.end)-1)).Line
			}
			st.From, st.To = sp.pos.Line, max(sp.pos.Line, to)
			break
		}
	}
}

// scopeSpecials sets where each special case stated stops applying, and
// each stated case that could not be read and each notation: by the rules of a condition,
// as "let $\mu_2 = 0$" is a condition a section or a list item states
// for its own lines ("Back to the general case" and a later heading end
// it). Each is met at its position, in its math when it has math.
func (c *context) scopeSpecials(s *Source, conds []*premise) {
	if len(c.specials) == 0 && len(c.unsure) == 0 && len(c.notations) == 0 {
		return
	}
	type stated struct {
		pos  expr.Pos
		end  *expr.Pos
		off  int
		name string // the parameter, or "" for a case not understood
	}
	var all []stated
	lines := s.lines()
	for i := range c.specials {
		all = append(all, stated{pos: c.specials[i].pos, end: &c.specials[i].end, name: c.specials[i].name})
	}
	for i := range c.unsure {
		all = append(all, stated{pos: c.unsure[i].pos, end: &c.unsure[i].end})
	}
	for i := range c.notations {
		all = append(all, stated{pos: c.notations[i].pos, end: &c.notations[i].end})
	}
	all = slices.DeleteFunc(all, func(st stated) bool {
		return st.pos.File != s.File || st.pos.Line < 1 || st.pos.Line > len(lines.starts)
	})
	for i := range all {
		all[i].off = lines.offset(all[i].pos)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].off < all[j].off })
	offs := make([]int, len(all))
	for i, st := range all {
		offs[i] = st.off
	}
	unitEnds := s.outline.unitEnds(offs)
	general := generalSentences(s)
	densities := c.densityBlocks(s)
	for k, st := range all {
		block := sort.Search(len(s.Math), func(i int) bool { return s.Math[i].start > st.off }) - 1
		withDensity, said := false, saysNothing
		if block >= 0 && st.off > s.Math[block].end {
			block = -1 // stated in words
		}
		if block >= 0 {
			withDensity = s.withDensity(block, densities)
			said = statedReach(s, block, sentenceStart(s, block, s.Math[block].start))
		}
		end, _ := s.reach(st.off, unitEnds[k], general, withDensity, said, densities)
		// A parameter's value stated with its density ("with $\mu_2 =
		// 0$") is still a case of it: "In general" ends it.
		end = generalAfter(general, st.off, end)
		// A later condition on the parameters ("For $\mu_2 > 0$") starts
		// a case of its own, as it ends an earlier condition.
		for _, cd := range conds {
			if st.name != "" && cd.params && cd.start > st.off && cd.start < end && slices.Contains(cd.syms, st.name) &&
				(block < 0 || cd.block < 0 || !s.oneStatement(block, cd.block)) {
				end = max(st.off+1, cd.opens)
				break
			}
		}
		if end < len(s.Text) {
			*st.end = lines.pos(s.File, end)
		}
	}
}
