package derive

import (
	"os"
	"testing"
	"time"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/internal/cputime"
)

func benchmarkExample(b *testing.B, file string, verify bool) {
	src, err := os.ReadFile("../examples/" + file)
	if err != nil {
		b.Fatal(err)
	}
	p := load(b, string(src))
	opt := DefaultOptions
	opt.Verify = verify
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		for _, g := range p.File.Goals {
			if _, err := Derive(p, g, opt); err != nil {
				b.Fatal(err)
			}
		}
	}
	reportCPU(b, cpu0)
}

// reportCPU reports the processor time per operation since cpu0: on a
// shared machine it is steadier than the wall time.
func reportCPU(b *testing.B, cpu0 time.Duration) {
	b.StopTimer()
	b.ReportMetric(float64((cputime.Used()-cpu0).Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
}

// The univariate KL derivation, rules only.
func BenchmarkDeriveNormal(b *testing.B) { benchmarkExample(b, "normal.kl", false) }

// The univariate KL derivation with every step verified at 8 points.
func BenchmarkDeriveNormalVerified(b *testing.B) { benchmarkExample(b, "normal.kl", true) }

// The D-dimensional VAE term, verified in 1, 2 and 3 dimensions.
func BenchmarkDeriveDiagNormalVerified(b *testing.B) { benchmarkExample(b, "diag-normal.kl", true) }

// The multivariate Gaussian KL (seed 002), rules only.
func BenchmarkDeriveMvn(b *testing.B) { benchmarkExample(b, "mvn.kl", false) }

// The same, verified in 1, 2 and 3 dimensions.
func BenchmarkDeriveMvnVerified(b *testing.B) { benchmarkExample(b, "mvn.kl", true) }

// gammaKL is KL between two Gamma distributions, the first goal of
// examples/gamma.kl.
const gammaKL = "p(x) = Gamma(x; a1, b1)\nq(x) = Gamma(x; a2, b2)\nderive KL(p || q)\n"

func benchmarkSource(b *testing.B, src string, verify bool) {
	p := load(b, src)
	opt := DefaultOptions
	opt.Verify = verify
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		if _, err := Derive(p, p.File.Goals[0], opt); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// Gamma‖Gamma, rules only.
func BenchmarkDeriveGamma(b *testing.B) { benchmarkSource(b, gammaKL, false) }

// Gamma‖Gamma with every step verified at 8 points, by double-exponential
// quadrature over the half-line (target: under 5 ms).
func BenchmarkDeriveGammaVerified(b *testing.B) { benchmarkSource(b, gammaKL, true) }

// uniformBetaKL is a piecewise KL, finite where the Uniform lies in
// (0, 1), whose formula is taken as its limit at the ends a1 = 0 and
// b1 = 1.
const uniformBetaKL = "p(x) = Uniform(x; a1, b1)\nq(x) = Beta(x; k1, k2)\nderive KL(p || q)\n"

// Uniform‖Beta with every step verified, both cases and the limits at
// the ends.
func BenchmarkDeriveUniformBetaVerified(b *testing.B) { benchmarkSource(b, uniformBetaKL, true) }

// Uniform‖Beta, rules only (the ends are found, not checked).
func BenchmarkDeriveUniformBeta(b *testing.B) { benchmarkSource(b, uniformBetaKL, false) }

// dirichletKL is KL between two Dirichlet distributions on the K-simplex,
// the first goal of examples/dirichlet.kl.
const dirichletKL = "K: dim\nx, a, b: vector[K]\np(x) = Dirichlet(x; a)\nq(x) = Dirichlet(x; b)\nderive KL(p || q)\n"

// Dirichlet‖Dirichlet, rules only.
func BenchmarkDeriveDirichlet(b *testing.B) { benchmarkSource(b, dirichletKL, false) }

// The same with every step verified at 8 points for K = 2, 3 and 5, the
// expectations integrated against each coordinate's marginal (target:
// under 20 ms).
func BenchmarkDeriveDirichletVerified(b *testing.B) { benchmarkSource(b, dirichletKL, true) }

// categoricalKL is KL between two Categorical distributions over K
// outcomes.
const categoricalKL = "K: dim\nw, u: vector[K] simplex\np(x) = Categorical(x; w)\nq(x) = Categorical(x; u)\nderive KL(p || q)\n"

// Categorical‖Categorical verified at 8 points for K = 2, 3 and 5.
func BenchmarkDeriveCategoricalVerified(b *testing.B) { benchmarkSource(b, categoricalKL, true) }

// benchmarkVerify times the verification of a file's first goal alone:
// its lines are derived once, outside the loop.
func benchmarkVerify(b *testing.B, src string) {
	p := load(b, src)
	opt := DefaultOptions
	opt.Verify = false
	d, err := Derive(p, p.File.Goals[0], opt)
	if err != nil {
		b.Fatal(err)
	}
	lines := []expr.Expr{d.Start}
	for _, s := range d.Steps {
		lines = append(lines, s.After)
	}
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		if _, err := p.verify(lines, DefaultOptions.Points, DefaultOptions.Seed); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, cpu0)
}

// The verification of the univariate KL derivation alone.
func BenchmarkVerifyNormal(b *testing.B) {
	src, err := os.ReadFile("../examples/normal.kl")
	if err != nil {
		b.Fatal(err)
	}
	benchmarkVerify(b, string(src))
}

// The verification of the Gamma‖Gamma derivation alone.
func BenchmarkVerifyGamma(b *testing.B) { benchmarkVerify(b, gammaKL) }
