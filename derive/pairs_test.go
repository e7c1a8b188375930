package derive

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// The pair matrix: every ordered pair of the scalar continuous families of
// the registry, KL(p ‖ q), H(p, q) and H(p), with parameters written as
// symbols, as numbers and as compound expressions. Each derives and
// verifies, and then agrees with a quadrature of the definition written
// here from gonum's densities, in each case of a piecewise result or
// term, or is +∞ with a witness where the supports say so.

// pairFamilies are the scalar continuous families, by name (the
// Dirichlet, on the simplex, pairs only with itself: examples/dirichlet.kl).
func pairFamilies() []*family.Family {
	var out []*family.Family
	for _, f := range family.All() {
		if !f.Multivariate && !f.IsVector() && !f.Support.Discrete {
			out = append(out, f)
		}
	}
	return out
}

// paramForm writes a family's parameters for the density of one role
// (prefix "u" for p, "w" for q).
type paramForm struct {
	name string
	args func(f *family.Family, prefix string) []string
}

var paramForms = []paramForm{
	{"symbols", func(f *family.Family, prefix string) []string {
		var out []string
		for i := range f.Params {
			out = append(out, fmt.Sprintf("%s_%d", prefix, i+1))
		}
		return out
	}},
	{"numbers", func(f *family.Family, prefix string) []string {
		if f.Ends != nil && !f.Support.Discrete {
			return map[string][]string{"u": {"-1/2", "1"}, "w": {"-1", "2"}}[prefix]
		}
		reals := map[string][]string{"u": {"1/2", "-1"}, "w": {"-1", "3/2"}}[prefix]
		positives := map[string][]string{"u": {"2", "3/2"}, "w": {"5/2", "1/2"}}[prefix]
		var out []string
		for i, p := range f.Params {
			if p.Domain == expr.Positive {
				out = append(out, positives[i])
			} else {
				out = append(out, reals[i])
			}
		}
		return out
	}},
	{"compound", func(f *family.Family, prefix string) []string {
		s := func(i int) string { return fmt.Sprintf("%s_%d", prefix, i+1) }
		if f.Ends != nil && !f.Support.Discrete {
			return []string{s(0) + " - 1", s(0) + " + exp(" + s(1) + ")"}
		}
		var out []string
		for i, p := range f.Params {
			switch {
			case p.Domain != expr.Positive:
				out = append(out, "2*"+s(i)+" - 1")
			case i == 0:
				out = append(out, "exp("+s(i)+")")
			default:
				out = append(out, s(i)+" + 1")
			}
		}
		return out
	}},
}

func densityLine(name string, f *family.Family, args []string) string {
	return name + "(x) = " + f.Name + "(x; " + strings.Join(args, ", ") + ")\n"
}

// endKind is what one end of a support is: infinite, a fixed number, or
// a parameter.
type endKind struct {
	infinite, param bool
	at              float64
}

// supportEnds are the ends of a family's support with the parameters of a
// form; a Uniform's are its parameters, numbers in the numbers form.
func supportEndsOf(f *family.Family, form paramForm, prefix string) (lo, hi endKind) {
	if f.Ends != nil && !f.Support.Discrete {
		if form.name != "numbers" {
			return endKind{param: true}, endKind{param: true}
		}
		args := form.args(f, prefix)
		return endKind{at: number(args[0])}, endKind{at: number(args[1])}
	}
	return endKind{infinite: math.IsInf(f.Support.Lo, -1), at: f.Support.Lo}, endKind{infinite: math.IsInf(f.Support.Hi, 1), at: f.Support.Hi}
}

