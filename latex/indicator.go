package latex

import "github.com/klderive/klderive/expr"

// indicator parses the indicator of an order condition after
// \mathbb{1}: \mathbb{1}[x \geq 0], \mathbb{1}(0 < x < 1),
// \mathbb{1}\{x > a\}, \mathbb{1}_{x \ge 0}. It is 1 where the condition
// holds and 0 elsewhere, the piecewise cases(1 if x >= 0; 0 otherwise),
// so that a density written λe^{−λx}\mathbb{1}[x \ge 0] is zero off its
// support. An equality (the Iverson bracket \mathbb{1}(x = k) of a
// Categorical) is not read here.
func (p *texParser) indicator(head texTok) (expr.Expr, error) {
	open := p.peek()
	from, to := -1, -1
	switch {
	case open.is("[") || open.is("("):
		if m := p.match[p.i]; m > p.i {
			from, to = p.i+1, m
		}
	case open.is(`\{`):
		depth := 0
		for j := p.i; p.toks[j].kind != texEOF; j++ {
			if p.toks[j].is(`\{`) {
				depth++
			} else if p.toks[j].is(`\}`) {
				if depth--; depth == 0 {
					from, to = p.i+1, j
					break
				}
			}
		}
	case open.is("_") && p.at(1).is("{"):
		if m := p.match[p.i+1]; m > p.i+1 {
			from, to = p.i+2, m
		}
	}
	if from < 0 || to <= from {
		return nil, p.fail(head, "expected a condition in [ ], ( ), \\{ \\} or a subscript after \\mathbb{1}")
	}
	when, err := p.comparison(p.toks[from:to:to], head)
	if err != nil {
		return nil, err
	}
	for _, r := range when {
		if op := map[string]string{"!=": `\neq`, "=": "="}[r.Op]; op != "" {
			return nil, p.fail(head, "expected a comparison (<, >, \\leq or \\geq) in the indicator \\mathbb{1}, not %s", op)
		}
	}
	p.i = to + 1
	return &expr.Cases{Cases: []expr.Case{{When: when, Then: expr.N(1)}}, Else: expr.N(0)}, nil
}
