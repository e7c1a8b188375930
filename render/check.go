package render

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/klderive/klderive/check"
	"github.com/klderive/klderive/expr"
)

// CheckFormats are the formats CheckReport accepts.
var CheckFormats = []string{"text", "json"}

// CheckReport writes the report of klderive check in the named format.
func CheckReport(w io.Writer, format string, r *check.Report) error {
	switch format {
	case "text":
		return CheckText(w, r)
	case "json":
		return CheckJSON(w, r)
	}
	return fmt.Errorf("unknown format %q (valid formats: %s)", format, strings.Join(CheckFormats, ", "))
}

// checkColumn is the width of the expression column of a verified link.
const checkColumn = 56

// CheckText writes one line per link, file:line, a mark and what was
// found, then a summary:
//
//	notes.md:14  ✓  = -1/2·log(2·π·σ₂²) - E_{x∼p}[(x - μ₂)²]/(2·σ₂²)  (numerically equal at 16 points)
//	notes.md:17  ✗  line 17 does not follow from line 16: at μ₁ = 0.31, σ₁ = 1.7: left = 0.8123, right = 1.625 (right = 2 × left: a factor of 2?)
//	notes.md:21  ?  not checked: unsupported LaTeX command \operatorname{foo}
//	1 wrong, 9 verified, 1 not checked; the first wrong link is notes.md:17:5
//
// The context (densities and assumptions, and where each came from), any
// notes, and the definitions and conditions the math states come first.
func CheckText(w io.Writer, r *check.Report) error {
	var b strings.Builder
	for _, g := range r.Context {
		stmt := g.Stmt
		if g.Expr != nil {
			stmt = asWritten(g.Expr)
		}
		b.WriteString("context: " + stmt + "  (" + g.Source + ")\n")
	}
	for _, n := range r.Notes {
		b.WriteString("note: " + n + "\n")
	}
	for _, st := range r.Statements {
		fmt.Fprintf(&b, "%s: %s  (line %d, %s)\n", st.Kind, st.Text, st.Pos.Line, applies(st))
	}
	width := 0
	for _, l := range r.Links {
		width = max(width, utf8.RuneCountInString(where(l)))
	}
	if r.Claim != nil {
		width = max(width, utf8.RuneCountInString(where(r.Claim)))
	}
	for _, l := range r.Links {
		writeLink(&b, l, width)
	}
	if r.Claim != nil {
		writeLink(&b, r.Claim, width)
	}
	s := r.Summary()
	fmt.Fprintf(&b, "%d wrong, %d verified, %d not checked", s.Wrong, s.OK, s.Unchecked)
	if f := r.FirstWrong(); f != nil {
		fmt.Fprintf(&b, "; the first wrong link is %s", f.Pos)
	}
	b.WriteString("\n")
	// A document's text is echoed (a link written but not read, a file
	// name): its control characters are escaped, line by line.
	lines := strings.Split(b.String(), "\n")
	for i, l := range lines {
		lines[i] = expr.Escape(l)
	}
	_, err := io.WriteString(w, strings.Join(lines, "\n"))
	return err
}

// applies says what a statement does: a condition read applies to the
// lines of its scope; any other statement is not checked.
func applies(st check.Statement) string {
	if sc := st.Scope(); sc != "" {
		return sc
	}
	return "not checked"
}

// where is a link's file:line, or --claim.
func where(l *check.Link) string {
	if l.Pos.File == "--claim" {
		return "--claim"
	}
	return fmt.Sprintf("%s:%d", l.Pos.File, l.Pos.Line)
}

func writeLink(b *strings.Builder, l *check.Link, width int) {
	at := where(l)
	b.WriteString(at + strings.Repeat(" ", width-utf8.RuneCountInString(at)) + "  ")
	switch l.Status {
	case check.OK:
		left := opSymbol(l.Op) + " " + shown(l)
		if l.Pos.File == "--claim" {
			left = claimText(l)
		}
		left = clipRunes(left, checkColumn)
		b.WriteString("✓  " + left + strings.Repeat(" ", max(1, checkColumn+2-utf8.RuneCountInString(left))))
		b.WriteString("(" + agreement(l) + ")")
	case check.Wrong:
		b.WriteString("✗  " + wrongText(l))
	default:
		b.WriteString("?  not checked: " + l.Reason)
	}
	b.WriteString("\n")
}

