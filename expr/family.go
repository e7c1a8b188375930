package expr

import (
	"math"
	"sort"
	"strings"

	"github.com/klderive/klderive/internal/once"
)

// Family is the numeric side of a density family such as a Normal: its
// parameters and their domains, its support, its log-density and its
// notation. The families themselves live in package family, which
// registers them here (as image formats or database/sql drivers
// register themselves), so that this package names none of them. The
// log-density is the evaluator's own, written from the textbook formula
// and independent of the rewrite rule that expands the family's call.
type Family struct {
	Name    string
	Params  []Param // the parameters after the variable
	Support Support
	// LogPDF is the log-density of a scalar family at x; PDF, when set,
	// its density, computed directly rather than as exp of LogPDF so that
	// no rounding is added.
	LogPDF, PDF func(x float64, params []float64) float64
	// LogPDFOf, when set, is LogPDF prepared for one set of parameters:
	// what depends on them alone (a Γ(a), a log b) is computed once,
	// when it is called, and the function it returns is LogPDF at x for
	// those parameters, bit for bit (a family writes the two from one
	// formula). A compiled loop keeps the prepared function while the
	// parameters stay the same, as they do over a quadrature's nodes. It
	// reads params when called and keeps nothing of the slice.
	LogPDFOf func(params []float64) func(x float64) float64
	// LogPDFNearHi, when set, is the log-density from the distance
	// hi − x to a finite upper end of the support, for where x rounds
	// onto it (a Beta's (1 − x)^(b − 1) at 1). The evaluator integrates
	// up to that end only if it is set.
	LogPDFNearHi func(toHi float64, params []float64) float64
	// Ends, when set, gives the ends of a support that depends on the
	// parameters, as expressions in the call's parameters: a Uniform's
	// lo and hi, a Binomial's 0 and n. For a discrete support they are
	// its first and last values. Support is then the widest the support
	// can be, and its kind (discrete or not).
	Ends func(params []Expr) (lo, hi Expr)
	// Breaks, when set, lists points of the support where the density
	// has a kink (a Laplace's location), at which quadrature cuts.
	Breaks func(params []float64) []float64
	// Gaussian marks a family whose parameters are a mean and a variance
	// (a covariance when Multivariate). The evaluator then takes
	// expectations of polynomials by Gauss–Hermite, treats its
	// log-density as quadratic in the variable, and computes a
	// multivariate one itself from the Cholesky factor.
	Gaussian     bool
	Multivariate bool
	// VectorVar marks a family whose variable is a vector (a Dirichlet's
	// point of the simplex); a Param of a vector domain is a vector of the
	// family's dimension K (a Categorical's probabilities). Such a family
	// has VecLogPDF, taking every argument as a vector (a scalar as one
	// coordinate), instead of LogPDF.
	VectorVar bool
	VecLogPDF func(x []float64, params [][]float64) float64
	// VecBounds, when set, is the support of a discrete vector family
	// from its parameters (a Categorical's 1..K).
	VecBounds func(params [][]float64) (lo, hi float64)
	// Coordinates, when set, splits the log-density of a family with a
	// vector variable into a constant and one term per coordinate,
	// log f(x) = c + Σ_k term(k, x_k), and gives the marginal
	// log-density of each coordinate, on the support's interval. The
	// evaluator takes an expectation of a sum of terms each of one
	// coordinate as a sum of one-dimensional integrals against the
	// marginals (see simplex.go).
	Coordinates func(params [][]float64) Coordinates
	// TeX and Unicode are the family's symbol in the LaTeX and Unicode
	// printers; Reads lists the LaTeX spellings the LaTeX reader takes
	// for it.
	TeX, Unicode string
	Reads        []string
}

// Param is a family parameter: what it means and where it lives.
type Param struct {
	Name   string
	Domain Domain
}

// Vector reports whether the parameter is a vector of the family's
// dimension K.
func (p Param) Vector() bool { return p.Domain == Simplex || p.Domain == PositiveVector }

// Coordinates is the coordinate-wise form of a vector family's
// log-density at given parameters.
type Coordinates struct {
	Const    float64
	Term     func(k int, xk float64) float64 // k from 0
	Marginal func(k int, xk float64) float64 // the log-density of x_k
}

// IsVector reports whether the family takes a vector variable or a
// vector parameter.
func (f *Family) IsVector() bool {
	if f.VectorVar {
		return true
	}
	for _, p := range f.Params {
		if p.Vector() {
			return true
		}
	}
	return false
}

// Domain is the set of values a parameter may take.
type Domain int

