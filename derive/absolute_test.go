package derive

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// An absolute value of any linear function of the variable, |k·x + c|
// with k a number of either sign and c free of x or absent, is a
// deviation about a point under every family that has one: |x| under a
// Gaussian or a Laplace at location 0, |1 − x| under a Beta, |2·x − 1|
// under a Uniform. Generated problems derive, verify at every step and
// agree with the direct integration of the definition (deriveGenerated:
// the result is closed, with every step verified).
func TestGeneratedAbsoluteDeviations(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	g := params{rng: rng}
	families := []func() string{
		func() string { return fmt.Sprintf("Normal(x; %s, %s)", g.real(1), g.positive(1)) },
		func() string { return fmt.Sprintf("Normal(x; 0, %s)", g.positive(1)) },
		func() string { return fmt.Sprintf("Laplace(x; %s, %s)", g.real(1), g.positive(1)) },
		func() string { return fmt.Sprintf("Laplace(x; 0, %s)", g.positive(1)) },
		func() string { return fmt.Sprintf("Exponential(x; %s)", g.positive(1)) },
		func() string { return fmt.Sprintf("Gamma(x; %s, %s)", g.positive(1), g.positive(1)) },
		func() string { return fmt.Sprintf("Beta(x; %s, %s)", g.positive(1), g.positive(1)) },
		func() string { return fmt.Sprintf("HalfNormal(x; %s)", g.positive(1)) },
		func() string { return "Uniform(x; -1, 2)" },
	}
	bodies := []string{"abs(x)", "abs(-x)", "abs(1 - x)", "abs(2*x - 1)", "abs(3*x + 1/2)", "abs(-x/2 + 1)", "abs(x - c)", "abs(c - 2*x)"}
	for i := range 48 {
		fam, body := families[i%len(families)](), bodies[rng.IntN(len(bodies))]
		src := fmt.Sprintf("assume s > 0\nassume t > 0\nassume Z > 0\np(x) = %s\nq(x) = exp(-%s)/Z\nderive H(p, q)\n", fam, body)
		deriveGenerated(t, src)
	}
}

// A Laplace against a Laplace at location 0, a constant parameter, and
// the reverse: the KL divergence needs E|x| under a Laplace of location
// m, |m| + s·e^(−|m|/s).
func TestLaplaceAgainstLocationZero(t *testing.T) {
	for _, goal := range []string{"KL(p || q)", "KL(q || p)", "H(p, q)", "H(q, p)"} {
		src := "p(x) = Laplace(x; m, s)\nq(x) = Laplace(x; 0, t)\nderive " + goal + "\n"
		deriveGenerated(t, src)
	}
}
