package main

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// genProblem writes a problem of two scalar continuous families with
// parameters that are names, numbers and compound forms, and one goal.
func genProblem(rng *rand.Rand) string {
	pick := func(xs []string) string { return xs[rng.IntN(len(xs))] }
	pos := []string{"s", "exp(c)", "2*s", "s + 1", "s^2", "1/2", "3", "t*s"}
	real := []string{"m", "-m", "m - 1", "2*m + c", "0", "c"}
	fams := []func() string{
		func() string { return "Normal(x; " + pick(real) + ", " + pick(pos) + ")" },
		func() string { return "Gamma(x; " + pick(pos) + ", " + pick(pos) + ")" },
		func() string { return "Exponential(x; " + pick(pos) + ")" },
		func() string { return "Beta(x; " + pick(pos) + ", " + pick(pos) + ")" },
		func() string { return "Laplace(x; " + pick(real) + ", " + pick(pos) + ")" },
		func() string { return "LogNormal(x; " + pick(real) + ", " + pick(pos) + ")" },
		func() string { return "HalfNormal(x; " + pick(pos) + ")" },
		func() string {
			return pick([]string{"Uniform(x; 0, 1)", "Uniform(x; a, a + 1)", "Uniform(x; 0, s)", "Uniform(x; 1, s + 1)"})
		},
	}
	goal := pick([]string{"KL(p || q)", "KL(q || p)", "H(p)", "H(p, q)"})
	return fmt.Sprintf("assume s > 0\nassume t > 0\np(x) = %s\nq(x) = %s\nderive %s\n", fams[rng.IntN(len(fams))](), fams[rng.IntN(len(fams))](), goal)
}

// Derivations of generated cross-family problems, in Markdown and in
// standalone LaTeX, are read back by klderive check with no wrong and
// no unchecked link and no --given: the renderer writes nothing the
// checker misreads (a verdict's "cases taken: $m - 1 \le 0$" was read
// as a claim), beyond the goldens' shapes.
func TestCheckReadsGeneratedDerivations(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 3))
	// A piecewise term, whose verdict says which case each point took.
	srcs := []string{"assume s > 0\nassume t > 0\np(x) = Laplace(x; m - 1, t*s)\nq(x) = LogNormal(x; c, 1/2)\nderive KL(q || p)\n"}
	for range 24 {
		srcs = append(srcs, genProblem(rng))
	}
	for i, src := range srcs {
		for _, format := range []string{"markdown", "latex"} {
			args := []string{"derive", "-", "--format", format}
			name := "derivation.md"
			if format == "latex" {
				args, name = append(args, "--standalone"), "derivation.tex"
			}
			// Every pair derives in every form (derive/pairs_test.go).
			code, doc, stderr := runCLI(t, src, args...)
			require.Equal(t, 0, code, "%d: %s\n%s", i, src, stderr)
			code, out, stderr := runCLI(t, doc, "check", "-", "--stdin-name", name, "--format", "json")
			require.Equal(t, 0, code, "%s\n%s\n%s", src, stderr, out)
			r := decodeReport(t, out)
			assert.Zero(t, r.Summary.Wrong, "%s (%s)\n%s", src, format, out)
			assert.Zero(t, r.Summary.Unchecked, "%s (%s)\n%s", src, format, out)
			assert.True(t, strings.Contains(doc, "Verified") || strings.Contains(doc, "verified"), src)
		}
	}
}
