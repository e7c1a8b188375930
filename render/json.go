package render

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// The JSON document. Field order is the output order; expressions are in
// the input syntax (expr.String) so a consumer can parse them back.
type jsonDoc struct {
	Goal         string           `json:"goal"`
	Givens       []string         `json:"givens"`
	Assumed      []string         `json:"assumed"`
	Steps        []jsonStep       `json:"steps"`
	Result       jsonExpr         `json:"result"`
	Verification jsonVerification `json:"verification"`
	Bound        string           `json:"bound,omitempty"`
	// Code holds the result as a function in each language of
	// CodeFormats, when the problem's shapes are known.
	Code map[string]jsonCode `json:"code,omitempty"`
}

// jsonCode is one exported function: a complete source file holding it
// (imports included), or why the language has no counterpart.
type jsonCode struct {
	Name   string   `json:"name"`
	Params []string `json:"params"`
	Source string   `json:"source,omitempty"`
	None   string   `json:"none,omitempty"`
}

type jsonStep struct {
	Rule  string `json:"rule"`
	Title string `json:"title"`
	Expr  string `json:"expr"`
	LaTeX string `json:"latex"`
	// Fine is a pointer so that it is left out unless asked for, yet
	// prints as [] for a step that groups no fine steps.
	Fine *[]jsonFine `json:"fine,omitempty"`
}

type jsonFine struct {
	Rule string `json:"rule"`
	Expr string `json:"expr"`
}

type jsonExpr struct {
	Expr  string `json:"expr"`
	LaTeX string `json:"latex"`
}

type jsonVerification struct {
	Points int  `json:"points"`
	Steps  int  `json:"steps"`
	Direct bool `json:"direct"`
	// Summed: the direct check summed over a discrete support; Series:
	// an infinite one, cut where the tail is below expr.SeriesTail.
	Summed bool `json:"summed,omitempty"`
	Series bool `json:"series,omitempty"`
	// Variable, for a self-information, is the variable each point
	// placed in the support.
	Variable  string `json:"variable,omitempty"`
	MaxRelErr number `json:"max_rel_err"`
	Dims      []int  `json:"dims"`
	// Witness, for a result of +inf, is what was shown at every point.
	Witness string `json:"witness,omitempty"`
	// Otherwise, for a piecewise result, is how its case +inf was shown.
	Otherwise string `json:"otherwise,omitempty"`
	// Limits, for a piecewise result whose finite formula has no value
	// at an end of its case, is how its limit there was checked.
	Limits string `json:"limits,omitempty"`
	// Cases, where a line has a piecewise term, is how many points took
	// each of its cases.
	Cases string `json:"cases,omitempty"`
}

// JSON writes d as one JSON object, indented two spaces, with a final
// newline. Givens, steps and dims are always arrays, never null.
func JSON(w io.Writer, d *derive.Derivation, opt Options) error {
	v := d.Verification
	doc := jsonDoc{
		Goal:   expr.String(goal(d)),
		Givens: givens(d, expr.Plain, opt.Notation),
		// Always an array, as givens is.
		Assumed: append([]string{}, assumptions(d, expr.String, plainWords)...),
		Steps:   make([]jsonStep, 0, len(d.Steps)),
		Result:  jsonExpr{expr.String(result(d)), tex(result(d), opt)},
		Verification: jsonVerification{
			Points: v.Points, Steps: v.Steps, Direct: v.Direct, Summed: v.Summed, Series: v.Series, Variable: v.Variable, MaxRelErr: number(v.MaxRelErr), Witness: v.Witness, Otherwise: v.Otherwise, Limits: v.Limits, Cases: v.Cases,
			Dims: append([]int{}, v.Dims...),
		},
		Bound: d.Bound,
	}
	for _, s := range d.Steps {
		js := jsonStep{Rule: s.Rule, Title: s.Title, Expr: expr.String(s.After), LaTeX: tex(s.After, opt)}
		if opt.Fine {
			fine := make([]jsonFine, len(s.Fine))
			for i, f := range s.Fine {
				fine[i] = jsonFine{f.Rule, expr.String(f.After)}
			}
			js.Fine = &fine
		}
		doc.Steps = append(doc.Steps, js)
	}
	if opt.Types != nil && d.Bound == "" {
		doc.Code = map[string]jsonCode{}
		for _, lang := range CodeFormats {
			src, fs, err := codeFile(lang, []*derive.Derivation{d}, opt)
			if err != nil {
				return err
			}
			c := jsonCode{Name: fs[0].name, Params: append([]string{}, fs[0].params...), None: fs[0].none}
			if c.None == "" {
				c.Source = src
			}
			doc.Code[lang] = c
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	// Givens such as "sigma1 > 0" stay readable rather than \u003e.
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

// jsonError is why a goal has no derivation. Kind is "not-verified" (a
// step's numeric check could not decide), "verification" (a step failed
// its check or could not be evaluated) or "derivation" (the engine could
// not finish); Step is the shown line of a verification error.
type jsonError struct {
	Kind    string `json:"kind"`
	Message string `json:"message"`
	Step    *int   `json:"step,omitempty"`
}

type jsonFailed struct {
	Goal  string    `json:"goal"`
	Error jsonError `json:"error"`
}

// jsonFailure writes a failed goal as {"goal", "error"}.
func jsonFailure(w io.Writer, o Outcome) error {
	doc := jsonFailed{Goal: expr.String(o.Goal), Error: jsonError{Kind: "derivation", Message: o.Err.Error()}}
	var ve *derive.VerifyError
	if errors.As(o.Err, &ve) {
		doc.Error.Kind, doc.Error.Step = "verification", &ve.Step
		if ve.Inconclusive {
			doc.Error.Kind = "not-verified"
		}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
