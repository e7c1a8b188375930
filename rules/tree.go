package rules

import (
	"fmt"
	"sync"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

//go:generate go run ../internal/treegen

// Rules are written as one-liners in the expression syntax, and their
// trees are generated from those one-liners (trees_gen.go) so that
// start-up runs no parser: parsing the tables took most of a short run.
// A one-liner that is not in the generated table yet is parsed as
// before, and internal/treegen's test fails until the table is
// regenerated, so the table only ever saves time.

// Source is one one-liner of the rule tables (in this package or in
// package family), as the tree generator sees it.
type Source struct {
	Text   string
	Matrix bool // written over the vectors and matrices of matrixDecls
}

// sources lists every one-liner parsed so far, in order, for the
// generator; generatedTree is generated from them. The tables are built
// on first use, possibly by two goroutines at once, hence the lock.
var (
	sourcesMu sync.Mutex
	sources   []Source
)

// Sources lists the one-liners of every rule built so far, and the
// multivariate Gaussian's written-out forms, which are built on first
// use. The tables are built on first use too: the generator lists
// every rule (family.AllRules) before it asks.
func Sources() []Source {
	sourcesMu.Lock()
	defer sourcesMu.Unlock()
	return append(append([]Source(nil), sources...), mvSources...)
}

// Parse builds the tree of a one-liner with the parser, not the table.
func (s Source) Parse() expr.Expr {
	x := expr.MustParse(s.Text)
	if !s.Matrix {
		return x
	}
	x, _, err := matrixTypes.Get().Check(x, nil, expr.Pos{})
	if err != nil {
		panic(fmt.Sprintf("matrix rule %q: %v", s.Text, err))
	}
	return x
}

// tree is the tree of a one-liner, from the generated table when it is
// there. The trees are shared and never modified.
func tree(s Source) expr.Expr {
	sourcesMu.Lock()
	sources = append(sources, s)
	sourcesMu.Unlock()
	if t, ok := generatedTree(s); ok {
		return t
	}
	return s.Parse()
}

// matrixTypes are the shapes of the matrix rules' pattern variables.
var matrixTypes = once.Value[*expr.Types]{New: func() *expr.Types {
	f, err := expr.ParseFile("rules", matrixDecls)
	if err != nil {
		panic(err)
	}
	t, err := f.Types()
	if err != nil {
		panic(err)
	}
	return t
}}
