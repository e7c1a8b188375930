package expr

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestRatIs holds RatIs to Cmp over rationals of every sign, integers
// among them, and fractions in lowest terms to compare with, big ones
// too.
func TestRatIs(t *testing.T) {
	r := rand.New(rand.NewPCG(14, 3))
	huge, _ := new(big.Rat).SetString("123456789012345678901234567890/7")
	values := []*big.Rat{new(big.Rat), big.NewRat(1, 2), big.NewRat(-1, 2), big.NewRat(2, 1), huge}
	for range 2000 {
		values = append(values, big.NewRat(r.Int64N(13)-6, 1+r.Int64N(6)))
	}
	for _, v := range values {
		for num := int64(-6); num <= 6; num++ {
			for den := int64(1); den <= 6; den++ {
				if new(big.Int).GCD(nil, nil, big.NewInt(num), big.NewInt(den)).Int64() != 1 && num != 0 || num == 0 && den != 1 {
					continue // not in lowest terms
				}
				if want := v.Cmp(big.NewRat(num, den)) == 0; RatIs(v, num, den) != want {
					t.Errorf("RatIs(%s, %d, %d) = %v, want %v", v.RatString(), num, den, !want, want)
				}
			}
		}
	}
}
