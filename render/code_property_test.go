package render

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// Generated expressions, beyond the shipped examples: random scalar
// formulas (with the forms that get a stable function: x·log y, log(1 + x),
// exp(u) − 1, log(exp(a) + exp(b))), sums over coordinates that mix
// batched scalars into the terms, and random combinations of matrix
// terms. Each is exported in every language and run against expr.Eval.

// exprGen draws random formulas in the .kl syntax over the positive
// scalars a, b, the scalar c and, inside a sum over d, the vectors u
// (any sign) and w (positive).
type exprGen struct {
	rng   *rand.Rand
	inSum bool
}

func (g *exprGen) pick(xs ...string) string { return xs[g.rng.IntN(len(xs))] }

// pos is a formula that is positive at every point drawn.
func (g *exprGen) pos(depth int) string {
	leaves := []string{"a", "b", "3/2"}
	if g.inSum {
		leaves = append(leaves, "w[d]", "w[d]")
	}
	if depth == 0 || g.rng.IntN(3) == 0 {
		return g.pick(leaves...)
	}
	switch g.rng.IntN(6) {
	case 0:
		return "exp(" + g.small(depth-1) + ")"
	case 1:
		return "(" + g.pos(depth-1) + ")*(" + g.pos(depth-1) + ")"
	case 2:
		return "(" + g.pos(depth-1) + ") + (" + g.pos(depth-1) + ")"
	case 3:
		return "(" + g.pos(depth-1) + ")^2"
	case 4:
		return "sqrt(" + g.pos(depth-1) + ")"
	}
	return "(" + g.pos(depth-1) + ")/(" + g.pos(depth-1) + ")"
}

// small is a formula of any sign and modest size, safe inside exp.
func (g *exprGen) small(depth int) string {
	leaves := []string{"c", "a", "-1/3"}
	if g.inSum {
		leaves = append(leaves, "u[d]")
	}
	if depth == 0 || g.rng.IntN(2) == 0 {
		return g.pick(leaves...)
	}
	return "(" + g.small(depth-1) + ") " + g.pick("+", "-") + " (" + g.small(depth-1) + ")"
}

// any is a formula of any sign.
func (g *exprGen) any(depth int) string {
	if depth == 0 {
		return g.small(0)
	}
	switch g.rng.IntN(10) {
	case 0:
		return g.pos(depth)
	case 1:
		return "(" + g.any(depth-1) + ") + (" + g.any(depth-1) + ")"
	case 2:
		return "(" + g.any(depth-1) + ") - 2/3*(" + g.any(depth-1) + ")"
	case 3:
		return "(" + g.any(depth-1) + ")*(" + g.any(depth-1) + ")"
	case 4:
		return "log(" + g.pos(depth-1) + ")"
	case 5:
		return g.pos(depth-1) + "*log(" + g.pos(depth-1) + ")"
	case 6:
		return "log(1 + " + g.pos(depth-1) + ")"
	case 7:
		return "exp(" + g.small(depth-1) + ") - 1"
	case 8:
		return "log(exp(" + g.small(depth-1) + ") + exp(" + g.small(depth-1) + "))"
	}
	return "(" + g.any(depth-1) + ")/(" + g.pos(depth-1) + ")"
}

// scalarFormula is a scalar formula, half the time plus a sum over the
// coordinates whose terms mix in the scalars.
func (g *exprGen) scalarFormula() string {
	s := g.any(3)
	if g.rng.IntN(2) == 0 {
		g.inSum = true
		s += " + sum(d in 1..D, " + g.any(3) + " + u[d])"
		g.inSum = false
	}
	return s
}

// matrixTerms are scalar terms of matrix algebra over S (SPD), A (general,
// well conditioned), the vectors x, y and the scalar c; every product
// shape and every inverse position the emitters handle appears.
var matrixTerms = []string{
	"x'*y", "x'*inv(S)*y", "x'*A*y", "y'*A'*x", "tr(A*inv(S))", "tr(inv(S)*A)", "log(det(S))",
	"tr(S)", "(x - y)'*inv(S)*(x - y)", "tr(inv(S))", "x'*inv(S)*A*y", "k", "c*tr(S)",
	"tr(c*S + A)", "log(det(A*A'))", "x'*S*inv(A)*y", "tr(inv(S)*inv(A))", "tr(x*y')",
	"tr(A'*inv(S)*A)", "tr(inv(S)*(S + x*x'))", "c*(x'*x)", "det(S)", "tr(A*inv(A'))",
	"x'*inv(A)*y", "tr(diag(x)*S)", "tr(I + S)", "x'*(S + c*I)*y", "tr(inv(S + I)*A)", "(x - y)'*(x - y)",
	"det(A)", "det(-1*A)",
}

