package latex

import "github.com/klderive/klderive/expr"

// distribution parses the arguments of a family written upright, such
// as \mathrm{Bern}(x; p) or \mathrm{Bern}(p), after its name.
func (p *texParser) distribution(fam *expr.Family, head texTok) (expr.Expr, error) {
	open := p.peek()
	if !open.is("(") {
		return nil, p.fail(open, "expected ( after %s but found %s", fam.TeX, texDescribe(open))
	}
	p.next()
	args, semi, err := p.argList(")")
	if err != nil {
		return nil, err
	}
	if semi && len(args) == len(fam.Params)+1 || !semi && len(args) == len(fam.Params) {
		return expr.Fn(fam.Name, args...), nil
	}
	return nil, p.fail(open, "%s takes the variable and %d parameters (%s), not %d arguments", fam.TeX, len(fam.Params), fam.ParamNames(), len(args))
}
