package main

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// Every step of every JSON output can be fed back to klderive eval (with
// the problem's densities, -p) and gives the same value as the others.
func TestJSONStepsEvaluateWithEval(t *testing.T) {
	examples, err := filepath.Glob("../../examples/*.kl")
	require.NoError(t, err)
	for _, ex := range examples {
		src, err := os.ReadFile(ex)
		require.NoError(t, err)
		f, err := expr.ParseFile(ex, string(src))
		require.NoError(t, err)
		p, err := derive.Load(f)
		require.NoError(t, err)
		point := p.SamplePoints(1, 42)[0]
		bindings := bindingsOf(point)

		code, out, stderr := runCLI(t, "", "derive", "--format", "json", ex)
		require.Equal(t, 0, code, stderr)
		var docs []map[string]any
		if strings.HasPrefix(out, "[") {
			require.NoError(t, json.Unmarshal([]byte(out), &docs))
		} else {
			var one map[string]any
			require.NoError(t, json.Unmarshal([]byte(out), &one))
			docs = append(docs, one)
		}
		for _, d := range docs {
			if d["result"].(map[string]any)["expr"] == "inf" {
				// +∞ by a support mismatch: the steps are not finite
				// numbers, and the derivation's own witness checks it.
				continue
			}
			at := bindings
			if name, ok := strings.CutPrefix(d["goal"].(string), "I("); ok {
				// A self-information is a function of its variable,
				// given a value in the support.
				pt := p.SamplePoints(1, 42)[0]
				require.True(t, p.DrawVariable(rand.New(rand.NewPCG(1, 2)), strings.TrimSuffix(name, ")"), pt, 1))
				at = bindingsOf(pt)
			}
			// A piecewise result at a point of its case +∞: the steps from
			// the split on give +Inf, and the definition before it is
			// the derivation's witness's to check.
			infinite := false
			if res := expr.MustParse(d["result"].(map[string]any)["expr"].(string)); res != nil {
				if cs, ok := res.(*expr.Cases); ok {
					k, err := expr.Taken(cs, point)
					require.NoError(t, err)
					infinite = k == len(cs.Cases) && expr.String(cs.Else) == "inf"
				}
			}
			var first float64
			for i, s := range d["steps"].([]any) {
				step := s.(map[string]any)["expr"].(string)
				if infinite && i == 0 {
					continue
				}
				if infinite {
					code, val, stderr := runCLI(t, "", append([]string{"eval", "-p", ex, step}, at...)...)
					require.Equal(t, 0, code, "%s: eval %s: %s", ex, step, stderr)
					assert.Equal(t, "+Inf", strings.TrimSpace(val), "%s: step %d %s in the case +inf", ex, i, step)
					continue
				}
				code, val, stderr := runCLI(t, "", append([]string{"eval", "-p", ex, step}, at...)...)
				require.Equal(t, 0, code, "%s: eval %s: %s", ex, step, stderr)
				v, err := strconv.ParseFloat(strings.TrimSpace(val), 64)
				require.NoError(t, err)
				if i == 0 {
					first = v
				}
				assert.InDelta(t, first, v, 1e-8*max(1, first), "%s: step %d %s", ex, i, step)
			}
		}
	}
}

// bindingsOf writes a sampled point as NAME=VALUE arguments.
func bindingsOf(env *expr.Env) []string {
	var out []string
	for k, v := range env.Vals {
		out = append(out, k+"="+strconv.FormatFloat(v, 'g', 17, 64))
	}
	for k, v := range env.Vecs {
		out = append(out, k+"="+vector(v))
	}
	for k, m := range env.Mats {
		r, _ := m.Dims()
		rows := make([]string, r)
		for i := range r {
			rows[i] = vector(mat.Row(nil, i, m))
		}
		out = append(out, k+"=["+strings.Join(rows, ", ")+"]")
	}
	return out
}

func vector(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = strconv.FormatFloat(x, 'g', 17, 64)
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// eval prints an exact infinity, inf or a piecewise value's case +∞, and
// reports an overflow as not accurate.
func TestEvalInfinity(t *testing.T) {
	for _, c := range []struct {
		x, out string
		code   int
	}{
		{"inf", "+Inf\n", 0},
		{"cases(1 if a < 0; inf otherwise)", "+Inf\n", 0},
		{"cases(1 if a > 0; inf otherwise)", "1\n", 0},
		{"exp(1000)", "", 1},
	} {
		code, out, stderr := runCLI(t, "", "eval", c.x, "a=1")
		assert.Equal(t, c.code, code, "%s: %s", c.x, stderr)
		assert.Equal(t, c.out, out, c.x)
		if c.code != 0 {
			assert.Contains(t, stderr, "an overflow?", c.x)
		}
	}
}
