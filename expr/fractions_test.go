package expr

import (
	"strings"
	"testing"

	"github.com/klderive/klderive/internal/corpus"
	"github.com/stretchr/testify/assert"
)

// A numeric fraction is \tfrac in a flat sum, \frac beside tall content
// and in a row that is not a sum.
func TestFractionsByRow(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"-1/2*log(s) - 1/2*k", `-\tfrac{1}{2} \log s - \tfrac{k}{2}`},
		// A unit fraction of one symbol is one fraction; ½ stays before
		// a product, a bracket or a coefficient other than 1, and then
		// before every term of the sum: one convention per sum.
		{"1/2*v + 1/2*pi*v + 1/2*(a + b) + 9/2*t", `\tfrac{1}{2} v + \tfrac{1}{2} \pi v + \tfrac{1}{2} (a + b) + \tfrac{9}{2} t`},
		{"1/2*v - 1/2*w + 1/2*log(s)", `\tfrac{v}{2} - \tfrac{w}{2} + \tfrac{1}{2} \log s`},
		{"log(1/2*pi*v) + 1/2*(x - 3)^2", `\log(\pi v/2) + \tfrac{1}{2} (x - 3)^{2}`},
		{"1/2 + m", `\tfrac{1}{2} + m`},
		// The brackets around a flat sum need no \left and \right.
		{"E(x ~ p, -1/2*x^2 + log(s))", `\mathbb{E}_{x \sim p}[-\tfrac{x^{2}}{2} + \log s]`},
		{"1/2*log(s) + x^2/(2*s^2)", `\frac{1}{2} \log s + \frac{x^{2}}{2 s^{2}}`},
		{"1/2*log(s) + sum(d in 1..D, m[d])", `\frac{1}{2} \log s + \sum_{d=1}^{D} m_{d}`},
		// Half a sum of names is their midpoint.
		{"1/2*(a + b)", `\frac{a + b}{2}`},
		{"1/2*(a + log(b))", `\frac{1}{2} (a + \log b)`},
		{"1/2*log(2*pi*s^2)", `\frac{1}{2} \log(2 \pi s^{2})`},
		// A flat argument of a function is inline, even in a tall row.
		{"exp(-1/2*x^2)/sqrt(2*pi)", `\frac{\exp(-x^{2}/2)}{\sqrt{2 \pi}}`},
		{"log(1/2*a*b)*gamma(c) + d/e", `\log(a b/2) \Gamma(c) + \frac{d}{e}`},
		// A script keeps \frac, which \tfrac would set at text size.
		{"exp(1/2) + a", `e^{\frac{1}{2}} + a`},
	} {
		assert.Equal(t, c.want, Format(MustParse(c.in), LaTeX), c.in)
	}
}

// No \tfrac is ever inside a sub- or superscript.
func TestSmallFractionsNotInScripts(t *testing.T) {
	more := []string{"exp(1/2*a) + b", "x^(1/3) + 1/2*y", "sum(d in 1..D, 1/2*m[d]) + 1/2", "E(x ~ p, x^(3/2) + 1/2*x)"}
	for _, src := range append(append([]string{}, corpus.Expressions...), more...) {
		out := Format(MustParse(src), LaTeX)
		if !strings.Contains(out, `\tfrac`) {
			continue
		}
		// Every \tfrac is at script depth 0.
		depth := []bool{false} // per open group: inside a script
		for i := 0; i < len(out); i++ {
			switch out[i] {
			case '{':
				script := depth[len(depth)-1] || i > 0 && (out[i-1] == '^' || out[i-1] == '_')
				depth = append(depth, script)
			case '}':
				depth = depth[:len(depth)-1]
			case '\\':
				if strings.HasPrefix(out[i:], `\tfrac`) {
					assert.False(t, depth[len(depth)-1], "%s: \\tfrac in a script: %s", src, out)
				}
			}
		}
	}
}

// A unit fraction of one call inside a function's parentheses is written
// over its denominator, log(Γ(a)/6), as a Gamma KL with a shape of 4
// leaves it; outside a call, ½ stays in front of a logarithm. Plain
// keeps its own spelling, which parses back to the same tree.
func TestUnitFractionOfACallInsideACall(t *testing.T) {
	for _, c := range []struct{ in, unicode, latex string }{
		{"log(1/6*gamma(a))", "log(Γ(a)/6)", `\log(\Gamma(a)/6)`},
		{"log(1/2*digamma(b)) + c", "log(ψ(b)/2) + c", `\log(\psi(b)/2) + c`},
		{"1/2*log(a) + log(1/3*exp(v))", "1/2·log(a) + log(exp(v)/3)", `\tfrac{1}{2} \log a + \log(e^{v}/3)`},
		{"1/6*gamma(a)", "1/6·Γ(a)", `\frac{1}{6} \Gamma(a)`},
		// Not a unit fraction, or more than a call: the number stays in front.
		{"log(5/6*gamma(a))", "log(5/6·Γ(a))", `\log(\tfrac{5}{6} \Gamma(a))`},
	} {
		x := MustParse(c.in)
		assert.Equal(t, c.unicode, Format(x, Unicode), c.in)
		assert.Equal(t, c.latex, Format(x, LaTeX), c.in)
		assert.Equal(t, String(x), String(MustParse(String(x))), c.in)
	}
}
