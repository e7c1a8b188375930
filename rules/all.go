package rules

import "github.com/klderive/klderive/internal/once"

// Family is a named group of rules, as "klderive rules" lists them.
type Family struct {
	Name string
	Set  Set
}

// Families are the rules of this package, by family. The density
// families' own rules (their densities and expectations) are in package
// family, which lists them with these.
var Families = once.Value[[]Family]{New: func() []Family {
	return []Family{
		{"definitions", Join(Definitions.Get(), DiscreteDefinitions.Get()[1:2], SelfInformation.Get())},
		{"densities", Substitute.Get()},
		{"logarithms", append(append(Set{}, Log.Get()...), NegateSum.Get())},
		{"linearity", Join(Linearity.Get(), Absolute.Get())},
		{"matrices", Join(LogDet.Get(), Scaled.Get(), TraceTrick.Get(), MatrixExpectation.Get(), Trace.Get(), Diagonal.Get())},
		{"special functions", Join(Special.Get(), Set{GammaRatio.Get()}, exactValues.Get(), Set{RootOfSquare.Get()})},
		{"algebra", Join(Set{CancelPair.Get(), ComplementTwice.Get(), LikeTerms.Get(), CancelFactor.Get()}, Signs.Get(), Set{ExpProduct.Get()}, Algebra.Get(), Presentation.Get(), PresentationBesideSums.Get(), CollectLogs.Get(), CancelTerms.Get(), CollectSums.Get(), CollectLogSums.Get(), Set{WriteOutShortSum.Get()})},
	}
}}

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
	for _, f := range Families.Get() {
		out = append(out, f.Set...)
	}
	return out
}
