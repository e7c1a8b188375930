package main

import (
	"fmt"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/family"
)

type rulesCmd struct {
	Format string `short:"f" default:"text" enum:"text,latex" help:"text (Unicode) or latex statements."`
}

func (c *rulesCmd) Run(e *env) error {
	style := expr.Unicode
	if c.Format == "latex" {
		style = expr.LaTeX
	}
	for i, f := range family.Listing() {
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		fmt.Fprintf(e.stdout, "# %s\n", f.Name)
		for _, r := range f.Set {
			kind := ""
			if r.Computed() {
				kind = " (computed)"
			}
			fmt.Fprintf(e.stdout, "%-34s %s%s\n", r.Name, r.Title, kind)
			fmt.Fprintf(e.stdout, "%-34s %s\n", "", strings.TrimSpace(r.Statement(style)))
		}
	}
	return nil
}
