package expr

import (
	"math/big"
	"slices"

	"github.com/klderive/klderive/internal/once"
)

// The constructors below keep trees in a light normal form that printing
// and parsing both preserve: nested sums and products are flattened, the
// numeric factors of a product are multiplied into one leading
// coefficient, and a rational raised to an integer power is folded. They
// never reorder terms or combine like terms; that is the rules' job, and
// each such change is a shown step.

// N returns the integer n. A small one shares its rational with every
// other node of that value: trees are immutable, so no Val is changed in
// place, and the digits, signs and exponents every tree is full of then
// cost one small node each rather than a new rational. The node itself
// is new, since positions are kept by node.
func N(n int64) *Num {
	if -smallMax <= n && n <= smallMax {
		return &Num{Val: &smallInts.Get()[n+smallMax]}
	}
	// SetInt64 rather than NewRat(n, 1), whose normalising finds the
	// greatest common divisor of n and 1 in new big integers.
	return &Num{Val: new(big.Rat).SetInt64(n)}
}

// smallMax bounds the integers N shares.
const smallMax = 16

var smallInts = once.Value[*[2*smallMax + 1]big.Rat]{New: func() *[2*smallMax + 1]big.Rat {
	var out [2*smallMax + 1]big.Rat
	for i := range out {
		out[i].SetInt64(int64(i) - smallMax)
	}
	return &out
}}

// ParseNumber reads a number as a parser sees it: digits, with a
// decimal point or an exponent when big.Rat reads them. Digits alone are
// read without big.Rat's scanner, so that a small integer shares its
// rational as N's do; the value is the same either way.
func ParseNumber(text string) (*Num, bool) {
	if len(text) > 0 && len(text) <= 18 { // 18 digits fit an int64
		n := int64(0)
		for i := 0; i < len(text); i++ {
			if text[i] < '0' || text[i] > '9' {
				n = -1
				break
			}
			n = 10*n + int64(text[i]-'0')
		}
		if n >= 0 {
			return N(n), true
		}
	}
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return nil, false
	}
	return &Num{Val: r}, true
}

// R returns the rational a/b.
func R(a, b int64) *Num { return &Num{Val: big.NewRat(a, b)} }

// S returns the symbol named name.
func S(name string) *Sym { return &Sym{Name: name} }

// Fn applies the function named fn.
func Fn(fn string, args ...Expr) *Call { return &Call{Fn: fn, Args: args} }

// IsNum reports whether e is the rational r.
func IsNum(e Expr, r *big.Rat) bool {
	n, ok := e.(*Num)
	return ok && RatEqual(n.Val, r)
}

// RatEqual is a.Cmp(b) == 0 without the two numbers Cmp builds to
// compare across denominators: a rational is kept in lowest terms with
// a positive denominator, so equal ones have equal numerators and
// denominators. Matching and Equal compare numbers at every node.
func RatEqual(a, b *big.Rat) bool {
	return a == b || a.Num().Cmp(b.Num()) == 0 && a.Denom().Cmp(b.Denom()) == 0
}

// RatIs reports whether r is num/den, a fraction in lowest terms with
// den > 0, without making it as a rational or scaling r to compare (as
// Cmp does): the printer and the normal form ask it of exponents and
// coefficients at every factor.
func RatIs(r *big.Rat, num, den int64) bool {
	if n := r.Num(); !n.IsInt64() || n.Int64() != num {
		return false
	}
	if r.IsInt() {
		return den == 1 // Denom would make a new 1
	}
	d := r.Denom()
	return d.IsInt64() && d.Int64() == den
}

// IsInt reports whether e is the integer n. It asks so often that it
// compares without building n as a rational.
func IsInt(e Expr, n int64) bool {
	x, ok := e.(*Num)
	return ok && x.Val.IsInt() && x.Val.Num().IsInt64() && x.Val.Num().Int64() == n
}

// Sum returns the flattened sum of terms without its zero terms, its
// numbers added into one where the first of them stood; the empty sum is
// 0. Dropping x + 0 keeps Normal(x; 0, 1) from expanding to (x - 0)^2,
// which no rule should have to look through, and adding the numbers
// keeps a parameter a + 1 in x^(a - 1) from showing as x^(a + 1 - 1).
func Sum(terms ...Expr) Expr {
	// The terms are gathered on the stack and copied once into a slice
	// of their number, as in prod.
	var buf [8]Expr
	flat, at := buf[:0], -1 // at is the index in flat of the number so far
	for _, t := range terms {
		flat, at = addTerm(flat, at, t)
	}
	if at >= 0 && IsInt(flat[at], 0) {
		flat = append(flat[:at], flat[at+1:]...)
	}
	switch len(flat) {
	case 0:
		return N(0)
	case 1:
		return flat[0]
	}
	return &Add{Terms: slices.Clone(flat)}
}

