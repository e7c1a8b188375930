package render

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"go/format"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/require"
)

// The generated code is tested by running it: every example's functions,
// in every language, at random admissible points (and, in Python, at
// batches of three points stacked on a leading axis), against klderive's
// own evaluator on the result.

// codeTol is the largest relative difference allowed between generated
// code and expr.Eval; both compute the same formula in float64, so only
// rounding separates them. The absolute floor keeps a result that is
// zero up to rounding (a KL divergence of a density with itself) from
// failing on noise.
// PyTorch's polygamma(1, x), the one exported trigamma, is accurate
// to about 5e-10 relative only (1.13; SciPy's to rounding), so a result
// with ψ′ is held to torchTrigammaTol under torch.
const (
	codeTol          = 1e-10
	codeFloor        = 1e-13
	torchTrigammaTol = 5e-9
)

// exampleDerivation is one goal of one example, derived and verified.
type exampleDerivation struct {
	name string // example file name without .kl
	p    *derive.Problem
	ds   []*derive.Derivation
}

func deriveExamples(t *testing.T) []exampleDerivation {
	t.Helper()
	paths, err := filepath.Glob("../examples/*.kl")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	var out []exampleDerivation
	for _, path := range paths {
		src, err := os.ReadFile(path)
		require.NoError(t, err)
		f, err := expr.ParseFile(path, string(src))
		require.NoError(t, err)
		p, err := derive.Load(f)
		require.NoError(t, err, path)
		ex := exampleDerivation{name: strings.TrimSuffix(filepath.Base(path), ".kl"), p: p}
		for _, g := range f.Goals {
			d, err := derive.Derive(p, g, derive.DefaultOptions)
			require.NoError(t, err, "%s: %s", path, expr.String(g.Info))
			ex.ds = append(ex.ds, d)
		}
		out = append(out, ex)
	}
	return out
}

// codeCase is one call of a generated function: its arguments in the
// signature's order (numbers, lists, lists of lists; batched ones with a
// leading axis of 3) and the evaluator's values.
type codeCase struct {
	Fn     string    `json:"fn"`
	Args   []any     `json:"args"`
	Want   []float64 `json:"-"` // the evaluator's values, +Inf included, which JSON cannot carry
	params []param
	what   string // the result, for failure messages
}

// casesFor draws points for d's result; with batch, every three points
// of one dimension are stacked into one call.
func casesFor(t *testing.T, p *derive.Problem, d *derive.Derivation, sig *signature, fn string, batch bool) []codeCase {
	t.Helper()
	envs := p.SamplePoints(24, 11, d.Result)
	require.NotEmpty(t, envs)
	if d.Goal.Kind == "I" {
		// A self-information is a function of its variable too, taken
		// in the support.
		rng := rand.New(rand.NewPCG(11, 12))
		for i, env := range envs {
			require.True(t, p.DrawVariable(rng, d.Goal.P, env, i))
		}
	}
	byDim := map[string][]*expr.Env{}
	var order []string
	for _, env := range envs {
		key := ""
		for _, prm := range sig.params {
			if prm.kind != kScalar {
				key = fmt.Sprint(len(argValue(env, prm).([]any)))
				break
			}
		}
		if _, ok := byDim[key]; !ok {
			order = append(order, key)
		}
		byDim[key] = append(byDim[key], env)
	}
	var cases []codeCase
	for _, key := range order {
		group := byDim[key]
		if !batch {
			for _, env := range group {
				c := codeCase{Fn: fn, Want: []float64{evalAt(t, d, env)}, params: sig.params, what: expr.String(d.Result)}
				for _, prm := range sig.params {
					c.Args = append(c.Args, argValue(env, prm))
				}
				cases = append(cases, c)
			}
			continue
		}
		for len(group) >= 3 {
			c := codeCase{Fn: fn, params: sig.params, what: expr.String(d.Result)}
			for _, prm := range sig.params {
				var stacked []any
				for _, env := range group[:3] {
					stacked = append(stacked, argValue(env, prm))
				}
				c.Args = append(c.Args, stacked)
			}
			for _, env := range group[:3] {
				c.Want = append(c.Want, evalAt(t, d, env))
			}
			cases = append(cases, c)
			group = group[3:]
		}
	}
	require.NotEmpty(t, cases)
	return cases
}

