package expr

import (
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/integrate/quad"

	"github.com/klderive/klderive/internal/once"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// hermiteNodes are the most Gauss–Hermite nodes per coordinate used in
// each dimension: with n nodes the tensor rule is exact for polynomials of
// degree up to 2n − 1 in each coordinate, and the grid has n^k nodes.
var hermiteNodes = once.Value[map[int]int]{New: func() map[int]int {
	return map[int]int{1: 20, 2: 10, 3: 6, 4: 4, 5: 3}
}}

// cached holds the rules computed so far, made at the first.
var (
	rulesMu sync.Mutex
	cached  map[int]rule
)

type rule struct{ x, w []float64 }

// hermiteRule is the n-node Gauss–Hermite rule for the weight exp(−t²).
func hermiteRule(n int) rule {
	rulesMu.Lock()
	defer rulesMu.Unlock()
	if r, ok := cached[n]; ok {
		return r
	}
	r := rule{x: make([]float64, n), w: make([]float64, n)}
	quad.Hermite{}.FixedLocations(r.x, r.w, math.Inf(-1), math.Inf(1))
	if cached == nil {
		cached = map[int]rule{}
	}
	cached[n] = r
	return r
}

// exactNodes is the number of Gauss–Hermite nodes per coordinate that
// integrates a polynomial of degree deg exactly in k dimensions, or false
// when the grid would exceed the table above.
func exactNodes(deg, k int) (int, bool) {
	n := max(deg/2+1, 2)
	return n, n <= hermiteNodes.Get()[k]
}

// gaussian describes one independent Gaussian coordinate of a density.
type gaussian struct{ mean, variance float64 }

// expect computes E(x ~ p, body) numerically. Under a Normal, an
// independent product of Normals or a MvNormal, a body that is a
// polynomial in x (the logarithm of a Gaussian density counts) is
// integrated exactly by Gauss–Hermite quadrature. Any other body under a
// univariate density goes to the adaptive rule over the real line; under
// a multivariate one the grid's value is returned with an unknown
// (infinite) error, for it cannot be bounded.
func (ev evaluator) expect(x *Expect) (Value, error) {
	return ev.memoised(x, func() (Value, error) { return ev.integrate(x) })
}

// integrate is expect without the memo.
func (ev evaluator) integrate(x *Expect) (Value, error) {
	d, ok := ev.env.Dens[x.Dist]
	if !ok {
		return Value{}, fmt.Errorf("unknown density %s", x.Dist)
	}
	name := varName(x.Var)
	if name == "" {
		return Value{}, fmt.Errorf("cannot take an expectation over %s", String(x.Var))
	}
	deg := ev.bodyDegree(x, name)
	if c, ok := GaussianCall(d.Body, true); ok && Equal(c.Args[0], d.Var) {
		return ev.mvHermite(name, c, x.Body, deg)
	}
	coords, isProduct, err := ev.gaussianCoords(d)
	if err != nil {
		return Value{}, err
	}
	if coords != nil {
		if n, ok := exactNodes(deg, len(coords)); deg >= 0 && ok {
			return ev.hermite(name, coords, isProduct, x.Body, n)
		}
		if !isProduct {
			return ev.normalLine(name, coords[0], x.Body)
		}
		v, err := ev.hermite(name, coords, isProduct, x.Body, hermiteNodes.Get()[len(coords)])
		return Value{v.V, math.Inf(1)}, err
	}
	if _, ok := d.Var.(*Sym); !ok {
		return Value{}, fmt.Errorf("cannot integrate numerically over %s", String(d.Var))
	}
	// A family's expectation is an integral over its support, or a sum
	// over it, never over points where its density is zero or undefined.
	if c, f := FamilyCall(d.Body); c != nil && f.Support.Discrete && Equal(c.Args[0], d.Var) {
		s, err := ev.support(f, c)
		if err != nil {
			return Value{}, err
		}
		if f.VecBounds != nil {
			if s, err = ev.vectorBounds(f, c); err != nil {
				return Value{}, err
			}
		}
		return ev.discrete(name, d.Name, s, x.Body)
	}
	if c, f := FamilyCall(d.Body); c != nil && f.Coordinates != nil && Equal(c.Args[0], d.Var) {
		return ev.coordinatewise(name, c, f, x.Body)
	}
	if c, f := FamilyCall(d.Body); c != nil && (f.Support != RealLine || f.Ends != nil) {
		if !Equal(c.Args[0], d.Var) {
			return Value{}, fmt.Errorf("cannot integrate numerically over %s", String(d.Var))
		}
		return ev.overSupport(name, d, c, f, x.Body)
	}
	if lo, hi, ok, err := ev.caseSupport(d); ok {
		if err != nil {
			return Value{}, err
		}
		return ev.overCases(name, d, lo, hi, x.Body)
	}
	return ev.realLine(name, d.Name, x.Body)
}

// overSupport integrates density·body over the support of the density's
// family by the double-exponential rules, cut where the body or the
// density has a kink or a peak.
func (ev evaluator) overSupport(name string, d *Density, c *Call, f *Family, body Expr) (Value, error) {
	s, err := ev.support(f, c)
	if err != nil {
		return Value{}, err
	}
	lo, hi := s.Lo, s.Hi
	weight := Fn(d.Name, S(name))
	breaks := append(ev.breakpoints(body, name), ev.breakpoints(d.Body, varName(d.Var))...)
	// Near a finite upper end the variable is bound with its exact
	// distance from it, so that 1 − x under a Beta, and the density's
	// own (1 − x)^(b − 1), keep their digits where x rounds to 1.
	near := !math.IsInf(hi, 1) && f.LogPDFNearHi != nil
	// The weight is d's call at the variable: d's name and the variable
	// name it, so only the body is keyed as a tree.
	l := ev.keptLoop("support "+d.Name, name, compileFrom, func(l *loop) { l.term = l.weighted(weight, body) }, body)
	defer l.free()
	term := l.term
	g := func(x, _, toHi, logX float64) (Value, error) {
		if near && toHi < (hi-lo)/2 {
			l.setNear(x, hi, toHi)
		} else {
			l.setLogged(x, logX)
		}
		return term()
	}
	return intervalIntegral(g, lo, hi, breaks, near, label{e: Prod(weight, body)})
}

// support is the support of a family call: fixed, or computed from its
// parameters (a Uniform's ends, a Binomial's count).
func (ev evaluator) support(f *Family, c *Call) (Support, error) {
	if f.Ends == nil {
		return f.Support, nil
	}
	ps, err := ev.evalAll(c.Args[1:])
	if err != nil {
		return Support{}, err
	}
	s := f.SupportAt(values(ps))
	if !(s.Lo < s.Hi) {
		return Support{}, fmt.Errorf("the support of %s is empty (%g, %g)", String(c), s.Lo, s.Hi)
	}
	return s, nil
}

// values are the numbers of computed values, without their estimates.
func values(vs []Value) []float64 {
	out := make([]float64, len(vs))
	for i, v := range vs {
		out[i] = v.V
	}
	return out
}

// gaussianCoords recognises a density that is a Normal family call, or a
// product over an index of Normal calls on the coordinates of its
// variable, and evaluates their parameters.
func (ev evaluator) gaussianCoords(d *Density) ([]gaussian, bool, error) {
	param := func(ev evaluator, c *Call) (gaussian, error) {
		m, err := ev.num(c.Args[1])
		if err != nil {
			return gaussian{}, err
		}
		v, err := ev.num(c.Args[2])
		if err != nil {
			return gaussian{}, err
		}
		if !(v > 0) || math.IsInf(v, 1) || math.IsInf(m, 0) {
			return gaussian{}, fmt.Errorf("the variance of %s must be a positive number, not %g", String(c), v)
		}
		return gaussian{m, v}, nil
	}
	if c, ok := GaussianCall(d.Body, false); ok && Equal(c.Args[0], d.Var) {
		g, err := param(ev, c)
		return []gaussian{g}, false, err
	}
	b, ok := d.Body.(*Big)
	if !ok || b.Op != "prod" {
		return nil, false, nil
	}
	c, ok := GaussianCall(b.Body, false)
	want := &Index{Base: d.Var, Sub: S(b.Index)}
	if !ok || !Equal(c.Args[0], want) {
		return nil, false, nil
	}
	lo, hi, err := ev.bounds(b)
	if err != nil {
		return nil, false, err
	}
	if lo != 1 || hi < 1 || hi > len(hermiteNodes.Get()) {
		return nil, false, fmt.Errorf("numeric checks support products over 1..D with D from 1 to %d, not %d..%d", len(hermiteNodes.Get()), lo, hi)
	}
	var out []gaussian
	for i := lo; i <= hi; i++ {
		g, err := param(ev.bind(b.Index, Value{V: float64(i)}), c)
		if err != nil {
			return nil, false, err
		}
		out = append(out, g)
	}
	return out, true, nil
}

// hermite integrates body against independent Gaussian coordinates on a
// tensor Gauss–Hermite grid of n nodes per coordinate. The error is that
// of the body's values and the rounding of the sum.
func (ev evaluator) hermite(name string, coords []gaussian, vector bool, body Expr, n int) (Value, error) {
	r := hermiteRule(n)
	idx := make([]int, len(coords))
	point := make([]float64, len(coords))
	norm := math.Pow(math.Pi, -float64(len(coords))/2)
	var sum hermiteSum
	var l *loop
	var k code
	if !vector {
		l = ev.keptLoop("hermite", name, n, func(l *loop) { l.codes = []code{l.code(body)} }, body)
		defer l.free()
		k = l.codes[0]
	}
	for {
		w := norm
		for k, g := range coords {
			point[k] = g.mean + math.Sqrt(2*g.variance)*r.x[idx[k]]
			w *= r.w[idx[k]]
		}
		var v Value
		var err error
		if vector {
			v, err = ev.bindVec(name, append([]float64(nil), point...)).eval(body)
		} else {
			// The node as computed, with its rounding as error: where
			// the scale is far below the mean, the node rounds onto the
			// mean, and the integrand's estimate must show what is lost.
			l.set(exact(point[0]))
			v, err = l.run(k)
		}
		if err != nil {
			return Value{}, err
		}
		sum.add(w, v)
		k := 0
		for ; k < len(idx); k++ {
			idx[k]++
			if idx[k] < n {
				break
			}
			idx[k] = 0
		}
		if k == len(idx) {
			return sum.value(), nil
		}
	}
}

// hermiteSum accumulates a quadrature sum with its error: the weighted
// errors of the values, and a rounding bound on the weighted magnitudes.
type hermiteSum struct{ sum, err, abs float64 }

func (s *hermiteSum) add(w float64, v Value) {
	s.sum += w * v.V
	s.err += w * v.Err
	s.abs += w * math.Abs(v.V)
}

func (s *hermiteSum) value() Value { return Value{s.sum, s.err + 32*eps*s.abs} }

// normalLine integrates body against a Normal density by the adaptive
// rule, in the standard coordinate u = (x − mean)/sd, where the weight is
// the standard normal density whatever the scale of the Normal.
func (ev evaluator) normalLine(name string, g gaussian, body Expr) (Value, error) {
	sd := math.Sqrt(g.variance)
	var breaks []float64
	for _, b := range ev.breakpoints(body, name) {
		breaks = append(breaks, (b-g.mean)/sd)
	}
	breaks = append(breaks, 0)
	l := ev.keptLoop("normal", name, compileFrom, func(l *loop) { l.codes = []code{l.code(body), l.logOf(body)} }, body)
	defer l.free()
	k, logk := l.codes[0], l.codes[1]
	f := func(u float64) (Value, error) {
		l.set(exact(g.mean + sd*u)) // the node's rounding, as in hermite
		w := exact(math.Exp(-u*u/2) / math.Sqrt(2*math.Pi))
		return l.weigh(w, func() (Value, error) { return exact(-u*u/2 - math.Log(2*math.Pi)/2), nil }, k, logk, body)
	}
	return lineIntegral(f, breaks, label{e: body})
}

// realLine integrates weight*f over the real line by the adaptive rule,
// the weight being the density dens at the variable, or 1 where dens is
// "".
func (ev evaluator) realLine(name, dens string, f Expr) (Value, error) {
	var weight Expr
	if dens != "" {
		weight = Fn(dens, S(name))
	}
	breaks := ev.breakpoints(f, name)
	if weight != nil {
		breaks = append(breaks, ev.breakpoints(weight, name)...)
	}
	build := func(l *loop) {
		if weight == nil {
			k := l.code(f)
			l.term = func() (Value, error) { return l.run(k) }
		} else {
			l.term = l.weighted(weight, f)
		}
	}
	// The weight, built here, is named by dens and the variable; only f
	// is keyed as a tree (loopKey). Without a weight this is an
	// integral's.
	var l *loop
	if dens == "" {
		l = ev.keptIntegralLoop("line", name, build, f)
	} else {
		l = ev.keptLoop("line "+dens, name, compileFrom, build, f)
	}
	defer l.free()
	term := l.term
	g := func(x float64) (Value, error) {
		l.set(Value{V: x})
		return term()
	}
	what := f
	if weight != nil {
		what = Prod(weight, f)
	}
	return lineIntegral(g, breaks, label{e: what})
}

// weigh is w·body. Far in a tail the weight (a density) underflows to 0
// and the body (log p(x), exp(x)) may overflow; the product is then taken
// in log space, from logw and the body's logarithm, so that a weight's
// zero never hides a body that grows as fast as the weight falls (the
// divergent E[exp(x²/2)] under a standard Normal).
func (at evaluator) weigh(w Value, logw func() (Value, error), body Expr) (Value, error) {
	v, err := at.eval(body)
	if err != nil {
		return Value{}, err
	}
	return weighed(w, v, logw, func() (Value, error) { return at.logOf(body) }, body)
}

// weighed is weigh once the body's value v is known; logBody computes
// the body's logarithm.
func weighed(w, v Value, logw, logBody func() (Value, error), body Expr) (Value, error) {
	if w.V > 0 && !math.IsInf(v.V, 0) && !math.IsInf(w.V, 0) || v.V == 0 && v.Err == 0 {
		return mul(w, v), nil
	}
	var lv Value
	switch {
	case math.IsNaN(v.V):
		// A ratio of densities that both underflow (q(x)/p(x) far out) is
		// 0/0, but its logarithm, log q(x) - log p(x), is a number.
		l, lerr := logBody()
		if w.V != 0 || lerr != nil || math.IsNaN(l.V) {
			return v, nil // reported by the quadrature as not finite
		}
		v, lv = Value{V: 1}, l // positive: logOf takes logarithms of positive factors only
	case math.IsInf(v.V, 0):
		var err error
		if lv, err = logBody(); err != nil {
			return Value{}, fmt.Errorf("%s is not finite (%g) and its logarithm cannot be taken: %v", String(body), v.V, err)
		}
	case v.Err >= math.Abs(v.V):
		// A body known only to within more than itself, under a weight
		// that underflows: log(1 − x) where 1 − x rounds to 1 (zero
		// within its estimate), log p − log q far out where −2x + 2x
		// cancel. Its log is unbounded below (−∞ ± ∞ for a zero), but
		// the product is bounded by the weight times |v| + its estimate.
		lw, err := logw()
		if err != nil {
			return Value{}, err
		}
		m := math.Exp(lw.V + math.Log(math.Abs(v.V)))
		// The product lies within ± the weight's bound times |v| + its
		// estimate, so it is at most that plus |m| away from m.
		return Value{math.Copysign(m, v.V), math.Exp(lw.V+lw.Err+math.Log(math.Abs(v.V)+v.Err)) + m}, nil
	default:
		lv = throughLog(Value{math.Abs(v.V), v.Err})
	}
	finite := !math.IsInf(v.V, 0) && !math.IsNaN(v.V)
	lw, err := logw()
	if err != nil {
		return Value{}, err
	}
	if finite && math.IsInf(lw.V, -1) && lw.Err == 0 {
		// The weight is exactly zero (log x = −∞ at x = 0 in a Beta's
		// density), not merely underflowing: zero times a finite body
		// is zero, where the log-space product would make −∞ + a finite
		// estimate a NaN estimate.
		return Value{}, nil
	}
	s := add(lw, lv)
	m := math.Exp(s.V)
	return Value{math.Copysign(m, v.V), math.Exp(s.V+s.Err) - m}, nil
}

func (ev evaluator) integral(in *Integral) (Value, error) {
	name := varName(in.Var)
	if _, ok := in.Var.(*Sym); !ok {
		return Value{}, fmt.Errorf("cannot integrate numerically over %s", String(in.Var))
	}
	if !in.Bounded() {
		return ev.realLine(name, "", in.Body)
	}
	l := ev.keptIntegralLoop("interval", name, func(l *loop) { l.codes = []code{l.code(in.Body)} }, in.Body)
	defer l.free()
	k := l.codes[0]
	f := func(x float64) (Value, error) {
		l.set(Value{V: x})
		return l.run(k)
	}
	var lim [2]float64
	moved := 0.0 // how far the integral may move with its limits
	for i, l := range []Expr{in.Lo, in.Hi} {
		v, err := ev.eval(l)
		if err != nil {
			return Value{}, err
		}
		if math.IsNaN(v.V) || math.IsNaN(v.Err) {
			return Value{}, fmt.Errorf("the limit %s of an integral is not a number", String(l))
		}
		lim[i] = v.V
		if v.Err <= 4*eps*math.Abs(v.V) || math.IsInf(v.V, 0) {
			continue // no less accurate than the nodes near it
		}
		// A limit known to within Err moves the integral by about
		// |f(limit)|·Err; where f is not finite there, by an unknown
		// amount.
		at, err := f(v.V)
		if err != nil || !at.Finite() || math.IsInf(v.Err, 0) {
			return Value{}, fmt.Errorf("the limit %s of an integral is not accurate (%g ± %.2g) where the integrand is not finite", String(l), v.V, v.Err)
		}
		moved += math.Abs(at.V) * v.Err
	}
	g := func(x, _, _, logX float64) (Value, error) {
		l.setLogged(x, logX)
		return l.run(k)
	}
	out, err := intervalIntegral(g, lim[0], lim[1], ev.breakpoints(in.Body, name), false, label{e: in.Body})
	out.Err += moved
	return out, err
}

// info computes KL(p || q), H(p) or H(p, q) from its definition as an
// expectation under p of the log-densities.
func (ev evaluator) info(in *Info) (Value, error) {
	p, ok := ev.env.Dens[in.P]
	if !ok {
		return Value{}, fmt.Errorf("unknown density %s", in.P)
	}
	v := p.Var
	if in.Kind == "I" {
		// At the value of p's variable that the environment binds.
		return ev.eval(Neg(Fn("log", Fn(in.P, v))))
	}
	return ev.expect(ev.definition(in, v))
}

// definition is the expectation that defines KL(p || q), H(p) or
// H(p, q), v being p's variable; the memo keeps the one it built for
// each Info node, so that its keys are computed once.
func (ev evaluator) definition(in *Info, v Expr) *Expect {
	if ev.memo != nil {
		return ev.memo.definition(in, v, func() *Expect { return define(in, v) })
	}
	return define(in, v)
}

// define builds the expectation that defines in.
func define(in *Info, v Expr) *Expect {
	logp := Fn("log", Fn(in.P, v))
	var body Expr
	switch {
	case in.Kind == "KL":
		body = Sub(logp, Fn("log", Fn(in.Q, v)))
	case in.Q == "":
		body = Neg(logp)
	default:
		body = Neg(Fn("log", Fn(in.Q, v)))
	}
	return &Expect{Var: v, Dist: in.P, Body: body}
}
