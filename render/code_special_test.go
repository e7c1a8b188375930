package render

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mathext"
)

// The special functions of Gamma-family results (gamma, log-gamma,
// digamma, trigamma): their exported code is compared with values
// computed here from Go's math, gonum's mathext and ψ′'s series,
// independently of expr's evaluator.
var specialFormulas = []struct {
	src string
	ref func(env *expr.Env) float64
}{
	{"log(gamma(a))", func(env *expr.Env) float64 { v, _ := math.Lgamma(env.Vals["a"]); return v }},
	{"digamma(a) - log(b)", func(env *expr.Env) float64 { return mathext.Digamma(env.Vals["a"]) - math.Log(env.Vals["b"]) }},
	{"(a - 1)*digamma(a) + log(gamma(a)) - c", func(env *expr.Env) float64 {
		a := env.Vals["a"]
		lg, _ := math.Lgamma(a)
		return (a-1)*mathext.Digamma(a) + lg - env.Vals["c"]
	}},
	{"trigamma(a) + trigamma(b + 1)*c", func(env *expr.Env) float64 {
		return trigammaRef(env.Vals["a"]) + trigammaRef(env.Vals["b"]+1)*env.Vals["c"]
	}},
	{"gamma(a)*b", func(env *expr.Env) float64 { return math.Gamma(env.Vals["a"]) * env.Vals["b"] }},
	{"sum(d in 1..D, log(gamma(w[d])) + c*digamma(w[d]))", func(env *expr.Env) float64 {
		s := 0.0
		for _, w := range env.Vecs["w"] {
			lg, _ := math.Lgamma(w)
			s += lg + env.Vals["c"]*mathext.Digamma(w)
		}
		return s
	}},
}

// trigammaRef is ψ′(x) from its series Σ 1/(x + k)², with the
// Euler–Maclaurin tail after N terms; independent of the evaluator's.
func trigammaRef(x float64) float64 {
	const n = 2000
	sum := 0.0
	for k := n - 1; k >= 0; k-- {
		y := x + float64(k)
		sum += 1 / (y * y)
	}
	y := x + n
	return sum + 1/y + 1/(2*y*y) + 1/(6*y*y*y)
}

func TestCodeSpecialFunctions(t *testing.T) {
	var ds []*derive.Derivation
	var cases [][]codeCase
	rng := rand.New(rand.NewPCG(3, 5))
	for i, f := range specialFormulas {
		g := generatedDerivation(t, i, f.src, nil)
		ds = append(ds, g.d)
		var cs []codeCase
		for _, dim := range []int{1, 3} {
			env := scalarEnv(rng, dim)
			c := codeCase{Fn: g.sig.snakeName(), params: g.sig.params, what: f.src, Args: []any{}, Want: []float64{f.ref(env)}}
			for _, p := range g.sig.params {
				c.Args = append(c.Args, argValue(env, p))
			}
			cs = append(cs, c)
		}
		cases = append(cases, cs)
	}
	for _, lang := range CodeFormats {
		t.Run(lang, func(t *testing.T) {
			src, fs, err := codeFile(lang, ds, Options{Package: "special"})
			require.NoError(t, err)
			var run []codeCase
			for i, f := range fs {
				if lang == "torch" && strings.Contains(specialFormulas[i].src, "gamma(a)*") {
					// The one function PyTorch lacks: the file says so.
					require.Contains(t, src, "# "+f.name+" has no PyTorch counterpart: PyTorch has no gamma function")
					continue
				}
				require.Empty(t, f.none, f.none)
				for _, c := range cases[i] {
					c.Fn = f.name
					run = append(run, c)
				}
			}
			m := codeModule{name: "special", src: src, cases: run}
			if lang == "go" {
				runGo(t, []codeModule{m})
			} else {
				runPython(t, lang, []codeModule{m})
			}
		})
	}
}