// expectedSupport is what the supports say of KL(p ‖ q) and H(p, q):
// "inf" where q is bounded on a side where p is not, or p reaches beyond
// q with fixed ends; "open" where a parameter decides; "" where p's
// support lies inside q's. A gap on either side is +∞ whatever the
// other says.
func expectedSupport(fp, fq *family.Family, form paramForm) string {
	pLo, pHi := supportEndsOf(fp, form, "u")
	qLo, qHi := supportEndsOf(fq, form, "w")
	// side compares q's end with p's on one side; beyond is true when
	// p's end lies past q's there.
	side := func(q, p endKind, beyond func(p, q float64) bool) string {
		switch {
		case q.infinite:
			return ""
		case p.infinite:
			return "inf"
		case p.param || q.param:
			return "open"
		case beyond(p.at, q.at):
			return "inf"
		}
		return ""
	}
	// The compound form's Uniform(u − 1, u + exp(v)) is wider than 1,
	// so a q on a fixed interval no wider (a Beta's (0, 1)) never holds
	// it: +∞ at every point, though each end alone is open.
	if fp.Ends != nil && form.name == "compound" && !qLo.infinite && !qHi.infinite && !qLo.param && !qHi.param && qHi.at-qLo.at <= 1 {
		return "inf"
	}
	lo := side(qLo, pLo, func(p, q float64) bool { return p < q })
	hi := side(qHi, pHi, func(p, q float64) bool { return p > q })
	switch {
	case lo == "inf" || hi == "inf":
		return "inf"
	case lo == "open" || hi == "open":
		return "open"
	}
	return ""
}

// number is the value of a literal such as -1/2.
func number(src string) float64 {
	v, err := expr.Eval(expr.MustParse(src), &expr.Env{})
	if err != nil {
		panic(err)
	}
	return v
}

// referenceLogPDF is each family's log-density from gonum's distuv (the
// half-normal as twice a Normal, the Beta from mathext's log B with the
// distance 1 − x given, for accuracy at x near 1), written apart from
// the families' own. toHi is 1 − x.
var referenceLogPDF = map[string]func(ps []float64) func(x, toHi float64) float64{
	"Normal": func(ps []float64) func(x, toHi float64) float64 {
		d := distuv.Normal{Mu: ps[0], Sigma: math.Sqrt(ps[1])}
		return func(x, _ float64) float64 { return d.LogProb(x) }
	},
	"Exponential": func(ps []float64) func(x, toHi float64) float64 {
		d := distuv.Exponential{Rate: ps[0]}
		return func(x, _ float64) float64 { return d.LogProb(x) }
	},
	"Gamma": func(ps []float64) func(x, toHi float64) float64 {
		d := distuv.Gamma{Alpha: ps[0], Beta: ps[1]}
		return func(x, _ float64) float64 { return d.LogProb(x) }
	},
	"Beta": func(ps []float64) func(x, toHi float64) float64 {
		a, b := ps[0], ps[1]
		return func(x, toHi float64) float64 {
			if x <= 0 || toHi <= 0 {
				return math.Inf(-1)
			}
			return (a-1)*math.Log(x) + (b-1)*math.Log(toHi) - mathext.Lbeta(a, b)
		}
	},
	"Laplace": func(ps []float64) func(x, toHi float64) float64 {
		d := distuv.Laplace{Mu: ps[0], Scale: ps[1]}
		return func(x, _ float64) float64 { return d.LogProb(x) }
	},
	"Uniform": func(ps []float64) func(x, toHi float64) float64 {
		d := distuv.Uniform{Min: ps[0], Max: ps[1]}
		return func(x, _ float64) float64 { return d.LogProb(x) }
	},
	"LogNormal": func(ps []float64) func(x, toHi float64) float64 {
		d := distuv.LogNormal{Mu: ps[0], Sigma: math.Sqrt(ps[1])}
		return func(x, _ float64) float64 { return d.LogProb(x) }
	},
	"HalfNormal": func(ps []float64) func(x, toHi float64) float64 {
		d := distuv.Normal{Mu: 0, Sigma: math.Sqrt(ps[0])}
		return func(x, _ float64) float64 {
			if x < 0 {
				return math.Inf(-1)
			}
			return math.Ln2 + d.LogProb(x)
		}
	},
}

