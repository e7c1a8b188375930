package main

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestCorpusMistakesAreMistakes confirms each entry of the corpus's truth
// tables by a computation of its own, independent of klderive's
// evaluator: plain float64 arithmetic and Simpson's rule on a wide
// interval. Each mistake's two sides must differ at a sample point by far
// more than the quadrature's error, which the correct closed forms bound.
func TestCorpusMistakesAreMistakes(t *testing.T) {
	m1, s1, m2, s2 := 0.3, 1.2, -0.7, 0.8 // a sample point
	p := func(x float64) float64 { return normalPDF(x, m1, s1) }
	kl := simpson(func(x float64) float64 { return p(x) * (normalLogPDF(x, m1, s1) - normalLogPDF(x, m2, s2)) }, m1)
	closed := math.Log(s2/s1) + (s1*s1+(m1-m2)*(m1-m2))/(2*s2*s2) - 0.5
	assert.InDelta(t, closed, kl, 1e-9, "the quadrature reproduces the known KL")
	far := func(a, b float64, what string) {
		t.Helper()
		assert.Greater(t, math.Abs(a-b), 1e-3, what)
	}

	// stats-se-7440-question.md 51:220: the last equality drops the -1/2.
	far(kl, math.Log(s2/s1)+(s1*s1+(m1-m2)*(m1-m2))/(2*s2*s2), "7440: the result without -1/2")

	// stats-se-60680-question.md 16:3, in one dimension (Sigma = s^2) with
	// d = 2: d/2 log(S2/S1) + 1/2 E[(x-m2)^2/S2 - (x-m1)^2/S2] is not the KL.
	d := 2.0
	attempt := simpson(func(x float64) float64 {
		return (d/2*math.Log(s2*s2/(s1*s1)) + 0.5*((x-m2)*(x-m2)/(s2*s2)-(x-m1)*(x-m1)/(s2*s2))) * p(x)
	}, m1)
	far(kl, attempt, "60680: the attempt")

	// cs-se-122082-question.md, P = N(mu, s^2) against Q = N(0, 1).
	mu, s := m1, s1
	P := func(x float64) float64 { return normalPDF(x, mu, s) }
	second := simpson(func(x float64) float64 { return x * x * P(x) }, mu)
	assert.InDelta(t, s*s+mu*mu, second, 1e-9)
	far(second, s*s-mu*mu, "122082 14:22: the second moment is not V - E^2")
	central := simpson(func(x float64) float64 { return (x - mu) * (x - mu) * P(x) }, mu)
	far(-central, s*s, "122082 15:30: -int (x-mu)^2 P is not V")
	far(s*s, -s*s, "122082 15:37: V is not -sigma^2")
	klStd := simpson(func(x float64) float64 { return P(x) * (normalLogPDF(x, mu, s) - normalLogPDF(x, 0, 1)) }, mu)
	assert.InDelta(t, -0.5*(math.Log(s*s)+1-s*s-mu*mu), klStd, 1e-9)
	far(klStd, -0.5*math.Log(s*s)-0.5+s*s/2-mu*mu/2, "122082 19:20: the result")

	// stats-se-318184-question.md 16:4, with mu_2 = 0 and sigma_2 = 1: the
	// unit-prior KL, and the line that takes sigma_1 for the variance.
	unit := simpson(func(x float64) float64 { return p(x) * (normalLogPDF(x, m1, s1) - normalLogPDF(x, 0, 1)) }, m1)
	assert.InDelta(t, -0.5*(2*math.Log(s1)-s1*s1-m1*m1+1), unit, 1e-9, "318184: the line before holds")
	far(unit, -0.5*(math.Log(s1)-s1-m1*m1+1), "318184: sigma_1 for the variance")

	// kezhi-entropy.md 6:28: the density with 2 sigma in the exponent is
	// not the Gaussian density of variance sigma^2 (unless sigma = 1).
	written := func(x float64) float64 {
		return math.Exp(-(x-mu)*(x-mu)/(2*s)) / math.Sqrt(2*math.Pi*s*s)
	}
	far(written(mu+1), P(mu+1), "kezhi: the density (1)")

	// statproofbook-gam-dent.md 14:17: the theorem's entropy of Gam(a, b),
	// rate b, has + ln b. At a = 2 the digamma is a known constant,
	// ψ(2) = 1 - γ, and the density b²x e^{-bx} is smooth at 0.
	const eulerGamma = 0.5772156649015329
	a, b := 2.0, 1.5
	gam := func(x float64) float64 {
		if x <= 0 {
			return 0
		}
		return -b * b * x * math.Exp(-b*x) * (2*math.Log(b) + math.Log(x) - b*x) // -p log p, log Γ(2) = 0
	}
	h := simpson(gam, 40)
	psi2 := 1 - eulerGamma
	assert.InDelta(t, a-math.Log(b)+(1-a)*psi2, h, 1e-5, "the quadrature reproduces the Gamma entropy")
	far(h, a+(1-a)*psi2+math.Log(b), "gam-dent 14:17: the theorem's + ln b")
}

func normalPDF(x, m, s float64) float64 { return math.Exp(normalLogPDF(x, m, s)) }

// normalLogPDF is the log-density, so that a ratio of densities far in
// the tails, where both underflow, is still a number.
func normalLogPDF(x, m, s float64) float64 {
	return -(x-m)*(x-m)/(2*s*s) - 0.5*math.Log(2*math.Pi*s*s)
}

// simpson integrates f over [c-40, c+40] (the Gaussians here are
// negligible beyond) by Simpson's rule with 20000 intervals.
func simpson(f func(float64) float64, c float64) float64 {
	const n = 20000
	a, b := c-40, c+40
	h := (b - a) / n
	sum := f(a) + f(b)
	for i := 1; i < n; i++ {
		w := 2.0
		if i%2 == 1 {
			w = 4
		}
		sum += w * f(a+float64(i)*h)
	}
	return sum * h / 3
}
