package expr

import (
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// N gives each small integer its value, shares its rational among the
// nodes of that value, and still makes a node of its own, since
// positions are kept by node.
func TestNSharesSmallIntegers(t *testing.T) {
	for k := int64(-40); k <= 40; k++ {
		a, b := N(k), N(k)
		assert.Zero(t, a.Val.Cmp(big.NewRat(k, 1)), "N(%d) is %s", k, a.Val)
		assert.NotSame(t, a, b, "N(%d) makes a new node", k)
		if -smallMax <= k && k <= smallMax {
			assert.Same(t, a.Val, b.Val, "N(%d) shares its rational", k)
		} else {
			assert.NotSame(t, a.Val, b.Val, "N(%d) has its own rational", k)
		}
	}
	for _, k := range []int64{1 << 40, -1 << 62, 17, -17} {
		assert.Zero(t, N(k).Val.Cmp(big.NewRat(k, 1)))
	}
}

// ParseNumber reads every number as big.Rat's SetString does, digits
// alone through N (a small one shares its rational), and refuses what
// SetString refuses.
func TestParseNumberAgreesWithSetString(t *testing.T) {
	texts := []string{"0", "7", "007", "16", "17", "12345", "999999999999999999", "1000000000000000000",
		"123456789012345678901234567890", "0.5", "2.25", "1e3", "1.5e-2", "3/4", "", "abc", "1.", ".5", "-3", "1_0"}
	rng := rand.New(rand.NewPCG(14, 3))
	for range 500 {
		n := rng.Int64N(1 << uint(rng.IntN(62)+1))
		texts = append(texts, big.NewInt(n).String())
	}
	for _, text := range texts {
		want, wantOK := new(big.Rat).SetString(text)
		got, ok := ParseNumber(text)
		require.Equal(t, wantOK, ok, "%q", text)
		if !ok {
			continue
		}
		assert.Zero(t, got.Val.Cmp(want), "%q read as %s, not %s", text, got.Val, want)
		digits := strings.Trim(text, "0123456789") == ""
		if digits && want.Num().IsInt64() && want.Num().Int64() <= smallMax {
			assert.Same(t, N(want.Num().Int64()).Val, got.Val, "%q shares its rational", text)
		}
	}
}

// Building, folding, printing, keying and evaluating trees full of
// small integers, both in the numbers they fold (2·3, 1 + 2, 2^3, a
// coefficient times a nested product's) and around symbols, leaves
// every shared rational its value: nothing changes a Val in place.
func TestSharedIntegersKeepTheirValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	small := func() Expr { return N(int64(rng.IntN(2*smallMax+1) - smallMax)) }
	env := &Env{Vals: map[string]float64{"x": 0.3, "a": 1.5, "b": 0.7, "c": -2}}
	for range 2000 {
		x := randomIntegrand(rng, 3)
		built := []Expr{
			Sum(small(), small(), x), Prod(small(), small(), x), Power(small(), small()),
			Neg(Sum(small(), x)), Quo(small(), Prod(small(), x)), Sub(small(), small()),
			Prod(small(), Prod(small(), x), small()), Sum(Sum(small(), x), small(), Neg(small())),
			Power(Prod(small(), x), small()),
		}
		for _, e := range built {
			_ = Key(e)
			_ = String(e)
			_, _ = EvalErr(e, env)
		}
	}
	for k := int64(-smallMax); k <= smallMax; k++ {
		require.Zero(t, N(k).Val.Cmp(big.NewRat(k, 1)), "the shared %d became %s", k, N(k).Val)
	}
}

func TestIsInt(t *testing.T) {
	assert.True(t, IsInt(N(3), 3))
	assert.True(t, IsInt(N(-16), -16))
	assert.True(t, IsInt(N(1<<40), 1<<40))
	assert.True(t, IsInt(R(6, 3), 2))
	assert.False(t, IsInt(N(3), -3))
	assert.False(t, IsInt(R(3, 2), 1))
	assert.False(t, IsInt(S("x"), 0))
	huge := new(big.Int).Lsh(big.NewInt(1), 70)
	assert.False(t, IsInt(&Num{Val: new(big.Rat).SetInt(huge)}, 0))
}

// RatEqual is Cmp(…) == 0: over small fractions in every sign, written
// in and out of lowest terms, the zero value, and huge numerators.
func TestRatEqual(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(3), 80)
	rats := []*big.Rat{new(big.Rat), new(big.Rat).SetInt(huge), new(big.Rat).SetFrac(huge, big.NewInt(6)),
		new(big.Rat).SetFrac(new(big.Int).Neg(huge), big.NewInt(9))}
	for a := int64(-6); a <= 6; a++ {
		for b := int64(1); b <= 6; b++ {
			rats = append(rats, big.NewRat(a, b), big.NewRat(-a, -b), big.NewRat(2*a, 2*b))
		}
	}
	rats = append(rats, N(1).Val, N(-1).Val, N(0).Val)
	for _, x := range rats {
		for _, y := range rats {
			assert.Equal(t, x.Cmp(y) == 0, RatEqual(x, y), "%s and %s", x, y)
		}
	}
}

