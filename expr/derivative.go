package expr

import (
	"fmt"
	"math/big"
)

// Derivative is d/dv of e, a scalar expression of the expression
// language: sums, products, powers, log, exp, sqrt, abs, the Gamma and
// Beta functions and their logarithms, and erf. It is built by the
// chain rule term by term and is not simplified beyond what Sum, Prod
// and Power fold; a sub-term free of v has derivative 0 whatever it is.
// It is an error for a function whose derivative the language cannot
// write (digamma's is the trigamma function, which it has not) and for
// a node that is not a scalar function of v (an expectation or an
// integral over v, a matrix).
func Derivative(e Expr, v string) (Expr, error) {
	if !Uses(e, v) {
		return N(0), nil
	}
	switch e := e.(type) {
	case *Sym:
		return N(1), nil // Uses: the symbol is v itself
	case *Add:
		terms := make([]Expr, len(e.Terms))
		for i, t := range e.Terms {
			d, err := Derivative(t, v)
			if err != nil {
				return nil, err
			}
			terms[i] = d
		}
		return Sum(terms...), nil
	case *Mul:
		// (f g h)' = f' g h + f g' h + f g h'
		var terms []Expr
		for i, f := range e.Factors {
			if !Uses(f, v) {
				continue
			}
			d, err := Derivative(f, v)
			if err != nil {
				return nil, err
			}
			others := append(append([]Expr{}, e.Factors[:i]...), e.Factors[i+1:]...)
			terms = append(terms, Prod(append(others, d)...))
		}
		return Sum(terms...), nil
	case *Pow:
		return powDerivative(e, v)
	case *Call:
		return callDerivative(e, v)
	}
	return nil, fmt.Errorf("no derivative with respect to %s of %s", v, String(e))
}

// powDerivative is (u^n)' = n u^(n-1) u' for an exponent free of v, and
// (u^w)' = u^w (w' log u + w u'/u) otherwise (u > 0 there).
func powDerivative(e *Pow, v string) (Expr, error) {
	du, err := Derivative(e.Base, v)
	if err != nil {
		return nil, err
	}
	if n, ok := e.Exp.(*Num); ok {
		m := &Num{Val: new(big.Rat).Sub(n.Val, big.NewRat(1, 1))}
		return Prod(n, Power(e.Base, m), du), nil
	}
	if !Uses(e.Exp, v) {
		return Prod(e.Exp, Power(e.Base, Sum(e.Exp, N(-1))), du), nil
	}
	dw, err := Derivative(e.Exp, v)
	if err != nil {
		return nil, err
	}
	return Prod(e, Sum(Prod(dw, Fn("log", e.Base)), Prod(e.Exp, du, Power(e.Base, N(-1))))), nil
}

// callDerivative is the chain rule through a function call: the outer
// derivative at the arguments times each argument's derivative.
func callDerivative(c *Call, v string) (Expr, error) {
	outer, ok := outerDerivatives(c)
	if !ok {
		return nil, fmt.Errorf("no derivative with respect to %s of %s in the expression language", v, String(c))
	}
	var terms []Expr
	for i, a := range c.Args {
		if !Uses(a, v) {
			continue
		}
		d, err := Derivative(a, v)
		if err != nil {
			return nil, err
		}
		terms = append(terms, Prod(outer[i], d))
	}
	return Sum(terms...), nil
}

// outerDerivatives are the partial derivatives of a function with
// respect to each of its arguments, at c's arguments.
func outerDerivatives(c *Call) ([]Expr, bool) {
	if len(c.Args) == 1 {
		u := c.Args[0]
		switch c.Fn {
		case "log":
			return []Expr{Power(u, N(-1))}, true
		case "exp":
			return []Expr{c}, true
		case "sqrt":
			return []Expr{Quo(N(1), Prod(N(2), c))}, true
		case "abs":
			// The sign of u, away from u = 0 where |u| has no derivative.
			return []Expr{Quo(u, c)}, true
		case "gamma":
			return []Expr{Prod(c, Fn("digamma", u))}, true
		case "lgamma":
			return []Expr{Fn("digamma", u)}, true
		case "erf":
			return []Expr{Prod(N(2), Power(S("pi"), R(-1, 2)), Fn("exp", Neg(Power(u, N(2)))))}, true
		}
	}
	if len(c.Args) == 2 && (c.Fn == "beta" || c.Fn == "lbeta") {
		a, b := c.Args[0], c.Args[1]
		// ∂/∂a log B(a, b) = ψ(a) − ψ(a + b), and likewise for b.
		da := Sum(Fn("digamma", a), Neg(Fn("digamma", Sum(a, b))))
		db := Sum(Fn("digamma", b), Neg(Fn("digamma", Sum(a, b))))
		if c.Fn == "beta" {
			return []Expr{Prod(c, da), Prod(c, db)}, true
		}
		return []Expr{da, db}, true
	}
	return nil, false
}
