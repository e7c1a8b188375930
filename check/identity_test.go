package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// identityTerms are terms of an identity's variables, each of which
// takes both signs where the variables are drawn: the names, sums,
// negations, a multiple with a constant, and a Gaussian's variable x.
var identityTerms = []string{`a`, `-a`, `x - m`, `2u + 1`, `a + b`, `-(a - x)`, `t_1 - t_2`}

// An identity that holds only where a term is positive is wrong: its
// variables are drawn on both signs. Its true forms hold, and one that
// has a value only where the term is positive says where it was
// checked. With and without a Gaussian of x in the context.
func TestIdentityVariablesTakeBothSigns(t *testing.T) {
	for _, given := range [][]string{nil, {"p(x) = Normal(x; mu, s^2)"}} {
		for _, term := range identityTerms {
			T := "(" + term + ")"
			for _, c := range []struct {
				tex  string
				want Status
			}{
				{`\sqrt{` + T + `^2} = ` + T, Wrong},
				{`\sqrt{` + T + `^2} = -` + T, Wrong},
				{`|` + term + `| = ` + T, Wrong},
				{`\sqrt{` + T + `^2} = |` + term + `|`, OK},
				{`\max(` + T + `, 0) + \max(-` + T + `, 0) = |` + term + `|`, OK},
			} {
				l := verdict(t, c.tex, given...)
				assert.Equal(t, c.want, l.Status, "%s %v: %s", c.tex, given, l.Reason)
				if c.want == OK {
					assert.Empty(t, l.Where, c.tex)
				}
			}
			// log(T²) = 2 log T has a value only where T > 0: it holds
			// there, and says so.
			l := verdict(t, `\log(`+T+`^2) = 2\log`+T, given...)
			require.Equal(t, OK, l.Status, "%s: %s", term, l.Reason)
			assert.NotEmpty(t, l.Where, term)
		}
	}
	// Where one variable's sign tells, the report names it.
	assert.Equal(t, "all where a > 0, as a side has no value elsewhere", verdict(t, `\log(a^2) = 2\log a`).Where)
	assert.Equal(t, "all where a < 0, as a side has no value elsewhere", verdict(t, `\log(a^2) = 2\log(-a)`).Where)
}

// The variable of a density is drawn in its support: the x of a Gamma,
// of an Exponential written as a formula on x ≥ 0, of a Beta in (0, 1)
// is positive, and identities that hold there hold, without a
// restriction; a Gaussian's x takes both signs.
func TestIdentityVariableInItsDensitysSupport(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want Status
	}{
		{"$p(x) = \\mathrm{Gamma}(x; a, b)$.\n\n$$\\sqrt{x^2} = x$$\n", OK},
		{"$p(x) = \\mathrm{Beta}(x; a, b)$.\n\n$$|1 - x| = 1 - x$$\n", OK},
		{"Let $p(x) = \\lambda e^{-\\lambda x}$ for $x \\ge 0$.\n\n$$\\sqrt{x^2} = x$$\n", OK},
		{"$p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$.\n\n$$\\sqrt{x^2} = x$$\n", Wrong},
		{"$p(x) = \\mathrm{Beta}(x; a, b)$.\n\n$$|2x - 1| = 2x - 1$$\n", Wrong},
	} {
		r := run(t, Markdown, c.doc)
		require.NotEmpty(t, r.Links, c.doc)
		l := r.Links[len(r.Links)-1]
		assert.Equal(t, c.want, l.Status, "%s: %s", c.doc, l.Reason)
		assert.Empty(t, l.Where, c.doc)
	}
}

// An identity whose kink or case lies beyond the usual draw of its
// variable, |x - 3| = 3 - x, is wrong: some points draw the variable far
// out on the unbounded sides of its support. In its support still: the
// x of a Gamma stays positive, and one with a kink far out is caught.
func TestIdentityVariableFarOut(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want Status
	}{
		{"Then $|x - 3| = 3 - x$.\n", Wrong},
		{"Then $\\max(x, -4) = x$.\n", Wrong},
		{"Then $|x - 30| \\le |x| + 30$.\n", OK},
		{"$p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$.\n\n$$|x - \\mu + 2| = x - \\mu + 2$$\n", Wrong},
		{"$p(x) = \\mathrm{Gamma}(x; a, b)$.\n\n$$|x - 5| = 5 - x$$\n", Wrong},
		{"$p(x) = \\mathrm{Gamma}(x; a, b)$.\n\n$$\\sqrt{x^2} = x$$\n", OK},
		{"$p(x) = \\mathrm{Beta}(x; a, b)$.\n\n$$|x - 2| = 2 - x$$\n", OK},
	} {
		r := run(t, Markdown, c.doc)
		require.NotEmpty(t, r.Links, c.doc)
		l := r.Links[len(r.Links)-1]
		assert.Equal(t, c.want, l.Status, "%s: %s", c.doc, l.Reason)
	}
}

