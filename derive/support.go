package derive

import (
	"math"

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
	for _, diff := range []expr.Expr{lo, hi} {
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
// parameters.
// The fixed ends of the families are integers (0 and 1).
func supportEnds(f *expr.Family, c *expr.Call) (lo, hi expr.Expr) {
	x := c.Args[0]
	if f.Bounds != nil && len(c.Args) == 3 {
		return expr.Sub(x, c.Args[1]), expr.Sub(c.Args[2], x)
	}
	if l := f.Support.Lo; !math.IsInf(l, -1) {
		lo = x
		if l != 0 {
			lo = expr.Sub(x, expr.N(int64(l)))
		}
	}
	if h := f.Support.Hi; !math.IsInf(h, 1) {
		hi = expr.Sub(expr.N(int64(h)), x)
	}
	return lo, hi
}
