package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// marks lists the status of each link in order, a letter each: ✓ as
// "o", ✗ as "x", not checked as "?".
func marks(r *Report) string {
	var b strings.Builder
	for _, l := range r.Links {
		b.WriteString(map[Status]string{OK: "o", Wrong: "x", Unchecked: "?"}[l.Status])
	}
	return b.String()
}

// The two documents of the issue: a condition stated in one section does
// not reach the next, and two cases stated one after the other are
// judged each under its own condition, not both at once.
func TestScopeRegressions(t *testing.T) {
	twoParts := "# Two parts\nFor $a > 0$ we have\n$$\n\\sqrt{a^2} = a.\n$$\n## Another part\nIn general,\n$$\n\\sqrt{a^2} = a.\n$$\n"
	r := run(t, Markdown, twoParts)
	assert.Equal(t, "ox", marks(r), "%v", summary(r))

	cases := "For $a > 0$ we have\n$$\n\\sqrt{a^2} = a.\n$$\nFor $a < 0$ the same root is\n$$\n\\sqrt{a^2} = %s\n$$\n"
	r = run(t, Markdown, strings.Replace(cases, "%s", "-a", 1))
	assert.Equal(t, "oo", marks(r), "%v", summary(r))
	assert.Equal(t, "a > 0 (line 1)", r.Links[0].Conditions)
	assert.Equal(t, "a < 0 (line 5)", r.Links[1].Conditions)
	r = run(t, Markdown, strings.Replace(cases, "%s", "a", 1))
	assert.Equal(t, "ox", marks(r), "%v", summary(r))
}

