package expr

import (
	"math/big"
	"strings"
	"unicode"

	"github.com/klderive/klderive/internal/once"
)

// Style selects a printer dialect. All three share one layout engine
// (precedence, signs, numerators and denominators), so an expression reads
// the same way in every output format.
type Style int

const (
	// Plain is the input syntax; its output parses back to the same tree.
	Plain Style = iota
	// Unicode is for terminals: Greek letters, subscripts and superscripts.
	Unicode
	// LaTeX is for KaTeX and pdflatex with amsmath.
	LaTeX
)

// Binding strengths, loosest first.
const (
	precSum = iota + 1
	precProd
	precPow
	precAtom
)

// String prints e in the input syntax.
func String(e Expr) string { return Format(e, Plain) }

// Format prints e in the given style, in the default notation.
func Format(e Expr, s Style) string { return Notation{}.Format(e, s) }

// Notation chooses between LaTeX spellings that read the same, and that
// the LaTeX reader reads back alike; the zero value is the default. The
// other styles ignore it.
type Notation struct {
	// DetBars writes the determinant of a matrix name as
	// \lvert \Sigma \rvert rather than \det(\Sigma); of anything else
	// (\det(\operatorname{diag}(v))) it stays \det, since the reader
	// takes bars around other matrices as their absolute value.
	DetBars bool
	// CondBar separates a family's variable from its parameters with
	// \mid, \mathcal{N}(x \mid \mu, \sigma^{2}), rather than ;.
	CondBar bool
	// Order ranks names by where the problem first names them (p's
	// parameters before q's), for the order of a product's factors in
	// LaTeX and Unicode (see personOrder); names it lacks follow, in
	// reading order.
	Order map[string]int
	// AsWritten keeps a product's factors in the tree's order, for
	// showing a reader's own math back to them (the links of a checked
	// document), which they wrote in an order of their own.
	AsWritten bool
}

// Format prints e in the given style and this notation.
func (n Notation) Format(e Expr, s Style) string {
	out, _ := n.printerFor(e, s).print(e)
	return out
}

type printer struct {
	style    Style
	note     Notation
	small    bool // numeric fractions as \tfrac (see fractions.go)
	inScript bool // inside a sub- or superscript, where they never are
	// front keeps a product's fraction coefficient in front, -1/2·k, for
	// the head of a product broken before its bracket, which reads as
	// the product printed whole does.
	front bool
	inArg bool // inside a function's parentheses, set inline (fractions.go)
	// inCall is true inside a function's parentheses in every style,
	// where a fraction of one call reads over its denominator.
	inCall bool
}

func (p printer) print(e Expr) (string, int) {
	switch e := e.(type) {
	case *Num:
		return p.num(e.Val)
	case *Sym:
		return p.sym(e.Name), precAtom
	case *Add:
		return p.sum(e), precSum
	case *Mul, *Pow:
		return p.product(e)
	case *Call:
		if p.style == LaTeX && e.Fn == "inv" {
			// A^{-1} is a superscript: another one needs parentheses.
			return p.call(e), precPow
		}
		if sp, ok := specials.Get()[e.Fn]; ok && sp.logHead && p.style != Plain {
			// log Γ(a)² would read as the log of a square: a power
			// parenthesises it, a product need not.
			return p.call(e), precPow
		}
		return p.call(e), precAtom
	case *Index:
		return p.index(e), precAtom
	case *Expect:
		return p.expect(e), precAtom
	case *Integral:
		return p.integral(e), p.binderPrec()
	case *Big:
		return p.big(e), p.binderPrec()
	case *Info:
		return p.info(e), precAtom
	case *Rel:
		return p.rel(e), 0
	case *Cases:
		return p.printCases(e), precAtom
	case *MatMul:
		return p.matmul(e), precProd
	case *Transpose:
		x := p.wrap(e.X, precAtom)
		switch p.style {
		case LaTeX:
			return x + `^{\top}`, precPow
		case Unicode:
			return x + "ᵀ", precPow
		}
		return x + "'", precAtom
	case *Matrix:
		return p.matrix(e), precAtom
	}
	return "?", precAtom
}

// wrap prints e, parenthesised when it binds more loosely than min.
func (p printer) wrap(e Expr, min int) string {
	s, prec := p.print(e)
	if prec < min {
		return p.paren(s)
	}
	return s
}

func (p printer) paren(s string) string {
	if p.style == LaTeX {
		return latexDelims("(", s, ")")
	}
	return "(" + s + ")"
}