// A point case is judged at its point: a wrong value there is caught,
// whatever the case's conditions.
func TestPinnedCaseIsJudgedAtItsPoint(t *testing.T) {
	given := []string{"p(x) = Uniform(x; a, a + 1)", "q(x) = Uniform(x; 0, 1)"}
	for _, c := range []struct {
		value string
		want  Status
	}{
		{"0", OK},
		{"a", OK}, // a = 0 there
		{"a^2 + 0", OK},
		{"1", Wrong},
		{"a + 1", Wrong},
		{"-\\log 2", Wrong},
	} {
		tex := `D_{KL}(p \| q) = \begin{cases}` + c.value + ` & \text{if } 0 \le a \text{ and } a + 1 \le 1 \\ \infty & \text{otherwise}\end{cases}`
		l := verdict(t, tex, given...)
		assert.Equal(t, c.want, l.Status, "%s: %s", c.value, l.Reason)
		if c.want == Wrong {
			// p = q at the point: no swap of them explains the mistake.
			assert.NotContains(t, l.Diagnosis, "swap", c.value)
		}
		if c.want == OK {
			assert.True(t, strings.Contains(l.Cases, "(at a = 0)"), l.Cases)
		}
	}
}

// A condition the document states on an identity's variable restricts
// its draw, in prose or beside other conditions, and so does a case that
// "If" opens; an "if" that qualifies a clause restricts nothing.
func TestStatedConditionRestrictsIdentityVariables(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want Status
	}{
		{"For $a > 0$,\n\n$$\\sqrt{a^2} = a$$\n", OK},
		{"For $a < 0$,\n\n$$\\sqrt{a^2} = -a$$\n", OK},
		{"For $a < 0$,\n\n$$\\sqrt{a^2} = a$$\n", Wrong},
		{"where $u > 1$:\n\n$$\\sqrt{(u - 1)^2} = u - 1$$\n", OK},
		{"Let $p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$, and for $t > 0$,\n\n$$|t \\sigma| = t \\sigma$$\n", OK},
		{"If $a > 0$,\n\n$$\\sqrt{a^2} = a$$\n", OK},
		{"If $a < 0$,\n\n$$\\sqrt{a^2} = a$$\n", Wrong},
		{"It is tight if $a > 0$, and\n\n$$\\sqrt{a^2} = a$$\n", Wrong},
		// The sign of an expression, as derive states a width b - a > 0.
		{"For $u - v > 0$,\n\n$$\\sqrt{(u - v)^2} = u - v$$\n", OK},
		{"For $u - v > 0$,\n\n$$\\sqrt{(u - v)^2} = v - u$$\n", Wrong},
		{"Let $p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$. Assuming $\\mu - 1 > 0$,\n\n$$|\\mu - 1| = \\mu - 1$$\n", OK},
		{"Let $p(x) = \\mathcal{N}(x; \\mu, \\sigma^2)$. Assuming $\\mu - 1 > 0$,\n\n$$|\\mu - 1| = 1 - \\mu$$\n", Wrong},
	} {
		r := run(t, Markdown, c.doc)
		require.NotEmpty(t, r.Links, c.doc)
		l := r.Links[len(r.Links)-1]
		assert.Equal(t, c.want, l.Status, "%s: %s", c.doc, l.Reason)
	}
}

// A condition whose range lies beyond the usual draw, [-1.5, 1.5], has
// its variable drawn inside the range: the link is judged there, true or
// false, rather than left without a point.
func TestConditionBeyondTheDraw(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want Status
	}{
		{"For $a > 5$,\n\n$$\\sqrt{(a - 5)^2} = a - 5$$\n", OK},
		{"For $a > 5$,\n\n$$\\sqrt{(a - 5)^2} = 5 - a$$\n", Wrong},
		{"For $a < -100$,\n\n$$\\sqrt{(a + 100)^2} = -a - 100$$\n", OK},
		{"For $2 < a < 2.5$,\n\n$$\\sqrt{(a - 2)^2} + \\sqrt{(a - 2.5)^2} + a = a + 0.5$$\n", OK},
		{"For $2 < a < 2.5$,\n\n$$\\sqrt{(a - 2)^2} + \\sqrt{(a - 3)^2} + a = a + 0.5$$\n", Wrong},
	} {
		r := run(t, Markdown, c.doc)
		require.Len(t, r.Links, 1, c.doc)
		assert.Equal(t, c.want, r.Links[0].Status, "%s: %s", c.doc, r.Links[0].Reason)
	}
}
