package check

import (
	"slices"
	"strconv"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// A moment statement puts a density before an arrow and what follows
// from it after: "x \sim \mathrm{Gam}(a, b) \Rightarrow \langle x \rangle
// = a/b \text{ and } \langle \ln x \rangle = \psi(a) - \ln b". The left
// side is a hypothesis of its own, with parameters that may be fresh;
// the claims on the right hold under it, whatever the document says
// elsewhere, and it says nothing about the rest of the document. So each
// such block is read apart, as a document of its own whose context is
// the hypothesis alone (judged by the same checker, with points of its
// own), and its place in the document reads as empty math: no chain runs
// through it and no scanner of the document sees its density.

// implication is a hypothesis and the claims made under it.
type implication struct {
	hyp    Block
	claims []Block
}

// arrowOf finds the arrow of an implication.
var arrowOf = lazy(`\\(?:Rightarrow|Longrightarrow|implies)\b`)

// claimSeparator separates the claims after the arrow: "and" in words,
// a quad, a comma or a semicolon, the end of a row or of the rows.
var claimSeparator = lazy(`\\(?:text|mathrm|textrm)\{\s*and\s*\}|\\q?quad\b|[,;]|\\\\|\\end\{(?:split|aligned|gathered)\}`)

// rowsEnv opens the rows a statement may be set in.
var rowsEnv = lazy(`^\s*\\begin\{(?:split|aligned|gathered)\}`)

// takeImplications moves each block that states an implication out of
// s.Math into s.implications, blanking its place.
func (s *Source) takeImplications(lines *lineIndex) {
	for i := range s.Math {
		b := &s.Math[i]
		if !strings.Contains(b.Src, `\sim`) {
			continue
		}
		m := arrowOf.FindStringIndex(b.Src)
		if m == nil || bracketDepth(b.Src[:m[0]]) != 0 || !strings.Contains(b.Src[:m[0]], `\sim`) {
			continue
		}
		// The hypothesis is named by where it starts, past a \label.
		hyp := strings.TrimLeft(b.Src[:m[0]], " \t\r\n")
		if rest, ok := strings.CutPrefix(hyp, `\label{`); ok {
			if _, after, ok := strings.Cut(rest, "}"); ok {
				hyp = strings.TrimLeft(after, " \t\r\n")
			}
		}
		// The statement may be set in rows (\begin{split} x \sim ...
		// \Rightarrow & ... \\ & ... \end{split}): the environment is
		// passed over, and its rows are claims.
		if rows := rowsEnv.FindStringIndex(hyp); rows != nil {
			hyp = strings.TrimLeft(hyp[rows[1]:], " \t\r\n")
		}
		if envDepth(hyp) != 0 {
			continue
		}
		base := lines.offset(b.Pos)
		piece := func(from, to int) Block {
			// An alignment point is no part of a claim: blanked, it keeps
			// the columns.
			src := strings.ReplaceAll(b.Src[from:to], "&", " ")
			return Block{Src: src, Pos: lines.pos(s.File, base+from), Display: true, start: base + from, end: base + to}
		}
		lead := m[0] - len(hyp)
		im := implication{hyp: piece(lead, m[0])}
		from := m[1]
		rest := b.Src[from:]
		cuts := slices.DeleteFunc(claimSeparator.FindAllStringIndex(rest, -1), func(c []int) bool {
			spacing := c[0] > 0 && rest[c[0]-1] == '\\' // \; and \, are spaces
			return spacing || bracketDepth(rest[:c[0]]) != 0 || envDepth(rest[:c[0]]) != 0
		})
		for _, c := range append(cuts, []int{len(rest), len(rest)}) {
			if p := piece(from, m[1]+c[0]); strings.Trim(p.Src, " \t\r\n.,;\\") != "" {
				im.claims = append(im.claims, p)
			}
			from = m[1] + c[1]
		}
		s.implications = append(s.implications, im)
		b.Src = strings.Repeat(" ", len(b.Src))
	}
}

// checkImplications judges the claims of each implication under its
// hypothesis, and the document's conditions in scope there on the
// hypothesis's symbols, and adds their links to r, in document order.
func checkImplications(s *Source, opt Options, r *Report, conds []*premise) {
	for _, im := range s.implications {
		// The sub-document keeps the offsets and lines of the document,
		// with its prose blanked: what the document says in words is no
		// part of the hypothesis.
		sub := &Source{File: s.File, Text: onlyMath(s.Text, im), Math: append([]Block{im.hyp}, im.claims...)}
		in := conditionsAt(conds, im.hyp)
		givens := make([]string, len(in))
		for k, cd := range in {
			givens[k] = cd.text()
		}
		rep, err := Check(sub, Options{Seed: opt.Seed, Givens: givens})
		if err != nil && len(givens) > 0 {
			in = nil
			rep, err = Check(sub, Options{Seed: opt.Seed})
		}
		if err != nil {
			// The document is not at fault as a whole: its claims under
			// a hypothesis the context cannot take are not checked.
			for _, cl := range im.claims {
				r.Links = append(r.Links, &Link{Pos: cl.Pos, LeftPos: cl.Pos, Op: "=", RHS: clip(cl.Src), Status: Unchecked,
					Reason: "the hypothesis before the arrow cannot be taken as a density: " + readError(err)})
			}
			continue
		}
		under := clip(im.hyp.Src)
		for _, g := range rep.Context {
			if g.Expr != nil && g.Source != "--given" {
				under = expr.Format(g.Expr, expr.Unicode)
				break
			}
		}
		under += " (line " + strconv.Itoa(im.hyp.Pos.Line) + ")"
		if len(in) > 0 {
			under += ", " + shown(in)
		}
		for _, l := range rep.Links {
			if l.Conditions == "" {
				l.Conditions = under
			} else {
				l.Conditions = under + ", " + l.Conditions
			}
			r.Links = append(r.Links, l)
		}
	}
	if len(s.implications) > 0 {
		slices.SortStableFunc(r.Links, func(a, b *Link) int {
			switch {
			case before(a.Pos, b.Pos):
				return -1
			case before(b.Pos, a.Pos):
				return 1
			}
			return 0
		})
	}
}

// conditionsAt are the conditions of the document in scope at a
// hypothesis ("For $a > 1$, $$X \sim \mathrm{Gam}(a, b) \Rightarrow
// \mathrm{E}(1/X) = b/(a - 1)$$") whose symbols all appear in it, as
// assumptions: they restrict the block's points as they restrict any
// link's there. A special case of the document is no such condition:
// the block's parameters are its own.
func conditionsAt(conds []*premise, hyp Block) []*premise {
	var out []*premise
	if len(conds) == 0 {
		return nil
	}
	names := map[string]bool{}
	parts, _ := latex.ParseChain(hyp.Src, latex.Options{})
	for _, pt := range parts {
		if pt.X != nil {
			for _, n := range expr.Symbols(pt.X) {
				names[n] = true
			}
		}
	}
	for _, cd := range conds {
		if cd.start > hyp.start || cd.end <= hyp.start {
			continue
		}
		if len(cd.syms) > 0 && !slices.ContainsFunc(cd.syms, func(s string) bool { return !names[s] }) {
			out = append(out, cd)
		}
	}
	return out
}

// onlyMath is text with everything but the implication's math blanked,
// its lines kept.
func onlyMath(text string, im implication) string {
	out := []byte(text)
	keep := make([]bool, len(text))
	for _, b := range append([]Block{im.hyp}, im.claims...) {
		for k := b.start; k < b.end && k < len(keep); k++ {
			keep[k] = true
		}
	}
	for k := range out {
		if !keep[k] && out[k] != '\n' {
			out[k] = ' '
		}
	}
	return string(out)
}
