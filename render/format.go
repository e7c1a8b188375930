// Package render prints finished derivations: Unicode text for terminals,
// LaTeX, GitHub Markdown, a self-contained HTML page and JSON, or the result as NumPy, PyTorch or Go code. It only reads a derive.Derivation; every
// expression is spelled by expr's printers, so all formats agree.
package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// Options are shared by every renderer; a renderer ignores what does not
// apply to its format.
type Options struct {
	Fine       bool // also show the single rewrites each shown step groups
	Standalone bool // LaTeX: a complete document rather than a fragment
	// Types are the problem's declared shapes; code export reads which
	// parameters are vectors and matrices from them.
	Types   *expr.Types
	Package string // Go: the package clause of exported code (default kl)
	// Context are the problem's statements in the .kl syntax
	// (expr.File.Statements). Markdown and standalone LaTeX carry them
	// where klderive check reads them, so that a document derive wrote
	// checks without --given: the typeset givens cannot say that k is a
	// dimension.
	Context []string
	// WidthPt is the width LaTeX rows are broken to fit, in points
	// (DefaultWidthPt when zero); Just places the justifications
	// (JustAuto when empty).
	WidthPt float64
	Just    string
	// Width is the width text output wraps to, in columns
	// (DefaultWidth when zero).
	Width int
	// Box sets the LaTeX and Markdown result line as \boxed{...}.
	Box bool
	// MathFence writes Markdown's display math as a ```math fence,
	// which GitHub renders without eating the backslashes that some
	// Markdown renderers take from inside $$.
	MathFence bool
	// Notation chooses the LaTeX spellings of determinants and of a
	// family's separator (--det, --cond).
	Notation expr.Notation
}

// Formats are the names Render accepts, in the order a usage message lists them.
var Formats = []string{"text", "latex", "markdown", "html", "json", "numpy", "torch", "go"}

// Render writes d in the named format.
func Render(w io.Writer, format string, d *derive.Derivation, opt Options) error {
	switch format {
	case "text":
		return Text(w, d, opt)
	case "latex":
		return LaTeX(w, d, opt)
	case "markdown":
		return Markdown(w, d, opt)
	case "html":
		return HTML(w, d, opt)
	case "json":
		return JSON(w, d, opt)
	case "numpy", "torch", "go":
		return Code(w, format, []*derive.Derivation{d}, opt)
	}
	return fmt.Errorf("unknown format %q (valid formats: %s)", format, strings.Join(Formats, ", "))
}
