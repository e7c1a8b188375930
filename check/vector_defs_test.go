package check

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// statuses checks a Markdown document with no context but its own and
// returns the status of each link, in order, with the reasons for a
// failing assertion's message.
func statuses(t *testing.T, doc string, givens ...string) ([]Status, string) {
	t.Helper()
	r := run(t, Markdown, doc, givens...)
	var out []Status
	var why []string
	for _, l := range r.Links {
		out = append(out, l.Status)
		why = append(why, l.LHS+" "+l.Op+" "+l.RHS+": "+string(l.Status)+" "+l.Reason)
	}
	for _, g := range r.Context {
		why = append(why, "context: "+g.Stmt)
	}
	return out, strings.Join(append(why, r.Notes...), "\n")
}

// A Categorical or a Dirichlet defined in the document's own math gives
// the context: the vector parameter is declared in the dimension the
// sums run to, on the simplex for a Categorical. Hand derivations with
// other names and planted mistakes: each correct link passes and each
// mistake is caught.
func TestVectorFamilyDefinitions(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		want      []Status
	}{
		{"Categorical KL, entropy and cross-entropy, with π", `Let $p = \mathrm{Cat}(\pi)$ and $q = \mathrm{Cat}(\rho)$.

$$D_{KL}(p \| q) = \sum_{k=1}^{K} \pi_k \log \frac{\pi_k}{\rho_k}$$

$$D_{KL}(p \| q) = \sum_{k=1}^{K} \rho_k \log \frac{\rho_k}{\pi_k}$$

$$H(p) = -\sum_{k=1}^{K} \pi_k \log \pi_k$$

$$H(p, q) = -\sum_{k=1}^{K} \rho_k \log \pi_k$$

$$\sum_{k=1}^{K} \pi_k = 1$$
`, []Status{OK, Wrong, OK, Wrong, OK}},
		{"Categorical of y over n outcomes", `The encoder is $r(y) = \operatorname{Categorical}(y; \theta)$ and the prior $s(y) = \operatorname{Categorical}(y; \omega)$, over $n$ classes:

$$\mathbb{E}_{y \sim r}[\log \theta_y - \log \omega_y] = \sum_{j=1}^{n} \theta_j (\log \theta_j - \log \omega_j)$$

$$\mathrm{KL}(r \| s) = \sum_{j=1}^{n} \theta_j \log \omega_j - \sum_{j=1}^{n} \theta_j \log \theta_j$$
`, []Status{OK, Wrong}},
		{"Dirichlet moments, coordinates written x_k and x_1", `Let $x \sim \mathrm{Dir}(\alpha)$, with $\alpha_0 = \sum_k \alpha_k$.

$$\mathbb E[\log x_k] = \psi(\alpha_k) - \psi(\alpha_0)$$

$$\mathbb E[\log x_k] = \psi(\alpha_1) - \psi(\alpha_0)$$

$$\mathbb E[x_{k}] = \frac{\alpha_k}{\alpha_0}$$

$$\mathbb E[x_1] = \frac{\alpha_1}{\alpha_0 - \alpha_1}$$

$$\mathbb E[\log x_1] = \psi(\alpha_1) - \psi(\alpha_0)$$
`, []Status{OK, Wrong, OK, Wrong, OK}},
		{"Dirichlet cross-entropy in j", `$$p(x) = \mathrm{Dirichlet}(x; a), \quad q(x) = \mathrm{Dirichlet}(x; b)$$

$$H(p, q) = -\log \Gamma\left(\sum_{j=1}^{K} b_j\right) + \sum_{j=1}^{K} \log \Gamma(b_j) - \sum_{j=1}^{K} (b_j - 1) \left(\psi(a_j) - \psi\left(\sum_{i=1}^{K} a_i\right)\right)$$

$$H(p, q) = -\log \Gamma\left(\sum_{j=1}^{K} b_j\right) + \sum_{j=1}^{K} \log \Gamma(b_j) - \sum_{j=1}^{K} (b_j - 1) \left(\psi(a_j) - \psi\left(\sum_{i=1}^{K} b_i\right)\right)$$
`, []Status{OK, Wrong}},
		{"Categorical as a product with an Iverson bracket", `Let $q(y) = \prod_{k=1}^{K} \pi_k^{[y=k]}$ and $r(y) = \prod_k \rho_k^{\mathbb{1}(y = k)}$.

$$\mathbb E_{y \sim q}[\log q(y)] = \sum_{k=1}^K \pi_k \log \pi_k$$

$$D_{KL}(q \| r) = \sum_{k=1}^K \pi_k \log \frac{\rho_k}{\pi_k}$$

$$\mathbb E_{y \sim r}[y] = \sum_{k=1}^{K} k \rho_k$$
`, []Status{OK, Wrong, OK}},
		{"Categorical and Dirichlet in words", `Suppose $p$ is a Categorical distribution with probabilities $\pi$ and $q$ is a categorical with weights $\rho$,
over $n$ classes, and $z$ follows a Dirichlet distribution with concentration parameters $\alpha$.

$$D_{KL}(p \| q) = \sum_{j=1}^{n} \pi_j \log \frac{\pi_j}{\rho_j}$$

$$\mathbb E_{z \sim Z}[\log z_j] = \psi(\alpha_j) - \psi\left(\sum_{i=1}^{n} \alpha_i\right)$$

$$\mathbb E_{z \sim Z}[z_1] = \alpha_2$$
`, []Status{OK, OK, Wrong}},
		{"Bernoulli and Poisson by hand", `Let $x \sim \mathrm{Bern}(\theta)$ and $n \sim \mathrm{Poisson}(\lambda)$.

$$\mathbb E_{x \sim X}[x^2] = \theta$$

$$\mathbb E_{x \sim X}[(1 - x)^2] = \theta$$

$$\mathbb E_{n \sim N}[n(n - 1)] = \lambda^2$$

$$\mathbb E_{n \sim N}[n^2] = \lambda^2$$
`, []Status{OK, Wrong, OK, Wrong}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, why := statuses(t, c.doc)
			assert.Equal(t, c.want, got, why)
		})
	}
}

