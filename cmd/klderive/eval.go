package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/klderive/klderive/expr"
	"gonum.org/v1/gonum/mat"
)

type evalCmd struct {
	Problem  string   `short:"p" type:"existingfile" help:"A .kl file whose densities and declarations the expression may use, as the steps of a derivation do: E(x ~ p, ...), p(x)."`
	Expr     string   `arg:"" help:"The expression, in the input syntax."`
	Bindings []string `arg:"" optional:"" help:"Values as NAME=VALUE: a number, an expression such as 1/3 or log(2), a vector [1, 2] or a matrix [[2, 0.3], [0.3, 1]]."`
}

func (c *evalCmd) Run(e *env) error {
	x, where, err := expr.ParseExprWhere("<expr>", c.Expr)
	if err != nil {
		return reportInput(err, c.Expr, e)
	}
	ev := &expr.Env{Vals: map[string]float64{}, Vecs: map[string][]float64{}, Mats: map[string]*mat.Dense{}}
	types := &expr.Types{Shapes: map[string]expr.Shape{}, Dims: map[string]bool{}, Props: map[string][]string{}}
	if c.Problem != "" {
		p, _, err := loadProblem(c.Problem, e)
		if err != nil {
			return err
		}
		ev.Dens, types = p.Ctx.Densities, p.Types
	}
	size := 0
	for _, b := range c.Bindings {
		name, value, ok := strings.Cut(b, "=")
		// sigma1=2 binds the symbol the expression spells sigma1 or sigma_1.
		name = expr.Canonical(strings.TrimSpace(name))
		if !ok || name == "" {
			fmt.Fprintf(e.stderr, "klderive: %q is not a binding NAME=VALUE\n", b)
			return &exitError{exitInvalid}
		}
		vx, err := expr.ParseExprNamed(name, value)
		if err != nil {
			return reportInput(err, value, e)
		}
		if lit, isMatrix := vx.(*expr.Matrix); isMatrix {
			m, err := expr.EvalMatrix(lit, ev)
			if err != nil {
				fmt.Fprintf(e.stderr, "klderive: the value of %s: %v\n", name, err)
				return &exitError{exitInvalid}
			}
			r, cols := m.Dims()
			if lit.Vector {
				ev.Vecs[name] = mat.Col(nil, 0, m)
			} else {
				ev.Mats[name] = m
			}
			if _, declared := types.Shapes[name]; !declared {
				types.Shapes[name] = expr.Shape{R: expr.N(int64(r)), C: expr.N(int64(cols))}
			}
			size = r
			continue
		}
		v, err := expr.EvalErr(vx, ev)
		if err != nil {
			fmt.Fprintf(e.stderr, "klderive: the value of %s: %v\n", name, err)
			return &exitError{exitInvalid}
		}
		// A binding is taken as exact, so it must be accurate itself.
		if !(v.Rel() < accurate) {
			fmt.Fprintf(e.stderr, "klderive: the value of %s is not accurate (%g ± %.2g)\n", name, v.V, v.Err)
			return &exitError{exitFailed}
		}
		ev.Vals[name] = v.V
	}
	if err := dimsFromValues(types, ev, c.Bindings); err != nil {
		fmt.Fprintln(e.stderr, "klderive:", err)
		return &exitError{exitInvalid}
	}
	// The dimension k, unless given, is the size of the vectors and
	// matrices given.
	if _, given := ev.Vals["k"]; !given && size > 0 {
		ev.Vals["k"] = float64(size)
	}
	typed, shape, err := types.Check(x, where, expr.Pos{File: "<expr>", Line: 1, Col: 1})
	if err != nil {
		return reportInput(err, c.Expr, e)
	}
	if !shape.IsScalar() {
		m, err := expr.EvalMatrix(typed, ev)
		if err != nil {
			return evalError(err, e, typed, size)
		}
		fmt.Fprintln(e.stdout, formatMatrix(m))
		return nil
	}
	v, err := expr.EvalErr(typed, ev)
	var div *expr.DivergentError
	if errors.As(err, &div) {
		fmt.Fprintln(e.stderr, "klderive:", err)
		return &exitError{exitFailed}
	}
	if err != nil {
		return evalError(err, e, typed, size)
	}
	return printValue(v, e)
}

