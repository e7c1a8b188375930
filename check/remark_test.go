package check

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A remark that closes a row is commentary, but a relation in it is a
// claim like any other: after \because, \qquad \text{since } ..., inside
// \text{(as $...$)}, in brackets and in a justification column, a true
// remark passes, a false one is caught, and the step it annotates is
// judged on its own. Nothing a remark claims is dropped unseen.
func TestRemarkClaims(t *testing.T) {
	step := `\log(ab) = \log a + \log b`
	for _, c := range []struct {
		name, remark string
		want         Status
	}{
		{"because", `\because \log e^{u} = u`, OK},
		{"because, false", `\because \log e^{u} = 2u`, Wrong},
		{"since, then math", `\qquad \text{since } \log 4 = 2 \log 2`, OK},
		{"since, then false math", `\qquad \text{since } \log 4 = 3`, Wrong},
		{"math inside the words", `\quad \text{(as $\log 1 = 0$)}`, OK},
		{"false math inside the words", `\quad \text{(as $\log 1 = 1$)}`, Wrong},
		{"in brackets", `\quad (\text{as } 2 < 3)`, OK},
		{"in brackets, false", `\quad (\text{as } 3 < 2)`, Wrong},
		{"justification column", `&& \text{since $\log 8 = 3\log 2$}`, OK},
		{"justification column, false", `&& \text{since $\log 8 = 2\log 3$}`, Wrong},
		{"after a comma", `, \text{using } \frac{a}{a} = 2`, Wrong},
		{"as, a claim the remark relies on", `\quad (\text{as } a + b > 0)`, OK},
		{"as, a false claim", `\quad (\text{as } a + b < 0)`, Wrong},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := run(t, Markdown, "$$\n"+step+" "+c.remark+"\n$$\n", "assume a > 0", "assume b > 0")
			require.Len(t, r.Links, 2)
			assert.Equal(t, OK, r.Links[0].Status, "the step: %s", r.Links[0].Reason)
			assert.Equal(t, c.want, r.Links[1].Status, "the remark: %s", r.Links[1].Reason)
		})
	}
}

// A remark whose words make its math a condition ("for", "if")
// lists a condition of one symbol and judges nothing else; a remark of
// words alone is commentary.
func TestRemarkConditions(t *testing.T) {
	for _, remark := range []string{`\quad (\text{for } a > 0)`, `\qquad \text{for } b > 0`, `\quad \text{(if $a \geq 1$)}`, `\quad \text{(by Jensen)}`, `\qquad \text{since the log is concave}`} {
		r := run(t, Markdown, "$$\n\\log(ab) = \\log a + \\log b "+remark+"\n$$\n", "assume a > 0", "assume b > 0")
		require.Len(t, r.Links, 1, remark)
		assert.Equal(t, OK, r.Links[0].Status, remark)
	}
	r := run(t, Markdown, "$$\n\\log(ab) = \\log a + \\log b \\quad (\\text{for } a > 0)\n$$\n", "assume a > 0", "assume b > 0")
	if assert.Len(t, r.Statements, 1) {
		assert.Equal(t, Condition, r.Statements[0].Kind)
		assert.Equal(t, "a > 0", r.Statements[0].Text)
	}
}

// Inline math in a remark's words is read piece by piece: two pieces are
// two statements, not one product, and a piece in letters the context
// does not give (a rule's identity) is listed as a remark, not judged.
func TestRemarkPieces(t *testing.T) {
	r := run(t, Markdown, "$$\n\\log(ab) = \\log a + \\log b \\quad \\text{\\small $u(y)$ vanishes, as $\\log 1 = 1$, and $\\mathrm{tr}(S^{-1} S) = k$}\n$$\n", "assume a > 0", "assume b > 0")
	require.Len(t, r.Links, 2)
	assert.Equal(t, OK, r.Links[0].Status)
	assert.Equal(t, Wrong, r.Links[1].Status, r.Links[1].Reason)
	if assert.Len(t, r.Statements, 1) {
		assert.Equal(t, Remark, r.Statements[0].Kind)
		assert.Equal(t, `\mathrm{tr}(S^{-1} S) = k`, r.Statements[0].Text)
	}
}

// A remark carried on in the rows below it, each a row of nothing but
// the remark, reads as one sentence: "unless" closing a row makes the
// math that opens the next a condition, as on one line, while a claim
// on a carried row is still judged, and a row after a row of math starts
// afresh.
func TestRemarkCarriedOn(t *testing.T) {
	doc := func(rows ...string) string {
		return "$$\n\\begin{aligned}\n\\log(ab) &= \\log a + \\log b \\\\\n" + joinRows(rows) + "\n\\end{aligned}\n$$\n"
	}
	r := run(t, Markdown, doc(`&\qquad \text{\small true unless}`, `&\qquad \text{\small $a \le 0$ and $b + 1 \le 1$, which hold together only when $a + b \le 0$}`), "assume a > 0", "assume b > 0")
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status)
	assert.Zero(t, r.Summary().Wrong)

	r = run(t, Markdown, doc(`&\qquad \text{\small true since}`, `&\qquad \text{\small $0 \le a - 5$ and $b + 1 \le 1$, which}`), "assume a > 0", "assume b > 0")
	require.Len(t, r.Links, 3)
	assert.Equal(t, Wrong, r.Links[1].Status, "a claim carried on from 'since' is judged")

	r = run(t, Markdown, doc(`&\qquad \text{\small true unless}`, `&= \log b + \log a`, `&\qquad \text{\small $0 \le a - 5$ and $b + 1 \le 1$, which}`), "assume a > 0", "assume b > 0")
	require.Len(t, r.Links, 4)
	assert.Equal(t, Wrong, r.Links[2].Status, "a remark after a row of math does not carry the one before it")
}

func joinRows(rows []string) string {
	out := ""
	for i, r := range rows {
		if i > 0 {
			out += " \\\\\n"
		}
		out += r
	}
	return out
}
