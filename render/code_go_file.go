package render

import (
	"fmt"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/once"
)

// A Go function as written out: its names, its doc comment and the
// helpers it may call.

var goKeywords = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"break": true, "case": true, "chan": true, "const": true, "continue": true, "default": true,
		"defer": true, "else": true, "fallthrough": true, "for": true, "func": true, "go": true, "goto": true,
		"if": true, "import": true, "interface": true, "map": true, "package": true, "range": true,
		"return": true, "select": true, "struct": true, "switch": true, "type": true, "var": true,
		"math": true, "mat": true, "mathext": true, "i": true, "len": true, "make": true, "float64": true,
	}
}}

// goName is the Go name of a symbol: itself, or with a trailing
// underscore when it is a keyword or a name the generated code uses.
func goName(n string) string {
	if goKeywords.Get()[n] {
		return n + "_"
	}
	return n
}

// goHelpers are the small functions generated code may call, each
// emitted once per file when used.
var goHelpers = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"xlogy": `// xlogy is x·log(y), and 0 when x is 0 (the convention 0·log 0 = 0).
func xlogy(x, y float64) float64 {
	if x == 0 {
		return 0
	}
	return x * math.Log(y)
}`,
		"lgamma": `// lgamma is log|Γ(x)|.
func lgamma(x float64) float64 {
	v, _ := math.Lgamma(x)
	return v
}`,
		// gonum's mathext.Digamma is accurate to about 1e-10 only; the
		// generated code carries its own, as the evaluator does.
		"digamma": `// digamma is ψ(x) for x > 0: the recurrence ψ(x) = ψ(x + 1) − 1/x up to
// x ≥ 10, then the asymptotic series, accurate to rounding there.
func digamma(x float64) float64 {
	shift := 0.0
	for x < 10 {
		shift -= 1 / x
		x++
	}
	z := 1 / (x * x)
	series := z * (1.0/12 - z*(1.0/120-z*(1.0/252-z*(1.0/240-z*(1.0/132-z*(691.0/32760-z/12))))))
	return shift + math.Log(x) - 1/(2*x) - series
}`,
		// gonum has no trigamma; the generated code carries the evaluator's.
		"trigamma": `// trigamma is ψ′(x) for x > 0: the recurrence ψ′(x) = ψ′(x + 1) + 1/x²
// up to x ≥ 10, then the asymptotic series, accurate to rounding there.
func trigamma(x float64) float64 {
	shift := 0.0
	for x < 10 {
		shift += 1 / (x * x)
		x++
	}
	z := 1 / (x * x)
	series := z * (1.0/6 - z*(1.0/30-z*(1.0/42-z*(1.0/30-z*(5.0/66-z*(691.0/2730-z*7/6))))))
	return shift + (1+1/(2*x)+series)/x
}`,
		"logaddexp": `// logaddexp is log(exp(a) + exp(b)) without overflow.
func logaddexp(a, b float64) float64 {
	m := math.Max(a, b)
	if math.IsInf(m, -1) {
		return m
	}
	return m + math.Log(math.Exp(a-m)+math.Exp(b-m))
}`,
	}
}}

// goFunction writes one function; its imports and helpers go to g's maps.
func goFunction(b *strings.Builder, sig *signature, imports, helpers map[string]bool) error {
	g := &goGen{sig: sig, imports: imports, helpers: helpers, locals: map[string]string{}}
	v, err := g.expr(sig.result)
	if err != nil {
		return err
	}
	if rank(v.kind) > 0 {
		return noCounterpart("the result is not a number")
	}
	var params []string
	for _, p := range sig.params {
		t := "float64"
		switch {
		case p.kind == kVec:
			t = "[]float64"
		case p.kind == kMat && (p.props["spd"] || p.props["symmetric"]):
			t = "mat.Symmetric"
			imports["gonum.org/v1/gonum/mat"] = true
		case p.kind == kMat:
			t = "mat.Matrix"
			imports["gonum.org/v1/gonum/mat"] = true
		}
		params = append(params, goName(p.name)+" "+t)
	}
	name := sig.goName()
	fmt.Fprintf(b, "// %s is %s, for\n//\n", name, sig.what())
	for _, s := range sig.doc {
		b.WriteString("//\t" + s + "\n")
	}
	b.WriteString("//\n// Derived by klderive: " + expr.String(sig.result) + "\n//\n")
	for _, line := range wrapWords(sig.claim(), 76) {
		b.WriteString("// " + line + "\n")
	}
	if len(sig.params) > 0 {
		b.WriteString("//\n")
		for _, line := range sig.argDoc("go", goName) {
			if strings.HasPrefix(line, "    ") {
				line = "  - " + line[4:]
			}
			b.WriteString("// " + line + "\n")
		}
	}
	for _, p := range sig.params {
		if p.kind == kMat {
			b.WriteString("//\n// It returns NaN when a factorisation or solve fails (a matrix that is not\n// positive definite, or singular).\n")
			break
		}
	}
	fmt.Fprintf(b, "func %s(%s) float64 {\n", name, strings.Join(params, ", "))
	for _, s := range g.pre {
		b.WriteString("\t" + strings.ReplaceAll(s, "\n", "\n\t") + "\n")
	}
	b.WriteString("\treturn " + v.code + "\n}\n")
	return nil
}
