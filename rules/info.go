package rules

import (
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// Definitions holds the definitions of the information quantities and the
// substitution of a declared density by its formula. They need the
// problem's densities (which variable p is a density of), so they are
// computed rules; their statements show what they do.
var Definitions = once.Value[Set]{New: func() Set {
	return Set{
		computed("kl-definition", "definition of KL divergence",
			"KL(p || q)", "E(x ~ p, log(p(x)) - log(q(x)))", infoDefinition("KL", true)).with("KL(p || q)"),
		computed("entropy-definition", "definition of differential entropy",
			"H(p)", "-E(x ~ p, log(p(x)))", infoDefinition("H", false)).with("H(p)"),
		computed("cross-entropy-definition", "definition of cross-entropy",
			"H(p, q)", "-E(x ~ p, log(q(x)))", infoDefinition("H", true)).with("H(p, q)"),
	}
}}

// DiscreteDefinitions are the same definitions for probability mass
// functions, where the entropy is the entropy, not a differential one.
var DiscreteDefinitions = once.Value[Set]{New: func() Set {
	return Set{
		Definitions.Get()[0],
		computed("discrete-entropy-definition", "definition of entropy",
			"H(p)", "-E(x ~ p, log(p(x)))", infoDefinition("H", false)).with("H(p)"),
		Definitions.Get()[2],
	}
}}

// SelfInformation defines the entropy and the cross-entropy as
// expectations of the self-information, as seed 003 writes them, and the
// self-information I(q) = -log q(x) at a value x of q's variable. A
// derivation asked to go that way takes these before the definitions
// above.
var SelfInformation = once.Value[Set]{New: func() Set {
	return Set{
		computed("entropy-as-self-information", "entropy is the expected self-information",
			"H(p)", "E(x ~ p, I(p))", selfInfoRoute(false)).with("H(p)"),
		computed("cross-entropy-as-self-information", "cross-entropy is the expected self-information of q",
			"H(p, q)", "E(x ~ p, I(q))", selfInfoRoute(true)).with("H(p, q)"),
		selfInformationDefinition.Get(),
	}
}}

// selfInformationDefinition is I(q) = -log q(x), x the variable of q;
// its left side is the information quantity itself, which the .kl
// syntax reads as a call of I (see expr.SelfInformation), so it takes
// both.
var selfInformationDefinition = once.Value[*Rule]{New: func() *Rule {
	r := computed("self-information-definition", "definition of self-information", "H(q)", "-log(q(x))",
		func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
			in, ok := e.(*expr.Info)
			if !ok {
				// I(q) as the .kl syntax reads it.
				in, ok = expr.SelfInformation(e, ctx.Densities)
			}
			if !ok || in.Kind != "I" || ctx.Densities[in.P] == nil {
				return nil, nil, false
			}
			return expr.Neg(expr.Fn("log", expr.Fn(in.P, ctx.Densities[in.P].Var))), nil, true
		})
	r.LHS, r.head = &expr.Info{Kind: "I", P: "q"}, ""
	return r.with("I(q)")
}}

// selfInfoRoute writes H(p) or H(p, q) as the expectation under p of the
// self-information of p or q.
func selfInfoRoute(cross bool) func(expr.Expr, *Context) (expr.Expr, []string, bool) {
	return func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
		in, ok := e.(*expr.Info)
		if !ok || in.Kind != "H" || (in.Q != "") != cross || ctx.Densities[in.P] == nil {
			return nil, nil, false
		}
		of := in.P
		if cross {
			of = in.Q
		}
		return &expr.Expect{Var: ctx.Densities[in.P].Var, Dist: in.P, Body: &expr.Info{Kind: "I", P: of}}, nil, true
	}
}

// infoDefinition defines the quantity of one kind; with q, it has a
// second density.
func infoDefinition(kind string, q bool) func(expr.Expr, *Context) (expr.Expr, []string, bool) {
	return func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
		in, ok := e.(*expr.Info)
		if !ok || in.Kind != kind || (in.Q != "") != q {
			return nil, nil, false
		}
		return define(in, ctx)
	}
}

func define(in *expr.Info, ctx *Context) (expr.Expr, []string, bool) {
	p := ctx.Densities[in.P]
	if p == nil || (in.Q != "" && ctx.Densities[in.Q] == nil) {
		return nil, nil, false
	}
	x := p.Var
	logOf := func(name string) expr.Expr { return expr.Fn("log", expr.Fn(name, x)) }
	switch {
	case in.Kind == "KL":
		return &expr.Expect{Var: x, Dist: in.P, Body: expr.Sub(logOf(in.P), logOf(in.Q))}, nil, true
	case in.Q == "":
		return expr.Neg(&expr.Expect{Var: x, Dist: in.P, Body: logOf(in.P)}), nil, true
	}
	return expr.Neg(&expr.Expect{Var: x, Dist: in.P, Body: logOf(in.Q)}), nil, true
}

// Substitute replaces a declared density applied to an argument by its
// formula.
var Substitute = once.Value[Set]{New: func() Set {
	return Set{
		computed("density-definition", "substitute the density",
			"p(y)", "f(y)", substituteDensity).with("p(x)"),
	}
}}

func substituteDensity(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
	c, ok := e.(*expr.Call)
	if !ok || len(c.Args) != 1 || ctx == nil {
		return nil, nil, false
	}
	d := ctx.Densities[c.Fn]
	if d == nil {
		return nil, nil, false
	}
	return expr.Replace(d.Body, d.Var, c.Args[0]), []string{d.Name + "(" + expr.String(d.Var) + ") = " + expr.String(d.Body)}, true
}

// Recognised substitutes the densities named in names, which were
// written as formulas and recognised as a family, by that family.
func Recognised(names map[string]bool, title string) Set {
	return Set{computed("recognised-family", title, "p(y)", "Normal(y; m, v)",
		func(e expr.Expr, ctx *Context) (expr.Expr, []string, bool) {
			c, ok := e.(*expr.Call)
			if !ok || !names[c.Fn] {
				return nil, nil, false
			}
			return substituteDensity(e, ctx)
		})}
}