// latexDelims puts s between a pair of delimiters, sized by \left and
// \right only around tall content (a fraction, a big operator, a root or
// brackets that are sized themselves): around p(x) or \sigma^{2} they
// leave gaps a person would not.
func latexDelims(open, s, close string) string {
	for _, tall := range []string{`\frac`, `\sum`, `\prod`, `\int`, `\sqrt`, `\left`, `\Bigl`, `\begin`} {
		if strings.Contains(s, tall) {
			return `\left` + open + s + `\right` + close
		}
	}
	if open == "[" {
		return "[" + s + "]"
	}
	return open + s + close
}

func (p printer) num(r *big.Rat) (string, int) {
	if r.Sign() < 0 {
		s, _ := p.num(new(big.Rat).Neg(r))
		return "-" + s, precProd
	}
	if r.IsInt() {
		return r.Num().String(), precAtom
	}
	if p.style == LaTeX {
		frac := `\frac`
		if p.small {
			frac = `\tfrac`
		}
		return frac + `{` + r.Num().String() + `}{` + r.Denom().String() + `}`, precAtom
	}
	return r.Num().String() + "/" + r.Denom().String(), precProd
}

func (p printer) sym(name string) string {
	if name == "inf" && p.style != Plain {
		return map[Style]string{Unicode: "∞", LaTeX: `\infty`}[p.style]
	}
	switch p.style {
	case Unicode:
		return unicodeName(name)
	case LaTeX:
		return latexName(name)
	}
	return name
}

// negative reports whether e prints with a leading minus, and returns its
// absolute value.
func negative(e Expr) (Expr, bool) {
	switch e := e.(type) {
	case *Num:
		if e.Val.Sign() < 0 {
			return &Num{Val: new(big.Rat).Neg(e.Val)}, true
		}
	case *Mul, *Pow:
		// The sign is that of the printed coefficient, which takes in the
		// numbers of denominators too: 1/(-a) prints as -1/a.
		if coef, _, _ := split(e); coef.Sign() < 0 {
			return Prod(N(-1), e), true
		}
	}
	return e, false
}

func (p printer) sum(a *Add) string {
	return strings.Join(p.terms(a), " ")
}

// split separates a product into its coefficient, numerator factors and
// denominator factors (those with negative rational exponents, inverted).
// The coefficient is the caller's to read, never to change: it may be
// a number of the tree itself, or the 1 that every N(1) shares.
func split(e Expr) (coef *big.Rat, num, den []Expr) { return splitFor(e, false) }

// splitFor is split; plain keeps the signs of a sum that must parse back
// as it is (negated).
//
// The printer splits every product it meets, most of them with one
// number or none: the coefficient is the first number's own rational,
// and a new one is made only when a second number or a sign changes it
// (so that no tree's number is changed); with none, it is the shared 1.
func splitFor(e Expr, plain bool) (coef *big.Rat, num, den []Expr) {
	factors := []Expr{e}
	if m, ok := e.(*Mul); ok {
		factors = m.Factors
	}
	num = make([]Expr, 0, len(factors))
	for _, f := range factors {
		if n, ok := f.(*Num); ok {
			if coef == nil {
				coef = n.Val
			} else {
				coef = new(big.Rat).Mul(coef, n.Val)
			}
			continue
		}
		if pw, ok := f.(*Pow); ok {
			if x, ok := pw.Exp.(*Num); ok && x.Val.Sign() < 0 {
				// 1/(2*A) has the denominator factors 2 and A, so that
				// the 2 joins the coefficient rather than nesting.
				if m, ok := pw.Base.(*Mul); ok && RatIs(x.Val, -1, 1) && !hasDenominator(m) {
					for _, g := range m.Factors {
						if n, ok := g.(*Num); ok {
							if coef == nil {
								coef = new(big.Rat).Inv(n.Val)
							} else {
								coef = new(big.Rat).Quo(coef, n.Val)
							}
						} else {
							den = append(den, g)
						}
					}
					continue
				}
				den = append(den, Power(pw.Base, &Num{Val: new(big.Rat).Neg(x.Val)}))
				continue
			}
		}
		if a, ok := f.(*Add); ok {
			if pos, ok := negated(a, plain); ok {
				// -(-2*a - b)*erf(u) prints as (2*a + b)*erf(u): a
				// sum whose every term has a minus sign gives the
				// sign to the coefficient.
				if coef == nil {
					coef = &smallInts.Get()[smallMax-1] // -1, shared as N(-1)'s is
				} else {
					coef = new(big.Rat).Neg(coef)
				}
				f = pos
			}
		}
		num = append(num, f)
	}
	if coef == nil {
		coef = &smallInts.Get()[1+smallMax] // shared, as N(1)'s is
	}
	return coef, num, den
}

// split is the free split with the factors in a person's order
// (personOrder) in the styles a person reads; Plain keeps the tree's
// order, since its output must parse back to the same tree.
func (p printer) split(e Expr) (coef *big.Rat, num, den []Expr) {
	coef, num, den = splitFor(e, p.style == Plain)
	if p.style != Plain && !p.note.AsWritten {
		personOrder(num, p.note.Order)
		personOrder(den, p.note.Order)
		coefficientFirst(num, den)
	}
	return coef, num, den
}

