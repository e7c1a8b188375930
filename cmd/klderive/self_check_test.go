package main

import (
	"encoding/json"
	"sort"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestGoldenSelfCheck runs klderive check, with no --given, on every
// golden Markdown and standalone LaTeX document that derive wrote: the
// renderer and the checker must agree on every link, so each is verified,
// none wrong and none left unchecked. The documents carry their own
// context (a klderive block, % klderive: comments).
func TestGoldenSelfCheck(t *testing.T) {
	for section, name := range map[string]string{"markdown": "derivation.md", "standalone.tex": "derivation.tex"} {
		docs := goldenSections(t, section)
		require.NotEmpty(t, docs)
		archives := make([]string, 0, len(docs))
		for a := range docs {
			archives = append(archives, a)
		}
		sort.Strings(archives)
		for _, a := range archives {
			t.Run(a+"/"+section, func(t *testing.T) {
				code, out, stderr := runCLI(t, docs[a], "check", "-", "--stdin-name", name, "--format", "json")
				require.Empty(t, stderr)
				var rep struct {
					Summary struct{ Links, OK, Wrong, Unchecked int }
				}
				require.NoError(t, json.Unmarshal([]byte(out), &rep), out)
				s := rep.Summary
				assert.Equal(t, 0, code, "exit status")
				assert.Zero(t, s.Wrong, "wrong links:\n%s", out)
				assert.Zero(t, s.Unchecked, "links not checked:\n%s", out)
				assert.Positive(t, s.OK)
				assert.Equal(t, s.Links, s.OK)
			})
		}
	}
}
