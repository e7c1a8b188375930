package expr

import (
	"fmt"
	"math"
)

// The evaluator's side of families with a vector variable or vector
// parameters (a Categorical's probabilities, a Dirichlet's point of the
// simplex and its concentrations). Their arguments are vectors with no
// error estimate of their own, as every vector is here; a scalar argument
// is a vector of one coordinate.

// simplexTol is how far from 1 the coordinates of a point of the simplex
// may sum, per coordinate: rounding, not a modelling slack.
const simplexTol = 1e-12

// vectorArgs evaluates the arguments of a call to a vector family, each
// parameter checked against its domain coordinate by coordinate; vector
// parameters have the variable's length (for a vector variable) or one
// another's. With from = 1 it evaluates the parameters only, in out[1:].
func (ev evaluator) vectorArgs(f *Family, c *Call, from int) ([][]float64, error) {
	if len(c.Args) != len(f.Params)+1 {
		return nil, errorf("%s takes a variable and %d parameters (%s)", f.Name, len(f.Params), f.ParamNames())
	}
	out := make([][]float64, len(c.Args))
	size := -1
	for i := from; i < len(c.Args); i++ {
		vector := f.VectorVar
		if i > 0 {
			vector = f.Params[i-1].Vector()
		}
		if !vector {
			v, err := ev.num(c.Args[i])
			if err != nil {
				return nil, err
			}
			out[i] = []float64{v}
			continue
		}
		m, err := ev.matOf(c.Args[i])
		if err != nil {
			return nil, err
		}
		if cols(m) != 1 {
			return nil, errorf("the %s of %s is a %s, not a vector", argName(f, i), String(c), dims(m))
		}
		if size >= 0 && rows(m) != size {
			return nil, errorf("the %s of %s has %d coordinates, not %d", argName(f, i), String(c), rows(m), size)
		}
		size = rows(m)
		out[i] = append([]float64(nil), m.RawMatrix().Data...)
	}
	for i, p := range f.Params {
		if bad := outside(p.Domain, out[i+1]); bad != "" {
			return nil, errorf("the %s of %s must be %s: %s", p.Name, String(c), p.Domain, bad)
		}
	}
	return out, nil
}

// argName names argument i of a family call: its variable or a parameter.
func argName(f *Family, i int) string {
	if i == 0 {
		return "variable"
	}
	return f.Params[i-1].Name
}

// outside says why the coordinates v are not in the domain d, or "" when
// they are. A NaN is never inside.
func outside(d Domain, v []float64) string {
	sum := 0.0
	for k, x := range v {
		if d != Real && !(Domain(d).Inside(Value{V: x}) > 0) || math.IsNaN(x) {
			return fmt.Sprintf("coordinate %d is %g", k+1, x)
		}
		sum += x
	}
	if d == Simplex && !(math.Abs(sum-1) <= simplexTol*float64(len(v))) {
		return fmt.Sprintf("the coordinates sum to %.17g, not 1", sum)
	}
	return ""
}

// vectorLogPdf is the log-density of a call to a vector family, from the
// family's own formula. Its estimate is a rounding bound that grows with
// the number of coordinates summed into it.
func (ev evaluator) vectorLogPdf(f *Family, c *Call) (Value, error) {
	args, err := ev.vectorArgs(f, c, 0)
	if err != nil {
		return Value{}, err
	}
	v := f.VecLogPDF(args[0], args[1:])
	if math.IsNaN(v) {
		return Value{}, fmt.Errorf("the log-density %s is not a number", String(c))
	}
	if math.IsInf(v, 0) {
		return Value{V: v}, nil
	}
	k := float64(len(args[0]))
	for _, a := range args[1:] {
		k = math.Max(k, float64(len(a)))
	}
	return Value{v, 16 * k * eps * math.Max(1, math.Abs(v))}, nil
}

// vectorBounds is the support of a discrete vector family's call.
func (ev evaluator) vectorBounds(f *Family, c *Call) (Support, error) {
	args, err := ev.vectorArgs(f, c, 1)
	if err != nil {
		return Support{}, err
	}
	lo, hi := f.VecBounds(args[1:])
	return Integers(lo, hi), nil
}

// vectorInDomains reports whether the parameters of a call to a vector
// family are inside their domains at the point: a simplex sums to 1 and
// every coordinate that must be positive is, by Margin of its value.
func (ev evaluator) vectorInDomains(f *Family, c *Call) bool {
	for i, p := range f.Params {
		if p.Domain == Real {
			continue
		}
		var v []float64
		if p.Vector() {
			m, err := ev.matOf(c.Args[i+1])
			if err != nil || cols(m) != 1 {
				return false
			}
			v = m.RawMatrix().Data
		} else {
			x, err := ev.num(c.Args[i+1])
			if err != nil {
				return false
			}
			v = []float64{x}
		}
		if outside(p.Domain, v) != "" {
			return false
		}
		for _, x := range v {
			if !(p.Domain.Inside(Value{V: x}) > Margin*math.Abs(x)) {
				return false
			}
		}
	}
	return true
}
