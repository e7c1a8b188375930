package check

import (
	"fmt"

	"github.com/klderive/klderive/expr"
)

// A family's name in a document does not always say whether it is
// discrete: \mathcal{U}(a, b) is the discrete uniform on {a, …, b} in a
// text that sums over its values (StatProofBook's duni-ent) and the
// continuous one where it integrates. klderive's uniform is the
// continuous one; reading the discrete one as it would judge the
// document's claims against a density it does not state (a false ✗ on
// H(X) = log(b − a + 1)). So a definition of a variable the document
// sums over, by a continuous family whose support runs between its
// parameters, is not used, with the reason noted, and what rests on it
// is not checked: summed between those ends it is a discrete
// distribution on the integers there. Other families are read as
// written: \sum_x p(x) … beside Gaussians is the informal sum that
// means the integral, and the densities are the document's.

// sumOver matches a sum whose index starts with a lower-case letter,
// \sum_x or \sum_{x \in …} or \sum_{x=a}^{b}; the index is the group.
var sumOver = lazy(`\\sum\s*_\s*\{?\s*([a-z])(?:[^a-zA-Z_]|$)`)

// continuousSummed splits the document's definitions into those kept and
// notes on those left out: a density of a variable the document's math
// sums over, by a continuous family with ends given by its parameters.
func continuousSummed(s *Source, defs []definition) ([]definition, []string) {
	summed := map[string]bool{}
	for _, b := range s.Math {
		for _, m := range sumOver.FindAllStringSubmatch(b.Src, -1) {
			summed[m[1]] = true
		}
	}
	if len(summed) == 0 {
		return defs, nil
	}
	var kept []definition
	var notes []string
	for _, d := range defs {
		if v, ok := d.d.Var.(*expr.Sym); ok && summed[v.Name] {
			if _, fam := expr.FamilyCall(d.d.Body); fam != nil && fam.Ends != nil && !fam.Support.Discrete {
				notes = append(notes, fmt.Sprintf("line %d: the definition %s is not used: the document sums over the values of %s, so it means a discrete distribution on the integers between the ends, and klderive's %s is continuous",
					d.line, d.src, v.Name, fam.Name))
				continue
			}
		}
		kept = append(kept, d)
	}
	return kept, notes
}
