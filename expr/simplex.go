package expr

import (
	"fmt"
	"math"
)

// Expectations under a family whose variable is a point of the simplex (a
// Dirichlet). A tensor quadrature over the simplex in four or more
// dimensions is far too slow to check every line of a derivation at every
// point, and sampling cannot reach the checks' tolerance; but the terms a
// derivation of an information quantity meets depend on the variable
// through one coordinate at a time (its log-density is a constant plus a
// sum of terms of one coordinate each). The expectation of such a term is
// a one-dimensional integral against that coordinate's marginal density,
// which the double-exponential rule takes with an error estimate. A term
// of several coordinates at once is an evaluation error, never a guess.

// coordinates is what the expectation needs of the density: its family's
// coordinate-wise form at its parameters, and its variable's dimension.
type coordinates struct {
	Coordinates
	dim int
}

// coordinatewise is E(x ~ p, body) for p(x) = c, a call to a family with
// Coordinates on its variable x.
func (ev evaluator) coordinatewise(name string, c *Call, f *Family, body Expr) (Value, error) {
	args, err := ev.vectorArgs(f, c, 1)
	if err != nil {
		return Value{}, err
	}
	dim := 0
	for i, p := range f.Params {
		if p.Vector() {
			dim = len(args[i+1])
		}
	}
	return ev.coordExpect(name, coordinates{f.Coordinates(args[1:]), dim}, body)
}

// coordExpect takes the expectation apart by linearity until each piece
// is a constant, the logarithm of a density of the same coordinate-wise
// kind, or a term of one coordinate.
func (ev evaluator) coordExpect(x string, p coordinates, body Expr) (Value, error) {
	if !Uses(body, x) {
		return ev.eval(body)
	}
	switch e := body.(type) {
	case *Add:
		vs := make([]Value, len(e.Terms))
		for i, t := range e.Terms {
			v, err := ev.coordExpect(x, p, t)
			if err != nil {
				return Value{}, err
			}
			vs[i] = v
		}
		return add(vs...), nil
	case *Mul:
		var inner Expr
		vs := make([]Value, 0, len(e.Factors))
		for _, f := range e.Factors {
			if Uses(f, x) {
				if inner != nil {
					return ev.oneCoordinate(x, p, body)
				}
				inner = f
				continue
			}
			v, err := ev.eval(f)
			if err != nil {
				return Value{}, err
			}
			vs = append(vs, v)
		}
		v, err := ev.coordExpect(x, p, inner)
		if err != nil {
			return Value{}, err
		}
		return mul(append(vs, v)...), nil
	case *Big:
		if e.Op != "sum" || Uses(e.Lo, x) || Uses(e.Hi, x) {
			break
		}
		lo, hi, err := ev.bounds(e)
		if err != nil {
			return Value{}, err
		}
		var vs []Value
		for i := lo; i <= hi; i++ {
			v, err := ev.bind(e.Index, Value{V: float64(i)}).coordExpect(x, p, e.Body)
			if err != nil {
				return Value{}, err
			}
			vs = append(vs, v)
		}
		return add(vs...), nil
	case *Call:
		if e.Fn == "log" && len(e.Args) == 1 {
			return ev.coordLog(x, p, e.Args[0])
		}
	}
	return ev.oneCoordinate(x, p, body)
}

// coordLog is E[log(arg)]: the logarithm of a product is the sum of the
// logarithms of its factors where each is positive, which the evaluator
// checks wherever it takes one (the logarithm of a non-positive number is
// an error, at a node of the integral or of a constant).
func (ev evaluator) coordLog(x string, p coordinates, arg Expr) (Value, error) {
	if f, c, ok := ev.coordDensity(x, arg); ok {
		return ev.coordLogDensity(x, p, f, c)
	}
	var logs []Expr
	switch a := arg.(type) {
	case *Mul:
		for _, f := range a.Factors {
			logs = append(logs, Fn("log", f))
		}
	case *Big:
		if a.Op == "prod" {
			logs = append(logs, &Big{Op: "sum", Index: a.Index, Lo: a.Lo, Hi: a.Hi, Body: Fn("log", a.Body)})
		}
	case *Pow:
		if !Uses(a.Exp, x) {
			logs = append(logs, Prod(a.Exp, Fn("log", a.Base)))
		}
	case *Call:
		if a.Fn == "exp" && len(a.Args) == 1 {
			return ev.coordExpect(x, p, a.Args[0])
		}
	}
	if logs == nil {
		return ev.oneCoordinate(x, p, Fn("log", arg))
	}
	return ev.coordExpect(x, p, Sum(logs...))
}

