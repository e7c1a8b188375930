package check

import (
	"fmt"
	"github.com/klderive/klderive/latex"
	"strings"

	"github.com/klderive/klderive/derive"
	"github.com/klderive/klderive/expr"
)

// claimPos is where a --claim is reported.
var claimPos = expr.Pos{File: "--claim", Line: 1, Col: 1}

// claim reads --claim, in the .kl syntax or in LaTeX, and links it to the
// result of the engine's derivation of its goal: the KL, H or
// cross-entropy on its left, or else the goal of a klderive block, or
// else the quantity that starts the document's first chain.
func (c *context) claim(src string, kl []statement, pend []pending) (*Link, error) {
	lhs, rhs, err := c.readClaim(src)
	if err != nil {
		return nil, err
	}
	goal, _ := lhs.(*expr.Info)
	if lhs != nil && goal == nil {
		return nil, expr.Errorf(claimPos, "the left side of a claim is the quantity it states, KL(p || q), H(p) or H(p, q); not %s", expr.String(lhs))
	}
	if goal == nil {
		goal = documentGoal(kl, pend)
	}
	if goal == nil {
		return nil, expr.Errorf(claimPos, "the claim names no quantity and the document has no goal; write --claim 'KL(p || q) = ...'")
	}
	rs := &resolver{c: c, goal: goal.P}
	g, ok := rs.resolve(goal, "").(*expr.Info)
	if rs.err != nil || !ok {
		return nil, expr.Errorf(claimPos, "%v", rs.err)
	}
	l := &Link{Pos: claimPos, LeftPos: claimPos, Op: "=", LHS: expr.Format(g, expr.Unicode), RHS: strings.TrimSpace(src)}
	l.Right = rhs
	l.R = rs.resolve(rhs, "")
	if rs.err != nil {
		l.Status, l.Reason = Unchecked, rs.err.Error()
		return l, nil
	}
	d, err := derive.Derive(c.prob, &expr.Goal{Info: g, Pos: claimPos}, derive.DefaultOptions)
	switch {
	case err == nil && d.Bound == "":
		l.L = d.Result
		l.LHS = expr.Format(g, expr.Unicode) + " = " + expr.Format(d.Result, expr.Unicode)
	default:
		// The engine cannot finish: compare with the quantity itself,
		// integrated numerically.
		l.L = g
		var why string
		if err != nil {
			why = err.Error()
		} else {
			why = "its derivation stopped: " + d.Bound
		}
		l.Reason = fmt.Sprintf("compared with %s by numerical integration: %s", expr.Format(g, expr.Unicode), why)
	}
	if _, unknown := freeSymbols(c, l.L, l.R); len(unknown) > 0 {
		l.Status, l.Reason = Unchecked, "unknown symbols in the claim: "+symNames(unknown)
		return l, nil
	}
	if c.matrices {
		if err := c.shapes(l); err != nil {
			l.Status, l.Reason = Unchecked, err.Error()
		}
	}
	return l, nil
}

// readClaim parses a claim: "KL(p || q) = EXPR" or "EXPR", in the .kl
// syntax or in LaTeX.
func (c *context) readClaim(src string) (lhs, rhs expr.Expr, err error) {
	lhs, rhs, kerr := readKLClaim(src)
	if kerr == nil {
		return lhs, rhs, nil
	}
	parts, terr := latex.ParseChain(src, c.texOptions("--claim"))
	if terr == nil && len(parts) > 0 && len(parts) <= 2 {
		for _, p := range parts {
			if p.Err != nil {
				terr = p.Err
			}
		}
		switch {
		case terr != nil:
		case len(parts) == 1:
			return nil, parts[0].X, nil
		case parts[1].Op != "=":
			return nil, nil, expr.Errorf(claimPos, "a claim is an equality, not %s", opName(parts[1].Op))
		default:
			return parts[0].X, parts[1].X, nil
		}
	}
	if strings.Contains(src, `\`) && terr != nil {
		return nil, nil, terr
	}
	return nil, nil, kerr
}

// readKLClaim reads a claim in the .kl syntax. The sides are parsed
// apart, the right one padded so that error columns are the claim's.
func readKLClaim(src string) (lhs, rhs expr.Expr, err error) {
	depth := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '(', '[':
			depth++
		case ')', ']':
			depth--
		case '<', '>':
			if depth == 0 {
				return nil, nil, expr.Errorf(claimPos, "a claim is an equality, not %c", src[i])
			}
		case '=':
			if depth != 0 || i > 0 && strings.ContainsRune("<>!", rune(src[i-1])) {
				continue
			}
			if lhs, err = expr.ParseExprNamed("--claim", src[:i]); err != nil {
				return nil, nil, err
			}
			if rhs, err = expr.ParseExprNamed("--claim", strings.Repeat(" ", i+1)+src[i+1:]); err != nil {
				return nil, nil, err
			}
			return lhs, rhs, nil
		}
	}
	if rhs, err = expr.ParseExprNamed("--claim", src); err != nil {
		return nil, nil, err
	}
	return nil, rhs, nil
}

// documentGoal is the goal of the first klderive block that has one, or
// the KL, H or cross-entropy that starts the document's first chain.
func documentGoal(kl []statement, pend []pending) *expr.Info {
	for _, s := range kl {
		if len(s.file.Goals) > 0 {
			return s.file.Goals[0].Info
		}
	}
	for _, p := range pend {
		if p.left == nil {
			continue
		}
		if in, ok := p.left.X.(*expr.Info); ok {
			return in
		}
	}
	return nil
}
