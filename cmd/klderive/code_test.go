package main

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCodeFormatsAndPackage(t *testing.T) {
	src, err := os.ReadFile("../../examples/normal.kl")
	require.NoError(t, err)
	code, out, stderr := runCLI(t, string(src), "derive", "--format", "go", "--package", "vae", "-")
	require.Equal(t, 0, code, stderr)
	assert.Contains(t, out, "\npackage vae\n")
	assert.Contains(t, out, "func KLPQ(mu_1 float64, sigma_1 float64, mu_2 float64, sigma_2 float64) float64 {")

	code, out, _ = runCLI(t, string(src), "derive", "--format", "go", "-")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "\npackage kl\n", "the default package")

	// Without verification the doc comment says so, and claims nothing.
	code, out, _ = runCLI(t, string(src), "derive", "--format", "go", "--no-verify", "-")
	require.Equal(t, 0, code)
	assert.Contains(t, out, "// Not verified numerically.\n")
	assert.NotContains(t, out, "Verified")

	for _, lang := range []string{"numpy", "torch"} {
		code, out, stderr = runCLI(t, string(src), "derive", "-f", lang, "-")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, out, "def kl_p_q(mu_1, sigma_1, mu_2, sigma_2):")
	}
}

// A goal that cannot be derived gives no function and exit status 1.
func TestCodeFailedDerivation(t *testing.T) {
	code, out, stderr := runCLI(t, "", "derive", "--format", "torch", "testdata/laplace.kl")
	assert.Equal(t, exitFailed, code)
	assert.Contains(t, stderr, "cannot take the expectation")
	assert.NotContains(t, out, "def ")
}

func TestCodeBadPackage(t *testing.T) {
	code, out, stderr := runCLI(t, "", "derive", "--format", "go", "--package", "my-kl", "../../examples/normal.kl")
	assert.Equal(t, exitInvalid, code)
	assert.Equal(t, "klderive: --package \"my-kl\" is not a Go package name\n", stderr)
	assert.Empty(t, out)
}