// coordDensity recognises arg as a call on the variable to a family with
// Coordinates, written out or through a declared density's name.
func (ev evaluator) coordDensity(x string, arg Expr) (*Family, *Call, bool) {
	c, ok := arg.(*Call)
	if !ok {
		return nil, nil, false
	}
	body := Expr(c)
	if d, ok := ev.env.Dens[c.Fn]; ok && len(c.Args) == 1 && Equal(c.Args[0], S(x)) {
		// q(x) for q(y) = Dirichlet(y; b): its body at x.
		body = Replace(d.Body, d.Var, S(x))
	}
	fc, f := FamilyCall(body)
	if fc == nil || f.Coordinates == nil || !Equal(fc.Args[0], S(x)) {
		return nil, nil, false
	}
	return f, fc, true
}

// coordLogDensity is E[log q(x)] for a density q of coordinate-wise
// form: its constant and the expectations of its terms.
func (ev evaluator) coordLogDensity(x string, p coordinates, f *Family, c *Call) (Value, error) {
	args, err := ev.vectorArgs(f, c, 1)
	if err != nil {
		return Value{}, err
	}
	q := f.Coordinates(args[1:])
	vs := []Value{{q.Const, 16 * eps * math.Abs(q.Const)}}
	for k := range p.dim {
		v, err := ev.marginal(p, k, func(t float64) (Value, error) {
			lv := q.Term(k, t)
			return Value{lv, 4 * eps * math.Abs(lv)}, nil
		})
		if err != nil {
			return Value{}, err
		}
		vs = append(vs, v)
	}
	return add(vs...), nil
}

// oneCoordinate is E[body] for a body that uses the variable only through
// one coordinate x[i], i fixed: an integral against the marginal of x[i].
func (ev evaluator) oneCoordinate(x string, p coordinates, body Expr) (Value, error) {
	coord := 0
	bare := false
	var scan func(e Expr)
	scan = func(e Expr) {
		if ix, ok := e.(*Index); ok && Equal(ix.Base, S(x)) {
			i, err := ev.eval(ix.Sub)
			k := int(math.Round(i.V))
			if err != nil || float64(k) != i.V || coord != 0 && coord != k {
				bare = true
			}
			coord = k
			return
		}
		if s, ok := e.(*Sym); ok && s.Name == x {
			bare = true
		}
		for _, c := range Children(e) {
			scan(c)
		}
	}
	scan(body)
	if bare || coord < 1 || coord > p.dim {
		return Value{}, fmt.Errorf("%s depends on %s through more than one coordinate of the simplex; its expectation cannot be computed here", String(body), x)
	}
	point := make([]float64, p.dim)
	for i := range point {
		point[i] = math.NaN() // any use of another coordinate shows
	}
	return ev.marginal(p, coord-1, func(t float64) (Value, error) {
		at := append([]float64(nil), point...)
		at[coord-1] = t
		return ev.bindVec(x, at).eval(body)
	})
}

// marginal integrates term against the marginal density of coordinate k
// over (0, 1), by the double-exponential rule, with the marginal computed
// in log space so that a density that underflows near an end still
// weighs a term that grows there.
func (ev evaluator) marginal(p coordinates, k int, term func(t float64) (Value, error)) (Value, error) {
	g := func(t, _, _, _ float64) (Value, error) {
		v, err := term(t)
		if err != nil {
			return Value{}, err
		}
		lw := p.Marginal(k, t)
		if v.V == 0 && v.Err == 0 {
			return v, nil
		}
		if math.IsInf(lw, -1) {
			return Value{}, nil
		}
		w := exact(math.Exp(lw))
		if w.V > 0 && !math.IsInf(v.V, 0) {
			return mul(w, v), nil
		}
		s := add(exact(lw), throughLog(Value{math.Abs(v.V), v.Err}))
		m := math.Exp(s.V)
		return Value{math.Copysign(m, v.V), math.Exp(s.V+s.Err) - m}, nil
	}
	return intervalIntegral(g, 0, 1, nil, false, label{text: fmt.Sprintf("the expectation of coordinate %d", k+1)})
}
