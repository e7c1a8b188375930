package main

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// eval prints a value only when its error estimate is small; a divergent
// integral or an inaccurate one exits 1 and says so.
func TestCLIEvalAccuracy(t *testing.T) {
	for _, tc := range []struct {
		args   []string
		stdout string
		stderr string
	}{
		{[]string{"int(x, exp(-(x - 1000)^2))"}, "1.7724538509055", ""},
		{[]string{"int(x, 1)"}, "", "diverges"},
		{[]string{"int(x, x^2)"}, "", "diverges"},
		{[]string{"int(x, exp(-x^2)/sqrt(abs(x - 1/3)))"}, "", "not accurate ("},
		{[]string{"exp(1000)"}, "", "not accurate"},
		{[]string{"2*v", "v=int(x, exp(-x^2)/sqrt(abs(x - 1/3)))"}, "", "the value of v is not accurate"},
	} {
		code, stdout, stderr := runCLI(t, "", append([]string{"eval"}, tc.args...)...)
		if tc.stderr == "" {
			require.Equal(t, exitOK, code, "%v: %s", tc.args, stderr)
			assert.True(t, strings.HasPrefix(stdout, tc.stdout), "%v: %s", tc.args, stdout)
			continue
		}
		assert.Equal(t, exitFailed, code, "%v", tc.args)
		assert.Empty(t, stdout, "%v", tc.args)
		assert.Contains(t, stderr, tc.stderr, "%v", tc.args)
	}
}

// --points is bounded both ways, as a usage error.
func TestCLIPointsRange(t *testing.T) {
	for _, n := range []int{0, 7, 10001, 1000000000} {
		code, stdout, stderr := runCLI(t, "", "derive", "--points", strconv.Itoa(n), "../../examples/normal.kl")
		assert.Equal(t, exitInvalid, code, "%d", n)
		assert.Empty(t, stdout)
		assert.Contains(t, stderr, "--points must be from 8 to 10000", n)
	}
	code, _, stderr := runCLI(t, "", "derive", "--points", "9", "../../examples/normal.kl")
	assert.Equal(t, exitOK, code, stderr)
}

// An overflowing variance: never "verified", JSON still encodes, and a
// file with several goals is an array with the failed goal's error.
func TestCLIOverflowNotVerified(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "derive", "testdata/overflow.kl")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, stderr, "KL(p || q): step")
	assert.Contains(t, stderr, "not verified")
	assert.NotContains(t, stdout, "KL(p")
	assert.NotContains(t, stdout+stderr, "NaN")

	code, stdout, stderr = runCLI(t, "", "derive", "--format", "json", "testdata/overflow.kl")
	assert.Equal(t, exitFailed, code, stderr)
	var doc []map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc), stdout)
	require.Len(t, doc, 2)
	assert.Equal(t, "KL(p || q)", doc[0]["goal"])
	e := doc[0]["error"].(map[string]any)
	assert.Equal(t, "not-verified", e["kind"])
	assert.Contains(t, e["message"], "not verified")
	assert.Equal(t, "H(p)", doc[1]["goal"])
	assert.Contains(t, doc[1], "verification")
}

// One goal stays one object, also when it fails.
func TestCLIJSONOneGoal(t *testing.T) {
	code, stdout, _ := runCLI(t, "", "derive", "--format", "json", "testdata/laplace.kl")
	assert.Equal(t, exitFailed, code)
	var doc map[string]any
	require.NoError(t, json.Unmarshal([]byte(stdout), &doc), stdout)
	assert.Equal(t, "derivation", doc["error"].(map[string]any)["kind"])
}
