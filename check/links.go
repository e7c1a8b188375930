package check

import (
	"fmt"
	"github.com/klderive/klderive/latex"
	"regexp"
	"strings"

	"github.com/klderive/klderive/expr"
)

// Links are read from chains. A chain a = b = c, across the rows of an
// aligned block, is the links a = b and b = c. A display block that
// begins with a relation continues the chain of the display block before
// it, and a display block that is one bare expression, with only white
// space between it and the display block before, is read as that
// derivation's next line. The first link of a chain that defines a
// density or a function (P(x) \sim \mathcal{N}(...), f(x) = x) is
// context, not a claim to judge.

// chain is the state of the chain being read.
type chain struct {
	last *latex.ChainPart
	n    int    // parts read so far
	goal string // the density P of a chain that starts at KL(P || Q), H(P) or H(P, Q)
	def  bool   // the chain starts with a definition
}

// pending is a link before it is judged.
type pending struct {
	link        *Link
	left, right *latex.ChainPart
	goal        string
	unknown     []string // the symbols that left the link unchecked
}

// relational reports whether math that cannot be read at all states a
// relation, so that it is reported rather than skipped.
var relational = regexp.MustCompile(`=|\\le|\\ge|<|>|\\approx|≤|≥`)

// chainLinks reads every block into links. Each link keeps its parts for
// the checker; links with nothing to judge are Unchecked already.
func chainLinks(s *Source, c *context) []pending {
	opt := latex.Options{File: s.File, Funcs: c.funcs()}
	var out []pending
	var display chain // the last chain of the last display block
	for _, b := range s.Math {
		opt.Line, opt.Col = b.Pos.Line, b.Pos.Col
		parts, err := latex.ParseChain(b.Src, opt)
		if err != nil {
			if relational.MatchString(b.Src) {
				out = append(out, pending{link: &Link{Pos: errPos(err, b.Pos), LeftPos: b.Pos, Op: "=", RHS: clip(b.Src),
					Status: Unchecked, Reason: readError(err)}})
			}
			if b.Display {
				display = chain{}
			}
			continue
		}
		if len(parts) == 0 {
			continue
		}
		if b.Hypothesis {
			continue // a condition or a notation: nothing to check
		}
		var cur chain
		for j := range parts {
			pt := &parts[j]
			switch {
			case pt.Op == "" && j > 0 && cur.last != nil && strings.HasPrefix(strings.TrimSpace(pt.Src), "+"):
				// A row that begins with + carries on the part before it
				// (a = b \\ + c), with or without an alignment point.
				joinParts(cur.last, pt, opt)
				continue
			case pt.Op == "":
				if j == 0 && len(parts) == 1 && b.Display && b.Glued && display.last != nil && !display.def {
					out = append(out, newPending(display.last, pt, display.goal, true))
				}
				cur = chain{last: pt, n: 1, goal: goalOf(pt.X)}
				continue
			case j == 0 && b.Display && display.last != nil:
				cur = display
			case j == 0:
				where := "this inline math begins with it"
				if b.Display {
					where = "no display math comes before"
				}
				out = append(out, pending{link: &Link{Pos: pt.Pos, LeftPos: b.Pos, Op: pt.Op, RHS: strings.TrimSpace(pt.Src), Status: Unchecked,
					Reason: fmt.Sprintf("nothing on the left of %s: %s", opName(pt.Op), where)}})
				cur = chain{last: pt, n: 1}
				continue
			}
			if cur.n == 1 && (c.isDefinition(cur.last, pt) || len(parts) == 2 && condition(cur.last, pt)) {
				cur.def = true
			} else if pt.Op != `\sim` && pt.Op != ":=" {
				out = append(out, newPending(cur.last, pt, cur.goal, false))
			}
			cur.last = pt
			cur.n++
		}
		if b.Display {
			display = cur
		}
	}
	return out
}

// joinParts reads a part and the row that carries it on as one part.
// The sources are joined with a space, so positions in an error past the
// first row are approximate.
func joinParts(last, more *latex.ChainPart, opt latex.Options) {
	if last.Err != nil || more.Err != nil {
		if last.Err == nil {
			last.Err, last.X = more.Err, nil
		}
		return
	}
	src := last.Src + " " + more.Src
	opt.Line, opt.Col = last.Pos.Line, last.Pos.Col
	x, err := latex.Parse(src, opt)
	last.Src = src
	if err != nil {
		last.X, last.Err = nil, err
		return
	}
	last.X = x
}

// clip shortens math for a message.
func clip(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}

func newPending(left, right *latex.ChainPart, goal string, implicit bool) pending {
	op := right.Op
	if implicit {
		op = "="
	}
	return pending{
		link: &Link{Pos: right.Pos, LeftPos: left.Pos, Op: op, Implicit: implicit,
			LHS: strings.TrimSpace(left.Src), RHS: strings.TrimSpace(right.Src), Right: right.X},
		left: left, right: right, goal: goal,
	}
}

