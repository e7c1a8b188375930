package check

import (
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// A document states the domain of its symbols as it goes: "where
// $\lambda > 0$", "for $a, b > 0$", "with $0 < a < b$", "$\alpha>0,\
// \beta>0$". Each such order relation between parameters of the context
// (or a parameter and a number), or between symbols it does not know and
// numbers, is a condition: the random points of the links in its scope
// (scope.go) honour it, so that a true step is not judged where the
// document's claim does not apply (log(b - a) at b < a), nor a false one
// passed there. A relation of a density's own variable (x \ge 0) is its
// support, not a condition on the points.

// orderOps are the relations a stated condition uses, as the LaTeX
// reader writes them, with the .kl syntax of each.
var orderOps = map[string]string{"<": "<", ">": ">", `\leq`: "<=", `\geq`: ">="}

// mayState is math that may state an order relation.
var mayState = lazy(`[<>≤≥]|\\(?:leq?|geq?|lt|gt|leqslant|geqslant)\b`)

// statesOnlyConditions reports whether math is order relations between
// symbols and numbers only, each piece of it ("0 < a < b", "a, b > 0",
// "$\alpha>0,\ \beta>0$").
func statesOnlyConditions(src string) bool {
	for _, piece := range conditionPieces(src) {
		if len(orderRelations(piece)) == 0 {
			return false
		}
	}
	return true
}

// aboutUnknowns reports whether a relation compares symbols that are
// neither parameters of the context nor a density's variable with each
// other or with a number.
func (c *context) aboutUnknowns(rel *expr.Rel, vars map[string]bool) bool {
	syms := expr.Symbols(rel)
	known := 0
	for _, s := range syms {
		if vars[s] || c.params[s] {
			return false
		}
		if !expr.IsNumberConstant(s) {
			known++
		}
	}
	return known > 0
}

// aboutVariable reports whether a relation bounds a symbol that is no
// parameter, a density's variable or one the context does not know, by
// parameters or numbers: "for $x > \mu$", "on $x \in (0, 1)$". Such a
// condition restricts the draws of an identity's variables at each point,
// where the parameters have their values.
func (c *context) aboutVariable(rel *expr.Rel) bool {
	for _, s := range expr.Symbols(rel) {
		if !c.params[s] && !expr.IsNumberConstant(s) {
			return true
		}
	}
	return false
}

// inInterval is math that may state a symbol's interval: x \in (0, 1).
var inInterval = lazy(`\\in\b`)

// conditionRelations are the order relations a piece of a stated
// condition makes: those it writes, or a symbol's bounds in an interval
// (x \in [0, 1] is x >= 0 and x <= 1).
func conditionRelations(piece string) []*expr.Rel {
	if rels := orderRelations(piece); len(rels) > 0 {
		return rels
	}
	if m := interval.FindStringSubmatch(piece); m != nil {
		rels, _ := intervalSupport(piece, m[1])
		return rels
	}
	return nil
}

// aboutParams reports whether a relation compares parameters of the
// context with each other or with a number: no density's variable, no
// symbol the context does not know, and at least one parameter.
func (c *context) aboutParams(rel *expr.Rel, vars map[string]bool) bool {
	syms := expr.Symbols(rel)
	if len(syms) == 0 {
		return false
	}
	for _, s := range syms {
		if vars[s] || !c.params[s] {
			return false
		}
	}
	return true
}

// conditionPieces cuts math at the commas, \quad and "and" that separate
// conditions stated side by side ($\alpha>0,\ \beta>0$), but not at the
// commas of a list of symbols ($a, b > 0$): a comma ends a piece only
// when the piece before it states a relation.
func conditionPieces(src string) []string {
	var out []string
	from, depth := 0, 0
	cut := func(i, skip int) {
		out = append(out, src[from:i])
		from = i + skip
	}
	for i := 0; i < len(src); i++ {
		switch ch := src[i]; {
		case ch == '\\' && depth == 0 && hasWordAt(src, i+1, "quad"):
			cut(i, len(`\quad`))
		case ch == '\\' && depth == 0 && hasWordAt(src, i+1, "qquad"):
			cut(i, len(`\qquad`))
		case ch == '\\' && depth == 0 && strings.HasPrefix(src[i:], `\text{and}`):
			cut(i, len(`\text{and}`))
		case ch == '\\' && depth == 0 && strings.HasPrefix(src[i:], `\text{ and }`):
			cut(i, len(`\text{ and }`))
		case ch == '\\':
			i++
		case ch == '{' || ch == '(' || ch == '[':
			depth++
		case ch == '}' || ch == ')' || ch == ']':
			depth--
		case (ch == ',' || ch == ';') && depth == 0 && mayState.MatchString(src[from:i]):
			cut(i, 1)
		}
	}
	out = append(out, src[from:])
	for i := range out {
		out[i] = trimSpacing(out[i])
	}
	return out
}

// trimSpacing cuts white space and spacing commands (\ , \,, \;, ~)
// off both ends of src.
func trimSpacing(src string) string {
	for {
		t := strings.TrimSpace(src)
		for _, sp := range []string{`\ `, `\,`, `\;`, `\:`, `\!`, "~"} {
			t = strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(t, sp), sp))
		}
		if t == src {
			return t
		}
		src = t
	}
}

