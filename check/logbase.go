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

// A document that takes logarithms to base 2 or 10 (\log_2 p, StatProofBook's
// entropies "in bits") may mean its H, KL and I in that base too, and
// klderive's are in nats: a link that names one of them would be judged
// in the wrong unit, a false alarm at best. Such links are not checked;
// the others, in logarithms of any base, are.

// numericLogBase finds \log_2, \log_{2}, \log_{10} and \ln_2.
var numericLogBase = lazy(`\\(?:log|ln)\s*_\s*(?:\{\s*(?:2|10)\s*\}|(?:2|10)\b)`)

// logsInOtherBase reports whether the document takes a logarithm to base
// 2 or 10 anywhere in its math.
func (s *Source) logsInOtherBase() bool {
	for _, b := range s.Math {
		if numericLogBase.MatchString(b.Src) {
			return true
		}
	}
	return false
}

// namesInformation reports whether x has an entropy, a divergence or an
// information, H, KL or I, as written.
func namesInformation(x expr.Expr) bool {
	return x != nil && expr.Any(x, func(e expr.Expr) bool {
		_, ok := e.(*expr.Info)
		return ok
	})
}

// unitReason is why such a link is not checked.
const unitReason = "the document takes logarithms to base 2 or 10, so its H, KL or I may be in bits (or digits), and klderive's are in nats"
