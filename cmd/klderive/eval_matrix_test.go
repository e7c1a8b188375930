package main

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// eval takes vectors and matrices, infers k from them, and reports shape
// errors with a caret.
func TestEvalMatrices(t *testing.T) {
	code, out, _ := runCLI(t, "", "eval", "tr(inv(B)*A)", "A=[[2,0.3],[0.3,1]]", "B=[[1,0],[0,3]]")
	assert.Equal(t, 0, code)
	assert.Equal(t, "2.3333333333333335\n", out) // 2/1 + 1/3

	code, out, _ = runCLI(t, "", "eval", "x'*A*x - k", "A=[[2,0.3],[0.3,1]]", "x=[1,2]")
	assert.Equal(t, 0, code)
	assert.Equal(t, "5.1999999999999993\n", out) // 2 + 2*0.6 + 4 - 2

	code, out, _ = runCLI(t, "", "eval", "A*x", "A=[[2,0.3],[0.3,1]]", "x=[1,2]")
	assert.Equal(t, 0, code)
	assert.Equal(t, "[[2.6000000000000001], [2.2999999999999998]]\n", out)

	code, _, stderr := runCLI(t, "", "eval", "1 + x'*A", "A=[[2,0.3],[0.3,1]]", "x=[1,2,3]")
	assert.Equal(t, 2, code)
	assert.Equal(t, "<expr>:1:5: cannot multiply x' by A: x' is a row vector[3] and A is a matrix[2,2]\n1 + x'*A\n    ^\n", stderr)

	code, _, stderr = runCLI(t, "", "eval", "det(x)", "x=[1,2]")
	assert.Equal(t, 2, code)
	assert.Equal(t, "<expr>:1:1: det takes a square matrix, but x is a vector[2]\ndet(x)\n^\n", stderr)
}

// I(q) of a density q is its self-information, a number: under an
// expectation it is the cross-entropy, printed as a scalar, while I(2) is
// still the identity matrix.
func TestEvalSelfInformationIsScalar(t *testing.T) {
	code, out, stderr := runCLI(t, "", "eval", "-p", "../../examples/bernoulli.kl", "E(x ~ p, I(q))", "a=0.3", "b=0.4")
	assert.Equal(t, 0, code, stderr)
	assert.Equal(t, "0.63246515619844001\n", out) // -0.3*log(0.4) - 0.7*log(0.6)

	code, out, stderr = runCLI(t, "", "eval", "-p", "../../examples/bernoulli.kl", "I(q) + 1", "b=0.4", "x=1")
	assert.Equal(t, 0, code, stderr)
	assert.Equal(t, "1.9162907318741551\n", out) // 1 - log(0.4)

	code, out, _ = runCLI(t, "", "eval", "I(2)")
	assert.Equal(t, 0, code)
	assert.Equal(t, "[[1, 0], [0, 1]]\n", out)
}