const matrixDecls = "k: dim\nx, y: vector[k]\nS: matrix[k,k] spd\nA: matrix[k,k]\n"

// generated is a synthetic derivation whose result is a generated formula.
type generated struct {
	d      *derive.Derivation
	sig    *signature
	source string
}

func generatedDerivation(t *testing.T, i int, src string, types *expr.Types) generated {
	t.Helper()
	e, where, err := expr.ParseExprWhere("gen", src)
	require.NoError(t, err, src)
	if types != nil {
		e, _, err = types.Check(e, where, expr.Pos{File: "gen", Line: 1, Col: 1})
		require.NoError(t, err, src)
	}
	// Each formula is a goal of its own density names, so that one module
	// holds them all under distinct function names.
	d := &derive.Derivation{Goal: &expr.Info{Kind: "KL", P: fmt.Sprintf("p%d", i), Q: "q"}, Result: e}
	sig, err := newSignature(d, types)
	require.NoError(t, err, src)
	return generated{d: d, sig: sig, source: src}
}

// scalarEnv draws a point for the scalar formulas; D coordinates.
func scalarEnv(rng *rand.Rand, D int) *expr.Env {
	env := &expr.Env{Vals: map[string]float64{
		"a": 0.5 + 1.5*rng.Float64(), "b": 0.5 + 1.5*rng.Float64(), "c": -1.5 + 3*rng.Float64(), "D": float64(D)},
		Vecs: map[string][]float64{}, Mats: map[string]*mat.Dense{}}
	u, w := make([]float64, D), make([]float64, D)
	for i := range D {
		u[i], w[i] = -1.5+3*rng.Float64(), 0.5+1.5*rng.Float64()
	}
	env.Vecs["u"], env.Vecs["w"] = u, w
	return env
}

// matrixEnv draws S = B·Bᵀ + I/2 and A = I + 0.3·B' for random B, B'.
func matrixEnv(rng *rand.Rand, k int) *expr.Env {
	env := scalarEnv(rng, k)
	env.Vals["k"] = float64(k)
	env.Vecs["x"], env.Vecs["y"] = env.Vecs["u"], env.Vecs["w"]
	B, A := mat.NewDense(k, k, nil), mat.NewDense(k, k, nil)
	for i := range k {
		for j := range k {
			B.Set(i, j, rng.NormFloat64())
			A.Set(i, j, 0.3*rng.NormFloat64())
		}
		A.Set(i, i, A.At(i, i)+1)
	}
	var S mat.Dense
	S.Mul(B, B.T())
	for i := range k {
		S.Set(i, i, S.At(i, i)+0.5)
	}
	env.Mats["S"], env.Mats["A"] = &S, A
	return env
}

// generatedCases evaluates g at points of dimensions 1, 2 and 3; with
// batch, three points of one dimension make one call.
func generatedCases(t *testing.T, rng *rand.Rand, g generated, draw func(*rand.Rand, int) *expr.Env, batch bool) ([]codeCase, bool) {
	var out []codeCase
	if batch && len(g.sig.params) == 0 {
		return nil, true // a constant has no batch axis to test
	}
	for _, dim := range []int{1, 2, 3} {
		n := 1
		if batch {
			n = 3
		}
		c := codeCase{Fn: g.sig.snakeName(), params: g.sig.params, what: g.source, Args: []any{}}
		var envs []*expr.Env
		for range n {
			envs = append(envs, draw(rng, dim))
		}
		// In a batch one parameter (a different one each time) is shared
		// by the three points and passed without a batch axis, so that
		// broadcasting an unbatched argument against batched ones is
		// tested too.
		if batch && len(g.sig.params) > 1 {
			share(envs, g.sig.params[rng.IntN(len(g.sig.params))].name)
		}
		for _, env := range envs {
			v, err := expr.Eval(g.d.Result, env)
			// A formula whose value is not finite or near zero (where a
			// relative comparison means nothing) is drawn again.
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) < 1e-3 || math.Abs(v) > 1e12 {
				return nil, false
			}
			c.Want = append(c.Want, v)
		}
		for _, p := range g.sig.params {
			if !batch {
				c.Args = append(c.Args, argValue(envs[0], p))
				continue
			}
			if shared(envs, p.name) {
				c.Args = append(c.Args, argValue(envs[0], p))
				continue
			}
			var stacked []any
			for _, env := range envs {
				stacked = append(stacked, argValue(env, p))
			}
			c.Args = append(c.Args, stacked)
		}
		out = append(out, c)
	}
	return out, true
}