// addTerm appends t's terms to flat, adding its numbers into the one at
// index at, if any, and returns both.
func addTerm(flat []Expr, at int, t Expr) ([]Expr, int) {
	switch t := t.(type) {
	case *Add:
		for _, u := range t.Terms {
			flat, at = addTerm(flat, at, u)
		}
	case *Num:
		switch {
		case at >= 0:
			flat[at] = &Num{Val: new(big.Rat).Add(flat[at].(*Num).Val, t.Val)}
		case t.Val.Sign() != 0:
			at = len(flat)
			flat = append(flat, t)
		}
	default:
		flat = append(flat, t)
	}
	return flat, at
}

// Prod returns the flattened product of factors with their numeric
// factors folded into one leading coefficient. A zero coefficient gives 0
// and the empty product is 1.
func Prod(factors ...Expr) Expr { return prod(factors, false) }

// rebuiltProd is Prod for a product whose factors a rewrite changed: its
// algebraic factors go ahead of its logarithms (see coefficientsFirst).
// A product as the user wrote it keeps its order.
func rebuiltProd(factors []Expr) Expr { return prod(factors, true) }

func prod(factors []Expr, ordered bool) Expr {
	// rest[0] is kept for the coefficient, so that it goes in front
	// without a second slice. The factors are gathered on the stack and
	// copied once into a slice of their number, since most products
	// lose some (a coefficient of 1, a nested product) or end as one
	// factor.
	var buf [8]Expr
	var fs productFactors
	all := buf[:1]
	for _, f := range factors {
		all = fs.add(all, f)
	}
	coef := fs.coef()
	if coef != nil && coef.Val.Sign() == 0 {
		return N(0)
	}
	rest := all[1:]
	if ordered {
		copy(rest, coefficientsFirst(rest))
	}
	if coef != nil && !isOne(coef.Val) {
		rest = all
		rest[0] = coef
	}
	switch len(rest) {
	case 0:
		if coef == nil {
			return N(1)
		}
		return coef
	case 1:
		return rest[0]
	}
	return &Mul{Factors: slices.Clone(rest)}
}

// productFactors collects the numbers of a product as prod flattens it.
type productFactors struct {
	// one is the only number met so far, kept as it is; product is the
	// product of the numbers once there are two (most products have at
	// most one number, and then none is copied).
	one     *Num
	product *big.Rat
}

// add takes in the factor f, returning rest with f's other factors
// appended: the list is prod's to keep (on its stack), not fs's.
func (fs *productFactors) add(rest []Expr, f Expr) []Expr {
	switch f := f.(type) {
	case *Num:
		switch {
		case fs.one == nil && fs.product == nil:
			fs.one = f
		case fs.product == nil:
			fs.product = new(big.Rat)
			fs.mul(fs.one.Val, f.Val)
		default:
			fs.mul(fs.product, f.Val)
		}
	case *Mul:
		for _, g := range f.Factors {
			rest = fs.add(rest, g)
		}
	default:
		rest = append(rest, f)
	}
	return rest
}

// mul sets the product, a rational of fs's own, to a·b. Integers, most
// coefficients, multiply as integers: Rat.Mul would then divide the
// product by the greatest common divisor of it and 1, in new big
// integers. SetInt leaves the rational as Rat.Mul would (its
// denominator 1), so trees compare equal whichever way they were built.
func (fs *productFactors) mul(a, b *big.Rat) {
	if a.IsInt() && b.IsInt() {
		fs.product.SetInt(fs.product.Num().Mul(a.Num(), b.Num()))
		return
	}
	fs.product.Mul(a, b)
}

// coef is the product's numeric coefficient, or nil when it has no
// number.
func (fs *productFactors) coef() *Num {
	switch {
	case fs.product != nil:
		return &Num{Val: fs.product}
	case fs.one != nil:
		return fs.one
	}
	return nil
}

