package check

import (
	"fmt"
	"math"

	"github.com/klderive/klderive/expr"
)

// A link "KL(p ‖ q) = ∞" cannot be compared as numbers: the evaluator
// meets an integrand that is +∞ and stops. It holds when p puts mass
// where q is zero, and this is what is checked: at every point of the
// parameters, an interval of x where q(x) = 0 exactly and p(x) > 0
// beyond its error estimate. Only a side that is a KL divergence or a
// cross-entropy of p and q, written as such, as E_p[log p − log q],
// E_p[−log q] or ∫ p log(p/q), is judged so; anything else equated to
// ∞ is not checked, and nothing is ✓ without its witness.

// isInfinity reports whether x is +∞ (∞, +\infty).
func isInfinity(x expr.Expr) bool {
	s, ok := x.(*expr.Sym)
	return ok && s.Name == "inf"
}

// judgeInfinite judges a link one side of which is ∞.
func (n *numeric) judgeInfinite(l *Link) {
	other := l.L
	if isInfinity(l.L) {
		other = l.R
	}
	l.Status = Unchecked
	if l.Op != "=" {
		l.Reason = "only an equation with ∞ is checked, by a witness where p > 0 and q = 0"
		return
	}
	if isInfinity(other) {
		l.Reason = "∞ = ∞ says nothing to check"
		return
	}
	p, q, _, ok := divergencePair(other)
	if !ok {
		l.Reason = "a side equated to ∞ is checked only when it is a KL divergence or cross-entropy of two densities"
		return
	}
	n.witnessInfinite(l, p, q)
}

// judgeSameDivergence judges a link whose sides could not be evaluated
// when both are one divergence of p and q, written two ways: the
// definition KL(p ‖ q) = E_p[log p − log q] of a pair where q vanishes
// where p does not, whose integrand is +∞ there. Both sides are then +∞
// at a point with a witness, and the link holds at every point that has
// one; it is ✓ only so. A KL divergence and a cross-entropy are not one
// divergence, though both would be +∞: the link would say more than ∞ =
// ∞. Without witnesses the link stays as the numbers left it.
func (n *numeric) judgeSameDivergence(l *Link) {
	p, q, kind, ok := divergencePair(l.L)
	p2, q2, kind2, ok2 := divergencePair(l.R)
	if !ok || !ok2 || p != p2 || q != q2 || kind != kind2 {
		return
	}
	before := *l
	n.witnessInfinite(l, p, q)
	if l.Status != OK {
		*l = before
		return
	}
	l.Infinite = "both sides, as " + l.Infinite
}

// judgeFiniteForInfinite judges a link that equates a divergence of p
// and q (KL or cross-entropy, written as such) with something else,
// when the numbers could not decide it: the divergence is +∞ at a point
// where p > 0 and q = 0 on an interval, so a side that is finite there
// is wrong, and the link is ✗ with that point. A side that cannot be
// evaluated there says nothing.
func (n *numeric) judgeFiniteForInfinite(l *Link) {
	sides := [2]expr.Expr{l.L, l.R}
	for j, side := range sides {
		p, q, _, ok := divergencePair(side)
		if !ok || n.c.prob.Ctx.Densities[p] == nil || n.c.prob.Ctx.Densities[q] == nil {
			continue
		}
		if _, _, _, both := divergencePair(sides[1-j]); both {
			return // two divergences: judgeSameDivergence's
		}
		other := n.series(sides[1-j])
		for i := 0; i < len(n.envs) && i < candidates; i++ {
			v, err := n.at(other, i)
			if err != nil || math.IsInf(v.V, 0) || math.IsNaN(v.V) || math.IsInf(v.Err, 0) {
				continue
			}
			x, found := gapWitness(n.envs[i], p, q)
			if !found {
				continue
			}
			w := &Witness{Point: n.point(l, i), Left: math.Inf(1), Right: v.V}
			if j == 1 {
				w.Left, w.Right = v.V, math.Inf(1)
			}
			l.Status, l.Reason, l.Points, l.Witness = Wrong, "", 0, w
			l.Diagnosis = fmt.Sprintf("the %s side is +∞: %s(x) > 0 and %s(x) = 0 near x = %.4g, but the %s side is finite", sideName(j), p, q, x, sideName(1-j))
			return
		}
	}
}

