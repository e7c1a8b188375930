package expr

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/klderive/klderive/internal/once"
)

// greek maps the spelled-out names users write to their letters.
var greek = once.Value[map[string]string]{New: func() map[string]string {
	return map[string]string{
		"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε",
		"varepsilon": "ε", "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ",
		"iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ",
		"pi": "π", "rho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ",
		"varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω",
		"Gamma": "Γ", "Delta": "Δ", "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π",
		"Sigma": "Σ", "Upsilon": "Υ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
	}
}}

// greekName is the inverse of greek, for reading Unicode input.
var greekName = once.Value[map[rune]string]{New: func() map[rune]string {
	m := map[rune]string{}
	for name, letter := range greek.Get() {
		r := []rune(letter)[0]
		if old, ok := m[r]; !ok || len(name) < len(old) {
			m[r] = name
		}
	}
	return m
}}

// SplitName splits a symbol name into its base and subscript: trailing
// digits and an _suffix are subscripts, so sigma1, sigma_1 and sigma_{1}
// all give ("sigma", "1").
func SplitName(name string) (base, sub string) {
	if i := strings.IndexByte(name, '_'); i > 0 {
		return name[:i], strings.Trim(name[i+1:], "{}")
	}
	i := len(name)
	for i > 0 && name[i-1] >= '0' && name[i-1] <= '9' {
		i--
	}
	if i == 0 {
		return name, ""
	}
	return name[:i], name[i:]
}

// Canonical is the spelling of a symbol that all notations share:
// sigma1, sigma_1, sigma_{1} and σ₁ are all "sigma_1", and μₚ is "mu_p".
// The variant letters varepsilon and varphi are epsilon and phi, as in
// Unicode, where each pair is one letter.
func Canonical(name string) string {
	if alreadyCanonical(name) {
		return name // most names, read again and again: no new string
	}
	return spelled(name)
}

// spelled is Canonical's spelling of name, built.
func spelled(name string) string {
	var b strings.Builder
	for _, r := range name {
		if n, ok := greekName.Get()[r]; ok {
			b.WriteString(n)
		} else if l, ok := subscriptLetter.Get()[r]; ok {
			b.WriteByte('_')
			b.WriteRune(l)
		} else {
			b.WriteRune(r)
		}
	}
	base, sub := SplitName(strings.ReplaceAll(b.String(), "__", "_"))
	sub = variantGreek(strings.ReplaceAll(sub, "_", ""))
	base = variantGreek(base)
	if sub == "" {
		return base
	}
	return base + "_" + sub
}

// alreadyCanonical reports whether Canonical would spell name as it is:
// ASCII (no Greek letter or subscript character to spell out), no
// doubled underscore, and split by SplitName into a base and a
// subscript that it joins again as written, neither a variant letter.
func alreadyCanonical(name string) bool {
	for i := 0; i < len(name); i++ {
		if name[i] >= utf8.RuneSelf {
			return false
		}
	}
	if strings.Contains(name, "__") {
		return false
	}
	base, sub := SplitName(name)
	if variantGreek(base) != base || variantGreek(sub) != sub || strings.Contains(sub, "_") {
		return false
	}
	if sub == "" {
		return base == name
	}
	return len(name) == len(base)+1+len(sub) && name[len(base)] == '_' && name[len(base)+1:] == sub
}

func variantGreek(s string) string {
	switch s {
	case "varepsilon":
		return "epsilon"
	case "varphi":
		return "phi"
	}
	return s
}

var subscriptRune = once.Value[map[rune]rune]{New: func() map[rune]rune {
	return map[rune]rune{
		'0': '₀', '1': '₁', '2': '₂', '3': '₃', '4': '₄', '5': '₅', '6': '₆', '7': '₇', '8': '₈', '9': '₉',
		'a': 'ₐ', 'e': 'ₑ', 'h': 'ₕ', 'i': 'ᵢ', 'j': 'ⱼ', 'k': 'ₖ', 'l': 'ₗ', 'm': 'ₘ', 'n': 'ₙ',
		'o': 'ₒ', 'p': 'ₚ', 'r': 'ᵣ', 's': 'ₛ', 't': 'ₜ', 'u': 'ᵤ', 'v': 'ᵥ', 'x': 'ₓ',
	}
}}

// subscriptLetter is the inverse of subscriptRune, for reading σ₁.
var subscriptLetter = once.Value[map[rune]rune]{New: func() map[rune]rune {
	m := map[rune]rune{}
	for l, r := range subscriptRune.Get() {
		m[r] = l
	}
	return m
}}

// unicodeName renders sigma1 as σ₁ and mu_p as μₚ.
func unicodeName(name string) string {
	base, sub := SplitName(name)
	if g, ok := greek.Get()[base]; ok {
		base = g
	}
	if sub == "" {
		return base
	}
	if g, ok := greek.Get()[sub]; ok {
		return base + "_" + g
	}
	var b strings.Builder
	for _, r := range sub {
		s, ok := subscriptRune.Get()[r]
		if !ok {
			return base + "_" + unicodeName(sub)
		}
		b.WriteRune(s)
	}
	return base + b.String()
}

// latexName renders sigma1 as \sigma_{1}; multi-letter Latin names are
// set upright so that "logvar" does not read as a product of letters.
func latexName(name string) string {
	base, sub := SplitName(name)
	out := latexBase(base)
	if sub != "" {
		out += "_{" + latexBase(sub) + "}"
	}
	return out
}

func latexBase(s string) string {
	if _, ok := greek.Get()[s]; ok {
		return `\` + s
	}
	if len([]rune(s)) == 1 || isDigits(s) {
		return s
	}
	return `\mathit{` + s + `}`
}

func isDigits(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return s != ""
}

// GreekLetter is the letter of a spelled-out Greek name ("sigma" gives
// "σ"), or "" when name is not one.
func GreekLetter(name string) string { return greek.Get()[name] }

// GreekName is the spelled-out name of a Greek letter, or "".
func GreekName(r rune) string { return greekName.Get()[r] }
