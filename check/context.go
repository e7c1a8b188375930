package check

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// The context of a document is what its symbols mean: the densities, with
// their parameters, and the assumptions. It comes from .kl statements
// (--given, a fenced klderive block) and from the document's own
// definitions such as P(x) \sim \mathcal{N}(\mu_1, \sigma_1^2). Statements
// win over the document's definitions; a definition that disagrees with
// a statement is noted, not used.

// context is the meaning of a document's symbols.
type context struct {
	prob  *derive.Problem
	dens  map[string]*expr.Density // by canonical name
	alias map[string]string        // another spelling of a density's name: P for p
	rv    map[string]bool          // densities of random variables, X of X \sim N(...)
	fns   map[string]*function     // functions the document defines, f(x) = ...
	// params are the symbols the context gives values: the densities'
	// parameters and dimensions.
	params map[string]bool
	// identityConds are the conditions the document states on symbols
	// it does not know ("for $a > 0$"), which an identity's variables
	// are drawn to satisfy.
	identityConds []*expr.Rel
	dims          map[string]bool // declared dimensions (k: dim), 1 when matrices are read as 1×1
	// matrices: vectors and matrices are declared (x: vector[k]), so
	// matrix notation means what it says and is checked for shape.
	matrices bool
	// scalar: no vector or matrix is declared and every density is
	// univariate, so matrix notation (x^T, \mathrm{tr}, |\Sigma|) reads in
	// one dimension.
	scalar bool
	// declared is the density the document says an expectation without
	// one means (<> \text{ denotes } \mathbb E_{x \sim p}).
	declared string
	givens   []Given
	notes    []string
	// shown are the positions of the document's density definitions that
	// the context or a note shows, so that they are not listed again
	// among the report's statements.
	shown map[expr.Pos]bool
	// specials are the special cases the document states ("let $\mu_2 = 0$"),
	// in document order.
	specials []special
	// unsure are the special cases stated that could not be read.
	unsure []unsure
	// labels are the names the document gives quantities (KL = ...), in
	// document order.
	labels []label
	// conditioned are the densities written with what conditions them,
	// q(z | x): an encoder rather than a prior.
	conditioned map[string]bool
	// familyVectors are the vectors a Categorical or a Dirichlet of the
	// context takes or draws (π, α, x): their coordinates may be written
	// x_1, α_k (see resolver.coordinate).
	familyVectors map[string]bool
	// piScalar: π is a scalar family's parameter (\mathrm{Bern}(\pi)),
	// so a bare π is that symbol, not the constant (see piVector).
	piScalar bool
	// notations are the symbols the document defines for what follows
	// ("with $\Sigma = \text{diag}(\ldots)$"), in document order.
	notations []notation
}

// statement is one .kl file of context (a --given, a klderive block)
// with where it came from; given is the index of a --given, or -1.
type statement struct {
	file   *expr.File
	source string
	given  int
}

// parseGivens parses --given statements, each as a .kl file of its own.
// Errors are *GivenError values whose source is the statement itself.
func parseGivens(givens []string) ([]statement, error) {
	var out []statement
	for i, g := range givens {
		f, err := expr.ParseFile(givenName(i), g)
		if err == nil && len(f.Goals) > 0 {
			err = expr.Errorf(f.Goals[0].Pos, "a --given states a density or an assumption; put the goal in --claim 'KL(p || q) = ...'")
		}
		if err != nil {
			return nil, givenError(err, givens)
		}
		out = append(out, statement{f, "--given", i})
	}
	return out, nil
}

// givenName names the i-th --given while it is checked, so that an error
// can be traced to it; messages show "--given".
func givenName(i int) string { return fmt.Sprintf("--given#%d", i) }

// givenError turns an error in the i-th --given into a *GivenError that
// names "--given" and carries the statement.
func givenError(err error, givens []string) error {
	var e *expr.Error
	if !errors.As(err, &e) || !strings.HasPrefix(e.Pos.File, "--given#") {
		return err
	}
	i, _ := strconv.Atoi(strings.TrimPrefix(e.Pos.File, "--given#"))
	pos := e.Pos
	pos.File = "--given"
	return &GivenError{Err: &expr.Error{Pos: pos, Msg: e.Msg}, Src: givens[i]}
}

