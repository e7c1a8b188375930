package family

import (
	"testing"

	"github.com/klderive/klderive/expr"
)

// Select keeps, in the order of All, exactly the families its predicate
// accepts, whichever they are: each one alone, every other one, none.
func TestSelectIsAllFiltered(t *testing.T) {
	all := All()
	if len(all) != len(families) {
		t.Fatalf("All lists %d families, the table %d", len(all), len(families))
	}
	filtered := func(keep func(*expr.Family) bool) []*Family {
		var out []*Family
		for _, f := range all {
			if keep(f.Family) {
				out = append(out, f)
			}
		}
		return out
	}
	same := func(what string, got, want []*Family) {
		t.Helper()
		if len(got) != len(want) {
			t.Errorf("%s: %d families, want %d", what, len(got), len(want))
			return
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("%s: family %d is %s, want %s", what, i, got[i].Name, want[i].Name)
			}
		}
	}
	for _, f := range all {
		one := func(g *expr.Family) bool { return g.Name == f.Name }
		same("only "+f.Name, Select(one), filtered(one))
	}
	odd := map[string]bool{}
	for i, f := range all {
		odd[f.Name] = i%2 == 1
	}
	every := func(g *expr.Family) bool { return odd[g.Name] }
	same("every other", Select(every), filtered(every))
	same("none", Select(func(*expr.Family) bool { return false }), nil)
	for _, mv := range []bool{false, true} {
		g := Gaussian(mv)
		if g == nil || !g.Gaussian || g.Multivariate != mv {
			t.Errorf("Gaussian(%v) = %v", mv, g)
		}
	}
}
