package derive

import (
	"math/big"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// onSupport is the problem's context for one goal, with what every
// expectation of the goal knows about its variable: KL(p ‖ q), H(p) and
// H(p, q) are expectations under p, so the variable lies in p's support.
// Under a Gamma x > 0, under a Beta 1 − x > 0 too; the logarithm rules
// that need these then fire inside the expectation, and nowhere else can
// the variable occur.
func (p *Problem) onSupport(g *expr.Info) *rules.Context {
	ctx := p.contextFor(g)
	d := p.Ctx.Densities[g.P]
	if d == nil {
		return ctx
	}
	x, ok := d.Var.(*expr.Sym)
	c, f := expr.FamilyCall(d.Body)
	if !ok || f == nil || !expr.Equal(c.Args[0], x) {
		return ctx
	}
	lo, hi := supportEnds(f, c)
	ends := []expr.Expr{lo, hi}
	if dq := p.Ctx.Densities[g.Q]; g.Q != "" && dq != nil {
		// The derivation reaches here only where p's support lies inside
		// q's (mismatch found no gap and left no end open), so x lies in
		// q's support too: x > 0 under a Uniform(a, b) against a Gamma
		// in the case a > 0, and 1 − x > 0 against a Beta.
		if cq, fq := expr.FamilyCall(dq.Body); fq != nil && !fq.Multivariate && !f.Support.Discrete && !fq.Support.Discrete {
			at := &expr.Call{Fn: cq.Fn, Args: append([]expr.Expr{x}, cq.Args[1:]...)}
			qlo, qhi := supportEnds(fq, at)
			ends = append(ends, qlo, qhi)
		}
	}
	for _, diff := range ends {
		switch {
		case diff == nil:
		case expr.Equal(diff, x):
			ctx.Positive[x.Name] = true
		default:
			ctx.PositiveExprs = append(ctx.PositiveExprs, diff)
		}
	}
	return ctx
}

// supportEnds are x − lo and hi − x for the finite ends of a family
// call's support, nil for an infinite end: x for a Gamma, x and 1 − x for
// a Beta, x − a and b − x for a Uniform(a, b), whose ends are its
// parameters. A discrete support holds its ends, so there the positive
// differences are a step further out: x + 1 under a Poisson, x + 1 and
// n − x + 1 under a Binomial(n, p).
func supportEnds(f *expr.Family, c *expr.Call) (lo, hi expr.Expr) {
	x := c.Args[0]
	l, h := f.EndsOf(c)
	step := expr.N(0)
	if f.Support.Discrete {
		step = expr.N(1)
	}
	if l != nil {
		lo = expr.Sub(x, minus(l, step))
	}
	if h != nil {
		hi = expr.Sub(plus(h, step), x)
	}
	return lo, hi
}

// plus and minus add and subtract a number, folding it into a numeric
// end.
func plus(e expr.Expr, n *expr.Num) expr.Expr {
	if m, ok := e.(*expr.Num); ok {
		return &expr.Num{Val: new(big.Rat).Add(m.Val, n.Val)}
	}
	return expr.Sum(e, n)
}

func minus(e expr.Expr, n *expr.Num) expr.Expr {
	return plus(e, &expr.Num{Val: new(big.Rat).Neg(n.Val)})
}
