package check

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// An identity's variable, a symbol free on both sides of a link outside
// every integral and expectation (the a of √(a²) = a, the x of
// log q(x) = …), is claimed for every value it may take. Drawn positive
// only, √(a²) = a would pass; so it is drawn on both signs, or, when it
// is the variable of densities of the document, in their supports (the
// i-th point in that of the i-th density, in turn): the x of a Gamma is
// positive, that of a Gaussian of either sign. A point where a side has
// no value (log x at x < 0) is skipped, and a verdict reached only at
// the points left says so (restriction). A condition the document
// states on such a variable ("for $a > 0$") is honoured where it is in
// scope (scope.go): the variables of a point that breaks it are drawn
// again (honourConditions), inside its range when that lies beyond the
// usual draw.

// redraws bounds the draws of a point's identity variables that try to
// satisfy the conditions stated on them.
const redraws = 64

// drawIdentityVariable binds the identity's variable u at point i.
func (c *context) drawIdentityVariable(rng *rand.Rand, u string, env *expr.Env, i int) {
	if names := c.densitiesOf(u); len(names) > 0 {
		name := names[i%len(names)]
		if c.drawInStatedSupport(rng, name, env, i) || c.prob.DrawVariable(rng, name, env, i) {
			if i%wideEvery == wideEvery-1 {
				if sup, ok := c.supportAt(name, env); ok {
					widen(rng, u, sup, env)
				}
			}
			return
		}
	}
	env.Vals[u] = expr.Real.Draw(rng)
	if i%wideEvery == wideEvery-1 {
		widen(rng, u, expr.RealLine, env)
	}
}

// wideEvery: one point in so many draws an identity's variable far out
// on the unbounded sides of its support. The usual draw stays within
// 1.5 or 2 of 0 or of the support's end, where |x - 2| = 2 - x holds:
// a claim whose kink or case lies beyond it would pass.
const wideEvery = 4

// wideSpread stretches the usual draw of a wide point.
const wideSpread = 8

// widen draws u again far out in an unbounded support (its bounded
// ones are left as drawn).
func widen(rng *rand.Rand, u string, sup expr.Support, env *expr.Env) {
	switch lo, hi := sup.Lo, sup.Hi; {
	case sup.Discrete:
	case math.IsInf(lo, -1) && math.IsInf(hi, 1):
		env.Vals[u] = wideSpread * expr.Real.Draw(rng)
	case math.IsInf(hi, 1):
		env.Vals[u] = lo + wideSpread*expr.Positive.Draw(rng)
	case math.IsInf(lo, -1):
		env.Vals[u] = hi - wideSpread*expr.Positive.Draw(rng)
	}
}

// supportAt is the support of the density name at a point: its
// family's, or the one stated beside its formula.
func (c *context) supportAt(name string, env *expr.Env) (expr.Support, bool) {
	d := c.dens[name]
	v := varOf(d.Var)
	if _, when, ok := casesSupport(d.Body, v); ok {
		loX, hiX := supportEnds(when, v)
		lo, err1 := expr.Eval(loX, env)
		hi, err2 := expr.Eval(hiX, env)
		return expr.Interval(lo, hi), err1 == nil && err2 == nil
	}
	call, f := expr.FamilyCall(d.Body)
	if f == nil || f.VectorVar || f.Multivariate || f.VecBounds != nil {
		return expr.Support{}, false
	}
	params := make([]float64, len(call.Args)-1)
	for k, a := range call.Args[1:] {
		p, err := expr.Eval(a, env)
		if err != nil {
			return expr.Support{}, false
		}
		params[k] = p
	}
	return f.SupportAt(params), true
}

// honourConditions draws the identity variables of each point again
// until every stated condition on them holds there, up to redraws
// times; at a point that never satisfies them they are NaN, so that no
// side that uses them has a value there and the point is skipped (a
// link left with too few points is not checked).
func (c *context) honourConditions(envs []*expr.Env, universal map[string]bool, seed uint64) {
	var conds []*expr.Rel
	for _, r := range c.identityConds {
		syms := expr.Symbols(r)
		if slices.ContainsFunc(syms, func(s string) bool { return universal[s] }) {
			conds = append(conds, r)
		}
	}
	if len(conds) == 0 {
		return
	}
	names := sortedNames(universal)
	rng := rand.New(rand.NewChaCha8(sha256.Sum256([]byte(fmt.Sprint(seed, "/conditions")))))
	for i, env := range envs {
		var drawn []string
		for _, u := range names {
			if _, scalar := env.Vals[u]; scalar && slices.ContainsFunc(conds, func(r *expr.Rel) bool { return expr.Uses(r, u) }) {
				drawn = append(drawn, u)
			}
		}
		for try := 0; try < redraws && !holdsAll(conds, env); try++ {
			for _, u := range drawn {
				if lo, hi, beyond := statedRange(conds, u, env); beyond {
					env.Vals[u] = drawRange(rng, lo, hi)
					continue
				}
				c.drawIdentityVariable(rng, u, env, i)
			}
		}
		if !holdsAll(conds, env) {
			for _, u := range drawn {
				env.Vals[u] = math.NaN()
			}
		}
	}
}

