package rules

import (
	"math/big"
	"sort"

	"github.com/klderive/klderive/expr"
)

// maxDegree is the highest power of the variable that Coefficients reads.
const maxDegree = 1 << 20

// Coefficients writes e as a polynomial in the symbol x, after expanding
// logarithms and multiplying out powers, and returns the coefficient of
// each power. It fails when x occurs other than as a non-negative integer
// power: inside a logarithm, say, or in a denominator.
func Coefficients(e expr.Expr, x string, ctx *Context) (map[int]expr.Expr, bool) {
	n := &normalizer{ctx: ctx, expand: true}
	p := n.poly(e)
	if n.overflow {
		return nil, false
	}
	parts := map[int]poly{}
	for _, t := range p {
		deg := 0
		var rest []factor
		for _, f := range t.factors {
			if s, ok := f.base.(*expr.Sym); ok && s.Name == x {
				// A degree beyond maxDegree is no quadratic and would
				// not fit in an int.
				if !f.exp.IsInt() || f.exp.Sign() < 0 || !f.exp.Num().IsInt64() || f.exp.Num().Int64() > maxDegree {
					return nil, false
				}
				deg += int(f.exp.Num().Int64())
				continue
			}
			if expr.Uses(f.base, x) {
				return nil, false
			}
			rest = append(rest, f)
		}
		parts[deg] = append(parts[deg], term{coef: new(big.Rat).Set(t.coef), factors: rest})
	}
	out := map[int]expr.Expr{}
	for d, q := range parts {
		out[d] = n.collect(q).expr()
	}
	return out, true
}

// Powers holds the fallback for an expectation the moment rules do not
// take at once: a polynomial in the variable, such as (2*x - 1)^2 or
// (x - a)^3, is expanded in powers of it, and linearity and the raw
// moments do the rest, as a hand derivation would. The moments are a
// family's, and the rule fires under that family only.
// name is the rule's, one per family, as every rule name is unique.
func Powers(name, family string, moments Set) Set {
	return Set{computed(name, "expand in powers of the variable", "E(x ~ p, f)",
		"E(x ~ p, sum(n in 0..N, c[n]*x^n))", func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
			return inPowers(e, ctx, family, moments)
		}).with("E(x ~ p, (2*x - 1)^2)")}
}

// inPowers expands the integrand of E(x ~ p, f) in powers of x, or of the
// one coordinate z[d] of the variable it uses, when p is of the family
// (or an independent product of it) and no moment rule takes f as it
// stands.
func inPowers(e expr.Expr, ctx *Context, family string, moments Set) (expr.Expr, []string, bool) {
	ex, ok := e.(*expr.Expect)
	if !ok || !ofFamily(ctx.density(expr.S(ex.Dist)), family) {
		return nil, nil, false
	}
	for _, r := range moments {
		if _, _, ok := r.Apply(e, ctx); ok {
			return nil, nil, false
		}
	}
	v, ok := ex.Var.(*expr.Sym)
	if !ok {
		return nil, nil, false
	}
	// A coordinate z[d] is read as a fresh symbol while the coefficients
	// are taken, then put back.
	at, body, name := expr.Expr(v), ex.Body, v.Name
	if coord, ok := onlyCoordinate(body, v); ok {
		at, body, name = coord, expr.Replace(body, coord, expr.S(fresh)), fresh
	}
	cs, ok := Coefficients(body, name, ctx)
	if !ok {
		return nil, nil, false
	}
	degrees := make([]int, 0, len(cs))
	for d := range cs {
		degrees = append(degrees, d)
	}
	if len(degrees) == 1 && degrees[0] == 0 {
		return nil, nil, false // a constant: expectation-of-constant takes it
	}
	sort.Sort(sort.Reverse(sort.IntSlice(degrees)))
	var terms []expr.Expr
	for _, d := range degrees {
		switch {
		case expr.IsInt(cs[d], 0):
		case d == 0:
			terms = append(terms, cs[d])
		default:
			terms = append(terms, expr.Prod(cs[d], expr.Power(at, expr.N(int64(d)))))
		}
	}
	out := expr.Sum(terms...)
	if expr.Equal(out, ex.Body) {
		return nil, nil, false
	}
	return &expr.Expect{Var: ex.Var, Dist: ex.Dist, Body: out}, nil, true
}

// fresh names the stand-in for a coordinate; no .kl name has a dollar.
const fresh = "$coord"

// ofFamily reports whether a density is a call to the family or an
// independent product of such calls.
func ofFamily(d *expr.Density, family string) bool {
	if d == nil {
		return false
	}
	body := d.Body
	if b, ok := body.(*expr.Big); ok && b.Op == "prod" {
		body = b.Body
	}
	c, ok := body.(*expr.Call)
	return ok && c.Fn == family
}

// onlyCoordinate reports the one coordinate v[d] that body uses, when it
// uses v only through it.
func onlyCoordinate(body expr.Expr, v *expr.Sym) (expr.Expr, bool) {
	var coord expr.Expr
	ok := true
	var walk func(expr.Expr)
	walk = func(n expr.Expr) {
		if ix, isIx := n.(*expr.Index); isIx && expr.Equal(ix.Base, v) {
			if coord != nil && !expr.Equal(coord, ix) || expr.Uses(ix.Sub, v.Name) {
				ok = false
			}
			coord = ix
			return
		}
		if s, isSym := n.(*expr.Sym); isSym && s.Name == v.Name {
			ok = false
		}
		for _, k := range expr.Children(n) {
			walk(k)
		}
	}
	walk(body)
	return coord, ok && coord != nil
}