// The memos that share keys share the expectation that defines an Info
// node, built once for its density's variable, and build another for
// another variable.
func TestKeysShareDefinitions(t *testing.T) {
	var ks Keys
	in := &Info{Kind: "KL", P: "p", Q: "q"}
	x, y := S("x"), S("y")
	builds := 0
	build := func(v Expr) func() *Expect {
		return func() *Expect { builds++; return define(in, v) }
	}
	a := ks.definition(in, x, build(x))
	assert.Same(t, a, ks.definition(in, x, build(x)))
	assert.Equal(t, 1, builds)
	b := ks.definition(in, y, build(y))
	assert.Equal(t, 2, builds)
	assert.Same(t, y, b.Var)
	assert.Equal(t, "E(x ~ p, log(p(x)) - log(q(x)))", String(a))
}

// A product's numbers fold to their exact product, integers (which
// multiply as integers) and fractions alike, in any mix and order, with
// or without symbols among them, and nested products' too; no operand
// changes.
func TestProductFoldsItsNumbersExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 4))
	number := func() *Num {
		switch rng.IntN(4) {
		case 0:
			return N(int64(rng.IntN(2*smallMax+1) - smallMax))
		case 1:
			return N(rng.Int64N(1<<40) - 1<<39)
		case 2:
			return R(rng.Int64N(200)-100, rng.Int64N(50)+1)
		}
		n, _ := ParseNumber("123456789012345678901234567890")
		return n
	}
	for range 3000 {
		var factors []Expr
		want := big.NewRat(1, 1)
		var before []string
		var nums []*Num
		for range rng.IntN(5) + 1 {
			n := number()
			before = append(before, n.Val.RatString())
			nums = append(nums, n)
			want.Mul(want, n.Val)
			switch rng.IntN(3) {
			case 0:
				factors = append(factors, n, S("x"))
			case 1:
				factors = append(factors, Prod(n, S("y")))
			default:
				factors = append(factors, n)
			}
		}
		got := Prod(factors...)
		coef := big.NewRat(1, 1)
		if m, ok := got.(*Mul); ok {
			if n, ok := m.Factors[0].(*Num); ok {
				coef = n.Val
			}
		} else if n, ok := got.(*Num); ok {
			coef = n.Val
		}
		require.Zero(t, coef.Cmp(want), "%s: coefficient %s, want %s", String(got), coef.RatString(), want.RatString())
		if want.Sign() != 0 {
			require.Equal(t, want, coef, "held as Rat.Mul holds it, so that trees compare equal")
		}
		var after []string
		for _, n := range nums {
			after = append(after, n.Val.RatString())
		}
		require.Equal(t, before, after, "the operands keep their values")
	}
}

// A rational to an integer power folds to the product of that many
// copies of it (or of its reciprocal): integers, whose powers skip
// normalising, and fractions, of either sign, zero among them.
func TestPowerFoldsExactly(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 5))
	for range 3000 {
		var b *Num
		switch rng.IntN(3) {
		case 0:
			b = N(int64(rng.IntN(2*smallMax+1) - smallMax))
		case 1:
			b = N(rng.Int64N(1<<20) - 1<<19)
		default:
			b = R(rng.Int64N(60)-30, rng.Int64N(20)+1)
		}
		n := int64(rng.IntN(13) - 6)
		got := Power(b, N(n))
		if b.Val.Sign() == 0 && n < 0 {
			_, isPow := got.(*Pow)
			require.True(t, isPow, "0^%d stays a power", n)
			continue
		}
		want := big.NewRat(1, 1)
		for range max(n, -n) {
			want.Mul(want, b.Val)
		}
		if n < 0 {
			want.Inv(want)
		}
		if n == 1 {
			require.Same(t, b, got, "x^1 is x")
			continue
		}
		num, ok := got.(*Num)
		require.True(t, ok, "%s^%d folds", b.Val.RatString(), n)
		require.Zero(t, num.Val.Cmp(want), "%s^%d is %s, want %s", b.Val.RatString(), n, num.Val.RatString(), want.RatString())
		if want.Sign() != 0 { // zero's empty numerator is nil or not, by the path
			require.Equal(t, want, num.Val, "held as Rat.Mul and Inv hold it, so that trees compare equal")
		}
	}
}

// A power to the exponent 0 is 1 whatever its base, as the evaluator
// takes it (0^0 = 1 there too): a Beta(1, b)'s x^(1 − 1) substitutes as 1.
func TestPowerToZeroIsOne(t *testing.T) {
	for _, base := range []Expr{&Sym{Name: "x"}, Sub(N(1), &Sym{Name: "x"}), N(0), R(-3, 7)} {
		got := Power(base, N(0))
		require.True(t, IsInt(got, 1), "(%s)^0 is %s", String(base), String(got))
		v, err := Eval(&Pow{Base: base, Exp: N(0)}, &Env{Vals: map[string]float64{"x": 0}})
		require.NoError(t, err)
		require.Equal(t, 1.0, v, "the evaluator's (%s)^0 at x = 0", String(base))
	}
}
