package rules

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// couldMatch may only skip what match would fail: every pattern of every
// rule, and every part of one (matchAC asks about each term), against
// every sub-term of the rules' worked examples, both sides of the rules
// and the shared corpus of expressions. Where match finds a binding,
// couldMatch must have said it could.
func TestCouldMatchSkipsOnlyFailures(t *testing.T) {
	ctx := testCtx(t)
	var terms []expr.Expr
	addAll := func(e expr.Expr) {
		expr.Any(e, func(x expr.Expr) bool {
			terms = append(terms, x)
			return false
		})
	}
	var patterns []expr.Expr
	for _, r := range allRules() {
		if r.Example != "" {
			in, _, err := ctx.Types.Check(expr.MustParse(r.Example), nil, expr.Pos{})
			require.NoError(t, err, r.Example)
			addAll(in)
			if out, _, ok := r.Apply(in, ctx); ok {
				addAll(out)
			}
		}
		if !r.Computed() {
			r.prepOnce.Do(r.build)
		}
		if r.pattern != nil {
			addAll(r.LHS)
			addAll(r.RHS)
			expr.Any(r.pattern, func(x expr.Expr) bool {
				patterns = append(patterns, x)
				return false
			})
		}
	}
	for _, src := range corpus.Expressions {
		if e, err := expr.ParseExpr(src); err == nil {
			addAll(e)
		}
	}
	matched, skipped := 0, 0
	for _, p := range patterns {
		for _, e := range terms {
			m := match(p, e, nil, func(binding) bool { return true })
			c := couldMatch(p, e)
			if m {
				matched++
				require.True(t, c, "couldMatch(%s, %s) is false, but they match", expr.String(p), expr.String(e))
			} else if !c {
				skipped++
			}
		}
	}
	t.Logf("%d patterns × %d terms: %d match, %d skipped", len(patterns), len(terms), matched, skipped)
	assert.Positive(t, matched)
	assert.Greater(t, skipped, len(patterns)*len(terms)/4, "many failures are found without binding")
}
