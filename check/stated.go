package check

import (
	"fmt"
	"math"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// A document may state that one of its densities is, from some point on,
// a particular member of its family: "when $q$ is $\mathcal N(0, I)$",
// "where $q = \mathcal N(0, 1)$", "for the standard normal prior". The
// context defines the density in general, so the statement is read as a
// special case of its parameters (μ₂ = 0, σ₂ = 1) and links after it are
// checked in that case. A statement that cannot be read so is kept: a
// link after it that fails in general may hold in the case stated, so it
// is not reported wrong but not checked.

// unsure is a stated special case that could not be read.
type unsure struct {
	pos  expr.Pos
	text string // as written
	why  string
	end  expr.Pos // where it stops applying, as a special's end
}

// densityCase reads the density name as the family member with the
// parameters stated (numbers, a zero vector, the identity) as special
// cases of the context's parameters.
func (c *context) densityCase(name string, stated []expr.Expr, pos expr.Pos) ([]special, error) {
	d := c.dens[name]
	body, ok := d.Body.(*expr.Call)
	if !ok || !isGaussian(body) || len(body.Args) != len(stated)+1 {
		return nil, fmt.Errorf("%s is not defined as a Gaussian with %d parameters", name, len(stated))
	}
	var out []special
	for i, v := range stated {
		sp, err := c.solve(name, body.Args[i+1], v, pos)
		if err != nil {
			return nil, err
		}
		out = append(out, sp...)
	}
	return out, nil
}

// solve sets the parameters of the expression e of a density's
// definition so that e takes the stated value v: μ₂ for 0, σ₂ in σ₂²
// for 1, Σ for I, σ in diag(σ²) for I. Only a parameter that no other
// density uses is set, so that the statement about one density changes
// no other.
func (c *context) solve(density string, e, v expr.Expr, pos expr.Pos) ([]special, error) {
	if expr.Equal(e, v) {
		return nil, nil // stated as defined
	}
	set := func(s *expr.Sym, value float64, f fill, shown expr.Expr) ([]special, error) {
		if !c.params[s.Name] {
			return nil, fmt.Errorf("%s is not a parameter", expr.Format(s, expr.Unicode))
		}
		for n, d := range c.dens {
			if n != density && expr.Uses(d.Body, s.Name) {
				return nil, fmt.Errorf("%s is a parameter of %s too", expr.Format(s, expr.Unicode), n)
			}
		}
		return []special{{pos: pos, name: s.Name, value: value, fill: f,
			text: expr.Format(&expr.Rel{Op: "=", L: s, R: shown}, expr.Unicode)}}, nil
	}
	shape := func(s *expr.Sym) expr.Shape { return c.prob.Types.Shapes[s.Name] }
	if vs, ok := v.(*expr.Sym); ok && vs.Name == "I" {
		// The identity covariance: Σ itself, or a diagonal of variances.
		switch e := e.(type) {
		case *expr.Call:
			if e.Fn == "I" {
				return nil, nil // the identity as defined, sized
			}
			if e.Fn == "diag" && len(e.Args) == 1 {
				return c.solveVector(density, e.Args[0], 1, pos, set)
			}
		case *expr.Sym:
			if sh := shape(e); !sh.IsScalar() && !expr.IsInt(sh.C, 1) {
				return set(e, 1, identityFill, v)
			}
		}
		return nil, fmt.Errorf("%s cannot be made the identity", expr.Format(e, expr.Unicode))
	}
	num, err := expr.Eval(v, &expr.Env{})
	if err != nil {
		return nil, fmt.Errorf("%s is not a number", expr.Format(v, expr.Unicode))
	}
	if s, ok := e.(*expr.Sym); ok {
		if sh, declared := c.prob.Types.Shapes[s.Name]; declared && !sh.IsScalar() {
			if num != 0 || !expr.IsInt(sh.C, 1) {
				return nil, fmt.Errorf("the vector %s cannot be %s", expr.Format(s, expr.Unicode), expr.Format(v, expr.Unicode))
			}
			return set(s, 0, vectorFill, v)
		}
		return set(s, num, scalarFill, v)
	}
	return c.solveScalar(e, num, v, set)
}

type setter func(s *expr.Sym, value float64, f fill, shown expr.Expr) ([]special, error)

// solveScalar inverts the forms a variance is written in: σ², e^{v}.
func (c *context) solveScalar(e expr.Expr, num float64, v expr.Expr, set setter) ([]special, error) {
	switch e := e.(type) {
	case *expr.Pow:
		if s, ok := e.Base.(*expr.Sym); ok && expr.IsInt(e.Exp, 2) && num > 0 && c.prob.Ctx.Positive[s.Name] {
			return set(s, math.Sqrt(num), scalarFill, rootOf(v, num))
		}
	case *expr.Call:
		if s, ok := e.Args[0].(*expr.Sym); ok && e.Fn == "exp" && num > 0 {
			return set(s, math.Log(num), scalarFill, expr.Fn("log", v))
		}
	}
	return nil, fmt.Errorf("%s = %s cannot be solved for a parameter", expr.Format(e, expr.Unicode), expr.Format(v, expr.Unicode))
}

// solveVector sets every coordinate of the vector in a diagonal so that
// the diagonal is num: σ for diag(σ²) = I.
func (c *context) solveVector(density string, e expr.Expr, num float64, pos expr.Pos, set setter) ([]special, error) {
	var s *expr.Sym
	value := num
	switch e := e.(type) {
	case *expr.Sym:
		s = e
	case *expr.Pow:
		if b, ok := e.Base.(*expr.Sym); ok && expr.IsInt(e.Exp, 2) {
			s, value = b, math.Sqrt(num)
		}
	case *expr.Call:
		if b, ok := e.Args[0].(*expr.Sym); ok && e.Fn == "exp" {
			s, value = b, math.Log(num)
		}
	}
	if s == nil {
		return nil, fmt.Errorf("diag(%s) cannot be made the identity", expr.Format(e, expr.Unicode))
	}
	if sh, ok := c.prob.Types.Shapes[s.Name]; !ok || sh.IsScalar() {
		return nil, fmt.Errorf("%s is not a vector", expr.Format(s, expr.Unicode))
	}
	return set(s, value, vectorFill, expr.N(int64(value)))
}

// rootOf is the square root of the stated value v as shown: a whole
// number when it is one (σ₂ = 1 for σ₂² = 1), else √v.
func rootOf(v expr.Expr, num float64) expr.Expr {
	if r := math.Sqrt(num); r == math.Trunc(r) {
		return expr.N(int64(r))
	}
	return expr.Fn("sqrt", v)
}

// statedFamily is the parameters of a family member written without its
// variable, N(0, 1), when they are closed: numbers, 0 or I.
func statedFamily(x expr.Expr) ([]expr.Expr, bool) {
	call, ok := x.(*expr.Call)
	if !ok || !isGaussian(call) {
		return nil, false
	}
	args := call.Args
	if len(args) == 3 {
		args = args[1:] // N(x; 0, 1): the variable is the density's
	}
	for _, a := range args {
		if s, ok := a.(*expr.Sym); ok && s.Name == "I" {
			continue
		}
		if _, err := expr.Eval(a, &expr.Env{}); err != nil {
			return nil, false
		}
	}
	return args, true
}

// statedCase reads the first link of a chain, q = N(0, 1) or
// q(z) \sim N(0, I), as a special case of a density the context already
// defines in general. It reports whether the link states a special case
// (one that could not be read is recorded as unsure); the density's own
// definition states none.
func (c *context) statedCase(left, right *latex.ChainPart) ([]special, bool) {
	name, _, ok := defName(left.Src)
	if !ok || right.X == nil {
		return nil, false
	}
	n, ok := c.density(name)
	if !ok {
		return nil, false
	}
	args, ok := statedFamily(right.X)
	if !ok {
		return nil, false
	}
	sps, err := c.densityCase(n, args, right.Pos)
	if err != nil {
		c.unsure = append(c.unsure, unsure{pos: right.Pos, text: clip(left.Src) + " " + right.Op + " " + clip(right.Src), why: err.Error()})
		return nil, true
	}
	return sps, len(sps) > 0
}

// Stated cases in words.
// The pieces the patterns below are written from: constants, so that
// each pattern is laid out at link time (see lazy).
const (
	// standardWords name the standard member of a Gaussian family.
	standardWords = `(?:standard|unit)[\s-]+(?:normal|gaussian)`
)

var (
	// namedStandard: "$q$ is the standard normal", "$p(z)$ is a unit Gaussian".
	namedStandard = lazy(`(?i)\$\s*([A-Za-z])\s*(?:\([^$]*\))?\s*\$\s+is\s+(?:distributed\s+as\s+)?(?:the\s+|a\s+)?` + standardWords)
	// namedFamily: "$q$ is $\mathcal N(0, I)$".
	namedFamily = lazy(`(?i)\$\s*([A-Za-z])\s*(?:\([^$]*\))?\s*\$\s+is\s+(?:distributed\s+as\s+)?\$([^$]+)\$`)
	// priorStandard: "the standard normal prior", "the prior is a standard Gaussian".
	priorStandard = lazy(`(?i)\b` + standardWords + `\s+prior\b|\bprior\s+(?:is|be|being)\s+(?:the\s+|a\s+)?` + standardWords)
	// priorFamily: "the prior is $\mathcal N(0, I)$".
	priorFamily = lazy(`(?i)\bprior\s+(?:is|be|being)\s+\$([^$]+)\$`)
	// priorNamed: "the prior $p(z)$", "$p(z)$ is the prior".
	priorNamed = lazy(`(?i)\bprior\s+\$\s*([A-Za-z])\s*(?:\([^$]*\))?\s*\$|\$\s*([A-Za-z])\s*(?:\([^$]*\))?\s*\$,?\s+(?:is\s+)?(?:the|our)\s+prior\b`)
)

// proseCases reads the special cases a document states in words.
func (c *context) proseCases(s *Source) {
	lines := s.lines()
	add := func(off int, text, name string, args []expr.Expr) {
		pos := lines.pos(s.File, off)
		n, ok := c.density(name)
		if !ok {
			c.unsure = append(c.unsure, unsure{pos: pos, text: text, why: "it names no density of the context"})
			return
		}
		sps, err := c.densityCase(n, args, pos)
		if err != nil {
			c.unsure = append(c.unsure, unsure{pos: pos, text: text, why: err.Error()})
			return
		}
		c.specials = append(c.specials, sps...)
	}
	standard := func(name string) []expr.Expr {
		if n, ok := c.density(name); ok {
			if b, ok := c.dens[n].Body.(*expr.Call); ok && len(b.Args) == 3 {
				if _, isMatrix := b.Args[2].(*expr.Sym); isMatrix && c.matrices && !c.prob.Types.Shapes[expr.String(b.Args[2])].IsScalar() {
					return []expr.Expr{expr.N(0), expr.S("I")}
				}
				if call, ok := b.Args[2].(*expr.Call); ok && call.Fn == "diag" {
					return []expr.Expr{expr.N(0), expr.S("I")}
				}
			}
		}
		return []expr.Expr{expr.N(0), expr.N(1)}
	}
	family := func(src string) ([]expr.Expr, bool) {
		x, err := latex.Parse(src, latex.Options{})
		if err != nil {
			return nil, false
		}
		return statedFamily(x)
	}
	for _, m := range namedStandard.FindAllStringSubmatchIndex(s.ifMentions("standard", "unit"), maxProseMatches) {
		name := s.Text[m[2]:m[3]]
		add(m[0], s.Text[m[0]:m[1]], name, standard(name))
	}
	for _, m := range namedFamily.FindAllStringSubmatchIndex(s.Text, maxProseMatches) {
		if args, ok := family(s.Text[m[4]:m[5]]); ok {
			add(m[0], s.Text[m[0]:m[1]], s.Text[m[2]:m[3]], args)
		}
	}
	prior := c.prior(s.ifMentions("prior"))
	for _, m := range priorStandard.FindAllStringIndex(s.ifMentions("prior"), maxProseMatches) {
		c.priorCase(prior, m[0], s.Text[m[0]:m[1]], add, func() []expr.Expr { return standard(prior) })
	}
	for _, m := range priorFamily.FindAllStringSubmatchIndex(s.ifMentions("prior"), maxProseMatches) {
		if args, ok := family(s.Text[m[2]:m[3]]); ok {
			c.priorCase(prior, m[0], s.Text[m[0]:m[1]], add, func() []expr.Expr { return args })
		}
	}
}

// priorCase states a special case of the prior, or says that the
// document names no density as the prior.
func (c *context) priorCase(prior string, off int, text string, add func(int, string, string, []expr.Expr), args func() []expr.Expr) {
	if prior == "" {
		add(off, text, "", nil)
		return
	}
	add(off, text, prior, args())
}

// prior is the density the document calls the prior: the one it names
// so ("the prior $p(z)$"), or else the only density not conditioned on
// anything when the others are conditioned (the encoder q(z | x) of a
// VAE and its prior p(z)).
func (c *context) prior(text string) string {
	if m := priorNamed.FindStringSubmatch(text); m != nil {
		name := m[1] + m[2]
		if n, ok := c.density(name); ok {
			return n
		}
	}
	free, conditioned := "", 0
	for n := range c.dens {
		if c.conditioned[n] {
			conditioned++
		} else if free == "" {
			free = n
		} else {
			return ""
		}
	}
	if conditioned > 0 {
		return free
	}
	return ""
}

// unsureBefore is the last stated special case before pos that could not
// be read, unless the document spelled the case out in its parameters
// after it ("a unit Gaussian, i.e. $\mu_2 = 0$ and $\sigma_2 = 1$").
func (c *context) unsureBefore(pos expr.Pos) (unsure, bool) {
	var last unsure
	found := false
	for _, u := range c.unsure {
		if before(u.pos, pos) && within(pos, u.end) {
			last, found = u, true
		}
	}
	for _, sp := range c.specials {
		if found && before(last.pos, sp.pos) && before(sp.pos, pos) {
			return unsure{}, false
		}
	}
	return last, found
}

// withhold turns a wrong verdict into "not checked" after a special case
// the checker could not read: in that case the link may hold.
func (c *context) withhold(l *Link) {
	u, ok := c.unsureBefore(l.Pos)
	if !ok || l.Status != Wrong {
		return
	}
	l.Status, l.Points, l.Witness, l.Diagnosis = Unchecked, 0, nil, ""
	l.Reason = fmt.Sprintf("wrong in general, but line %d states a special case that is not understood (%s: %s)",
		u.pos.Line, strings.TrimSpace(u.text), u.why)
}
