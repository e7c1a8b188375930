package check

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// specialDoc generates a document that states a special case of one
// parameter P of q (P = v), checks a claim that holds only in that case,
// and then leaves the case in one of the ways a person does (a heading,
// the end of a list item or environment, "Back to the general case")
// before checking the same claim, now false, and a general one.
type specialDoc struct {
	kind         Kind
	p, q         string // density names
	param, value string
	plus         string
	intro, leave int
}

func newSpecialDoc(seed uint64) *specialDoc {
	r := rand.New(rand.NewPCG(seed, 0x5be1a1))
	d := &specialDoc{kind: Markdown}
	if r.IntN(2) == 0 {
		d.kind = TeX
	}
	names := [][2]string{{"p", "q"}, {"P", "Q"}, {"f", "g"}, {"r", "q"}}[r.IntN(4)]
	d.p, d.q = names[0], names[1]
	d.param = []string{`\mu_2`, "m", "b_2", `\nu`}[r.IntN(4)]
	d.value = []string{"0", "1", "-1", "2", "0.5"}[r.IntN(5)]
	d.plus = strings.Replace(" + "+d.value, "+ -", "- ", 1) // μ₁ + v as written
	d.intro = r.IntN(len(specialIntros))
	d.leave = r.IntN(6)
	return d
}

// specialIntros state P = v, %[1]s, before the math that follows.
var specialIntros = []string{
	"Let %[1]s. Then", "Set %[1]s; then", "If we set %[1]s, then", "In the special case %[1]s,",
	"Suppose that %[1]s. Then", "Take %[1]s:", "With %[1]s this becomes",
}

// math writes inline math in the document's own delimiters.
func (d *specialDoc) math(src string) string {
	if d.kind == TeX {
		return `\(` + src + `\)`
	}
	return "$" + src + "$"
}

// display writes display math.
func (d *specialDoc) display(src string) string {
	if d.kind == TeX {
		return `\[ ` + src + ` \]`
	}
	return "$$" + src + "$$"
}

func (d *specialDoc) text() string {
	inCase := fmt.Sprintf(`\mathbb{E}_{%s}[x] + %s = \mu_1%s`, d.p, d.param, d.plus) // true only when P = v
	general := fmt.Sprintf(`\mathbb{E}_{%s}[x] + %s = \mu_1 + %s`, d.p, d.param, d.param)
	intro := fmt.Sprintf(specialIntros[d.intro], d.math(d.param+" = "+d.value))
	var b strings.Builder
	fmt.Fprintf(&b, "Let %s and %s.\n\n", d.math(d.p+`(x) = \mathcal{N}(x; \mu_1, \sigma_1^2)`), d.math(d.q+`(x) = \mathcal{N}(x; `+d.param+`, \sigma_2^2)`))
	head := func(title string) {
		if d.kind == TeX {
			fmt.Fprintf(&b, "\\section{%s}\n", title)
		} else {
			fmt.Fprintf(&b, "## %s\n\n", title)
		}
	}
	head("A special case")
	switch d.leave {
	case 0: // a heading
		fmt.Fprintf(&b, "%s\n%s\n\n", intro, d.display(inCase))
		head("Any parameters")
	case 1: // a list item
		if d.kind == TeX {
			fmt.Fprintf(&b, "\\begin{itemize}\n\\item %s %s.\n\\item Nothing else.\n\\end{itemize}\n", intro, d.math(inCase))
		} else {
			fmt.Fprintf(&b, "- %s %s.\n- Nothing else.\n\n", intro, d.math(inCase))
		}
		b.WriteString("After the list,\n")
	case 2: // an environment, or a subheading in Markdown
		if d.kind == TeX {
			fmt.Fprintf(&b, "\\begin{remark}\n%s %s.\n\\end{remark}\nThen\n", intro, d.math(inCase))
		} else {
			fmt.Fprintf(&b, "%s\n%s\n\n### Back\n\n", intro, d.display(inCase))
		}
	default:
		fmt.Fprintf(&b, "%s\n%s\n\n%s\n", intro, d.display(inCase),
			[]string{"Back to the general case:", "In general,", "We now return to the general case:"}[d.leave-3])
	}
	fmt.Fprintf(&b, "%s\nand\n%s\n", d.display(inCase), d.display(general))
	return b.String()
}

