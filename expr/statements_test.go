package expr

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/klderive/klderive/internal/corpus"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

// requireSameStatements checks that readStatements reads src as
// participle's parser of the statement grammar does: the same tree, or
// an error from both.
func requireSameStatements(t *testing.T, src string) {
	t.Helper()
	want, err := fileParser.Get().ParseString("in.kl", src)
	got, ok := readStatements("in.kl", src)
	if err != nil {
		require.False(t, ok, "%q: participle fails with %v, the reader does not", src, err)
		return
	}
	require.True(t, ok, "%q: participle reads it, the reader does not", src)
	require.Equal(t, takeWhere(want), takeWhere(got), "%q", src)
	require.Equal(t, want, got, "%q", src)
}

// takeWhere removes the positions of sub-expressions from every
// expression of f and returns them as text: they are keyed by the nodes
// of each parse, which two parses do not share.
func takeWhere(f *klFile) []string {
	var out []string
	take := func(ns ...*exprNode) {
		for _, n := range ns {
			if n == nil {
				continue
			}
			for x, p := range n.Where {
				out = append(out, fmt.Sprintf("%s at %v", String(x), p))
			}
			n.Where = nil
		}
	}
	for _, l := range f.Lines {
		take(l.Assume)
		for _, g := range l.Goals {
			take(g.X)
		}
		if l.Decl != nil {
			take(l.Decl.Dims...)
		}
		if d := l.Density; d != nil {
			take(d.Var, d.Body)
			take(d.Given...)
		}
	}
	sort.Strings(out)
	return out
}

// klSources are the .kl sources of the repository: examples, test
// inputs and the inputs of the golden archives.
func klSources(t *testing.T) []string {
	var out []string
	err := filepath.WalkDir("..", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		switch filepath.Ext(path) {
		case ".kl":
			b, err := os.ReadFile(path)
			require.NoError(t, err)
			out = append(out, string(b))
		case ".txtar":
			a, err := txtar.ParseFile(path)
			require.NoError(t, err)
			for _, f := range a.Files {
				if strings.HasSuffix(f.Name, ".kl") {
					out = append(out, string(f.Data))
				}
			}
		}
		return nil
	})
	require.NoError(t, err)
	require.Greater(t, len(out), 30, "the .kl sources found")
	return out
}

func TestStatementsShipped(t *testing.T) {
	for _, src := range klSources(t) {
		src = strings.ReplaceAll(src, "\r\n", "\n")
		if !strings.HasSuffix(src, "\n") {
			src += "\n"
		}
		requireSameStatements(t, src)
	}
}

// TestStatementsGenerated reads generated sources both ways: lines of
// statements that are valid, and lines of pieces of statements in any
// order, where the kinds of statement meet (assume(x) = ..., derive, x:
// dim, a density called derive, goals with a trailing comma).
func TestStatementsGenerated(t *testing.T) {
	valid := []string{
		"p(x) = Normal(x; mu1, sigma1^2)", "q(z | x, y) = Normal(z; a*x + y, 1)", "assume s > 0",
		"derive KL(p || q)", "derive H(p), H(p, q)", "k: dim", "x, m: vector[k]", "S: matrix[k, k] spd",
		"A: matrix[k,2] spd diag", "# a comment", "", "  derive KL(q || p)  # why", "\tk, n : dim",
		// Where one kind of statement fails and the next is tried, or not:
		// after more than three tokens participle stops at the error.
		"assume(x | y) = 1", "assume(-x | y) = 1", "assume(x + y | z) = 1", "derive(x | y) = 1", "derive(a*b | z) = 1",
		"derive(x) = 1", "derive, x: dim", "assume: dim",
		"derive H(p) via I", "derive H(p) via I, KL(p || q)", "derive H(p) via", "p(via) = Normal(via; 0, 1)",
	}
	pieces := []string{
		"assume", "derive", "p", "x", "q", "(", ")", "|", ",", ":", "=", "[", "]", "dim", "vector", "k",
		"Normal(x; 0, 1)", "KL(p || q)", "H(p)", "s > 0", "1", "+", "#c", " ", "spd", "(x)", "(x, y)",
		"~", "E(x ~ p, x)", "..", "!", "((", "2*", "@", "via", "I",
	}
	rng := rand.New(rand.NewPCG(14, 2))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(4) {
			if rng.IntN(2) == 0 {
				b.WriteString(valid[rng.IntN(len(valid))])
			} else {
				for range 1 + rng.IntN(8) {
					b.WriteString(pieces[rng.IntN(len(pieces))])
					if rng.IntN(2) == 0 {
						b.WriteString(" ")
					}
				}
			}
			b.WriteString("\n")
		}
		requireSameStatements(t, b.String())
	}
}

// requireSameExpr checks that readExprSource reads src as participle's
// parser of klExpr does.
func requireSameExpr(t *testing.T, src string) {
	t.Helper()
	want, err := exprParser.Get().ParseString("in", src)
	got, ok := readExprSource("in", src)
	if err != nil {
		require.False(t, ok, "%q: participle fails with %v, the reader does not", src, err)
		return
	}
	require.True(t, ok, "%q: participle reads it, the reader does not", src)
	require.Equal(t, whereText(want.X), whereText(got.X), "%q", src)
	require.Equal(t, want, got, "%q", src)
}

// whereText is takeWhere for one expression.
func whereText(n *exprNode) []string {
	return takeWhere(&klFile{Lines: []*klLine{{Assume: n}}})
}

func TestExprSourceShippedAndGenerated(t *testing.T) {
	for _, src := range corpus.Expressions {
		requireSameExpr(t, src)
		requireSameExpr(t, "\n\n"+src+"\n")
		requireSameExpr(t, src+" )")
	}
	pieces := []string{"x", "1", "+", "-", "*", "(", ")", "\n", " ", "#c", ",", "log(", "E(x ~ p, ", "||", "=", "@", "KL(p || q)"}
	rng := rand.New(rand.NewPCG(14, 3))
	for range 20000 {
		var b strings.Builder
		for range 1 + rng.IntN(8) {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		requireSameExpr(t, b.String())
	}
}

// TryParseExpr reads what ParseExpr reads, to the same tree, and fails
// where it fails, without building participle's parser.
func TestTryParseExprIsParseExpr(t *testing.T) {
	srcs := append([]string{"", "  ", "x +", "m + 1", "log(", "E(x ~ p, x)", "KL(p || q)", ")", "a = b", strings.Repeat("x", MaxInput+1)},
		corpus.Expressions...)
	for _, src := range srcs {
		want, err := ParseExpr(src)
		got, ok := TryParseExpr(src)
		require.Equal(t, err == nil, ok, "%.40q: ParseExpr's error is %v", src, err)
		if ok {
			require.True(t, Equal(want, got), "%q", src)
		}
	}
}
