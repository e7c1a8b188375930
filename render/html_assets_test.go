package render

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// katexModule is the pinned KaTeX that npm ci --prefix tools/katex
// installs, from this package's directory.
const katexModule = "../tools/katex/node_modules/katex"

// The embedded KaTeX is the pinned version's files, unchanged: the
// script, the stylesheet, every woff2 font and the licence. Run
// go generate ./render after changing the pin.
func TestEmbeddedKaTeXMatchesPin(t *testing.T) {
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	raw, err := os.ReadFile("../tools/katex/package-lock.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &lock))
	pinned := lock.Packages["node_modules/katex"].Version
	require.NotEmpty(t, pinned, "tools/katex/package-lock.json pins no katex")

	js, err := katexFiles.ReadFile("katex/katex.min.js")
	require.NoError(t, err)
	assert.Contains(t, string(js), `version:"`+pinned+`"`, "the embedded katex.min.js is not KaTeX %s", pinned)

	if _, err := os.Stat(katexModule); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("KaTeX is not installed in tools/katex (CI=true: run npm ci --prefix tools/katex): %v", err)
		}
		t.Skipf("SKIPPED: %v\n*** The embedded KaTeX is NOT being compared with the pinned files. Run npm ci --prefix tools/katex. ***", err)
	}
	var mod struct{ Version string }
	raw, err = os.ReadFile(filepath.Join(katexModule, "package.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &mod))
	require.Equal(t, pinned, mod.Version, "node_modules holds another KaTeX than the pin; run npm ci --prefix tools/katex")

	want := map[string]string{
		"katex/katex.min.js":  "dist/katex.min.js",
		"katex/katex.min.css": "dist/katex.min.css",
		"katex/LICENSE":       "LICENSE",
	}
	fonts, err := filepath.Glob(filepath.Join(katexModule, "dist/fonts/*.woff2"))
	require.NoError(t, err)
	require.NotEmpty(t, fonts)
	for _, f := range fonts {
		want["katex/fonts/"+filepath.Base(f)] = "dist/fonts/" + filepath.Base(f)
	}
	var got []string
	require.NoError(t, fs.WalkDir(katexFiles, ".", func(path string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			got = append(got, path)
		}
		return err
	}))
	var names []string
	for name := range want {
		names = append(names, name)
	}
	sort.Strings(names)
	sort.Strings(got)
	require.Equal(t, names, got, "the embedded files; run go generate ./render")
	total := 0
	for name, src := range want {
		emb, err := katexFiles.ReadFile(name)
		require.NoError(t, err)
		orig, err := os.ReadFile(filepath.Join(katexModule, src))
		require.NoError(t, err)
		assert.True(t, string(emb) == string(orig), "%s differs from %s; run go generate ./render", name, src)
		total += len(emb)
	}
	// The page carries all of it: it must stay small.
	assert.Less(t, total, 700_000, "the embedded KaTeX is %d bytes", total)
}

// Every font the stylesheet names is embedded and inlined as woff2.
func TestKaTeXCSSInlinesFonts(t *testing.T) {
	css, err := katexCSS()
	require.NoError(t, err)
	assert.NotContains(t, css, "url(fonts/")
	assert.NotContains(t, css, ".woff)")
	assert.NotContains(t, css, ".ttf)")
	fonts, err := fs.Glob(katexFiles, "katex/fonts/*.woff2")
	require.NoError(t, err)
	n := strings.Count(css, "@font-face")
	assert.Equal(t, len(fonts), n, "one @font-face per embedded font")
	assert.Equal(t, n, strings.Count(css, `src:url(data:font/woff2;base64,`))
}
