package render

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/klderive/klderive/check"
	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkFixture is a report with one link of each status and a claim.
func checkFixture() *check.Report {
	at := func(line, col int) expr.Pos { return expr.Pos{File: "notes.md", Line: line, Col: col} }
	return &check.Report{
		File: "notes.md",
		Context: []check.Given{
			{Stmt: "p(x) = Normal(x; mu_1, sigma_1^2)", Expr: &expr.Rel{Op: "=", L: expr.Fn("p", expr.S("x")),
				R: expr.MustParse("Normal(x; mu_1, sigma_1^2)")}, Source: "--given"},
			{Stmt: "k: dim", Source: "--given"},
		},
		Notes: []string{"a note"},
		Statements: []check.Statement{
			{Pos: at(9, 12), Kind: check.Condition, Text: `\mu_1 = \mu_2`},
			{Pos: at(11, 8), Kind: check.Definition, Text: `f(x) = x^2`},
		},
		Links: []*check.Link{
			{Pos: at(14, 3), LeftPos: at(13, 1), Op: "=", LHS: `\int p(x) x^2 dx`, RHS: `\mu_1^2 + \sigma_1^2`,
				Right: expr.MustParse("mu_1^2 + sigma_1^2"), Status: check.OK, Points: 16},
			{Pos: at(17, 5), LeftPos: at(16, 1), Op: "=", LHS: "a", RHS: "2a", Right: expr.MustParse("2*a"),
				Status: check.Wrong, Points: 16, OneDim: true,
				Witness:   &check.Witness{Point: []check.Binding{{Name: "mu_1", Value: 0.31}, {Name: "sigma_1", Value: 1.7}}, Left: 0.8123, Right: 1.6246},
				Diagnosis: "right = 2 × left: a factor of 2?"},
			{Pos: at(21, 1), LeftPos: at(21, 1), Op: "=", LHS: "b", RHS: `\operatorname{foo}`, Status: check.Unchecked,
				Reason: `unsupported LaTeX command \operatorname{foo}`},
		},
		Claim: &check.Link{Pos: expr.Pos{File: "--claim", Line: 1, Col: 1}, Op: "=", LHS: "KL(p ‖ q) = 1", RHS: "1",
			Right: expr.N(1), L: expr.N(1), Status: check.OK, Points: 16},
	}
}

func TestCheckText(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, CheckReport(&b, "text", checkFixture()))
	assert.Equal(t, `context: p(x) = 𝒩(x; μ₁, σ₁²)  (--given)
context: k: dim  (--given)
note: a note
condition: \mu_1 = \mu_2  (line 9, not checked)
definition: f(x) = x^2  (line 11, not checked)
notes.md:14  ✓  = μ₁² + σ₁²                                               (numerically equal at 16 points)
notes.md:17  ✗  line 17 does not follow from line 16: at μ₁ = 0.31, σ₁ = 1.7: left = 0.8123, right = 1.625, in one dimension (right = 2 × left: a factor of 2?)
notes.md:21  ?  not checked: unsupported LaTeX command \operatorname{foo}
--claim      ✓  the claim 1                                               (agrees with klderive's result 1 at 16 points)
1 wrong, 2 verified, 1 not checked; the first wrong link is notes.md:17:5
`, b.String())
}

