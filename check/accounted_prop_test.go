package check

import (
	"fmt"
	"math/big"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A property of the reading of links: in a random document of random
// relations, each relation is in the report (a link, a definition or a
// condition, at the place its right side starts), nothing else is, and
// a numeric fact is judged: ✓ when true, ✗ when false.

// expectation is what the report must say of one generated relation.
type expectation int

const (
	fact           expectation = iota // two numbers: ok when true, wrong when false
	link                              // a link, whatever its verdict
	unjudged                          // a link that is not checked (≠, or a hypothesis in symbols)
	heldOrUnjudged                    // an equation of a hypothesis: ok where it holds in general, else not checked
	isCondition                       // a condition
	conditionOr                       // a condition, or a link
	isDefinition                      // a definition
)

// genRel is one relation of a generated document.
type genRel struct {
	line, col int // where its right side starts
	want      expectation
	holds     bool // for a fact
	// tie: a strict inequality between equal numbers, which numbers in
	// floating point cannot refute: wrong, or not checked.
	tie bool
	src string // for messages
}

// genPart is one side of a generated relation.
type genPart struct {
	tex    string
	val    *big.Rat // nil unless the part is a number
	single bool     // one symbol as written
}

// genDoc writes a document and keeps the position of what it writes.
type genDoc struct {
	b         strings.Builder
	line, col int
	rels      []genRel
	last      *genPart // the last part of the last display chain, which = c continues
	r         *rand.Rand
}

func (d *genDoc) write(s string) {
	for _, c := range s {
		if c == '\n' {
			d.line, d.col = d.line+1, 1
		} else {
			d.col++
		}
	}
	d.b.WriteString(s)
}

// num is a small rational formula: depth bounds its size, so that two
// different values differ far beyond the checker's tolerance.
func (d *genDoc) num(depth int) genPart {
	if depth == 0 || d.r.IntN(3) == 0 {
		n := int64(d.r.IntN(10))
		return genPart{tex: fmt.Sprint(n), val: big.NewRat(n, 1)}
	}
	a, b := d.num(depth-1), d.num(depth-1)
	switch d.r.IntN(5) {
	case 0:
		return genPart{tex: a.tex + " + " + b.tex, val: new(big.Rat).Add(a.val, b.val)}
	case 1:
		return genPart{tex: a.tex + " - (" + b.tex + ")", val: new(big.Rat).Sub(a.val, b.val)}
	case 2:
		return genPart{tex: "(" + a.tex + ") \\cdot (" + b.tex + ")", val: new(big.Rat).Mul(a.val, b.val)}
	case 3:
		if b.val.Sign() == 0 {
			return a
		}
		return genPart{tex: `\frac{` + a.tex + "}{" + b.tex + "}", val: new(big.Rat).Quo(a.val, b.val)}
	}
	return genPart{tex: "(" + a.tex + ")^2", val: new(big.Rat).Mul(a.val, a.val)}
}

// symbols are parts that are not numbers: parameters of the context,
// an unknown symbol, a universal one, and formulas of them.
var symbols = []genPart{
	{tex: `\mu_1`, single: true}, {tex: `\sigma_2`, single: true}, {tex: "a", single: true}, {tex: "x", single: true},
	{tex: `\sigma_1^2`}, {tex: `\mu_1 + 1`}, {tex: `2\mu_2`}, {tex: "a + b"}, {tex: "x^2 - x"},
}

func (d *genDoc) part() genPart {
	if d.r.IntN(5) < 3 {
		return d.num(2)
	}
	p := symbols[d.r.IntN(len(symbols))]
	return p
}

var genOps = []string{"=", "=", "=", "=", "<", ">", `\leq`, `\geq`, `\neq`}

// ctx is where a chain is written.
type ctx struct {
	hypothesis bool // after "where"
	standalone bool // the chain is one relation, alone in its block
}

// expect says what the report must hold for left op right.
func expect(l, r genPart, op string, c ctx) (expectation, bool) {
	switch {
	case c.hypothesis && l.single:
		return isCondition, false
	case c.standalone && l.single:
		return conditionOr, false
	case c.hypothesis && r.single && orderOps[op] != "" && numberSource.MatchString(l.tex):
		return isCondition, false // 0 < a: a number that bounds a symbol
	case c.standalone && r.single && orderOps[op] != "" && numberSource.MatchString(l.tex):
		return conditionOr, false
	case c.hypothesis && l.val == nil && orderOps[op] != "" && numberSource.MatchString(r.tex):
		return isCondition, false // mu_1 + 1 <= 5: the sign of an expression
	case op == `\neq`:
		return unjudged, false
	case l.val != nil && r.val != nil:
		cmp := l.val.Cmp(r.val)
		holds := map[string]bool{"=": cmp == 0, "<": cmp < 0, ">": cmp > 0, `\leq`: cmp <= 0, `\geq`: cmp >= 0}[op]
		return fact, holds
	case c.hypothesis && op == "=":
		return heldOrUnjudged, false
	case c.hypothesis:
		return unjudged, false
	}
	return link, false
}

// chain writes parts separated by relations, rows of an aligned block
// when sep holds a row break; left, when not nil, is the part before a
// chain that begins with a relation. It returns the last part.
func (d *genDoc) chain(left *genPart, n int, sep string, c ctx) genPart {
	var prev genPart
	if left == nil {
		prev = d.part()
		d.write(prev.tex)
	} else {
		prev = *left
	}
	for i := 0; i < n; i++ {
		op := genOps[d.r.IntN(len(genOps))]
		if i > 0 || left == nil {
			d.write(sep)
		}
		d.write(op + " ")
		next := d.part()
		if d.r.IntN(4) == 0 {
			next = prev // an equation that holds, or a false strict inequality
		}
		want, holds := expect(prev, next, op, ctx{hypothesis: c.hypothesis, standalone: c.standalone && n == 1 && left == nil})
		tie := (op == "<" || op == ">") && want == fact && prev.val.Cmp(next.val) == 0
		d.rels = append(d.rels, genRel{line: d.line, col: d.col, want: want, holds: holds, tie: tie, src: prev.tex + " " + op + " " + next.tex})
		d.write(next.tex)
		prev = next
	}
	return prev
}

// block writes one piece of math of a random shape.
func (d *genDoc) block() {
	n := 1 + d.r.IntN(3)
	display := func(open, close string) {
		d.write(open)
		last := d.chain(nil, n, " ", ctx{standalone: true})
		d.write(close)
		d.last = &last
	}
	switch d.r.IntN(11) {
	case 0:
		display("$$", "$$")
	case 1:
		display(`\[ `, ` \]`)
	case 2:
		display(`$$\boxed{`, "}$$")
	case 3:
		display(`\begin{align*} `, ` \end{align*}`)
	case 4:
		d.write("Text $")
		d.chain(nil, n, " ", ctx{standalone: true})
		d.write("$ text.")
	case 5:
		d.write("where $")
		d.chain(nil, n, " ", ctx{hypothesis: true})
		d.write("$.")
	case 6: // an aligned block over several lines
		d.write("$$\\begin{aligned}\n")
		last := d.chain(nil, n, " \\\\\n&", ctx{standalone: true})
		d.write("\n\\end{aligned}$$")
		d.last = &last
	case 7: // a display block that continues the chain before it
		if d.last == nil {
			display("$$", "$$")
			return
		}
		d.write("$$")
		last := d.chain(d.last, n, " ", ctx{})
		d.write("$$")
		d.last = &last
	case 8: // an equation beside a justification that states one
		d.write("$$")
		last := d.chain(nil, 1, " ", ctx{standalone: true})
		d.write(` && \text{since } `)
		d.chain(nil, 1, " ", ctx{standalone: true})
		d.write("$$")
		d.last = &last
	case 9:
		display(`<div align="center">$$`, "$$</div>")
	default:
		d.write("$$f(x) = ")
		d.rels = append(d.rels, genRel{line: d.line, col: d.col, want: isDefinition, src: "f(x) = x^2"})
		d.write("x^2$$")
		d.last = &genPart{tex: "x^2"}
	}
}

func TestEveryRelationIsAccounted(t *testing.T) {
	for seed := uint64(1); seed <= 300; seed++ {
		d := &genDoc{line: 1, col: 1, r: rand.New(rand.NewPCG(seed, 7))}
		for k := 1 + d.r.IntN(5); k > 0; k-- {
			d.block()
			d.write("\n\nSome prose.\n\n")
		}
		doc := d.b.String()
		r := run(t, Markdown, doc, gauss...)
		type entry struct {
			link *Link
			stmt *Statement
		}
		at := map[[2]int]entry{}
		for _, l := range r.Links {
			at[[2]int{l.Pos.Line, l.Pos.Col}] = entry{link: l}
		}
		for i := range r.Statements {
			s := &r.Statements[i]
			at[[2]int{s.Pos.Line, s.Pos.Col}] = entry{stmt: s}
		}
		require.Equal(t, len(d.rels), len(r.Links)+len(r.Statements), "seed %d: one entry per relation\n%s\n%v\n%v", seed, doc, summary(r), statements(r))
		for _, g := range d.rels {
			e, ok := at[[2]int{g.line, g.col}]
			require.True(t, ok, "seed %d: %s at %d:%d is not in the report\n%s\n%v\n%v", seed, g.src, g.line, g.col, doc, summary(r), statements(r))
			msg := fmt.Sprintf("seed %d: %s at %d:%d\n%s", seed, g.src, g.line, g.col, doc)
			l := e.link
			switch g.want {
			case fact:
				require.NotNil(t, l, msg)
				switch {
				case g.holds:
					assert.Equal(t, OK, l.Status, "%s: %s", msg, l.Reason)
				case g.tie:
					assert.Contains(t, []Status{Wrong, Unchecked}, l.Status, msg)
				default:
					assert.Equal(t, Wrong, l.Status, msg)
				}
			case link:
				require.NotNil(t, l, msg)
			case unjudged:
				require.NotNil(t, l, msg)
				assert.Equal(t, Unchecked, l.Status, msg)
			case heldOrUnjudged:
				require.NotNil(t, l, msg)
				assert.NotEqual(t, Wrong, l.Status, msg)
			case isCondition:
				require.NotNil(t, e.stmt, msg)
				assert.Equal(t, Condition, e.stmt.Kind, msg)
			case conditionOr:
				if e.stmt != nil {
					assert.Equal(t, Condition, e.stmt.Kind, msg)
				}
			case isDefinition:
				require.NotNil(t, e.stmt, msg)
				assert.Equal(t, Definition, e.stmt.Kind, msg)
			}
			if l != nil && l.Status == Unchecked {
				assert.NotEmpty(t, l.Reason, msg)
			}
		}
	}
}
