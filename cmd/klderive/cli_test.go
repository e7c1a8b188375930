package main

import (
	"encoding/json"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/klderive/klderive/family"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Input errors exit 2 with exactly one compiler-style message on stderr
// (file:line:col, the source line, a caret) and nothing on stdout. The
// bad inputs are fixtures in testdata/, so the file name in the message is
// stable.
func TestCLIInputErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stdin  string
		stderr string
	}{
		{
			name: "missing parenthesis",
			args: []string{"derive", "testdata/missing-paren.kl"},
			stderr: "testdata/missing-paren.kl:2:31: expected \")\" but found end of line\n" +
				"p(x) = Normal(x; mu1, sigma1^2\n" +
				"                              ^\n",
		},
		{
			name: "unknown family lists the known ones",
			args: []string{"derive", "testdata/unknown-family.kl"},
			stderr: "testdata/unknown-family.kl:2:8: unknown family Weibull in the density p; known families: Bernoulli, Beta, Binomial, Categorical, Dirichlet, Exponential, Gamma, Geometric, HalfNormal, Laplace, LogNormal, MvNormal, Normal, Poisson, Uniform\n" +
				"p(x) = Weibull(x; 1, 2)\n" +
				"       ^\n",
		},
		{
			name: "negative variance literal",
			args: []string{"derive", "testdata/negative-variance.kl"},
			stderr: "testdata/negative-variance.kl:2:21: the variance of p must be positive, not -1\n" +
				"p(x) = Normal(x; 0, -1)\n" +
				"                    ^\n",
		},
		{
			name: "density that does not use its variable",
			args: []string{"derive", "testdata/unused-variable.kl"},
			stderr: "testdata/unused-variable.kl:2:8: the density p(x) does not use its variable x\n" +
				"p(x) = exp(-a^2)\n" +
				"       ^\n",
		},
		{
			name: "goal names an undefined density",
			args: []string{"derive", "testdata/undefined-density.kl"},
			stderr: "testdata/undefined-density.kl:4:8: KL(p || r) names the density r, which is not defined; defined: p, q\n" +
				"derive KL(p || r)\n" +
				"       ^\n",
		},
		{
			name: "density defined twice",
			args: []string{"derive", "testdata/duplicate-density.kl"},
			stderr: "testdata/duplicate-density.kl:3:1: density p is defined twice\n" +
				"p(x) = Normal(x; 1, 1)\n" +
				"^\n",
		},
		{
			name: "no goal",
			args: []string{"derive", "testdata/no-goal.kl"},
			stderr: "testdata/no-goal.kl:1:1: no goal: add a line such as \"derive KL(p || q)\"\n" +
				"p(x) = Normal(x; 0, 1)\n" +
				"^\n",
		},
		{
			name:   "nonexistent file",
			args:   []string{"derive", "testdata/does-not-exist.kl"},
			stderr: "klderive: open testdata/does-not-exist.kl: no such file or directory\n",
		},
		{
			name:   "unknown format",
			args:   []string{"derive", "--format", "pdf", "../../examples/normal.kl"},
			stderr: "klderive: --format must be one of \"text\",\"latex\",\"markdown\",\"html\",\"json\",\"numpy\",\"torch\",\"go\" but got \"pdf\"\n",
		},
		{
			name:   "unknown format, short flag",
			args:   []string{"derive", "-f", "yaml", "../../examples/normal.kl"},
			stderr: "klderive: --format must be one of \"text\",\"latex\",\"markdown\",\"html\",\"json\",\"numpy\",\"torch\",\"go\" but got \"yaml\"\n",
		},
		{
			name:  "syntax error on standard input is reported as <stdin>",
			args:  []string{"derive", "-"},
			stdin: "p(x) = Normal(x; 0, 1)\nderive H(p\n",
			stderr: "<stdin>:2:11: expected \")\" but found end of line\n" +
				"derive H(p\n" +
				"          ^\n",
		},
		{
			name:  "control characters in the source are escaped",
			args:  []string{"derive", "-"},
			stdin: "p(x) = Normal(x; 0, 1)\x1b[2J\rderive H(p\n",
			stderr: "<stdin>:1:23: unexpected character \"\\x1b\"\n" +
				"p(x) = Normal(x; 0, 1)\\x1b[2J\\x0dderive H(p\n" +
				"                      ^\n",
		},
		{
			name:  "a control character in a --given is escaped",
			args:  []string{"check", "--given", "p(x) = Normal(x; a_\x07, 1)", "-"},
			stdin: "$a = a$",
			stderr: "--given:1:20: unexpected character \"\\x07\"\n" +
				"p(x) = Normal(x; a_\\x07, 1)\n" +
				"                   ^\n",
		},
		{
			name:   "no command",
			args:   nil,
			stderr: "klderive: expected one of \"derive\", \"eval\", \"rules\", \"check\"\n",
		},
		{
			name:   "unknown command",
			args:   []string{"integrate", "x"},
			stderr: "klderive: unexpected argument integrate\n",
		},
		{
			name:   "eval: unbound symbol is named",
			args:   []string{"eval", "log(sigma2/sigma1) - 1/2", "sigma1=1.5"},
			stderr: "klderive: sigma_2 has no value; give it as sigma_2=VALUE\n",
		},
		{
			name: "eval: syntax error in the expression",
			args: []string{"eval", "log(sigma2/sigma1", "sigma1=1", "sigma2=2"},
			stderr: "<expr>:1:18: expected \")\" but found end of input\n" +
				"log(sigma2/sigma1\n" +
				"                 ^\n",
		},
		{
			name: "eval: syntax error in a value",
			args: []string{"eval", "x", "x=1+"},
			stderr: "x:1:3: expected an expression but found end of input\n" +
				"1+\n" +
				"  ^\n",
		},
		{
			name:   "eval: a dimension other than k is given, and the error says so",
			args:   []string{"eval", "sum(d in 1..n, a[d])", "a=[1, 2]"},
			stderr: "klderive: n has no value; give it as n=VALUE (a dimension other than k is not taken from the values given without -p: n=2)\n",
		},
		{
			name:   "eval -p: a dimension given must agree with the values",
			args:   []string{"eval", "-p", "testdata/dim.kl", "a'*a", "a=[1, 2]", "n=3"},
			stderr: "klderive: n is 3, but a, a vector[n], has 2 coordinates\n",
		},
		{
			name:   "eval: binding without =",
			args:   []string{"eval", "x", "x"},
			stderr: "klderive: \"x\" is not a binding NAME=VALUE\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.stdin, tc.args...)
			assert.Equal(t, exitInvalid, code, "exit status; stderr:\n%s", stderr)
			assert.Equal(t, tc.stderr, stderr)
			assert.Empty(t, stdout)
		})
	}
}

