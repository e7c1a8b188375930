package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const uniformCases = "cases(log((b2 - a2)/(b1 - a1)) if a2 <= a1 and b1 <= b2; inf otherwise)"

// TestCasesPrint: a piecewise expression prints in the input syntax as
// it is written, reads back to the same tree, and prints in Unicode
// between braces and in LaTeX as a cases environment.
func TestCasesPrint(t *testing.T) {
	e := MustParse(uniformCases)
	assert.Equal(t, "cases(log((b_2 - a_2)/(b_1 - a_1)) if a_2 <= a_1 and b_1 <= b_2; inf otherwise)", String(e))
	assert.True(t, Equal(e, MustParse(String(e))))
	assert.Equal(t, Key(e), Key(MustParse(String(e))))
	assert.Equal(t, "{ log((b₂ - a₂)/(b₁ - a₁)) if a₂ ≤ a₁ and b₁ ≤ b₂; ∞ otherwise }", Format(e, Unicode))
	assert.Equal(t, `\begin{cases}\log \frac{b_{2} - a_{2}}{b_{1} - a_{1}} & \text{if }a_{2} \leq a_{1}\text{ and }b_{1} \leq b_{2} \\ \infty & \text{otherwise}\end{cases}`, Format(e, LaTeX))
	two := MustParse("cases(x if x > 0; 0 if x > -1; -x^2 otherwise)")
	assert.True(t, Equal(two, MustParse(String(two))))
	assert.False(t, Equal(two, MustParse("cases(x if x > 0; 0 if x > -2; -x^2 otherwise)")))
	assert.NotEqual(t, Key(e), Key(MustParse("cases(log((b2 - a2)/(b1 - a1)) if a2 <= a1; inf otherwise)")))
}

// TestCasesParseErrors: a malformed piecewise expression is an error at
// its place.
// Two conditions sharing a middle term, going the same way, are set as
// a chain in Unicode and LaTeX, which a person writes and the LaTeX
// reader reads; the input syntax, which has no chains, keeps the "and".
func TestCasesChainedConditions(t *testing.T) {
	e := MustParse("cases(log(d) if 1 <= c and c < d and d <= 4 and 5 >= e; inf otherwise)")
	assert.Equal(t, "cases(log(d) if 1 <= c and c < d and d <= 4 and 5 >= e; inf otherwise)", String(e))
	assert.True(t, Equal(e, MustParse(String(e))))
	assert.Equal(t, "{ log(d) if 1 ≤ c < d ≤ 4 and 5 ≥ e; ∞ otherwise }", Format(e, Unicode))
	assert.Contains(t, Format(e, LaTeX), `\text{if }1 \leq c < d \leq 4\text{ and }5 \geq e`)
	// Going down chains too; a turn of direction does not.
	down := MustParse("cases(0 if s > a and a >= 1 and 1 <= b; inf otherwise)")
	assert.Equal(t, "{ 0 if s > a ≥ 1 and 1 ≤ b; ∞ otherwise }", Format(down, Unicode))
}

// A case may hold on an equation, c = d, where two parameters meet:
// it prints and reads back as written, and holds where the two sides
// are the same number, and not elsewhere.
func TestCasesOnEquation(t *testing.T) {
	e := MustParse("cases(log(2) if c = 3*d; inf otherwise)")
	assert.Equal(t, "cases(log(2) if c = 3*d; inf otherwise)", String(e))
	assert.True(t, Equal(e, MustParse(String(e))))
	assert.Equal(t, "{ log(2) if c = 3·d; ∞ otherwise }", Format(e, Unicode))
	assert.Equal(t, `\begin{cases}\log 2 & \text{if }c = 3 d \\ \infty & \text{otherwise}\end{cases}`, Format(e, LaTeX))
	at := func(c, d float64) float64 {
		v, err := Eval(e, &Env{Vals: map[string]float64{"c": c, "d": d}})
		require.NoError(t, err)
		return v
	}
	assert.Equal(t, math.Log(2), at(1.5, 0.5))
	assert.True(t, math.IsInf(at(1.5, 0.25), 1))
}

func TestCasesParseErrors(t *testing.T) {
	for src, want := range map[string]string{
		"cases(1 otherwise)":                 `needs at least one case with a condition before "otherwise"`,
		"cases(1 if a; 2 otherwise)":         "a condition of cases(...) is a comparison",
		"cases(1 if a < b)":                  `expected ";"`,
		"cases(1 if a < b; 2)":               `expected "if" or "otherwise"`,
		"cases(1, 2)":                        `expected "if" or "otherwise"`,
		"cases(1 if a < b < c; 2 otherwise)": "comparisons cannot be chained",
	} {
		_, err := ParseExpr(src)
		require.Error(t, err, src)
		assert.Contains(t, err.Error(), want, src)
	}
}

// TestCasesEval: the value is that of the first case whose conditions
// all hold, and a condition the error estimates cannot decide is an
// error, never a guess.
func TestCasesEval(t *testing.T) {
	e := MustParse(uniformCases)
	at := func(a1, b1, a2, b2 float64) (Value, error) {
		return EvalErr(e, &Env{Vals: map[string]float64{"a_1": a1, "b_1": b1, "a_2": a2, "b_2": b2}})
	}
	v, err := at(0, 1, -1, 2)
	require.NoError(t, err)
	assert.InDelta(t, math.Log(3), v.V, 1e-15)
	for _, pt := range [][4]float64{{0, 3, -1, 2}, {-2, 1, -1, 2}, {-2, 3, -1, 2}} {
		v, err := at(pt[0], pt[1], pt[2], pt[3])
		require.NoError(t, err)
		assert.True(t, math.IsInf(v.V, 1), "%v", pt)
	}
	// At the boundary the non-strict condition holds exactly.
	v, err = at(-1, 2, -1, 2)
	require.NoError(t, err)
	assert.Equal(t, 0.0, v.V)
	_, err = EvalErr(MustParse("cases(1 if int(x in 0..1, x) >= 1/2; 0 otherwise)"), &Env{})
	if err == nil {
		// The quadrature is exact here; an inexact side within its error
		// of the other must not be decided.
		_, err = EvalErr(MustParse("cases(1 if int(x in 0..1, exp(x)) >= e - 1; 0 otherwise)"), &Env{})
	}
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cannot be decided")
	two := MustParse("cases(x if x > 0; 0 if x > -1; -x^2 otherwise)")
	for x, want := range map[float64]float64{2: 2, -0.5: 0, -3: -9} {
		got, err := Eval(two, &Env{Vals: map[string]float64{"x": x}})
		require.NoError(t, err)
		assert.Equal(t, want, got)
		i, err := Taken(two.(*Cases), &Env{Vals: map[string]float64{"x": x}})
		require.NoError(t, err)
		assert.Equal(t, map[float64]int{2: 0, -0.5: 1, -3: 2}[x], i)
	}
}

// TestCasesCompiled: a piecewise integrand computes in a compiled loop
// what the tree walk computes, to the bit.
func TestCasesCompiled(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 9))
	for range 20 {
		env := loopEnv(t, rng)
		for _, body := range []string{
			"cases(log(x) if x > 1/2; x^2 if x < 1/4 and a > 1; 1 otherwise)",
			"cases(x if a > b; -x otherwise)",
		} {
			for _, e := range loops(MustParse(body)) {
				bothWays(t, e, env)
			}
		}
	}
}