func evalAt(t *testing.T, d *derive.Derivation, env *expr.Env) float64 {
	t.Helper()
	v, err := expr.Eval(d.Result, env)
	require.NoError(t, err)
	require.False(t, math.IsNaN(v), "the evaluator gives NaN for %s", expr.String(d.Result))
	return v
}

func argValue(env *expr.Env, p param) any {
	switch p.kind {
	case kVec:
		var out []any
		for _, x := range env.Vecs[p.name] {
			out = append(out, x)
		}
		return out
	case kMat:
		m := env.Mats[p.name]
		r, c := m.Dims()
		var out []any
		for i := range r {
			var row []any
			for j := range c {
				row = append(row, m.At(i, j))
			}
			out = append(out, row)
		}
		return out
	}
	return env.Vals[p.name]
}

// agree compares generated code's values with the evaluator's to the
// relative tolerance tol: NaN never agrees, infinities only with the
// same infinity.
func agree(got, want, tol float64) bool {
	switch {
	case math.IsNaN(got) || math.IsNaN(want):
		return false
	case math.IsInf(got, 0) || math.IsInf(want, 0):
		return got == want
	}
	return math.Abs(got-want) <= tol*math.Max(math.Abs(want), codeFloor/codeTol)
}

// requireTool skips loudly when a tool is missing, and fails under CI.
func requireTool(t *testing.T, msg string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s\n(CI=true: generated code must be run in CI; .ci/run installs the tools)", msg)
	}
	t.Skipf("SKIPPED: %s\n*** Generated code is NOT being run by this test. Install the tool, or set CI=true to make this a failure. ***", msg)
}

// python finds a python3 on PATH that imports the modules: the first
// python3 on PATH may be a virtual environment without them while the
// system one has them. The answer is kept, as importing torch is slow.
func python(t *testing.T, modules ...string) string {
	t.Helper()
	key := strings.Join(modules, ", ")
	pythonMu.Lock()
	py, known := pythonFor[key]
	if !known {
		for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
			cand := filepath.Join(dir, "python3")
			if _, err := os.Stat(cand); err == nil && exec.Command(cand, "-c", "import "+key).Run() == nil {
				py = cand
				break
			}
		}
		pythonFor[key] = py
	}
	pythonMu.Unlock()
	if py == "" {
		requireTool(t, fmt.Sprintf("no python3 on PATH imports %s; on Debian: apt-get install python3-numpy python3-scipy python3-torch", key))
	}
	return py
}

var (
	pythonMu  sync.Mutex
	pythonFor = map[string]string{}
)

func runTool(t *testing.T, dir string, stdin []byte, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Stdin = bytes.NewReader(stdin)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "%s %s:\n%s", name, strings.Join(args, " "), stderr.String())
	return string(out)
}

// pyDriver imports each module, calls the named function on arrays of
// the framework and prints the values, one JSON list per case.
const pyDriver = `
import importlib, json, sys
lang, jobs = sys.argv[1], json.load(sys.stdin)
if lang == "torch":
    import torch
    conv, back = (lambda a: torch.tensor(a, dtype=torch.float64)), (lambda r: torch.as_tensor(r).reshape(-1).tolist())
else:
    import numpy as np
    conv, back = (lambda a: np.array(a, dtype=np.float64)), (lambda r: np.asarray(r, dtype=np.float64).reshape(-1).tolist())
out = []
for job in jobs:
    mod = importlib.import_module(job["module"])
    for case in job["cases"]:
        r = getattr(mod, case["fn"])(*[conv(a) for a in case["args"]])
        out.append([repr(float(x)) for x in back(r)])
print(json.dumps(out))
`

// pyImportName is the name an import line binds.
var pyImportName = regexp.MustCompile(`^(?:import (\w+)(?: as (\w+))?|from \w+ import (\w+))$`)

// codeModule is one generated source file and the calls to test it with.
type codeModule struct {
	name  string // a Python module or Go package name
	src   string
	cases []codeCase
}

