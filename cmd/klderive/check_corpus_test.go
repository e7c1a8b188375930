package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

// The corpus: public hand derivations (testdata/corpus, each naming its
// source), with their reviewed reports in golden/corpus-*.txtar. An
// archive holds the arguments (the context a reader takes from the
// document's prose), a truth section listing the lines whose link is truly
// wrong (decided by hand and, for each, by TestCorpusMistakes), and the
// reports. Run with -update to rewrite the reports, then read them.

// corpusArchive is one document of the corpus and its archive.
type corpusArchive struct {
	path, doc, name string
	a               *txtar.Archive
	truth           map[string]string // line:col of a link's right side → why it is wrong
}

func corpusArchives(t *testing.T) []corpusArchive {
	t.Helper()
	docs, err := filepath.Glob("testdata/corpus/*.md")
	require.NoError(t, err)
	require.GreaterOrEqual(t, len(docs), 15)
	var out []corpusArchive
	for _, doc := range docs {
		name := filepath.Base(doc)
		path := "../../golden/corpus-" + strings.TrimSuffix(name, ".md") + ".txtar"
		a, err := txtar.ParseFile(path)
		require.NoError(t, err, "every corpus document has a golden archive")
		b, err := os.ReadFile(doc)
		require.NoError(t, err)
		c := corpusArchive{path: path, doc: string(b), name: name, a: a, truth: map[string]string{}}
		for _, f := range a.Files {
			if f.Name != "truth" {
				continue
			}
			for _, line := range strings.Split(strings.TrimSpace(string(f.Data)), "\n") {
				if line == "" || strings.HasPrefix(line, "#") {
					continue
				}
				at, why, _ := strings.Cut(line, " ")
				require.Regexp(t, `^\d+:\d+$`, at, "%s truth: %q", path, line)
				c.truth[at] = strings.TrimSpace(why)
			}
		}
		out = append(out, c)
	}
	return out
}

func TestCheckCorpusGolden(t *testing.T) {
	for _, c := range corpusArchives(t) {
		t.Run(c.name, func(t *testing.T) {
			checkArchive(t, c.path, c.a, c.name, c.doc)
		})
	}
}

// maxUncheckedShare bounds the share of the corpus's links left not
// checked: it may only go down.
const maxUncheckedShare = 0.10

// TestCheckCorpusTruth: no link of the corpus is reported wrong unless it
// truly is (a false alarm fails the test), every true mistake is reported
// wrong on its line, and the share of links not checked stays under its
// cap.
func TestCheckCorpusTruth(t *testing.T) {
	var links, unchecked, mistakes, caught int
	for _, c := range corpusArchives(t) {
		_, js, _ := runCLI(t, c.doc, append([]string{"check", "-", "--stdin-name", c.name, "--format", "json"}, archiveArgs(c.a)...)...)
		var r checkReport
		require.NoError(t, json.Unmarshal([]byte(js), &r), js)
		wrong := map[string]bool{}
		for _, l := range r.Links {
			links++
			at := fmt.Sprintf("%d:%d", l.Line, l.Col)
			switch l.Status {
			case "wrong":
				wrong[at] = true
				_, truly := c.truth[at]
				assert.True(t, truly, "false alarm: %s:%s is correct but reported wrong: %s", c.name, at, l.Diagnosis)
			case "unchecked":
				unchecked++
			}
		}
		for at, why := range c.truth {
			mistakes++
			if wrong[at] {
				caught++
			} else {
				t.Errorf("missed: %s:%s is wrong (%s) but not reported", c.name, at, why)
			}
		}
	}
	share := float64(unchecked) / float64(links)
	t.Logf("corpus: %d links, %d not checked (%.0f%%); %d true mistakes, %d reported", links, unchecked, 100*share, mistakes, caught)
	assert.LessOrEqual(t, share, maxUncheckedShare)
}
