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
		return nil, nil, fmt.Errorf("MvNormal takes the variable, a mean and a covariance")
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
func (ev evaluator) mvnormalLogPdf(c *Call) (float64, error) {
	d, err := ev.mvDist(c)
	if err != nil {
		return 0, err
	}
	x, err := ev.matOf(c.Args[0])
	if err != nil {
		return 0, err
	}
	if rows(x) != d.Dim() || cols(x) != 1 {
		return 0, fmt.Errorf("the variable of %s is a %s, not a vector of %d", String(c), dims(x), d.Dim())
	}
	return d.LogProb(mat.Col(nil, 0, x)), nil
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
		ev.cache.normals[c] = d
	}
	return d, nil
}

// mvNodes visits the nodes of a tensor Gauss–Hermite grid for
// MvNormal(m, S), mapped through the Cholesky factor of S as
// x = m + sqrt(2)*L*t, with the evaluator binding name to each node.
func (ev evaluator) mvNodes(name string, c *Call, visit func(w float64, at evaluator) error) error {
	mean, S, err := ev.mvParams(c)
	if err != nil {
		return err
	}
	k := len(mean)
	n, ok := hermiteNodes[k]
	if !ok {
		return fmt.Errorf("numeric expectations under %s support dimensions 1 to %d, not %d", String(c), len(hermiteNodes), k)
	}
	var chol mat.Cholesky
	if !chol.Factorize(S) {
		return fmt.Errorf("the covariance of %s is not positive definite", String(c))
	}
	var L mat.TriDense
	chol.LTo(&L)
	r := nodes("hermite", n)
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
			return err
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
			return nil
		}
	}
}

// mvHermite is the expectation of a scalar body under MvNormal.
func (ev evaluator) mvHermite(name string, c *Call, body Expr) (float64, error) {
	sum := 0.0
	err := ev.mvNodes(name, c, func(w float64, at evaluator) error {
		v, err := at.eval(body)
		sum += w * v
		return err
	})
	return sum, err
}

// expectMat is the expectation of a vector or matrix body, entry by
// entry, under a MvNormal density.
func (ev evaluator) expectMat(x *Expect) (*mat.Dense, error) {
	d, ok := ev.env.Dens[x.Dist]
	if !ok {
		return nil, fmt.Errorf("unknown density %s", x.Dist)
	}
	c, ok := d.Body.(*Call)
	if !ok || c.Fn != "MvNormal" || len(c.Args) != 3 {
		return nil, fmt.Errorf("matrix expectations are computed under MvNormal densities only, not %s", d.Name)
	}
	var sum *mat.Dense
	err := ev.mvNodes(varName(x.Var), c, func(w float64, at evaluator) error {
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
	return sum, err
}
