package check

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Generated Categorical and Dirichlet derivations: the names of the
// parameters, of the variable, of the index and of the dimension, the
// way the density is defined (in prose math, with or without its
// variable, as an Iverson product) and the direction are drawn at random.
// A correct identity must pass, and the same with one planted mistake
// (a swap of the two densities, a sign, a wrong coordinate) must fail.
func TestGeneratedVectorFamilyDerivations(t *testing.T) {
	params := []string{`\pi`, `\theta`, `\rho`, `\eta`, `\omega`, `w`, `u`, `\phi`}
	letters := []string{"x", "y", "c"}
	indices := []string{"k", "j", "i"}
	dims := []string{"K", "n", "m", "D"}
	for seed := uint64(1); seed <= 40; seed++ {
		r := rand.New(rand.NewPCG(seed, 10))
		perm := r.Perm(len(params))
		a, b := params[perm[0]], params[perm[1]]
		v, i, d := letters[r.IntN(len(letters))], indices[r.IntN(len(indices))], dims[r.IntN(len(dims))]
		define := func(name, w string) string {
			switch r.IntN(3) {
			case 0:
				return fmt.Sprintf(`$%s = \mathrm{Cat}(%s)$`, name, w)
			case 1:
				return fmt.Sprintf(`$%s(%s) = \operatorname{Categorical}(%s; %s)$`, name, v, v, w)
			}
			return fmt.Sprintf(`$%s(%s) = \prod_{%s=1}^{%s} %s_%s^{[%s=%s]}$`, name, v, i, d, w, i, v, i)
		}
		sum := func(body string) string { return fmt.Sprintf(`\sum_{%s=1}^{%s} %s`, i, d, body) }
		co := func(w string) string { return w + "_" + i }
		// KL(P || Q) for P of parameter s and Q of parameter t.
		kl := func(s, t string) string { return sum(co(s) + ` \log \frac{` + co(s) + `}{` + co(t) + `}`) }
		p, q := "p", "q"
		if r.IntN(2) == 0 {
			p, q = "q", "p" // the other direction
		}
		doc := "Let " + define("p", a) + " and " + define("q", b) + ".\n\n"
		links := []struct {
			tex  string
			want Status
		}{
			{fmt.Sprintf(`D_{KL}(%s \| %s) = %s`, p, q, kl(map[string]string{"p": a, "q": b}[p], map[string]string{"p": a, "q": b}[q])), OK},
			{fmt.Sprintf(`D_{KL}(%s \| %s) = %s`, p, q, kl(map[string]string{"p": a, "q": b}[q], map[string]string{"p": a, "q": b}[p])), Wrong},
			{fmt.Sprintf(`H(p, q) = -%s`, sum(co(a)+` \log `+co(b))), OK},
			{fmt.Sprintf(`H(p, q) = %s`, sum(co(a)+` \log `+co(b))), Wrong},
			{fmt.Sprintf(`\mathbb E_{%s \sim q}[%s] = %s`, v, v, sum(i+" "+co(b))), OK},
			{fmt.Sprintf(`\mathbb E_{%s \sim q}[%s] = %s`, v, v, sum(i+" "+co(a))), Wrong},
		}
		for _, l := range links {
			doc += "$$\n" + l.tex + "\n$$\n\n"
		}
		got, why := statuses(t, doc)
		var want []Status
		for _, l := range links {
			want = append(want, l.want)
		}
		assert.Equal(t, want, got, "seed %d\n%s\n%s", seed, doc, why)
	}
}

// Generated Dirichlet moments: E[log x_k] and E[x_k] with a free index
// or a fixed coordinate, under other names; the planted mistake is the
// coordinate of the concentrations, which only a check at every
// coordinate catches.
func TestGeneratedDirichletMoments(t *testing.T) {
	conc := []string{`\alpha`, `\beta`, `a`, `\gamma`, `\kappa`}
	vars := []string{"x", "z", "s"}
	for seed := uint64(1); seed <= 30; seed++ {
		r := rand.New(rand.NewPCG(seed, 11))
		al, x := conc[r.IntN(len(conc))], vars[r.IntN(len(vars))]
		k := []string{"k", "j", "1", "2"}[r.IntN(4)]
		other := map[string]string{"k": "1", "j": "2", "1": "2", "2": "1"}[k]
		total := fmt.Sprintf(`\sum_{i=1}^{K} %s_i`, al)
		def := fmt.Sprintf(`$%s \sim \mathrm{Dir}(%s)$`, x, al)
		if r.IntN(2) == 0 {
			def = fmt.Sprintf(`$p(%s) = \mathrm{Dirichlet}(%s; %s)$`, x, x, al)
		}
		sub := func(n, s string) string {
			if len(s) > 1 || strings.ContainsAny(s, "0123456789") {
				return n + "_{" + s + "}"
			}
			return n + "_" + s
		}
		doc := "Let " + def + ".\n\n" +
			fmt.Sprintf("$$\n\\mathbb E[\\log %s] = \\psi(%s) - \\psi\\left(%s\\right)\n$$\n\n", sub(x, k), sub(al, k), total) +
			fmt.Sprintf("$$\n\\mathbb E[\\log %s] = \\psi(%s) - \\psi\\left(%s\\right)\n$$\n\n", sub(x, k), sub(al, other), total) +
			fmt.Sprintf("$$\n\\mathbb E[%s] = \\frac{%s}{%s}\n$$\n\n", sub(x, k), sub(al, k), total) +
			fmt.Sprintf("$$\n\\mathbb E[%s] = \\frac{%s}{%s}\n$$\n", sub(x, k), sub(al, other), total)
		got, why := statuses(t, doc)
		assert.Equal(t, []Status{OK, Wrong, OK, Wrong}, got, "seed %d\n%s\n%s", seed, doc, why)
	}
}
