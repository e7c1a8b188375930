package expr

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A sum whose every term has a minus sign gives its sign to the product
// it is a factor of, as a person writes it, in every style; what prints
// reads back as the same value and prints again alike.
func TestNegatedSumGivesItsSign(t *testing.T) {
	env := &Env{Vals: map[string]float64{"a": 0.3, "b": -1.2, "c": 0.7, "u": 0.4, "s": 1.9}}
	for src, want := range map[string]string{
		"c - (-2*a - b)*erf(u)": "c + (2*a + b)*erf(u)",
		"(-2*a - b)*erf(u)":     "-(2*a + b)*erf(u)",
		"c + (-a - b)*u/s":      "c - (a + b)*u/s",
		"-(-a/s - log(s))":      "a/s + log(s)",
		"-(-a - b)*(c - 1)":     "(a + b)*(c - 1)",
		"-(-a - b)*(-c - 1)*u":  "-(a + b)*(c + 1)*u",
		"-(a - 1)*(c - 1)":      "-(a - 1)*(c - 1)",
		"c - (-a + b)*u":        "c - (-a + b)*u",
		"-(-a - b)^2":           "-(-a - b)^2",
	} {
		e := MustParse(src)
		got := Format(e, Plain)
		assert.Equal(t, want, got, src)
		back, err := ParseExpr(got)
		require.NoError(t, err, got)
		assert.Equal(t, got, Format(back, Plain), "%s prints again alike", got)
		x, err := Eval(e, env)
		require.NoError(t, err)
		y, err := Eval(back, env)
		require.NoError(t, err)
		assert.InDelta(t, x, y, 1e-12*math.Max(1, math.Abs(x)), src)
		for _, s := range []Style{Unicode, LaTeX} {
			assert.NotContains(t, Format(e, s), "(-2", "%s in style %d", src, s)
		}
	}
}

// The head of a product broken before its bracket keeps a sum that split
// made positive in its own bracket: -(a - 1)·(x - 1) and
// -(-a - b)·(x - 1) break as (a - 1)… and (a + b)…, never as a - 1 (…).
func TestBrokenHeadKeepsItsBracket(t *testing.T) {
	for src, want := range map[string]string{
		"-(a - 1)*(x + y - 1)":    `-(a - 1) \Bigl(`,
		"-(-a - b)*(x + y - 1)":   `(a + b) \Bigl(`,
		"-(-a - b)*(x + y - 1)/s": `\frac{a + b}{s} \Bigl(`,
	} {
		pc := Notation{}.Break(MustParse(src), LaTeX)
		assert.Equal(t, want, pc.Open, src)
	}
}
