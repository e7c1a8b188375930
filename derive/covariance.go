package derive

import "github.com/klderive/klderive/expr"

// assumeCovariance records what a covariance being positive definite
// says of its parts, as a reader takes it: the diagonal w of diag(w) is
// positive in every coordinate, and so is the scalar c of c*S or c*I.
func (p *Problem) assumeCovariance(s expr.Expr, name string) {
	switch s := s.(type) {
	case *expr.Call:
		switch s.Fn {
		case "diag":
			p.assumePositive(s.Args[0], "diagonal of the covariance", name)
		case "inv":
			p.assumeCovariance(s.Args[0], name)
		}
	case *expr.Mul:
		var scalars []expr.Expr
		for _, f := range s.Factors {
			if p.Ctx.IsScalar(f) {
				scalars = append(scalars, f)
			} else {
				p.assumeCovariance(f, name)
			}
		}
		if len(scalars) > 0 {
			p.assumePositive(expr.Prod(scalars...), "scale of the covariance", name)
		}
	}
}
