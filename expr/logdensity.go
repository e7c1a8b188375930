package expr

// logOfVectorDensity is logOf for a declared density of a vector
// variable, p(z) with z a vector: the log of its body with z bound, so
// that a product of Normals far in its tail keeps a finite logarithm.
func (ev evaluator) logOfVectorDensity(c *Call) (Value, bool, error) {
	d, ok := ev.env.Dens[c.Fn]
	if !ok || len(c.Args) != 1 {
		return Value{}, false, nil
	}
	v, ok := d.Var.(*Sym)
	a, isSym := c.Args[0].(*Sym)
	if !ok || !isSym {
		return Value{}, false, nil
	}
	vec, ok := ev.vec(a.Name)
	if !ok {
		return Value{}, false, nil
	}
	out, err := ev.bindVec(v.Name, vec).logOf(d.Body)
	return out, true, err
}

// logOfProduct is the log of a finite product, the sum of the logs of
// its factors.
func (ev evaluator) logOfProduct(b *Big) (Value, error) {
	lo, hi, err := ev.bounds(b)
	if err != nil {
		return Value{}, err
	}
	var logs []Value
	for i := lo; i <= hi; i++ {
		v, err := ev.bind(b.Index, Value{V: float64(i)}).logOf(b.Body)
		if err != nil {
			return Value{}, err
		}
		logs = append(logs, v)
	}
	return add(logs...), nil
}
