package check

import (
	"fmt"
	"strings"

	"github.com/klderive/klderive/expr"
)

// Swapped and misread symbols: the mistakes that one substitution in one
// side undoes.

// swaps looks for two symbols or two densities swapped in one side, or
// one occurrence of a symbol written for another of the same letter.
func (n *numeric) swaps(l *Link, s sample) string {
	syms := linkSymbols(n.c, l.L, l.R)
	sides := []struct {
		name      string
		x         expr.Expr
		otherVals []expr.Value
	}{{"right", l.R, s.lv}, {"left", l.L, s.rv}}
	for _, side := range sides {
		for i, a := range syms {
			for _, b := range syms[i+1:] {
				if !expr.Uses(side.x, a) && !expr.Uses(side.x, b) || !sameKind(n.c, a, b) {
					continue
				}
				if n.agrees(swapSymbols(side.x, a, b), side.otherVals, s) {
					return swapped(a, b, side.name)
				}
			}
		}
	}
	for _, side := range sides {
		ds := densitiesUsed(n.c, side.x)
		for _, a := range ds {
			for b := range n.c.dens {
				if a == b {
					continue
				}
				if n.agrees(swapDensities(side.x, a, b), side.otherVals, s) {
					return swapped(a, b, side.name)
				}
			}
		}
	}
	tries := 0
	// A pair swapped inside one term only: tr(S_1^{-1} S_2) for
	// tr(S_2^{-1} S_1).
	for _, side := range sides {
		for _, at := range terms(side.x) {
			for i, a := range syms {
				for _, b := range syms[i+1:] {
					if !sameLetter(a, b) || !expr.Uses(at.x, a) || !expr.Uses(at.x, b) {
						continue
					}
					if tries++; tries > 200 {
						return ""
					}
					changed := replaceOccurrence(side.x, at.index, swapSymbols(at.x, a, b))
					if n.agrees(changed, side.otherVals, s) {
						if b < a {
							a, b = b, a
						}
						return fmt.Sprintf("swapping %s and %s in %s, in the %s side, makes the sides agree: a swapped pair?",
							symName(a), symName(b), expr.Format(at.x, expr.Unicode), side.name)
					}
				}
			}
		}
	}
	for _, side := range sides {
		for _, occ := range occurrences(side.x) {
			for _, b := range syms {
				if b == occ.name || !sameLetter(occ.name, b) {
					continue
				}
				if tries++; tries > 200 {
					return ""
				}
				changed := replaceOccurrence(side.x, occ.index, expr.S(b))
				if n.agrees(changed, side.otherVals, s) {
					before, after := enclosing(side.x, changed, occ.index)
					return fmt.Sprintf("in the %s side, %s should perhaps be %s: with that one change the sides agree",
						side.name, expr.Format(before, expr.Unicode), expr.Format(after, expr.Unicode))
				}
			}
		}
	}
	return ""
}

// scales looks for a standard deviation read as a variance or the other
// way round: N(mu, sigma) with sigma^2 used as the variance. Replacing
// positive symbols by their square roots or squares in one side, one at
// a time and then all together, must make the sides agree.
func (n *numeric) scales(l *Link, s sample) string {
	var pos []string
	for _, name := range linkSymbols(n.c, l.L, l.R) {
		if n.c.prob.Ctx.Positive[name] && n.envs[s.idx[0]].Vecs[name] == nil {
			pos = append(pos, name)
		}
	}
	if len(pos) == 0 || len(pos) > 6 {
		return ""
	}
	sets := [][]string{}
	for _, p := range pos {
		sets = append(sets, []string{p})
	}
	if len(pos) > 1 {
		sets = append(sets, pos)
	}
	for _, side := range []struct {
		name  string
		x     expr.Expr
		other []expr.Value
	}{{"right", l.R, s.lv}, {"left", l.L, s.rv}} {
		for _, set := range sets {
			for _, how := range []struct {
				word string
				to   func(expr.Expr) expr.Expr
			}{{"√", func(x expr.Expr) expr.Expr { return expr.Fn("sqrt", x) }}, {"²", func(x expr.Expr) expr.Expr { return expr.Power(x, expr.N(2)) }}} {
				x := side.x
				var read []string
				for _, name := range set {
					x = expr.Replace(x, expr.S(name), how.to(expr.S(name)))
					if how.word == "√" {
						read = append(read, symName(name)+" as √"+symName(name))
					} else {
						read = append(read, symName(name)+" as "+symName(name)+"²")
					}
				}
				if n.agrees(x, side.other, s) {
					return fmt.Sprintf("reading %s in the %s side makes the sides agree: a standard deviation taken for a variance, or the other way round?",
						strings.Join(read, " and "), side.name)
				}
			}
		}
	}
	return ""
}

func swapped(a, b, side string) string {
	if b < a {
		a, b = b, a
	}
	return fmt.Sprintf("swapping %s and %s in the %s side makes the sides agree: a swapped pair?", symName(a), symName(b), side)
}

// sameKind: two symbols can be swapped when both or neither are positive.
func sameKind(c *context, a, b string) bool {
	return c.prob.Ctx.Positive[a] == c.prob.Ctx.Positive[b]
}

// sameLetter: mu_p and mu_q, sigma_1 and sigma_2.
func sameLetter(a, b string) bool {
	ba, _ := expr.SplitName(a)
	bb, _ := expr.SplitName(b)
	return ba == bb
}

