package expr

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPrettyEscapesControlCharacters(t *testing.T) {
	src := "p(x) = \x1b[31mNormal\r(x; \x7f, \u0085\u202e) + *\n"
	e := &Error{Pos: Pos{File: "t\x1b.kl", Line: 1, Col: 33}, Msg: "bad \x1b"}
	assert.Equal(t,
		`t\x1b.kl:1:33: bad \x1b`+"\n"+
			`p(x) = \x1b[31mNormal\x0d(x; \x7f, \u0085\u202e) + *`+"\n"+
			strings.Repeat(" ", 51)+"^",
		e.Pretty(src))
}

func TestPrettyCutsLongLines(t *testing.T) {
	line := strings.Repeat("a + ", 250) + "* b"
	e := &Error{Pos: Pos{File: "t.kl", Line: 1, Col: 1001}, Msg: "expected an expression"}
	out := strings.Split(e.Pretty(line), "\n")
	require.Len(t, out, 3)
	assert.True(t, strings.HasPrefix(out[1], "…"), out[1])
	assert.True(t, strings.HasSuffix(out[1], "* b"), out[1])
	assert.LessOrEqual(t, utf8.RuneCountInString(out[1]), maxShown+2)
	assert.Equal(t, "*", string([]rune(out[1])[len(out[2])-1]), "the caret is under the *")
}

// Over random lines of printable, control, wide and tab characters and
// random columns, the shown line has no control character but tab, is
// at most maxShown columns and an ellipsis on each side, and the caret
// is under the escaped form of the character at the column.
func TestPrettyCaretStaysAligned(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	alphabet := []rune("ab(x) +*σ₁\t\x1b\x00\r\x7f\u0085\u202e\u2028中")
	for range 2000 {
		n := rng.IntN(600)
		runes := make([]rune, n)
		for i := range runes {
			runes[i] = alphabet[rng.IntN(len(alphabet))]
		}
		if n > 0 && runes[n-1] == '\r' {
			runes[n-1] = 'a' // a line's last \r ends it and is not shown
		}
		line := string(runes)
		col := 1 + rng.IntN(n+1)
		out := strings.Split((&Error{Pos: Pos{File: "t.kl", Line: 1, Col: col}, Msg: "m"}).Pretty(line), "\n")
		require.Len(t, out, 3, "%q", line)
		shown, pad := []rune(out[1]), []rune(out[2])
		for _, r := range shown {
			assert.True(t, r == '\t' || !unicode.IsControl(r) && !unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp), "%q shows %q", line, r)
		}
		assert.LessOrEqual(t, len(shown), maxShown+2)
		at := len(pad) - 1
		require.Equal(t, '^', pad[at])
		if col <= n {
			want := []rune(escapeRune(runes[col-1]))
			require.GreaterOrEqual(t, len(shown), at+len(want), "%q col %d", line, col)
			assert.Equal(t, string(want), string(shown[at:at+len(want)]), "%q col %d", line, col)
		}
	}
}