// isFactor reports whether f is e or one of its factors, rather than
// made by split.
func isFactor(f, e Expr) bool {
	if m, ok := e.(*Mul); ok {
		for _, g := range m.Factors {
			if g == f {
				return true
			}
		}
	}
	return f == e
}

// negated is -a when every term of a prints with a minus sign. Where
// the output must parse back to the same tree (plain), none of them may
// be a negated sum: -1 - (1 + A) keeps its signs, since 1 + (1 + A)
// would read back as the one sum 2 + A.
func negated(a *Add, plain bool) (*Add, bool) {
	out := &Add{Terms: make([]Expr, len(a.Terms))}
	for i, t := range a.Terms {
		abs, neg := negative(t)
		if _, sum := abs.(*Add); !neg || plain && sum {
			return nil, false
		}
		out.Terms[i] = abs
	}
	return out, true
}

func (p printer) product(e Expr) (string, int) {
	coef, num, den := p.split(e)
	if p.style == Unicode {
		// LaTeX keeps the powers of names and numbers, which its reader
		// reads back as the same tree (\sqrt reads as a call of sqrt).
		num, den = roots(num), roots(den)
	}
	if p.style != Plain {
		num, den = sumRoots(num), sumRoots(den)
	}
	if pw, ok := e.(*Pow); ok && len(den) == 0 && len(num) == 1 && num[0] == e {
		return p.power(pw), precPow
	}
	if a, ok := lastAdd(num); ok && len(num) == 1 && len(den) == 0 && RatIs(coef, 1, 1) && !isFactor(a, e) {
		// -(-a - b) is the sum a + b: split gave the sign to the
		// coefficient, and no bracket is left to print.
		return p.sum(a), precSum
	}
	sign := ""
	if coef.Sign() < 0 {
		sign = "-"
		coef = new(big.Rat).Neg(coef)
	}
	over := p.over(coef, num, den) && !p.front
	p.front = false
	if len(den) == 0 && !over {
		// A bare rational coefficient is written in front: 1/2*log(x).
		parts := p.factors(num)
		if n := len(num); n > 0 && p.style == Unicode {
			switch last := num[n-1].(type) {
			case *Big, *Integral:
				// A sum that ends the product reaches to its end
				// anyway: -1/2·Σ_{d=1..k} log(σ[d]²) needs no brackets.
				parts[n-1] = p.wrapNone(last)
			}
		}
		if !RatIs(coef, 1, 1) {
			c, _ := p.num(coef)
			parts = append([]string{c}, parts...)
		}
		if p.style == LaTeX {
			return sign + joinLaTeX(parts), precProd
		}
		return sign + p.join(parts), precProd
	}
	a, b := new(big.Rat).SetInt(coef.Num()), new(big.Rat).SetInt(coef.Denom())
	if !RatIs(a, 1, 1) {
		num = append([]Expr{&Num{Val: a}}, num...)
	}
	if !RatIs(b, 1, 1) {
		den = append([]Expr{&Num{Val: b}}, den...)
	}
	if over && p.style == LaTeX && p.inArg {
		// Inside parentheses on the line, as an author writes it:
		// \exp(-x^{2}/2), \log(\pi v/2).
		return sign + joinLaTeX(p.factors(num)) + "/" + b.RatString(), precProd
	}
	if over && p.style == LaTeX && p.small {
		// -\tfrac{k}{2} in a row set at text height, as its ½ is.
		return sign + `\tfrac{` + joinLaTeX(p.factors(num)) + `}{` + b.RatString() + `}`, precProd
	}
	// A denominator of several factors is printed as the product it
	// reads back as: 1/10/(1/A) is 1/(10/A), not 1/(10*(1/A)), which
	// would read back as 1/(10/A) and print differently.
	var dens Expr
	if len(den) > 1 {
		dens = Prod(den...)
	}
	if p.style == LaTeX {
		// An author sets the fraction in front of a cases environment,
		// \frac{1}{s} \begin{cases}…, not the environment over s.
		var cases Expr
		if i := casesAt(num); i >= 0 {
			cases = num[i]
			num = append(append([]Expr{}, num[:i]...), num[i+1:]...)
		}
		n := "1"
		if len(num) == 1 {
			n = p.wrapNone(num[0])
		} else if len(num) > 1 {
			n = joinLaTeX(p.factors(num))
		}
		// A lone factor fills the denominator: \frac{1 - a}{1 - b}
		// needs no parentheses around 1 - b.
		d := p.wrapNone(den[0])
		if dens != nil {
			d = p.wrapNone(dens)
		}
		if cases != nil {
			return sign + `\frac{` + n + `}{` + d + `} ` + p.wrapNone(cases), precProd
		}
		return sign + `\frac{` + n + `}{` + d + `}`, precProd
	}
	n := "1"
	if len(num) == 1 {
		n = p.wrap(num[0], precProd)
	} else if len(num) > 1 {
		n = p.join(p.factors(num))
	}
	d := p.wrap(den[0], precPow)
	if dens != nil {
		d = p.paren(p.wrapNone(dens))
	}
	return sign + n + "/" + d, precProd
}

