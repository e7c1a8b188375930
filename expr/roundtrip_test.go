package expr

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// randomExpr builds a scalar expression of about the given depth from
// rationals large and small, symbols, the arithmetic operators, powers
// with negative and fractional exponents, and the elementary functions.
func randomExpr(rng *rand.Rand, depth int) Expr {
	if depth == 0 || rng.IntN(5) == 0 {
		switch rng.IntN(4) {
		case 0:
			n := big.NewRat(int64(rng.IntN(21)-10), int64(1+rng.IntN(12)))
			if rng.IntN(6) == 0 {
				n.Mul(n, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(rng.IntN(41))), nil)))
			}
			return &Num{Val: n}
		default:
			return S([]string{"x", "y", "A", "sigma_1", "mu_p", "e", "pi"}[rng.IntN(7)])
		}
	}
	a := func() Expr { return randomExpr(rng, depth-1) }
	switch rng.IntN(9) {
	case 0, 1:
		return Sum(a(), a(), a())
	case 2:
		return Sub(a(), a())
	case 3, 4:
		return Prod(a(), a())
	case 5:
		return Quo(a(), a())
	case 6:
		return Neg(a())
	case 7:
		exp := []Expr{N(2), N(-1), N(-2), R(1, 2), R(-3, 2), N(1000), S("y")}[rng.IntN(7)]
		return Power(a(), exp)
	}
	return Fn([]string{"log", "exp", "sqrt", "abs"}[rng.IntN(4)], a())
}

// Printing is stable under reading back, in the input syntax and in
// LaTeX: what a printed expression reads as prints the same again.
func TestPrintIsStableUnderReparsing(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for range 3000 {
		g := randomExpr(rng, 4)
		e, err := ParseExpr(String(g))
		if err != nil {
			require.Contains(t, err.Error(), "division by zero", String(g))
			continue
		}
		printed := String(e)
		again, err := ParseExpr(printed)
		require.NoError(t, err, printed)
		require.Equal(t, printed, String(again), "from %s", String(g))

		y, err := ParseLaTeX(Format(e, LaTeX), texOpt)
		require.NoError(t, err, Format(e, LaTeX))
		tex := Format(y, LaTeX)
		z, err := ParseLaTeX(tex, texOpt)
		require.NoError(t, err, tex)
		require.Equal(t, tex, Format(z, LaTeX), "from %s", printed)
	}
}