// validate loads the statements as they were written, all together (a
// vector[k] needs the k: dim of another --given), so that an error points
// into the statement at fault. A klderive block's density that a --given
// also defines is left to buildContext, which notes it; a declaration
// that both state alike is taken once.
func validate(stmts []statement, givens []string) error {
	f := &expr.File{Name: "context", Where: map[expr.Expr]expr.Pos{}}
	defined := map[string]bool{}
	stated := map[string]bool{}
	for _, s := range stmts {
		for _, d := range s.file.Densities {
			if defined[d.Name] && s.given < 0 {
				continue
			}
			defined[d.Name] = true
			f.Densities = append(f.Densities, d)
		}
		f.Assumptions = append(f.Assumptions, s.file.Assumptions...)
		for _, d := range s.file.Decls {
			// A declaration stated again, word for word, is no conflict.
			if stated[d.String()] {
				continue
			}
			stated[d.String()] = true
			f.Decls = append(f.Decls, d)
		}
		for k, v := range s.file.Where {
			f.Where[k] = v
		}
	}
	_, err := derive.Load(f)
	return givenError(err, givens)
}

// GivenError is an error in a --given statement; Src is the statement,
// for printing the source line under the message.
type GivenError struct {
	Err error
	Src string
}

func (e *GivenError) Error() string { return e.Err.Error() }
func (e *GivenError) Unwrap() error { return e.Err }

// parseKLBlocks parses the fenced klderive blocks and context comments of
// a document. The source is padded with newlines and spaces so that
// positions are file positions.
func parseKLBlocks(s *Source) ([]statement, error) {
	var out []statement
	for _, b := range s.KL {
		src := strings.Repeat("\n", b.Pos.Line-1) + strings.Repeat(" ", b.Pos.Col-1) + b.Src
		f, err := expr.ParseFile(s.File, src)
		if err != nil {
			return nil, err
		}
		out = append(out, statement{f, fmt.Sprintf("klderive block at line %d", b.Pos.Line), -1})
	}
	return out, nil
}

// definition is a density the document defines in its math.
type definition struct {
	name string
	d    *expr.Density
	line int
	src  string // as written
	rv   bool   // the density of a random variable, X \sim N(...)
	note string // how the definition was read, when not as written
	// instance: the parameters are numbers (q = N(0, 1)), so a density
	// defined already is stated in a special case, not redefined.
	instance bool
	// dim is the dimension a vector family's parameters are declared in
	// when the context declares none (see vectorDecls).
	dim string
	// pi: π is the family's parameter, a symbol (see piVector).
	pi bool
	// ofVariable: the definition names the variable, not the density
	// (x \sim \mathrm{Dir}(\alpha)), and the density is named after it.
	ofVariable bool
}

// statedVariable reports whether one of the densities the statements
// define is of the variable v.
func statedVariable(stated []*expr.Density, v expr.Expr) bool {
	for _, d := range stated {
		if expr.Equal(d.Var, v) {
			return true
		}
	}
	return false
}