// A goal the engine cannot derive exits 1 and says which density is the
// problem; the other goals of the file are still derived and printed.
func TestCLIDerivationFailure(t *testing.T) {
	t.Run("only goal fails", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "", "derive", "testdata/laplace.kl")
		assert.Equal(t, exitFailed, code, "stderr:\n%s", stderr)
		assert.Empty(t, stdout)
		assert.True(t, strings.HasPrefix(stderr, "testdata/laplace.kl:4:8: KL(p || q): "), "stderr:\n%s", stderr)
		assert.Contains(t, stderr, "under p")
		assert.Contains(t, stderr, "the density p(x)")
		assert.Equal(t, 1, strings.Count(stderr, "\n"), "one line per failed goal:\n%s", stderr)
		assert.NotContains(t, stderr, "panic")
	})
	t.Run("other goals still derive", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "", "derive", "testdata/laplace-and-entropy.kl")
		assert.Equal(t, exitFailed, code, "stderr:\n%s", stderr)
		assert.True(t, strings.HasPrefix(stderr, "testdata/laplace-and-entropy.kl:4:8: KL(p || q): "), "stderr:\n%s", stderr)
		assert.True(t, strings.HasPrefix(stdout, "H(q)  where q(x) = 𝒩(x; 0, 1)\n"), "stdout:\n%s", stdout)
		assert.NotContains(t, stdout, "KL(p")
	})
}

// "-" reads the problem from standard input, with the same output as the
// file.
func TestCLIStdin(t *testing.T) {
	src, err := os.ReadFile("../../examples/normal.kl")
	require.NoError(t, err)
	fromFile, stdoutFile, stderr := runCLI(t, "", "derive", "../../examples/normal.kl")
	require.Equal(t, exitOK, fromFile, stderr)
	code, stdout, stderr := runCLI(t, string(src), "derive", "-")
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr)
	assert.Equal(t, stdoutFile, stdout)
	assert.Equal(t, goldenSections(t, "text")["normal.txtar"], stdout)
}

