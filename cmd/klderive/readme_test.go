package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/tools/txtar"
)

// goldenSample marks a sample of output in the README: the fenced block
// after it is cut from the named section of golden/NAME.txtar.
var goldenSample = regexp.MustCompile(`^<!-- golden: ([a-z0-9-]+) ([a-z.-]+) -->$`)

// readmeSample is one marked sample: where its block starts, what it
// claims to come from, and its lines.
type readmeSample struct {
	line             int // of the opening fence, from 1
	golden, section  string
	lines            []string
	fenceOpen, close int // the fence lines' indices in the README
}

// readmeSamples finds the marked samples of the README.
func readmeSamples(t *testing.T, readme []string) []readmeSample {
	t.Helper()
	var out []readmeSample
	for i, l := range readme {
		m := goldenSample.FindStringSubmatch(l)
		if m == nil {
			continue
		}
		require.Less(t, i+1, len(readme), "README:%d: a sample marker ends the file", i+1)
		fence := readme[i+1]
		require.True(t, strings.HasPrefix(fence, "```"), "README:%d: a sample marker not followed by a fenced block", i+1)
		end := i + 2
		for end < len(readme) && readme[end] != strings.TrimRight(fence, "abcdefghijklmnopqrstuvwxyz") {
			end++
		}
		require.Less(t, end, len(readme), "README:%d: the sample's block is not closed", i+2)
		out = append(out, readmeSample{line: i + 2, golden: m[1], section: m[2], lines: readme[i+2 : end], fenceOpen: i + 1, close: end})
	}
	return out
}

// The README's samples of output are the goldens' output: each marked
// sample is its golden section, or the goal of it that starts with the
// sample's first line (a text section holds one goal a paragraph), or
// runs of its lines in order with a line "..." standing for lines left
// out. Run TestGolden with -update
// first, then this test with -update, to rewrite the samples that are a
// whole section; an excerpt that no longer matches fails with the
// section to cut it from again.
func TestReadmeSamples(t *testing.T) {
	path := filepath.Join("..", "..", "README.md")
	src, err := os.ReadFile(path)
	require.NoError(t, err)
	readme := strings.Split(string(src), "\n")
	samples := readmeSamples(t, readme)
	require.GreaterOrEqual(t, len(samples), 6, "the README's marked samples")
	rewrote := false
	// From the last, so that rewriting a sample leaves the places of
	// those before it as they were.
	for i := len(samples) - 1; i >= 0; i-- {
		s := samples[i]
		a, err := txtar.ParseFile(filepath.Join("..", "..", "golden", s.golden+".txtar"))
		require.NoError(t, err, "README:%d", s.line)
		var section []string
		for _, f := range a.Files {
			if f.Name == s.section {
				section = strings.Split(strings.TrimRight(string(f.Data), "\n"), "\n")
			}
		}
		require.NotNil(t, section, "README:%d: golden/%s.txtar has no section %s", s.line, s.golden, s.section)
		if strings.HasPrefix(s.section, "text") {
			section = goalOf(section, s.lines)
		}
		whole := !hasElision(s.lines)
		if whole && *update && !equalLines(s.lines, section) {
			readme = append(readme[:s.fenceOpen+1], append(append([]string{}, section...), readme[s.close:]...)...)
			rewrote = true
			continue
		}
		if whole {
			assert.Equal(t, strings.Join(section, "\n"), strings.Join(s.lines, "\n"), "README:%d is not golden/%s.txtar's %s", s.line, s.golden, s.section)
			continue
		}
		assert.True(t, cutFrom(s.lines, section), "README:%d is not cut from golden/%s.txtar's %s, which is now:\n%s", s.line, s.golden, s.section, strings.Join(section, "\n"))
	}
	if rewrote {
		require.NoError(t, os.WriteFile(path, []byte(strings.Join(readme, "\n")), 0o644))
	}
}

// goalOf is the paragraph of a text section that starts with sample's
// first line (text sets each goal as a paragraph), or the whole section
// when none does.
func goalOf(section, sample []string) []string {
	if len(sample) == 0 {
		return section
	}
	for i, l := range section {
		if l != sample[0] || i > 0 && section[i-1] != "" {
			continue
		}
		end := i
		for end < len(section) && section[end] != "" {
			end++
		}
		return section[i:end]
	}
	return section
}

// hasElision reports whether a sample leaves lines out.
func hasElision(lines []string) bool {
	for _, l := range lines {
		if strings.TrimSpace(l) == "..." {
			return true
		}
	}
	return false
}

func equalLines(a, b []string) bool { return strings.Join(a, "\n") == strings.Join(b, "\n") }

// cutFrom reports whether the runs of lines between the "..." lines of
// sample are runs of section's lines, in order, the first at its start
// unless the sample starts with "...".
func cutFrom(sample, section []string) bool {
	var runs [][]string
	run := []string{}
	for _, l := range sample {
		if strings.TrimSpace(l) == "..." {
			runs = append(runs, run)
			run = []string{}
			continue
		}
		run = append(run, l)
	}
	runs = append(runs, run)
	at := 0
	for i, r := range runs {
		if len(r) == 0 {
			continue
		}
		found := -1
		for j := at; j+len(r) <= len(section); j++ {
			if equalLines(section[j:j+len(r)], r) {
				found = j
				break
			}
		}
		if found < 0 || i == 0 && found != 0 {
			return false
		}
		at = found + len(r)
	}
	return true
}

func TestCutFrom(t *testing.T) {
	section := []string{"a", "b", "c", "d", "e"}
	for _, c := range []struct {
		sample []string
		want   bool
	}{
		{[]string{"a", "b", "...", "d"}, true},
		{[]string{"a", "...", "e"}, true},
		{[]string{"...", "c", "d"}, true},
		{[]string{"b", "...", "d"}, false}, // the first run starts the section
		{[]string{"a", "...", "d", "...", "c"}, false},
		{[]string{"a", "c"}, false},
	} {
		assert.Equal(t, c.want, cutFrom(c.sample, section), fmt.Sprint(c.sample))
	}
}
