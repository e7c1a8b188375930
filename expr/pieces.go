package expr

// Pieces prints e as a sum that may be broken across lines: its terms,
// the first without a sign and each later one with its " + " or " - ",
// between open and close. A sum is its own terms. An expectation, a
// product ending in a sum or an indexed sum whose body is a sum is broken
// inside its outermost bracket: open is the text up to and including the
// bracket, close the bracket itself, and the brackets are fixed in size
// (\Bigl[ ... \Bigr]) since \left and \right cannot span lines. Anything
// else is one term. Joined in order, the pieces read back as e.
func Pieces(e Expr, s Style) (open string, terms []string, close string) {
	return Notation{}.Pieces(e, s)
}

// Pieces is Pieces in this notation.
func (n Notation) Pieces(e Expr, s Style) (open string, terms []string, close string) {
	p := printer{s, n}
	switch e := e.(type) {
	case *Add:
		return "", p.terms(e), ""
	case *Expect:
		if a, ok := e.Body.(*Add); ok {
			v, _ := p.print(e.Var)
			switch s {
			case LaTeX:
				return `\mathbb{E}_{` + v + ` \sim ` + latexName(e.Dist) + `}\Bigl[`, p.terms(a), `\Bigr]`
			case Unicode:
				return "E_{" + v + "∼" + p.sym(e.Dist) + "}[", p.terms(a), "]"
			}
		}
	case *Mul:
		if x, ok := e.Factors[len(e.Factors)-1].(*Expect); ok && len(e.Factors) == 2 && IsInt(e.Factors[0], -1) && s == Unicode {
			// -E[...] (an entropy) breaks inside the expectation's bracket
			// in text; LaTeX lays such a row out whole, as before.
			if open, terms, close := n.Pieces(x, s); len(terms) > 1 {
				return "-" + open, terms, close
			}
		}
		n := len(e.Factors)
		a, ok := e.Factors[n-1].(*Add)
		_, num, den := split(e)
		if !ok || len(den) > 0 || len(num) == 0 || num[len(num)-1] != Expr(a) || s == Plain {
			break
		}
		head := ""
		if n > 1 {
			head, _ = p.product(&Mul{Factors: e.Factors[:n-1]})
		}
		open, close := "(", ")"
		if s == LaTeX {
			open, close = `\Bigl(`, `\Bigr)`
		}
		if head != "-" && head != "" {
			head += map[Style]string{LaTeX: " ", Unicode: "·"}[s]
		}
		return head + open, p.terms(a), close
	case *Big:
		a, ok := e.Body.(*Add)
		if !ok || s == Plain {
			break
		}
		whole := p.big(e)
		body := p.wrap(a, precProd)
		head := whole[:len(whole)-len(body)]
		if s == LaTeX {
			return head + `\Bigl(`, p.terms(a), `\Bigr)`
		}
		return head + "(", p.terms(a), ")"
	}
	out, _ := p.print(e)
	return "", []string{out}, ""
}

// terms are the printed terms of a sum, as sum joins them.
func (p printer) terms(a *Add) []string {
	out := make([]string, len(a.Terms))
	for i, t := range a.Terms {
		abs, neg := negative(t)
		switch {
		case i == 0:
			out[i] = p.wrap(t, precSum)
		case neg:
			out[i] = "- " + p.wrap(abs, precProd)
		default:
			out[i] = "+ " + p.wrap(abs, precProd)
		}
	}
	return out
}
