package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A mutation test of check's soundness: in derive's own Markdown of every
// univariate golden, flipping the sign of the first + or − of any shown
// row makes a false statement, and check must never mark it ✓. It may
// find the row wrong, or not checked when the flip leaves a side with
// no value at some points (log(b₁ + a₁) where b₁ + a₁ < 0, Γ(x − 1) at
// a count of 0) and say so.
//
// The multivariate goldens are left out: there a flip inside
// (x − μ)ᵀΣ⁻¹(x − μ) gives (x + μ)ᵀΣ⁻¹(x − μ), whose expectation under
// N(μ, Σ) is the same k (the cross terms cancel), so the flipped row
// is true and ✓ is right.
func TestCheckNeverPassesAFlippedSign(t *testing.T) {
	docs := goldenSections(t, "markdown")
	names := make([]string, 0, len(docs))
	for name, doc := range docs {
		if !strings.Contains(doc, `^{\top}`) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	require.NotEmpty(t, names)
	mutants := 0
	for _, name := range names {
		lines := strings.Split(docs[name], "\n")
		for i, line := range lines {
			mutant, ok := flipFirstSign(line)
			if !ok {
				continue
			}
			mutants++
			link := i + 1 // the report's line of the link this row belongs to
			for link > 1 && !strings.HasPrefix(lines[link-1], "&= ") {
				link--
			}
			doc := goalWith(lines, i, mutant)
			t.Run(fmt.Sprintf("%s/line%03d", name, i+1), func(t *testing.T) {
				t.Parallel()
				_, out, stderr := runCLI(t, doc, "check", "-", "--stdin-name", "derivation.md", "--format", "json")
				require.Empty(t, stderr)
				r := decodeReport(t, out)
				found := false
				for _, l := range r.Links {
					if l.Line == link-offset(lines, i) {
						found = true
						assert.NotEqual(t, "ok", l.Status, "row %d flipped to\n%s\nis marked ✓", i+1, mutant)
					}
				}
				assert.True(t, found, "no link at line %d for the row flipped to\n%s", link, mutant)
			})
		}
	}
	assert.Greater(t, mutants, 200, "rows mutated")
}

// signRow is a shown row of a derivation in Markdown: a step, or a
// continuation of one; a justification line carries \text.
var signRow = regexp.MustCompile(`^&(= |\\qquad |\\quad )`)

// flipFirstSign turns the first " + " of a row into " - ", or its first
// " - " into " + ", whichever comes first.
func flipFirstSign(line string) (string, bool) {
	if !signRow.MatchString(line) || strings.Contains(line, `\text{\small`) {
		return "", false
	}
	plus, minus := strings.Index(line, " + "), strings.Index(line, " - ")
	switch {
	case plus < 0 && minus < 0:
		return "", false
	case minus < 0 || (plus >= 0 && plus < minus):
		return line[:plus] + " - " + line[plus+3:], true
	default:
		return line[:minus] + " + " + line[minus+3:], true
	}
}

// goalWith is the document cut to what row i's link needs, with the row
// replaced by mutant: the lines up to the first goal's klderive block
// (the problem's context), then the section of row i's goal, from its
// heading to the next. Checking the one goal keeps the test fast.
func goalWith(lines []string, i int, mutant string) string {
	head := contextEnd(lines)
	start, end := sectionOf(lines, i)
	out := append([]string{}, lines[:head]...)
	if start < head {
		start = head
	}
	for j := start; j < end; j++ {
		if j == i {
			out = append(out, mutant)
		} else {
			out = append(out, lines[j])
		}
	}
	return strings.Join(out, "\n")
}

// offset is how many lines goalWith leaves out before row i.
func offset(lines []string, i int) int {
	head := contextEnd(lines)
	start, _ := sectionOf(lines, i)
	if start < head {
		return 0
	}
	return start - head
}

// contextEnd is the line after the first klderive block's closing fence.
func contextEnd(lines []string) int {
	in := false
	for j, l := range lines {
		switch {
		case l == "```klderive":
			in = true
		case in && l == "```":
			return j + 1
		}
	}
	return 0
}

// sectionOf is the range of lines of the goal that holds line i: from its
// "# " heading to the next one, or the end.
func sectionOf(lines []string, i int) (start, end int) {
	start = i
	for start > 0 && !strings.HasPrefix(lines[start], "# ") {
		start--
	}
	end = i + 1
	for end < len(lines) && !strings.HasPrefix(lines[end], "# ") {
		end++
	}
	return start, end
}
