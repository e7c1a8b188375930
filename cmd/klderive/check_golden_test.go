package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

// TestCheckGolden checks the hand derivations of golden/seed-*.txtar
// and those written for the checker's tests, golden/check-*.txtar, with
// planted mistakes.
// Each archive holds the arguments (one per line: the context the seed
// states in its text), the document, and the expected text report
// (report.txt), JSON report (report.json) and exit status. Run with -update to rewrite the outputs, then
// read them: they are reviewed findings.
func TestCheckGolden(t *testing.T) {
	paths, err := filepath.Glob("../../golden/seed-*.txtar")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	written, err := filepath.Glob("../../golden/check-*.txtar")
	require.NoError(t, err)
	paths = append(paths, written...)
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			require.NoError(t, err)
			var doc *txtar.File
			for i, f := range a.Files {
				if strings.HasSuffix(f.Name, ".md") || strings.HasSuffix(f.Name, ".tex") {
					doc = &a.Files[i]
				}
			}
			require.NotNil(t, doc, "no document section in %s", path)
			checkArchive(t, path, a, doc.Name, string(doc.Data))
		})
	}
}

// archiveArgs reads the args section of a golden archive: one argument
// per line.
func archiveArgs(a *txtar.Archive) []string {
	var args []string
	for _, f := range a.Files {
		if f.Name != "args" {
			continue
		}
		for _, line := range strings.Split(strings.TrimRight(string(f.Data), "\n"), "\n") {
			if line != "" {
				args = append(args, line)
			}
		}
	}
	return args
}

// checkArchive runs klderive check on a document with the archive's
// arguments and compares (or, with -update, rewrites) the report.txt,
// report.json and exit-status sections.
func checkArchive(t *testing.T, path string, a *txtar.Archive, name, doc string) {
	t.Helper()
	base := append([]string{"check", "-", "--stdin-name", name}, archiveArgs(a)...)
	code, text, stderr := runCLI(t, doc, base...)
	require.Empty(t, stderr)
	jcode, js, stderr := runCLI(t, doc, append(base, "--format", "json")...)
	require.Empty(t, stderr)
	require.Equal(t, code, jcode, "the exit status does not depend on the format")
	// The sections are not named text and json: other tests read
	// those sections of every archive as derivations.
	got := map[string]string{"report.txt": text, "report.json": js, "exit-status": strconv.Itoa(code) + "\n"}
	if *update {
		var files []txtar.File
		for _, f := range a.Files {
			if _, out := got[f.Name]; !out {
				files = append(files, f)
			}
		}
		for _, name := range []string{"report.txt", "report.json", "exit-status"} {
			files = append(files, txtar.File{Name: name, Data: []byte(got[name])})
		}
		a.Files = files
		require.NoError(t, os.WriteFile(path, txtar.Format(a), 0o644))
		return
	}
	seen := 0
	for _, f := range a.Files {
		if want, out := got[f.Name]; out {
			assert.Equal(t, string(f.Data), want, "%s section %s", path, f.Name)
			seen++
		}
	}
	assert.Equal(t, 3, seen, "%s needs report.txt, report.json and exit-status sections; run go test ./cmd/klderive -run CheckGolden -update", path)
}