// buildContext joins the statements and the document's definitions into
// one problem. An error is in a statement: the document's definitions
// that cannot be loaded are noted and left out.
func buildContext(stmts []statement, defs []definition, declared string) (*context, error) {
	c := &context{dens: map[string]*expr.Density{}, alias: map[string]string{}, params: map[string]bool{}, dims: map[string]bool{},
		shown: map[expr.Pos]bool{}, conditioned: map[string]bool{}}
	f := &expr.File{Name: "context", Where: map[expr.Expr]expr.Pos{}}
	from := map[string]string{}
	stated := map[string]bool{} // declarations, as written
	var rvs []string            // densities of random variables
	for _, s := range stmts {
		for _, d := range s.file.Densities {
			cd := &expr.Density{Name: expr.Canonical(d.Name), Var: d.Var, Body: d.Body, Pos: d.Pos}
			for _, g := range d.Given {
				cd.Given = append(cd.Given, g)
			}
			if prev, dup := from[cd.Name]; dup {
				if prev == "--given" && s.source != "--given" {
					c.notes = append(c.notes, fmt.Sprintf("the %s defines %s, which --given overrides", s.source, cd.Name))
					continue
				}
				return nil, expr.Errorf(d.Pos, "density %s is defined twice (also by %s)", cd.Name, prev)
			}
			from[cd.Name] = s.source
			c.conditioned[cd.Name] = len(cd.Given) > 0
			f.Densities = append(f.Densities, cd)
			c.givens = append(c.givens, given(cd, s.source))
		}
		for _, a := range s.file.Assumptions {
			ca := &expr.Assumption{Rel: a.Rel, Pos: a.Pos}
			f.Assumptions = append(f.Assumptions, ca)
			c.givens = append(c.givens, Given{Stmt: "assume " + expr.String(ca.Rel), Expr: ca.Rel, Source: s.source})
		}
		for _, d := range s.file.Decls {
			cd := &expr.Decl{Type: d.Type, Props: d.Props, Pos: d.Pos}
			for _, n := range d.Names {
				cd.Names = append(cd.Names, expr.Canonical(n))
			}
			cd.Dims = append(cd.Dims, d.Dims...)
			// The same declaration in a --given and in the document's
			// own context (klderive derive writes one) is stated once.
			if stated[cd.String()] {
				continue
			}
			stated[cd.String()] = true
			f.Decls = append(f.Decls, cd)
			c.givens = append(c.givens, Given{Stmt: cd.String(), Source: s.source})
		}
	}
	if _, err := derive.Load(f); err != nil {
		return nil, err
	}
	statedDens := append([]*expr.Density{}, f.Densities...)
	for _, def := range defs {
		if def.ofVariable && statedVariable(statedDens, def.d.Var) {
			// x \sim \mathrm{Bern}(\theta) beside a stated density of x: the
			// document restates the density of its variable.
			continue
		}
		if name, ok := sameName(from, def.name); ok {
			src := from[name]
			if prev := f.Density(name); !sameDensity(prev, def.d) && !def.instance {
				c.notes = append(c.notes, fmt.Sprintf("line %d defines %s, read as %s, which differs from %s; %s is used",
					def.line, def.src, unicodeStmt(def.d), src, unicodeStmt(prev)))
				c.shown[def.d.Pos] = true
			}
			if _, _, formula := casesSupport(def.d.Body, varOf(def.d.Var)); formula {
				// The density written out again, as a formula on its
				// support: a definition, not a claim at points off it.
				c.shown[def.d.Pos] = true
			}
			continue
		}
		decls := append(vectorDecls(def.d, f, def.dim), countDecls(def.d, f)...)
		trial := &expr.File{Name: "context", Densities: append(append([]*expr.Density{}, f.Densities...), def.d),
			Assumptions: f.Assumptions, Decls: append(append([]*expr.Decl{}, f.Decls...), decls...), Where: f.Where}
		c.shown[def.d.Pos] = true
		if _, err := derive.Load(trial); err != nil {
			c.notes = append(c.notes, fmt.Sprintf("line %d: the definition %s is not used: %s", def.line, def.src, errorMessage(err)))
			continue
		}
		from[def.name] = fmt.Sprintf("line %d", def.line)
		c.conditioned[def.name] = strings.ContainsAny(def.src, "|") || strings.Contains(def.src, `\mid`) || strings.Contains(def.src, `\vert`)
		if def.rv {
			rvs = append(rvs, def.name)
		}
		if def.note != "" {
			c.notes = append(c.notes, def.note)
		}
		f.Densities, f.Decls = trial.Densities, trial.Decls
		for _, d := range decls {
			c.givens = append(c.givens, Given{Stmt: unicodeDecl(d), Source: from[def.name]})
		}
		c.givens = append(c.givens, given(def.d, from[def.name]))
		if _, fam := expr.FamilyCall(def.d.Body); def.pi && fam != nil && !fam.IsVector() {
			c.piScalar = true
		}
	}
	p, err := derive.Load(f)
	if err != nil {
		return nil, err
	}
	c.prob = p
	c.matrices = p.Types.Declared()
	c.scalar = !c.matrices
	for name, d := range p.Ctx.Densities {
		c.dens[name] = d
		if _, ok := d.Body.(*expr.Big); ok {
			c.scalar = false
		}
	}
	for d := range p.Types.Dims {
		c.dims[d] = true
	}
	c.familyVectors = map[string]bool{}
	for _, d := range c.dens {
		if call, fam := expr.FamilyCall(d.Body); fam != nil && fam.IsVector() {
			for _, a := range call.Args {
				if s, ok := a.(*expr.Sym); ok {
					c.familyVectors[s.Name] = true
				}
			}
		}
	}
	c.aliases()
	c.rvAliases(rvs)
	c.rv = map[string]bool{}
	for _, name := range rvs {
		c.rv[name] = true
	}
	c.collectParams()
	if declared != "" {
		if n, ok := c.density(declared); ok {
			c.declared = n
		}
	}
	return c, nil
}

