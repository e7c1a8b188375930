package main

import (
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"
	"github.com/klderive/klderive/internal/texcheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every rule's LaTeX statement, as `klderive rules --format latex` prints
// it, renders in KaTeX's strict mode.
func TestRuleStatementsRenderInKaTeX(t *testing.T) {
	var stmts []string
	all := family.AllRules()
	for _, r := range all {
		stmts = append(stmts, r.Statement(expr.LaTeX))
	}
	errs, err := texcheck.KaTeX(stmts)
	texcheck.Require(t, err)
	require.NoError(t, err)
	for i, e := range errs {
		assert.NoError(t, e, "rule %s: %s", all[i].Name, stmts[i])
	}
}
