package rules

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/require"
)

// Collecting like terms by pairwise comparison must find the terms that
// the map of keys finds alike: random sums of constants and of products
// of one to three factors, with bases whose keys begin alike (x, x^2,
// log(x)) and exponents 1, 2, −1 and 1/2, both ways adding up to the
// same terms with the same coefficients in the same order.
func TestCollectByLikenessAgreesWithKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	bases := []expr.Expr{
		expr.MustParse("x"), expr.MustParse("x^2"), expr.MustParse("log(x)"),
		expr.MustParse("sigma1"), expr.MustParse("mu1 - mu2"), expr.MustParse("2*pi"),
	}
	exps := []*big.Rat{one(), big.NewRat(2, 1), big.NewRat(-1, 1), big.NewRat(1, 2)}
	randomTerm := func() term {
		t := term{coef: big.NewRat(int64(rng.IntN(7)-3), int64(rng.IntN(3)+1))}
		for range rng.IntN(4) {
			b := bases[rng.IntN(len(bases))]
			t.factors = append(t.factors, factor{base: b, exp: exps[rng.IntN(len(exps))], key: expr.Key(b)})
		}
		return t
	}
	for range 2000 {
		var p poly
		for range rng.IntN(collectByScan) + 1 {
			p = append(p, randomTerm())
		}
		byKeys, byScan := collectByKeys(p), collectByLikeness(p)
		require.Len(t, byScan, len(byKeys))
		for i := range byKeys {
			require.Equal(t, byKeys[i].key(), byScan[i].key())
			require.Equal(t, byKeys[i].coef.RatString(), byScan[i].coef.RatString(), "term %d of %v", i, p.expr())
		}
	}
}