const (
	Real             Domain = iota // any real number (a vector: every coordinate)
	Positive                       // > 0
	UnitInterval                   // in (0, 1)
	Simplex                        // a vector of positive coordinates summing to 1
	Count                          // a positive integer
	PositiveDefinite               // a symmetric positive definite matrix
	PositiveVector                 // a vector of positive coordinates
)

// Inside is how far v lies inside the domain, less its error estimate:
// positive only where v is in the domain beyond doubt. A NaN is never
// inside. Simplex, PositiveVector and PositiveDefinite are properties of
// whole vectors and matrices, checked where those are built; for a
// coordinate they ask positivity.
func (d Domain) Inside(v Value) float64 {
	if math.IsNaN(v.V) || math.IsNaN(v.Err) {
		return math.Inf(-1)
	}
	switch d {
	case Positive, Simplex, PositiveDefinite, PositiveVector:
		if math.IsInf(v.V, 1) {
			// A value that overflowed is positive; that it cannot be
			// computed with is the evaluator's to report.
			return v.V
		}
		return v.V - v.Err
	case UnitInterval:
		return math.Min(v.V, 1-v.V) - v.Err
	case Count:
		// An integer literal carries the evaluator's rounding bound,
		// far below the half-step that would make it another integer.
		if v.V != math.Round(v.V) || v.Err > 1e-12*math.Max(1, math.Abs(v.V)) {
			return math.Inf(-1)
		}
		return v.V - 0.5
	}
	if math.IsInf(v.V, 0) {
		return math.Inf(-1)
	}
	return math.Inf(1)
}

// String names the domain for messages: "the variance must be positive".
func (d Domain) String() string {
	return [...]string{"real", "positive", "in (0, 1)", "on the simplex", "a positive integer", "positive definite", "positive in every coordinate"}[d]
}

// Support is where a family's density is positive: an interval with
// possibly infinite ends, Lo < x < Hi (of the integers there when
// Discrete), or Lo ≤ x ≤ Hi when Closed. A multivariate family's support
// is a product of these.
type Support struct {
	Lo, Hi   float64
	Discrete bool
	// Closed: the ends belong to it, as a Uniform's do. A node of a
	// quadrature that rounds onto an end then reads the density's value
	// there, its limit from inside, rather than 0.
	Closed bool
}

// RealLine is the support of a family on the whole line.
var RealLine = Support{Lo: math.Inf(-1), Hi: math.Inf(1)}

// HalfLine is the support (lo, ∞).
func HalfLine(lo float64) Support { return Support{Lo: lo, Hi: math.Inf(1)} }

// Interval is the support (lo, hi).
func Interval(lo, hi float64) Support { return Support{Lo: lo, Hi: hi} }

// Contains reports whether x is in the support.
func (s Support) Contains(x float64) bool {
	if s.Closed {
		return x >= s.Lo && x <= s.Hi
	}
	return x > s.Lo && x < s.Hi && (!s.Discrete || x == math.Round(x))
}

// familySource lists the families; package family sets it when it is
// linked (see RegisterFamilies).
var familySource func() []*Family

// families holds the registered families by name, built when first
// asked for: building the families builds their rules, which most runs
// of the program need a few of, or none.
var families = once.Value[map[string]*Family]{New: func() map[string]*Family {
	out := map[string]*Family{}
	if familySource == nil {
		return out
	}
	for _, f := range familySource() {
		if _, dup := out[f.Name]; dup || f.Name == "" {
			panic("expr: family registered twice or without a name: " + f.Name)
		}
		if f.LogPDF == nil && f.VecLogPDF == nil && !(f.Gaussian && f.Multivariate) {
			panic("expr: family " + f.Name + " has no log-density")
		}
		out[f.Name] = f
	}
	return out
}}

// RegisterFamilies makes the families that source lists known to the
// parser, the printers and the evaluator, at their first use; it is
// called once, from the init of package family, which does no more than
// that. The first use panics on two families of one name, or on a
// scalar family without a log-density: mistakes in the program, not in
// its input.
func RegisterFamilies(source func() []*Family) { familySource = source }

// LookupFamily returns the family called name, or nil.
func LookupFamily(name string) *Family { return families.Get()[name] }

