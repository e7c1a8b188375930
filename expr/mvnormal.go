package expr

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/stat/distmv"
)

// mvParams evaluates the mean and covariance of MvNormal(x; m, S). A mean
// written 0 is the zero vector of the covariance's size.
func (ev evaluator) mvParams(c *Call) ([]float64, *mat.SymDense, error) {
	if len(c.Args) != 3 {
		return nil, nil, fmt.Errorf("%s takes the variable, a mean and a covariance", c.Fn)
	}
	S, err := ev.matOf(c.Args[2])
	if err != nil {
		return nil, nil, err
	}
	k := rows(S)
	if cols(S) != k {
		return nil, nil, fmt.Errorf("the covariance of %s is a %s, not square", String(c), dims(S))
	}
	mean := make([]float64, k)
	if !IsInt(c.Args[1], 0) {
		m, err := ev.matOf(c.Args[1])
		if err != nil {
			return nil, nil, err
		}
		if rows(m) != k || cols(m) != 1 {
			return nil, nil, fmt.Errorf("the mean of %s is a %s, not a vector of %d", String(c), dims(m), k)
		}
		for i := range k {
			mean[i] = m.At(i, 0)
		}
	}
	sym := mat.NewSymDense(k, nil)
	for i := range k {
		for j := i; j < k; j++ {
			sym.SetSym(i, j, (S.At(i, j)+S.At(j, i))/2)
		}
	}
	return mean, sym, nil
}

// mvnormalLogPdf is the log-density of MvNormal(x; m, S), computed by
// gonum's distmv, independently of the rules that expand it.
func (ev evaluator) mvnormalLogPdf(c *Call) (Value, error) {
	d, err := ev.mvDist(c)
	if err != nil {
		return Value{}, err
	}
	x, err := ev.matOf(c.Args[0])
	if err != nil {
		return Value{}, err
	}
	if rows(x) != d.Dim() || cols(x) != 1 {
		return Value{}, fmt.Errorf("the variable of %s is a %s, not a vector of %d", String(c), dims(x), d.Dim())
	}
	return matrixRounding(d.LogProb(mat.Col(nil, 0, x)), d.Dim()), nil
}

// mvDist builds gonum's Normal for a MvNormal call, once per evaluation
// when its parameters do not depend on a bound variable.
func (ev evaluator) mvDist(c *Call) (*distmv.Normal, error) {
	params := &Call{Fn: c.Fn, Args: c.Args[1:]}
	cacheable := ev.cache != nil && !ev.dependsOnScope(c.Args[1]) && !ev.dependsOnScope(c.Args[2])
	if cacheable {
		if d, ok := ev.cache.normals[c]; ok {
			return d, nil
		}
	}
	mean, S, err := ev.mvParams(c)
	if err != nil {
		return nil, err
	}
	d, ok := distmv.NewNormal(mean, S, nil)
	if !ok {
		return nil, fmt.Errorf("the covariance of %s is not positive definite", String(params))
	}
	if cacheable {
		put(&ev.cache.normals, Expr(c), d)
	}
	return d, nil
}

// mvNodes visits the nodes of a tensor Gauss–Hermite grid for
// MvNormal(m, S), mapped through the Cholesky factor of S as
// x = m + sqrt(2)*L*t, with the evaluator binding name to each node.
// The grid has deg/2 + 1 nodes per coordinate, exact for a polynomial of
// degree deg; deg < 0 (not a polynomial) takes the largest grid, and
// exact is then false.
func (ev evaluator) mvNodes(name string, c *Call, deg int, visit func(w float64, at evaluator) error) (exact bool, err error) {
	mean, S, err := ev.mvParams(c)
	if err != nil {
		return false, err
	}
	k := len(mean)
	n, ok := hermiteNodes.Get()[k]
	if !ok {
		return false, fmt.Errorf("numeric expectations under %s support dimensions 1 to %d, not %d", String(c), len(hermiteNodes.Get()), k)
	}
	if m, fits := exactNodes(deg, k); deg >= 0 && fits {
		n, exact = m, true
	}
	var chol mat.Cholesky
	if !chol.Factorize(S) {
		return false, fmt.Errorf("the covariance of %s is not positive definite", String(c))
	}
	var L mat.TriDense
	chol.LTo(&L)
	r := hermiteRule(n)
	idx := make([]int, k)
	norm := math.Pow(math.Pi, -float64(k)/2)
	for {
		w := norm
		x := append([]float64(nil), mean...)
		for i := range k {
			w *= r.w[idx[i]]
			for j := 0; j <= i; j++ {
				x[i] += math.Sqrt2 * L.At(i, j) * r.x[idx[j]]
			}
		}
		if err := visit(w, ev.bindVec(name, x)); err != nil {
			return false, err
		}
		i := 0
		for ; i < k; i++ {
			idx[i]++
			if idx[i] < n {
				break
			}
			idx[i] = 0
		}
		if i == k {
			return exact, nil
		}
	}
}

// mvHermite is the expectation of a scalar body under MvNormal: exact
// for a polynomial body of degree deg on a grid of deg/2 + 1 nodes per
// coordinate; for any other body the value of the largest grid, with an
// unknown (infinite) error.
func (ev evaluator) mvHermite(name string, c *Call, body Expr, deg int) (Value, error) {
	var sum hermiteSum
	exact, err := ev.mvNodes(name, c, deg, func(w float64, at evaluator) error {
		v, err := at.eval(body)
		sum.add(w, v)
		return err
	})
	v := sum.value()
	if !exact {
		v.Err = math.Inf(1)
	}
	return v, err
}

// expectMat is the expectation of a vector or matrix body, entry by
// entry, under a MvNormal density.
func (ev evaluator) expectMat(x *Expect) (*mat.Dense, error) {
	d, ok := ev.env.Dens[x.Dist]
	if !ok {
		return nil, fmt.Errorf("unknown density %s", x.Dist)
	}
	c, ok := d.Body.(*Call)
	if !ok || !isGaussian(c) {
		return nil, fmt.Errorf("matrix expectations are computed under Gaussian densities only, not %s", d.Name)
	}
	name := varName(x.Var)
	var sum *mat.Dense
	exact, err := ev.mvNodes(name, c, ev.bodyDegree(x, name), func(w float64, at evaluator) error {
		m, err := at.matOf(x.Body)
		if err != nil {
			return err
		}
		if sum == nil {
			sum = mat.NewDense(rows(m), cols(m), nil)
		}
		sum.Apply(func(i, j int, v float64) float64 { return v + w*m.At(i, j) }, sum)
		return nil
	})
	if err == nil && !exact {
		// A matrix carries no error estimate, so an inexact one is an error.
		return nil, fmt.Errorf("the expectation %s is not of a polynomial of low degree, so its error cannot be bounded", String(x))
	}
	return sum, err
}
