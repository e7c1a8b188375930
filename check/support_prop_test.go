package check

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A property of formula densities on a stated support: from a small
// grammar of densities (a formula, its support, its parameters' domain,
// its entropy) and of the ways a document states the support and the
// domain, with parameter names drawn afresh, the entropy is ✓ and the
// entropy off by a half, or with a term's sign flipped, is ✗.

// supportCase is one density of the grammar, written with the names
// {a} and {b} of its parameters.
type supportCase struct {
	formula  string
	lo, hi   string // "" for an infinite end
	domain   []string
	entropy  string
	flipped  string // the entropy with one term's sign flipped
	twoNames bool
}

var supportCases = []supportCase{
	{formula: `{a} e^{-{a} x}`, lo: "0", domain: []string{`{a} > 0`}, entropy: `1 - \log {a}`, flipped: `1 + \log {a}`},
	{formula: `\frac{1}{{b} - {a}}`, lo: "{a}", hi: "{b}", domain: []string{`{a} < {b}`}, entropy: `\log({b} - {a})`, flipped: `-\log({b} - {a})`, twoNames: true},
	{formula: `\frac{x^{{a}-1}(1-x)^{{b}-1}}{\mathrm{B}({a},{b})}`, lo: "0", hi: "1", domain: []string{`{a} > 0`, `{b} > 0`},
		entropy: `\ln \mathrm{B}({a},{b}) - ({a}-1)\psi({a}) - ({b}-1)\psi({b}) + ({a}+{b}-2)\psi({a}+{b})`,
		flipped: `\ln \mathrm{B}({a},{b}) + ({a}-1)\psi({a}) - ({b}-1)\psi({b}) + ({a}+{b}-2)\psi({a}+{b})`, twoNames: true},
	{formula: `\frac{{b}^{a}}{\Gamma({a})} x^{{a}-1} e^{-{b} x}`, lo: "0", domain: []string{`{a} > 0`, `{b} > 0`},
		entropy: `{a} - \ln {b} + \ln\Gamma({a}) + (1 - {a})\psi({a})`, flipped: `{a} + \ln {b} + \ln\Gamma({a}) + (1 - {a})\psi({a})`, twoNames: true},
	{formula: `\frac{\sqrt{2}}{{a}\sqrt{\pi}} \exp\left(-\frac{x^2}{2{a}^2}\right)`, lo: "0", domain: []string{`{a} > 0`},
		entropy: `\frac{1}{2}\ln\frac{\pi {a}^2}{2} + \frac{1}{2}`, flipped: `-\frac{1}{2}\ln\frac{\pi {a}^2}{2} + \frac{1}{2}`},
}

var paramNames = []string{`\lambda`, `\alpha`, `\beta`, `\theta`, `k`, `s`, `c`, `\nu`}

// supportText states a support in one of the ways documents do; the
// definition's math is def, and the result opens the document.
func supportText(r *rand.Rand, def, lo, hi string) string {
	var conds, interval string
	switch {
	case hi == "":
		conds = []string{`x \ge ` + lo, `x > ` + lo, lo + ` \le x`, lo + ` < x`}[r.IntN(4)]
		interval = `x \in [` + lo + `, \infty)`
	default:
		conds = []string{lo + ` < x < ` + hi, lo + ` \le x \le ` + hi}[r.IntN(2)]
		interval = `x \in [` + lo + `, ` + hi + `]`
	}
	switch r.IntN(6) {
	case 0:
		return "Let $" + def + "$ for $" + conds + "$."
	case 1:
		return "$$\n" + def + ", \\quad " + conds + "\n$$"
	case 2:
		return "$$\n" + def + " \\qquad \\text{for } " + conds + "\n$$"
	case 3:
		return "Let $" + def + "$ for all $" + interval + "$."
	case 4:
		cond := strings.ReplaceAll(conds, `\le`, `\leq`)
		return "$$\n" + def + ` \mathbb{1}[` + cond + "]\n$$"
	default:
		name, formula, _ := strings.Cut(def, " = ")
		return "$$\n" + name + ` = \begin{cases} ` + formula + ` & ` + conds + ` \\ 0 & \text{otherwise} \end{cases}` + "\n$$"
	}
}

func TestFormulaSupportsProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for n := range 30 {
		c := supportCases[n%len(supportCases)]
		perm := r.Perm(len(paramNames))
		a, b := paramNames[perm[0]], paramNames[perm[1]]
		fill := func(s string) string {
			return strings.NewReplacer("{a}", a, "{b}", b).Replace(s)
		}
		density := []string{"p", "f", "q", "g"}[r.IntN(4)]
		def := density + "(x) = " + fill(c.formula)
		var doc strings.Builder
		doc.WriteString(supportText(r, def, fill(c.lo), fill(c.hi)) + "\n")
		var domain []string
		for _, d := range c.domain {
			domain = append(domain, "$"+fill(d)+"$")
		}
		fmt.Fprintf(&doc, "%s %s.\n\n", []string{"Here, where", "This holds for", "We work with"}[r.IntN(3)], strings.Join(domain, " and "))
		h := `h(` + density + `)`
		fmt.Fprintf(&doc, "$$\n%s = %s\n$$\n\n$$\n%s = %s + \\frac{1}{2}\n$$\n\n$$\n%s = %s\n$$\n", h, fill(c.entropy), h, fill(c.entropy), h, fill(c.flipped))
		rep := run(t, Markdown, doc.String())
		require.Len(t, rep.Links, 3, "%s\n%v", doc.String(), summary(rep))
		assert.Equal(t, OK, rep.Links[0].Status, "%s\n%v", doc.String(), summary(rep))
		assert.Equal(t, Wrong, rep.Links[1].Status, "%s\n%v", doc.String(), summary(rep))
		assert.Equal(t, Wrong, rep.Links[2].Status, "%s\n%v", doc.String(), summary(rep))
	}
}
