// Package derive turns a problem into a derivation: strategies decide
// which rules to try and in what order, every step is recorded whole, and
// every shown step is checked numerically against the one before it.
package derive

import "github.com/klderive/klderive/expr"

// Step is one line of a derivation: the whole expression after the step,
// and what justifies it. A shown step may group several fine rewrites;
// Fine holds them, each a Step of its own, in order.
type Step struct {
	Rule    string    // stable kebab-case rule name or group name, e.g. "linearity-of-expectation"
	Title   string    // how a reader sees the justification, e.g. "linearity of expectation"
	Before  expr.Expr // the whole expression before the step
	After   expr.Expr // the whole expression after the step
	At      expr.Expr // the sub-term that changed (in Before), for fine steps
	Because []string  // side conditions discharged, e.g. "sigma1 > 0"
	Fine    []Step    // the single rewrites this shown step groups
}

// Derivation is a finished, verified derivation of one goal.
type Derivation struct {
	Goal   *expr.Info // what was asked: KL(p || q), H(p) or H(p, q)
	Start  expr.Expr  // the goal as an expression, the first line
	Steps  []Step     // shown steps; Steps[i].Before is the previous line
	Result expr.Expr  // the last line
	// Givens are the problem's statements a reader needs: the densities
	// (and any assumption), printed in the input syntax.
	Givens []expr.Expr
	// Assumed are the assumptions the steps may rest on, those about
	// the givens' symbols, for a reader to meet before the steps.
	Assumed      []Assumption
	Verification Verification
	// Bound is non-empty when a step, size or depth limit stopped the
	// derivation; the result is then not in closed form.
	Bound string
	// inCase is the problem the finite case of a piecewise result was
	// derived in: its conditions made strict, or, where they pin a
	// point, that point put in. Its steps replay there.
	inCase *Problem
}

// Verification reports the numeric checks the derivation passed.
type Verification struct {
	Points    int     // random admissible parameter points tried per step
	MaxRelErr float64 // largest relative error seen over all checks
	Steps     int     // number of step-to-step checks
	Direct    bool    // the result was compared with direct integration of the definition
	// Summed is set when that integration is a sum over a discrete
	// support, and Series when the support is infinite, so that the sum
	// was cut where a ratio test bounds its tail below
	// expr.SeriesTail of the sum.
	Summed, Series bool
	// Variable, for a self-information I(p), a function of p's
	// variable, names that variable: each point gives it a value in p's
	// support, and the result is compared with -log p(x) there.
	Variable string
	Dims     []int // dimensions tried, for problems with a free dimension
	// Witness, for a result of +∞, says what was shown at every point
	// instead: a point where p > 0 and q = 0.
	Witness string
	// Otherwise, for a piecewise result, says how its case +∞ was
	// verified: by a witness at points where its conditions fail. The
	// other fields are the finite case's, at points where they hold.
	Otherwise string
	// Limits, for a piecewise result whose finite formula has no value
	// at an end of its case (a₁·log a₁ at a₁ = 0), says how its limit
	// there was checked: against direct integration at the end.
	Limits string
	// Cases, where a line has a piecewise term, says at how many of the
	// points each of its cases was taken.
	Cases string
}

// RulesUsed lists the distinct rule names of the fine steps, in order of
// first use.
func (d *Derivation) RulesUsed() []string {
	var out []string
	seen := map[string]bool{}
	for _, s := range d.Steps {
		fine := s.Fine
		if len(fine) == 0 {
			fine = []Step{s}
		}
		for _, f := range fine {
			if !seen[f.Rule] {
				seen[f.Rule] = true
				out = append(out, f.Rule)
			}
		}
	}
	return out
}