// casesAt is the index of the one piecewise factor among factors, or -1
// when there is none or more than one.
func casesAt(factors []Expr) int {
	at := -1
	for i, f := range factors {
		if _, ok := f.(*Cases); ok {
			if at >= 0 {
				return -1
			}
			at = i
		}
	}
	return at
}

// over reports whether a product with the coefficient coef (positive)
// is written as one fraction: a unit fraction of symbols is, -k/2 and
// log(π·v/2), as a textbook does, and so is one of a single call inside
// a function's parentheses, log(Γ(a)/6) rather than log(1/6·Γ(a)); ½
// stays in front of anything else, ½·log(2π), and 9/2 in front of τ·m².
func (p printer) over(coef *big.Rat, num, den []Expr) bool {
	over := len(den) == 0 && p.style != Plain && !coef.IsInt() && coef.Num().IsInt64() && coef.Num().Int64() == 1 && (monomial(num) || monomialSum(num) || (p.inCall && oneCall(num)))
	if over && p.style == LaTeX && p.small && !p.inArg && (len(num) > 1 || !atomic(num[0])) {
		// \tfrac{1}{2} \pi v and \tfrac{1}{2} (x - 3)^{2} rather than a
		// small fraction of a product or a bracket.
		over = false
	}
	return over
}

// halvesInFront reports whether the terms of a sum write their fraction
// coefficients in front, all of them: one convention per sum, as a
// textbook keeps it, 9/2·τ·m² + 1/2·τ·exp(v) - 1/2·v rather than a
// mixture with v/2. Logarithms are left out of the vote: ½·log(2π)
// beside v/2 is how a textbook writes them.
func (p printer) halvesInFront(a *Add) bool {
	front, over := false, false
	for _, t := range a.Terms {
		coef, num, den := split(t)
		if coef.IsInt() || len(den) > 0 || len(num) == 0 {
			continue
		}
		if c, ok := num[0].(*Call); ok && c.Fn == "log" && len(num) == 1 {
			continue
		}
		if p.over(new(big.Rat).Abs(coef), num, den) {
			over = true
		} else {
			front = true
		}
	}
	return front && over
}

// roots writes the square roots among factors in text, 2^(1/2)·v^(1/2),
// as one root, sqrt(2·v), where the first of them stands; a root of a
// sum is a root of its own (sumRoots), and of anything else, such as
// det(Σ)^(1/2), keeps its power, as |Σ|^(1/2) in a Gaussian's density.
// isHalfNum reports whether e is the number 1/2, the exponent of a
// square root, without making 1/2 at every factor printed.
func isHalfNum(e Expr) bool {
	n, ok := e.(*Num)
	return ok && RatIs(n.Val, 1, 2)
}

func roots(fs []Expr) []Expr {
	at, n := -1, 0
	var bases []Expr
	for i, f := range fs {
		if pw, ok := f.(*Pow); ok && isHalfNum(pw.Exp) {
			switch pw.Base.(type) {
			case *Sym, *Num, *Index:
				if at < 0 {
					at = i
				}
				bases = append(bases, pw.Base)
				n++
			}
		}
	}
	if n == 0 {
		return fs
	}
	out := make([]Expr, 0, len(fs)-n+1)
	for i, f := range fs {
		switch {
		case i == at:
			out = append(out, &Call{Fn: "sqrt", Args: []Expr{Prod(bases...)}})
		case i > at && containsExpr(bases, f):
		default:
			out = append(out, f)
		}
	}
	return out
}

// sumRoots writes the square root of a sum among factors as a root,
// sqrt(1 - x), as a person does, not as the power (1 - x)^(1/2).
func sumRoots(fs []Expr) []Expr {
	var out []Expr
	for i, f := range fs {
		pw, ok := f.(*Pow)
		if !ok || !isHalfNum(pw.Exp) {
			continue
		}
		if _, sum := pw.Base.(*Add); !sum {
			continue
		}
		if out == nil {
			out = append([]Expr(nil), fs...)
		}
		out[i] = &Call{Fn: "sqrt", Args: []Expr{pw.Base}}
	}
	if out == nil {
		return fs
	}
	return out
}

