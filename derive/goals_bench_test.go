package derive

import (
	"fmt"
	"strings"
	"testing"

	"github.com/klderive/klderive/internal/cputime"
)

// goalsFile is a .kl file of n goals over their own densities, as a
// folder of notes concatenated would be: in turn a KL between two
// Gaussians, the entropy of a Gaussian, a cross-entropy, and a KL
// between two Gaussians with an assumption about a mean. Each
// goal has its own symbols, so that no two goals are alike. (Every goal
// is checked at the file's points, which honour every assumption of the
// file: a comparison such as a < b in each of many goals would leave
// few admissible points.)
func goalsFile(n int) string {
	var b strings.Builder
	for i := range n {
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "p%d(x) = Normal(x; m%d, s%d^2)\nq%d(x) = Normal(x; n%d, t%d^2)\nderive KL(p%d || q%d)\n", i, i, i, i, i, i, i, i)
		case 1:
			fmt.Fprintf(&b, "p%d(x) = Normal(x; m%d, v%d)\nderive H(p%d)\n", i, i, i, i)
		case 2:
			fmt.Fprintf(&b, "p%d(x) = Normal(x; m%d, s%d^2)\nq%d(x) = Normal(x; n%d, t%d^2)\nderive H(p%d, q%d)\n", i, i, i, i, i, i, i, i)
		case 3:
			fmt.Fprintf(&b, "p%d(x) = Normal(x; a%d, s%d^2)\nq%d(x) = Normal(x; b%d, t%d^2)\nassume a%d > 0\nderive KL(p%d || q%d)\n", i, i, i, i, i, i, i, i, i)
		}
	}
	return b.String()
}

// benchmarkGoals verifies every goal of a file of n goals and reports the
// cost per goal, which should not grow with n.
func benchmarkGoals(b *testing.B, n int) {
	p := load(b, goalsFile(n))
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		for _, g := range p.File.Goals {
			if _, err := Derive(p, g, DefaultOptions); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.StopTimer()
	goals := float64(b.N * n)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/goals/1e6, "ms/goal")
	// The processor time too: on a shared machine it is the steadier
	// figure.
	b.ReportMetric(float64((cputime.Used()-cpu0).Nanoseconds())/goals/1e6, "cpu-ms/goal")
}

func BenchmarkGoals10(b *testing.B)   { benchmarkGoals(b, 10) }
func BenchmarkGoals100(b *testing.B)  { benchmarkGoals(b, 100) }
func BenchmarkGoals1000(b *testing.B) { benchmarkGoals(b, 1000) }