// aliases lets a density be written with its initial in the other case,
// P(x) for p(x), when that spelling names no other density and is not
// the entropy's letter: beside a density h, H(p, q) is the cross-entropy
// (and beside a density H, h(X) the differential entropy), not h of
// (p, q).
func (c *context) aliases() {
	for name := range c.dens {
		r, size := utf8.DecodeRuneInString(name)
		other := unicode.ToUpper(r)
		if unicode.IsUpper(r) {
			other = unicode.ToLower(r)
		}
		alt := string(other) + name[size:]
		if alt == name || c.dens[alt] != nil || alt == "H" || alt == "h" {
			continue
		}
		c.alias[alt] = name
	}
}

// rvAliases lets the density of a random variable X be written p, or
// p_X, as in h(X) = -E[ln p(x)], when that spelling names no other density.
// The lower-case x is its variable and never an alias.
func (c *context) rvAliases(rvs []string) {
	for _, name := range rvs {
		delete(c.alias, strings.ToLower(name))
		for _, alt := range []string{"p", "p_" + name} {
			if _, taken := c.density(alt); !taken && len(rvs) == 1 {
				c.alias[alt] = name
			}
		}
	}
}

// density resolves a name as written to a density of the context.
func (c *context) density(name string) (string, bool) {
	if c.dens[name] != nil {
		return name, true
	}
	if n, ok := c.alias[name]; ok {
		return n, true
	}
	return "", false
}

// funcs are the names the LaTeX reader applies as functions.
func (c *context) funcs() map[string]bool {
	m := map[string]bool{}
	for n := range c.dens {
		m[n] = true
	}
	for n := range c.alias {
		m[n] = true
	}
	for n := range c.fns {
		m[n] = true
	}
	return m
}

// vars are the random variables the densities are of, in the case
// written and as a capital (x and X), for the LaTeX reader's E(x).
func (c *context) vars() map[string]bool {
	m := map[string]bool{}
	for _, d := range c.dens {
		if v, ok := d.Var.(*expr.Sym); ok && v.Name != "" {
			m[v.Name] = true
			m[strings.ToUpper(v.Name[:1])+v.Name[1:]] = true
		}
	}
	return m
}

// collectParams gathers the symbols the context gives values to.
func (c *context) collectParams() {
	var xs []expr.Expr
	for _, d := range c.dens {
		xs = append(xs, d.Body)
	}
	xs = append(xs, c.prob.Ctx.PositiveExprs...)
	for _, x := range xs {
		vars := map[string]bool{}
		for _, d := range c.dens {
			vars[expr.String(d.Var)] = true
		}
		for _, s := range expr.Symbols(x) {
			if !vars[s] {
				c.params[s] = true
			}
		}
	}
	for s := range c.prob.Ctx.Positive {
		c.params[s] = true
	}
	for d := range c.dims {
		c.params[d] = true
	}
}

