package expr

import (
	"strings"

	"github.com/klderive/klderive/internal/once"
)

// The names the language gives a meaning to, and the checks that keep a
// user's own names apart from them and from each other.

// functions are the built-in functions of the input syntax. I is also
// the identity matrix, written as a constant.
var functions = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"log": true, "exp": true, "sqrt": true, "abs": true,
		"det": true, "tr": true, "inv": true, "diag": true, "I": true,
		"gamma": true, "lgamma": true, "digamma": true, "trigamma": true, "beta": true, "lbeta": true, "erf": true,
		"max": true, "min": true, "gammainc": true, "betainc": true,
	}
}}

// letterFunctions are functions named like a Greek letter. Called, the
// name is the function, gamma(a); bare, it is the letter, as the rate
// beta of Gamma(x; alpha, beta) is. The two print apart (B(a, b) and β),
// so only a density may not take such a name: beta(x) would be a call.
var letterFunctions = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"gamma": true, "beta": true}
}}

// keywords have an argument syntax of their own: E(x ~ p, f),
// int(x, f), sum(d in 1..D, f), KL(p || q), H(p), cases(f if a < b; g otherwise).
var keywords = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{
		"cases": true, "E": true, "int": true, "sum": true, "prod": true, "KL": true, "D_KL": true, "H": true,
	}
}}

// constants are the symbols with a fixed value.
// inf is +∞, for the limits of an integral over a half-line.
var constants = once.Value[map[string]bool]{New: func() map[string]bool {
	return map[string]bool{"pi": true, "e": true, "I": true, "inf": true}
}}

// IsNumberConstant reports whether name is a number with a fixed value
// (pi, e, inf), which a sampler must never bind.
func IsNumberConstant(name string) bool { return constants.Get()[name] && name != "I" }

// isCallable reports whether name means a function of its own, so that
// it cannot stand for a value: log, E, Normal.
func isCallable(name string) bool {
	return (functions.Get()[name] && !constants.Get()[name] && !letterFunctions.Get()[name]) || keywords.Get()[name] || families.Get()[name] != nil
}

// isReserved reports whether name has a meaning of its own and so cannot
// name a density, a variable or a declared symbol.
func isReserved(name string) bool {
	return (functions.Get()[name] && !letterFunctions.Get()[name]) || keywords.Get()[name] || constants.Get()[name] || families.Get()[name] != nil
}

// isReservedDensity reports whether name cannot name a density: a
// density is called, so no function's name can be one.
func isReservedDensity(name string) bool { return isReserved(name) || functions.Get()[name] }

// notValueMsg explains why a function's name cannot stand for a value.
func notValueMsg(name string) string {
	what := "a function"
	switch {
	case keywords.Get()[name]:
		what = "a keyword"
	case families.Get()[name] != nil:
		what = "a density family"
	}
	return name + " is " + what + ", not a value; call it as " + name + "(...)"
}

// reservedMsg explains why a reserved name cannot be a role ("a density").
func reservedMsg(name, role string) string {
	what := "a built-in function"
	switch {
	case constants.Get()[name] && name == "I":
		what = "the identity matrix"
	case constants.Get()[name]:
		what = "a constant"
	case keywords.Get()[name]:
		what = "a keyword"
	case families.Get()[name] != nil:
		what = "a density family"
	}
	return name + " is " + what + " and cannot be " + role + "; choose another name"
}

// functionNames lists the functions a .kl file may call, for messages.
const functionNames = "log, exp, sqrt, abs, det, tr, inv, diag, gamma, lgamma, digamma, trigamma, beta, lbeta, erf, max, min, gammainc, betainc"

// unbrace drops the braces of sigma_{1}.
var unbrace = once.Value[*strings.Replacer]{New: func() *strings.Replacer {
	return strings.NewReplacer("{", "", "}", "")
}}

// nameError checks a name as written and returns its canonical spelling.
// A trailing or doubled underscore would make a_ print like a and a__b
// like a_b, so both are errors.
func nameError(raw string) (string, string) {
	name := unbrace.Get().Replace(raw)
	switch {
	case strings.HasSuffix(name, "_"):
		return "", "the name " + raw + " ends in _; a subscript follows the _, as in " + strings.TrimRight(name, "_") + "_1"
	case strings.Contains(name, "__"):
		return "", "the name " + raw + " has a doubled _; write one, as in " + strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '_' }), "_")
	}
	c := Canonical(name)
	if strings.HasPrefix(c, "_") {
		return "", "the name " + raw + " starts with a subscript; a name starts with a letter"
	}
	return c, ""
}