// containsExpr reports whether f is the square root of one of bases.
func containsExpr(bases []Expr, f Expr) bool {
	pw, ok := f.(*Pow)
	if !ok || !isHalfNum(pw.Exp) {
		return false
	}
	for _, b := range bases {
		if b == pw.Base {
			return true
		}
	}
	return false
}

// monomial reports whether fs are powers of names and numbers, and
// squares of sums, only, such as π·v, σ[d]² or (x - 3)²: over a number
// they read as one fraction.
func monomial(fs []Expr) bool {
	if len(fs) == 0 {
		return false
	}
	for _, f := range fs {
		if pw, ok := f.(*Pow); ok {
			x, ok := pw.Exp.(*Num)
			if !ok {
				return false
			}
			if _, sum := pw.Base.(*Add); sum && x.Val.IsInt() && x.Val.Sign() > 0 {
				continue
			}
			f = pw.Base
		}
		switch f.(type) {
		case *Sym, *Index, *Num:
		default:
			return false
		}
	}
	return true
}

// oneCall reports whether fs is a single function call, Γ(a).
func oneCall(fs []Expr) bool {
	if len(fs) != 1 {
		return false
	}
	_, ok := fs[0].(*Call)
	return ok
}

// monomialSum reports whether fs is one sum of monomials, such as
// a + b: half of it is the midpoint (a + b)/2, as a textbook writes it.
func monomialSum(fs []Expr) bool {
	if len(fs) != 1 {
		return false
	}
	s, ok := fs[0].(*Add)
	if !ok {
		return false
	}
	for _, t := range s.Terms {
		if _, num, den := split(t); len(den) > 0 || (len(num) > 0 && !monomial(num)) {
			return false
		}
	}
	return true
}

// atomic reports whether f is a name or a power of one.
func atomic(f Expr) bool {
	if pw, ok := f.(*Pow); ok {
		f = pw.Base
	}
	switch f.(type) {
	case *Sym, *Index:
		return true
	}
	return false
}

func (p printer) factors(fs []Expr) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = p.wrap(f, precPow)
		if _, ok := f.(*MatMul); ok {
			// A matrix product is itself a chain of factors.
			out[i] = p.wrapNone(f)
		}
		switch f.(type) {
		case *Big, *Integral:
			// A typeset sum or integral reaches to the right: one that
			// is not the last factor is closed by parentheses.
			if p.style != Plain && i < len(fs)-1 {
				out[i] = p.paren(p.wrapNone(f))
			}
		}
		if p.style == LaTeX {
			out[i] = p.wrap(f, precProd)
			if _, ok := f.(*Add); ok {
				out[i] = p.paren(p.wrapNone(f))
			}
			if c, ok := f.(*Call); ok && i < len(fs)-1 {
				out[i] = p.callForm(c, false)
			}
		}
	}
	return out
}

func (p printer) wrapNone(e Expr) string { s, _ := p.print(e); return s }

func (p printer) join(parts []string) string {
	if p.style == Unicode {
		return strings.Join(parts, "·")
	}
	return strings.Join(parts, "*")
}

