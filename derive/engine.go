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
	// normal holds the sub-terms that the running exhaustive walk found
	// no rule of its set applies in, at any depth. The rules read a term
	// and the context only, never where the term stands, and terms are
	// never changed in place, so such a term met again (a child kept
	// when its parent was rewritten) is left as it is without trying
	// every rule at every node of it again: the same steps, fewer
	// attempts. Each walk empties it; its room is made once.
	normal map[expr.Expr]bool
	// path is the room of a walk's ancestors, kept from one walk to the
	// next rather than grown again by each.
	path []frame
	// fine holds the fine steps of every exhaustive walk so far, one
	// after another: each walk's are a part of it, capped so that an
	// append to them cannot write over the next walk's. A list of each
	// walk's own, grown step by step, was an eighth of a derivation's
	// allocated bytes.
	fine []Step
}

// rewriteOnce applies the first rule of set that matches, trying the
// whole term first and then its sub-terms left to right.
func (en *engine) rewriteOnce(e expr.Expr, set rules.Set) (expr.Expr, Step, bool) {
	if out, st, ok := en.applyAt(e, set); ok {
		return out, st, true
	}
	kids := expr.Children(e)
	for i, k := range kids {
		if nk, st, ok := en.rewriteOnce(k, set); ok {
			c := append([]expr.Expr(nil), kids...)
			c[i] = nk
			return expr.WithChildren(e, c), st, true
		}
	}
	return e, Step{}, false
}

// exhaust rewrites with set until nothing matches, recording each fine
// step with the whole term before and after it. It works outermost
// first, as a hand derivation takes an expectation apart from the
// outside in: rules are tried at a node until none applies, then its
// children are rewritten left to right, and the node is tried again if
// they changed. Each node is visited once per change rather than once
// per step, which keeps long derivations linear in practice.
func (en *engine) exhaust(e expr.Expr, set rules.Set) (expr.Expr, []Step, error) {
	if en.normal == nil {
		en.normal = make(map[expr.Expr]bool)
	}
	clear(en.normal)
	start := len(en.fine)
	w := &walk{en: en, set: set, current: e, path: en.path[:0], fine: en.fine}
	out := w.normalise(e)
	en.path, en.fine = w.path, w.fine
	return out, w.fine[start:len(w.fine):len(w.fine)], w.err
}

// walk is one exhaustive rewrite. path holds the ancestors of the node
// being rewritten, so that the whole term can be rebuilt for the record
// of a step without building it at every node visited.
type walk struct {
	en      *engine
	set     rules.Set
	path    []frame
	fine    []Step
	err     error
	current expr.Expr // the whole term as it stands: every change is a step
}

type frame struct {
	node expr.Expr
	kids []expr.Expr // the node's children as rewritten so far; nil if none changed
	at   int
}

// whole rebuilds the entire term with x in place of the current node.
func (w *walk) whole(x expr.Expr) expr.Expr {
	for i := len(w.path) - 1; i >= 0; i-- {
		f := w.path[i]
		var buf [4]expr.Expr
		kept := f.kids
		if kept == nil {
			kept = expr.ChildrenIn(f.node, &buf)
		}
		c := append([]expr.Expr(nil), kept...)
		c[f.at] = x
		x = expr.WithChildren(f.node, c)
	}
	return x
}

func (w *walk) normalise(e expr.Expr) expr.Expr {
	if w.en.normal[e] {
		return e
	}
	for w.err == nil {
		if out, st, ok := w.en.applyAt(e, w.set); ok {
			st.Before, st.After = w.current, w.whole(out)
			w.current = st.After
			w.fine = append(w.fine, st)
			w.err = w.en.charge(st.After)
			e = out
			continue
		}
		// Children are visited in place; a copy is made only when one
		// changes, which is rare next to the nodes visited.
		var kids []expr.Expr
		for i, n := 0, expr.NumChildren(e); i < n; i++ {
			child := expr.Child(e, i)
			w.path = append(w.path, frame{node: e, kids: kids, at: i})
			nk := w.normalise(child)
			w.path = w.path[:len(w.path)-1]
			if nk != child {
				if kids == nil {
					var buf [4]expr.Expr
					kids = append([]expr.Expr(nil), expr.ChildrenIn(e, &buf)...)
				}
				kids[i] = nk
			}
		}
		if kids == nil {
			w.en.normal[e] = true
			return e
		}
		e = expr.WithChildren(e, kids)
	}
	return e
}

// applyAt applies the first rule of set that matches e itself. The step
// is returned by value: a pointer to it would be made on the heap at
// every rewrite, only to be copied into the list of fine steps.
func (en *engine) applyAt(e expr.Expr, set rules.Set) (expr.Expr, Step, bool) {
	for _, r := range set {
		if out, why, ok := r.Apply(e, en.ctx); ok {
			return out, Step{Rule: r.Name, Title: r.Title, At: e, Because: why}, true
		}
	}
	return nil, Step{}, false
}

// once applies set at most once, at the first place it matches.
func (en *engine) once(e expr.Expr, set rules.Set) (expr.Expr, []Step, error) {
	out, st, ok := en.rewriteOnce(e, set)
	if !ok {
		return e, nil, nil
	}
	st.Before, st.After = e, out
	return out, []Step{st}, en.charge(out)
}

// atRoot applies the first rule of set that rewrites the whole term; the
// algebra of a result is done once, on all of it.
func (en *engine) atRoot(e expr.Expr, set rules.Set) (expr.Expr, []Step, error) {
	for _, r := range set {
		if out, why, ok := r.Apply(e, en.ctx); ok {
			st := Step{Rule: r.Name, Title: r.Title, At: e, Before: e, After: out, Because: why}
			return out, []Step{st}, en.charge(out)
		}
	}
	return e, nil, nil
}

func (en *engine) charge(e expr.Expr) error {
	en.steps++
	size, depth := expr.SizeDepth(e)
	switch {
	case en.steps > en.limits.Steps:
		return &BoundError{fmt.Sprintf("step limit reached: more than %d rewrites", en.limits.Steps)}
	case size > en.limits.Size:
		return &BoundError{fmt.Sprintf("term size limit reached: an expression has more than %d nodes", en.limits.Size)}
	case depth > en.limits.Depth:
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
