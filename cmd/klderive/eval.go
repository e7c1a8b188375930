package main

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/klderive/klderive/expr"
)

type evalCmd struct {
	Expr     string   `arg:"" help:"The expression, in the input syntax."`
	Bindings []string `arg:"" optional:"" help:"Values as NAME=VALUE; a value may itself be an expression such as 1/3 or log(2)."`
}

func (c *evalCmd) Run(e *env) error {
	x, err := expr.ParseExprNamed("<expr>", c.Expr)
	if err != nil {
		return reportInput(err, c.Expr, e)
	}
	vals := map[string]float64{}
	for _, b := range c.Bindings {
		name, value, ok := strings.Cut(b, "=")
		name = strings.TrimSpace(name)
		if !ok || name == "" {
			fmt.Fprintf(e.stderr, "klderive: %q is not a binding NAME=VALUE\n", b)
			return &exitError{exitInvalid}
		}
		vx, err := expr.ParseExprNamed(name, value)
		if err != nil {
			return reportInput(err, value, e)
		}
		v, err := expr.Eval(vx, &expr.Env{Vals: vals})
		if err != nil {
			fmt.Fprintf(e.stderr, "klderive: the value of %s: %v\n", name, err)
			return &exitError{exitInvalid}
		}
		vals[name] = v
	}
	v, err := expr.Eval(x, &expr.Env{Vals: vals})
	if err != nil {
		var ub *expr.UnboundError
		if errors.As(err, &ub) {
			fmt.Fprintf(e.stderr, "klderive: %s has no value; give it as %s=VALUE\n", ub.Name, ub.Name)
		} else {
			fmt.Fprintln(e.stderr, "klderive:", err)
		}
		return &exitError{exitInvalid}
	}
	fmt.Fprintln(e.stdout, strconv.FormatFloat(v, 'g', 17, 64))
	return nil
}