// joinLaTeX juxtaposes factors, with \cdot where juxtaposition would
// glue two numbers together, or make the letter Γ or ψ before a
// parenthesis read as the function Γ(a) or ψ(a).
func joinLaTeX(parts []string) string {
	var b strings.Builder
	for i, s := range parts {
		if i > 0 {
			call := (parts[i-1] == `\Gamma` || parts[i-1] == `\psi`) && (strings.HasPrefix(s, `\left(`) || strings.HasPrefix(s, "("))
			if s != "" && (s[0] >= '0' && s[0] <= '9' || strings.HasPrefix(s, `\frac`)) || call {
				b.WriteString(` \cdot `)
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

var superscript = once.Value[map[rune]rune]{New: func() map[rune]rune {
	return map[rune]rune{
		'0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹',
	}
}}

func (p printer) power(pw *Pow) string {
	// A fraction as a base is bracketed once: (3/10)^x, not
	// ((3/10))^x, and in LaTeX \left(\frac{3}{10}\right)^{x}.
	base, prec := p.print(pw.Base)
	if n, ok := pw.Base.(*Num); prec < precAtom || ok && !n.Val.IsInt() {
		base = p.paren(base)
	}
	if p.style == LaTeX {
		if c, ok := pw.Base.(*Call); ok && !specials.Get()[c.Fn].logHead {
			// A power of log x is (\log x)^{2}: \log x^{2} and \log(x)^{2}
			// read as log(x^2), and the LaTeX reader rejects the second.
			// A log Γ(a) keeps the parentheses wrap gave it:
			// \log\Gamma(a)^{2} would read as the log of Γ(a)².
			base = p.callForm(c, c.Fn == "log")
			if c.Fn == "sqrt" || c.Fn == "abs" || c.Fn == "log" {
				base = p.paren(base)
			}
		}
		return base + "^{" + p.script().exponent(pw.Exp) + "}"
	}
	if n, ok := pw.Exp.(*Num); ok && n.Val.IsInt() && n.Val.Sign() >= 0 {
		s := n.Val.Num().String()
		if p.style == Unicode {
			var b strings.Builder
			for _, r := range s {
				b.WriteRune(superscript.Get()[r])
			}
			return base + b.String()
		}
		return base + "^" + s
	}
	return base + "^" + p.wrap(pw.Exp, precAtom)
}

func (p printer) args(args []Expr, sep string) string {
	parts := make([]string, len(args))
	p.inCall = true
	for i, a := range args {
		parts[i] = p.inline(a)
	}
	return strings.Join(parts, sep)
}

func (p printer) call(c *Call) string { return p.callForm(c, true) }

// callForm prints a call; bare allows \log p(x) and \log \sigma_{1}
// without parentheses, which only a call that no factor follows can
// take: \log \sigma x would read as log(σx).
func (p printer) callForm(c *Call, bare bool) string {
	if _, fam := FamilyCall(c); fam != nil && len(c.Args) > 1 {
		head, rest := p.args(c.Args[:1], ""), p.args(c.Args[1:], ", ")
		switch p.style {
		case LaTeX:
			sep := `;\, `
			if p.note.CondBar {
				sep = ` \mid `
			}
			return fam.TeX + latexDelims("(", head+sep+rest, ")")
		case Unicode:
			return fam.Unicode + "(" + head + "; " + rest + ")"
		}
		return c.Fn + "(" + head + "; " + rest + ")"
	}
	if sp, ok := specials.Get()[c.Fn]; ok && p.style != Plain {
		if sp.sub > 0 && len(c.Args) == sp.arity {
			// I_x(a, b): the subscript, then the other arguments.
			k, _ := p.script().print(c.Args[sp.sub-1])
			rest := append(append([]Expr(nil), c.Args[:sp.sub-1]...), c.Args[sp.sub:]...)
			if p.style == LaTeX {
				return sp.latex + `_{` + k + `}` + p.paren(p.args(rest, ", "))
			}
			return sp.unicode + "_{" + k + "}(" + p.args(rest, ", ") + ")"
		}
		if p.style == LaTeX {
			return sp.latex + p.paren(p.args(c.Args, ", "))
		}
		return sp.unicode + "(" + p.args(c.Args, ", ") + ")"
	}
	if c.Fn == "I" && len(c.Args) == 1 && p.style != Plain {
		// The identity of size k reads I_k.
		k, _ := p.script().print(c.Args[0])
		if p.style == LaTeX {
			return `I_{` + k + `}`
		}
		return unicodeName("I_" + k)
	}
	if p.style != LaTeX {
		return p.sym(c.Fn) + "(" + p.args(c.Args, ", ") + ")"
	}
	inner := p.args(c.Args, ", ")
	switch c.Fn {
	case "sqrt":
		return `\sqrt{` + inner + `}`
	case "abs":
		return `\left|` + inner + `\right|`
	case "log":
		// \log p(x), \log \det \Sigma and \log \frac{a}{b} as a
		// person writes them: the argument is one unmistakable piece.
		if bare && (bareArg(c.Args[0]) || p.bars(c.Args[0]) || bareDet(c.Args[0]) || wholeFrac(inner)) {
			return `\log ` + inner
		}
		return `\log` + p.paren(inner)
	case "det":
		if p.bars(c) {
			return `\lvert ` + inner + ` \rvert`
		}
		if bare && bareDet(c) {
			return `\det ` + inner
		}
		return `\det` + p.paren(inner)
	case "exp":
		// A short exponent reads best as a superscript, e^{v_{d}}; a
		// tall one (a fraction) as \exp(...) on the line. Not under a
		// power or before a factor, where e^{v}^{2} would be invalid and
		// the parentheses say where the exponent ends.
		if bare && shortExponent(c.Args[0]) {
			return `e^{` + p.script().args(c.Args, ", ") + `}`
		}
		return `\exp` + p.paren(inner)
	case "tr", "diag":
		return `\operatorname{` + c.Fn + `}` + p.paren(inner)
	case "inv":
		return p.wrap(c.Args[0], precAtom) + "^{-1}"
	}
	return latexName(c.Fn) + p.paren(inner)
}

func (p printer) index(ix *Index) string {
	sub, _ := p.script().print(ix.Sub)
	if p.style == LaTeX {
		if s, ok := ix.Base.(*Sym); ok {
			base, s1 := SplitName(s.Name)
			if s1 != "" {
				sub = latexBase(s1) + "," + sub
			}
			return latexBase(base) + "_{" + sub + "}"
		}
	}
	return p.wrap(ix.Base, precAtom) + "[" + sub + "]"
}

func (p printer) expect(x *Expect) string {
	v, _ := p.script().print(x.Var)
	body, _ := p.print(x.Body)
	switch p.style {
	case LaTeX:
		return `\mathbb{E}_{` + v + ` \sim ` + latexName(x.Dist) + `}` + latexDelims("[", body, "]")
	case Unicode:
		return "E_{" + v + "∼" + p.sym(x.Dist) + "}[" + body + "]"
	}
	return "E(" + v + " ~ " + x.Dist + ", " + body + ")"
}

func (p printer) integral(in *Integral) string {
	v, _ := p.print(in.Var)
	limits := ""
	if in.Bounded() {
		lo, hi := p.script().wrapNone(in.Lo), p.script().wrapNone(in.Hi)
		limits = "_{" + lo + "}^{" + hi + "}"
		if p.style == Plain {
			limits = " in " + lo + ".." + hi
		}
	}
	switch p.style {
	case LaTeX:
		return `\int` + limits + ` ` + p.wrap(in.Body, precProd) + ` \,\mathrm{d}` + v
	case Unicode:
		return "∫" + limits + " " + p.wrap(in.Body, precProd) + " d" + v
	}
	body, _ := p.print(in.Body)
	return "int(" + v + limits + ", " + body + ")"
}

func (p printer) big(b *Big) string {
	lo, _ := p.script().print(b.Lo)
	hi, _ := p.script().print(b.Hi)
	switch p.style {
	case LaTeX:
		op := `\sum`
		if b.Op == "prod" {
			op = `\prod`
		}
		return op + `_{` + latexName(b.Index) + `=` + lo + `}^{` + hi + `} ` + p.wrap(b.Body, precProd)
	case Unicode:
		op := "Σ"
		if b.Op == "prod" {
			op = "Π"
		}
		return op + "_{" + b.Index + "=" + lo + ".." + hi + "} " + p.wrap(b.Body, precPow)
	}
	body, _ := p.print(b.Body)
	return b.Op + "(" + b.Index + " in " + lo + ".." + hi + ", " + body + ")"
}

func (p printer) info(in *Info) string {
	P, Q := p.sym(in.P), p.sym(in.Q)
	switch {
	case in.Kind == "KL" && p.style == LaTeX:
		return `D_{\mathrm{KL}}(` + P + ` \,\|\, ` + Q + `)`
	case in.Kind == "KL" && p.style == Unicode:
		return "KL(" + P + " ‖ " + Q + ")"
	case in.Kind == "KL":
		return "KL(" + P + " || " + Q + ")"
	case in.Kind == "I" && p.style == LaTeX:
		return `\mathbb{I}(` + P + `)`
	case in.Kind == "I":
		return "I(" + P + ")"
	case in.Q == "":
		return "H(" + P + ")"
	}
	return "H(" + P + ", " + Q + ")"
}

func (p printer) rel(r *Rel) string {
	l, _ := p.print(r.L)
	rr, _ := p.print(r.R)
	// A side that is itself a comparison, 0 > (0 > 0), keeps its
	// parentheses: 0 > 0 > 0 reads as no expression.
	if _, ok := r.L.(*Rel); ok {
		l = p.paren(l)
	}
	if _, ok := r.R.(*Rel); ok {
		rr = p.paren(rr)
	}
	op := r.Op
	if p.style == LaTeX {
		op = map[string]string{">": ">", "<": "<", ">=": `\geq`, "<=": `\leq`, "!=": `\neq`, "=": "="}[op]
	} else if p.style == Unicode {
		op = map[string]string{">": ">", "<": "<", ">=": "≥", "<=": "≤", "!=": "≠", "=": "="}[op]
	}
	return l + " " + op + " " + rr
}

func (p printer) matmul(m *MatMul) string {
	parts := make([]string, len(m.Factors))
	for i, f := range m.Factors {
		parts[i] = p.wrap(f, precPow)
		if c, ok := f.(*Call); ok && p.style == LaTeX && i < len(m.Factors)-1 {
			// \det \Sigma A would read as det(Σ A): a call before
			// another factor keeps its parentheses, as in a product.
			parts[i] = p.callForm(c, false)
		}
	}
	if p.style == LaTeX {
		return strings.Join(parts, " ")
	}
	return p.join(parts)
}

func (p printer) matrix(m *Matrix) string {
	rows := make([]string, len(m.Rows))
	for i, r := range m.Rows {
		if p.style == LaTeX {
			rows[i] = p.args(r, " & ")
		} else {
			rows[i] = "[" + p.args(r, ", ") + "]"
		}
	}
	if p.style == LaTeX {
		return `\begin{pmatrix}` + strings.Join(rows, ` \\ `) + `\end{pmatrix}`
	}
	if m.Vector {
		return rows[0]
	}
	return "[" + strings.Join(rows, ", ") + "]"
}

// bars reports whether e is a determinant the notation writes between
// bars: that of a matrix name (capital, as the reader wants it).
func (p printer) bars(e Expr) bool {
	c, ok := e.(*Call)
	if !ok || c.Fn != "det" || !p.note.DetBars || len(c.Args) != 1 {
		return false
	}
	x := c.Args[0]
	if ix, ok := x.(*Index); ok {
		x = ix.Base
	}
	s, ok := x.(*Sym)
	if !ok {
		return false
	}
	base, _ := SplitName(s.Name)
	if g := GreekLetter(base); g != "" {
		return unicode.IsUpper([]rune(g)[0])
	}
	return len(base) == 1 && base[0] >= 'A' && base[0] <= 'Z'
}

// shortExponent reports whether e is small enough to set as a
// superscript of e: a symbol, a coordinate, a number, or minus one.
func shortExponent(e Expr) bool {
	switch e := e.(type) {
	case *Sym, *Index, *Num:
		return true
	case *Mul:
		if len(e.Factors) == 2 {
			if n, ok := e.Factors[0].(*Num); ok && RatIs(n.Val, -1, 1) {
				return shortExponent(e.Factors[1])
			}
		}
	}
	return false
}

// bareDet reports whether e is the determinant of a matrix name, a
// coordinate, the identity or a diagonal matrix, which reads without
// parentheses: \det \Sigma_{p}, \det I_{k}, \det \operatorname{diag}(v).
func bareDet(e Expr) bool {
	c, ok := e.(*Call)
	if !ok || c.Fn != "det" || len(c.Args) != 1 {
		return false
	}
	switch a := c.Args[0].(type) {
	case *Sym, *Index:
		return true
	case *Call:
		// I_{k}, and \det \operatorname{diag}(v), whose own parentheses
		// say where the argument ends.
		return a.Fn == "I" || a.Fn == "diag"
	}
	return false
}

// wholeFrac reports whether the LaTeX s is one \frac{...}{...} and
// nothing after it.
func wholeFrac(s string) bool {
	rest, ok := strings.CutPrefix(s, `\frac`)
	if !ok {
		return false
	}
	for range 2 {
		if !strings.HasPrefix(rest, "{") {
			return false
		}
		depth := 0
		end := -1
		for i, r := range rest {
			if r == '{' {
				depth++
			} else if r == '}' {
				if depth--; depth == 0 {
					end = i
					break
				}
			}
		}
		if end < 0 {
			return false
		}
		rest = rest[end+1:]
	}
	return rest == ""
}

// bareArg reports whether the argument of a logarithm reads unambiguously
// without parentheses: a symbol, a coordinate, a positive integer or a
// density applied to its variable.
func bareArg(e Expr) bool {
	switch e := e.(type) {
	case *Sym, *Index:
		return true
	case *Num:
		return e.Val.IsInt() && e.Val.Sign() > 0
	case *Call:
		return !builtinFn.Get()[e.Fn] && LookupFamily(e.Fn) == nil
	}
	return false
}

// builtinFn are the functions the LaTeX printer spells itself.
var builtinFn = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"log": true, "exp": true, "sqrt": true, "abs": true, "det": true, "tr": true, "inv": true, "diag": true, "I": true}
}}

// exponent prints a power's exponent, a rational coefficient on the
// line as a person writes it in a superscript: (2\pi)^{-k/2}, x^{1/2}.
func (p printer) exponent(e Expr) string {
	coef, num, den := p.split(e)
	if coef.IsInt() || len(den) > 0 {
		s, _ := p.print(e)
		return s
	}
	sign := ""
	if coef.Sign() < 0 {
		sign = "-"
	}
	a := new(big.Int).Abs(coef.Num())
	top := a.String()
	if len(num) > 0 {
		top = joinLaTeX(p.factors(num))
		if a.Cmp(big.NewInt(1)) != 0 {
			top = a.String() + " " + top
		}
	}
	return sign + top + "/" + coef.Denom().String()
}

// hasDenominator reports whether a product has a factor with a negative
// exponent; such a product in a denominator is printed as a nested
// fraction rather than merged.
func hasDenominator(m *Mul) bool {
	for _, f := range m.Factors {
		if pw, ok := f.(*Pow); ok {
			if x, ok := pw.Exp.(*Num); ok && x.Val.Sign() < 0 {
				return true
			}
		}
	}
	return false
}

// binderPrec is how tightly a sum, product or integral binds: in the input
// syntax it is written like a function call, but a typeset sum reaches
// to the right, so a factor after it needs the sum parenthesised.
func (p printer) binderPrec() int {
	if p.style == Plain {
		return precAtom
	}
	return precProd
}
