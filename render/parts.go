package render

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// The pieces of a derivation that every format prints.

// goal is the first line: d.Start, or the bare goal when Start is unset.
func goal(d *derive.Derivation) expr.Expr {
	if d.Start == nil && d.Goal != nil {
		return d.Goal
	}
	return d.Start
}

// result is the last line, falling back to the last step (or the goal) so
// that a derivation stopped by a bound still prints.
func result(d *derive.Derivation) expr.Expr {
	switch {
	case d.Result != nil:
		return d.Result
	case len(d.Steps) > 0:
		return d.Steps[len(d.Steps)-1].After
	}
	return goal(d)
}

// tex prints e in LaTeX in the notation of opt.
func tex(e expr.Expr, opt Options) string { return opt.Notation.Format(e, expr.LaTeX) }

// resultLaTeX is the goal equal to the result, for the result line of
// LaTeX and Markdown, boxed with opt.Box.
func resultLaTeX(d *derive.Derivation, opt Options) string {
	eq := tex(goal(d), opt) + " = " + tex(result(d), opt)
	if opt.Box {
		return `\boxed{` + eq + `}`
	}
	return eq
}

// goalWords names the quantity asked for, for headings.
func goalWords(d *derive.Derivation) string {
	in := d.Goal
	if in == nil {
		in, _ = d.Start.(*expr.Info)
	}
	switch {
	case in == nil:
		return "Derivation"
	case in.Kind == "KL":
		return "KL divergence"
	case in.Kind == "I":
		return "Self-information"
	case in.Q == "":
		return "Entropy"
	}
	return "Cross-entropy"
}

func givens(d *derive.Derivation, s expr.Style, n expr.Notation) []string {
	out := make([]string, len(d.Givens))
	for i, g := range d.Givens {
		out[i] = n.Format(g, s)
	}
	return out
}

// verdict summarises the numeric checks in one line. times and sci let
// LaTeX set the multiplication sign and the error in math mode; words
// sets the text of a piecewise result's case otherwise (as text, never
// math that the checker would read as a claim), and witness that of +∞'s
// witness, p(x) > 0 and q(x) = 0, whose relations LaTeX sets as math.
func verdict(v derive.Verification, times string, sci func(float64) string, words, witness func(string) string) string {
	if v.Points == 0 && v.Steps == 0 && !v.Direct {
		return "not verified numerically"
	}
	if v.Witness != "" {
		return "verified: at " + count(v.Points, "point") + ", " + witness(v.Witness)
	}
	s := "verified: " + count(v.Points, "point") + " " + times + " " + count(v.Steps, "step")
	switch {
	case v.Variable != "":
		s += ", each at a value of " + v.Variable + " in the support; result agrees with the density evaluated there"
	case v.Series:
		s += fmt.Sprintf(", result agrees with direct summation over the support, cut where a ratio test bounds the tail below %.0e of the sum", expr.SeriesTail)
	case v.Summed:
		s += ", result agrees with direct summation over the support"
	case v.Direct:
		s += ", result agrees with direct integration"
	}
	s += "; largest relative error " + sci(v.MaxRelErr)
	if len(v.Dims) > 0 {
		dims := make([]string, len(v.Dims))
		for i, n := range v.Dims {
			dims[i] = strconv.Itoa(n)
		}
		s += "; dimensions tried: " + strings.Join(dims, ", ")
	}
	if v.Cases != "" {
		s += "; " + words(v.Cases)
	}
	if v.Otherwise != "" {
		s += "; " + words(v.Otherwise)
	}
	if v.Limits != "" {
		s += "; " + words(v.Limits)
	}
	return s
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func sciPlain(x float64) string { return fmt.Sprintf("%.1e", x) }

// ruleTitles maps each fine rule name to the title of its first use.
func ruleTitles(d *derive.Derivation) map[string]string {
	out := map[string]string{}
	for _, s := range d.Steps {
		fine := s.Fine
		if len(fine) == 0 {
			fine = []derive.Step{s}
		}
		for _, f := range fine {
			if _, ok := out[f.Rule]; !ok {
				out[f.Rule] = f.Title
			}
		}
	}
	return out
}

// ruleUse is one entry of a "Rules used" list: a fine rule's name and
// the title of its first use, empty when it says no more than the name.
type ruleUse struct{ name, title string }

// rulesUsed lists the named rules d used, in order of first use.
func rulesUsed(d *derive.Derivation) []ruleUse {
	titles := ruleTitles(d)
	var out []ruleUse
	for _, r := range d.RulesUsed() {
		if r == "" { // an unnamed step has nothing to list
			continue
		}
		u := ruleUse{name: r}
		if t := titles[r]; t != r {
			u.title = t
		}
		out = append(out, u)
	}
	return out
}

// assumptions are the assumptions a reader meets before the steps, each
// its fact, then why in brackets unless the file said it ("assume a2 <
// a1"): σ₁ > 0 (a standard deviation, taken positive: σ₁² is the
// variance of p). math sets an expression, words the text around. What
// the densities say themselves (derive.Assumption.Domain) is left out:
// they are among the givens.
func assumptions(d *derive.Derivation, math func(expr.Expr) string, words func(string) string) []string {
	var out []string
	for _, a := range d.Assumed {
		if a.Domain {
			continue
		}
		s := math(a.Fact)
		if a.Why != "assumed" {
			s += " (" + a.Words(math, words) + ")"
		}
		out = append(out, s)
	}
	return out
}

// plainWords sets the words of plain text as they are.
func plainWords(s string) string { return s }
