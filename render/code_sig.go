package render

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// The signature of an exported function: its name, its parameters (the
// free symbols of the result) and how each dimension is read off them.

// kind is what a value is, for broadcasting: a constant without a batch
// axis, a (batched) scalar, a vector (..., k), a transposed vector, a
// matrix (..., k, k), or the inverse of a matrix not yet applied.
type kind int

const (
	kConst kind = iota
	kScalar
	kVec
	kRow
	kMat
	kInv
)

// param is one parameter of an exported function.
type param struct {
	name  string // as in the .kl file
	kind  kind   // kScalar, kVec or kMat
	props map[string]bool
	dim   string // the dimension symbol of a vector or matrix, if any
}

// signature is everything the emitters need besides the result.
type signature struct {
	quantity  string // "kl", "entropy", "cross_entropy" or "self_information"
	discrete  bool   // the densities are probability mass functions
	densities []string
	variable  string // a self-information's variable, its first argument
	params    []param
	// dims maps a dimension symbol (k, or the D of sum(d in 1..D, ...))
	// to the parameter whose last axis has that length.
	dims   map[string]string
	result expr.Expr
	doc    []string // the densities, for the doc comment
	// verdict is the derivation's verification, or says it was not
	// verified: a generated function never claims more than that.
	verdict string
}

func (s *signature) param(name string) (param, bool) {
	for _, p := range s.params {
		if p.name == name {
			return p, true
		}
	}
	return param{}, false
}

// varies reports whether x depends on a parameter (a dimension does not
// count: it is a size, not a value that can be 0 or carry a batch axis).
func (s *signature) varies(x expr.Expr) bool {
	for _, n := range expr.Symbols(x) {
		if _, ok := s.param(n); ok {
			return true
		}
	}
	return false
}

// spd reports whether x is a parameter declared symmetric positive
// definite.
func (s *signature) spd(x expr.Expr) bool {
	sym, ok := x.(*expr.Sym)
	if !ok {
		return false
	}
	p, _ := s.param(sym.Name)
	return p.props["spd"]
}

// wholeSum checks that a sum runs over every coordinate of the vectors
// it indexes, which is what a reduction over the last axis (or a loop
// over a slice) computes.
func (s *signature) wholeSum(b *expr.Big) error {
	hi, ok := b.Hi.(*expr.Sym)
	if !ok || !s.isDim(hi.Name) {
		return noCounterpart("sum(%s in 1..%s, ...) does not run over a dimension of the parameters", b.Index, expr.String(b.Hi))
	}
	var err error
	expr.Any(b.Body, func(n expr.Expr) bool {
		if ix, ok := n.(*expr.Index); ok {
			if base, ok := ix.Base.(*expr.Sym); ok {
				if p, _ := s.param(base.Name); p.dim != hi.Name {
					err = noCounterpart("sum(%s in 1..%s, ...) indexes %s, of length %s", b.Index, hi.Name, base.Name, p.dim)
				}
			}
		}
		return err != nil
	})
	return err
}

// isDim reports whether name is a dimension, read off a parameter.
func (s *signature) isDim(name string) bool { _, ok := s.dims[name]; return ok }