// dimsFromValues takes each declared dimension from the values given: with
// n: dim and a: vector[n], a=[1, 2] makes n 2. A dimension given as well
// must agree.
func dimsFromValues(types *expr.Types, ev *expr.Env, bindings []string) error {
	for _, b := range bindings {
		name, _, _ := strings.Cut(b, "=")
		name = expr.Canonical(strings.TrimSpace(name))
		sh, ok := types.Shapes[name]
		if !ok || sh.IsScalar() {
			continue
		}
		r, c := len(ev.Vecs[name]), 1
		if m := ev.Mats[name]; m != nil {
			r, c = m.Dims()
		}
		for _, d := range []struct {
			dim  expr.Expr
			size int
		}{{sh.R, r}, {sh.C, c}} {
			s, ok := d.dim.(*expr.Sym)
			if !ok || !types.Dims[s.Name] {
				continue
			}
			if v, given := ev.Vals[s.Name]; given && v != float64(d.size) {
				return fmt.Errorf("%s is %g, but %s, %s, has %d %s", s.Name, v, name, sh, d.size, counted(sh, d.size))
			}
			ev.Vals[s.Name] = float64(d.size)
		}
	}
	return nil
}

// counted names what a size counts: the coordinates of a vector, the
// rows or columns of a matrix.
func counted(sh expr.Shape, n int) string {
	switch {
	case expr.IsInt(sh.C, 1) && n == 1:
		return "coordinate"
	case expr.IsInt(sh.C, 1):
		return "coordinates"
	case n == 1:
		return "row or column"
	}
	return "rows or columns"
}

// usedAsDim reports whether x uses name as a dimension: the upper end
// of a sum or product, or the size of an identity.
func usedAsDim(x expr.Expr, name string) bool {
	return expr.Any(x, func(n expr.Expr) bool {
		switch n := n.(type) {
		case *expr.Big:
			return expr.Equal(n.Hi, expr.S(name))
		case *expr.Call:
			return n.Fn == "I" && len(n.Args) == 1 && expr.Equal(n.Args[0], expr.S(name))
		}
		return false
	})
}

// accurate is the largest relative error estimate (absolute below 1) of
// a value eval prints as a number.
const accurate = 1e-10

// printValue prints a value that its error estimate shows accurate, or
// an exact infinity; any other is reported as not accurate, with its
// estimate, and exit status 1.
func printValue(v expr.Value, e *env) error {
	switch {
	case math.IsInf(v.V, 0) && v.Err == 0:
		// An exact infinity, inf itself or a piecewise result's case
		// +∞; an overflow carries an infinite error estimate.
		fmt.Fprintln(e.stdout, strconv.FormatFloat(v.V, 'g', 17, 64))
		return nil
	case math.IsNaN(v.V) || math.IsInf(v.V, 0):
		fmt.Fprintf(e.stderr, "klderive: not accurate: the value is not a finite number (%g); an overflow?\n", v.V)
	case !(v.Rel() < accurate):
		fmt.Fprintf(e.stderr, "klderive: not accurate (%s ± %.2g): the error estimate is above %g of the value\n",
			strconv.FormatFloat(v.V, 'g', 17, 64), v.Err, accurate)
	default:
		fmt.Fprintln(e.stdout, strconv.FormatFloat(v.V, 'g', 17, 64))
		return nil
	}
	return &exitError{exitFailed}
}

// evalError reports an evaluation error of x; size is that of the
// vectors and matrices given, if any, for the hint about a dimension.
func evalError(err error, e *env, x expr.Expr, size int) error {
	var ub *expr.UnboundError
	switch {
	case errors.As(err, &ub) && size > 0 && usedAsDim(x, ub.Name):
		// Only k defaults to the size of the values given; another
		// dimension is declared with -p or given.
		fmt.Fprintf(e.stderr, "klderive: %s has no value; give it as %s=VALUE (a dimension other than k is not taken from the values given without -p: %s=%d)\n", ub.Name, ub.Name, ub.Name, size)
	case errors.As(err, &ub):
		fmt.Fprintf(e.stderr, "klderive: %s has no value; give it as %s=VALUE\n", ub.Name, ub.Name)
	default:
		fmt.Fprintln(e.stderr, "klderive:", err)
	}
	return &exitError{exitInvalid}
}

// formatMatrix prints a matrix in the input syntax, 17 significant digits.
func formatMatrix(m *mat.Dense) string {
	r, c := m.Dims()
	rows := make([]string, r)
	for i := range r {
		cells := make([]string, c)
		for j := range c {
			cells[j] = strconv.FormatFloat(m.At(i, j), 'g', 17, 64)
		}
		rows[i] = "[" + strings.Join(cells, ", ") + "]"
	}
	return "[" + strings.Join(rows, ", ") + "]"
}
