package check

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// scopeDoc generates a document of parts, each under a condition
// lo < s < hi on one symbol s (an identity's variable, or a parameter of
// the context) with intervals that do not overlap, and a claim
// |s - lo| + |s - hi| + s = s + hi - lo that holds exactly on its own part's
// interval. The parts are sections, LaTeX paragraphs, items of a list or
// cases one after another in one section, at random.
type scopeDoc struct {
	r      *rand.Rand
	kind   Kind
	sym    string
	param  bool
	parts  [][2]float64 // the interval of each part
	style  string       // how parts are separated
	intros []int        // the wording of each part's condition
}

func newScopeDoc(seed uint64) *scopeDoc {
	r := rand.New(rand.NewPCG(seed, 0x5c09e))
	d := &scopeDoc{r: r, kind: Markdown}
	if r.IntN(2) == 0 {
		d.kind = TeX
	}
	d.param = r.IntN(3) == 0
	if d.param {
		d.sym = []string{"a", "m", `\mu`}[r.IntN(3)]
	} else {
		d.sym = []string{"t", "u", "w", "z_1", `\theta`}[r.IntN(5)]
	}
	k := 2 + r.IntN(3)
	width := 3.0 / float64(k)
	for _, i := range r.Perm(k) {
		lo := -1.5 + width*float64(i)
		d.parts = append(d.parts, [2]float64{lo, lo + width})
	}
	styles := map[Kind][]string{Markdown: {"heading", "subheading", "cases", "list"}, TeX: {"section", "subsection", "paragraph", "cases", "itemize"}}[d.kind]
	d.style = styles[r.IntN(len(styles))]
	for range d.parts {
		d.intros = append(d.intros, r.IntN(6))
	}
	return d
}

// num writes a number as a document does: 0.75, -1.5, 0.
func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// minus writes s - v as a document does: s + 0.75 for v = -0.75.
func minus(s string, v float64) string {
	switch {
	case v == 0:
		return s
	case v < 0:
		return s + " + " + num(-v)
	}
	return s + " - " + num(v)
}

// claim is the claim true on the interval of part i, in the symbol s.
func (d *scopeDoc) claim(i int) string {
	lo, hi := d.parts[i][0], d.parts[i][1]
	// The symbol on both sides: an identity's variable is one free on
	// both.
	return fmt.Sprintf(`\sqrt{(%s)^2} + \sqrt{(%s)^2} + %s = %s + %s`, minus(d.sym, lo), minus(d.sym, hi), d.sym, d.sym, num(hi-lo))
}

// text writes the document with claims[i] in part i.
func (d *scopeDoc) text(claims []string) string {
	var b strings.Builder
	if d.param {
		fmt.Fprintf(&b, "Let $X \\sim \\mathcal{N}(%s, s^2)$.\n\n", d.sym)
	}
	list := d.style == "list" || d.style == "itemize"
	if d.style == "itemize" {
		b.WriteString("\\begin{itemize}\n")
	}
	for i, iv := range d.parts {
		cond := fmt.Sprintf("%s < %s < %s", num(iv[0]), d.sym, num(iv[1]))
		switch d.style {
		case "heading":
			fmt.Fprintf(&b, "## Part %d\n\n", i+1)
		case "subheading":
			fmt.Fprintf(&b, "%s Part %d\n\n", strings.Repeat("#", 2+d.r.IntN(3)), i+1)
		case "section":
			fmt.Fprintf(&b, "\\section{Part %d}\n", i+1)
		case "subsection":
			fmt.Fprintf(&b, "\\subsection{Part %d}\n", i+1)
		case "paragraph":
			fmt.Fprintf(&b, "\\paragraph{Part %d.}\n", i+1)
		case "list":
			b.WriteString("- ")
		case "itemize":
			b.WriteString("\\item ")
		}
		if list {
			// A list states its claims inline.
			word := []string{"For", "If", "When", "Suppose", "Assume", "Case"}[d.intros[i]]
			if word == "Case" {
				word = fmt.Sprintf("Case %d:", i+1)
			}
			fmt.Fprintf(&b, "%s $%s$, then $%s$.\n", word, cond, claims[i])
			continue
		}
		display := "$$" + claims[i] + "$$"
		if d.kind == TeX {
			display = `\[ ` + claims[i] + ` \]`
		}
		switch d.intros[i] {
		case 0:
			fmt.Fprintf(&b, "For $%s$ we have\n%s\n", cond, display)
		case 1:
			fmt.Fprintf(&b, "If $%s$, then\n%s\n", cond, display)
		case 2:
			fmt.Fprintf(&b, "When $%s$,\n%s\n", cond, display)
		case 3:
			fmt.Fprintf(&b, "Suppose $%s$. Then\n%s\n", cond, display)
		case 4:
			fmt.Fprintf(&b, "Case %d: $%s$. Then\n%s\n", i+1, cond, display)
		default:
			fmt.Fprintf(&b, "We have\n%s\nwhere $%s$.\n", display, cond)
		}
		b.WriteString("\n")
	}
	if d.style == "itemize" {
		b.WriteString("\\end{itemize}\n")
	}
	return b.String()
}

// Each part's claim is ✓ under its own condition, and ✗ when it is moved
// to a neighbouring part, under that part's condition: a condition
// reaches no further than its own part, and a new case replaces it.
func TestScopeProperty(t *testing.T) {
	for seed := uint64(1); seed <= 80; seed++ {
		d := newScopeDoc(seed)
		own := make([]string, len(d.parts))
		for i := range d.parts {
			own[i] = d.claim(i)
		}
		doc := d.text(own)
		r := run(t, d.kind, doc)
		assert.Equal(t, strings.Repeat("o", len(d.parts)), marks(r), "seed %d (%s):\n%s\n%v", seed, d.style, doc, summary(r))

		moved := append([]string(nil), own...)
		i := d.r.IntN(len(d.parts))
		j := i + 1
		if j == len(d.parts) || i > 0 && d.r.IntN(2) == 0 {
			j = i - 1
		}
		moved[i] = own[j]
		want := []byte(strings.Repeat("o", len(d.parts)))
		want[i] = 'x'
		doc = d.text(moved)
		r = run(t, d.kind, doc)
		assert.Equal(t, string(want), marks(r), "seed %d (%s), part %d holds part %d's claim:\n%s\n%v", seed, d.style, i+1, j+1, doc, summary(r))
	}
}