// errPos is the position an error names, or the block's.
func errPos(err error, fallback expr.Pos) expr.Pos {
	if e, ok := err.(*expr.Error); ok {
		return e.Pos
	}
	return fallback
}

// goalOf is the density P of KL(P || Q), H(P) or H(P, Q).
func goalOf(x expr.Expr) string {
	if in, ok := x.(*expr.Info); ok {
		return in.P
	}
	return ""
}

// opName spells a relation for messages.
func opName(op string) string {
	switch op {
	case `\leq`:
		return "≤"
	case `\geq`:
		return "≥"
	case `\approx`:
		return "≈"
	case `\neq`:
		return "≠"
	case `\sim`:
		return "∼"
	case `\propto`:
		return "∝"
	case `\equiv`:
		return "≡"
	}
	return strings.TrimPrefix(op, `\`)
}

// condition reports whether a standalone equation a = b equates two
// single symbols or numbers (\mu_1 = \mu_2, k = 1): a condition or a
// notation, not a step of a derivation.
func condition(left, right *latex.ChainPart) bool {
	atom := func(x expr.Expr) bool {
		switch x.(type) {
		case *expr.Sym, *expr.Num, *expr.Index:
			return true
		}
		return false
	}
	return left.X != nil && right.X != nil && atom(left.X) && atom(right.X)
}

// Definitions. The left side of a definition is a name, a name applied to
// a variable, or a name labelling a variable (p: x \sim ...).
var (
	defCall  = regexp.MustCompile(`^\s*(.+?)\s*(?:\\left\s*)?\(\s*([a-zA-Z])\s*(?:\\right\s*)?\)\s*$`)
	defLabel = regexp.MustCompile(`^\s*(.+?)\s*:\s*([a-zA-Z])\s*$`)
)

// defName reads the left side of a definition: the name and, when it is
// written, the variable.
func defName(src string) (name, v string, ok bool) {
	head := src
	if m := defCall.FindStringSubmatch(src); m != nil {
		head, v = m[1], m[2]
	} else if m := defLabel.FindStringSubmatch(src); m != nil {
		head, v = m[1], m[2]
	}
	x, err := latex.Parse(head, latex.Options{})
	if err != nil {
		return "", "", false
	}
	s, isSym := x.(*expr.Sym)
	if !isSym {
		return "", "", false
	}
	return s.Name, v, true
}

// isDefinition reports whether the first link of a chain defines rather
// than claims: name \sim family, name := ..., name = family(...), or
// f(x) = ... for an f that is not a density.
func (c *context) isDefinition(left, right *latex.ChainPart) bool {
	switch right.Op {
	case `\sim`, ":=":
		return true
	case "=", `\equiv`:
	default:
		return false
	}
	name, v, ok := defName(left.Src)
	if !ok {
		return false
	}
	if call, isCall := right.X.(*expr.Call); isCall && expr.Families[call.Fn] != nil {
		return true
	}
	_, isDensity := c.density(name)
	return v != "" && !isDensity && right.X != nil && expr.Uses(right.X, v)
}

// findDefinitions reads the densities a document defines in its math:
// P(x) \sim \mathcal{N}(\mu_1, \sigma_1^2), q(z) \sim N(\mu, \sigma^2),
// p: x \sim \mathbb N(\mu_1, \sigma_1^2), p(x) = \mathcal{N}(x; 0, 1).
// N(mean, variance) takes the density's variable.
func findDefinitions(s *Source) []definition {
	var defs []definition
	seen := map[string]bool{}
	for _, b := range s.Math {
		if !strings.Contains(b.Src, "N") {
			continue
		}
		parts, err := latex.ParseChain(b.Src, latex.Options{File: s.File, Line: b.Pos.Line, Col: b.Pos.Col})
		if err != nil {
			continue
		}
		for j := 1; j < len(parts); j++ {
			left, right := parts[j-1], parts[j]
			if left.Op != "" || left.Err != nil && !defLabel.MatchString(left.Src) || right.Err != nil {
				continue
			}
			if right.Op != `\sim` && right.Op != "=" && right.Op != ":=" {
				continue
			}
			call, ok := right.X.(*expr.Call)
			if !ok || call.Fn != "Normal" {
				continue
			}
			name, v, ok := defName(left.Src)
			if !ok || seen[name] {
				continue
			}
			args := call.Args
			switch {
			case len(args) == 3 && v == "":
				if s, ok := args[0].(*expr.Sym); ok {
					v = s.Name
				}
			case len(args) == 2 && v != "":
				args = append([]expr.Expr{expr.S(v)}, args...)
			}
			// A bare name (X \sim N(0, 1)) is a random variable, not a
			// density: a density is written with its variable.
			if v == "" {
				continue
			}
			seen[name] = true
			defs = append(defs, definition{name: name, line: left.Pos.Line,
				src: strings.TrimSpace(left.Src) + " " + right.Op + " " + strings.TrimSpace(right.Src),
				d:   &expr.Density{Name: name, Var: expr.S(v), Body: expr.Fn("Normal", args...), Pos: left.Pos}})
		}
	}
	return defs
}
