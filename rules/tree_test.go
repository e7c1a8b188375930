package rules

import (
	"testing"

	"github.com/klderive/klderive/expr"
)

// Every generated tree is its one-liner as the parser reads it
// (internal/treegen's test checks that the table is complete).
func TestTreesAreParses(t *testing.T) {
	All() // the tables are built on first use
	for _, s := range Sources() {
		tree, ok := generatedTree(s)
		if !ok {
			continue
		}
		if want := s.Parse(); !expr.Equal(tree, want) {
			t.Errorf("%q: the generated tree is %s, the parser reads %s; run go generate ./rules", s.Text, expr.Key(tree), expr.Key(want))
		}
	}
}
