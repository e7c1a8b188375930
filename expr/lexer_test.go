package expr

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/klderive/klderive/internal/corpus"
	"github.com/stretchr/testify/require"
)

// tableLexer is the token table as participle's regular expressions,
// the specification the hand-written lexer follows.
func tableLexer() *lexer.StatefulDefinition {
	return lexer.MustSimple([]lexer.SimpleRule{
		{Name: "Comment", Pattern: `#[^\n]*`},
		{Name: "Newline", Pattern: `\n`},
		{Name: "Space", Pattern: `[ \t\r]+`},
		{Name: "Number", Pattern: `\d+(\.\d+)?([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?`},
		{Name: "Ident", Pattern: `[\p{L}][\p{L}\p{N}_]*(\{[\p{L}\p{N}]+\})?`},
		{Name: "Punct", Pattern: `\|\||\.\.|>=|<=|!=|[-+*/^(),;=~\[\]'<>:|]`},
	})
}

// lexAll reads every token of src, up to the first error.
func lexAll(t *testing.T, def lexer.StringDefinition, src string) ([]lexer.Token, error) {
	t.Helper()
	l, err := def.LexString("in.kl", src)
	require.NoError(t, err)
	var out []lexer.Token
	for {
		tok, err := l.Next()
		if err != nil {
			return out, err
		}
		out = append(out, tok)
		if tok.EOF() {
			return out, nil
		}
	}
}

// requireSameTokens checks that the hand-written lexer reads src as the
// table does: the same tokens at the same positions, and an error at
// the same place, naming the character the table could not read.
func requireSameTokens(t *testing.T, table *lexer.StatefulDefinition, src string) {
	t.Helper()
	want, wantErr := lexAll(t, table, src)
	got, gotErr := lexAll(t, klLexer{}, src)
	require.Equal(t, want, got, "%q", src)
	if wantErr == nil {
		require.NoError(t, gotErr, "%q", src)
		return
	}
	require.Error(t, gotErr, "%q: the table fails with %v", src, wantErr)
	wantPos, gotPos := wantErr.(*lexer.Error).Pos, gotErr.(*lexer.Error).Pos
	require.Equal(t, wantPos, gotPos, "%q", src)
	r, _ := utf8.DecodeRuneInString(src[wantPos.Offset:])
	require.Equal(t, `unexpected character "`+escapeRune(r)+`"`, gotErr.(*lexer.Error).Msg, "%q", src)
}

func TestLexerSymbols(t *testing.T) {
	require.Equal(t, tableLexer().Symbols(), klLexer{}.Symbols())
}

// TestLexerShipped lexes every expression of the corpus and every .kl
// source of the repository, examples and golden inputs, both ways.
func TestLexerShipped(t *testing.T) {
	table := tableLexer()
	for _, src := range corpus.Expressions {
		requireSameTokens(t, table, src)
	}
	for _, src := range klSources(t) {
		requireSameTokens(t, table, src)
	}
}

// TestLexerGenerated lexes random strings over the characters where the
// rules meet: digits, points and exponents, letters and digits of other
// scripts, braces, operators of one and two characters, white space,
// comments, and bytes that are not UTF-8.
func TestLexerGenerated(t *testing.T) {
	table := tableLexer()
	pieces := []string{
		"0", "1", "42", ".", "..", "e", "E", "+", "-", "x", "sigma", "_", "{", "}", "{1}", "{ab}",
		"σ", "₁", "²", "ß", "Σ", "٣", "|", "||", "#", "# note", "\n", "\r", "\t", " ", "!", "!=", "=",
		"<", ">", "<=", ">=", "*", "/", "^", "(", ")", ",", ";", "~", "[", "]", "'", ":", "\xff",
		"\ufffd", "·", "∞", "$", "\\", "@",
	}
	rng := rand.New(rand.NewPCG(14, 1))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		requireSameTokens(t, table, b.String())
	}
}
