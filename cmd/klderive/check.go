package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klderive/klderive/check"
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/render"
)

type checkCmd struct {
	File   string   `arg:"" optional:"" help:"The document: Markdown (any name but .tex), a LaTeX file (.tex), or - (the default) for plain LaTeX on standard input."`
	Given  []string `sep:"none" placeholder:"STMT" help:"Context as a .kl statement: a density (p(x) = Normal(x; mu1, sigma1^2)), an assumption (assume s > 0) or a declaration (k: dim, x: vector[k], S: matrix[k,k] spd). Repeatable; overrides the document's own definitions."`
	Claim  string   `placeholder:"EXPR" help:"A stated final result, KL(p || q) = EXPR (the .kl syntax or LaTeX), checked against klderive's own derivation."`
	Format string   `short:"f" default:"text" enum:"text,json" help:"Output format: text or json."`
	Input  string   `default:"auto" enum:"auto,markdown,tex,latex" help:"Read the document as markdown, tex (a LaTeX file) or latex (all math); auto decides by the file name."`
	// StdinName lets an editor or a test pipe a document in under its name.
	StdinName string `placeholder:"NAME" help:"The name of the document read from standard input, for positions and for choosing how to read it."`
}

func (c *checkCmd) Run(e *env) error {
	name, src, err := readDocument(c.File, c.StdinName, e)
	if err != nil {
		return reportInput(err, "", e)
	}
	kind := check.KindOf(name, src)
	if c.Input != "auto" {
		kind = check.Kind(c.Input)
	}
	s, err := check.Read(name, src, kind)
	if err != nil {
		return reportInput(err, src, e)
	}
	r, err := check.Check(s, check.Options{Givens: c.Given, Claim: c.Claim})
	if err != nil {
		var ge *check.GivenError
		var pe *expr.Error
		switch {
		case errors.As(err, &ge):
			return reportInput(ge.Err, ge.Src, e)
		case errors.As(err, &pe) && pe.Pos.File == "--claim":
			return reportInput(err, c.Claim, e)
		}
		return reportInput(err, src, e)
	}
	if err := render.CheckReport(e.stdout, c.Format, r); err != nil {
		return err
	}
	if r.Summary().Wrong > 0 {
		return &exitError{exitFailed}
	}
	return nil
}

// maxDocument bounds what check reads, a little above the largest
// document it accepts, so that a larger one gets a clear error.
const maxDocument = 4<<20 + 1

// readDocument reads a named file, or standard input for "-" or no name.
func readDocument(path, stdinName string, e *env) (name, src string, err error) {
	var r io.Reader
	if path == "" || path == "-" {
		name, r = "<stdin>", e.stdin
		if stdinName != "" {
			name = stdinName
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return path, "", err
		}
		defer f.Close()
		name, r = path, f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxDocument))
	if err != nil {
		return name, "", fmt.Errorf("reading %s: %w", name, err)
	}
	return name, string(b), nil
}
