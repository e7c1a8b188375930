package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// loadProblem reads, parses and checks a .kl file (or standard input
// for "-"), reporting any input error itself.
func loadProblem(path string, e *env) (*derive.Problem, string, error) {
	name, src, err := readSource(path, e)
	if err != nil {
		return nil, "", reportInput(err, "", e)
	}
	f, err := expr.ParseFile(name, src)
	if err != nil {
		return nil, src, reportInput(err, src, e)
	}
	p, err := derive.Load(f)
	if err != nil {
		return nil, src, reportInput(err, src, e)
	}
	return p, src, nil
}

// readSource reads a named file, or standard input for "-".
func readSource(path string, e *env) (name, src string, err error) {
	var b []byte
	if path == "-" {
		name = "<stdin>"
		b, err = io.ReadAll(io.LimitReader(e.stdin, 1<<20+1))
	} else {
		name = path
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return name, "", err
	}
	return name, string(b), nil
}

// reportInput prints an input error the way a compiler does: the
// position, the message, the source line and a caret.
func reportInput(err error, src string, e *env) error {
	var pe *expr.Error
	if errors.As(err, &pe) {
		fmt.Fprintln(e.stderr, pe.Pretty(src))
	} else {
		fmt.Fprintln(e.stderr, "klderive:", expr.Escape(err.Error()))
	}
	return &exitError{exitInvalid}
}
