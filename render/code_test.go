package render

import (
	"bytes"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A goal without a closed form, or without known shapes, gets a comment
// in place of its function, never a function that computes something else.
func TestCodeNoFunction(t *testing.T) {
	stopped := &derive.Derivation{Goal: &expr.Info{Kind: "KL", P: "p", Q: "q"}, Bound: "the step limit (500) was reached",
		Result: expr.MustParse("E(x ~ p, log(p(x)))")}
	untyped := &derive.Derivation{Goal: &expr.Info{Kind: "H", P: "p"}, Result: expr.MustParse("1/2*log(det(S'))")}
	// Three of D coordinates is not a reduction over the last axis.
	partial := &derive.Derivation{Goal: &expr.Info{Kind: "KL", P: "q", Q: "p"}, Result: expr.MustParse("sum(d in 1..3, u[d]^2) + sum(d in 1..D, u[d])")}
	for _, lang := range CodeFormats {
		var b bytes.Buffer
		require.NoError(t, Code(&b, lang, []*derive.Derivation{stopped, untyped, partial}, Options{}))
		name := map[string]string{"go": "KLQP", "numpy": "kl_q_p", "torch": "kl_q_p"}[lang]
		comment := map[string]string{"go": "// ", "numpy": "# ", "torch": "# "}[lang]
		assert.Contains(t, b.String(), comment+"KL(p || q): no "+langName(lang)+" function: the derivation stopped before a closed form (the step limit (500) was reached)")
		assert.Contains(t, b.String(), comment+"H(p): no "+langName(lang)+" function: the shapes of the result's vectors and matrices are not known")
		assert.Contains(t, b.String(), comment+name+" has no "+langName(lang)+" counterpart: sum(d in 1..3, ...) does not run over a dimension of the parameters")
		assert.NotContains(t, b.String(), "def ")
		assert.NotContains(t, b.String(), "func ")
	}
}

// Names that are keywords or modules of the generated code are renamed.
func TestCodeReservedNames(t *testing.T) {
	d := &derive.Derivation{Goal: &expr.Info{Kind: "H", P: "p"}, Result: expr.MustParse("log(lambda) + np*range")}
	var py, gocode bytes.Buffer
	require.NoError(t, Code(&py, "numpy", []*derive.Derivation{d}, Options{}))
	require.NoError(t, Code(&gocode, "go", []*derive.Derivation{d}, Options{Package: "vae"}))
	assert.Contains(t, py.String(), "def entropy_p(lambda_, np_, range):")
	assert.Contains(t, py.String(), "return np.log(lambda_) + np_ * range")
	assert.Contains(t, gocode.String(), "package vae\n")
	assert.Contains(t, gocode.String(), "func EntropyP(lambda float64, np float64, range_ float64) float64 {")
}
