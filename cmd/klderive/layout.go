package main

import (
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/klderive/klderive/internal/once"
	"github.com/klderive/klderive/render"
)

// pointsPer are the lengths --width accepts for LaTeX, in TeX points.
var pointsPer = once.Value[map[string]float64]{New: func() map[string]float64 {
	return map[string]float64{"pt": 1, "in": 72.27, "cm": 72.27 / 2.54, "mm": 72.27 / 25.4}
}}

// layout reads --width and --just into the render options: for text a
// number of columns, by default $COLUMNS on a terminal and 100
// otherwise; for LaTeX and Markdown a length (345pt, 12cm, 5in; a bare
// number is points), by default an article's text block.
func (c *deriveCmd) layout(opt *render.Options, stdout io.Writer) error {
	opt.Just = c.Just
	if opt.Just == "auto" {
		opt.Just = render.JustAuto
	}
	if c.Width != "" && c.Format == "html" {
		// The page's column is fixed in its stylesheet, where the rows
		// are broken to fit a window 800px wide.
		return fmt.Errorf("--width does not apply to --format html, whose page is laid out for 800px")
	}
	if c.Width == "" {
		if c.Format == "text" && c.Output == "" {
			opt.Width = terminalWidth(stdout)
		}
		return nil
	}
	if c.Format == "text" {
		n, err := strconv.Atoi(c.Width)
		if err != nil || n < 20 || n > 10000 {
			return fmt.Errorf("--width for text is a number of columns from 20 to 10000, not %q", c.Width)
		}
		opt.Width = n
		return nil
	}
	num, unit := c.Width, "pt"
	for u := range pointsPer.Get() {
		if strings.HasSuffix(c.Width, u) {
			num, unit = strings.TrimSuffix(c.Width, u), u
		}
	}
	x, err := strconv.ParseFloat(num, 64)
	pt := x * pointsPer.Get()[unit]
	if err != nil || pt < 100 || pt > 5000 {
		return fmt.Errorf("--width for LaTeX is a length from 100pt to 5000pt such as 345pt, 12cm or 5in, not %q", c.Width)
	}
	opt.WidthPt = pt
	return nil
}

// terminalWidth is $COLUMNS when stdout is a terminal that sets it, and
// render's default otherwise (a pipe, a file, a test's buffer).
func terminalWidth(stdout io.Writer) int {
	f, ok := stdout.(*os.File)
	if !ok {
		return render.DefaultWidth
	}
	if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
		if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n >= 20 {
			return n
		}
	}
	return render.DefaultWidth
}