// shown is the right side as read, or as written when it was not read.
func shown(l *check.Link) string {
	if l.Right != nil {
		return asWritten(l.Right)
	}
	return strings.Join(strings.Fields(l.RHS), " ")
}

func claimText(l *check.Link) string {
	if l.Right != nil {
		return "the claim " + asWritten(l.Right)
	}
	return "the claim " + l.RHS
}

// agreement says what a verified link passed.
func agreement(l *check.Link) string {
	what := "numerically equal"
	if l.Op != "=" && l.Op != `\equiv` {
		what = "holds"
	}
	s := fmt.Sprintf("%s at %d points", what, l.Points)
	if l.Infinite != "" {
		s = fmt.Sprintf("+∞: %s, at %d points", l.Infinite, l.Points)
	}
	if l.Cases != "" {
		s += ", " + l.Cases
	}
	if l.Where != "" {
		s += ", " + l.Where
	}
	if l.OneDim {
		s += ", in one dimension"
	}
	if l.Under != "" {
		s += ", with " + l.Under + " as stated before"
	}
	if l.Conditions != "" {
		s += ", under " + l.Conditions
	}
	if l.Defined != "" {
		s += ", with " + l.Defined
	}
	if l.Pos.File == "--claim" {
		s = "agrees with klderive's result " + expr.Format(l.L, expr.Unicode) + " at " + fmt.Sprintf("%d points", l.Points)
		if l.Reason != "" {
			s += "; " + l.Reason
		}
	}
	return s
}

func wrongText(l *check.Link) string {
	var head string
	switch {
	case l.Pos.File == "--claim":
		head = "the claim " + shown(l) + " differs from klderive's result " + expr.Format(l.L, expr.Unicode)
	case l.Implicit:
		head = fmt.Sprintf("line %d (no relation written; it follows a display block) does not equal line %d", l.Pos.Line, l.LeftPos.Line)
	case l.LeftPos.Line != l.Pos.Line && (l.Op == "=" || l.Op == `\equiv`):
		head = fmt.Sprintf("line %d does not follow from line %d", l.Pos.Line, l.LeftPos.Line)
	case l.LeftPos.Line != l.Pos.Line:
		head = fmt.Sprintf("line %d does not follow from line %d: %s fails", l.Pos.Line, l.LeftPos.Line, opSymbol(l.Op))
	case l.Op == "=" || l.Op == `\equiv`:
		head = "the two sides differ"
	default:
		head = opSymbol(l.Op) + " fails"
	}
	s := head
	if w := l.Witness; w != nil {
		var point []string
		for _, p := range w.Point {
			point = append(point, expr.Format(expr.S(p.Name), expr.Unicode)+" = "+valueString(p))
		}
		if len(point) > 0 {
			s += ": at " + strings.Join(point, ", ")
		}
		s += fmt.Sprintf(": left%s = %s, right%s = %s", w.Entry, num(w.Left), w.Entry, num(w.Right))
	}
	if l.OneDim {
		s += ", in one dimension"
	}
	if l.Under != "" {
		s += ", with " + l.Under + " as stated before"
	}
	if l.Conditions != "" {
		s += ", under " + l.Conditions
	}
	if l.Defined != "" {
		s += ", with " + l.Defined
	}
	if l.Diagnosis != "" {
		s += " (" + l.Diagnosis + ")"
	}
	return s
}

