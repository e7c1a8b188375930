// Package render prints finished derivations: Unicode text for terminals,
// LaTeX, GitHub Markdown and JSON. It only reads a derive.Derivation; every
// expression is spelled by expr's printers, so all formats agree.
package render

// Options are shared by every renderer; a renderer ignores what does not
// apply to its format.
type Options struct {
	Fine       bool // also show the single rewrites each shown step groups
	Standalone bool // LaTeX: a complete document rather than a fragment
}