// hasWordAt reports whether the command name word starts at i and ends
// there: \quad, not \quadrature.
func hasWordAt(src string, i int, word string) bool {
	if !strings.HasPrefix(src[i:], word) {
		return false
	}
	j := i + len(word)
	return j == len(src) || !(src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z')
}

// numberSource is a number as written: 0, -1, 1.5, not (9 - 8)^2.
var numberSource = lazy(`^\s*-?\s*[0-9]+(?:\.[0-9]+)?\s*$`)

// orderRelations reads a piece of math that is only order relations
// between symbols, lists of symbols and numbers (0 < a < b, a_1, a_2 > 0)
// as the relations it states, one for each symbol of a list; anything
// else states none.
func orderRelations(piece string) []*expr.Rel {
	parts, err := latex.AppendChain(nil, piece, latex.Options{})
	if err != nil || len(parts) < 2 {
		return nil
	}
	sides := make([][]expr.Expr, len(parts))
	for i := range parts {
		pt := &parts[i]
		if i > 0 && orderOps[pt.Op] == "" || i == 0 && pt.Op != "" {
			return nil
		}
		items, ok := conditionSide(pt)
		if !ok {
			return nil
		}
		sides[i] = items
	}
	var out []*expr.Rel
	for i := 1; i < len(parts); i++ {
		for _, l := range sides[i-1] {
			for _, r := range sides[i] {
				out = append(out, &expr.Rel{Op: orderOps[parts[i].Op], L: l, R: r})
			}
		}
	}
	return out
}

// conditionSide is one side of a stated condition: a symbol, a number,
// an expression, or a list of symbols, each as written.
func conditionSide(pt *latex.ChainPart) ([]expr.Expr, bool) {
	if pt.Err != nil && !symbolList(pt.Src) {
		return nil, false
	}
	if pt.X != nil {
		if numberSource.MatchString(pt.Src) {
			return []expr.Expr{pt.X}, true
		}
		if singleSymbol(pt) {
			return []expr.Expr{pt.X}, true
		}
		if !strings.Contains(pt.Src, ",") && len(expr.Symbols(pt.X)) > 0 {
			// A difference or another expression of the parameters,
			// b - a > 0 as derive states a support's width: the
			// callers keep it only when its symbols are parameters (or
			// only unknowns), so a density's variable is never one; a
			// side without a symbol is a number only as written.
			return []expr.Expr{pt.X}, true
		}
	}
	if !symbolList(pt.Src) {
		return nil, false
	}
	var out []expr.Expr
	for _, piece := range commaPieces(pt.Src) {
		x, err := latex.Parse(piece, latex.Options{})
		if err != nil {
			return nil, false
		}
		out = append(out, x)
	}
	return out, true
}
