package expr

import (
	"slices"
	"sort"
	"strconv"
	"unicode"
)

// The order in which a product's factors are printed, as a person
// writes them: the number in front (split takes it out), then π and e,
// then names in reading order (a before b, a₁ before a₂ before a₁₀, a
// coordinate σ[d] by its vector's name), then a density applied to its
// variable (x² p(x), p(x) log q(x)), then sums in brackets, then
// functions and everything else, then a piecewise factor. Factors of one
// kind other than names keep the order they have. A product of scalars
// commutes (matrix products are MatMul), so the order changes nothing
// but how it reads, and a printed product read back prints the same.

// personOrder sorts factors, in place, in that order, names ranked by
// order first, unless one of them may be a matrix or a vector's
// transpose: a product of those does not commute (x'*A*x), and the
// tree's order is kept.
func personOrder(fs []Expr, order map[string]int) {
	for _, f := range fs {
		if mayBeMatrix(f) {
			return
		}
	}
	sort.SliceStable(fs, func(i, j int) bool { return FactorBefore(fs[i], fs[j], order) })
}

// coefficientFirst puts the Γ and B factors of a numerator first, in
// place, when the denominator has one too: a ratio of them is a
// binomial coefficient, Γ(n + 1)/(Γ(x + 1)·Γ(n − x + 1)), which a
// person writes before the powers it multiplies, Γ(n + 1)·a^x·(1 −
// a)^(n − x)/(…), as C(n, x)·a^x·(1 − a)^(n − x). Alone, Γ keeps its
// place after the names: a·Γ(a), (a − 1)·Γ(a − 1).
func coefficientFirst(num, den []Expr) {
	if !slices.ContainsFunc(den, isCoefficient) || !slices.ContainsFunc(num, isCoefficient) {
		return
	}
	sort.SliceStable(num, func(i, j int) bool { return isCoefficient(num[i]) && !isCoefficient(num[j]) })
}

// isCoefficient reports a factor Γ(a) or B(a, b), or a power of one.
func isCoefficient(e Expr) bool {
	if pw, ok := e.(*Pow); ok {
		e = pw.Base
	}
	c, ok := e.(*Call)
	return ok && (c.Fn == "gamma" || c.Fn == "beta")
}

// mayBeMatrix reports a factor that may not commute: a transpose, a
// matrix product or literal, the inverse, diag or identity, a name that
// is a capital letter (A, S, Σ, as matrices are written), or a power or
// sum of one. Scalar functions of matrices (det, tr, log det) commute.
func mayBeMatrix(e Expr) bool {
	switch e := e.(type) {
	case *Transpose, *MatMul, *Matrix:
		return true
	case *Call:
		return e.Fn == "inv" || e.Fn == "diag" || e.Fn == "I"
	case *Sym:
		return capitalName(e.Name)
	case *Index:
		return mayBeMatrix(e.Base)
	case *Pow:
		return mayBeMatrix(e.Base)
	case *Add:
		for _, t := range e.Terms {
			if mayBeMatrix(t) {
				return true
			}
		}
	case *Mul:
		for _, f := range e.Factors {
			if mayBeMatrix(f) {
				return true
			}
		}
	}
	return false
}

// capitalName reports a name whose letters start with a capital, Latin
// or Greek (Sigma).
func capitalName(name string) bool {
	base, _ := SplitName(name)
	if g := GreekLetter(base); g != "" {
		return unicode.IsUpper([]rune(g)[0])
	}
	return base != "" && base[0] >= 'A' && base[0] <= 'Z'
}

// FactorBefore reports whether a person writes the factor a before b,
// names ranked by order first; factors of one kind other than names are
// equivalent, so a sort that needs one order breaks their ties itself.
func FactorBefore(a, b Expr, order map[string]int) bool {
	ra, rb := factorKind(a), factorKind(b)
	if ra != rb {
		return ra < rb
	}
	if ra != kindName {
		return false
	}
	na, nb := factorName(a), factorName(b)
	ia, okA := order[na]
	ib, okB := order[nb]
	switch {
	case okA && okB:
		return ia < ib
	case okA != okB:
		return okA
	}
	return nameBefore(na, nb)
}

const (
	kindNumber = iota
	kindConstant
	kindName
	kindDensity
	kindSum
	kindOther
	kindCases
)

// factorKind is the kind of a factor, by its base when it is a power.
func factorKind(e Expr) int {
	if pw, ok := e.(*Pow); ok {
		e = pw.Base
	}
	switch e := e.(type) {
	case *Num:
		return kindNumber
	case *Sym:
		if e.Name == "pi" || e.Name == "e" {
			return kindConstant
		}
		return kindName
	case *Index:
		if _, ok := e.Base.(*Sym); ok {
			return kindName
		}
	case *Call:
		if !builtinFn.Get()[e.Fn] && LookupFamily(e.Fn) == nil && !isSpecial(e.Fn) {
			return kindDensity
		}
	case *Add:
		return kindSum
	case *Cases:
		return kindCases
	}
	return kindOther
}

// factorName is the name a factor of kindName is ordered by.
func factorName(e Expr) string {
	if pw, ok := e.(*Pow); ok {
		e = pw.Base
	}
	switch e := e.(type) {
	case *Sym:
		return e.Name
	case *Index:
		return e.Base.(*Sym).Name
	}
	return ""
}

// nameBefore orders names by their letters, then by their subscripts,
// numerically when both are numbers.
func nameBefore(a, b string) bool {
	ab, as := SplitName(a)
	bb, bs := SplitName(b)
	if ab != bb {
		return ab < bb
	}
	an, errA := strconv.Atoi(as)
	bn, errB := strconv.Atoi(bs)
	if errA == nil && errB == nil && an != bn {
		return an < bn
	}
	return as < bs
}

func isSpecial(fn string) bool {
	_, ok := specials.Get()[fn]
	return ok
}

// SymbolOrder ranks the names of a file's densities' parameters in the
// order the file first writes them, for Notation.Order: p(x) =
// Binomial(x; n, a) ranks n before a. The densities the first goal
// names come first, in its order (KL(r || p) ranks r's parameters
// before p's), then the others as declared. The densities' variables
// are not ranked, so they follow in reading order.
func (f *File) SymbolOrder() map[string]int {
	order := map[string]int{}
	vars := map[string]bool{}
	for _, d := range f.Densities {
		if s, ok := d.Var.(*Sym); ok {
			vars[s.Name] = true
		}
	}
	var walk func(e Expr)
	walk = func(e Expr) {
		if s, ok := e.(*Sym); ok {
			if _, seen := order[s.Name]; !seen && !vars[s.Name] {
				order[s.Name] = len(order)
			}
			return
		}
		var buf [4]Expr
		for _, c := range ChildrenIn(e, &buf) {
			walk(c)
		}
	}
	var first []string
	if len(f.Goals) > 0 {
		first = []string{f.Goals[0].Info.P, f.Goals[0].Info.Q}
	}
	for _, name := range first {
		for _, d := range f.Densities {
			if d.Name == name {
				walk(d.Body)
			}
		}
	}
	for _, d := range f.Densities {
		walk(d.Body)
	}
	return order
}
