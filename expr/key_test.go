package expr

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
)

// A number's key is its RatString, whatever its sign and size.
func TestKeyOfNumber(t *testing.T) {
	big1 := new(big.Rat).SetFrac(new(big.Int).Lsh(big.NewInt(3), 100), big.NewInt(7))
	edge := new(big.Int).Lsh(big.NewInt(1), 63) // one past the largest int64
	rats := []*big.Rat{big.NewRat(0, 1), big.NewRat(-5, 1), big.NewRat(3, 4), big.NewRat(-7, 9), big1, new(big.Rat).Neg(big1),
		big.NewRat(math.MaxInt64, 1), big.NewRat(math.MinInt64, 1), big.NewRat(1, math.MaxInt64),
		new(big.Rat).SetInt(edge), new(big.Rat).SetFrac(big.NewInt(-1), edge)}
	for _, r := range rats {
		assert.Equal(t, r.RatString(), Key(&Num{Val: r}))
	}
}

// ChildrenIn gives Children's children, in Children's order, on
// generated trees and on every kind of node it handles itself.
func TestChildrenInIsChildren(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 1))
	var xs []Expr
	for range 200 {
		xs = append(xs, randomIntegrand(rng, 4))
	}
	xs = append(xs, &Index{Base: S("m"), Sub: S("k")}, &Expect{Var: S("x"), Dist: "p", Body: S("x")},
		&Integral{Var: S("x"), Body: S("x")}, &Integral{Var: S("x"), Lo: N(0), Hi: S("b"), Body: S("x")},
		&Rel{Op: "<", L: S("a"), R: S("b")}, &Transpose{X: S("v")},
		&Big{Op: "sum", Index: "i", Lo: N(1), Hi: S("K"), Body: &Index{Base: S("v"), Sub: S("i")}})
	for _, x := range xs {
		Any(x, func(e Expr) bool {
			var buf [4]Expr
			assert.Equal(t, Children(e), ChildrenIn(e, &buf), "%s", String(e))
			return false
		})
	}
}

// Keys gives Key's key for every node, from any goroutine, the first
// time and after.
func TestKeysAreKey(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	var xs []Expr
	for range 100 {
		xs = append(xs, randomIntegrand(rng, 4))
	}
	var ks Keys
	done := make(chan bool)
	for range 2 {
		go func() {
			for _, x := range xs {
				assert.Equal(t, Key(x), ks.Key(x))
			}
			done <- true
		}()
	}
	<-done
	<-done
	for _, x := range xs {
		assert.Equal(t, Key(x), ks.Key(x))
	}
}
