package derive

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The moments line names the family its expectations are under, p's, and
// not the family of q, whose density is substituted but none of whose
// moments is used.
func TestMomentsTitleNamesTheExpectationsFamily(t *testing.T) {
	src := `p(x) = Laplace(x; m, b)
q(x) = Normal(x; 0, 1)
g(x) = Gamma(x; a, c)
w(x) = LogNormal(x; u, v)
derive KL(p || q), KL(q || p), H(g, w), KL(w || g), H(g)
`
	want := []string{
		"moments of the Laplace distribution",
		"Gaussian moments",
		"moments of the Gamma distribution",
		"moments of the LogNormal distribution",
		"moments of the Gamma distribution",
	}
	for i, d := range deriveAll(t, src) {
		var titles []string
		for _, s := range d.Steps {
			titles = append(titles, s.Title)
		}
		assert.Contains(t, titles, want[i], "goal %d", i)
	}
}

// So does the discrete plan's: H(Bin, Poisson) takes the Binomial's
// moments, none of the Poisson's, and KL(Geometric ‖ Poisson) the
// Geometric's.
func TestDiscreteMomentsTitleNamesTheExpectationsFamily(t *testing.T) {
	src := `r(x) = Binomial(x; 3, 1/3)
p(x) = Poisson(x; exp(a))
g(x) = Geometric(x; 1/2)
derive H(r, p), KL(g || p), H(p)
`
	want := []string{"moments of the Binomial", "moments of the Geometric", "moments of the Poisson"}
	for i, d := range deriveAll(t, src) {
		var titles []string
		for _, s := range d.Steps {
			titles = append(titles, s.Title)
		}
		assert.Contains(t, titles, want[i], "goal %d: %v", i, titles)
		for _, title := range titles {
			assert.NotContains(t, title, " and the ", "goal %d", i)
		}
	}
}
