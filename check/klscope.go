package check

import (
	"slices"

	"github.com/klderive/klderive/expr"
)

// An `assume` in a klderive block is a condition stated where the block
// stands, and has the scope a condition stated in prose there would
// have (scope.go): in a block that also defines a density it stands, as
// a condition in the densities' sentence does; in the preamble, before
// any claim, it stands too; elsewhere (in a section, a list item, after
// the derivation has begun) it is a condition of that part only, judged
// like the document's own, and not one of the context.

// blockAssumption is an assumption of a klderive block that may not
// stand to the end of the document.
type blockAssumption struct {
	a    *expr.Assumption
	file *expr.File // the block's
	at   int        // the byte offset of its block
}

// blockAssumptions are the assumptions of the parsed klderive blocks
// (kl, in the order of s.KL) that do not stand to the end of the
// document by the rules above.
func (s *Source) blockAssumptions(kl []statement) []blockAssumption {
	if len(kl) != len(s.KL) || len(kl) == 0 {
		return nil
	}
	offs := make([]int, len(s.KL)) // in document order, as the blocks are read
	for i, b := range s.KL {
		offs[i] = b.start
	}
	unitEnds := s.outline.unitEnds(offs)
	general := generalSentences(s)
	var out []blockAssumption
	for i, st := range kl {
		f := st.file
		if len(f.Assumptions) == 0 || len(f.Densities) > 0 {
			continue
		}
		if end, _ := s.reach(offs[i], unitEnds[i], general, false, saysNothing, nil); end >= len(s.Text) {
			continue
		}
		for _, a := range f.Assumptions {
			out = append(out, blockAssumption{a: a, file: f, at: offs[i]})
		}
	}
	return out
}

// blockPremises takes the assumptions out of their blocks, builds the
// context without them (build), and turns those that read as conditions
// of the document there into premises stated at their blocks. The
// others go back to their blocks, and the context is built with them.
// A symbol only an assumption names (assume t > 0) is a parameter of a
// context that holds it, and an identity's variable of one that does
// not: so they are read in the context without them. When the context
// cannot be built without them, they stay its own.
func blockPremises(as []blockAssumption, build func() (*context, error)) (*context, []*premise, error) {
	for _, ba := range as {
		ba.file.Assumptions = slices.DeleteFunc(ba.file.Assumptions, func(a *expr.Assumption) bool { return a == ba.a })
	}
	c, err := build()
	if err != nil {
		// The context needs them (none such is known): they stay its
		// own, as before.
		for _, ba := range as {
			ba.file.Assumptions = append(ba.file.Assumptions, ba.a)
		}
		c, err = build()
		return c, nil, err
	}
	vars := map[string]bool{}
	for _, d := range c.dens {
		vars[expr.String(d.Var)] = true
	}
	var out []*premise
	restored := false
	for _, ba := range as {
		rel := ba.a.Rel
		params := c.aboutParams(rel, vars)
		if !params && !c.aboutUnknowns(rel, vars) && !c.aboutVariable(rel) || c.aboutVector(rel) {
			ba.file.Assumptions = append(ba.file.Assumptions, ba.a)
			restored = true
			continue
		}
		var syms []string
		for _, name := range expr.Symbols(rel) {
			if !expr.IsNumberConstant(name) {
				syms = append(syms, name)
			}
		}
		out = append(out, &premise{rel: rel, params: params, block: -1, at: ba.at, pos: ba.a.Pos, syms: syms})
	}
	if restored {
		if c, err = build(); err != nil {
			return nil, nil, err
		}
	}
	return c, out, nil
}
