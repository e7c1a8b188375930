package render

import (
	"fmt"
	"sort"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// A Python function as written out: its names, its docstring, the
// helpers and imports it needs.

// torchConstFns are the standard-library functions PyTorch code calls on
// constants.
var torchConstFns = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"log": "math.log", "exp": "math.exp", "sqrt": "math.sqrt", "log1p": "math.log1p", "expm1": "math.expm1",
		"abs": "abs", "lgamma": "math.lgamma",
	}
}}

// pyHelpers are module-level functions the generated code may call.
var pyHelpers = once.Value[map[string]map[string]string]{New: func() map[string]map[string]string {
	return map[string]map[string]string{
		"_solve": {
			"numpy": `def _solve(a, b):
    """inv(a) @ b without forming the inverse, broadcasting batch axes."""
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    return np.linalg.solve(np.broadcast_to(a, batch + a.shape[-2:]), np.broadcast_to(b, batch + b.shape[-2:]))`,
			"torch": `def _solve(a, b):
    """inv(a) @ b without forming the inverse, broadcasting batch axes."""
    batch = torch.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    return torch.linalg.solve(a.expand(batch + a.shape[-2:]), b.expand(batch + b.shape[-2:]))`,
		},
	}
}}

// pyKeywords are names a parameter cannot have in Python, with the module
// names the generated code uses.
var pyKeywords = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
		"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
		"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
		"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
		"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
		"np": true, "torch": true, "special": true, "math": true,
	}
}}

// pyName is the Python name of a symbol: itself, or with a trailing
// underscore when it is a keyword (lambda_) or a module name.
func pyName(n string) string {
	if pyKeywords.Get()[n] {
		return n + "_"
	}
	return n
}

// pyFunction writes one function and returns the imports it needs.
func pyFunction(b *strings.Builder, d *pyDialect, sig *signature, helpers map[string]bool) (map[string]bool, error) {
	g := &pyGen{d: d, sig: sig, imports: map[string]bool{}, locals: map[string]string{}, helpers: helpers}
	v, err := g.expr(sig.result)
	if err != nil {
		return nil, err
	}
	names := make([]string, len(sig.params))
	for i, p := range sig.params {
		names[i] = pyName(p.name)
	}
	fmt.Fprintf(b, "def %s(%s):\n", sig.snakeName(), strings.Join(names, ", "))
	b.WriteString(`    """` + sig.what() + " for\n\n")
	for _, s := range sig.doc {
		b.WriteString("        " + s + "\n")
	}
	b.WriteString("\n    Derived by klderive: " + expr.String(sig.result) + "\n\n")
	for _, line := range wrapWords(sig.claim(), 76) {
		b.WriteString("    " + line + "\n")
	}
	b.WriteString("\n")
	for _, line := range sig.argDoc(d.name, pyName) {
		b.WriteString("    " + line + "\n")
	}
	b.WriteString(`    """` + "\n")
	for _, s := range g.pre {
		b.WriteString("    " + s + "\n")
	}
	b.WriteString("    return " + v.code + "\n")
	return g.imports, nil
}

// pyImports are the import lines in a fixed order: standard library
// first, then the frameworks.
func pyImports(imps map[string]bool) string {
	order := []string{"import math", "import numpy as np", "from scipy import special", "import torch"}
	var out []string
	for _, o := range order {
		if imps[o] {
			out = append(out, o)
		}
	}
	var rest []string
	for i := range imps {
		if !contains(order, i) {
			rest = append(rest, i)
		}
	}
	sort.Strings(rest)
	return strings.Join(append(out, rest...), "\n")
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
