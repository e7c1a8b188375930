package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/klderive/klderive/check"
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/render"
)

type checkCmd struct {
	Files  []string `arg:"" optional:"" name:"file" help:"The documents: Markdown (any name but .tex), LaTeX files (.tex), a directory (every .md and .tex file under it), or - (the default) for plain LaTeX on standard input."`
	Given  []string `sep:"none" placeholder:"STMT" help:"Context as a .kl statement: a density (p(x) = Normal(x; mu1, sigma1^2)), an assumption (assume s > 0) or a declaration (k: dim, x: vector[k], S: matrix[k,k] spd). Repeatable; overrides the document's own definitions."`
	Claim  string   `placeholder:"EXPR" help:"A stated final result, KL(p || q) = EXPR (the .kl syntax or LaTeX), checked against klderive's own derivation."`
	Format string   `short:"f" default:"text" enum:"text,json" help:"Output format: text or json."`
	Input  string   `default:"auto" enum:"auto,markdown,tex,latex" help:"Read the document as markdown, tex (a LaTeX file) or latex (all math); auto decides by the file name."`
	// StdinName lets an editor or a test pipe a document in under its name.
	StdinName string `placeholder:"NAME" help:"The name of the document read from standard input, for positions and for choosing how to read it."`
	Strict    bool   `help:"Also fail (exit 1) when a link is not checked or a document has no checked link: for CI and pre-commit hooks."`
}

func (c *checkCmd) Run(e *env) error {
	files, err := documents(c.Files)
	if err != nil {
		return reportInput(err, "", e)
	}
	if len(files) > 1 && c.Claim != "" {
		return reportInput(errors.New("--claim needs a single document"), "", e)
	}
	failed := false
	for _, f := range files {
		ok, err := c.checkOne(f, e)
		if err != nil {
			return err
		}
		failed = failed || !ok
	}
	if failed {
		return &exitError{exitFailed}
	}
	return nil
}

// checkOne checks one document and writes its report; ok is false when
// a link is wrong or, with --strict, when one is not checked or none is.
func (c *checkCmd) checkOne(file string, e *env) (ok bool, err error) {
	name, src, err := readDocument(file, c.StdinName, e)
	if err != nil {
		return false, reportInput(err, "", e)
	}
	kind := check.KindOf(name, src)
	if c.Input != "auto" {
		kind = check.Kind(c.Input)
	}
	s, err := check.Read(name, src, kind)
	if err != nil {
		return false, reportInput(err, src, e)
	}
	r, err := check.Check(s, check.Options{Givens: c.Given, Claim: c.Claim})
	if err != nil {
		var ge *check.GivenError
		var pe *expr.Error
		switch {
		case errors.As(err, &ge):
			return false, reportInput(ge.Err, ge.Src, e)
		case errors.As(err, &pe) && pe.Pos.File == "--claim":
			return false, reportInput(err, c.Claim, e)
		}
		return false, reportInput(err, src, e)
	}
	if err := render.CheckReport(e.stdout, c.Format, r); err != nil {
		return false, err
	}
	sum := r.Summary()
	switch {
	case sum.Wrong > 0:
		return false, nil
	case c.Strict && sum.Unchecked > 0:
		fmt.Fprintf(e.stderr, "%s: --strict: %d not checked\n", name, sum.Unchecked)
		return false, nil
	case c.Strict && sum.OK == 0:
		fmt.Fprintf(e.stderr, "%s: --strict: no link was checked\n", name)
		return false, nil
	}
	return true, nil
}

// documents expands the arguments: a directory stands for every .md and
// .tex file under it, in lexical order; no argument is standard input.
func documents(args []string) ([]string, error) {
	if len(args) == 0 {
		return []string{"-"}, nil
	}
	var files []string
	for _, a := range args {
		info, err := os.Stat(a)
		if a == "-" || err != nil || !info.IsDir() {
			files = append(files, a) // reading it reports what is wrong
			continue
		}
		err = filepath.WalkDir(a, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if ext := filepath.Ext(path); !d.IsDir() && (ext == ".md" || ext == ".tex") {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return files, nil
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
