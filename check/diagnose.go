package check

import (
	"fmt"
	"math"
	"math/big"
	"strings"

	"github.com/klderive/klderive/expr"
	"gonum.org/v1/gonum/mat"
)

// Diagnosis of a wrong link, by cheap numeric tests on the points where
// the sides were compared. The first that applies is reported:
//
//   - a constant ratio of 2, ½ or −1: right = 2 × left (a factor of 2?),
//     right = −left (a sign error?);
//   - a constant difference: a dropped or extra constant term (½,
//     ½·log(2π), ...);
//   - a swapped pair: swapping two symbols (μ₁ and μ₂) or two densities
//     (p and q) in one side makes the sides agree, or changing one
//     occurrence of a symbol into another of its letter (μ_p into μ_q)
//     does (swap.go);
//   - a standard deviation taken for a variance: reading σ as √σ or σ²;
//   - one term off by a factor of 2, ½ or its sign (swap.go);
//   - one simple term: right − left = c·a·b, c·(a − b)²/b², c·log a, ...;
//   - a named quantity: the right side is KL, H or a cross-entropy of
//     the context's densities, which the left side is not;
//   - another constant ratio;
//   - one symbol: the difference moves with one symbol only;
//   - a special case: the sides agree when some parameters take standard
//     values (0, 1, I), and not in general.

// diagnose explains a wrong link, or returns "". With no point of the
// sample (a piecewise side wrong at its first finite point) every test
// would pass vacuously: there is nothing to tell.
func (n *numeric) diagnose(l *Link, s sample) string {
	if len(s.idx) == 0 {
		return ""
	}
	diff := make([]float64, len(s.idx))
	for k := range s.idx {
		diff[k] = s.r[k] - s.l[k]
	}
	ratio, ratioOK := n.ratio(s)
	if ratioOK {
		switch {
		case near(ratio, -1):
			return "right = −left: a sign error?"
		case near(ratio, 2):
			return "right = 2 × left: a factor of 2?"
		case near(ratio, 0.5):
			return "right = ½ × left: a factor of ½?"
		}
	}
	if l.Op == "=" || l.Op == `\equiv` {
		if d, ok := constant(diff); ok {
			return fmt.Sprintf("right − left = %s at every point: a dropped or extra constant term?", niceNumber(d))
		}
		if msg := n.swaps(l, s); msg != "" {
			return msg
		}
		if msg := n.scales(l, s); msg != "" {
			return msg
		}
		if msg := n.scaledTerm(l, s); msg != "" {
			return msg
		}
		if msg := n.term(l, s, diff); msg != "" {
			return msg
		}
		if msg := n.named(l, s); msg != "" {
			return msg
		}
	}
	if ratioOK && ratio != 0 && (l.Op == "=" || l.Op == `\equiv`) {
		// A zero ratio is a side that is 0, no factor; and a factor says
		// nothing about an inequality.
		return fmt.Sprintf("right = %s × left at every point: a constant factor?", niceNumber(ratio))
	}
	if l.Op == "=" || l.Op == `\equiv` {
		if msg := n.oneSymbol(l, s); msg != "" {
			return msg
		}
		return n.special(l, s)
	}
	return ""
}

// ratio is right/left when it is the same at every point.
func (n *numeric) ratio(s sample) (float64, bool) {
	rs := make([]float64, len(s.idx))
	for k := range s.idx {
		if math.Abs(s.l[k]) < 1e-9 {
			return 0, false
		}
		rs[k] = s.r[k] / s.l[k]
	}
	return constant(rs)
}

// constant reports whether all values agree, and their value.
func constant(vs []float64) (float64, bool) {
	if len(vs) == 0 {
		return 0, false
	}
	for _, v := range vs[1:] {
		if math.Abs(v-vs[0]) > 1e-6*math.Max(1, math.Abs(vs[0])) {
			return 0, false
		}
	}
	return vs[0], true
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-6*math.Max(1, math.Abs(b)) }

// niceNumber names a constant: a small fraction, or a fraction of
// log(2π), log 2 or π; otherwise four significant digits.
func niceNumber(d float64) string {
	if q, ok := fraction(d); ok {
		return q
	}
	for _, c := range []struct {
		name string
		v    float64
	}{{"log(2π)", math.Log(2 * math.Pi)}, {"log 2", math.Ln2}, {"π", math.Pi}, {"log π", math.Log(math.Pi)}} {
		if q, ok := fraction(d / c.v); ok {
			switch q {
			case "1":
				return c.name
			case "−1":
				return "−" + c.name
			}
			return q + "·" + c.name
		}
	}
	return fmt.Sprintf("%.4g", d)
}

// fraction writes v as a fraction with a denominator up to 12.
func fraction(v float64) (string, bool) {
	r, ok := rational(v)
	if !ok {
		return "", false
	}
	s := r.RatString()
	if r.Sign() < 0 {
		s = "−" + s[1:]
	}
	return s, true
}

