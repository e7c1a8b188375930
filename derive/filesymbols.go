package derive

import (
	"sync"

	"github.com/klderive/klderive/expr"
)

// fileSymbols are the problem's own symbols as symbolsOf sorts them,
// found once the file is loaded, and the points drawn for them. Almost
// every expression a goal checks uses no other symbol, and then its
// points are the file's: every goal of a file is checked at the same
// points, which are drawn and checked against the file's assumptions
// once, rather than once per goal, whose cost grew with the file.
type fileSymbols struct {
	scalars, vectors, dims []string
	symbolSets
	mu     sync.Mutex
	points map[[2]uint64][]*expr.Env // by number and seed
}

// symbolSets are the names sortSymbols has seen: walked, as dimensions
// or vectors in its first pass; seen, in any pass; bound, the densities'
// variables.
type symbolSets struct{ walked, seen, bound map[string]bool }

func (p *Problem) findFileSymbols() *fileSymbols {
	f := &fileSymbols{points: map[[2]uint64][]*expr.Env{}}
	f.scalars, f.vectors, f.dims, f.symbolSets = p.sortSymbols(nil)
	return f
}

// novel reports whether sortSymbols would sort xs's symbols into the
// lists differently from the file's own: a dimension or a vector it
// has not walked, or a symbol it has not seen.
func (f *fileSymbols) novel(xs []expr.Expr) bool {
	for _, x := range xs {
		found := expr.Any(x, func(n expr.Expr) bool {
			switch n := n.(type) {
			case *expr.Big:
				s, ok := n.Hi.(*expr.Sym)
				return ok && !f.walked[s.Name] && !expr.IsNumberConstant(s.Name)
			case *expr.Index:
				s, ok := n.Base.(*expr.Sym)
				return ok && !f.walked[s.Name] && !f.bound[s.Name]
			}
			return false
		})
		if found {
			return true
		}
		for s := range expr.AllSymbols(x) {
			if !f.seen[s] && !f.bound[s] && !expr.IsNumberConstant(s) {
				return true
			}
		}
	}
	return false
}
