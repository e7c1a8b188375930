package render

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func jsonOf(t *testing.T, d *derive.Derivation, opt Options) (string, map[string]any) {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, JSON(&b, d, opt))
	var m map[string]any
	require.NoError(t, json.Unmarshal(b.Bytes(), &m), b.String())
	return b.String(), m
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestJSON(t *testing.T) {
	out, m := jsonOf(t, small(), Options{})
	assert.True(t, strings.HasPrefix(out, "{\n  \"goal\": \"KL(p || q)\",\n  \"givens\": [\n    \"p(x)"), out)
	assert.True(t, strings.HasSuffix(out, "}\n"))
	assert.Contains(t, out, `"s > 0"`, "no HTML escaping of >")

	assert.ElementsMatch(t, []string{"goal", "givens", "assumed", "steps", "result", "verification"}, keys(m))
	assert.Equal(t, []any{}, m["assumed"], "an empty list, never null")
	assert.Equal(t, "KL(p || q)", m["goal"])
	assert.Equal(t, []any{"p(x) = Normal(x; m, s^2)", "s > 0"}, m["givens"])

	steps := m["steps"].([]any)
	require.Len(t, steps, 3)
	last := steps[2].(map[string]any)
	assert.ElementsMatch(t, []string{"rule", "title", "expr", "latex"}, keys(last))
	assert.Equal(t, "linearity", last["rule"])
	assert.Equal(t, "linearity of E_p & sums", last["title"])
	assert.Equal(t, "E(x ~ p, log(p(x))) - E(x ~ p, log(q(x)))", last["expr"])
	assert.Equal(t, `\mathbb{E}_{x \sim p}[\log p(x)] - \mathbb{E}_{x \sim p}[\log q(x)]`, last["latex"])

	assert.Equal(t, map[string]any{"expr": last["expr"], "latex": last["latex"]}, m["result"])
	assert.Equal(t, map[string]any{
		"points": 8.0, "steps": 3.0, "direct": true, "max_rel_err": 2e-16, "dims": []any{},
	}, m["verification"])
}

func TestJSONFineAndBound(t *testing.T) {
	d := kl()
	d.Bound = "step limit 5 reached"
	d.Verification.Dims = []int{1, 2}
	_, m := jsonOf(t, d, Options{Fine: true})
	assert.Equal(t, "step limit 5 reached", m["bound"])
	assert.Equal(t, []any{1.0, 2.0}, m["verification"].(map[string]any)["dims"])

	steps := m["steps"].([]any)
	assert.Equal(t, []any{}, steps[0].(map[string]any)["fine"], "a step with no fine steps has an empty list")
	assert.Equal(t, []any{
		map[string]any{"rule": "substitute-p", "expr": "E(x ~ p, log(Normal(x; mu_1, sigma_1^2)) - log(q(x)))"},
		map[string]any{"rule": "substitute-q", "expr": "E(x ~ p, log(Normal(x; mu_1, sigma_1^2)) - log(Normal(x; mu_2, sigma_2^2)))"},
	}, steps[2].(map[string]any)["fine"])
}
