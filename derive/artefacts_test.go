package derive

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"
	"github.com/klderive/klderive/rules"
)

// A derivation reads like a person's (issue #11): no shown line carries
// what a person would never write, log(1), exp(0), a power 1, a factor
// 1 or 0, |s + 1| where s > 0, a root of a compound kept as a power,
// (1 - x)^(1/2) or exp(c)^(1/2), and so on. The line that substitutes
// the densities writes each density as a textbook does, with the
// parameters put in: there a product of exponentials, b^a·exp(-b·x) at
// b = exp(c), and a square under a root, sqrt(2·π·s²) for the variance
// s², are how the density reads, and only the lines after it are held
// to joining them and taking the square out. The problems are generated:
// each scalar continuous family against each other and itself, with
// parameters drawn from symbols, numbers and compounds under s > 0 and
// t > 0.

// artefactFamilies are the families the test pairs.
var artefactFamilies = []string{"Normal", "Gamma", "Exponential", "Beta", "Laplace", "Uniform", "LogNormal", "HalfNormal"}

// artefactParams draws the parameters of a family: a real one from
// reals, a positive one from positives, a Uniform's ends as a pair.
func artefactParams(f *family.Family, rng *rand.Rand) []string {
	reals := []string{"m", "c", "1/2", "3", "-1", "m - 1", "exp(c)", "s + 1", "2*s", "t*s", "log(s)"}
	positives := []string{"s", "t", "1/2", "3", "exp(c)", "s + 1", "2*s", "s^2", "t*s"}
	ends := [][2]string{{"m - 1", "m + exp(c)"}, {"1/2", "3"}, {"a", "a + s"}, {"0", "s"}, {"-s", "2*s"}, {"m", "m + 1"}}
	if f.Ends != nil {
		e := ends[rng.IntN(len(ends))]
		return e[:]
	}
	var out []string
	for _, p := range f.Params {
		if p.Domain == expr.Positive {
			out = append(out, positives[rng.IntN(len(positives))])
		} else {
			out = append(out, reals[rng.IntN(len(reals))])
		}
	}
	return out
}

// artefactProblems are the generated problems, four draws of parameters
// per ordered pair, each with KL(p || q), KL(q || p), H(p) and H(p, q).
func artefactProblems() []string {
	rng := rand.New(rand.NewPCG(7, 11))
	var out []string
	for _, pn := range artefactFamilies {
		for _, qn := range artefactFamilies {
			fp, fq := familyNamed(pn), familyNamed(qn)
			for range 4 {
				src := "assume s > 0\nassume t > 0\n" +
					densityLine("p", fp, artefactParams(fp, rng)) +
					densityLine("q", fq, artefactParams(fq, rng)) +
					"derive KL(p || q), KL(q || p), H(p), H(p, q)\n"
				out = append(out, src)
			}
		}
	}
	return out
}

func familyNamed(name string) *family.Family {
	for _, f := range family.All() {
		if f.Name == name {
			return f
		}
	}
	panic("no family " + name)
}

// artefactTexts are the artefacts found in the Unicode text of a line.
var artefactTexts = []struct {
	what string
	re   *regexp.Regexp
	// result: looked for in the result only; a moment may land so, as
	// exp(μ + v/2) at μ = log(s), and the next line simplifies it.
	result bool
}{
	{"sqrt(1)", regexp.MustCompile(`sqrt\(1\)|√1\b`), false},
	{"log(1)", regexp.MustCompile(`log\(1\)`), false},
	{"exp(0)", regexp.MustCompile(`exp\(0\)`), false},
	{"a power 1", regexp.MustCompile(`\^1\b|¹`), false},
	{"a power 0", regexp.MustCompile(`\^0\b|⁰`), false},
	{"a factor 1", regexp.MustCompile(`·1·|(^|[^\w.)\]])1·`), false},
	{"a division by 1", regexp.MustCompile(`/1\b([^.]|$)`), false},
	{"a factor 0", regexp.MustCompile(`(^|[^\w.])0·`), false},
	{"a root as a power", regexp.MustCompile(`\)\^\(-?1/2\)`), false},
	{"+ -", regexp.MustCompile(`\+ -`), false},
	// exp(log(s)/2) is √s, and a root's sum starts from a positive
	// term, sqrt(1 - x).
	{"the exp of a multiple of a log", regexp.MustCompile(`exp\((-?[0-9/]+·)?log\(`), true},
	{"a root whose sum starts negative", regexp.MustCompile(`sqrt\(-[^)]*[+-] `), true},
	{"- -", regexp.MustCompile(`- -`), false},
	// Not after a name (p(x), Γ(t), ψ′(s)) nor a power, (2·s)^(s²).
	{"(x) around a symbol", regexp.MustCompile(`(^|[^\w\p{L}\p{N}_^′])\(\p{L}[0-9_₀-₉]*\)`), false},
}