// doubleExponential integrates f over (lo, hi), cut at the breaks inside,
// by the tanh-sinh rule on finite pieces and the exp-sinh rule on
// half-lines, which take the log and power singularities of these
// densities at the ends. f gets x and its distance below hi, exact near
// hi where x itself rounds. h is the step; the sums run until the nodes
// leave the floating-point range.
func doubleExponential(f func(x, toHi float64) float64, lo, hi float64, breaks []float64) float64 {
	cuts := []float64{lo}
	if math.IsInf(lo, -1) && math.IsInf(hi, 1) {
		breaks = append(breaks, 0)
	}
	sort.Float64s(breaks)
	for _, b := range breaks {
		if b > cuts[len(cuts)-1] && b < hi {
			cuts = append(cuts, b)
		}
	}
	cuts = append(cuts, hi)
	const h, reach = 1.0 / 64, 6.5
	sum := 0.0
	for i := 0; i+1 < len(cuts); i++ {
		a, b := cuts[i], cuts[i+1]
		for k := -reach / h; k <= reach/h; k++ {
			t := k * h
			u := math.Pi / 2 * math.Sinh(t)
			var x, toHi, w float64
			switch {
			case !math.IsInf(a, 0) && !math.IsInf(b, 0):
				// (b − a)/(1 + e^(∓2u)) from each end, so that a node
				// near an end keeps its distance to it.
				fromA, toB := (b-a)/(1+math.Exp(-2*u)), (b-a)/(1+math.Exp(2*u))
				x, toHi = a+fromA, hi-b+toB
				if t > 0 {
					x = b - toB
				}
				if fromA == 0 || toB == 0 {
					continue
				}
				w = (b - a) / 2 * math.Pi / 2 * math.Cosh(t) / (math.Cosh(u) * math.Cosh(u))
			case math.IsInf(b, 1):
				d := math.Exp(u)
				x, toHi, w = a+d, math.Inf(1), math.Pi/2*math.Cosh(t)*d
			default:
				d := math.Exp(u)
				x, toHi, w = b-d, hi-b+d, math.Pi/2*math.Cosh(t)*d
			}
			if math.IsInf(x, 0) || w == 0 || math.IsInf(w, 0) {
				continue
			}
			if v := f(x, toHi); v != 0 {
				sum += w * v
			}
		}
	}
	return sum * h
}

// reference is the quantity of the goal by quadrature over p's support:
// ∫ p (log p − log q), −∫ p log q or −∫ p log p.
func reference(g *expr.Info, fp, fq *family.Family, pp, qp []float64) float64 {
	lp := referenceLogPDF[fp.Name](pp)
	var lq func(x, toHi float64) float64
	if fq != nil {
		lq = referenceLogPDF[fq.Name](qp)
	}
	lo, hi := fp.Support.Lo, fp.Support.Hi
	if fp.Ends != nil && !fp.Support.Discrete {
		lo, hi = pp[0], pp[1]
	}
	// A Beta q's reference takes 1 − x, which is (1 − hi) + (hi − x)
	// when p's support ends at hi inside (0, 1).
	qShift := 0.0
	if fq != nil && fq.Name == "Beta" && !math.IsInf(hi, 1) {
		qShift = 1 - hi
	}
	var breaks []float64
	for _, c := range []struct {
		f  *family.Family
		ps []float64
	}{{fp, pp}, {fq, qp}} {
		if c.f != nil && c.f.Breaks != nil {
			breaks = append(breaks, c.f.Breaks(c.ps)...)
		}
	}
	return doubleExponential(func(x, toHi float64) float64 {
		l := lp(x, toHi)
		if math.Exp(l) == 0 {
			// p(x) log p(x) → 0 where p vanishes, and p(x) log q(x)
			// too, far out in a tail where x² overflows.
			return 0
		}
		switch {
		case g.Q == "":
			return -math.Exp(l) * l
		case g.Kind == "KL":
			return math.Exp(l) * (l - lq(x, toHi+qShift))
		}
		return -math.Exp(l) * lq(x, toHi+qShift)
	}, lo, hi, breaks)
}

