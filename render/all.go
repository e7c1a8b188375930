package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// Outcome is one goal of a problem file: its derivation, or the error
// that stopped it (then D is nil).
type Outcome struct {
	Goal *expr.Info
	D    *derive.Derivation
	Err  error
}

// All writes the outcomes of the goals of one problem file in the named
// format: text, fragments and Markdown one after another with a blank
// line between; standalone LaTeX and HTML as one document; JSON as one object for
// a file with one goal and an array for several, where a failed goal is
// an entry {"goal", "error"}. Other formats leave failed goals out: their
// errors go to standard error.
func All(w io.Writer, format string, outs []Outcome, opt Options) error {
	var ds []*derive.Derivation
	for _, o := range outs {
		if o.D != nil && o.Err == nil {
			ds = append(ds, o.D)
		}
	}
	switch format {
	case "numpy", "torch", "go":
		return Code(w, format, ds, opt)
	case "latex":
		return latexAll(w, ds, opt)
	case "html":
		return htmlAll(w, ds, opt)
	case "json":
		return jsonAll(w, outs, opt)
	}
	for i, d := range ds {
		if i > 0 {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		if err := Render(w, format, d, opt); err != nil {
			return err
		}
		// One context block serves the whole file: a second would
		// define the densities twice.
		opt.Context = nil
	}
	if len(ds) == 0 && !isFormat(format) {
		return Render(w, format, nil, opt)
	}
	return nil
}

func isFormat(f string) bool {
	for _, g := range Formats {
		if g == f {
			return true
		}
	}
	return false
}

// jsonAll writes one object for one goal and an array for several.
func jsonAll(w io.Writer, outs []Outcome, opt Options) error {
	parts := make([]json.RawMessage, 0, len(outs))
	for _, o := range outs {
		var b bytes.Buffer
		var err error
		if o.D != nil && o.Err == nil {
			err = JSON(&b, o.D, opt)
		} else {
			err = jsonFailure(&b, o)
		}
		if err != nil {
			return err
		}
		parts = append(parts, json.RawMessage(b.Bytes()))
	}
	if len(parts) == 1 {
		_, err := w.Write(parts[0])
		return err
	}
	// As JSON writes one: "sigma > 0" stays readable rather than \u003e.
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(parts); err != nil {
		return fmt.Errorf("json: %w", err)
	}
	_, err := io.WriteString(w, strings.TrimRight(out.String(), "\n")+"\n")
	return err
}