// treeArtefacts are the artefacts found in the tree of a line: |e| or
// the root of e² for an e known positive; after the densities are
// substituted (asWritten false), also a product of exponentials and a
// square factor under a root, sqrt(4·s) or sqrt(s²·t).
func treeArtefacts(e expr.Expr, ctx *rules.Context, asWritten bool) []string {
	var out []string
	expr.Any(e, func(n expr.Expr) bool {
		switch n := n.(type) {
		case *expr.Mul:
			exps := 0
			for _, f := range n.Factors {
				if pw, ok := f.(*expr.Pow); ok {
					f = pw.Base
				}
				if c, ok := f.(*expr.Call); ok && c.Fn == "exp" {
					exps++
				}
			}
			if exps > 1 && !asWritten {
				out = append(out, "a product of exponentials")
			}
		case *expr.Call:
			if n.Fn == "abs" && len(n.Args) == 1 && ctx.IsPositive(n.Args[0]) {
				out = append(out, "abs of a positive "+expr.String(n.Args[0]))
			}
			if n.Fn == "sqrt" && len(n.Args) == 1 && !asWritten && squareUnder(n.Args[0], ctx) {
				out = append(out, "a square factor under a root")
			}
		case *expr.Pow:
			sq, ok := n.Base.(*expr.Pow)
			if ok && expr.IsNum(n.Exp, big.NewRat(1, 2)) && expr.IsNum(sq.Exp, big.NewRat(2, 1)) && ctx.IsPositive(sq.Base) {
				out = append(out, "the root of the square of a positive "+expr.String(sq.Base))
			}
			if expr.IsNum(n.Exp, big.NewRat(1, 2)) && !asWritten && squareUnder(n.Base, ctx) {
				out = append(out, "a square factor under a root")
			}
		}
		return false
	})
	return out
}

// squareUnder reports a root's argument with a square factor a person
// takes out: a number with a square part, 4 or 8/9, or an even power of
// a positive, among the factors of a product.
func squareUnder(e expr.Expr, ctx *rules.Context) bool {
	fs := []expr.Expr{e}
	if m, ok := e.(*expr.Mul); ok {
		fs = m.Factors
	}
	for _, f := range fs {
		switch f := f.(type) {
		case *expr.Num:
			for _, part := range []*big.Int{f.Val.Num(), f.Val.Denom()} {
				for k := int64(2); k*k <= 1000; k++ {
					if new(big.Int).Rem(part, big.NewInt(k*k)).Sign() == 0 {
						return true
					}
				}
			}
		case *expr.Pow:
			k, ok := f.Exp.(*expr.Num)
			if ok && k.Val.IsInt() && k.Val.Num().Bit(0) == 0 && ctx.IsPositive(f.Base) {
				return true
			}
		}
	}
	return false
}

func TestNoShownLineCarriesAnArtefact(t *testing.T) {
	opt := DefaultOptions
	opt.Verify = false // the lines are what is read here; their checks are the other tests'
	derived := 0
	found := map[string][]string{}
	for _, src := range artefactProblems() {
		p := load(t, src)
		for _, g := range p.File.Goals {
			d, err := Derive(p, g, opt)
			if err != nil || d == nil {
				continue
			}
			derived++
			lines := []expr.Expr{d.Start}
			asWritten := []bool{true}
			for _, s := range d.Steps {
				lines = append(lines, s.After)
				asWritten = append(asWritten, s.Rule == "substitute-densities")
			}
			lines = append(lines, d.Result)
			asWritten = append(asWritten, false)
			for i, l := range lines {
				text := expr.Format(l, expr.Unicode)
				for _, a := range artefactTexts {
					if a.result && i < len(lines)-1 {
						continue
					}
					if a.re.MatchString(text) {
						found[a.what] = append(found[a.what], fmt.Sprintf("%s\n  in %s\n  of %s", text, expr.String(g.Info), strings.TrimSpace(src)))
					}
				}
				for _, a := range treeArtefacts(l, p.Ctx, asWritten[i]) {
					found[a] = append(found[a], fmt.Sprintf("%s\n  in %s\n  of %s", text, expr.String(g.Info), strings.TrimSpace(src)))
				}
			}
		}
	}
	t.Logf("%d goals derived", derived)
	require.Greater(t, derived, 900, "most generated goals derive")
	for what, where := range found {
		assert.Fail(t, "a shown line carries "+what, "%d lines, first:\n%s", len(where), where[0])
	}
}

// Gamma shapes a + 1 and a leave log Γ(a + 1) − log Γ(a), which the
// recurrence Γ(a + 1) = a·Γ(a) makes log a, as a person writes it: no
// Γ is left in KL(Gamma(a + 1, b) ‖ Gamma(a, b)) either way, and the
// step says which identity it took.
func TestGammaRatioIsALogarithm(t *testing.T) {
	for _, goal := range []string{"KL(p || q)", "KL(q || p)"} {
		p := load(t, "assume a > 0\nassume b > 0\np(x) = Gamma(x; a + 1, b)\nq(x) = Gamma(x; a, b)\nderive "+goal+"\n")
		d, err := Derive(p, p.File.Goals[0], DefaultOptions)
		require.NoError(t, err)
		assert.True(t, d.Verification.Direct)
		assert.False(t, expr.Any(d.Result, func(e expr.Expr) bool {
			c, ok := e.(*expr.Call)
			return ok && (c.Fn == "gamma" || c.Fn == "lgamma")
		}), "%s: %s", goal, expr.String(d.Result))
		assert.Contains(t, expr.String(d.Result), "log(a)", goal)
		var rules []string
		for _, s := range d.Steps {
			rules = append(rules, s.Rule)
		}
		assert.Contains(t, rules, "gamma-recurrence", goal)
	}
}