// moduleCases are the cases of every function of ds, single points and
// batches.
func moduleCases(t *testing.T, p *derive.Problem, ds []*derive.Derivation, fs []codeFunc, batch bool) []codeCase {
	t.Helper()
	var out []codeCase
	for i, d := range ds {
		if d.Verification.Witness != "" {
			// +∞ everywhere: no function, by design, and it says so.
			require.Contains(t, fs[i].none, "+inf")
			continue
		}
		if expr.Any(d.Result, func(n expr.Expr) bool {
			b, ok := n.(*expr.Big)
			return ok && (expr.Equal(b.Hi, expr.S("inf")) || expr.IsInt(b.Lo, 0))
		}) {
			// A series kept in the result (the Poisson entropy's
			// E[log x!]), or a finite sum over a support (a Binomial's
			// E[log Γ(m − x + 1)]): no function, by design, and it says
			// so.
			require.Contains(t, fs[i].none, "is not exported")
			continue
		}
		if strings.Contains(fs[i].none, "PyTorch has no regularised incomplete Beta function") {
			// I_x(a, b) has no PyTorch counterpart: no function, and
			// it says so.
			require.True(t, expr.Any(d.Result, func(n expr.Expr) bool {
				c, ok := n.(*expr.Call)
				return ok && c.Fn == "betainc"
			}), fs[i].none)
			continue
		}
		require.Empty(t, fs[i].none, fs[i].none)
		sig, err := newSignature(d, p.Types)
		require.NoError(t, err)
		out = append(out, casesFor(t, p, d, sig, fs[i].name, false)...)
		if batch {
			out = append(out, casesFor(t, p, d, sig, fs[i].name, true)...)
		}
	}
	return out
}

func TestCodePythonRuns(t *testing.T) {
	exs := deriveExamples(t)
	for _, lang := range []string{"numpy", "torch"} {
		t.Run(lang, func(t *testing.T) {
			var mods []codeModule
			for _, ex := range exs {
				src, fs, err := codeFile(lang, ex.ds, Options{Types: ex.p.Types})
				require.NoError(t, err)
				mods = append(mods, codeModule{name: "kl_" + strings.ReplaceAll(ex.name, "-", "_"), src: src,
					cases: moduleCases(t, ex.p, ex.ds, fs, true)})
			}
			runPython(t, lang, mods)
		})
	}
}

// runPython writes the modules, checks that each compiles and uses every
// import, runs every case and compares with the evaluator.
func runPython(t *testing.T, lang string, mods []codeModule) {
	t.Helper()
	py := python(t, map[string][]string{"numpy": {"numpy", "scipy.special"}, "torch": {"torch"}}[lang]...)
	dir := t.TempDir()
	type job struct {
		Module string     `json:"module"`
		Cases  []codeCase `json:"cases"`
	}
	var jobs []job
	for _, m := range mods {
		path := filepath.Join(dir, m.name+".py")
		require.NoError(t, os.WriteFile(path, []byte(m.src), 0o644))
		runTool(t, dir, nil, py, "-m", "py_compile", path)
		checkPyImports(t, m.name, m.src)
		jobs = append(jobs, job{Module: m.name, Cases: m.cases})
	}
	in, err := json.Marshal(jobs)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "driver.py"), []byte(pyDriver), 0o644))
	var got [][]string
	require.NoError(t, json.Unmarshal([]byte(runTool(t, dir, in, py, "driver.py", lang)), &got))
	n := 0
	for _, j := range jobs {
		for _, c := range j.Cases {
			require.Less(t, n, len(got))
			tol := codeTol
			if lang == "torch" && strings.Contains(c.what, "trigamma") {
				tol = torchTrigammaTol
			}
			compareCase(t, j.Module, c, got[n], tol)
			n++
		}
	}
	require.Equal(t, n, len(got))
}

func compareCase(t *testing.T, where string, c codeCase, got []string, tol float64) {
	t.Helper()
	if len(got) != len(c.Want) {
		t.Errorf("%s.%s = %s at %.200v: %d values, want %d (batch semantics)", where, c.Fn, c.what, c.Args, len(got), len(c.Want))
		return
	}
	for i, s := range got {
		g, err := strconv.ParseFloat(strings.TrimPrefix(s, "+"), 64)
		require.NoError(t, err, s)
		if !agree(g, c.Want[i], tol) {
			t.Errorf("%s.%s = %s at %.200v: value %d is %.17g, the evaluator gives %.17g", where, c.Fn, c.what, c.Args, i, g, c.Want[i])
		}
	}
}

// checkPyImports fails on an import the code does not use.
func checkPyImports(t *testing.T, name, src string) {
	t.Helper()
	lines := strings.Split(src, "\n")
	for _, line := range lines {
		m := pyImportName.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		bound := m[1]
		if m[2] != "" {
			bound = m[2]
		}
		if m[3] != "" {
			bound = m[3]
		}
		require.Contains(t, strings.ReplaceAll(src, line, ""), bound+".", "%s: %q is not used", name, line)
	}
}

