package check

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDerivations checks hand derivations written for these tests in
// several notations, each with its context in a klderive block or in its
// own definitions. A correct one must pass with no wrong link; the same
// derivation with one planted mistake must fail first where the mistake
// is.
func TestDerivations(t *testing.T) {
	firstWrong := map[string]int{
		"bad-textbook-constant.md": 20, // - 1/2 written + 1/2
		"bad-entropy-factor.tex":   8,  // the 1/2 of 1/2 log(2 pi s^2) dropped
		"bad-vae-sign.md":          11, // the minus before 1/2 sum dropped
		"bad-mvn-swap.md":          22, // tr(S_1^{-1} S_2) for tr(S_2^{-1} S_1)
	}
	paths, err := filepath.Glob("testdata/derivations/*")
	require.NoError(t, err)
	seen := 0
	for _, path := range paths {
		name, r := checkTestdata(t, path)
		sum := r.Summary()
		if strings.HasPrefix(name, "good-") {
			assert.Zero(t, sum.Wrong, "%s: %+v", name, summary(r))
			assert.Greater(t, sum.OK, 2, name)
			seen++
			continue
		}
		want, ok := firstWrong[name]
		require.True(t, ok, "no expected first wrong line for %s", name)
		if f := r.FirstWrong(); assert.NotNil(t, f, name) {
			assert.Equal(t, want, f.Pos.Line, "%s: %+v", name, summary(r))
			assert.NotEmpty(t, f.Diagnosis, name)
		}
		seen++
	}
	assert.Equal(t, 8, seen)
}

// checkTestdata checks the document at path with the default options,
// requiring that it reads and checks without error.
func checkTestdata(t *testing.T, path string) (string, *Report) {
	t.Helper()
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	name := filepath.Base(path)
	s, err := Read(name, string(src), KindOf(name, string(src)))
	require.NoError(t, err)
	r, err := Check(s, Options{})
	require.NoError(t, err, name)
	return name, r
}
