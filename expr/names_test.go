package expr

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// randomName spells a symbol the way users do: Latin or Greek bases,
// spelled out or in Unicode, with digit and letter subscripts after an
// underscore, in braces, as trailing digits or as Unicode subscripts.
func randomName(rng *rand.Rand) string {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	var b strings.Builder
	switch rng.IntN(4) {
	case 0:
		b.WriteString(pick("a", "b", "x", "y", "m", "s", "q", "A", "S", "X"))
	case 1:
		b.WriteString(pick("sigma", "mu", "alpha", "epsilon", "varepsilon", "phi", "varphi", "theta", "vartheta", "Sigma", "eta", "beta", "nu"))
	case 2:
		b.WriteString(pick("σ", "μ", "α", "ε", "φ", "θ", "ϑ", "Σ", "η"))
	default:
		b.WriteString(pick("ab", "xy", "logvar", "mup", "sigmab", "x2"))
	}
	sub := pick("1", "2", "12", "0", "a", "p", "q", "b", "ij", "1a", "b1", "alpha", "sigma", "eta", "pi", "xy")
	switch rng.IntN(6) {
	case 0:
		return b.String()
	case 1:
		if isDigits(sub) {
			return b.String() + sub
		}
	case 2:
		return b.String() + "_{" + sub + "}"
	case 3:
		uni := ""
		for _, r := range sub {
			s, ok := subscriptRune.Get()[r]
			if !ok {
				return b.String() + "_" + sub
			}
			uni += string(s)
		}
		return b.String() + uni
	case 4:
		// Two subscripts, as in x_1_a.
		return b.String() + "_" + sub + "_" + pick("1", "a", "2")
	}
	return b.String() + "_" + sub
}

// Distinct symbols never print alike: over generated names, the Unicode
// and LaTeX spellings of distinct canonical names are distinct, and the
// canonical name is what the parser reads from every spelling.
func TestPrintingIsInjectiveOnCanonicalNames(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	byText := map[Style]map[string]string{Unicode: {}, LaTeX: {}}
	for range 20000 {
		written := randomName(rng)
		x, err := ParseExpr(written)
		if err != nil {
			continue // a reserved name such as pi stays reserved
		}
		s, ok := x.(*Sym)
		if !ok {
			continue // e*t is a product: e is the constant
		}
		assert.Equal(t, Canonical(s.Name), s.Name, "%s reads as a canonical name", written)
		again, err := ParseExpr(s.Name)
		require.NoError(t, err, s.Name)
		assert.Equal(t, s.Name, again.(*Sym).Name, "%s is read back as itself", s.Name)
		for style, seen := range byText {
			text := Format(s, style)
			if other, dup := seen[text]; dup {
				assert.Equal(t, other, s.Name, "%s and %s both print as %s", other, s.Name, text)
			}
			seen[text] = s.Name
		}
	}
	assert.Greater(t, len(byText[Unicode]), 300, "the generator covers many names")
}

func TestOneSymbolForEverySpelling(t *testing.T) {
	for _, n := range []string{"sigma1", "sigma_1", "sigma_{1}", "σ₁", "σ_1", "sigma{1}"} {
		x, err := ParseExpr(n)
		require.NoError(t, err, n)
		assert.Equal(t, "sigma_1", x.(*Sym).Name, n)
	}
	for _, n := range []string{"mu_p", "μₚ", "mu_{p}", "μ_p"} {
		assert.Equal(t, "mu_p", MustParse(n).(*Sym).Name, n)
	}
	assert.Equal(t, "epsilon", MustParse("varepsilon").(*Sym).Name)
	assert.Equal(t, "x2_3", MustParse("x2_3").(*Sym).Name, "a digit in the base stays in the base")
}

// Canonical returns a name it would spell as it is without building it
// again, and spells every other name as before: the fast path is asked
// of names from a small grammar of bases, separators and subscripts, and
// must agree with the full spelling.
func TestCanonicalAlreadyCanonical(t *testing.T) {
	for r := range greekName.Get() {
		require.GreaterOrEqual(t, r, rune(utf8.RuneSelf), "a Greek letter is not ASCII")
	}
	for r := range subscriptLetter.Get() {
		require.GreaterOrEqual(t, r, rune(utf8.RuneSelf), "a subscript letter is not ASCII")
	}
	bases := []string{"", "x", "sigma", "varphi", "varepsilon", "mu", "σ", "_x", "X", "ab"}
	seps := []string{"", "_", "__", "_{", "ₚ"}
	subs := []string{"", "1", "12", "k", "varphi", "a_b", "}", "1}", "p", "₁"}
	n := 0
	for _, b := range bases {
		for _, s := range seps {
			for _, u := range subs {
				name := b + s + u
				want := spelled(name)
				assert.Equal(t, want, Canonical(name), "%q", name)
				if alreadyCanonical(name) {
					n++
					assert.Equal(t, name, want, "%q is taken as canonical", name)
				}
			}
		}
	}
	assert.Greater(t, n, 20, "the fast path is taken")
}