// The issue's example: eval prints the value with 17 significant digits,
// enough to round-trip a float64.
func TestCLIEvalIssueExample(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "eval",
		"log(sigma2/sigma1) - 1/2 + (sigma1^2 + (mu1 - mu2)^2)/(2*sigma2^2)",
		"mu1=0.3", "sigma1=1.2", "mu2=-1", "sigma2=0.8")
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr)

	mu1, sigma1, mu2, sigma2 := 0.3, 1.2, -1.0, 0.8
	want := math.Log(sigma2/sigma1) - 0.5 + (sigma1*sigma1+(mu1-mu2)*(mu1-mu2))/(2*sigma2*sigma2)
	out := strings.TrimSuffix(stdout, "\n")
	require.Equal(t, out+"\n", stdout, "one line of output")
	got, err := strconv.ParseFloat(out, 64)
	require.NoError(t, err, "stdout %q", stdout)
	assert.Equal(t, strconv.FormatFloat(got, 'g', 17, 64), out, "printed with 17 significant digits")
	assert.InEpsilon(t, want, got, 1e-15, "printed %s, want %s", out, strconv.FormatFloat(want, 'g', 17, 64))
}

// A value may itself be an expression, and later bindings may use earlier
// ones.
func TestCLIEvalBindings(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want float64
	}{
		{[]string{"x", "x=1/3"}, 1.0 / 3},
		{[]string{"a*b", "a=log(2)", "b=2*a"}, 2 * math.Ln2 * math.Ln2},
		{[]string{"exp(v)/2", "v=-0.5"}, math.Exp(-0.5) / 2},
		{[]string{"--", "-1/2*x", "x=3"}, -1.5},
		// A declared dimension is taken from the values given, and may
		// be given as well when it agrees.
		{[]string{"-p", "testdata/dim.kl", "sum(d in 1..n, a[d]^2)", "a=[1, 2, 3]"}, 14},
		{[]string{"-p", "testdata/dim.kl", "a'*a + n", "a=[1, 2]", "n=2"}, 7},
		{[]string{"sum(d in 1..n, a[d])", "a=[1, 2]", "n=2"}, 3},
		{[]string{"lgamma(a)/log(gamma(a))", "a=3.7"}, 1},
		{[]string{"int(x in 0..1, x^(a - 1)*(1 - x)^(b - 1))/beta(a, b)", "a=0.3", "b=2.5"}, 1},
		{[]string{"int(x in 0..inf, exp(-x)*log(x))"}, -0.57721566490153286},
	} {
		code, stdout, stderr := runCLI(t, "", append([]string{"eval"}, tc.args...)...)
		require.Equal(t, exitOK, code, "%v: %s", tc.args, stderr)
		got, err := strconv.ParseFloat(strings.TrimSpace(stdout), 64)
		require.NoError(t, err, "%v: stdout %q", tc.args, stdout)
		assert.InEpsilon(t, tc.want, got, 1e-15, "%v", tc.args)
	}
}

// rules lists every rule by name, each at the start of a line.
func TestCLIRules(t *testing.T) {
	code, stdout, stderr := runCLI(t, "", "rules")
	require.Equal(t, exitOK, code, stderr)
	assert.Empty(t, stderr)
	listed := map[string]bool{}
	for _, line := range strings.Split(stdout, "\n") {
		if f := strings.Fields(line); len(f) > 0 && line[0] != ' ' && line[0] != '#' {
			listed[f[0]] = true
		}
	}
	all := family.AllRules()
	require.NotEmpty(t, all)
	for _, r := range all {
		assert.NotEmpty(t, r.Name, "a rule without a name: %s", r.Title)
		assert.True(t, listed[r.Name], "rule %s is not listed by klderive rules", r.Name)
	}
}

// klDiv is KL(N(m1, v1) || N(m2, v2)), given mean and variance.
func klDiv(m1, v1, m2, v2 float64) float64 {
	return 0.5 * (math.Log(v2/v1) + (v1+(m1-m2)*(m1-m2))/v2 - 1)
}