// coefficientsFirst moves the algebraic factors of a product ahead of
// its logarithms, keeping the order within each: a·log(a) and
// n·a·log(a/b), as a textbook writes them, however the product was
// formed (a moment substituted into log(a)·E[x] gives log(a)·a).
func coefficientsFirst(fs []Expr) []Expr {
	firstLog := -1
	for i, f := range fs {
		if isLog(f) {
			firstLog = i
			break
		}
	}
	if firstLog < 0 {
		return fs
	}
	moved := false
	for _, f := range fs[firstLog+1:] {
		moved = moved || algebraic(f)
	}
	if !moved {
		return fs
	}
	out := make([]Expr, 0, len(fs))
	for _, f := range fs {
		if algebraic(f) {
			out = append(out, f)
		}
	}
	for _, f := range fs {
		if !algebraic(f) {
			out = append(out, f)
		}
	}
	return out
}

func isLog(f Expr) bool {
	c, ok := f.(*Call)
	return ok && c.Fn == "log"
}

// algebraic reports whether f is built of numbers and symbols by sums,
// products and powers alone: no function, expectation, sum or integral.
func algebraic(f Expr) bool {
	return !Any(f, func(n Expr) bool {
		switch n.(type) {
		case *Num, *Sym, *Index, *Add, *Mul, *Pow:
			return false
		}
		return true
	})
}

func isOne(r *big.Rat) bool { return r.IsInt() && r.Num().IsInt64() && r.Num().Int64() == 1 }

// Power returns base^exp. x^1 is x, x^0 is 1 (a literal parameter
// leaves x^(1 − 1) in a Beta's density; the evaluator takes 0^0 as 1
// too, so no value changes), and a rational to a small integer power is
// folded to a rational.
func Power(base, exp Expr) Expr {
	if n, ok := exp.(*Num); ok && isOne(n.Val) {
		return base
	}
	if n, ok := exp.(*Num); ok && n.Val.Sign() == 0 {
		return N(1)
	}
	if b, ok := base.(*Num); ok {
		if e, ok := exp.(*Num); ok {
			if r, ok := ratPow(b.Val, e.Val); ok {
				return &Num{Val: r}
			}
		}
	}
	return &Pow{Base: base, Exp: exp}
}

// maxFoldBits bounds the size of a folded power: a rational of more bits
// than this stays a power, so that (10^40)^64^64 neither hangs nor fills
// memory, and a number that large is unreadable anyway.
const maxFoldBits = 1 << 12

// ratPow computes b^e exactly when e is an integer of modest size and
// the result is of modest size.
func ratPow(b, e *big.Rat) (*big.Rat, bool) {
	if !e.IsInt() || !e.Num().IsInt64() {
		return nil, false
	}
	n := e.Num().Int64()
	if n > 64 || n < -64 || (n < 0 && b.Sign() == 0) {
		return nil, false
	}
	k := n
	if k < 0 {
		k = -k
	}
	if int64(b.Num().BitLen()+b.Denom().BitLen())*k > maxFoldBits {
		return nil, false
	}
	if b.IsInt() {
		// An integer's power (1/2 is 2^-1) is an integer or its
		// reciprocal, already in lowest terms: no SetFrac, whose
		// normalising divides by a greatest common divisor. SetInt and
		// Inv leave the rational as SetFrac would.
		r := new(big.Rat)
		if k == 1 {
			r.Num().Set(b.Num()) // Num is r's numerator, by reference
		} else {
			r.Num().Exp(b.Num(), big.NewInt(k), nil)
		}
		r.SetInt(r.Num())
		if n < 0 {
			r.Inv(r)
		}
		return r, true
	}
	bk := big.NewInt(k)
	num := new(big.Int).Exp(b.Num(), bk, nil)
	den := new(big.Int).Exp(b.Denom(), bk, nil)
	if n < 0 {
		num, den = den, num
	}
	return new(big.Rat).SetFrac(num, den), true
}

// Neg returns -x.
func Neg(x Expr) Expr { return Prod(N(-1), x) }

// Sub returns a - b.
func Sub(a, b Expr) Expr { return Sum(a, Neg(b)) }

// Quo returns a / b.
func Quo(a, b Expr) Expr { return Prod(a, Power(b, N(-1))) }

// MatProd returns the flattened non-commutative product of factors. A
// zero factor (the zero vector, written 0) makes the product zero.
func MatProd(factors ...Expr) Expr {
	flat := make([]Expr, 0, len(factors))
	for _, f := range factors {
		if t, ok := f.(*Transpose); ok && IsInt(t.X, 0) {
			f = t.X
		}
		if IsInt(f, 0) {
			return N(0)
		}
		if m, ok := f.(*MatMul); ok {
			flat = append(flat, m.Factors...)
		} else {
			flat = append(flat, f)
		}
	}
	if len(flat) == 1 {
		return flat[0]
	}
	return &MatMul{Factors: flat}
}
