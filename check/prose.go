package check

import (
	"fmt"
	"strings"

	"github.com/klderive/klderive/expr"
	"github.com/klderive/klderive/latex"
)

// Context in words. A document may name its densities only in prose:
// "$p$ and $q$ are Gaussians with means $\mu_1$, $\mu_2$ and variances
// $\sigma_1^2$, $\sigma_2^2$", or "where $\sigma$ is the standard
// deviation". Simple sentences of that shape are read as definitions
// and assumptions; a sentence that speaks of Gaussians with means or
// variances but is not of that shape is noted as not read, so that the
// links that need it stay not checked, for that reason, rather than being
// guessed at.

// maxProseNotes bounds the notes about prose that is not read, and
// maxProseMatches the sentences of each kind read as context or as a
// stated case: a document states its context a few times, and each
// sentence read costs a pass over its line.
const (
	maxProseNotes   = 3
	maxProseMatches = 50
)

// The pieces the patterns below are written from: constants, so that
// each pattern is laid out at link time (see lazy).
const (
	mathItem  = `\$[^$]+\$`
	mathList  = mathItem + `(?:\s*(?:,|and|,\s*and)\s*` + mathItem + `)?`
	gaussians = `(?:two\s+)?(?:univariate\s+)?(?:gaussians|normals|(?:gaussian|normal)\s+(?:distributions|densities))`
	gaussian  = `(?:a\s+)?(?:univariate\s+)?(?:gaussian|normal)(?:\s+distribution|\s+density|\s+random\s+variable)?`
	spread    = `(variances?|standard\s+deviations?)`
)

var (
	// twoGaussians: "$p$ and $q$ are Gaussians with means ... and variances ...".
	twoGaussians = lazy(`(?i)\$\s*([A-Za-z])\s*(?:\(\s*([a-z])\s*\))?\s*\$\s+and\s+\$\s*([A-Za-z])\s*(?:\(\s*[a-z]\s*\))?\s*\$\s+are\s+` +
		gaussians + `,?\s+with\s+(?:respective\s+)?means\s+(` + mathList + `)\s+and\s+` + spread + `\s+(` + mathList + `)`)
	// oneGaussian: "$p$ is a Gaussian with mean ... and variance ...".
	oneGaussian = lazy(`(?i)\$\s*([A-Za-z])\s*(?:\(\s*([a-z])\s*\))?\s*\$\s+is\s+(?:distributed\s+as\s+)?` +
		gaussian + `,?\s+with\s+mean\s+(` + mathItem + `)\s+and\s+` + spread + `\s+(` + mathItem + `)`)
	// standardDeviation: "$\sigma$ is the standard deviation", "$\sigma$ denotes the standard deviation".
	standardDeviation = lazy(`(?i)\$\s*([^$]+?)\s*\$\s+(?:is|denotes|being)\s+(?:the|its|a)\s+standard\s+deviation`)
	// vectorFamilyWords: "$p$ is a Categorical with probabilities $\pi$", "$x$
	// follows a Dirichlet distribution with concentrations $\alpha$".
	vectorFamilyWords = lazy(`(?i)\$\s*([A-Za-z])\s*(?:\(\s*([a-z])\s*\))?\s*\$\s+(?:is|be|follows)\s+(?:distributed\s+as\s+)?(?:an?\s+|the\s+)?(categorical|dirichlet)(?:\s+distribution|\s+density|\s+random\s+variable|\s+variable)?,?\s+with\s+(?:(?:event|class|outcome)\s+)?(?:probabilities|parameters?|weights|concentrations?(?:\s+parameters?)?)\s+\$([^$]+)\$`)
	// densityLetters name densities rather than random variables in
	// prose: "$p$ is a Categorical", but "$x$ is a Dirichlet".
	densityLetters = "pqrfgh"
	// aboutGaussians is prose that may state a context: Gaussian or
	// normal, with a mean or a variance, and some math.
	aboutGaussians = lazy(`(?i)\b(?:gaussian|normal)s?\b[^.]*\b(?:means?|variances?|standard\s+deviations?)\b[^.]*\$`)
)

