package rules

// Family is a named group of rules, as "klderive rules" lists them.
type Family struct {
	Name string
	Set  Set
}

// Families are every rule klderive knows, by family.
var Families = []Family{
	{"definitions", Definitions},
	{"densities", join(Substitute, Gaussian)},
	{"logarithms", append(append(Set{}, Log...), NegateSum)},
	{"linearity", Linearity},
	{"gaussian moments", join(Moments, Powers)},
	{"matrices", join(MvDensity, LogDet, Scaled, TraceTrick, MatrixExpectation, Trace, Diagonal)},
	{"algebra", join(Set{CancelPair}, Algebra, Presentation)},
}

func join(sets ...Set) Set {
	var out Set
	for _, s := range sets {
		out = append(out, s...)
	}
	return out
}

// All lists every rule once, in family order.
func All() Set {
	var out Set
	for _, f := range Families {
		out = append(out, f.Set...)
	}
	return out
}
