package render

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/klderive/klderive/derive"
)

// All writes several derivations, those of one problem file, in the
// named format: text, fragments and Markdown one after another with a
// blank line between; standalone LaTeX as one document; JSON as one
// object for one derivation and an array for several.
func All(w io.Writer, format string, ds []*derive.Derivation, opt Options) error {
	switch format {
	case "numpy", "torch", "go":
		return Code(w, format, ds, opt)
	case "latex":
		return latexAll(w, ds, opt)
	case "json":
		if len(ds) != 1 {
			return jsonArray(w, ds, opt)
		}
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

func jsonArray(w io.Writer, ds []*derive.Derivation, opt Options) error {
	parts := make([]json.RawMessage, 0, len(ds))
	for _, d := range ds {
		var b bytes.Buffer
		if err := JSON(&b, d, opt); err != nil {
			return err
		}
		parts = append(parts, json.RawMessage(b.Bytes()))
	}
	out, err := json.MarshalIndent(parts, "", "  ")
	if err != nil {
		return fmt.Errorf("json: %w", err)
	}
	_, err = io.WriteString(w, strings.TrimRight(string(out), "\n")+"\n")
	return err
}
