package derive

import (
	"math/big"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// Problem is a checked .kl file: its densities are well formed, the
// goals name declared densities, and the assumptions are collected into
// the context the rules consult.
type Problem struct {
	File  *expr.File
	Ctx   *rules.Context
	Types *expr.Types // declared shapes of vectors and matrices
	// Assumed lists what the derivation takes as given beyond the
	// densities, in the input syntax: "sigma1 > 0 (assumed)"; they are
	// the Assumptions as strings, in the same order.
	Assumed     []string
	Assumptions []Assumption
	// Recognised maps a density written as a formula to the family call
	// it was recognised as.
	Recognised map[string]*expr.Call
	// NonNegative holds the differences that "assume a <= b" makes
	// non-negative (b - a). The rules use only strict facts, which are in
	// Ctx.PositiveExprs; the sampler honours both.
	NonNegative []expr.Expr
	// Facts about the whole file, found once it is loaded, so that
	// each goal's cost does not grow with the file: the densities and
	// assumptions grouped by the symbols they share, for the rules'
	// context; whether any density is multivariate Gaussian; whether
	// any is a family on the simplex; the symbols the sampler draws,
	// and its points.
	relevance *relevance
	assumedBy map[string][]int // Assumptions by the symbols they are about
	// domainOf lists, by the key of a parameter (of the symbol, for an
	// indexed one), every density whose family's domain makes it
	// positive; the assumption records only the first.
	domainOf       map[string][]string
	isMultivariate bool
	isOnSimplex    bool
	fileSymbols    *fileSymbols
}

// Load checks a parsed file and builds its problem. Errors are
// *expr.Error values that point into the file.
func Load(f *expr.File) (*Problem, error) {
	types, err := f.Types()
	if err != nil {
		return nil, err
	}
	p := &Problem{
		File:       f,
		Types:      types,
		Ctx:        &rules.Context{Densities: map[string]*expr.Density{}, Positive: map[string]bool{}, Types: types},
		Recognised: map[string]*expr.Call{},
		domainOf:   map[string][]string{},
	}
	for _, name := range sortedKeys(types.Props) {
		if p.hasProp(name, "simplex") {
			p.positive(name, Assumption{Why: "a point of the simplex", Domain: true})
		}
	}
	// The assumptions first: a parameter t + sqrt(s) of a density is
	// positive by "assume t > 0" and "assume s > 0", and is then not
	// taken positive as an assumption of its own.
	for _, a := range f.Assumptions {
		if err := p.assume(a); err != nil {
			return nil, err
		}
	}
	for _, d := range f.Densities {
		if p.Ctx.Densities[d.Name] != nil {
			return nil, expr.Errorf(d.Pos, "density %s is defined twice", d.Name)
		}
		typed, err := p.typed(d)
		if err != nil {
			return nil, err
		}
		if err := p.checkDensity(typed); err != nil {
			return nil, err
		}
		p.Ctx.Densities[d.Name] = typed
		p.markCount(typed)
	}
	p.chain()
	for _, d := range f.Densities {
		if err := p.recognise(d); err != nil {
			return nil, err
		}
	}
	for _, g := range f.Goals {
		for _, name := range []string{g.Info.P, g.Info.Q} {
			if name != "" && p.Ctx.Densities[name] == nil {
				return nil, expr.Errorf(g.Pos, "%s names the density %s, which is not defined; defined: %s",
					expr.String(g.Info), name, p.densityNames())
			}
		}
	}
	sort.SliceStable(p.Assumptions, func(i, j int) bool { return p.Assumptions[i].String() < p.Assumptions[j].String() })
	for _, a := range p.Assumptions {
		p.Assumed = append(p.Assumed, a.String())
	}
	p.relevance = p.group()
	p.assumedBy = p.indexAssumptions()
	p.isMultivariate = p.anyMultivariate()
	p.isOnSimplex = p.anyOnSimplex()
	p.fileSymbols = p.findFileSymbols()
	return p, nil
}

// typed checks the shapes in a density and writes its matrix notation
// explicitly (see expr.Types.Check). A density is a number.
func (p *Problem) typed(d *expr.Density) (*expr.Density, error) {
	body, shape, err := p.Types.Check(d.Body, p.File.Where, d.Pos)
	if err != nil {
		return nil, err
	}
	if !shape.IsScalar() {
		return nil, expr.Errorf(p.pos(d.Body, d.Pos), "the density %s is %s, not a number", d.Name, shape)
	}
	if body != d.Body {
		p.File.Where[body] = p.pos(d.Body, d.Pos)
	}
	return &expr.Density{Name: d.Name, Var: d.Var, Body: body, Pos: d.Pos}, nil
}

func (p *Problem) densityNames() string {
	var names []string
	for _, d := range p.File.Densities {
		names = append(names, d.Name)
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func (p *Problem) pos(x expr.Expr, fallback expr.Pos) expr.Pos {
	if at, ok := p.File.Where[x]; ok {
		return at
	}
	return fallback
}

// checkDensity rejects densities that cannot mean anything: an unknown
// family, a family called with the wrong arguments, a non-positive
// variance literal, a density that does not use its variable.
func (p *Problem) checkDensity(d *expr.Density) error {
	v, ok := d.Var.(*expr.Sym)
	if !ok {
		return expr.Errorf(p.pos(d.Var, d.Pos), "the variable of density %s must be a name, not %s", d.Name, expr.String(d.Var))
	}
	body := d.Body
	coord := d.Var
	if b, ok := body.(*expr.Big); ok && b.Op == "prod" {
		body, coord = b.Body, &expr.Index{Base: d.Var, Sub: expr.S(b.Index)}
	}
	if c, ok := body.(*expr.Call); ok {
		if fam := expr.LookupFamily(c.Fn); fam != nil {
			return p.checkFamily(d, c, fam, coord)
		}
	}
	if !expr.Uses(d.Body, v.Name) {
		return expr.Errorf(p.pos(d.Body, d.Pos), "the density %s(%s) does not use its variable %s", d.Name, v.Name, v.Name)
	}
	return nil
}

func (p *Problem) checkFamily(d *expr.Density, c *expr.Call, fam *expr.Family, coord expr.Expr) error {
	at := p.pos(c, d.Pos)
	if len(c.Args) != len(fam.Params)+1 {
		return expr.Errorf(at, "%s takes the variable and %d parameters (%s), as in %s(%s; %s); got %d arguments",
			fam.Name, len(fam.Params), fam.ParamNames(), fam.Name, expr.String(coord), fam.ParamNames(), len(c.Args))
	}
	if !expr.Equal(c.Args[0], coord) {
		return expr.Errorf(p.pos(c.Args[0], at), "the first argument of %s in the density %s must be its variable %s, not %s",
			fam.Name, d.Name, expr.String(coord), expr.String(c.Args[0]))
	}
	for i, a := range c.Args[1:] {
		if expr.Uses(a, expr.String(d.Var)) {
			return expr.Errorf(p.pos(a, at), "the %s of %s must not depend on the variable %s", fam.Params[i].Name, d.Name, expr.String(d.Var))
		}
	}
	for i, param := range fam.Params {
		a := c.Args[i+1]
		switch param.Domain {
		case expr.Simplex:
			// Only a declared point of the simplex is known to be one:
			// no rule tells that a vector expression sums to 1.
			if s, ok := a.(*expr.Sym); !ok || !p.hasProp(s.Name, "simplex") {
				return expr.Errorf(p.pos(a, at), "the %s of %s must be a vector declared simplex (w: vector[K] simplex), not %s", param.Name, d.Name, expr.String(a))
			}
		case expr.Positive, expr.PositiveVector:
			if n, ok := a.(*expr.Num); ok && n.Val.Sign() <= 0 {
				return expr.Errorf(p.pos(a, at), "the %s of %s must be positive, not %s", param.Name, d.Name, expr.String(a))
			}
			p.assumePositive(a, param.Name, d.Name)
		case expr.UnitInterval:
			if n, ok := a.(*expr.Num); ok && !(n.Val.Sign() > 0 && n.Val.Cmp(big.NewRat(1, 1)) < 0) {
				return expr.Errorf(p.pos(a, at), "the %s of %s must be in (0, 1), not %s", param.Name, d.Name, expr.String(a))
			}
			// Both p and 1 - p are positive: the logarithms of the
			// probabilities expand only then.
			p.assumePositive(a, param.Name, d.Name)
			p.assumePositive(complement(a, p.Ctx), "complement of the "+param.Name, d.Name)
		case expr.PositiveDefinite:
			p.assumeCovariance(a, d.Name)
		case expr.Count:
			if err := p.checkCount(a, param.Name, d.Name, at); err != nil {
				return err
			}
		}
	}
	if v, ok := d.Var.(*expr.Sym); ok && fam.VectorVar && fam.Support.Lo >= 0 {
		p.positive(v.Name, Assumption{Why: "a point of the simplex", Domain: true})
	}
	if lo, hi := fam.EndsOf(c); fam.Ends != nil && !fam.Support.Discrete {
		// A support given by the parameters is not empty: lo < hi.
		p.assumePositive(expr.Sub(hi, lo), "width of the support", d.Name)
	}
	return nil
}

// checkCount accepts a count parameter, a Binomial's number of trials,
// only where it is a positive integer at every point: a literal one or
// a symbol declared "count". Anything else would make the support, and
// the sums over it, depend on a real number.
func (p *Problem) checkCount(a expr.Expr, what, dens string, at expr.Pos) error {
	switch a := a.(type) {
	case *expr.Num:
		if a.Val.IsInt() && a.Val.Sign() > 0 {
			return nil
		}
	case *expr.Sym:
		if p.Types.Counts[a.Name] {
			p.noteDomain(a, dens)
			p.positive(a.Name, Assumption{Why: "the " + what + " of %s", Terms: []expr.Expr{expr.S(dens)}, Domain: true})
			return nil
		}
		return expr.Errorf(p.pos(a, at), "the %s of %s must be a positive integer or a symbol declared a count; add \"%s: count\"", what, dens, a.Name)
	}
	return expr.Errorf(p.pos(a, at), "the %s of %s must be a positive integer or a symbol declared a count, not %s", what, dens, expr.String(a))
}

// assumePositive records that a parameter is positive, and what that
// says of its symbols: a variance sigma^2 makes sigma a standard
// deviation, taken > 0, as a rate a^2 makes a > 0 (powerRole); a
// precision in 1/tau makes tau > 0.
// what names the parameter in the density dens: "variance", "p".
func (p *Problem) assumePositive(a expr.Expr, what, dens string) {
	p.noteDomain(a, dens)
	of := []expr.Expr{expr.S(dens)}
	switch a := a.(type) {
	case *expr.Num:
		return
	case *expr.Sym:
		p.positive(a.Name, Assumption{Why: "the " + what + " of %s", Terms: of, Domain: true})
		return
	case *expr.Index:
		if s, ok := a.Base.(*expr.Sym); ok {
			p.positive(s.Name, Assumption{Why: "the " + what + " of %s", Terms: of, Domain: true})
			return
		}
	case *expr.Pow:
		if n, ok := a.Exp.(*expr.Num); ok && n.Val.IsInt() {
			inner := a.Base
			if ix, ok := inner.(*expr.Index); ok {
				inner = ix.Base
			}
			s, ok := inner.(*expr.Sym)
			switch {
			case ok && p.Ctx.IsPositive(expr.Neg(inner)):
				// "assume a < 0" has decided the sign: no convention
				// overrides it, and the power is a parameter like any.
			case ok:
				// The fact is of the base as written: sigma[d] > 0
				// for a variance sigma[d]^2.
				p.positive(s.Name, Assumption{Fact: positiveFact(a.Base), Why: powerRole(n.Val, what), Terms: []expr.Expr{a, expr.S(dens)}})
				return
			default:
				p.assumePositive(a.Base, what, dens)
				return
			}
		}
	case *expr.Mul:
		// A positive constant times one factor: 2*s^2, or 2^100*s^2
		// with a power too large to fold.
		var rest []expr.Expr
		for _, f := range a.Factors {
			if !positiveConstant(f) {
				rest = append(rest, f)
			}
		}
		if len(rest) == 1 {
			p.assumePositive(rest[0], what, dens)
			return
		}
	case *expr.Call:
		if a.Fn == "exp" {
			return
		}
	}
	if p.Ctx.IsPositive(a) {
		return
	}
	// The rules meet a as written (the width hi - lo in 1/(hi - lo)), so
	// it is known positive as written; it is an assumption only when its
	// normal form is not provably positive either: the width of
	// Uniform(c, c + 1 + a^2) is 1 + a^2 once c cancels.
	// (Asked before a is added, or a would prove itself.)
	if n, ok := rules.Normalize(a, p.Ctx); !ok || !p.Ctx.IsPositive(n) {
		p.Assumptions = append(p.Assumptions, Assumption{Fact: positiveFact(a), Why: "the " + what + " of %s", Terms: of, Domain: true})
	}
	p.Ctx.PositiveExprs = append(p.Ctx.PositiveExprs, a)
}

// powerRole says why the symbol of a positive parameter written as its
// power a is positive: an odd power is positive only where the symbol
// is, while an even one leaves its sign free, and the symbol is taken
// positive as a convention, a standard deviation for a variance σ² and
// the same for any other parameter: Exponential(x; a^2) takes a > 0.
// The words have a %s for the power and one for the density.
func powerRole(n *big.Rat, what string) string {
	is := "%s is the " + what + " of %s"
	if !new(big.Rat).Mul(n, big.NewRat(1, 2)).IsInt() {
		return "as " + is
	}
	if what == "variance" && n.Cmp(big.NewRat(2, 1)) == 0 {
		return "a standard deviation, taken positive: " + is
	}
	return "taken positive: " + is
}

// complement is 1 - a, in normal form when that has fewer terms: the
// complement of 1 - c is c, which the substituted density then writes
// (rules.ComplementTwice) and the sign calculus must know as positive.
func complement(a expr.Expr, ctx *rules.Context) expr.Expr {
	c := expr.Sub(expr.N(1), a)
	n, ok := rules.Normalize(c, ctx)
	if ok && len(expr.Children(n)) < len(expr.Children(c)) {
		if _, sum := n.(*expr.Add); !sum {
			return n
		}
	}
	return c
}

// positiveConstant reports whether e is a positive rational or a power
// of one.
func positiveConstant(e expr.Expr) bool {
	if pw, ok := e.(*expr.Pow); ok {
		_, num := pw.Exp.(*expr.Num)
		return num && positiveConstant(pw.Base)
	}
	n, ok := e.(*expr.Num)
	return ok && n.Val.Sign() > 0
}

// positive records that the symbol name is positive, and why; the
// fact, unless why has one (sigma[d] > 0), is name > 0.
func (p *Problem) positive(name string, why Assumption) {
	if !p.Ctx.Positive[name] {
		p.Ctx.Positive[name] = true
		if why.Fact == nil {
			why.Fact = positiveFact(expr.S(name))
		}
		p.Assumptions = append(p.Assumptions, why)
	}
}

// numeric checks that both sides of an assumption are numbers and writes
// their matrix notation explicitly: S > 0 for a matrix S, or x' > 0 for a
// scalar x, says nothing the rules could use, so it is an error.
func (p *Problem) numeric(a *expr.Assumption) (*expr.Rel, error) {
	var typed [2]expr.Expr
	for i, side := range []expr.Expr{a.Rel.L, a.Rel.R} {
		at := p.pos(side, a.Pos)
		x, shape, err := p.Types.Check(side, p.File.Where, at)
		if err != nil {
			return nil, err
		}
		if !shape.IsScalar() {
			return nil, expr.Errorf(at, "only numbers can be compared in an assumption, and %s is %s", expr.String(side), shape)
		}
		var scalarT expr.Expr
		expr.Any(side, func(e expr.Expr) bool {
			if t, ok := e.(*expr.Transpose); ok {
				if _, s, err := p.Types.Check(t.X, p.File.Where, at); err == nil && s.IsScalar() {
					scalarT = e
				}
			}
			return scalarT != nil
		})
		if scalarT != nil {
			return nil, expr.Errorf(p.pos(scalarT, at), "%s is the transpose of a number; declare a vector or matrix first, as in \"x: vector[k]\"", expr.String(scalarT))
		}
		typed[i] = x
	}
	return &expr.Rel{Op: a.Rel.Op, L: typed[0], R: typed[1]}, nil
}

// assume records an assumption: s > 0 makes s positive; a comparison of
// two expressions, a2 < a1 or b1 <= b2, makes their difference positive
// (a1 - a2 > 0, a fact the rules can use) or non-negative.
func (p *Problem) assume(a *expr.Assumption) error {
	r, err := p.numeric(a)
	if err != nil {
		return err
	}
	big, small := r.L, r.R
	switch r.Op {
	case ">", ">=":
	case "<", "<=":
		big, small = r.R, r.L
	default:
		return expr.Errorf(a.Pos, "an assumption is a comparison with <, <=, > or >=, as in \"assume s > 0\" or \"assume a2 < a1\"; %s is not supported", expr.String(r))
	}
	diff := big
	if !expr.IsInt(small, 0) {
		diff = expr.Sub(big, small)
	}
	if r.Op == ">=" || r.Op == "<=" {
		p.NonNegative = append(p.NonNegative, diff)
		if n, ok := rules.Normalize(diff, p.Ctx); ok {
			p.Ctx.NonNegativeExprs = append(p.Ctx.NonNegativeExprs, n)
		}
		p.Assumptions = append(p.Assumptions, Assumption{Fact: r, Why: "assumed"})
		return nil
	}
	if s, ok := diff.(*expr.Sym); ok {
		p.positive(s.Name, Assumption{Why: "assumed"})
		return nil
	}
	p.Ctx.PositiveExprs = append(p.Ctx.PositiveExprs, diff)
	p.Assumptions = append(p.Assumptions, Assumption{Fact: r, Why: "assumed"})
	return nil
}

// chain adds the strict comparisons that follow from two others by
// transitivity, a2 < a1 and a1 < b1 giving b1 - a2 > 0, so that nested
// intervals such as a2 < a1 < b1 < b2 give every difference the rules may
// need. Only differences of two terms take part.
func (p *Problem) chain() {
	type less struct{ lo, hi expr.Expr }
	var rel []less
	for _, d := range p.Ctx.PositiveExprs {
		if s, ok := d.(*expr.Add); ok && len(s.Terms) == 2 {
			if neg, ok := negated(s.Terms[1]); ok {
				rel = append(rel, less{neg, s.Terms[0]})
			}
		}
	}
	known := func(lo, hi expr.Expr) bool {
		for _, r := range rel {
			if expr.Equal(r.lo, lo) && expr.Equal(r.hi, hi) {
				return true
			}
		}
		return false
	}
	for grew := true; grew; {
		grew = false
		for _, x := range rel {
			for _, y := range rel {
				if expr.Equal(x.hi, y.lo) && !expr.Equal(x.lo, y.hi) && !known(x.lo, y.hi) && len(rel) < 64 {
					rel = append(rel, less{x.lo, y.hi})
					p.Ctx.PositiveExprs = append(p.Ctx.PositiveExprs, expr.Sub(y.hi, x.lo))
					grew = true
				}
			}
		}
	}
}

// negated returns x for a term -x.
func negated(t expr.Expr) (expr.Expr, bool) {
	m, ok := t.(*expr.Mul)
	if !ok || len(m.Factors) < 2 || !expr.IsInt(m.Factors[0], -1) {
		return nil, false
	}
	return expr.Prod(m.Factors[1:]...), true
}
