package latex

import "testing"

// A bare D before (P||Q) is the divergence; D before anything else is a
// name, and D|x| an absolute value times it.
func TestLaTeXBareDivergence(t *testing.T) {
	checkTeX(t, []texCase{
		{`D(P||Q)`, "KL(P || Q)"},
		{`D(p \| q)`, "KL(p || q)"},
		{`D(P \parallel Q)`, "KL(P || Q)"},
		{`D(x + 1)`, "D*(x + 1)"},
		{`D|x|`, "D*abs(x)"},
	})
}