// gonumValue is distuv's own value of the goal where it has one: the KL
// divergences of two Betas or two Normals, and the entropies.
func gonumValue(g *expr.Info, fp, fq *family.Family, pp, qp []float64) (float64, bool) {
	type entropic interface{ Entropy() float64 }
	one := func(f *family.Family, ps []float64) (entropic, bool) {
		switch f.Name {
		case "Normal":
			return distuv.Normal{Mu: ps[0], Sigma: math.Sqrt(ps[1])}, true
		case "Exponential":
			return distuv.Exponential{Rate: ps[0]}, true
		case "Beta":
			return distuv.Beta{Alpha: ps[0], Beta: ps[1]}, true
		case "Laplace":
			return distuv.Laplace{Mu: ps[0], Scale: ps[1]}, true
		case "Uniform":
			return distuv.Uniform{Min: ps[0], Max: ps[1]}, true
		case "LogNormal":
			return distuv.LogNormal{Mu: ps[0], Sigma: math.Sqrt(ps[1])}, true
		}
		return nil, false
	}
	switch {
	case g.Q == "":
		d, ok := one(fp, pp)
		if !ok {
			return 0, false
		}
		return d.Entropy(), true
	case g.Kind != "KL" || fp != fq:
		return 0, false
	case fp.Name == "Beta":
		return distuv.KullbackLeibler{}.DistBeta(distuv.Beta{Alpha: pp[0], Beta: pp[1]}, distuv.Beta{Alpha: qp[0], Beta: qp[1]}), true
	case fp.Name == "Normal":
		return distuv.KullbackLeibler{}.DistNormal(distuv.Normal{Mu: pp[0], Sigma: math.Sqrt(pp[1])}, distuv.Normal{Mu: qp[0], Sigma: math.Sqrt(qp[1])}), true
	}
	return 0, false
}

// A pair case: the file, its goal and the families with their
// parameter expressions.
type pairCase struct {
	src    string
	fp, fq *family.Family
	form   paramForm
}

func pairCases() []pairCase {
	var out []pairCase
	for _, form := range paramForms {
		for _, fp := range pairFamilies() {
			p := densityLine("p", fp, form.args(fp, "u"))
			out = append(out, pairCase{src: p + "derive H(p)\n", fp: fp, form: form})
			for _, fq := range pairFamilies() {
				q := densityLine("q", fq, form.args(fq, "w"))
				for _, goal := range []string{"KL(p || q)", "H(p, q)"} {
					out = append(out, pairCase{src: p + q + "derive " + goal + "\n", fp: fp, fq: fq, form: form})
				}
			}
		}
	}
	return out
}

// paramValues evaluates a density's parameters at a point.
func paramValues(t *testing.T, p *Problem, name string, env *expr.Env) []float64 {
	t.Helper()
	c, _ := expr.FamilyCall(p.Ctx.Densities[name].Body)
	var out []float64
	for _, a := range c.Args[1:] {
		v, err := expr.Eval(a, env)
		require.NoError(t, err, expr.String(a))
		out = append(out, v)
	}
	return out
}

func TestPairMatrix(t *testing.T) {
	for _, c := range pairCases() {
		t.Run(c.form.name+"/"+strings.ReplaceAll(c.src, "\n", "; "), func(t *testing.T) {
			p := load(t, c.src)
			g := p.File.Goals[0].Info
			want := "" // what the supports say; H(p) is always finite
			if c.fq != nil {
				want = expectedSupport(c.fp, c.fq, c.form)
			}
			d, err := Derive(p, p.File.Goals[0], DefaultOptions)
			require.NoError(t, err)
			if want == "inf" {
				assert.Equal(t, "inf", expr.String(d.Result))
				assert.NotEmpty(t, d.Verification.Witness)
				return
			}
			require.NotEqual(t, "inf", expr.String(d.Result))
			if want == "open" {
				checkPiecewise(t, p, c, d)
				return
			}
			// A piecewise term (E|x − a| under a LogNormal about a point
			// of either sign) is checked in each of its cases.
			seen := map[string]int{}
			for _, env := range p.SamplePoints(3, 17, d.Result) {
				got, err := expr.Eval(d.Result, env)
				require.NoError(t, err)
				countCases(t, d.Result, env, seen)
				pp := paramValues(t, p, g.P, env)
				var qp []float64
				if g.Q != "" {
					qp = paramValues(t, p, g.Q, env)
				}
				ref := reference(g, c.fp, c.fq, pp, qp)
				assert.InDelta(t, ref, got, 1e-8*math.Max(1, math.Abs(ref)), "%s = %s against quadrature at %v", expr.String(g), expr.String(d.Result), env.Vals)
				if v, ok := gonumValue(g, c.fp, c.fq, pp, qp); ok {
					assert.InDelta(t, v, got, 1e-10*math.Max(1, math.Abs(v)), "%s = %s against gonum at %v", expr.String(g), expr.String(d.Result), env.Vals)
				}
			}
			assertEachCase(t, d.Result, seen)
		})
	}
}