func valueString(p check.Binding) string {
	vec := func(vs []float64) string {
		parts := make([]string, len(vs))
		for i, v := range vs {
			parts[i] = num(v)
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	switch {
	case p.Mat != nil:
		rows := make([]string, len(p.Mat))
		for i, r := range p.Mat {
			rows[i] = vec(r)
		}
		return "(" + strings.Join(rows, ", ") + ")"
	case p.Vec != nil:
		return vec(p.Vec)
	}
	return num(p.Value)
}

// num prints a value with four significant digits.
func num(v float64) string { return fmt.Sprintf("%.4g", v) }

// opSymbol spells a relation as printed.
func opSymbol(op string) string {
	switch op {
	case `\leq`:
		return "≤"
	case `\geq`:
		return "≥"
	case `\equiv`:
		return "≡"
	}
	return op
}

func clipRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// The JSON document of a check. Links are in document order; positions
// are where each link's right-hand side starts.
type checkDoc struct {
	File       string       `json:"file"`
	Context    []checkGiven `json:"context"`
	Notes      []string     `json:"notes"`
	Statements []checkStmt  `json:"statements"`
	Links      []checkLink  `json:"links"`
	Claim      *checkLink   `json:"claim"`
	FirstWrong *checkLink   `json:"first_wrong"`
	Summary    checkSummary `json:"summary"`
}

type checkGiven struct {
	Stmt   string `json:"stmt"`
	Source string `json:"source"`
}

type checkStmt struct {
	Line int    `json:"line"`
	Col  int    `json:"col"`
	Kind string `json:"kind"`
	Text string `json:"text"`
	// The lines a condition read applies to.
	AppliesFrom int `json:"applies_from,omitempty"`
	AppliesTo   int `json:"applies_to,omitempty"`
}

type checkLink struct {
	Line       int           `json:"line"`
	Col        int           `json:"col"`
	LHS        string        `json:"lhs"`
	RHS        string        `json:"rhs"`
	Op         string        `json:"op"`
	Status     string        `json:"status"`
	Points     int           `json:"points"`
	OneDim     bool          `json:"one_dim"`
	Implicit   bool          `json:"implicit"`
	Under      string        `json:"under,omitempty"`      // the special case stated before the link
	Conditions string        `json:"conditions,omitempty"` // the conditions in scope at the link
	Defined    string        `json:"defined,omitempty"`    // the document's functions the link was read through
	Where      string        `json:"where,omitempty"`      // where a link that holds was checked, when a side had no value at some points
	Witness    *checkWitness `json:"witness"`
	Diagnosis  string        `json:"diagnosis"`
	Reason     string        `json:"reason"`
}

type checkWitness struct {
	Point map[string]any `json:"point"`
	Left  number         `json:"left"`
	Right number         `json:"right"`
	Entry string         `json:"entry,omitempty"`
}

type checkSummary struct {
	Links     int `json:"links"`
	OK        int `json:"ok"`
	Wrong     int `json:"wrong"`
	Unchecked int `json:"unchecked"`
}

// CheckJSON writes the report as one JSON object, indented two spaces.
func CheckJSON(w io.Writer, r *check.Report) error {
	s := r.Summary()
	doc := checkDoc{
		File:       r.File,
		Context:    make([]checkGiven, 0, len(r.Context)),
		Notes:      append([]string{}, r.Notes...),
		Statements: make([]checkStmt, 0, len(r.Statements)),
		Links:      make([]checkLink, 0, len(r.Links)),
		Summary:    checkSummary{Links: s.OK + s.Wrong + s.Unchecked, OK: s.OK, Wrong: s.Wrong, Unchecked: s.Unchecked},
	}
	for _, g := range r.Context {
		doc.Context = append(doc.Context, checkGiven{g.Stmt, g.Source})
	}
	for _, st := range r.Statements {
		doc.Statements = append(doc.Statements, checkStmt{st.Pos.Line, st.Pos.Col, string(st.Kind), st.Text, st.From, st.To})
	}
	for _, l := range r.Links {
		doc.Links = append(doc.Links, jsonLink(l))
	}
	if r.Claim != nil {
		c := jsonLink(r.Claim)
		doc.Claim = &c
	}
	if f := r.FirstWrong(); f != nil {
		fw := jsonLink(f)
		doc.FirstWrong = &fw
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}

func jsonLink(l *check.Link) checkLink {
	j := checkLink{Line: l.Pos.Line, Col: l.Pos.Col, LHS: l.LHS, RHS: l.RHS, Op: l.Op, Status: string(l.Status),
		Points: l.Points, OneDim: l.OneDim, Implicit: l.Implicit, Under: l.Under, Conditions: l.Conditions, Defined: l.Defined, Where: l.Where, Diagnosis: l.Diagnosis, Reason: l.Reason}
	if w := l.Witness; w != nil {
		j.Witness = &checkWitness{Point: map[string]any{}, Left: number(w.Left), Right: number(w.Right), Entry: w.Entry}
		for _, p := range w.Point {
			switch {
			case p.Mat != nil:
				j.Witness.Point[p.Name] = p.Mat
			case p.Vec != nil:
				j.Witness.Point[p.Name] = p.Vec
			default:
				j.Witness.Point[p.Name] = p.Value
			}
		}
	}
	return j
}

// asWritten prints a document's own math in Unicode with its factors in
// the order the document wrote them.
func asWritten(e expr.Expr) string {
	return expr.Notation{AsWritten: true}.Format(e, expr.Unicode)
}