// Each rule of scope.go, in Markdown and in LaTeX: the status of every
// link, in order.
func TestScopeRules(t *testing.T) {
	for _, c := range []struct {
		name string
		kind Kind
		doc  string
		want string
	}{
		{"md preamble stands", Markdown, "For $a > 0$,\n$$\\sqrt{a^2} = a$$\nand later\n\n$$\\sqrt{a^2} = a$$\n", "oo"},
		{"md heading of any level ends", Markdown, "# A\n\nFor $a > 0$,\n$$\\sqrt{a^2} = a$$\n### B\n$$\\sqrt{a^2} = a$$\n", "ox"},
		{"md same level ends", Markdown, "## A\n\nFor $a > 0$,\n$$\\sqrt{a^2} = a$$\n## B\n$$\\sqrt{a^2} = a$$\n", "ox"},
		{"md preamble reaches sections", Markdown, "Assume $a > 0$.\n\n## A\n$$\\sqrt{a^2} = a$$\n## B\n$$\\sqrt{a^2} = a$$\n", "oo"},
		{"md the densities' sentence stands", Markdown, "## A\n\nLet $X \\sim \\mathcal{N}(a, s^2)$ with $a > 0$.\n\n## B\n$$\\mathbb{E}[X] = \\sqrt{a^2}$$\n", "o"},
		{"md a case in a section does not stand", Markdown, "## A\n\nLet $X \\sim \\mathcal{N}(a, s^2)$.\n\nFor $a > 0$, $$\\mathbb{E}[X] = \\sqrt{a^2}$$\n\n## B\n$$\\mathbb{E}[X] = \\sqrt{a^2}$$\n", "ox"},
		{"md a trailing where covers its display", Markdown, "## A\n\n$$\\sqrt{\\lambda^2} = \\lambda$$\n\nwhere $\\lambda > 0$.\n", "o"},
		{"md a trailing for covers inline math", Markdown, "## A\n\nThen $\\sqrt{a^2} = a$ for $a > 0$.\n", "o"},
		{"md a new sentence does not trail", Markdown, "## A\n\n$$\\sqrt{a^2} = a$$\n\nFor $a > 0$ we go on.\n", "x"},
		{"md list items", Markdown, "## A\n\n- If $a > 0$: $\\sqrt{a^2} = a$.\n- If $a < 0$: $\\sqrt{a^2} = -a$.\n\nAfter the list, $\\sqrt{a^2} = -a$.\n", "oox"},
		{"md case paragraphs", Markdown, "## A\n\nCase 1: $a > 0$. Then\n$$\\sqrt{a^2} = a.$$\n\nCase 2: $a < 0$. Then\n$$\\sqrt{a^2} = -a.$$\n", "oo"},
		{"md case paragraphs, moved", Markdown, "## A\n\nCase 1: $a > 0$. Then\n$$\\sqrt{a^2} = -a.$$\n\nCase 2: $a < 0$. Then\n$$\\sqrt{a^2} = a.$$\n", "xx"},
		{"md when and suppose", Markdown, "When $a < 0$,\n$$\\sqrt{a^2} = -a$$\nSuppose $a > 0$. Then\n$$\\sqrt{a^2} = a$$\n", "oo"},
		{"md a heading states a case", Markdown, "## When $a < 0$\n\n$$\\sqrt{a^2} = -a$$\n\n## Else\n\n$$\\sqrt{a^2} = -a$$\n", "ox"},
		{"md if inside a sentence states none", Markdown, "It is tight if $a > 0$, and\n\n$$\\sqrt{a^2} = a$$\n", "x"},
		{"md a trailing if covers its math only", Markdown, "We have $$\\sqrt{a^2} = a$$ if $a > 0$, and $$\\sqrt{a^2} = a$$\n", "ox"},
		{"md an If after a display opens a case", Markdown, "We have $$\\sqrt{a^2} = |a|$$\nIf $a > 0$, $$\\sqrt{a^2} = a$$\nand $$\\sqrt{a^2} + 1 = a + 1$$\n", "ooo"},
		{"md in general ends the cases", Markdown, "For $a > 0$,\n$$\\sqrt{a^2} = a$$\nIn general,\n$$\\sqrt{a^2} = a$$\n", "ox"},
		{"md conditions of one sentence hold together", Markdown, "For $a > 0$ and $a < 1$,\n$$\\sqrt{(a - 1)^2} = 1 - a$$\n", "o"},
		{"md a new case on another symbol keeps the old", Markdown, "For $a > 0$,\n$$\\sqrt{a^2} = a$$\nFor $b > 0$,\n$$\\sqrt{a^2} + \\sqrt{b^2} = a + b$$\n", "oo"},
		{"md throughout stands", Markdown, "# T\n\n## Setup\n\nWe assume $a > 0$ throughout.\n\n## Derivation\n$$\\sqrt{a^2} = a$$\n", "o"},
		{"md from now on stands", Markdown, "## A\n\nFrom now on, assume $a > 0$.\n\n## B\n$$\\sqrt{a^2} = a$$\n", "o"},
		{"md without it a setup section ends", Markdown, "## A\n\nAssume $a > 0$.\n\n## B\n$$\\sqrt{a^2} = a$$\n", "x"},
		{"md a later case ends a throughout", Markdown, "## A\n\nIn what follows, assume $a > 0$.\n\n## B\n$$\\sqrt{a^2} = a$$\nFor $a < 0$,\n$$\\sqrt{a^2} = a$$\n", "ox"},
		{"tex section ends", TeX, "\\section{A}\nFor $a > 0$,\n\\[ \\sqrt{a^2} = a \\]\n\\section{B}\n\\[ \\sqrt{a^2} = a \\]\n", "ox"},
		{"tex subsection ends", TeX, "\\section{A}\nFor $a > 0$,\n\\[ \\sqrt{a^2} = a \\]\n\\subsection{B}\n\\[ \\sqrt{a^2} = a \\]\n", "ox"},
		{"tex paragraph ends", TeX, "\\section{A}\nFor $a > 0$,\n\\[ \\sqrt{a^2} = a \\]\n\\paragraph{B.}\n\\[ \\sqrt{a^2} = a \\]\n", "ox"},
		{"tex preamble stands", TeX, "\\begin{document}\nAssume $a > 0$.\n\\section{A}\n\\[ \\sqrt{a^2} = a \\]\n\\section{B}\n\\[ \\sqrt{a^2} = a \\]\n\\end{document}\n", "oo"},
		{"tex itemize of cases", TeX, "\\section{A}\n\\begin{itemize}\n\\item If $a > 0$, then $\\sqrt{a^2} = a$.\n\\item If $a < 0$, then $\\sqrt{a^2} = -a$.\n\\end{itemize}\nAfter the list, $\\sqrt{a^2} = -a$.\n", "oox"},
		{"tex an environment bounds", TeX, "\\begin{lemma}\nFor $a > 0$, $\\sqrt{a^2} = a$.\n\\end{lemma}\nHence $\\sqrt{a^2} = a$.\n", "ox"},
		{"tex case paragraphs", TeX, "\\section{A}\n\\paragraph{Case 1.} $a > 0$. Then \\[ \\sqrt{a^2} = a. \\]\n\\paragraph{Case 2.} $a < 0$. Then \\[ \\sqrt{a^2} = -a. \\]\n", "oo"},
		{"tex case paragraphs, moved", TeX, "\\section{A}\n\\paragraph{Case 1.} $a > 0$. Then \\[ \\sqrt{a^2} = -a. \\]\n\\paragraph{Case 2.} $a < 0$. Then \\[ \\sqrt{a^2} = a. \\]\n", "xx"},
		{"tex cases in one section", TeX, "\\section{A}\nCase 1: $a > 0$. Then \\[ \\sqrt{a^2} = a. \\]\nCase 2: $a < 0$. Then \\[ \\sqrt{a^2} = -a. \\]\n", "oo"},
		{"tex a trailing where", TeX, "\\section{A}\n\\begin{equation}\\sqrt{\\lambda^2} = \\lambda\\end{equation}\nwhere $\\lambda > 0$.\n", "o"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, c.kind, c.doc)
			assert.Equal(t, c.want, marks(r), "%s\n%v", c.doc, summary(r))
		})
	}
}

