package check

import (
	"strings"

	"github.com/klderive/klderive/expr"
)

// A document may write a logarithm in a base it names, \log_b p(x), and
// then choose the base: "to measure h(X) in nats, we set $b = e$". The
// letter may also name a parameter (the rate b of a Gamma), but the value
// set is the base's: read as a special case of the parameter, it would
// judge every later line at b = e only, and a claim false for other rates
// would pass. So a symbol set to a number, where the document uses that
// symbol as a log base, states neither a condition nor a special case.

// logBase finds the base of \log_b, \log_{b}, \ln_b, \lg_b and \log_\beta:
// one letter, Latin or Greek.
var logBase = lazy(`\\(?:log|ln|lg)\s*_\s*(?:\{\s*([A-Za-z]|\\[A-Za-z]+)\s*\}|([A-Za-z]|\\[A-Za-z]+))`)

// logBases are the symbols the document's math uses as the base of a
// logarithm.
func (s *Source) logBases() map[string]bool {
	if s.bases != nil {
		return s.bases
	}
	s.bases = map[string]bool{}
	for _, b := range s.Math {
		for _, m := range logBase.FindAllStringSubmatch(b.Src, -1) {
			name := m[1] + m[2]
			if strings.HasPrefix(name, `\`) {
				if name = expr.GreekLetter(name[1:]); name == "" {
					continue
				}
			}
			s.bases[expr.Canonical(name)] = true
		}
	}
	return s.bases
}

// setsLogBase reports whether rel sets a log base of the document to a
// number (b = e, 2 = b).
func (s *Source) setsLogBase(rel *expr.Rel) bool {
	if rel.Op != "=" {
		return false
	}
	bases := s.logBases()
	if len(bases) == 0 {
		return false
	}
	for _, side := range [][2]expr.Expr{{rel.L, rel.R}, {rel.R, rel.L}} {
		if sym, ok := side[0].(*expr.Sym); ok && bases[sym.Name] {
			if _, err := expr.Eval(side[1], &expr.Env{}); err == nil {
				return true
			}
		}
	}
	return false
}
