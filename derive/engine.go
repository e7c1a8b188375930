package derive

import (
	"fmt"
	"sort"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
)

// Limits bound the work of a derivation. When one is reached the
// derivation stops and says which.
type Limits struct {
	Steps int // fine rewrites in all
	Size  int // nodes in one expression
	Depth int // height of one expression
}

// DefaultLimits are generous for every supported family.
var DefaultLimits = Limits{Steps: 2000, Size: 20000, Depth: 200}

// BoundError reports a limit that stopped a derivation.
type BoundError struct{ Msg string }

func (e *BoundError) Error() string { return e.Msg }

type engine struct {
	ctx    *rules.Context
	limits Limits
	steps  int
}

// rewriteOnce applies the first rule of set that matches, trying the
// whole term first and then its sub-terms left to right: outermost
// first, as a hand derivation takes an expectation apart from the
// outside in.
func (en *engine) rewriteOnce(e expr.Expr, set rules.Set) (expr.Expr, *Step) {
	for _, r := range set {
		if out, why, ok := r.Apply(e, en.ctx); ok {
			return out, &Step{Rule: r.Name, Title: r.Title, At: e, Because: why}
		}
	}
	kids := expr.Children(e)
	for i, k := range kids {
		if nk, st := en.rewriteOnce(k, set); st != nil {
			c := append([]expr.Expr(nil), kids...)
			c[i] = nk
			return expr.WithChildren(e, c), st
		}
	}
	return e, nil
}

// exhaust rewrites with set until nothing matches, recording each fine
// step with the whole term before and after it.
func (en *engine) exhaust(e expr.Expr, set rules.Set) (expr.Expr, []Step, error) {
	var fine []Step
	for {
		out, st := en.rewriteOnce(e, set)
		if st == nil {
			return e, fine, nil
		}
		st.Before, st.After = e, out
		fine = append(fine, *st)
		e = out
		if err := en.charge(e); err != nil {
			return e, fine, err
		}
	}
}

// once applies set at most once, at the first place it matches.
func (en *engine) once(e expr.Expr, set rules.Set) (expr.Expr, []Step, error) {
	out, st := en.rewriteOnce(e, set)
	if st == nil {
		return e, nil, nil
	}
	st.Before, st.After = e, out
	return out, []Step{*st}, en.charge(out)
}

func (en *engine) charge(e expr.Expr) error {
	en.steps++
	switch {
	case en.steps > en.limits.Steps:
		return &BoundError{fmt.Sprintf("step limit reached: more than %d rewrites", en.limits.Steps)}
	case expr.Size(e) > en.limits.Size:
		return &BoundError{fmt.Sprintf("term size limit reached: an expression has more than %d nodes", en.limits.Size)}
	case expr.Depth(e) > en.limits.Depth:
		return &BoundError{fmt.Sprintf("depth limit reached: an expression is nested more than %d deep", en.limits.Depth)}
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
