package main

import (
	"bytes"
	"fmt"
	"go/token"
	"io"
	"os"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/render"
)

type deriveCmd struct {
	File       string `arg:"" help:"The .kl problem, or - for standard input."`
	Format     string `short:"f" default:"text" enum:"text,latex,markdown,html,json,numpy,torch,go" help:"Output format: text, latex, markdown, html (a self-contained page), json, or the result as code: numpy, torch, go."`
	Standalone bool   `help:"With --format latex, a complete compilable document."`
	Package    string `default:"kl" help:"With --format go, the package of the generated code."`
	Steps      string `default:"shown" enum:"shown,all" help:"shown: the grouped steps of a hand derivation; all: every single rewrite too."`
	NoVerify   bool   `help:"Skip the numeric verification (not recommended)."`
	SelfInfo   bool   `name:"self-information" help:"Take H(p) and H(p, q) through the expected self-information, E[I(p)] and E[I(q)]."`
	Points     int    `default:"8" help:"Random parameter points per numeric check, from 8 to 10000."`
	Width      string `help:"Text: wrap to this many columns (default: $COLUMNS on a terminal, else 100). LaTeX and Markdown: break rows to fit this width (default 345pt, an article's text block; also cm, mm, in)."`
	Just       string `default:"auto" enum:"auto,right,below,tag,none" help:"LaTeX and Markdown: where each step's justification goes: auto (beside the rows when they fit, else tags on a page and lines below in a fragment), right (long ones wrapped to leave the rows room; as auto when no column width does), below, tag (standalone only; below otherwise) or none."`
	Output     string `short:"o" type:"path" help:"Write the output to this file instead of standard output."`
	Box        bool   `help:"LaTeX and Markdown: set the result line as \\boxed{...}."`
	Det        string `default:"det" enum:"det,bars" help:"LaTeX, Markdown and HTML: the determinant of a matrix name as \\det(\\Sigma) (det) or \\lvert\\Sigma\\rvert (bars)."`
	Cond       string `default:"semicolon" enum:"semicolon,bar" help:"LaTeX, Markdown and HTML: a family's variable and parameters separated by ; (semicolon) or \\mid (bar), \\mathcal{N}(x \\mid \\mu, \\sigma^2)."`
	Math       string `default:"dollars" enum:"dollars,fence" help:"Markdown display math: dollars (between lines of two dollar signs) or fence (a \x60\x60\x60math block, for renderers that eat the backslashes between dollar signs)."`
}

// Validate rejects a number of points outside the range derive accepts,
// as a usage error.
func (c *deriveCmd) Validate() error {
	if c.Points < derive.MinPoints || c.Points > derive.MaxPoints {
		return fmt.Errorf("--points must be from %d to %d, not %d", derive.MinPoints, derive.MaxPoints, c.Points)
	}
	if c.Standalone && c.Format != "latex" {
		return fmt.Errorf("--standalone needs --format latex (the format is %s)", c.Format)
	}
	return c.layout(&render.Options{}, nil)
}

// write writes the output to standard output, or to --output: there it
// is written whole or not at all, so a failed run leaves no half a file.
func (c *deriveCmd) write(e *env, render func(io.Writer) error) error {
	if c.Output == "" {
		return render(e.stdout)
	}
	var b bytes.Buffer
	if err := render(&b); err != nil {
		return err
	}
	return os.WriteFile(c.Output, b.Bytes(), 0o644)
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
	opt.SelfInformation = c.SelfInfo
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
		Context: f.Statements(), Box: c.Box, MathFence: c.Math == "fence",
		Notation: expr.Notation{DetBars: c.Det == "bars", CondBar: c.Cond == "bar", Order: f.SymbolOrder()}}
	if err := c.layout(&ropt, e.stdout); err != nil {
		return err
	}
	if err := c.write(e, func(w io.Writer) error { return render.All(w, c.Format, done, ropt) }); err != nil {
		return err
	}
	if failed {
		return &exitError{exitFailed}
	}
	return nil
}