// countCases counts, by piecewise term and case, the cases of e taken
// at env.
func countCases(t *testing.T, e expr.Expr, env *expr.Env, seen map[string]int) {
	t.Helper()
	expr.Any(e, func(n expr.Expr) bool {
		if cs, ok := n.(*expr.Cases); ok {
			k, err := expr.Taken(cs, env)
			require.NoError(t, err)
			seen[fmt.Sprintf("%s #%d", expr.String(cs), k)]++
		}
		return false
	})
}

// assertEachCase requires every case of every piecewise term of e to
// have been counted.
func assertEachCase(t *testing.T, e expr.Expr, seen map[string]int) {
	t.Helper()
	expr.Any(e, func(n expr.Expr) bool {
		if cs, ok := n.(*expr.Cases); ok {
			for k := range len(cs.Cases) + 1 {
				assert.Positive(t, seen[fmt.Sprintf("%s #%d", expr.String(cs), k)], "case %d of %s is taken at no point", k, expr.String(cs))
			}
		}
		return false
	})
}

// Under a LogNormal, E|x − m| about a point known positive, where log m
// exists, is one formula: with the assumption the pair derives without
// cases and agrees with quadrature.
func TestLogNormalAgainstLaplaceAtAPositiveLocation(t *testing.T) {
	for _, goal := range []string{"KL(p || q)", "H(p, q)"} {
		p := load(t, "p(x) = LogNormal(x; mu, v)\nq(x) = Laplace(x; m, s)\nassume m > 0\nderive "+goal+"\n")
		g := p.File.Goals[0].Info
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		require.NoError(t, err, goal)
		assert.False(t, expr.Any(d.Result, func(n expr.Expr) bool { _, ok := n.(*expr.Cases); return ok }), "no cases where m > 0: %s", expr.String(d.Result))
		fp, fq := family.LogNormal.Get(), family.Laplace.Get()
		for _, env := range p.SamplePoints(3, 17, d.Result) {
			got, err := expr.Eval(d.Result, env)
			require.NoError(t, err)
			ref := reference(g, fp, fq, paramValues(t, p, g.P, env), paramValues(t, p, g.Q, env))
			assert.InDelta(t, ref, got, 1e-8*math.Max(1, math.Abs(ref)), "%s = %s at %v", goal, expr.String(d.Result), env.Vals)
		}
	}
}

// checkPiecewise holds a piecewise result, finite where p's support lies
// inside q's and +∞ elsewhere, to the quadrature of the definition in its
// finite case and to +∞ in the other, at points drawn without
// assumptions, among which each case occurs.
func checkPiecewise(t *testing.T, p *Problem, c pairCase, d *Derivation) {
	t.Helper()
	g := p.File.Goals[0].Info
	cs, ok := d.Result.(*expr.Cases)
	require.True(t, ok, "a piecewise result, not %s", expr.String(d.Result))
	require.Len(t, cs.Cases, 1)
	assert.Equal(t, "inf", expr.String(cs.Else))
	assert.NotEmpty(t, d.Verification.Otherwise)
	seen := map[int]int{}
	for _, env := range p.SamplePoints(24, 17, d.Result) {
		taken, err := expr.Taken(cs, env)
		require.NoError(t, err)
		seen[taken]++
		got, err := expr.Eval(d.Result, env)
		require.NoError(t, err)
		if taken == 1 {
			assert.True(t, math.IsInf(got, 1), "%s = %s is %v, not +inf, at %v", expr.String(g), expr.String(d.Result), got, env.Vals)
			continue
		}
		ref := reference(g, c.fp, c.fq, paramValues(t, p, g.P, env), paramValues(t, p, g.Q, env))
		assert.InDelta(t, ref, got, 1e-8*math.Max(1, math.Abs(ref)), "%s = %s against quadrature at %v", expr.String(g), expr.String(d.Result), env.Vals)
	}
	assert.Positive(t, seen[0], "no point in the finite case")
	assert.Positive(t, seen[1], "no point in the case +inf")
}
