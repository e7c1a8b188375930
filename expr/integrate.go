package expr

import (
	"errors"
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/integrate/quad"
)

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

// Node counts for the numeric rules. Gauss–Hermite with n nodes is exact
// for polynomials of degree 2n-1 in each coordinate against a Gaussian
// weight: degree 39 for the 20 nodes of one dimension, 5 for the 3 of
// five. Every expectation a Gaussian derivation takes is of a polynomial
// of degree at most 2, so the tensor grid can shrink with the dimension
// and stay exact.
var hermiteNodes = map[int]int{1: 20, 2: 10, 3: 6, 4: 4, 5: 3}

const legendreNodes = 1024

type rule struct{ x, w []float64 }

var (
	rulesMu sync.Mutex
	cached  = map[string]rule{}
)

func nodes(name string, n int) rule {
	rulesMu.Lock()
	defer rulesMu.Unlock()
	key := fmt.Sprint(name, n)
	if r, ok := cached[key]; ok {
		return r
	}
	r := rule{x: make([]float64, n), w: make([]float64, n)}
	switch name {
	case "hermite":
		quad.Hermite{}.FixedLocations(r.x, r.w, math.Inf(-1), math.Inf(1))
	default:
		quad.Legendre{}.FixedLocations(r.x, r.w, -1, 1)
	}
	cached[key] = r
	return r
}

// gaussian describes one independent Gaussian coordinate of a density.
type gaussian struct{ mean, variance float64 }

// expect computes E(x ~ p, body) numerically: by Gauss–Hermite quadrature
// when p is a Normal or an independent product of Normals, and otherwise
// by quadrature of p(x)*body over the real line.
func (ev evaluator) expect(x *Expect) (float64, error) {
	d, ok := ev.env.Dens[x.Dist]
	if !ok {
		return 0, fmt.Errorf("unknown density %s", x.Dist)
	}
	name := varName(x.Var)
	if name == "" {
		return 0, fmt.Errorf("cannot take an expectation over %s", String(x.Var))
	}
	if c, ok := d.Body.(*Call); ok && c.Fn == "MvNormal" && len(c.Args) == 3 && Equal(c.Args[0], d.Var) {
		return ev.mvHermite(name, c, x.Body)
	}
	coords, isProduct, err := ev.gaussianCoords(d)
	if err != nil {
		return 0, err
	}
	if coords != nil {
		return ev.hermite(name, coords, isProduct, x.Body)
	}
	if _, ok := d.Var.(*Sym); !ok {
		return 0, fmt.Errorf("cannot integrate numerically over %s", String(d.Var))
	}
	return ev.realLine(name, Fn(d.Name, S(name)), x.Body)
}

// gaussianCoords recognises a density that is a Normal family call, or a
// product over an index of Normal calls on the coordinates of its
// variable, and evaluates their parameters.
func (ev evaluator) gaussianCoords(d *Density) ([]gaussian, bool, error) {
	param := func(ev evaluator, c *Call) (gaussian, error) {
		m, err := ev.eval(c.Args[1])
		if err != nil {
			return gaussian{}, err
		}
		v, err := ev.eval(c.Args[2])
		if err != nil {
			return gaussian{}, err
		}
		if !(v > 0) {
			return gaussian{}, fmt.Errorf("the variance of %s must be positive, not %g", String(c), v)
		}
		return gaussian{m, v}, nil
	}
	if c, ok := d.Body.(*Call); ok && c.Fn == "Normal" && len(c.Args) == 3 && Equal(c.Args[0], d.Var) {
		g, err := param(ev, c)
		return []gaussian{g}, false, err
	}
	b, ok := d.Body.(*Big)
	if !ok || b.Op != "prod" {
		return nil, false, nil
	}
	c, ok := b.Body.(*Call)
	want := &Index{Base: d.Var, Sub: S(b.Index)}
	if !ok || c.Fn != "Normal" || len(c.Args) != 3 || !Equal(c.Args[0], want) {
		return nil, false, nil
	}
	lo, hi, err := ev.bounds(b)
	if err != nil {
		return nil, false, err
	}
	if lo != 1 || hi < 1 || hi > len(hermiteNodes) {
		return nil, false, fmt.Errorf("numeric checks support products over 1..D with D from 1 to %d, not %d..%d", len(hermiteNodes), lo, hi)
	}
	var out []gaussian
	for i := lo; i <= hi; i++ {
		g, err := param(ev.bind(b.Index, float64(i)), c)
		if err != nil {
			return nil, false, err
		}
		out = append(out, g)
	}
	return out, true, nil
}

// hermite integrates body against independent Gaussian coordinates on a
// tensor Gauss–Hermite grid.
func (ev evaluator) hermite(name string, coords []gaussian, vector bool, body Expr) (float64, error) {
	r := nodes("hermite", hermiteNodes[len(coords)])
	n := len(r.x)
	idx := make([]int, len(coords))
	point := make([]float64, len(coords))
	norm := math.Pow(math.Pi, -float64(len(coords))/2)
	sum := 0.0
	for {
		w := norm
		for k, g := range coords {
			point[k] = g.mean + math.Sqrt(2*g.variance)*r.x[idx[k]]
			w *= r.w[idx[k]]
		}
		var v float64
		var err error
		if vector {
			v, err = ev.bindVec(name, append([]float64(nil), point...)).eval(body)
		} else {
			v, err = ev.bind(name, point[0]).eval(body)
		}
		if err != nil {
			return 0, err
		}
		sum += w * v
		k := 0
		for ; k < len(idx); k++ {
			idx[k]++
			if idx[k] < n {
				break
			}
			idx[k] = 0
		}
		if k == len(idx) {
			return sum, nil
		}
	}
}

// errOutside marks an integrand that cannot be evaluated at a point far in
// a tail, where its weight is negligible.
var errOutside = errors.New("outside")

// realLine integrates weight*f over the real line by Gauss–Legendre
// quadrature after the substitution x = t/(1-t^2), which maps (-1, 1)
// onto R. Where the weight (a density) underflows to zero, f is not
// evaluated: far in a tail, log p(x) may not be representable, and the
// product p*log(p) tends to zero there.
func (ev evaluator) realLine(name string, weight, f Expr) (float64, error) {
	r := nodes("legendre", legendreNodes)
	sum := 0.0
	for i, t := range r.x {
		x := t / (1 - t*t)
		jac := (1 + t*t) / ((1 - t*t) * (1 - t*t))
		at := ev.bind(name, x)
		w := 1.0
		if weight != nil {
			var err error
			if w, err = at.eval(weight); err != nil {
				return 0, err
			}
			if w == 0 {
				continue
			}
		}
		v, err := at.eval(f)
		if err != nil {
			return 0, err
		}
		v *= w
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("the integrand %s is not finite at %s = %g", String(f), name, x)
		}
		sum += r.w[i] * v * jac
	}
	return sum, nil
}

func (ev evaluator) integral(in *Integral) (float64, error) {
	name := varName(in.Var)
	if _, ok := in.Var.(*Sym); !ok {
		return 0, fmt.Errorf("cannot integrate numerically over %s", String(in.Var))
	}
	return ev.realLine(name, nil, in.Body)
}

// info computes KL(p || q), H(p) or H(p, q) from its definition as an
// expectation under p of the log-densities.
func (ev evaluator) info(in *Info) (float64, error) {
	p, ok := ev.env.Dens[in.P]
	if !ok {
		return 0, fmt.Errorf("unknown density %s", in.P)
	}
	v := p.Var
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
	return ev.expect(&Expect{Var: v, Dist: in.P, Body: body})
}