// witnessInfinite marks l ✓ when, at every point, an interval of x (a
// count, under a discrete p) has p > 0 and q = 0, and says why not
// otherwise.
func (n *numeric) witnessInfinite(l *Link, p, q string) {
	if n.c.prob.Ctx.Densities[p] == nil || n.c.prob.Ctx.Densities[q] == nil {
		l.Reason = fmt.Sprintf("the context does not define both %s and %s", p, q)
		return
	}
	where, what := "on an interval", "interval"
	if discrete(n.envs, p) {
		where, what = "at a count", "count"
	}
	checked := 0
	for i := 0; i < len(n.envs) && checked < Points; i++ {
		if _, found := gapWitness(n.envs[i], p, q); !found {
			l.Reason = fmt.Sprintf("no %s where %s > 0 and %s = 0 was found at one of the points, so ∞ is not shown", what, p, q)
			return
		}
		checked++
	}
	if checked < minPoints {
		l.Reason = fmt.Sprintf("only %d admissible points were found", checked)
		return
	}
	l.Status, l.Points, l.Infinite = OK, checked, fmt.Sprintf("%s > 0 and %s = 0 %s at each point", p, q, where)
}

// divergencePair is the p and q of a KL divergence or cross-entropy
// written as a goal, an expectation under p or an integral against p,
// and which it is: "KL" or "H".
func divergencePair(x expr.Expr) (p, q, kind string, ok bool) {
	switch x := x.(type) {
	case *expr.Info:
		return x.P, x.Q, x.Kind, x.Q != "" && (x.Kind == "KL" || x.Kind == "H")
	case *expr.Expect:
		q, kind, ok := logRatioOf(x.Body, x.Var, x.Dist)
		return x.Dist, q, kind, ok
	case *expr.Mul:
		// −E_p[log q(x)], the cross-entropy with its minus sign outside,
		// as the definition line writes it: the same as E_p[−log q(x)].
		if len(x.Factors) == 2 && expr.IsInt(x.Factors[0], -1) {
			if e, ok := x.Factors[1].(*expr.Expect); ok {
				q, kind, ok := logRatioOf(expr.Neg(e.Body), e.Var, e.Dist)
				return e.Dist, q, kind, ok && kind == "H"
			}
		}
	case *expr.Integral:
		// ∫ p(x) (log p(x) − log q(x)) dx over the real line.
		m, isMul := x.Body.(*expr.Mul)
		if !isMul || len(m.Factors) != 2 || x.Bounded() {
			return "", "", "", false
		}
		for i, f := range m.Factors {
			if name, ok := densityAt(f, x.Var); ok {
				q, kind, ok := logRatioOf(m.Factors[1-i], x.Var, name)
				return name, q, kind, ok
			}
		}
	}
	return "", "", "", false
}

// logRatioOf is q when body is log(p(v)) − log(q(v)) or log(p(v)/q(v)),
// the integrand of a KL divergence (kind "KL"), or −log(q(v)), that of
// a cross-entropy ("H").
func logRatioOf(body expr.Expr, v expr.Expr, p string) (q, kind string, ok bool) {
	var terms []expr.Expr
	if a, ok := body.(*expr.Add); ok {
		terms = a.Terms
	} else {
		terms = []expr.Expr{body}
	}
	if len(terms) == 1 {
		if c, ok := terms[0].(*expr.Call); ok && c.Fn == "log" {
			if m, ok := c.Args[0].(*expr.Mul); ok && len(m.Factors) == 2 {
				num, okP := densityAt(m.Factors[0], v)
				if pw, isPow := m.Factors[1].(*expr.Pow); okP && num == p && isPow && expr.IsInt(pw.Exp, -1) {
					q, ok := densityAt(pw.Base, v)
					return q, "KL", ok
				}
			}
		}
	}
	seenP := false
	for _, t := range terms {
		if c, ok := t.(*expr.Call); ok && c.Fn == "log" && !seenP {
			if name, ok := densityAt(c.Args[0], v); ok && name == p {
				seenP = true
				continue
			}
		}
		m, ok := t.(*expr.Mul)
		if !ok || len(m.Factors) != 2 || !expr.IsInt(m.Factors[0], -1) || q != "" {
			return "", "", false
		}
		c, ok := m.Factors[1].(*expr.Call)
		if !ok || c.Fn != "log" {
			return "", "", false
		}
		name, ok := densityAt(c.Args[0], v)
		if !ok {
			return "", "", false
		}
		q = name
	}
	kind = "H"
	if seenP {
		kind = "KL"
	}
	return q, kind, q != "" && q != p
}

