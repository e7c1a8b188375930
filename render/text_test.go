package render

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func text(t *testing.T, d *derive.Derivation, opt Options) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, Text(&b, d, opt))
	return b.String()
}

// The fourth line is longer than 70 runes, so its justification moves to
// the next line, still in the column.
func TestTextLayout(t *testing.T) {
	want := `KL(p ‖ q)  where p(x) = 𝒩(x; μ₁, σ₁²), q(x) = 𝒩(x; μ₂, σ₂²)
  = E_{x∼p}[log(p(x)/q(x))]                           [definition of KL divergence]
  = E_{x∼p}[log(p(x)) - log(q(x))]                    [log of a quotient]
  = E_{x∼p}[log(𝒩(x; μ₁, σ₁²)) - log(𝒩(x; μ₂, σ₂²))]  [substitute the densities]
  = E_{x∼p}[-1/2·log(2·π·σ₁²) - (x - μ₁)²/(2·σ₁²) + 1/2·log(2·π·σ₂²) + (x - μ₂)²/(2·σ₂²)]
                                                      [expand log_N & collect]
  = log(σ₂/σ₁) + (σ₁² + (μ₁ - μ₂)²)/(2·σ₂²) - 1/2     [E[x] = mu_1, 100% ~ {ok}]
result: KL(p ‖ q) = log(σ₂/σ₁) + (σ₁² + (μ₁ - μ₂)²)/(2·σ₂²) - 1/2
verified: 8 points × 5 steps, result agrees with direct integration; largest relative error 3.1e-15
`
	assert.Equal(t, want, text(t, kl(), Options{}))
}

func TestTextFine(t *testing.T) {
	want := `KL(p ‖ q)  where p(x) = 𝒩(x; μ₁, σ₁²), q(x) = 𝒩(x; μ₂, σ₂²)
  = E_{x∼p}[log(p(x)/q(x))]                               [definition of KL divergence]
  = E_{x∼p}[log(p(x)) - log(q(x))]                        [log of a quotient]
  = E_{x∼p}[log(𝒩(x; μ₁, σ₁²)) - log(𝒩(x; μ₂, σ₂²))]      [substitute the densities]
      = E_{x∼p}[log(𝒩(x; μ₁, σ₁²)) - log(q(x))]           [substitute-p]
      = E_{x∼p}[log(𝒩(x; μ₁, σ₁²)) - log(𝒩(x; μ₂, σ₂²))]  [substitute-q]
  = E_{x∼p}[-1/2·log(2·π·σ₁²) - (x - μ₁)²/(2·σ₁²) + 1/2·log(2·π·σ₂²) + (x - μ₂)²/(2·σ₂²)]
                                                          [expand log_N & collect]
      = E_{x∼p}[-1/2·log(2·π·σ₁²) - (x - μ₁)²/(2·σ₁²) + 1/2·log(2·π·σ₂²) + (x - μ₂)²/(2·σ₂²)]
                                                          [log-normal]
  = log(σ₂/σ₁) + (σ₁² + (μ₁ - μ₂)²)/(2·σ₂²) - 1/2         [E[x] = mu_1, 100% ~ {ok}]
result: KL(p ‖ q) = log(σ₂/σ₁) + (σ₁² + (μ₁ - μ₂)²)/(2·σ₂²) - 1/2
verified: 8 points × 5 steps, result agrees with direct integration; largest relative error 3.1e-15
`
	assert.Equal(t, want, text(t, kl(), Options{Fine: true}))
}

// A derivation stopped by a limit, with no givens, an untitled step, no
// direct check and a free dimension.
func TestTextBoundAndDims(t *testing.T) {
	start := expr.MustParse("H(p)")
	d := &derive.Derivation{
		Start:        start,
		Steps:        []derive.Step{{Rule: "definition-h", Before: start, After: expr.MustParse("-E(x ~ p, log(p(x)))")}},
		Bound:        "step limit 1 reached",
		Verification: derive.Verification{Points: 4, Steps: 1, MaxRelErr: 0, Dims: []int{1, 2, 3}},
	}
	want := `H(p)
  = -E_{x∼p}[log(p(x))]
stopped: step limit 1 reached
verified: 4 points × 1 step; largest relative error 0.0e+00; dimensions tried: 1, 2, 3
`
	assert.Equal(t, want, text(t, d, Options{}))
}

// A line that cannot be broken to the width is said to overrun it, in
// the output itself, and a layout that fits says nothing.
func TestTextSaysWhenALineOverruns(t *testing.T) {
	wide := func(out string, width int) int {
		n := 0
		for _, l := range strings.Split(out, "\n") {
			if utf8.RuneCountInString(l) > width {
				n++
			}
		}
		return n
	}
	narrow := text(t, kl(), Options{Width: 20})
	n := wide(narrow, 20)
	require.Greater(t, n, 1, "kl() has terms wider than 20 columns:\n%s", narrow)
	assert.Contains(t, strings.Join(strings.Fields(narrow), " "),
		fmt.Sprintf("note: %d lines are wider than 20 columns; a formula with no place to break stays whole", n))

	roomy := text(t, kl(), Options{Width: 200})
	assert.Zero(t, wide(roomy, 200))
	assert.NotContains(t, roomy, "note: ")
}
