package check

import (
	"fmt"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// A Categorical or a Dirichlet defined in the document (p =
// \mathrm{Cat}(\pi), x \sim \mathrm{Dir}(\alpha)) needs what its math
// cannot say: that its parameter is a vector, of which dimension, and, for
// the probabilities of a Categorical, that they lie on the simplex. The
// family says it, so the context declares it: K: dim (the dimension the
// document's sums run to), pi: vector[K] simplex, alpha, x: vector[K].

// piVector is the name of π where the document uses it as a symbol (a
// family's parameter, \mathrm{Cat}(\pi), and then its coordinates \pi_k):
// pi is the constant 3.14159… and cannot be declared, and a name of its
// own keeps the two apart wherever both are read (\log 2\pi beside \pi_k).
// It prints as a bold π.
const piVector = "𝛑"

// symbolPi reads a family's parameter written π as the symbol, not the
// constant: no family takes the number π for a probability, a rate or a
// vector of them.
func symbolPi(args []expr.Expr) ([]expr.Expr, bool) {
	out := make([]expr.Expr, len(args))
	renamed := false
	for i, a := range args {
		out[i] = a
		if s, ok := a.(*expr.Sym); ok && s.Name == "pi" {
			out[i], renamed = expr.S(piVector), true
		}
	}
	return out, renamed
}

// piNote says that the π of a definition is read as its parameter.
func piNote(line int, src string) string {
	return fmt.Sprintf("line %d: in %s, π is the parameter, a symbol, not the constant 3.14159…", line, strings.TrimSpace(src))
}

// vectorDecls are the declarations a definition of a vector family needs
// that the context does not make: the dimension, unless one is declared,
// and each vector parameter (and a Dirichlet's variable) not declared yet.
func vectorDecls(d *expr.Density, f *expr.File, dim string) []*expr.Decl {
	call, fam := expr.FamilyCall(d.Body)
	if fam == nil || !fam.IsVector() {
		return nil
	}
	declared := map[string]bool{}
	var dims []string
	for _, decl := range f.Decls {
		for _, n := range decl.Names {
			declared[n] = true
			if decl.Type == "dim" {
				dims = append(dims, n)
			}
		}
	}
	var out []*expr.Decl
	if len(dims) == 1 {
		dim = dims[0]
	} else if !declared[dim] {
		out = append(out, &expr.Decl{Names: []string{dim}, Type: "dim", Pos: d.Pos})
	}
	vector := func(x expr.Expr, props ...string) {
		s, ok := x.(*expr.Sym)
		if !ok || declared[s.Name] {
			return
		}
		declared[s.Name] = true
		out = append(out, &expr.Decl{Names: []string{s.Name}, Type: "vector", Dims: []expr.Expr{expr.S(dim)}, Props: props, Pos: d.Pos})
	}
	if fam.VectorVar {
		vector(call.Args[0])
	}
	for i, p := range fam.Params {
		switch p.Domain {
		case expr.Simplex:
			vector(call.Args[i+1], "simplex")
		case expr.PositiveVector:
			vector(call.Args[i+1])
		}
	}
	return out
}

// sumLimit is a sum or product from 1 to a letter: \sum_{k=1}^{K},
// \prod_{j = 1}^n.
var sumLimit = lazy(`\\(?:sum|prod)\s*_\s*\{?\s*[a-zA-Z]\s*=\s*1\s*\}?\s*\^\s*\{?\s*([A-Za-z])\b`)

// documentDim is the dimension a document's sums run to, the letter most
// of its sums from 1 end at (\sum_{k=1}^{K}), or K.
func documentDim(s *Source) string {
	count := map[string]int{}
	for _, b := range s.Math {
		for _, m := range sumLimit.FindAllStringSubmatch(b.Src, maxProseMatches) {
			count[m[1]]++
		}
	}
	letters := make([]string, 0, len(count))
	for l := range count {
		letters = append(letters, l)
	}
	sort.Slice(letters, func(i, j int) bool {
		return count[letters[i]] > count[letters[j]] || count[letters[i]] == count[letters[j]] && letters[i] < letters[j]
	})
	if len(letters) > 0 {
		return letters[0]
	}
	return "K"
}

// unicodeDecl is a declaration as the report shows it, π in bold.
func unicodeDecl(d *expr.Decl) string {
	c := *d
	c.Names = make([]string, len(d.Names))
	for i, n := range d.Names {
		c.Names[i] = expr.Format(expr.S(n), expr.Unicode)
	}
	return c.String()
}

// iversonProduct is a Categorical's probability written as a product
// with an Iverson bracket or an indicator in the exponent:
// \prod_{k=1}^{K} \pi_k^{[x=k]}, \prod_k \theta_k^{\mathbb 1(x = k)}.
// The reader has no Iverson bracket, so the definition is read whole.
var iversonProduct = lazy(`^\\prod_\{?\s*([a-z])\s*(?:=\s*1\s*)?\}?(?:\s*\^\s*\{?\s*([A-Za-z])\s*\}?)?\s*(\\?[A-Za-z]+)\s*_\s*\{?\s*([a-z])\s*\}?\s*\^\s*\{\s*(?:\[\s*([a-z])\s*=\s*([a-z])\s*\]|\\mathbb\s*\{?\s*[1I]\s*\}?\s*(?:_\s*\{\s*([a-z])\s*=\s*([a-z])\s*\}|[\[(]\s*([a-z])\s*=\s*([a-z])\s*[\])]))\s*\}$`)

// iversonCategorical reads such a product of the variable v as the
// Categorical of v with the vector of the product's base; dim is the
// product's upper limit, when written.
func iversonCategorical(src, v string) (args []expr.Expr, dim string, ok bool) {
	m := iversonProduct.FindStringSubmatch(strings.TrimSpace(src))
	if m == nil || m[4] != m[1] {
		return nil, "", false
	}
	x, k := m[5]+m[7]+m[9], m[6]+m[8]+m[10]
	if x != v || k != m[1] {
		return nil, "", false
	}
	base, err := latex.Parse(m[3], latex.Options{})
	s, isSym := base.(*expr.Sym)
	if err != nil || !isSym {
		return nil, "", false
	}
	args, _ = symbolPi([]expr.Expr{expr.S(v), s})
	return args, m[2], true
}

// iversonDefinition reads q(x) = \prod_k \pi_k^{[x=k]} as the definition
// of a Categorical density.
func iversonDefinition(left, right *latex.ChainPart, dim string) (definition, bool) {
	name, v, ok := defName(left.Src)
	if !ok || v == "" || right.Op != "=" && right.Op != ":=" {
		return definition{}, false
	}
	args, written, ok := iversonCategorical(right.Src, v)
	if !ok {
		return definition{}, false
	}
	if written != "" {
		dim = written
	}
	src := strings.TrimSpace(left.Src) + " " + right.Op + " " + strings.TrimSpace(right.Src)
	pi, note := expr.Equal(args[1], expr.S(piVector)), ""
	if pi {
		note = piNote(left.Pos.Line, right.Src)
	}
	return definition{name: name, line: left.Pos.Line, src: src, dim: dim, pi: pi, note: note,
		d: &expr.Density{Name: name, Var: expr.S(v), Body: expr.Fn(vectorFamily(false).Name, args...), Pos: left.Pos}}, true
}

// vectorFamily is the registered family with vector parameters of one
// outcome (the Categorical) or, with vectorVar, of a point of the simplex
// (the Dirichlet), found by what it is rather than by name.
func vectorFamily(vectorVar bool) *expr.Family {
	for _, f := range expr.AllFamilies() {
		if f.IsVector() && f.VectorVar == vectorVar && !f.Gaussian {
			return f
		}
	}
	return nil
}