// newSignature reads the signature of d's result. The parameters are the
// result's free symbols in the order they first appear in the givens
// (the densities as written, P before Q), then in the result itself.
func newSignature(d *derive.Derivation, types *expr.Types) (*signature, error) {
	if d.Bound != "" {
		return nil, fmt.Errorf("the derivation stopped before a closed form (%s)", d.Bound)
	}
	if d.Result == nil || d.Goal == nil {
		return nil, fmt.Errorf("no result")
	}
	if types == nil {
		// Without the declarations every symbol would read as a scalar,
		// which is wrong for matrix notation: refuse rather than guess.
		if expr.Any(d.Result, func(n expr.Expr) bool {
			switch n.(type) {
			case *expr.MatMul, *expr.Transpose:
				return true
			}
			return false
		}) {
			return nil, fmt.Errorf("the shapes of the result's vectors and matrices are not known")
		}
		types = &expr.Types{Shapes: map[string]expr.Shape{}, Dims: map[string]bool{}, Props: map[string][]string{}}
	}
	s := &signature{result: d.Result, dims: map[string]string{}, discrete: d.Verification.Summed}
	g := d.Goal
	switch {
	case g.Kind == "I":
		s.quantity, s.densities = "self_information", []string{g.P}
	case g.Kind == "KL":
		s.quantity, s.densities = "kl", []string{g.P, g.Q}
	case g.Q == "":
		s.quantity, s.densities = "entropy", []string{g.P}
	default:
		s.quantity, s.densities = "cross_entropy", []string{g.P, g.Q}
	}
	used := map[string]bool{}
	for _, n := range expr.Symbols(d.Result) {
		used[n] = true
	}
	indexed := indexedVectors(d.Result)
	var order []string
	seen := map[string]bool{}
	add := func(names []string) {
		for _, n := range names {
			if !seen[n] && used[n] && !expr.IsNumberConstant(n) {
				seen[n] = true
				order = append(order, n)
			}
		}
	}
	for _, gv := range d.Givens {
		if r, ok := gv.(*expr.Rel); ok && g.Kind == "I" {
			// A self-information is a function of its variable first,
			// then of the parameters: self_information_p(x, a).
			if c, ok := r.L.(*expr.Call); ok && len(c.Args) == 1 {
				s.variable = expr.String(c.Args[0])
				add(expr.Symbols(c.Args[0]))
			}
		}
	}
	for _, gv := range d.Givens {
		if r, ok := gv.(*expr.Rel); ok {
			bound := map[string]bool{}
			if c, ok := r.L.(*expr.Call); ok && len(c.Args) == 1 {
				for _, v := range expr.Symbols(c.Args[0]) {
					bound[v] = true
				}
			}
			var free []string
			for _, n := range expr.Symbols(r.R) {
				if !bound[n] {
					free = append(free, n)
				}
			}
			add(free)
		}
	}
	add(expr.Symbols(d.Result))
	var dimNames []string
	for _, n := range order {
		sh, declared := types.Shapes[n]
		switch {
		case types.Dims[n] || indexed.hi[n] && !types.Counts[n]:
			dimNames = append(dimNames, n)
			continue
		case indexed.vec[n] != "":
			s.params = append(s.params, param{name: n, kind: kVec, dim: indexed.vec[n]})
		case !declared || sh.IsScalar():
			s.params = append(s.params, param{name: n, kind: kScalar})
		case expr.IsInt(sh.C, 1):
			s.params = append(s.params, param{name: n, kind: kVec, dim: expr.String(sh.R)})
		default:
			props := map[string]bool{}
			for _, p := range types.Props[n] {
				props[p] = true
			}
			s.params = append(s.params, param{name: n, kind: kMat, props: props, dim: expr.String(sh.R)})
		}
	}
	for _, dn := range dimNames {
		for _, p := range s.params {
			if p.dim == dn {
				s.dims[dn] = p.name
				break
			}
		}
		if s.dims[dn] == "" {
			return nil, fmt.Errorf("the dimension %s is not the length of any parameter", dn)
		}
	}
	for _, gv := range d.Givens {
		s.doc = append(s.doc, expr.String(gv))
	}
	s.verdict = verdict(d.Verification, "×", sciPlain, titleText, titleText)
	return s, nil
}

// indexed records the vectors a sum indexes, with the upper bound of the
// sum as their length, and which symbols are such bounds.
type indexed struct {
	vec map[string]string
	hi  map[string]bool
}