// sameName finds the density a document's definition names among those
// already defined: the same name, or the only one that differs from it in
// case alone (P for p).
func sameName(from map[string]string, name string) (string, bool) {
	if _, ok := from[name]; ok {
		return name, true
	}
	found := ""
	for n := range from {
		if strings.EqualFold(n, name) {
			if found != "" {
				return "", false
			}
			found = n
		}
	}
	return found, found != ""
}

// sameDensity compares two densities up to the name of their variable:
// as trees, or as functions of it, so that a formula on its support
// (λe^(−λx) for x ≥ 0) is the family it writes out (Exp(λ)).
func sameDensity(a, b *expr.Density) bool {
	bb := expr.Replace(b.Body, b.Var, a.Var)
	return expr.Equal(a.Body, bb) || sameValues(a.Body, bb, a.Var)
}

// sameValues reports whether two formulas in the variable v agree, to
// rounding, at a grid of v and at a few values of their other symbols
// drawn from [0.5, 2], where both can be evaluated; a formula that
// cannot be evaluated anywhere agrees with nothing.
func sameValues(a, b, v expr.Expr) bool {
	x, ok := v.(*expr.Sym)
	if !ok {
		return false
	}
	syms := map[string]bool{}
	for _, s := range append(expr.Symbols(a), expr.Symbols(b)...) {
		syms[s] = true
	}
	delete(syms, x.Name)
	names := sortedNames(syms)
	compared := 0
	for k := range 3 {
		env := &expr.Env{Vals: map[string]float64{}}
		for i, n := range names {
			env.Vals[n] = 0.5 + math.Mod(0.37*float64(i+1)+0.61*float64(k), 1.5)
		}
		for t := -2.0; t <= 3; t += 0.25 {
			env.Vals[x.Name] = t + 0.01
			va, errA := expr.Eval(a, env)
			vb, errB := expr.Eval(b, env)
			if errA != nil || errB != nil {
				if (errA == nil) != (errB == nil) {
					return false
				}
				continue
			}
			if math.Abs(va-vb) > 1e-9*math.Max(1, math.Abs(va)) {
				return false
			}
			compared++
		}
	}
	return compared > 0
}

func given(d *expr.Density, source string) Given {
	x := &expr.Rel{Op: "=", L: expr.Fn(d.Name, d.Var), R: d.Body}
	stmt := expr.String(x)
	if len(d.Given) > 0 {
		// q(z | x) = ...: the statement names what conditions the density.
		cond := make([]string, len(d.Given))
		for i, g := range d.Given {
			cond[i] = expr.String(g)
		}
		stmt = d.Name + "(" + expr.String(d.Var) + " | " + strings.Join(cond, ", ") + ") = " + expr.String(d.Body)
	}
	return Given{Stmt: stmt, Expr: x, Source: source}
}

func unicodeStmt(d *expr.Density) string {
	return expr.Format(&expr.Rel{Op: "=", L: expr.Fn(d.Name, d.Var), R: d.Body}, expr.Unicode)
}

// errorMessage is an error without its position prefix.
func errorMessage(err error) string {
	if e, ok := err.(*expr.Error); ok {
		return e.Msg
	}
	return err.Error()
}

// declaration matches a statement of which density an expectation
// without one means: <> \text{ denotes } \mathbb E_{x \sim p}.
var declaration = lazy(`(?:<\s*>|\\langle\s*(?:\\cdot|\.)?\s*\\rangle|⟨\s*⟩)\s*\\text\s*\{\s*denotes\s*\}\s*(?:\\mathbb\s*\{?\s*E\s*\}?|E)\s*_\s*\{?\s*(?:[a-zA-Z]\s*\\sim\s*)?([a-zA-Z])`)

// declarationIn finds a declaration in a block: the literal "denotes"
// first, which the pattern has no prefix to look for.
func declarationIn(src string) []int {
	if !strings.Contains(src, "denotes") {
		return nil
	}
	return declaration.FindStringSubmatchIndex(src)
}

// sortedNames lists a set's names in order.
func sortedNames(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