// Problems that are not among the examples must derive, verify, and give a
// result that klderive eval agrees is the closed form.
func TestCLIHeldOut(t *testing.T) {
	tests := []struct {
		name   string
		src    string
		points []map[string]float64
		want   func(v map[string]float64) float64
	}{
		{
			name: "renamed symbols",
			src: "a(t) = Normal(t; m_a, s_a^2)\n" +
				"b(t) = Normal(t; m_b, s_b^2)\n" +
				"derive KL(a || b)\n",
			points: []map[string]float64{
				{"m_a": 0.3, "s_a": 1.2, "m_b": -1, "s_b": 0.8},
				{"m_a": -2.5, "s_a": 0.1, "m_b": 4, "s_b": 3.3},
			},
			want: func(v map[string]float64) float64 {
				return klDiv(v["m_a"], v["s_a"]*v["s_a"], v["m_b"], v["s_b"]*v["s_b"])
			},
		},
		{
			name: "reverse direction of examples/normal.kl",
			src: "p(x) = Normal(x; mu1, sigma1^2)\n" +
				"q(x) = Normal(x; mu2, sigma2^2)\n" +
				"derive KL(q || p)\n",
			points: []map[string]float64{
				{"mu1": 0.3, "sigma1": 1.2, "mu2": -1, "sigma2": 0.8},
				{"mu1": 5, "sigma1": 0.25, "mu2": 1.5, "sigma2": 2},
			},
			want: func(v map[string]float64) float64 {
				return klDiv(v["mu2"], v["sigma2"]*v["sigma2"], v["mu1"], v["sigma1"]*v["sigma1"])
			},
		},
		{
			name: "log-variance against the standard Normal",
			src: "q(z) = Normal(z; m, exp(v))\n" +
				"p(z) = Normal(z; 0, 1)\n" +
				"derive KL(q || p)\n",
			points: []map[string]float64{
				{"m": 0.7, "v": -1.3},
				{"m": -2, "v": 0.9},
			},
			want: func(v map[string]float64) float64 {
				return klDiv(v["m"], math.Exp(v["v"]), 0, 1)
			},
		},
		{
			name: "precision parameters",
			src: "p(x) = Normal(x; m1, 1/tau1)\n" +
				"q(x) = Normal(x; m2, 1/tau2)\n" +
				"derive KL(p || q)\n",
			points: []map[string]float64{
				{"m1": 0.3, "tau1": 2.5, "m2": -0.4, "tau2": 0.6},
				{"m1": -3, "tau1": 0.2, "m2": 1, "tau2": 7},
			},
			want: func(v map[string]float64) float64 {
				return klDiv(v["m1"], 1/v["tau1"], v["m2"], 1/v["tau2"])
			},
		},
		{
			name: "density written as a Gaussian formula",
			src: "p(x) = exp(-(x - m)^2/(2*s^2))/sqrt(2*pi*s^2)\n" +
				"q(x) = Normal(x; 0, 1)\n" +
				"derive KL(p || q)\n",
			points: []map[string]float64{
				{"m": 0.4, "s": 1.7},
				{"m": -1.1, "s": 0.35},
			},
			want: func(v map[string]float64) float64 {
				return klDiv(v["m"], v["s"]*v["s"], 0, 1)
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tc.src, "derive", "--format", "json", "-")
			require.Equal(t, exitOK, code, "input:\n%s\nstderr:\n%s", tc.src, stderr)
			assert.Empty(t, stderr)
			var doc struct {
				Result struct {
					Expr  string `json:"expr"`
					LaTeX string `json:"latex"`
				} `json:"result"`
				Verification struct {
					Points int  `json:"points"`
					Direct bool `json:"direct"`
				} `json:"verification"`
			}
			require.NoError(t, json.Unmarshal([]byte(stdout), &doc), "stdout:\n%s", stdout)
			require.NotEmpty(t, doc.Result.Expr, "stdout:\n%s", stdout)
			assert.NotEmpty(t, doc.Result.LaTeX)
			assert.GreaterOrEqual(t, doc.Verification.Points, 8)
			assert.True(t, doc.Verification.Direct, "result checked against direct integration")

			for _, pt := range tc.points {
				// "--": a result such as -1/2*(...) starts with a minus
				// sign, which kong would otherwise read as a flag.
				args := []string{"eval", "--", doc.Result.Expr}
				for name, v := range pt {
					args = append(args, name+"="+strconv.FormatFloat(v, 'g', -1, 64))
				}
				code, out, stderr := runCLI(t, "", args...)
				require.Equal(t, exitOK, code, "%v: %s", args, stderr)
				got, err := strconv.ParseFloat(strings.TrimSpace(out), 64)
				require.NoError(t, err, "%v: stdout %q", args, out)
				want := tc.want(pt)
				assert.InEpsilon(t, want, got, 1e-12, "result %s at %v: got %v, closed form %v", doc.Result.Expr, pt, got, want)
			}
		})
	}
}