// The claim of the case is ✓ in it and ✗ after it; a general claim
// after it is ✓.
func TestSpecialCaseScopeProperty(t *testing.T) {
	for seed := uint64(1); seed <= 60; seed++ {
		d := newSpecialDoc(seed)
		doc := d.text()
		r := run(t, d.kind, doc)
		assert.Equal(t, "oxo", marks(r), "seed %d:\n%s\n%v", seed, doc, summary(r))
	}
}

// boundDoc generates a document with a Gaussian of variable v and mean
// m, a bound of v by m + c stated in one of several ways, a claim about
// |v - m - c| true on that side only, and the same claim under the
// opposite bound and after a heading, where it is false.
func boundDoc(seed uint64) (Kind, string) {
	r := rand.New(rand.NewPCG(seed, 0xb0d))
	kind := Markdown
	if r.IntN(2) == 0 {
		kind = TeX
	}
	v := []string{"x", "y", "z"}[r.IntN(3)]
	m := []string{`\mu`, "m", "a", `\theta_0`}[r.IntN(4)]
	c := []string{"", " + 1", " - 2", " + 0.25"}[r.IntN(4)]
	shift := strings.NewReplacer("+", "-", "-", "+").Replace(c) // v - (m + c)
	above := fmt.Sprintf("|%s - %s%s| = %s - %s%s", v, m, shift, v, m, shift)
	below := fmt.Sprintf("|%s - %s%s| = %s%s - %s", v, m, shift, m, c, v)
	inline := func(src string) string {
		if kind == TeX {
			return `\(` + src + `\)`
		}
		return "$" + src + "$"
	}
	bound := func(gt bool) string {
		switch op := map[bool][]string{true: {">", `\geq`, `\in (` + m + c + `, \infty)`}, false: {"<", `\le`, `\in (-\infty, ` + m + c + `]`}}[gt][r.IntN(3)]; {
		case strings.HasPrefix(op, `\in`):
			return v + " " + op
		default:
			return v + " " + op + " " + m + c
		}
	}
	phrase := func(gt bool, claim string) string {
		switch r.IntN(4) {
		case 0:
			return fmt.Sprintf("For %s, %s.", inline(bound(gt)), inline(claim))
		case 1:
			return fmt.Sprintf("When %s we have %s.", inline(bound(gt)), inline(claim))
		case 2:
			return fmt.Sprintf("On %s, %s.", inline(bound(gt)), inline(claim))
		}
		return fmt.Sprintf("Then %s for %s.", inline(claim), inline(bound(gt)))
	}
	head := "\n\n## Elsewhere\n\n"
	if kind == TeX {
		head = "\n\\section{Elsewhere}\n"
	}
	gt := r.IntN(2) == 0
	right := above
	if !gt {
		right = below
	}
	doc := fmt.Sprintf("Let %s.\n\n%s\n\n%s%s%s\n", inline(fmt.Sprintf(`p(%s) = \mathcal{N}(%s; %s, s^2)`, v, v, m)),
		phrase(gt, right), phrase(!gt, right), head, inline(right))
	return kind, doc
}

// The claim is ✓ under its bound, ✗ under the opposite one and ✗ after
// a heading, where no bound is in scope.
func TestVariableBoundProperty(t *testing.T) {
	for seed := uint64(1); seed <= 60; seed++ {
		kind, doc := boundDoc(seed)
		r := run(t, kind, doc)
		assert.Equal(t, "oxx", marks(r), "seed %d:\n%s\n%v", seed, doc, summary(r))
	}
}