// TestCodeGoRuns builds every example's Go code in a temporary module
// that uses gonum from the module cache (the version in go.sum), checks
// it is gofmt- and vet-clean, and runs it.
func TestCodeGoRuns(t *testing.T) {
	var mods []codeModule
	for _, ex := range deriveExamples(t) {
		pkg := "kl" + strings.ReplaceAll(ex.name, "-", "")
		src, fs, err := codeFile("go", ex.ds, Options{Types: ex.p.Types, Package: pkg})
		require.NoError(t, err)
		mods = append(mods, codeModule{name: pkg, src: src, cases: moduleCases(t, ex.p, ex.ds, fs, false)})
	}
	runGo(t, mods)
}

// runGo builds the packages in a temporary module that uses gonum from
// the module cache (the version in go.sum), checks they are gofmt- and
// vet-clean, and runs every case from one main package.
func runGo(t *testing.T, mods []codeModule) {
	t.Helper()
	gobin, err := exec.LookPath("go")
	if err != nil {
		requireTool(t, "go is not on PATH")
	}
	dir := t.TempDir()
	sum, err := os.ReadFile("../go.sum")
	require.NoError(t, err)
	gomod, err := os.ReadFile("../go.mod")
	require.NoError(t, err)
	gonum := regexp.MustCompile(`gonum.org/v1/gonum v\S+`).Find(gomod)
	require.NotNil(t, gonum)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module klcode\n\ngo 1.26\n\nrequire "+string(gonum)+"\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(dir, "go.sum"), sum, 0o644))

	var main, calls strings.Builder
	main.WriteString("package main\n\nimport (\n\t\"fmt\"\n\n\t\"gonum.org/v1/gonum/mat\"\n")
	var all []codeCase
	for _, m := range mods {
		require.NoError(t, os.MkdirAll(filepath.Join(dir, m.name), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(dir, m.name, "code.go"), []byte(m.src), 0o644))
		fmt.Fprintf(&main, "\t%q\n", "klcode/"+m.name)
		for _, c := range m.cases {
			var args []string
			for j, a := range c.Args {
				args = append(args, goLiteral(a, c.params[j]))
			}
			fmt.Fprintf(&calls, "\tfmt.Println(%s.%s(%s))\n", m.name, c.Fn, strings.Join(args, ", "))
			all = append(all, c)
		}
	}
	main.WriteString(")\n\nvar _ mat.Matrix\n\nfunc main() {\n" + calls.String() + "}\n")
	harness, err := format.Source([]byte(main.String()))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "main.go"), harness, 0o644))

	env := append(os.Environ(), "GOFLAGS=-mod=mod", "GOWORK=off")
	run := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, gobin, args...)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "go %s:\n%s", strings.Join(args, " "), out)
		return string(out)
	}
	var pkgs []string
	for _, m := range mods {
		pkgs = append(pkgs, m.name)
	}
	require.Empty(t, strings.TrimSpace(run(append([]string{"run", "cmd/gofmt", "-l"}, pkgs...)...)), "generated Go is not gofmt-clean")
	run("vet", "./...")
	lines := strings.Split(strings.TrimSpace(run("run", ".")), "\n")
	require.Len(t, lines, len(all))
	for i, c := range all {
		compareCase(t, "go", c, []string{lines[i]}, codeTol)
	}
}

// goLiteral spells an argument for the Go harness.
func goLiteral(a any, p param) string {
	num := func(x any) string { return strconv.FormatFloat(x.(float64), 'g', -1, 64) }
	switch p.kind {
	case kVec:
		var xs []string
		for _, x := range a.([]any) {
			xs = append(xs, num(x))
		}
		return "[]float64{" + strings.Join(xs, ", ") + "}"
	case kMat:
		rows := a.([]any)
		var xs []string
		for _, r := range rows {
			for _, x := range r.([]any) {
				xs = append(xs, num(x))
			}
		}
		ctor := "mat.NewDense"
		if p.props["spd"] || p.props["symmetric"] {
			return fmt.Sprintf("mat.NewSymDense(%d, []float64{%s})", len(rows), strings.Join(xs, ", "))
		}
		return fmt.Sprintf("%s(%d, %d, []float64{%s})", ctor, len(rows), len(rows), strings.Join(xs, ", "))
	}
	return num(a)
}