// statedRange is the interval (lo, hi) that the conditions bound u to
// at a point, env, ±Inf where they do not; beyond: the usual draw, from
// [-1.5, 1.5], meets less than a tenth of it, so that u is drawn inside
// it instead ("for $b > 2$", "for $x > \mu$" where μ is 1.4). A bound
// is a number or has its value at the point.
func statedRange(conds []*expr.Rel, u string, env *expr.Env) (lo, hi float64, beyond bool) {
	lo, hi = math.Inf(-1), math.Inf(1)
	bound := func(x expr.Expr) (float64, error) {
		if expr.Uses(x, u) {
			return 0, errSelfBound
		}
		return expr.Eval(x, env)
	}
	for _, r := range conds {
		l, lok := r.L.(*expr.Sym)
		rv, rerr := bound(r.R)
		rs, rok := r.R.(*expr.Sym)
		lv, lerr := bound(r.L)
		switch {
		case lok && l.Name == u && rerr == nil: // u < 2, u > μ
			if r.Op == "<" || r.Op == "<=" {
				hi = min(hi, rv)
			} else {
				lo = max(lo, rv)
			}
		case rok && rs.Name == u && lerr == nil: // 2 < u, 2 > u
			if r.Op == "<" || r.Op == "<=" {
				lo = max(lo, lv)
			} else {
				hi = min(hi, lv)
			}
		}
	}
	overlap := min(hi, 1.5) - max(lo, -1.5)
	return lo, hi, lo < hi && overlap < 0.1*min(hi-lo, 3)
}

// errSelfBound: a side that uses the variable it would bound bounds
// nothing.
var errSelfBound = errors.New("the bound uses the variable")

// drawRange draws from (lo, hi), or from a stretch as long as the bound
// is large beyond the one bound there is.
func drawRange(rng *rand.Rand, lo, hi float64) float64 {
	switch {
	case math.IsInf(lo, -1):
		return hi - max(1, math.Abs(hi))*rng.Float64()
	case math.IsInf(hi, 1):
		return lo + max(1, math.Abs(lo))*rng.Float64()
	}
	return lo + (hi-lo)*rng.Float64()
}

// holdsAll reports whether every relation holds at env.
func holdsAll(rels []*expr.Rel, env *expr.Env) bool {
	for _, r := range rels {
		l, err := expr.Eval(r.L, env)
		if err != nil {
			return false
		}
		v, err := expr.Eval(r.R, env)
		if err != nil {
			return false
		}
		ok := map[string]bool{"<": l < v, "<=": l <= v, ">": l > v, ">=": l >= v}[r.Op]
		if !ok {
			return false
		}
	}
	return true
}

// densitiesOf lists, by name, the densities whose variable is v.
func (c *context) densitiesOf(v string) []string {
	var out []string
	for _, name := range sortedNames(keysOf(c.dens)) {
		if varOf(c.dens[name].Var) == v {
			out = append(out, name)
		}
	}
	return out
}

// drawInStatedSupport binds the variable of a density written as a
// formula on a stated support (cases(λe^(−λx) if x >= 0; 0 otherwise))
// to a value inside that support at the point; it reports false for
// any other density, or when the support's ends have no value there.
func (c *context) drawInStatedSupport(rng *rand.Rand, name string, env *expr.Env, i int) bool {
	d := c.dens[name]
	v := varOf(d.Var)
	_, when, ok := casesSupport(d.Body, v)
	if !ok {
		return false
	}
	loX, hiX := supportEnds(when, v)
	lo, err := expr.Eval(loX, env)
	if err != nil {
		return false
	}
	hi, err := expr.Eval(hiX, env)
	if err != nil {
		return false
	}
	x, ok := derive.InSupport(rng, expr.Interval(lo, hi), i)
	if ok {
		env.Vals[v] = x
	}
	return ok
}

// restriction says where a link with identity variables that holds was
// checked, when points were skipped because a side had no value there:
// "all where x > 0, as a side has no value elsewhere" when a variable
// has one sign at every point kept and the other at some point skipped,
// "only where both sides have values (16 of 30 points drawn)" when no
// sign tells. It is "" when no point was skipped.
func (n *numeric) restriction(universal []string, s *sample) string {
	if len(s.idx) == 0 {
		return ""
	}
	last := s.idx[len(s.idx)-1]
	if last+1 == len(s.idx) {
		return ""
	}
	if where := n.signRestriction(universal, s); where != "" {
		return "all where " + where + ", as a side has no value elsewhere"
	}
	return fmt.Sprintf("only where both sides have values (%d of %d points drawn)", len(s.idx), last+1)
}

// signRestriction names the identity variables that have one sign at
// every point of s and the other at some point skipped: "x > 0".
func (n *numeric) signRestriction(universal []string, s *sample) string {
	kept := map[int]bool{}
	for _, i := range s.idx {
		kept[i] = true
	}
	last := s.idx[len(s.idx)-1]
	var where []string
	for _, u := range universal {
		// The sign at every point kept, if it is one.
		negative, oneSign := false, true
		for k, i := range s.idx {
			x, ok := n.envs[i].Vals[u]
			if !ok || k > 0 && (x < 0) != negative {
				oneSign = false
				break
			}
			negative = x < 0
		}
		if !oneSign {
			continue
		}
		for i := 0; i <= last; i++ {
			if x, ok := n.envs[i].Vals[u]; ok && !kept[i] && (x < 0) != negative {
				op := ">"
				if negative {
					op = "<"
				}
				where = append(where, fmt.Sprintf("%s %s 0", expr.Format(expr.S(u), expr.Unicode), op))
				break
			}
		}
	}
	return strings.Join(where, " and ")
}
