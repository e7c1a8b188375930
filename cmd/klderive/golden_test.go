package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden files from the current output")

// goldenOutputs are the sections of a golden archive after the input,
// each with the arguments that produce it.
var goldenOutputs = []struct {
	name string
	args []string
}{
	{"text", []string{"derive"}},
	{"text-all-steps", []string{"derive", "--steps=all"}},
	{"latex", []string{"derive", "--format", "latex"}},
	{"standalone.tex", []string{"derive", "--format", "latex", "--standalone"}},
	{"markdown", []string{"derive", "--format", "markdown"}},
	{"json", []string{"derive", "--format", "json"}},
	{"numpy.py", []string{"derive", "--format", "numpy"}},
	{"torch.py", []string{"derive", "--format", "torch"}},
	{"go", []string{"derive", "--format", "go"}},
}

// runCLI runs klderive in process and returns its exit status and output.
func runCLI(t testing.TB, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &env{stdin: strings.NewReader(stdin), stdout: &out, stderr: &errb})
	return code, out.String(), errb.String()
}

// TestGolden derives every example in every format and compares with
// golden/<example>.txtar. Run with -update to rewrite the archives, then
// read them: they are reviewed output.
func TestGolden(t *testing.T) {
	examples, err := filepath.Glob("../../examples/*.kl")
	require.NoError(t, err)
	require.NotEmpty(t, examples)
	for _, ex := range examples {
		name := strings.TrimSuffix(filepath.Base(ex), ".kl")
		t.Run(name, func(t *testing.T) {
			src, err := os.ReadFile(ex)
			require.NoError(t, err)
			archive := &txtar.Archive{Comment: []byte("klderive golden output for examples/" + name + ".kl\n"),
				Files: []txtar.File{{Name: "input.kl", Data: src}}}
			for _, o := range goldenOutputs {
				code, out, stderr := runCLI(t, string(src), append(o.args, "-")...)
				require.Equal(t, 0, code, "%v: %s", o.args, stderr)
				archive.Files = append(archive.Files, txtar.File{Name: o.name, Data: []byte(out)})
			}
			path := filepath.Join("../../golden", name+".txtar")
			if *update {
				require.NoError(t, os.WriteFile(path, txtar.Format(archive), 0o644))
				return
			}
			want, err := txtar.ParseFile(path)
			require.NoError(t, err, "missing golden file; run go test ./cmd/klderive -update")
			require.Equal(t, len(archive.Files), len(want.Files), "sections of %s", path)
			for i, f := range want.Files {
				assert.Equal(t, f.Name, archive.Files[i].Name)
				assert.Equal(t, string(f.Data), string(archive.Files[i].Data), "%s section %s", path, f.Name)
			}
		})
	}
}

// goldenSections reads one named section from every golden archive.
func goldenSections(t *testing.T, section string) map[string]string {
	t.Helper()
	paths, err := filepath.Glob("../../golden/*.txtar")
	require.NoError(t, err)
	out := map[string]string{}
	for _, p := range paths {
		a, err := txtar.ParseFile(p)
		require.NoError(t, err)
		for _, f := range a.Files {
			if f.Name == section {
				out[filepath.Base(p)] = string(f.Data)
			}
		}
	}
	return out
}

// Every expression in the JSON output parses back and prints the same,
// and the result evaluates with klderive eval.
func TestGoldenJSONRoundTrip(t *testing.T) {
	for name, doc := range goldenSections(t, "json") {
		var docs []map[string]any
		if strings.HasPrefix(strings.TrimSpace(doc), "[") {
			require.NoError(t, json.Unmarshal([]byte(doc), &docs), name)
		} else {
			var one map[string]any
			require.NoError(t, json.Unmarshal([]byte(doc), &one), name)
			docs = append(docs, one)
		}
		for _, d := range docs {
			var exprs []string
			for _, s := range d["steps"].([]any) {
				exprs = append(exprs, s.(map[string]any)["expr"].(string))
			}
			exprs = append(exprs, d["result"].(map[string]any)["expr"].(string))
			for _, s := range exprs {
				x, err := expr.ParseExpr(s)
				require.NoError(t, err, "%s: %s", name, s)
				assert.Equal(t, s, expr.String(x), "%s: printing is not idempotent", name)
			}
		}
	}
}
