package derive

import (
	"fmt"
	"math/big"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// A case of a piecewise result whose conditions no parameter point
// satisfies is proved empty here, so that it is neither sampled in vain
// nor shown: Uniform(u − 1, u + exp(v)) lies inside a Beta's (0, 1) only
// if 0 ≤ u − 1 and u + exp(v) ≤ 1, which add up to exp(v) ≤ 0. The
// reasoning is small and sound: each condition L ≤ R says R − L ≥ 0; a
// condition whose R − L is provably negative fails alone, and two fail
// together when a sum of them with positive weights (1 and 1, or the
// weights that cancel a symbol both are linear in) is provably negative.
// Whatever it cannot prove, it leaves open.

// emptyCase proves that the conditions when cannot all hold: it returns
// the one or two of them that cannot, and what they would say together,
// a positive term ≤ 0; false when it cannot prove it.
func (p *Problem) emptyCase(when []*expr.Rel) ([]*expr.Rel, *expr.Rel, bool) {
	ctx := p.Ctx
	var slack []expr.Expr // R − L ≥ 0 for each condition, normalized
	for _, r := range when {
		d, ok := slackOf(r, ctx)
		if !ok {
			return nil, nil, false
		}
		if never, ok := negative(d, ctx); ok {
			return []*expr.Rel{r}, never, true
		}
		slack = append(slack, d)
	}
	for i := range slack {
		for j := i + 1; j < len(slack); j++ {
			for _, w := range weights(slack[i], slack[j], ctx) {
				sum, ok := rules.Normalize(expr.Sum(expr.Prod(&expr.Num{Val: w[0]}, slack[i]), expr.Prod(&expr.Num{Val: w[1]}, slack[j])), ctx)
				if !ok {
					continue
				}
				if never, ok := negative(sum, ctx); ok {
					return []*expr.Rel{when[i], when[j]}, never, true
				}
			}
		}
	}
	return nil, nil, false
}

// emptyReason is the reason of an empty finite case: q vanishes where p
// > 0 unless the conditions hold, and why says why they never do. Each
// relation follows a word that makes it a condition ("where",
// "unless", "when"), so that a reader (klderive check among them) takes
// them as the hypotheses they are, not as claims: "then 0 ≤ u − 1",
// read alone, would be a false claim.
func emptyReason(q, p, x string, when []*expr.Rel, why string) string {
	return fmt.Sprintf("%s(%s) vanishes where %s(%s) > 0 unless %s, %s", q, x, p, x, conditions(when), why)
}

// neverWhy says that the conditions when hold (all of them, so also the
// one or two the proof used) only when never does, which is false.
// A never in numbers alone (1/2 ≤ 0) is not written: it would read as a
// false claim, not as the condition that exp(d) ≤ 0 is.
func neverWhy(when []*expr.Rel, never *expr.Rel) string {
	if len(expr.Symbols(never)) == 0 {
		if len(when) == 1 {
			return "which never holds"
		}
		return "which never hold together"
	}
	which := "which hold together only when"
	if len(when) == 1 {
		which = "which holds only when"
	}
	return fmt.Sprintf("%s %s, never true", which, expr.String(never))
}

// slackOf is R − L for a condition L ≤ R or L < R (and L − R for ≥ and
// >), which the condition says is ≥ 0, in normal form.
func slackOf(r *expr.Rel, ctx *rules.Context) (expr.Expr, bool) {
	var d expr.Expr
	switch r.Op {
	case "<=", "<":
		d = expr.Sub(r.R, r.L)
	case ">=", ">":
		d = expr.Sub(r.L, r.R)
	default:
		return nil, false
	}
	n, ok := rules.Normalize(d, ctx)
	if !ok {
		return nil, false
	}
	return monotoneSlack(n, ctx), true
}

// monotoneSlack takes a slack k·exp(u) + c or k·log(u) + c, a number c
// and a nonzero number k, to the slack of u that is ≥ 0 (or > 0) exactly
// when it is: exp and log increase, so exp(a) − 1 ≥ 0 says a ≥ 0 and
// 2 − log(s) ≥ 0 says exp(2) − s ≥ 0. The case machinery, linear in its
// slacks, then sees what a·(exp(a) − 1) never would: with a ≤ 0 assumed,
// exp(a) ≥ 1 holds at a = 0 alone. Any other slack is as it was.
func monotoneSlack(d expr.Expr, ctx *rules.Context) expr.Expr {
	sum, ok := d.(*expr.Add)
	if !ok || len(sum.Terms) != 2 {
		return d
	}
	c, ok := sum.Terms[0].(*expr.Num)
	t := sum.Terms[1]
	if !ok {
		if c, ok = sum.Terms[1].(*expr.Num); !ok {
			return d
		}
		t = sum.Terms[0]
	}
	k := big.NewRat(1, 1)
	if m, isMul := t.(*expr.Mul); isMul && len(m.Factors) == 2 {
		if n, isNum := m.Factors[0].(*expr.Num); isNum {
			k, t = n.Val, m.Factors[1]
		}
	}
	f, ok := t.(*expr.Call)
	if !ok || len(f.Args) != 1 || k.Sign() == 0 || f.Fn != "exp" && f.Fn != "log" {
		return d
	}
	// k·f(u) + c ≥ 0 is f(u) ≥ r for k > 0 and f(u) ≤ r for k < 0.
	r := new(big.Rat).Quo(new(big.Rat).Neg(c.Val), k)
	var bound expr.Expr
	switch {
	case f.Fn == "log":
		bound = expr.Fn("exp", &expr.Num{Val: r})
		if r.Sign() == 0 {
			bound = expr.N(1)
		}
	case r.Sign() <= 0:
		return d // exp(u) is above any r ≤ 0: the slack's sign is known as it is
	case r.Cmp(big.NewRat(1, 1)) == 0:
		bound = expr.N(0)
	default:
		bound = expr.Fn("log", &expr.Num{Val: r})
	}
	u := f.Args[0]
	out := expr.Sub(u, bound)
	if k.Sign() < 0 {
		out = expr.Sub(bound, u)
	}
	if n, ok := rules.Normalize(out, ctx); ok {
		return n
	}
	return out
}

// negative reports whether d is provably < 0, and then the statement
// d ≥ 0 would make of it, −d ≤ 0 with −d provably positive.
func negative(d expr.Expr, ctx *rules.Context) (*expr.Rel, bool) {
	m, ok := rules.Normalize(expr.Neg(d), ctx)
	if !ok || !ctx.IsPositive(m) {
		return nil, false
	}
	return &expr.Rel{Op: "<=", L: m, R: expr.N(0)}, true
}

// weights are the positive weights to try on two slacks: 1 and 1, and,
// for each symbol both are linear in with numeric coefficients of
// opposite signs, the weights that cancel it.
func weights(a, b expr.Expr, ctx *rules.Context) [][2]*big.Rat {
	out := [][2]*big.Rat{{big.NewRat(1, 1), big.NewRat(1, 1)}}
	for _, s := range expr.Symbols(a) {
		if !expr.Uses(b, s) || expr.IsNumberConstant(s) {
			continue
		}
		ca, okA := linearCoef(a, s, ctx)
		cb, okB := linearCoef(b, s, ctx)
		if okA && okB && ca.Sign()*cb.Sign() < 0 {
			out = append(out, [2]*big.Rat{new(big.Rat).Abs(cb), new(big.Rat).Abs(ca)})
		}
	}
	return out
}

// linearCoef is the numeric coefficient of s in e, when e is linear in s.
func linearCoef(e expr.Expr, s string, ctx *rules.Context) (*big.Rat, bool) {
	cs, ok := rules.Coefficients(e, s, ctx)
	if !ok {
		return nil, false
	}
	for deg := range cs {
		if deg > 1 {
			return nil, false
		}
	}
	n, ok := cs[1].(*expr.Num)
	if !ok || n.Val.Sign() == 0 {
		return nil, false
	}
	return n.Val, true
}

// emptyFinite is the derivation of a goal whose finite case is empty:
// +∞ at every point, with why in the reason, verified
// by a witness at each point, in the gap of whichever end fails there.
func (p *Problem) emptyFinite(d *Derivation, g *expr.Goal, when, strict []*expr.Rel, why string, opt Options) (*Derivation, error) {
	en := &engine{ctx: p.Ctx, limits: opt.Limits}
	def, steps, err := en.run(g.Info, []phase{{rule: "definition", set: rules.Definitions.Get(), once: true}})
	if err != nil {
		return nil, err
	}
	x := expr.String(p.Ctx.Densities[g.Info.P].Var)
	title := emptyReason(g.Info.Q, g.Info.P, x, tidyConditions(when, p.Ctx), why)
	inf := expr.S("inf")
	d.Steps = append(steps, Step{Rule: "support-mismatch", Title: title, Before: def, After: inf})
	d.Result = inf
	if !opt.Verify {
		return d, nil
	}
	// Each end's gap, where its condition fails; every point lies in one.
	var gaps []*supportGap
	for _, r := range strict {
		if _, never := p.excluded(&expr.Rel{Op: "<", L: r.R, R: r.L}, true); never {
			continue // it fails nowhere, so no point lies in its gap
		}
		neg, err := p.with(g.Pos, &expr.Rel{Op: "<", L: r.R, R: r.L})
		if err != nil {
			return nil, err
		}
		if _, gap, _ := neg.mismatch(g.Info); gap != nil {
			gaps = append(gaps, gap)
		}
	}
	v, err := p.witnessGaps(g.Info, gaps, []expr.Expr{d.Start, def, inf}, opt.Points, opt.Seed)
	d.Verification = v
	return d, err
}

// conditions joins a case's conditions with "and", as a title says them.
func conditions(when []*expr.Rel) string {
	parts := make([]string, len(when))
	for i, r := range when {
		parts[i] = expr.String(r)
	}
	return strings.Join(parts, " and ")
}
