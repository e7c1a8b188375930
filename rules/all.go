package rules

// Family is a named group of rules, as "klderive rules" lists them.
type Family struct {
	Name string
	Set  Set
}

// Families are the rules of this package, by family. The density
// families' own rules (their densities and expectations) are in package
// family, which lists them with these.
var Families = []Family{
	{"definitions", Join(Definitions, DiscreteDefinitions[1:2], SelfInformation)},
	{"densities", Substitute},
	{"logarithms", append(append(Set{}, Log...), NegateSum)},
	{"linearity", Join(Linearity, Absolute)},
	{"matrices", Join(LogDet, Scaled, TraceTrick, MatrixExpectation, Trace, Diagonal)},
	{"special functions", Join(Special, exactValues)},
	{"algebra", Join(Set{CancelPair, ComplementTwice, LikeTerms}, Algebra, Presentation, CollectLogs, CancelTerms, CollectSums, CollectLogSums)},
}

// Join concatenates rule sets.
func Join(sets ...Set) Set {
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