// proseContext reads the densities and assumptions a document states in
// words. The definitions are the document's own, from the line of their
// sentence; the assumptions come as a statement.
func proseContext(s *Source) ([]definition, []statement, []string) {
	lines := s.lines()
	var defs []definition
	var stmts []statement
	var notes []string
	read := map[int]bool{} // sentence starts read
	line := func(off int) int { return lines.pos(s.File, off).Line }
	define := func(off int, name, v string, mean, spreadWord, spreadSrc, src string) bool {
		m, err1 := latex.Parse(mean, latex.Options{})
		sd, err2 := latex.Parse(spreadSrc, latex.Options{})
		if err1 != nil || err2 != nil {
			return false
		}
		variance := sd
		if strings.HasPrefix(strings.ToLower(spreadWord), "standard") {
			variance = expr.Power(sd, expr.N(2))
		}
		rv := false
		if v == "" {
			v = "x"
			if randomVariable.MatchString(name) {
				v, rv = strings.ToLower(name), true
			}
		}
		pos := lines.pos(s.File, off)
		defs = append(defs, definition{name: name, line: pos.Line, rv: rv, src: clip(src),
			d: &expr.Density{Name: name, Var: expr.S(v), Body: expr.Fn(expr.GaussianFamily(false).Name, expr.S(v), m, variance), Pos: pos}})
		return true
	}
	for _, m := range twoGaussians.FindAllStringSubmatchIndex(s.ifMentions("gaussian", "normal"), maxProseMatches) {
		sub := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s.Text[m[2*i]:m[2*i+1]]
		}
		means, spreads := splitMath(sub(4)), splitMath(sub(6))
		if len(means) != 2 || len(spreads) != 2 {
			continue
		}
		src := s.Text[m[0]:m[1]]
		if define(m[0], sub(1), sub(2), means[0], sub(5), spreads[0], src) && define(m[0], sub(3), sub(2), means[1], sub(5), spreads[1], src) {
			read[line(m[0])] = true
		}
	}
	for _, m := range oneGaussian.FindAllStringSubmatchIndex(s.ifMentions("gaussian", "normal"), maxProseMatches) {
		v := ""
		if m[4] >= 0 {
			v = s.Text[m[4]:m[5]]
		}
		mean, sd := strings.Trim(s.Text[m[6]:m[7]], "$"), strings.Trim(s.Text[m[10]:m[11]], "$")
		if define(m[0], s.Text[m[2]:m[3]], v, mean, s.Text[m[8]:m[9]], sd, s.Text[m[0]:m[1]]) {
			read[line(m[0])] = true
		}
	}
	for _, m := range standardDeviation.FindAllStringSubmatchIndex(s.ifMentions("standard"), maxProseMatches) {
		x, err := latex.Parse(s.Text[m[2]:m[3]], latex.Options{})
		sym, ok := x.(*expr.Sym)
		if err != nil || !ok {
			continue
		}
		at := line(m[0])
		f, err := expr.ParseFile(s.File, "assume "+expr.String(sym)+" > 0")
		if err != nil {
			continue
		}
		stmts = append(stmts, statement{f, fmt.Sprintf("line %d", at), -1})
		read[at] = true
	}
	dim := ""
	for _, m := range vectorFamilyWords.FindAllStringSubmatchIndex(s.Text, maxProseMatches) {
		name, v := s.Text[m[2]:m[3]], ""
		if m[4] >= 0 {
			v = s.Text[m[4]:m[5]]
		}
		param, err := latex.Parse(s.Text[m[8]:m[9]], latex.Options{})
		if _, isSym := param.(*expr.Sym); err != nil || !isSym {
			continue
		}
		rv, ofVariable := false, false
		switch {
		case v != "":
		case strings.Contains(densityLetters, name):
			v = "x"
		default:
			// "$x$ is a Dirichlet": the random variable x, its density
			// named after it.
			v, name, rv, ofVariable = strings.ToLower(name), strings.ToUpper(name), true, true
		}
		fam := vectorFamily(false)
		if d := vectorFamily(true); strings.EqualFold(s.Text[m[6]:m[7]], d.Name) {
			fam = d
		}
		if dim == "" {
			dim = documentDim(s)
		}
		args, pi := symbolPi([]expr.Expr{expr.S(v), param})
		pos := lines.pos(s.File, m[0])
		note := ""
		if pi {
			note = piNote(pos.Line, clip(s.Text[m[0]:m[1]]))
		}
		defs = append(defs, definition{name: name, line: pos.Line, rv: rv, src: clip(s.Text[m[0]:m[1]]), dim: dim, pi: pi, note: note, ofVariable: ofVariable,
			d: &expr.Density{Name: name, Var: expr.S(v), Body: expr.Fn(fam.Name, args...), Pos: pos}})
		read[pos.Line] = true
	}
	// A few such notes say enough; more would only cost time on a long
	// document.
	for _, m := range aboutGaussians.FindAllStringIndex(s.ifMentions("gaussian", "normal"), maxProseNotes) {
		if at := line(m[0]); !read[at] && !insideMath(s, m[0]) {
			notes = append(notes, fmt.Sprintf("line %d speaks of Gaussians in words that are not read as context; links that need it are not checked", at))
			read[at] = true
		}
	}
	return defs, stmts, notes
}

// splitMath splits "$a$, $b$", "$a$ and $b$" or "$a, b$" into the two
// pieces of math.
func splitMath(src string) []string {
	var out []string
	for _, piece := range lazy(`\$([^$]+)\$`).FindAllStringSubmatch(src, -1) {
		out = append(out, piece[1])
	}
	if len(out) == 1 {
		out = strings.Split(out[0], ",")
	}
	for i := range out {
		out[i] = strings.TrimSpace(out[i])
	}
	return out
}

// insideMath reports whether a byte offset falls inside a block of math.
func insideMath(s *Source, off int) bool {
	for _, b := range s.Math {
		if b.start <= off && off < b.end {
			return true
		}
	}
	return false
}
