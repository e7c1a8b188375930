package check

import (
	"strings"

	"github.com/klderive/klderive/expr"
)

// readAs tries reading a link's unknown symbols as symbols it knows with
// the same letter (X as the variable x, Σ₂ as Σ_q) and says so when that
// makes the link hold. The link stays unchecked: this is a hint.
func (n *numeric) readAs(p pending) string {
	l := p.link
	if l.L == nil || l.R == nil {
		return ""
	}
	var known []string
	seen := map[string]bool{}
	addKnown := func(s string) {
		if s != "" && !seen[s] {
			seen[s] = true
			known = append(known, s)
		}
	}
	for _, x := range []expr.Expr{l.L, l.R} {
		expr.Any(x, func(e expr.Expr) bool {
			switch e := e.(type) {
			case *expr.Integral:
				addKnown(varOf(e.Var))
			case *expr.Expect:
				addKnown(varOf(e.Var))
			}
			return false
		})
	}
	for _, s := range sortedNames(n.c.params) {
		addKnown(s)
	}
	choices := make([][]string, len(p.unknown))
	total := 1
	for i, u := range p.unknown {
		ub, _ := expr.SplitName(u)
		for _, k := range known {
			kb, _ := expr.SplitName(k)
			if strings.EqualFold(ub, kb) && k != u {
				choices[i] = append(choices[i], k)
			}
		}
		if len(choices[i]) == 0 {
			return ""
		}
		total *= len(choices[i])
	}
	if total > 64 {
		return ""
	}
	pick := make([]int, len(choices))
	for t := 0; t < total; t++ {
		k := t
		L, R := l.L, l.R
		var read []string
		subs := map[string]string{} // unknown subscript → known one, kept consistent
		back := map[string]string{}
		consistent := true
		for i, ch := range choices {
			pick[i] = k % len(ch)
			k /= len(ch)
			u, to := p.unknown[i], ch[pick[i]]
			_, us := expr.SplitName(u)
			_, ts := expr.SplitName(to)
			if prev, ok := subs[us]; ok && prev != ts || back[ts] != "" && back[ts] != us {
				consistent = false
			}
			subs[us], back[ts] = ts, us
			L = expr.Replace(L, expr.S(u), expr.S(to))
			R = expr.Replace(R, expr.S(u), expr.S(to))
			read = append(read, symName(u)+" as "+symName(to))
		}
		if !consistent {
			continue
		}
		if n.c.cost(L) > maxCost || n.c.cost(R) > maxCost {
			return ""
		}
		s := n.compare(L, R)
		if len(s.idx) < minPoints {
			continue
		}
		ok := true
		for j := range s.idx {
			ok = ok && holds(l.Op, s.lv[j], s.rv[j])
		}
		if ok {
			return " (reading " + strings.Join(read, ", ") + ", the link holds)"
		}
	}
	return ""
}