// rational reads v as a fraction with a denominator up to 12.
func rational(v float64) (*big.Rat, bool) {
	for den := int64(1); den <= 12; den++ {
		num := math.Round(v * float64(den))
		if math.Abs(num) < 1e6 && math.Abs(v*float64(den)-num) < 1e-6*float64(den) {
			return big.NewRat(int64(num), den), true
		}
	}
	return nil, false
}

// term fits the difference right − left to one simple term of the link's
// symbols, c·a, c·a², c·a·b, c·(a − b)² or c·log a, over 1, b or b² for a
// positive b, with c a small fraction: a dropped or extra term.
func (n *numeric) term(l *Link, s sample, diff []float64) string {
	env0 := n.envs[s.idx[0]]
	var syms, pos []expr.Expr
	for _, name := range linkSymbols(n.c, l.L, l.R) {
		if _, ok := env0.Vals[name]; ok {
			syms = append(syms, expr.S(name))
			if n.c.prob.Ctx.Positive[name] || env0.Vals[name] > 0 && !n.c.params[name] {
				pos = append(pos, expr.S(name))
			}
		}
	}
	if len(syms) == 0 || len(syms) > 6 {
		return ""
	}
	var nums []expr.Expr
	for i, a := range syms {
		nums = append(nums, a, expr.Power(a, expr.N(2)))
		for _, b := range syms[i+1:] {
			nums = append(nums, expr.Prod(a, b), expr.Power(expr.Sub(a, b), expr.N(2)))
		}
	}
	for _, a := range pos {
		nums = append(nums, expr.Fn("log", a))
	}
	dens := []expr.Expr{expr.N(1)}
	for _, b := range pos {
		dens = append(dens, b, expr.Power(b, expr.N(2)))
	}
	for _, den := range dens {
		for _, num := range nums {
			t := expr.Quo(num, den)
			cs := make([]float64, len(s.idx))
			ok := true
			for k, i := range s.idx {
				v, err := expr.EvalErr(t, n.envs[i])
				if err != nil || math.Abs(v.V) < 1e-9 || v.Rel() > 1e-9 {
					ok = false
					break
				}
				cs[k] = diff[k] / v.V
			}
			if !ok {
				continue
			}
			c, same := constant(cs)
			if !same {
				continue
			}
			if r, nice := rational(c); nice && r.Sign() != 0 {
				return fmt.Sprintf("right − left = %s at every point: a dropped or extra term?",
					expr.Format(expr.Prod(&expr.Num{Val: r}, t), expr.Unicode))
			}
		}
	}
	return ""
}

// agrees reports whether x equals want at the sample's points, testing a
// few points first.
func (n *numeric) agrees(x expr.Expr, want []expr.Value, s sample) bool {
	if n.c.cost(x) > maxCost {
		return false
	}
	ser := n.series(x)
	order := make([]int, len(s.idx))
	for k := range order {
		order[k] = k
	}
	for _, k := range order {
		v, err := n.at(ser, s.idx[k])
		if err != nil || !holds("=", v, want[k]) {
			return false
		}
	}
	return true
}

// named reports when the right side, the new line, is a named quantity
// of the context, KL(p ‖ q), H(p) or H(p, q), which the left side is not.
func (n *numeric) named(l *Link, s sample) string {
	var quantities []*expr.Info
	names := sortedNames(keys(n.c.dens))
	for _, a := range names {
		quantities = append(quantities, &expr.Info{Kind: "H", P: a})
		for _, b := range names {
			if a != b {
				quantities = append(quantities, &expr.Info{Kind: "KL", P: a, Q: b}, &expr.Info{Kind: "H", P: a, Q: b})
			}
		}
	}
	if len(quantities) > 12 {
		return ""
	}
	match := func(vals []expr.Value) *expr.Info {
		for _, q := range quantities {
			if n.agrees(q, vals, s) {
				return q
			}
		}
		return nil
	}
	lq, rq := match(s.lv), match(s.rv)
	name := func(q *expr.Info) string {
		what := map[bool]string{true: "the entropy", false: "the cross-entropy"}[q.Q == ""]
		if q.Kind == "KL" {
			what = "the KL divergence"
		}
		return expr.Format(q, expr.Unicode) + " (" + what + ")"
	}
	switch {
	case rq == nil:
		return ""
	case lq != nil:
		return fmt.Sprintf("the left side is %s but the right side is %s", name(lq), name(rq))
	}
	return fmt.Sprintf("the right side is %s", name(rq))
}

func keys[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}

