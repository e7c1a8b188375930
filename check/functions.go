package check

import (
	"fmt"
	"slices"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// A document may define a function of one variable before using it:
// "with density $f(x) = \frac{x^{\alpha-1}(1-x)^{\beta-1}}{B(\alpha,
// \beta)}$", then h(X) = -\int_0^1 f(x) \ln f(x)\,dx. The definition is
// listed, not judged, as any definition is; the links after it read
// f(t) as its formula at t, so that they can be judged at all.

// function is a function the document defines: name(v) = body.
type function struct {
	v    string
	body expr.Expr
	line int // where it is defined
}

// maxFunctionDepth bounds how deep functions defined through one
// another are opened: f(x) = g(x)^2, g(x) = ... .
const maxFunctionDepth = 8

// findFunctions reads the functions the document defines: the first link
// of a chain, name(v) = formula in v, where the name is no density,
// parameter or known function and the formula does not use the name.
func (c *context) findFunctions(s *Source) {
	// Read twice: a function may be defined through one defined after
	// it, f(x) = g(x)^2, and reading the formula needs g's name.
	c.readFunctions(s, c.funcs())
	if len(c.fns) > 0 {
		names := c.funcs()
		c.fns = nil
		c.readFunctions(s, names)
	}
}

// readFunctions is one reading of the document's functions, with funcs
// the names the LaTeX reader applies.
func (c *context) readFunctions(s *Source, funcs map[string]bool) {
	opt := latex.Options{File: s.File, Funcs: funcs, Vars: c.vars(), Heads: mayBeDefinition}
	var buf []latex.ChainPart
	for _, b := range s.Math {
		if !mayDefineFunction(b.Src) {
			continue
		}
		opt.Line, opt.Col = b.Pos.Line, b.Pos.Col
		parts, err := latex.AppendChain(buf[:0], b.Src, opt)
		if err != nil || len(parts) < 2 {
			continue
		}
		buf = parts
		left, right := parts[0], parts[1]
		if left.Op != "" || right.Op != "=" && right.Op != ":=" || right.X == nil {
			continue
		}
		if _, isInfo := left.X.(*expr.Info); isInfo {
			continue // h(X) = …: the entropy of X
		}
		name, v, ok := defName(left.Src)
		if !ok || v == "" || c.fns[name] != nil || c.params[name] || c.params[v] || !c.freeName(name) {
			continue
		}
		if !expr.Uses(right.X, v) || expr.Uses(right.X, name) || callsFn(right.X, name) {
			continue
		}
		if c.fns == nil {
			c.fns = map[string]*function{}
		}
		c.fns[name] = &function{v: v, body: right.X, line: left.Pos.Line}
	}
}

// mayDefineFunction reports, without reading the math, whether src may
// open with a definition name(v) = …: what stands before its first = is
// a name applied to one letter. Most blocks are not, and are not read
// again.
func mayDefineFunction(src string) bool {
	i := strings.IndexByte(src, '=')
	if i <= 0 {
		return false
	}
	head := strings.TrimSuffix(src[:i], ":")
	return strings.HasSuffix(strings.TrimSpace(head), ")") && defCall.MatchString(head)
}

// freeName reports whether name stands for nothing else: no density, no
// family, no function the reader knows.
func (c *context) freeName(name string) bool {
	if _, isDensity := c.density(name); isDensity || expr.LookupFamily(name) != nil {
		return false
	}
	if _, special := expr.IsSpecial(name); special {
		return false
	}
	switch name {
	case "log", "exp", "sqrt", "abs", "tr", "det", "inv", "diag", "I", "E", "V", "P", "H", "KL", "h":
		return false
	}
	return true
}

// callsFn reports whether x calls the function name.
func callsFn(x expr.Expr, name string) bool {
	return expr.Any(x, func(n expr.Expr) bool {
		c, ok := n.(*expr.Call)
		return ok && c.Fn == name
	})
}

// function opens a call of a function the document defines, f(t), as
// its formula at t.
func (r *resolver) function(x *expr.Call, v string) (expr.Expr, bool) {
	f := r.c.fns[x.Fn]
	if f == nil || len(x.Args) != 1 {
		return nil, false
	}
	if r.fnDepth >= maxFunctionDepth {
		return r.fail("the functions %s is defined through are nested more than %d deep", x.Fn, maxFunctionDepth), true
	}
	r.fnDepth++
	defer func() { r.fnDepth-- }()
	if !slices.Contains(r.opened, x.Fn) {
		r.opened = append(r.opened, x.Fn)
	}
	return r.resolve(expr.Replace(f.body, expr.S(f.v), x.Args[0]), v), true
}

// definedText says which functions a link was read through, and where
// each is defined: "f as defined on line 3".
func (c *context) definedText(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = fmt.Sprintf("%s as defined on line %d", expr.Format(expr.S(n), expr.Unicode), c.fns[n].line)
	}
	return strings.Join(parts, ", ")
}