func TestCheckJSON(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, CheckReport(&b, "json", checkFixture()))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	assert.Equal(t, "notes.md", doc["file"])
	links := doc["links"].([]any)
	require.Len(t, links, 3)
	wrong := links[1].(map[string]any)
	assert.Equal(t, map[string]any{
		"line": 17.0, "col": 5.0, "lhs": "a", "rhs": "2a", "op": "=", "status": "wrong", "points": 16.0,
		"one_dim": true, "implicit": false,
		"witness":   map[string]any{"point": map[string]any{"mu_1": 0.31, "sigma_1": 1.7}, "left": 0.8123, "right": 1.6246},
		"diagnosis": "right = 2 × left: a factor of 2?", "reason": "",
	}, wrong)
	assert.Equal(t, wrong, doc["first_wrong"])
	assert.Nil(t, links[0].(map[string]any)["witness"])
	assert.Equal(t, "unchecked", links[2].(map[string]any)["status"])
	assert.Equal(t, map[string]any{"links": 4.0, "ok": 2.0, "wrong": 1.0, "unchecked": 1.0}, doc["summary"])
	assert.Equal(t, "ok", doc["claim"].(map[string]any)["status"])
	assert.Equal(t, []any{map[string]any{"stmt": "p(x) = Normal(x; mu_1, sigma_1^2)", "source": "--given"},
		map[string]any{"stmt": "k: dim", "source": "--given"}}, doc["context"])
	assert.Equal(t, []any{map[string]any{"line": 9.0, "col": 12.0, "kind": "condition", "text": `\mu_1 = \mu_2`},
		map[string]any{"line": 11.0, "col": 8.0, "kind": "definition", "text": "f(x) = x^2"}}, doc["statements"])

	// A clean report has first_wrong null and arrays, never null.
	b.Reset()
	require.NoError(t, CheckJSON(&b, &check.Report{File: "empty.md"}))
	assert.JSONEq(t, `{"file": "empty.md", "context": [], "notes": [], "statements": [], "links": [], "claim": null, "first_wrong": null,
		"summary": {"links": 0, "ok": 0, "wrong": 0, "unchecked": 0}}`, b.String())
	assert.EqualError(t, CheckReport(&b, "yaml", nil), `unknown format "yaml" (valid formats: text, json)`)
}

// Text from the document reaches the terminal with its control
// characters escaped.
func TestCheckTextEscapesTheDocument(t *testing.T) {
	r := &check.Report{File: "n\x1b.md", Links: []*check.Link{
		{Pos: expr.Pos{File: "n\x1b.md", Line: 3, Col: 1}, Op: "=", LHS: "a", RHS: "b\x1b[2J", Status: check.Unchecked,
			Reason: "unsupported LaTeX command \\x\x1b[2J"},
	}}
	var b bytes.Buffer
	require.NoError(t, CheckText(&b, r))
	assert.Equal(t, "n\\x1b.md:3  ?  not checked: unsupported LaTeX command \\x\\x1b[2J\n0 wrong, 0 verified, 1 not checked\n", b.String())
}

// A condition read says the lines it applies to, and a link judged under
// conditions names them, in text and in JSON.
func TestCheckScopedConditions(t *testing.T) {
	at := func(line, col int) expr.Pos { return expr.Pos{File: "notes.md", Line: line, Col: col} }
	r := &check.Report{File: "notes.md",
		Statements: []check.Statement{
			{Pos: at(3, 9), Kind: check.Condition, Text: "a > 0", From: 3, To: 7},
			{Pos: at(9, 9), Kind: check.Condition, Text: "a < 0", From: 9, To: 9},
		},
		Links: []*check.Link{{Pos: at(5, 3), LeftPos: at(5, 1), Op: "=", LHS: `\sqrt{a^2}`, RHS: "a", Right: expr.S("a"),
			Status: check.OK, Points: 16, Conditions: "a > 0 (line 3)"}},
	}
	var b bytes.Buffer
	require.NoError(t, CheckText(&b, r))
	assert.Equal(t, `condition: a > 0  (line 3, applies to lines 3–7)
condition: a < 0  (line 9, applies to line 9)
notes.md:5  ✓  = a                                                       (numerically equal at 16 points, under a > 0 (line 3))
0 wrong, 1 verified, 0 not checked
`, b.String())
	b.Reset()
	require.NoError(t, CheckJSON(&b, r))
	var doc map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &doc))
	assert.Equal(t, map[string]any{"line": 3.0, "col": 9.0, "kind": "condition", "text": "a > 0", "applies_from": 3.0, "applies_to": 7.0},
		doc["statements"].([]any)[0])
	assert.Equal(t, "a > 0 (line 3)", doc["links"].([]any)[0].(map[string]any)["conditions"])
}