// Conditions on the context's parameters are scoped as those on an
// identity's variables are: the sampler's points honour them where they
// apply only.
func TestScopedParameterConditions(t *testing.T) {
	doc := "Let $X \\sim \\mathcal{N}(a, s^2)$.\n\n## Positive\n\nFor $a > 0$,\n$$\\mathbb{E}[X] = \\sqrt{a^2}$$\n\n" +
		"## Negative\n\nFor $a < 0$,\n$$\\mathbb{E}[X] = -\\sqrt{a^2}$$\n\n## Neither\n\n$$\\mathbb{E}[X] = \\sqrt{a^2}$$\n"
	r := run(t, Markdown, doc)
	assert.Equal(t, "oox", marks(r), "%v", summary(r))
	tex := "Let $X \\sim \\mathcal{N}(a, s^2)$.\n\\section{Positive}\nFor $a > 0$,\n\\[ \\mathbb{E}[X] = -\\sqrt{a^2} \\]\n" +
		"\\section{Negative}\nFor $a < 0$,\n\\[ \\mathbb{E}[X] = \\sqrt{a^2} \\]\n"
	r = run(t, TeX, tex)
	assert.Equal(t, "xx", marks(r), "%v", summary(r))
}

// Conditions in scope that no point satisfies leave the link not
// checked, saying so; they never make it ✓.
func TestUnsatisfiableScope(t *testing.T) {
	for _, c := range []struct{ doc, reason string }{
		{"For $a > 0$ and for $a < 0$ alike,\n$$\\sqrt{a^2} = a$$\n",
			"the conditions in scope here hold together at no point drawn: a > 0 (line 1), a < 0 (line 1)"},
		{"Let $X \\sim \\mathcal{N}(a, s^2)$ with $a > 1$ and $a < 0$.\n\n$$\\mathbb{E}[X] = \\sqrt{a^2}$$\n",
			"the conditions in scope here hold together at no point drawn: a > 1 (line 1), a < 0 (line 1)"},
	} {
		r := run(t, Markdown, c.doc)
		require.Len(t, r.Links, 1, "%s\n%v", c.doc, summary(r))
		assert.Equal(t, Unchecked, r.Links[0].Status, c.doc)
		assert.Equal(t, c.reason, r.Links[0].Reason, c.doc)
	}
}

// The report lists each condition with the lines it applies to, and a
// chain of conditions is conditions, not links.
func TestScopeLines(t *testing.T) {
	doc := "# Cases\n" + // 1
		"For $0 < a < 2$ we have\n" + // 2
		"$$\\sqrt{a^2} = a$$\n" + // 3
		"For $a < 0$ instead,\n" + // 4
		"$$\\sqrt{a^2} = -a$$\n" + // 5
		"## Next\n" + // 6
		"$$\\sqrt{a^2} = |a|$$\n" // 7
	r := run(t, Markdown, doc)
	assert.Equal(t, "ooo", marks(r), "%v", summary(r))
	var got []string
	for _, st := range r.Statements {
		got = append(got, st.Text+": "+st.Scope())
	}
	assert.Equal(t, []string{"0 < a: applies to lines 2–3", "a < 2: applies to lines 2–3", "a < 0: applies to lines 4–5"}, got)
}
