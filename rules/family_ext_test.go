package rules_test

import (
	"github.com/klderive/klderive/family"
	"github.com/klderive/klderive/rules"
)

// Package family, which imports this package, registers the families and
// holds their rules; linking it in here gives the internal tests both,
// so that the family rules' worked examples are checked with the others.
func init() {
	for _, f := range family.All() {
		rules.FamilyRules = append(rules.FamilyRules, f.Density...)
		// The worked examples here are written against a Gaussian p or
		// a discrete one; the continuous families' expectations are
		// checked against their own densities in package family.
		if f.Gaussian || f.Support.Discrete {
			rules.FamilyRules = append(rules.FamilyRules, f.Moments...)
			rules.FamilyRules = append(rules.FamilyRules, f.Series...)
			rules.FamilyRules = append(rules.FamilyRules, f.Powers...)
		}
	}
}