// densityAt is the name of a density called at exactly v: p(x).
func densityAt(x, v expr.Expr) (string, bool) {
	c, ok := x.(*expr.Call)
	if !ok || len(c.Args) != 1 || !expr.Equal(c.Args[0], v) {
		return "", false
	}
	return c.Fn, true
}

// discrete reports whether p is a family with a discrete support.
func discrete(envs []*expr.Env, p string) bool {
	if len(envs) == 0 || envs[0].Dens[p] == nil {
		return false
	}
	c, f := expr.FamilyCall(envs[0].Dens[p].Body)
	return c != nil && f.Support.Discrete
}

// gapWitness looks for x where q vanishes on an interval around x and p
// is positive there, on a grid over [-50, 50]
// and close to the parameters' values (the ends of a support). Under a
// discrete p a single count is enough, as it carries the mass p(x) > 0
// by itself; the counts 0 to 1000 are tried.
func gapWitness(env *expr.Env, p, q string) (float64, bool) {
	e := &expr.Env{Vals: map[string]float64{}, Vecs: env.Vecs, Mats: env.Mats, Dens: env.Dens}
	for k, v := range env.Vals {
		e.Vals[k] = v
	}
	s, ok := env.Dens[p].Var.(*expr.Sym)
	if !ok {
		return 0, false
	}
	if discrete([]*expr.Env{env}, p) {
		for k := 0.0; k <= 1000; k++ {
			if vanishesWhereOtherIsPositive(e, s.Name, p, q, k) {
				return k, true
			}
		}
		return 0, false
	}
	var grid []float64
	for k := -5000; k <= 5000; k++ {
		grid = append(grid, float64(k)/100)
	}
	for _, v := range env.Vals {
		for _, d := range []float64{-1e-3, -1e-2, 1e-2, 1e-3} {
			grid = append(grid, v+d)
		}
	}
	// Beside the ends of the supports, where a gap narrower than the
	// grid lies: Uniform(2t, 2t + a² + 1) ending 10⁻³ short of 1.
	for _, end := range append(familyEnds(e, p), familyEnds(e, q)...) {
		for _, d := range []float64{-3e-4, -2e-4, 2e-4, 3e-4} {
			grid = append(grid, end+d*math.Max(1, math.Abs(end)))
		}
	}
	const halfWidth = 1e-4
	for _, x := range grid {
		ok := true
		for _, at := range []float64{x - halfWidth, x, x + halfWidth} {
			if !vanishesWhereOtherIsPositive(e, s.Name, p, q, at) {
				ok = false
				break
			}
		}
		if ok {
			return x, true
		}
	}
	return 0, false
}

// familyEnds are the finite ends of the support of a density that is a
// family call in its variable, at env.
func familyEnds(env *expr.Env, name string) []float64 {
	d := env.Dens[name]
	if d == nil {
		return nil
	}
	c, f := expr.FamilyCall(d.Body)
	if f == nil {
		return nil
	}
	var out []float64
	lo, hi := f.EndsOf(c)
	for _, end := range []expr.Expr{lo, hi} {
		if end == nil {
			continue
		}
		if v, err := expr.Eval(end, env); err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			out = append(out, v)
		}
	}
	return out
}

// vanishesWhereOtherIsPositive reports whether q(x) = 0 and p(x) > 0,
// with x bound in env. It asks for the log-densities: the evaluator
// gives log q(x) = −∞ outside q's support and a finite value where q
// merely underflows, so a far tail is never taken for a gap.
func vanishesWhereOtherIsPositive(env *expr.Env, x, p, q string, at float64) bool {
	env.Vals[x] = at
	lp, err := expr.EvalErr(expr.Fn("log", expr.Fn(p, expr.S(x))), env)
	if err != nil || math.IsInf(lp.V, 0) || math.IsNaN(lp.V) || math.IsInf(lp.Err, 0) || math.IsNaN(lp.Err) {
		return false
	}
	lq, err := expr.EvalErr(expr.Fn("log", expr.Fn(q, expr.S(x))), env)
	return err == nil && math.IsInf(lq.V, -1) && lq.Err == 0
}
