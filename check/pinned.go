package check

import (
	"maps"
	"strings"

	"github.com/klderive/klderive/expr"
)

// A case of a piecewise side may hold at a single point: KL(p ‖ q) for
// Uniform(a, a + 1) and Uniform(0, 1) is finite only where 0 ≤ a and
// a + 1 ≤ 1, that is at a = 0, which no random point meets. The case's
// conditions are solved to that point as derive solves them
// (derive.Problem.PinnedCase), and points are added with the values put
// in, the other symbols drawn as before, so that the case's rows are
// judged there like any other case.

// pinnedPoints returns copies of the first Points of envs for each case
// of the piecewise sides whose conditions pin symbols, with the pinned
// values put in, and says for each such case, by its conditions, where
// it holds: "a = 0".
func (c *context) pinnedPoints(envs []*expr.Env, sides []expr.Expr) ([]*expr.Env, map[string]string) {
	var out []*expr.Env
	at := map[string]string{}
	for _, x := range sides {
		cs, ok := piecewise(x)
		if !ok {
			continue
		}
		for _, k := range cs.Cases {
			key := conditions(k)
			if _, seen := at[key]; seen {
				continue
			}
			pins, ok := c.prob.PinnedCase(k.When)
			if !ok {
				continue
			}
			var said []string
			for _, pn := range pins {
				said = append(said, expr.Format(pn, expr.Unicode))
			}
			at[key] = strings.Join(said, " and ")
			for _, env := range envs[:min(Points, len(envs))] {
				if p, ok := atPins(env, pins); ok {
					out = append(out, p)
				}
			}
		}
	}
	return out, at
}

// atPins is a copy of env with the pinned values put in, each evaluated
// there; false when one has no value.
func atPins(env *expr.Env, pins []*expr.Rel) (*expr.Env, bool) {
	p := *env
	p.Vals, p.Vecs, p.Mats = maps.Clone(env.Vals), maps.Clone(env.Vecs), maps.Clone(env.Mats)
	for _, pn := range pins {
		v, err := expr.Eval(pn.R, &p)
		if err != nil {
			return nil, false
		}
		p.Vals[pn.L.(*expr.Sym).Name] = v
	}
	return &p, true
}
