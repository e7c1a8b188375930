package latex

import (
	"github.com/klderive/klderive/expr"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// randomExpr builds a scalar expression of about the given depth from
// rationals large and small, symbols, the arithmetic operators, powers
// with negative and fractional exponents, and the elementary functions.
func randomExpr(rng *rand.Rand, depth int) expr.Expr {
	if depth == 0 || rng.IntN(5) == 0 {
		switch rng.IntN(4) {
		case 0:
			n := big.NewRat(int64(rng.IntN(21)-10), int64(1+rng.IntN(12)))
			if rng.IntN(6) == 0 {
				n.Mul(n, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(rng.IntN(41))), nil)))
			}
			return &expr.Num{Val: n}
		default:
			return expr.S([]string{"x", "y", "A", "sigma_1", "mu_p", "e", "pi"}[rng.IntN(7)])
		}
	}
	a := func() expr.Expr { return randomExpr(rng, depth-1) }
	switch rng.IntN(9) {
	case 0, 1:
		return expr.Sum(a(), a(), a())
	case 2:
		return expr.Sub(a(), a())
	case 3, 4:
		return expr.Prod(a(), a())
	case 5:
		return expr.Quo(a(), a())
	case 6:
		return expr.Neg(a())
	case 7:
		exp := []expr.Expr{expr.N(2), expr.N(-1), expr.N(-2), expr.R(1, 2), expr.R(-3, 2), expr.N(1000), expr.S("y")}[rng.IntN(7)]
		return expr.Power(a(), exp)
	}
	return expr.Fn([]string{"log", "exp", "sqrt", "abs"}[rng.IntN(4)], a())
}

// Printing is stable under reading back, in the input syntax and in
// LaTeX: what a printed expression reads as prints the same again.
func TestPrintIsStableUnderReparsing(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for range 3000 {
		g := randomExpr(rng, 4)
		e, err := expr.ParseExpr(expr.String(g))
		if err != nil {
			require.Contains(t, err.Error(), "division by zero", expr.String(g))
			continue
		}
		printed := expr.String(e)
		again, err := expr.ParseExpr(printed)
		require.NoError(t, err, printed)
		require.Equal(t, printed, expr.String(again), "from %s", expr.String(g))

		y, err := Parse(expr.Format(e, expr.LaTeX), texOpt)
		require.NoError(t, err, expr.Format(e, expr.LaTeX))
		tex := expr.Format(y, expr.LaTeX)
		z, err := Parse(tex, texOpt)
		require.NoError(t, err, tex)
		require.Equal(t, tex, expr.Format(z, expr.LaTeX), "from %s", printed)
	}
}
