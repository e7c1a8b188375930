package family

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/rules"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The moment tables from first principles. A Gamma and a Beta density
// are exponential families, exp(η·T(x) − A(η)) on their support, and
// the log-normaliser A gives their expectations: E[T_i] = ∂A/∂η_i, the
// variance of T_i is ∂²A/∂η_i², and E[exp(t·T)] = exp(A(η + t) − A(η)).
// This test differentiates A symbolically (expr.Derivative), checks A
// itself against a numerical integral of exp(η·T(x)), and compares the
// results with the family's moment rules at random parameters.

type normaliser struct {
	family  *Family
	support string   // the integral's range, for A's own check
	stats   []string // T(x), in the integration variable x
	logNorm string   // A in e_1, e_2
	eta     []string // η in the rule's parameters a, b
	// moments are the rule names and the expression in A that gives
	// each: E[T_i] as a derivative, others through A at shifted η.
	moments map[string]func(d func(string, string) expr.Expr, shift func(di, dj int64) expr.Expr) expr.Expr
}

var normalisers = []normaliser{
	{
		family: Gamma.Get(), support: "0..inf", stats: []string{"log(x)", "x"},
		logNorm: "lgamma(e_1 + 1) - (e_1 + 1)*log(-e_2)", eta: []string{"a - 1", "-b"},
		moments: map[string]func(func(string, string) expr.Expr, func(int64, int64) expr.Expr) expr.Expr{
			"gamma-log-mean": func(d func(string, string) expr.Expr, _ func(int64, int64) expr.Expr) expr.Expr { return d("e_1", "") },
			"gamma-mean":     func(d func(string, string) expr.Expr, _ func(int64, int64) expr.Expr) expr.Expr { return d("e_2", "") },
			// E[x²] = Var(x) + E[x]².
			"gamma-second-moment": func(d func(string, string) expr.Expr, _ func(int64, int64) expr.Expr) expr.Expr {
				return expr.Sum(d("e_2", "e_2"), expr.Power(d("e_2", ""), expr.N(2)))
			},
		},
	},
	{
		family: Beta.Get(), support: "0..1", stats: []string{"log(x)", "log(1 - x)"},
		logNorm: "lbeta(e_1 + 1, e_2 + 1)", eta: []string{"a - 1", "b - 1"},
		moments: map[string]func(func(string, string) expr.Expr, func(int64, int64) expr.Expr) expr.Expr{
			"beta-log-mean":            func(d func(string, string) expr.Expr, _ func(int64, int64) expr.Expr) expr.Expr { return d("e_1", "") },
			"beta-log-complement-mean": func(d func(string, string) expr.Expr, _ func(int64, int64) expr.Expr) expr.Expr { return d("e_2", "") },
			// x = exp(log x): the moment generating function of T at
			// t = (1, 0) and (2, 0).
			"beta-mean":          func(_ func(string, string) expr.Expr, s func(int64, int64) expr.Expr) expr.Expr { return s(1, 0) },
			"beta-second-moment": func(_ func(string, string) expr.Expr, s func(int64, int64) expr.Expr) expr.Expr { return s(2, 0) },
		},
	},
}

func TestMomentsFromTheLogNormaliser(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 5))
	for _, n := range normalisers {
		A := expr.MustParse(n.logNorm)
		atEta := func(e expr.Expr) expr.Expr {
			for i, v := range []string{"e_1", "e_2"} {
				e = expr.Replace(e, expr.S(v), expr.MustParse("("+n.eta[i]+")"))
			}
			return e
		}
		d := func(u, v string) expr.Expr {
			out, err := expr.Derivative(A, u)
			require.NoError(t, err, n.logNorm)
			if v != "" {
				out, err = expr.Derivative(out, v)
				require.NoError(t, err, n.logNorm)
			}
			return atEta(out)
		}
		shift := func(di, dj int64) expr.Expr {
			moved := expr.Replace(expr.Replace(A, expr.S("e_1"), expr.Sum(expr.S("e_1"), expr.N(di))), expr.S("e_2"), expr.Sum(expr.S("e_2"), expr.N(dj)))
			return expr.Fn("exp", expr.Sub(atEta(moved), atEta(A)))
		}
		// A is the log of the integral of exp(η·T(x)) over the support.
		integral := expr.MustParse("log(int(x in " + n.support + ", exp(e_1*" + n.stats[0] + " + e_2*" + n.stats[1] + ")))")
		for i := 0; i < 8; i++ {
			env := &expr.Env{Vals: map[string]float64{"a": 0.5 + 3*rng.Float64(), "b": 0.5 + 3*rng.Float64()}}
			for j, v := range []string{"e_1", "e_2"} {
				x, err := expr.Eval(expr.MustParse(n.eta[j]), env)
				require.NoError(t, err)
				env.Vals[v] = x
			}
			want, err := expr.EvalErr(integral, env)
			require.NoError(t, err, n.family.Name)
			got, err := expr.Eval(A, env)
			require.NoError(t, err)
			assert.InDelta(t, want.V, got, 1e-8+want.Err, "%s: A(η) at %v", n.family.Name, env.Vals)
			for name, of := range n.moments {
				r := findRule(n.family.Moments, name)
				require.NotNil(t, r, name)
				rule, err := expr.Eval(r.RHS, env)
				require.NoError(t, err, name)
				derived, err := expr.Eval(of(d, shift), env)
				require.NoError(t, err, name)
				assert.InDelta(t, derived, rule, 1e-10*math.Max(1, math.Abs(rule)), "%s at a = %g, b = %g", name, env.Vals["a"], env.Vals["b"])
			}
		}
	}
}

func findRule(s rules.Set, name string) *rules.Rule {
	for _, r := range s {
		if r.Name == name {
			return r
		}
	}
	return nil
}
