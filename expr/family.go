package expr

import (
	"math"
	"sort"
	"strings"
)

// Family is a named density family such as Normal(x; mean, variance).
// Its numeric density here is the evaluator's own, written from the
// textbook formula and independent of the rewrite rules that expand it.
type Family struct {
	Name   string
	Params []string // what each parameter after the variable means
	// Positive lists the parameters whose domain is > 0; a problem using
	// the family assumes them.
	Positive []int
	pdf      func(x float64, params []float64) float64
	logpdf   func(x float64, params []float64) float64
}

// Families are the density families klderive knows.
var Families = map[string]*Family{
	"Normal": {
		Name:     "Normal",
		Params:   []string{"mean", "variance"},
		Positive: []int{1},
		pdf: func(x float64, p []float64) float64 {
			m, v := p[0], p[1]
			return math.Exp(-(x-m)*(x-m)/(2*v)) / math.Sqrt(2*math.Pi*v)
		},
		logpdf: func(x float64, p []float64) float64 {
			m, v := p[0], p[1]
			return -(x-m)*(x-m)/(2*v) - math.Log(2*math.Pi*v)/2
		},
	},
	// MvNormal's density needs matrices; the evaluator computes it with
	// gonum's distmv (see mvnormal.go).
	"MvNormal": {
		Name:   "MvNormal",
		Params: []string{"mean", "covariance"},
	},
}

// FamilyNames lists the known families, sorted, for error messages.
func FamilyNames() string {
	names := make([]string, 0, len(Families))
	for n := range Families {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

func (ev evaluator) family(f *Family, c *Call) (Value, error) {
	if f.pdf == nil {
		lp, err := ev.mvnormalLogPdf(c)
		return through(lp, math.Exp), err
	}
	if len(c.Args) != len(f.Params)+1 {
		return Value{}, errorf("%s takes a variable and %d parameters (%s)", f.Name, len(f.Params), strings.Join(f.Params, ", "))
	}
	vals, err := ev.evalAll(c.Args)
	if err != nil {
		return Value{}, err
	}
	for _, i := range f.Positive {
		if !(vals[i+1].V > 0) {
			return Value{}, errorf("the %s of %s must be positive, not %g", f.Params[i], String(c), vals[i+1].V)
		}
	}
	return throughAll(vals, func(a []float64) float64 { return f.pdf(a[0], a[1:]) }), nil
}
