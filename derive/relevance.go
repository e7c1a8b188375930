package derive

import (
	"sort"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// A goal's terms use only the symbols of the densities and assumptions
// that share a symbol with it, directly or through others; the rest of
// the file is independent of the goal. The rules' conditions look
// through the positivity facts of that part only, so that a goal's cost
// does not grow with the file.

// relevance groups a problem's densities and assumptions by the symbols
// they share. Load builds it once the file is loaded.
type relevance struct {
	parent map[string]string // union-find over "s:" symbols and "d:" densities
	// groups lists each group's positivity facts by their index in the
	// file, and its symbols.
	groups map[string]*members
}

type members struct {
	positives []int
	symbols   []string
}

// part is the part of the problem a goal depends on: the positivity
// facts about its symbols, in file order, and the symbols.
type part struct {
	positives []expr.Expr
	symbols   []string
}

func (r *relevance) find(k string) string {
	for {
		p, ok := r.parent[k]
		if !ok {
			return k
		}
		if pp, ok := r.parent[p]; ok {
			r.parent[k] = pp // halve the path
		}
		k = p
	}
}

func (r *relevance) union(a, b string) {
	a, b = r.find(a), r.find(b)
	if a != b {
		r.parent[a] = b
	}
}

// relevant returns the problem's grouping.
func (p *Problem) relevant() *relevance {
	if p.relevance != nil {
		return p.relevance
	}
	return p.group()
}

// group builds the grouping of the problem as it is.
func (p *Problem) group() *relevance {
	r := &relevance{parent: map[string]string{}, groups: map[string]*members{}}
	// Each density joins its symbols and the densities it is written
	// with; each assumption joins its symbols.
	for _, f := range p.File.Densities {
		d := p.Ctx.Densities[f.Name]
		for _, k := range r.keys(p, d.Body, expr.String(d.Var)) {
			r.union("d:"+f.Name, k)
		}
	}
	for _, list := range [][]expr.Expr{p.Ctx.PositiveExprs, p.NonNegative} {
		for _, e := range list {
			keys := r.keys(p, e, "")
			for _, k := range keys[min(1, len(keys)):] {
				r.union(keys[0], k)
			}
		}
	}
	at := func(k string) *members {
		root := r.find(k)
		if r.groups[root] == nil {
			r.groups[root] = &members{}
		}
		return r.groups[root]
	}
	symbols := map[string]bool{}
	for _, f := range p.File.Densities {
		g := at("d:" + f.Name)
		d := p.Ctx.Densities[f.Name]
		for _, k := range r.keys(p, d.Body, expr.String(d.Var)) {
			if k[0] == 's' && !symbols[k] {
				symbols[k] = true
				g.symbols = append(g.symbols, k[2:])
			}
		}
	}
	for i, e := range p.Ctx.PositiveExprs {
		if keys := r.keys(p, e, ""); len(keys) > 0 {
			g := at(keys[0])
			g.positives = append(g.positives, i)
			for _, k := range keys {
				if k[0] == 's' && !symbols[k] {
					symbols[k] = true
					g.symbols = append(g.symbols, k[2:])
				}
			}
		}
	}
	return r
}

// keys are the symbols an expression uses, but for the variable of its
// density, and the densities it names.
func (r *relevance) keys(p *Problem, e expr.Expr, own string) []string {
	var keys []string
	for _, s := range expr.Symbols(e) {
		if s != own && !expr.IsNumberConstant(s) {
			keys = append(keys, "s:"+s)
		}
	}
	expr.Any(e, func(n expr.Expr) bool {
		var names []string
		switch n := n.(type) {
		case *expr.Expect:
			names = []string{n.Dist}
		case *expr.Info:
			names = []string{n.P, n.Q}
		case *expr.Call:
			names = []string{n.Fn}
		}
		for _, name := range names {
			if p.Ctx.Densities[name] != nil {
				keys = append(keys, "d:"+name)
			}
		}
		return false
	})
	return keys
}

// partOf is the part of the problem that xs can depend on.
func (p *Problem) partOf(xs []expr.Expr) part {
	r := p.relevant()
	seen := map[string]bool{}
	var pos []int
	var out part
	for _, x := range xs {
		for _, k := range r.keys(p, x, "") {
			root := r.find(k)
			if g := r.groups[root]; g != nil && !seen[root] {
				seen[root] = true
				pos = append(pos, g.positives...)
				out.symbols = append(out.symbols, g.symbols...)
			}
		}
	}
	sort.Ints(pos)
	for _, i := range pos {
		out.positives = append(out.positives, p.Ctx.PositiveExprs[i])
	}
	return out
}

// contextFor is the rules' context for a goal: the positivity facts
// about the symbols of its part of the problem, so that the conditions
// the rules check do not look through the whole file's. The copy is the
// goal's own, to extend.
func (p *Problem) contextFor(g *expr.Info) *rules.Context {
	part := p.partOf([]expr.Expr{g})
	ctx := *p.Ctx
	ctx.Positive = map[string]bool{}
	for _, s := range part.symbols {
		if p.Ctx.Positive[s] {
			ctx.Positive[s] = true
		}
	}
	ctx.PositiveExprs = part.positives
	return &ctx
}