// AllFamilies lists the registered families, sorted by name.
func AllFamilies() []*Family {
	out := make([]*Family, 0, len(families.Get()))
	for _, f := range families.Get() {
		out = append(out, f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// FamilyNames lists the known families, sorted, for error messages.
func FamilyNames() string {
	var names []string
	for _, f := range AllFamilies() {
		names = append(names, f.Name)
	}
	return strings.Join(names, ", ")
}

// GaussianFamily is the registered Gaussian family, univariate or
// multivariate, for the recognisers that find one in a formula.
func GaussianFamily(multivariate bool) *Family {
	for _, f := range AllFamilies() {
		if f.Gaussian && f.Multivariate == multivariate {
			return f
		}
	}
	return nil
}

// ReadFamily is the family the LaTeX reader takes a spelling such as
// \mathcal{N} for; a scalar family comes before a multivariate one of
// the same notation, whose vector arguments the checker resolves.
func ReadFamily(spelling string) *Family {
	var found *Family
	for _, f := range AllFamilies() {
		for _, r := range f.Reads {
			if r == spelling && (found == nil || found.Multivariate && !f.Multivariate) {
				found = f
			}
		}
	}
	return found
}

// FamilyCall returns the family of a call to one with its variable and
// every parameter, or nil.
func FamilyCall(e Expr) (*Call, *Family) {
	c, ok := e.(*Call)
	if !ok {
		return nil, nil
	}
	f := families.Get()[c.Fn]
	if f == nil || len(c.Args) != len(f.Params)+1 {
		return nil, nil
	}
	return c, f
}

// GaussianCall reports whether e is a call to a Gaussian family of the
// given kind, with its variable and both parameters.
func GaussianCall(e Expr, multivariate bool) (*Call, bool) {
	c, f := FamilyCall(e)
	return c, f != nil && f.Gaussian && f.Multivariate == multivariate
}

// ParamNames lists a family's parameter names, "mean, variance".
func (f *Family) ParamNames() string {
	names := make([]string, len(f.Params))
	for i, p := range f.Params {
		names[i] = p.Name
	}
	return strings.Join(names, ", ")
}

func (ev evaluator) family(f *Family, c *Call) (Value, error) {
	if f.IsVector() {
		lp, err := ev.vectorLogPdf(f, c)
		return throughExp(lp), err
	}
	if f.PDF == nil || f.Multivariate {
		lp, err := ev.familyLogPdf(f, c)
		return throughExp(lp), err
	}
	vals, err := ev.familyArgs(f, c)
	if err != nil {
		return Value{}, err
	}
	return f.pdfAt(vals, make([]float64, len(vals))), nil
}

// familyLogPdf is the log-density of a family call, its parameters
// checked against their domains and its variable against the support.
func (ev evaluator) familyLogPdf(f *Family, c *Call) (Value, error) {
	if f.Multivariate {
		if len(c.Args) != len(f.Params)+1 {
			return Value{}, errorf("%s takes a variable and %d parameters (%s)", f.Name, len(f.Params), f.ParamNames())
		}
		return ev.mvnormalLogPdf(c)
	}
	if f.IsVector() {
		return ev.vectorLogPdf(f, c)
	}
	vals, err := ev.familyArgs(f, c)
	if err != nil {
		return Value{}, err
	}
	hi, toHi := 0.0, 0.0
	if b, ok := ev.nearHi(c.Args[0]); ok {
		hi, toHi = b.hi, b.toHi
	}
	return f.logPdfAt(vals, hi, toHi, make([]float64, len(vals))), nil
}

// familyArgs evaluates the variable and parameters of a call to a scalar
// family, each parameter checked against its domain.
func (ev evaluator) familyArgs(f *Family, c *Call) ([]Value, error) {
	if len(c.Args) != len(f.Params)+1 {
		return nil, errorf("%s takes a variable and %d parameters (%s)", f.Name, len(f.Params), f.ParamNames())
	}
	vals, err := ev.evalAll(c.Args)
	if err != nil {
		return nil, err
	}
	return vals, f.checkParams(vals, c)
}

// checkParams checks the parameters vals[1:] of a call c against their
// domains.
func (f *Family) checkParams(vals []Value, c *Call) error {
	for i, p := range f.Params {
		if !(p.Domain.Inside(Value{V: vals[i+1].V}) > 0) && p.Domain != Real {
			return errorf("the %s of %s must be %s, not %g", p.Name, String(c), p.Domain, vals[i+1].V)
		}
	}
	return nil
}

// pdfAt is the density of a scalar family with PDF set at the variable
// vals[0] and the parameters vals[1:]: zero outside the support.
func (f *Family) pdfAt(vals []Value, room []float64) Value {
	if !f.contains(vals) {
		return Value{}
	}
	return throughAllIn(room, vals, func(a []float64) float64 { return f.PDF(a[0], a[1:]) })
}

// logPdfAt is the log-density of a scalar family at vals; toHi > 0 is
// the variable's exact distance from an upper end hi, used when that end
// is the support's and the family can compute from it.
func (f *Family) logPdfAt(vals []Value, hi, toHi float64, room []float64) Value {
	if toHi > 0 && f.LogPDFNearHi != nil && hi == f.Support.Hi {
		return throughAllIn(room, vals, func(a []float64) float64 { return f.LogPDFNearHi(toHi, a[1:]) })
	}
	if !f.contains(vals) && !f.justBelow(vals, hi, toHi) {
		return Value{V: math.Inf(-1)}
	}
	return throughAllIn(room, vals, func(a []float64) float64 { return f.LogPDF(a[0], a[1:]) })
}

// preparedLog is a family's log-density prepared (LogPDFOf) for the
// parameters it was last asked at.
type preparedLog struct {
	params []uint64 // the parameters' bits
	at     func(x float64) float64
}

// logPdfAt is Family.logPdfAt through the prepared log-density, which
// gives the same value where every argument is exact (there is no
// error to spread, so LogPDF is called once) and the variable is not
// taken from its distance to the upper end; ok false sends the caller to
// Family.logPdfAt.
func (p *preparedLog) logPdfAt(f *Family, vals []Value, hi, toHi float64) (v Value, ok bool) {
	if f.LogPDFOf == nil || toHi > 0 && f.LogPDFNearHi != nil && hi == f.Support.Hi {
		return Value{}, false
	}
	for _, x := range vals {
		if x.Err != 0 {
			return Value{}, false
		}
	}
	if !f.contains(vals) {
		return Value{V: math.Inf(-1)}, true
	}
	if !p.holds(vals[1:]) {
		params := make([]float64, len(vals)-1)
		p.params = p.params[:0]
		for i, x := range vals[1:] {
			params[i] = x.V
			p.params = append(p.params, math.Float64bits(x.V))
		}
		p.at = f.LogPDFOf(params)
	}
	l := p.at(vals[0].V)
	return Value{l, 4 * eps * math.Abs(l)}, true
}

// holds reports whether the function was prepared for these parameters.
func (p *preparedLog) holds(params []Value) bool {
	if p.at == nil || len(params) != len(p.params) {
		return false
	}
	for i, x := range params {
		if math.Float64bits(x.V) != p.params[i] {
			return false
		}
	}
	return true
}

// contains reports whether the variable, vals[0], lies in the support
// the parameters vals[1:] give.
func (f *Family) contains(vals []Value) bool {
	if f.Ends == nil {
		return f.Support.Contains(vals[0].V)
	}
	return f.SupportAt(values(vals[1:])).Contains(vals[0].V)
}

// justBelow reports whether the variable, vals[0], rounds onto the
// upper end of the support the parameters give while lying toHi below
// it, at the end hi of an integral over another density's support: the
// density of Uniform(0, 1) under a Beta's x near 1 is 1, not 0.
func (f *Family) justBelow(vals []Value, hi, toHi float64) bool {
	if toHi <= 0 || f.Support.Discrete {
		return false
	}
	s := f.SupportAt(values(vals[1:]))
	return vals[0].V == hi && s.Hi == hi && s.Lo < hi-toHi
}

// EndsOf is the ends of a family call's support as expressions, nil for
// an infinite end; for a discrete support its first and last values.
// The fixed ends of the families are integers.
func (f *Family) EndsOf(c *Call) (lo, hi Expr) {
	if f.Ends != nil && len(c.Args) == len(f.Params)+1 {
		return f.Ends(c.Args[1:])
	}
	l, h := f.Support.Lo, f.Support.Hi
	if f.Support.Discrete {
		l, h = l+0.5, h-0.5
	}
	if !math.IsInf(l, -1) {
		lo = N(int64(l))
	}
	if !math.IsInf(h, 1) {
		hi = N(int64(h))
	}
	return lo, hi
}

// SupportAt is the support at numeric parameters: Support, or the one
// Ends gives, of Support's kind. An end that cannot be computed leaves
// the support empty.
func (f *Family) SupportAt(params []float64) Support {
	if f.Ends == nil {
		return f.Support
	}
	env := &Env{Vals: map[string]float64{}}
	args := make([]Expr, len(params))
	for i, v := range params {
		name := "·" + string(rune('0'+i))
		env.Vals[name] = v
		args[i] = S(name)
	}
	lo, hi := f.Ends(args)
	end := func(e Expr, inf float64) float64 {
		if e == nil {
			return inf
		}
		v, err := Eval(e, env)
		if err != nil {
			return math.NaN()
		}
		return v
	}
	l, h := end(lo, f.Support.Lo), end(hi, f.Support.Hi)
	if f.Support.Discrete {
		return Integers(l, h)
	}
	// A support given by the parameters is closed: lo ≤ x ≤ hi.
	s := Interval(l, h)
	s.Closed = true
	return s
}

// nearHi is the binding of a variable bound with its distance from an
// upper end.
func (ev evaluator) nearHi(e Expr) (*bound, bool) {
	s, ok := e.(*Sym)
	if !ok {
		return nil, false
	}
	b, ok := ev.lookup(s.Name)
	return b, ok && b.toHi > 0
}