// π is read as the document uses it: the constant in \log 2\pi, the
// parameter in \mathrm{Cat}(\pi) and its coordinates \pi_k, and the
// parameter wherever it stands bare when a scalar family takes it
// (\mathrm{Bern}(\pi)). Each statement here is false under the other
// reading, so a wrong reading fails the test.
func TestPiReadings(t *testing.T) {
	for _, c := range []struct {
		name, doc string
		want      []Status
	}{
		{"Cat(π): coordinates are the parameter, bare π the constant", `A mixture with weights $z \sim \mathrm{Cat}(\pi)$ and Gaussian components.

$$\pi_1 + \pi_2 \leq 1$$

$$\pi > 3$$

$$\log 2\pi = \log 2 + \log \pi$$

$$(2\pi)^{-1/2} > \frac{1}{3}$$

$$\sum_k \pi_k = \pi$$
`, []Status{OK, OK, OK, OK, Wrong}},
		{"Bern(π): π is the parameter throughout", `Let $p = \mathrm{Bern}(\pi)$ hold.

$$\log \pi < 0$$

$$\mathbb E_{x \sim p}[x] = \pi$$

$$H(p) = -\pi \log \pi - (1 - \pi) \log (1 - \pi)$$

$$H(p) = -\pi \log \pi + (1 - \pi) \log (1 - \pi)$$
`, []Status{OK, OK, OK, Wrong}},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, why := statuses(t, c.doc)
			assert.Equal(t, c.want, got, why)
		})
	}
	// The vector π written as a vector is not the constant: never a
	// verdict on -π^T log π, which is H(p) under the vector reading.
	got, why := statuses(t, "Let $p = \\mathrm{Cat}(\\pi)$.\n\n$$H(p) = -\\pi^\\top \\log \\pi$$\n")
	assert.Equal(t, []Status{Unchecked}, got, why)
	// Without a vector π, \pi_k has no meaning: never a verdict.
	got, why = statuses(t, "$$\\sum_{k=1}^{3} \\pi_k = 1$$\n", gauss...)
	assert.Equal(t, []Status{Unchecked}, got, why)
	assert.Contains(t, why, "constant")
}

// The context shows what a definition of a vector family declares.
func TestVectorFamilyDeclarations(t *testing.T) {
	r := run(t, Markdown, "Let $p = \\mathrm{Cat}(\\pi)$.\n\n$$H(p) = -\\sum_{i=1}^{m} \\pi_i \\log \\pi_i$$\n")
	var stmts []string
	for _, g := range r.Context {
		stmts = append(stmts, g.Stmt)
	}
	assert.Equal(t, []string{"m: dim", "𝛑: vector[m] simplex", "p(x) = Categorical(x; 𝛑)"}, stmts)
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	// A dimension already declared is the one used.
	r = run(t, Markdown, "$$q(x) = \\mathrm{Dir}(x; \\beta)$$\n\n$$\\mathbb E_{x \\sim q}[\\log x_2] = \\psi(\\beta_2) - \\psi\\left(\\sum_{j=1}^{D} \\beta_j\\right)$$\n", "D: dim")
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
}

// Only the vectors of a Categorical or a Dirichlet have coordinates
// written with a bare subscript: beside a Gaussian's mean vector μ, μ_1
// and μ_p are names the context does not know, never read as μ[1].
func TestCoordinatesOnlyOfVectorFamilies(t *testing.T) {
	mvn := []string{"k: dim", "x, mu: vector[k]", "S: matrix[k,k] spd", "p(x) = MvNormal(x; mu, S)"}
	for _, tex := range []string{`\mu_1 + \mu_2 = \mu_2 + \mu_1`, `\mu_p^\top \mu_p \geq 0`} {
		l := verdict(t, tex, mvn...)
		assert.Equal(t, Unchecked, l.Status, "%s: %s", tex, l.Reason)
	}
	l := verdict(t, `\mathbb E_{x \sim p}[\log x_2] = \psi(a_2) - \psi\left(\sum_{j=1}^{K} a_j\right)`, "K: dim", "x, a: vector[K]", "p(x) = Dirichlet(x; a)")
	assert.Equal(t, OK, l.Status, l.Reason)
}

// x \sim \mathrm{Bern}(\theta) beside a stated density of x restates it:
// no second density makes an expectation without one ambiguous.
func TestVariableDefinitionRestated(t *testing.T) {
	r := run(t, Markdown, "Let $x \\sim \\mathrm{Bern}(\\theta)$.\n\n$$\\mathbb E[x] = \\theta$$\n", "p(x) = Bernoulli(x; theta)")
	require.Len(t, r.Links, 1)
	assert.Equal(t, OK, r.Links[0].Status, r.Links[0].Reason)
	assert.Len(t, r.Context, 1)
}
