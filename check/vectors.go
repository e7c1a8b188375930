package check

import (
	"regexp"
	"sort"

	"github.com/klderive/klderive/expr"
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
var sumLimit = regexp.MustCompile(`\\(?:sum|prod)\s*_\s*\{?\s*[a-zA-Z]\s*=\s*1\s*\}?\s*\^\s*\{?\s*([A-Za-z])\b`)

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
