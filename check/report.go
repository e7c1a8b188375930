// Package check reads a hand derivation, in Markdown, a .tex file or plain
// LaTeX, and checks every equality it makes numerically at random
// admissible points, reporting the first wrong link, where it is, a
// numeric witness and, where it is cheap to tell, what kind of mistake it
// looks like.
//
// The math is read by the LaTeX reader (package latex) into the same trees the .kl
// parser builds; the densities and assumptions come from .kl statements
// (--given, a fenced klderive block) or from the document's own
// definitions, and become a derive.Problem, so the positivity assumptions
// and the random points are the engine's own.
package check

import (
	"fmt"

	"github.com/klderive/klderive/expr"
)

// Status is the verdict on one link.
type Status string

const (
	OK        Status = "ok"        // the two sides agree at every point tried
	Wrong     Status = "wrong"     // they disagree at some admissible point
	Unchecked Status = "unchecked" // the link could not be judged; Reason says why
)

// Link is one relation the document states between two expressions: a
// link of a chain a = b = c, or the claim given with --claim.
type Link struct {
	Pos     expr.Pos // where the right-hand side starts
	LeftPos expr.Pos // where the left-hand side starts
	Op      string   // "=", "\\leq", ...; as in latex.ChainPart
	// Implicit marks a display block with no relation that follows the
	// display block before it with nothing in between: it is read as the
	// next line of the same derivation.
	Implicit bool
	LHS, RHS string    // the two sides as written
	Right    expr.Expr // the right side as read, before resolving; nil when unread
	L, R     expr.Expr // the two sides as resolved against the context; nil when not
	Status   Status
	Points   int  // admissible points at which the sides were compared
	OneDim   bool // matrix notation was read in one dimension (1×1 matrices)
	// Under is the special case the document stated before the link
	// ("let $\mu_2 = 0$"), in which it was checked: "μ₂ = 0".
	Under string
	// Conditions are the conditions in scope at the link, but for those
	// stated with the densities, which the points satisfy: "a > 0
	// (line 3)".
	Conditions string
	// Defined lists the functions the document defines that the link
	// was read through, with where: "f as defined on line 12".
	Defined string
	Matrix  bool // the sides are vectors or matrices, compared entry by entry
	// Witness is a point where the sides differ (Status Wrong).
	Witness *Witness
	// Diagnosis says what kind of mistake a wrong link looks like, when a
	// cheap test can tell: "right = 2 × left: a factor of 2?".
	Diagnosis string
	// Reason says why a link is unchecked.
	Reason string
	// Infinite is the witness of a link "= ∞" that holds, or of one
	// between two forms of a divergence that are both +∞: where p > 0
	// and q = 0.
	Infinite string
	// Cases, for a link with a piecewise side that holds, says how many
	// of the points fell in each case.
	Cases string
	// Where, for a link with identity variables that holds, says where
	// it was checked when a side had no value at some points drawn:
	// "all where x > 0, as a side has no value elsewhere".
	Where string
	// universal are the link's identity variables (freeSymbols).
	universal []string
}

// Witness is a point where the two sides of a link differ.
type Witness struct {
	Point       []Binding // the values of the link's symbols, in order of first use
	Left, Right float64
	// Entry is the entry of vector or matrix sides that differs most,
	// as [row,column] from 1; "" for numbers.
	Entry string
}

// Binding is the value of one symbol at a point.
type Binding struct {
	Name  string  // the canonical name: sigma_1
	Value float64 // a scalar, or the first coordinate of a vector
	Vec   []float64
	Mat   [][]float64 // a matrix, by rows
}

// Given is one density or assumption of the context, and where it came
// from: "--given", "klderive block at 12" or "line 6".
type Given struct {
	Stmt   string    // in the input syntax: "p(x) = Normal(x; mu_1, sigma_1^2)"
	Expr   expr.Expr // the statement, for printing; nil for a dimension
	Source string    // "--given", "klderive block at line 12", "line 6"
}

// StatementKind says why a relation of the math is not a link.
type StatementKind string

const (
	Definition StatementKind = "definition" // f(x) = x^2, X \sim \mathcal{N}(0, 1), s := 2
	Condition  StatementKind = "condition"  // \mu_1 = \mu_2, k = 1, and what follows "if" or "where"
	// Remark is a relation in a remark in letters of its own, as a
	// rule's justification states its identity (\text{since
	// $\operatorname{tr}(AB) = \operatorname{tr}(BA)$}): no claim about the
	// context's symbols, so it is listed, not judged.
	Remark StatementKind = "remark"
	// Base is a value set for a symbol the document uses as the base of
	// a logarithm (b = e after \log_b): about the base, so it restricts
	// no parameter of the same name (logbase.go).
	Base StatementKind = "log base"
)

// Statement is a relation of the math that is context rather than a
// claim, so it is reported but not judged. A density definition that
// the report's context or notes already show is not repeated here.
type Statement struct {
	Pos  expr.Pos // where the right-hand side starts, as for a link
	Kind StatementKind
	Text string // the relation as written
	// From and To are the lines a condition read applies to (see
	// scope.go); 0 for any other statement.
	From, To int
}

// Scope says which lines a condition read applies to, "applies to lines
// 3–7"; it is "" for any other statement.
func (st Statement) Scope() string {
	switch {
	case st.From == 0:
		return ""
	case st.From == st.To:
		return fmt.Sprintf("applies to line %d", st.From)
	}
	return fmt.Sprintf("applies to lines %d–%d", st.From, st.To)
}

// Report is the outcome of checking one document. Every relation of the
// math is one of its links or statements.
type Report struct {
	File       string
	Context    []Given
	Notes      []string // what a reader should know: overridden definitions, blocks read or skipped
	Statements []Statement
	Links      []*Link
	Claim      *Link // the --claim check, or nil
}

// FirstWrong returns the first wrong link in document order, or the
// claim if it is the only wrong one, or nil.
func (r *Report) FirstWrong() *Link {
	for _, l := range r.Links {
		if l.Status == Wrong {
			return l
		}
	}
	if r.Claim != nil && r.Claim.Status == Wrong {
		return r.Claim
	}
	return nil
}

// Summary counts the links by status; the claim counts as a link.
type Summary struct {
	OK        int `json:"ok"`
	Wrong     int `json:"wrong"`
	Unchecked int `json:"unchecked"`
}

// Summary counts the links, and the claim, by status.
func (r *Report) Summary() Summary {
	var s Summary
	links := r.Links
	if r.Claim != nil {
		links = append(links[:len(links):len(links)], r.Claim)
	}
	for _, l := range links {
		switch l.Status {
		case OK:
			s.OK++
		case Wrong:
			s.Wrong++
		default:
			s.Unchecked++
		}
	}
	return s
}
