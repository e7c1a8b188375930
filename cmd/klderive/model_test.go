package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
	"github.com/stretchr/testify/require"
)

// TestGrammarNarrowed checks that a command's own model is the one
// grammar picks for it, and that the command's help, its errors and its
// output are the same under it as under the whole model.
func TestGrammarNarrowed(t *testing.T) {
	whole, err := kong.New(new(cli))
	require.NoError(t, err)
	require.NotEmpty(t, whole.Model.Children)
	for _, cmd := range whole.Model.Children {
		narrowed, err := kong.New(grammar([]string{cmd.Name}))
		require.NoError(t, err)
		require.Len(t, narrowed.Model.Children, 1, cmd.Name)
		require.Equal(t, cmd.Name, narrowed.Model.Children[0].Name)
		for _, args := range [][]string{
			{cmd.Name, "--help"}, {cmd.Name, "-h"}, {cmd.Name}, {cmd.Name, "--bogus"}, {cmd.Name, "--formt", "x"},
			{cmd.Name, "--version"}, {cmd.Name, "../../examples/normal.kl"}, {cmd.Name, "1+1"}, {cmd.Name, "1+", "x"},
		} {
			want, wantCode := runOutput(t, new(cli), args)
			got, gotCode := runOutput(t, grammar(args), args)
			require.Equal(t, want, got, "%q", args)
			require.Equal(t, wantCode, gotCode, "%q", args)
		}
	}
	for _, args := range [][]string{nil, {"--help"}, {"dervie"}, {"--version"}, {"-h", "derive"}} {
		_, isWhole := grammar(args).(*cli)
		require.True(t, isWhole, "%q", args)
	}
}

func runOutput(t *testing.T, model any, args []string) (string, int) {
	t.Helper()
	var out, errs bytes.Buffer
	code := runModel(model, args, &env{stdin: strings.NewReader(""), stdout: &out, stderr: &errs})
	return out.String() + "\n--- stderr\n" + errs.String(), code
}