// oneSymbol reports when the difference of the sides changes with one
// symbol only, moving each symbol in turn to its values at other points.
func (n *numeric) oneSymbol(l *Link, s sample) string {
	base := n.envs[s.idx[0]]
	d0 := s.r[0] - s.l[0]
	// Values are taken from points of the same dimension, so that vectors
	// and matrices keep their sizes; a dimension itself does not move.
	var donors []int
	for _, k := range s.idx[1:] {
		same := true
		for d := range n.c.dims {
			same = same && n.envs[k].Vals[d] == base.Vals[d]
		}
		if same {
			donors = append(donors, k)
		}
	}
	if len(donors) < 2 {
		return ""
	}
	var moved []string
	for _, name := range linkSymbols(n.c, l.L, l.R) {
		if n.c.dims[name] {
			continue
		}
		for _, k := range donors[:2] {
			env := withValue(base, n.envs[k], name)
			lv, err1 := expr.EvalErr(l.L, env)
			rv, err2 := expr.EvalErr(l.R, env)
			if err1 != nil || err2 != nil || (lv.Err+rv.Err) > 1e-8*math.Max(1, math.Abs(d0)) {
				continue // no evaluation, or one too inexact to tell a move
			}
			if math.Abs((rv.V-lv.V)-d0) > 1e-6*math.Max(1, math.Abs(d0)) {
				moved = append(moved, name)
				break
			}
		}
	}
	if len(moved) == 1 {
		return fmt.Sprintf("the difference right − left depends only on %s: the mistake involves %s", symName(moved[0]), symName(moved[0]))
	}
	return ""
}

// special finds the fewest parameters that, set to a standard value (0,
// or 1 for a positive one), make the sides agree: the right side may hold
// only in that special case, or miss the terms that vanish there.
func (n *numeric) special(l *Link, s sample) string {
	var params []string
	for _, name := range linkSymbols(n.c, l.L, l.R) {
		if n.c.params[name] && !n.c.dims[name] {
			params = append(params, name)
		}
	}
	if len(params) == 0 || len(params) > 8 {
		return ""
	}
	idx := s.idx[:min(len(s.idx), minPoints)]
	// The standard value of a parameter: 1 for a positive number or the
	// identity for a matrix, 0 for the rest (a mean vector too).
	one := func(name string) bool {
		_, isMat := n.envs[idx[0]].Mats[name]
		return n.c.prob.Ctx.Positive[name] || isMat
	}
	set := func(env *expr.Env, name string) {
		switch {
		case env.Mats[name] != nil:
			r, _ := env.Mats[name].Dims()
			id := mat.NewDense(r, r, nil)
			for i := range r {
				id.Set(i, i, 1)
			}
			env.Mats[name] = id
		case env.Vecs[name] != nil:
			env.Vecs[name] = make([]float64, len(env.Vecs[name]))
		case one(name):
			env.Vals[name] = 1
		default:
			env.Vals[name] = 0
		}
	}
	word := func(name string) string {
		_, isMat := n.envs[idx[0]].Mats[name]
		switch {
		case isMat:
			return "I"
		case one(name):
			return "1"
		}
		return "0"
	}
	for size := 1; size < len(params); size++ {
		for _, subset := range subsets(len(params), size) {
			agree := true
			for _, i := range idx {
				env := withValue(n.envs[i], n.envs[i], "")
				for _, j := range subset {
					set(env, params[j])
				}
				lv, err1 := expr.EvalErr(l.L, env)
				rv, err2 := expr.EvalErr(l.R, env)
				if err1 != nil || err2 != nil || !holds(l.Op, lv, rv) {
					agree = false
					break
				}
			}
			if !agree {
				continue
			}
			var at, names []string
			for _, j := range subset {
				at = append(at, fmt.Sprintf("%s = %s", symName(params[j]), word(params[j])))
				names = append(names, symName(params[j]))
			}
			return fmt.Sprintf("the sides agree when %s, not in general: the mistake involves %s, or the right side is a special case",
				strings.Join(at, " and "), strings.Join(names, " and "))
		}
	}
	return ""
}

// subsets lists the k-element subsets of 0..n-1 in lexicographic order.
func subsets(n, k int) [][]int {
	var out [][]int
	var rec func(start int, cur []int)
	rec = func(start int, cur []int) {
		if len(cur) == k {
			out = append(out, append([]int{}, cur...))
			return
		}
		for i := start; i < n; i++ {
			rec(i+1, append(cur, i))
		}
	}
	rec(0, nil)
	return out
}

// withValue copies base with the value of one symbol taken from other.
func withValue(base, other *expr.Env, name string) *expr.Env {
	env := &expr.Env{Vals: map[string]float64{}, Vecs: map[string][]float64{}, Mats: map[string]*mat.Dense{},
		Dens: base.Dens, MaxIndex: base.MaxIndex}
	for k, v := range base.Vals {
		env.Vals[k] = v
	}
	for k, v := range base.Vecs {
		env.Vecs[k] = v
	}
	for k, v := range base.Mats {
		env.Mats[k] = v
	}
	if v, ok := other.Vals[name]; ok {
		env.Vals[name] = v
	}
	if v, ok := other.Vecs[name]; ok {
		env.Vecs[name] = v
	}
	if v, ok := other.Mats[name]; ok {
		env.Mats[name] = v
	}
	return env
}
