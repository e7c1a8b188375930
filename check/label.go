package check

import (
	"fmt"
	"slices"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// A label names the quantity a chain computes: KL = \int ..., or
// KL_{loss} = \log\frac{\sigma_2}{\sigma_1} + .... The first link of such
// a chain defines the label rather than claiming anything, and a later
// chain that starts with the same label claims that its right side is
// that quantity: after "if we assume $\mu_2 = 0$", KL_{loss} = -\log
// \sigma_1 + ... is checked against the label's definition in that case.

// label is a name the document gives a quantity.
type label struct {
	pos expr.Pos  // where the definition starts
	x   expr.Expr // the label as read: K·L_loss
	def expr.Expr // its definition as read
}

// labelSource is a label as written: two letters or more, optionally
// upright (KL, ELBO, \mathrm{KL}), or a letter with a word as its
// subscript (KL_{loss}, L_{KL}, \mathcal{L}_{\text{VAE}}). A single
// letter is left alone: a = b is more often a claim about a symbol.
var labelSource = lazy(`^\s*(?:(?:\\(?:mathrm|text|mathcal|mathit|operatorname)\s*\{\s*[A-Za-z]{2,}\s*\}|[A-Za-z]{2,})\s*(?:_\s*(?:\{[^{}]*\}|[A-Za-z0-9]))?|(?:\\(?:mathrm|text|mathcal|mathit|operatorname)\s*\{\s*[A-Za-z]\s*\}|[A-Za-z])\s*_\s*\{\s*(?:\\(?:text|mathrm)\s*\{\s*[A-Za-z]{2,}\s*\}|[A-Za-z]{2,})\s*\})\s*$`)

// isLabel reports whether the first link of a chain defines a label: a
// name the context does not know, not used on the right, and not defined
// before.
func (c *context) isLabel(left, right *latex.ChainPart) bool {
	if right.Op != "=" || left.X == nil || right.X == nil || left.Err != nil || !labelSource.MatchString(left.Src) {
		return false
	}
	if c.labelled(left.X) {
		return false // defined already: the chain claims it is its right side
	}
	var names []string
	switch x := left.X.(type) {
	case *expr.Sym, *expr.Index:
		names = expr.Symbols(x)
	case *expr.Mul:
		for _, f := range x.Factors {
			switch f.(type) {
			case *expr.Sym, *expr.Index:
			default:
				return false
			}
		}
		names = expr.Symbols(x)
	default:
		return false
	}
	vars := c.vars()
	for _, n := range names {
		if _, isDensity := c.density(n); isDensity || c.params[n] || vars[n] || expr.IsNumberConstant(n) || n == "H" || n == "I" {
			return false
		}
		if expr.Uses(right.X, n) {
			return false
		}
	}
	// The definition is in the context's terms: a label for something
	// unknown would hide that it is unknown.
	rs := &resolver{c: c}
	x := rs.resolve(c.relabel(right.X, right.Pos), "")
	if rs.err != nil {
		return false
	}
	_, unknown := freeSymbols(c, x, x)
	return len(unknown) == 0
}

// labelled reports whether x is a label defined already.
func (c *context) labelled(x expr.Expr) bool {
	for _, l := range c.labels {
		if x != nil && expr.Equal(l.x, x) {
			return true
		}
	}
	return false
}

// relabel replaces in a side as read the labels defined before pos by
// their definitions.
func (c *context) relabel(x expr.Expr, pos expr.Pos) expr.Expr {
	for i := len(c.labels) - 1; i >= 0; i-- {
		if l := c.labels[i]; before(l.pos, pos) {
			x = expr.Replace(x, l.x, l.def)
		}
	}
	return x
}

// outOfCase says why a link that uses a label cannot be judged at pos:
// the label was defined in a special case (μ₂ = 0) not in scope there,
// so its definition says nothing of the quantity in the case at hand.
// It is "" when every label the sides use was defined in a case that
// still holds, or in general.
func (c *context) outOfCase(pos expr.Pos, sides ...expr.Expr) string {
	var now []special
	for _, l := range c.labels {
		if !before(l.pos, pos) || !slices.ContainsFunc(sides, func(x expr.Expr) bool { return x != nil && expr.Contains(x, l.x) }) {
			continue
		}
		if now == nil {
			now = c.specialsBefore(pos)
		}
		for _, sp := range c.specialsBefore(l.pos) {
			if !slices.ContainsFunc(now, func(o special) bool { return o.name == sp.name && o.value == sp.value && o.fill == sp.fill }) {
				return fmt.Sprintf("the label defined on line %d stands for its definition in the special case %s, which does not hold here", l.pos.Line, sp.text)
			}
		}
	}
	return ""
}