func generatedSet(t *testing.T, n int, types *expr.Types, formula func(*rand.Rand) string, draw func(*rand.Rand, int) *expr.Env) ([]*derive.Derivation, [][]codeCase, [][]codeCase) {
	rng := rand.New(rand.NewPCG(13, 17))
	var ds []*derive.Derivation
	var single, batched [][]codeCase
	for i := 0; len(ds) < n && i < 50*n; i++ {
		g := generatedDerivation(t, len(ds), formula(rng), types)
		s, ok1 := generatedCases(t, rng, g, draw, false)
		b, ok2 := generatedCases(t, rng, g, draw, true)
		if !ok1 || !ok2 {
			continue
		}
		ds = append(ds, g.d)
		single, batched = append(single, s), append(batched, b)
	}
	require.Len(t, ds, n)
	return ds, single, batched
}

func TestCodeGenerated(t *testing.T) {
	f, err := expr.ParseFile("decls.kl", matrixDecls)
	require.NoError(t, err)
	types, err := f.Types()
	require.NoError(t, err)
	sets := []struct {
		name    string
		types   *expr.Types
		formula func(*rand.Rand) string
		draw    func(*rand.Rand, int) *expr.Env
	}{
		{"scalar", nil, func(r *rand.Rand) string { return (&exprGen{rng: r}).scalarFormula() }, scalarEnv},
		{"matrix", types, func(r *rand.Rand) string {
			var terms []string
			for range 3 {
				terms = append(terms, fmt.Sprintf("%d/%d*%s", []int{-3, -2, -1, 1, 2, 3}[r.IntN(6)], 1+r.IntN(3), matrixTerms[r.IntN(len(matrixTerms))]))
			}
			return strings.Join(terms, " + ")
		}, matrixEnv},
	}
	type drawn struct {
		name            string
		types           *expr.Types
		ds              []*derive.Derivation
		single, batched [][]codeCase
	}
	var all []drawn
	for _, set := range sets {
		ds, single, batched := generatedSet(t, 40, set.types, set.formula, set.draw)
		all = append(all, drawn{"gen" + set.name, set.types, ds, single, batched})
	}
	// One run per language for all sets: starting PyTorch is slow.
	for _, lang := range CodeFormats {
		t.Run(lang, func(t *testing.T) {
			var mods []codeModule
			for _, set := range all {
				src, fs, err := codeFile(lang, set.ds, Options{Types: set.types, Package: set.name})
				require.NoError(t, err)
				var cases []codeCase
				for i, f := range fs {
					require.Empty(t, f.none, "%s: %s", expr.String(set.ds[i].Result), f.none)
					more := set.single[i]
					if lang != "go" {
						more = append(append([]codeCase{}, more...), set.batched[i]...)
					}
					for _, c := range more {
						c.Fn = f.name
						cases = append(cases, c)
					}
				}
				mods = append(mods, codeModule{name: set.name, src: src, cases: cases})
			}
			if lang == "go" {
				runGo(t, mods)
			} else {
				runPython(t, lang, mods)
			}
		})
	}
}

// share gives every point the first point's value of the parameter.
func share(envs []*expr.Env, name string) {
	for _, env := range envs[1:] {
		if v, ok := envs[0].Vals[name]; ok {
			env.Vals[name] = v
		}
		if v, ok := envs[0].Vecs[name]; ok {
			env.Vecs[name] = v
		}
		if v, ok := envs[0].Mats[name]; ok {
			env.Mats[name] = v
		}
	}
}

// shared reports whether the points share one value of the parameter.
func shared(envs []*expr.Env, name string) bool {
	if len(envs) < 2 {
		return false
	}
	a, b := envs[0], envs[1]
	switch {
	case a.Mats[name] != nil:
		return a.Mats[name] == b.Mats[name]
	case a.Vecs[name] != nil:
		return &a.Vecs[name][0] == &b.Vecs[name][0]
	}
	return false
}
