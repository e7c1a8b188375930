package main

import (
	"fmt"
	"go/token"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/render"
)

type deriveCmd struct {
	File       string `arg:"" help:"The .kl problem, or - for standard input."`
	Format     string `short:"f" default:"text" enum:"text,latex,markdown,json,numpy,torch,go" help:"Output format: text, latex, markdown, json, or the result as code: numpy, torch, go."`
	Standalone bool   `help:"With --format latex, a complete compilable document."`
	Package    string `default:"kl" help:"With --format go, the package of the generated code."`
	Steps      string `default:"shown" enum:"shown,all" help:"shown: the grouped steps of a hand derivation; all: every single rewrite too."`
	NoVerify   bool   `help:"Skip the numeric verification (not recommended)."`
	Points     int    `default:"8" help:"Random parameter points per numeric check, from 8 to 10000."`
}

// Validate rejects a number of points outside the range derive accepts,
// as a usage error.
func (c *deriveCmd) Validate() error {
	if c.Points < derive.MinPoints || c.Points > derive.MaxPoints {
		return fmt.Errorf("--points must be from %d to %d, not %d", derive.MinPoints, derive.MaxPoints, c.Points)
	}
	return nil
}

func (c *deriveCmd) Run(e *env) error {
	if !token.IsIdentifier(c.Package) {
		fmt.Fprintf(e.stderr, "klderive: --package %q is not a Go package name\n", c.Package)
		return &exitError{exitInvalid}
	}
	p, src, err := loadProblem(c.File, e)
	if err != nil {
		return err
	}
	f := p.File
	if len(f.Goals) == 0 {
		return reportInput(expr.Errorf(expr.Pos{File: f.Name, Line: 1, Col: 1}, "no goal: add a line such as \"derive KL(p || q)\""), src, e)
	}
	opt := derive.DefaultOptions
	opt.Verify = !c.NoVerify
	opt.Points = c.Points
	var done []render.Outcome
	failed := false
	for _, g := range f.Goals {
		d, err := derive.Derive(p, g, opt)
		if err != nil {
			fmt.Fprintln(e.stderr, expr.Escape(fmt.Sprintf("%s: %s: %v", g.Pos, expr.String(g.Info), err)))
			failed = true
			done = append(done, render.Outcome{Goal: g.Info, Err: err})
			continue
		}
		if d.Bound != "" {
			failed = true
		}
		done = append(done, render.Outcome{Goal: g.Info, D: d})
	}
	ropt := render.Options{Fine: c.Steps == "all", Standalone: c.Standalone, Types: p.Types, Package: c.Package,
		Context: f.Statements()}
	if err := render.All(e.stdout, c.Format, done, ropt); err != nil {
		return err
	}
	if failed {
		return &exitError{exitFailed}
	}
	return nil
}