func indexedVectors(e expr.Expr) indexed {
	out := indexed{vec: map[string]string{}, hi: map[string]bool{}}
	expr.Any(e, func(n expr.Expr) bool {
		b, ok := n.(*expr.Big)
		if !ok {
			return false
		}
		hi, ok := b.Hi.(*expr.Sym)
		if !ok {
			return false
		}
		out.hi[hi.Name] = true
		expr.Any(b.Body, func(m expr.Expr) bool {
			if ix, ok := m.(*expr.Index); ok {
				if base, ok := ix.Base.(*expr.Sym); ok && out.vec[base.Name] == "" {
					out.vec[base.Name] = hi.Name
				}
			}
			return false
		})
		return false
	})
	return out
}

// snakeName is the Python name of the function: kl_q_p, entropy_p,
// cross_entropy_p_q.
func (s *signature) snakeName() string {
	return s.quantity + "_" + strings.Join(s.densities, "_")
}

// goName is the exported Go name: KLQP, EntropyP, CrossEntropyPQ.
func (s *signature) goName() string {
	head := map[string]string{"kl": "KL", "entropy": "Entropy", "cross_entropy": "CrossEntropy", "self_information": "SelfInformation"}[s.quantity]
	for _, d := range s.densities {
		head += strings.ToUpper(d[:1]) + d[1:]
	}
	return head
}

// what says in words what the function computes, for its doc comment.
func (s *signature) what() string {
	switch s.quantity {
	case "self_information":
		return fmt.Sprintf("I(%s), the self-information -log %s(%s) of a value %s", s.densities[0], s.densities[0], s.variable, s.variable)
	case "kl":
		return fmt.Sprintf("KL(%s || %s), the KL divergence", s.densities[0], s.densities[1])
	case "entropy":
		if s.discrete {
			return fmt.Sprintf("H(%s), the entropy", s.densities[0])
		}
		return fmt.Sprintf("H(%s), the differential entropy", s.densities[0])
	}
	return fmt.Sprintf("H(%s, %s), the cross-entropy", s.densities[0], s.densities[1])
}

// claim says how far the result was checked, as a sentence: a generated
// function never claims more than the derivation's verdict.
func (s *signature) claim() string {
	return strings.ToUpper(s.verdict[:1]) + s.verdict[1:] + "."
}

// argDoc documents the parameters' shapes: batched arrays in Python
// (lang "numpy" or "torch"), plain values in Go.
func (s *signature) argDoc(lang string, name func(string) string) []string {
	if len(s.params) == 0 {
		return nil
	}
	var out []string
	if lang == "go" {
		out = append(out, "Parameters:")
	} else {
		out = append(out, "Every argument may carry leading batch axes (...), which broadcast;", "the result has the batch shape. Arguments:")
	}
	for _, p := range s.params {
		var what string
		switch {
		case p.kind == kScalar && lang == "go":
			what = "a number"
		case p.kind == kScalar:
			what = "(...), a scalar per batch element"
		case p.kind == kVec && lang == "go":
			what = "a vector of length " + p.dim
		case p.kind == kVec:
			what = "(..., " + p.dim + "), a vector over the last axis"
		case lang == "go":
			what = "a " + p.dim + "×" + p.dim + " matrix"
		default:
			what = "(..., " + p.dim + ", " + p.dim + "), a matrix over the last two axes"
		}
		for _, pr := range []string{"spd", "symmetric", "diag"} {
			if p.props[pr] {
				what += ", " + map[string]string{"spd": "symmetric positive definite", "symmetric": "symmetric", "diag": "diagonal"}[pr]
			}
		}
		out = append(out, "    "+name(p.name)+": "+what)
	}
	return out
}

// wrapWords breaks prose into lines of at most width runes where it can.
func wrapWords(s string, width int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(s) {
		switch {
		case line == "":
			line = w
		case utf8.RuneCountInString(line)+1+utf8.RuneCountInString(w) > width:
			lines = append(lines, line)
			line = w
		default:
			line += " " + w
		}
	}
	return append(lines, line)
}
