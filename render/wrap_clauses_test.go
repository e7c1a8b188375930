package render

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Wrapped clauses (the assumptions, the verdict) keep their words in
// order within the width, continued under the indent, and no last line
// of several carries one word alone when the line before can give it
// one: over generated clauses and widths.
func TestWrapClausesLeavesNoLoneWord(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 5))
	words := []string{"s", ">", "0", "(a", "standard", "deviation,", "taken", "positive:", "σ₁²", "is", "the", "variance", "of", "p)", "b", "−", "a"}
	const indent = "         "
	lone := 0
	for range 2000 {
		var clauses []string
		for range 1 + rng.IntN(4) {
			var ws []string
			for range 1 + rng.IntN(12) {
				ws = append(ws, words[rng.IntN(len(words))])
			}
			clauses = append(clauses, strings.Join(ws, " "))
		}
		s := "assuming " + strings.Join(clauses, "; ")
		width := 30 + rng.IntN(70)
		lines := wrapClauses(s, width, indent)
		var got []string
		for i, l := range lines {
			assert.LessOrEqual(t, utf8.RuneCountInString(l), width, "%q at %d", s, width)
			if i > 0 {
				require.True(t, strings.HasPrefix(l, indent), "%q", l)
			}
			got = append(got, strings.Fields(l)...)
		}
		require.Equal(t, strings.Fields(s), got, "%q at %d", s, width)
		if n := len(lines); n > 1 && len(strings.Fields(lines[n-1])) == 1 {
			// Only when the line before has two words to keep, or the
			// pair would not fit.
			prev := strings.Fields(lines[n-2])
			pair := indent + prev[len(prev)-1] + " " + strings.TrimSpace(lines[n-1])
			assert.True(t, len(prev) < 3 || utf8.RuneCountInString(pair) > width, "%q at %d: %q", s, width, lines)
			lone++
		}
	}
	t.Logf("%d unavoidable lone last words", lone)
}

// The assumptions line of a Gaussian's standard deviation ends on two
// words at every width that wraps it, among them those where its last
// word, "p)", was left alone.
func TestWrapClausesBalancesTheLastLine(t *testing.T) {
	s := "assuming σ₁ > 0 (a standard deviation, taken positive: σ₁² is the variance of p)"
	for width := 40; width < utf8.RuneCountInString(s); width++ {
		lines := wrapClauses(s, width, "         ")
		require.Greater(t, len(lines), 1, width)
		assert.Greater(t, len(strings.Fields(lines[len(lines)-1])), 1, "at %d: %q", width, lines)
	}
}