func swapSymbols(x expr.Expr, a, b string) expr.Expr {
	return expr.Map(x, func(e expr.Expr) expr.Expr {
		if s, ok := e.(*expr.Sym); ok {
			switch s.Name {
			case a:
				return expr.S(b)
			case b:
				return expr.S(a)
			}
		}
		return e
	})
}

func swapDensities(x expr.Expr, a, b string) expr.Expr {
	sw := func(n string) string {
		switch n {
		case a:
			return b
		case b:
			return a
		}
		return n
	}
	return expr.Map(x, func(e expr.Expr) expr.Expr {
		switch e := e.(type) {
		case *expr.Call:
			return &expr.Call{Fn: sw(e.Fn), Args: e.Args}
		case *expr.Expect:
			return &expr.Expect{Var: e.Var, Dist: sw(e.Dist), Body: e.Body}
		case *expr.Info:
			return &expr.Info{Kind: e.Kind, P: sw(e.P), Q: sw(e.Q)}
		}
		return e
	})
}

// occurrence is one place a symbol occurs, by pre-order index.
type occurrence struct {
	name  string
	index int
}

func occurrences(x expr.Expr) []occurrence {
	var out []occurrence
	i := 0
	var walk func(expr.Expr)
	walk = func(e expr.Expr) {
		if s, ok := e.(*expr.Sym); ok {
			out = append(out, occurrence{s.Name, i})
		}
		i++
		for _, k := range expr.Children(e) {
			walk(k)
		}
	}
	walk(x)
	return out
}

// term is a sub-expression of a side by pre-order index.
type term struct {
	x     expr.Expr
	index int
}

// terms lists the proper sub-expressions of x that are calls or
// products, the places a swapped pair hides in.
func terms(x expr.Expr) []term {
	var out []term
	i := 0
	var walk func(expr.Expr)
	walk = func(e expr.Expr) {
		switch e.(type) {
		case *expr.Call, *expr.Mul, *expr.MatMul:
			if i > 0 {
				out = append(out, term{e, i})
			}
		}
		i++
		for _, k := range expr.Children(e) {
			walk(k)
		}
	}
	walk(x)
	return out
}

// replaceOccurrence replaces the node at pre-order index target.
func replaceOccurrence(x expr.Expr, target int, with expr.Expr) expr.Expr {
	i := 0
	var walk func(expr.Expr) expr.Expr
	walk = func(e expr.Expr) expr.Expr {
		if i == target {
			i += expr.Size(e)
			return with
		}
		i++
		kids := expr.Children(e)
		if len(kids) == 0 {
			return e
		}
		nk := make([]expr.Expr, len(kids))
		changed := false
		for j, k := range kids {
			nk[j] = walk(k)
			changed = changed || nk[j] != k
		}
		if !changed {
			return e
		}
		return expr.WithChildren(e, nk)
	}
	return walk(x)
}

// enclosing returns the smallest sum or product (not a mere negation),
// or else the whole side, around the occurrence at target, before and
// after a change.
func enclosing(before, after expr.Expr, target int) (expr.Expr, expr.Expr) {
	path := func(x expr.Expr) []expr.Expr {
		var out []expr.Expr
		i := 0
		var walk func(expr.Expr, []expr.Expr) bool
		walk = func(e expr.Expr, anc []expr.Expr) bool {
			if i == target {
				out = anc
				return true
			}
			i++
			for _, k := range expr.Children(e) {
				if walk(k, append(anc, e)) {
					return true
				}
			}
			return false
		}
		walk(x, nil)
		return out
	}
	pb, pa := path(before), path(after)
	for k := len(pb) - 1; k >= 0 && k < len(pa); k-- {
		switch x := pb[k].(type) {
		case *expr.Add:
			return pb[k], pa[k]
		case *expr.Mul:
			if _, neg := x.Factors[0].(*expr.Num); !neg || len(x.Factors) > 2 {
				return pb[k], pa[k]
			}
		}
	}
	return before, after
}

// scaledTerm looks for one term of a side that is off by a factor of 2,
// of ½ or by its sign: the missing 2 of a 2σ², a flipped minus.
func (n *numeric) scaledTerm(l *Link, s sample) string {
	sides := []struct {
		name  string
		x     expr.Expr
		other []expr.Value
	}{{"right", l.R, s.lv}, {"left", l.L, s.rv}}
	factors := []struct {
		c    expr.Expr
		what string
	}{{expr.N(-1), "has the wrong sign"}, {expr.R(1, 2), "is twice what it should be"}, {expr.N(2), "is half what it should be"}}
	tries := 0
	for _, side := range sides {
		for _, at := range subterms(side.x) {
			for _, f := range factors {
				if tries++; tries > 300 {
					return ""
				}
				changed := replaceOccurrence(side.x, at.index, expr.Prod(f.c, at.x))
				if n.agrees(changed, side.other, s) {
					return fmt.Sprintf("in the %s side, %s %s: with that changed the sides agree",
						side.name, expr.Format(at.x, expr.Unicode), f.what)
				}
			}
		}
	}
	return ""
}

// subterms lists the proper sub-expressions of x that a factor can be
// off in: terms of sums, factors of products and the bodies of
// expectations, integrals and sums, outermost first; not bare numbers.
func subterms(x expr.Expr) []term {
	var out []term
	i := 0
	var walk func(e expr.Expr, depth int)
	walk = func(e expr.Expr, depth int) {
		if _, isNum := e.(*expr.Num); depth > 0 && !isNum {
			out = append(out, term{e, i})
		}
		i++
		for _, k := range expr.Children(e) {
			walk(k, depth+1)
		}
	}
	walk(x, 0)
	return out
}
