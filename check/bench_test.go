package check

import (
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/klderive/klderive/internal/cputime"
)

// benchDocument is a Markdown document of n links: blocks of ten links in
// the style of the seeds (a KL by integrals, expectations and algebra),
// each block scaled by its own constant so that no two parts are alike.
func benchDocument(n int) string {
	var b strings.Builder
	b.WriteString("# Many derivations\n\nLet $p(x) \\sim \\mathcal{N}(\\mu_1, \\sigma_1^2)$ and $q(x) \\sim \\mathcal{N}(\\mu_2, \\sigma_2^2)$.\n\n")
	for i := 0; i*10 < n; i++ {
		c := i + 2
		fmt.Fprintf(&b, "## Block %d\n\n$$\n\\begin{aligned}\n", i)
		fmt.Fprintf(&b, "%d D_{KL}(p \\| q) &= %d\\int p(x) \\log\\frac{p(x)}{q(x)} \\,dx \\\\\n", c, c)
		fmt.Fprintf(&b, "&= %d\\mathbb{E}_{x\\sim p}[\\log p(x) - \\log q(x)] \\\\\n", c)
		fmt.Fprintf(&b, "&= %d\\mathbb{E}_{p}\\left[-\\frac{1}{2}\\log(2\\pi\\sigma_1^2) - \\frac{(x-\\mu_1)^2}{2\\sigma_1^2} + \\frac{1}{2}\\log(2\\pi\\sigma_2^2) + \\frac{(x-\\mu_2)^2}{2\\sigma_2^2}\\right] \\\\\n", c)
		fmt.Fprintf(&b, "&= %d\\left(\\log\\frac{\\sigma_2}{\\sigma_1} - \\frac{\\mathbb{E}_p[(x-\\mu_1)^2]}{2\\sigma_1^2} + \\frac{\\mathbb{E}_p[(x-\\mu_2)^2]}{2\\sigma_2^2}\\right) \\\\\n", c)
		fmt.Fprintf(&b, "&= %d\\left(\\log\\frac{\\sigma_2}{\\sigma_1} - \\frac{1}{2} + \\frac{\\sigma_1^2 + (\\mu_1-\\mu_2)^2}{2\\sigma_2^2}\\right) \\\\\n", c)
		fmt.Fprintf(&b, "&= %d\\log\\sigma_2 - %d\\log\\sigma_1 - \\frac{%d}{2} + \\frac{%d(\\sigma_1^2 + \\mu_1^2 - 2\\mu_1\\mu_2 + \\mu_2^2)}{2\\sigma_2^2} \\\\\n", c, c, c, c)
		fmt.Fprintf(&b, "&= \\frac{%d}{2}\\left(\\log\\frac{\\sigma_2^2}{\\sigma_1^2} - 1 + \\frac{\\sigma_1^2}{\\sigma_2^2} + \\frac{(\\mu_1-\\mu_2)^2}{\\sigma_2^2}\\right)\n", c)
		b.WriteString("\\end{aligned}\n$$\n\n")
		fmt.Fprintf(&b, "The second moment is $\\int x^2 p(x)\\,dx = \\mu_1^2 + \\sigma_1^2$, so $%d\\mathbb{E}_p[x^2] = %d(\\mu_1^2 + \\sigma_1^2)$ ", c, c)
		fmt.Fprintf(&b, "and\n\n$$%d\\mathbb{E}_p[(x - \\mu_2)^2] = %d\\left(\\sigma_1^2 + (\\mu_1 - \\mu_2)^2\\right).$$\n\n", c, c)
	}
	return b.String()
}

func BenchmarkCheck1000Links(b *testing.B)  { benchmarkCheck(b, 1000) }
func BenchmarkCheck10000Links(b *testing.B) { benchmarkCheck(b, 10000) }

// benchmarkCheck reads and checks a document of n links, reporting the
// time and the bytes allocated per link, which should not grow with n.
func benchmarkCheck(b *testing.B, n int) {
	doc := benchDocument(n)
	s, err := Read("bench.md", doc, Markdown)
	if err != nil {
		b.Fatal(err)
	}
	r, err := Check(s, Options{})
	if err != nil {
		b.Fatal(err)
	}
	sum := r.Summary()
	b.Logf("%d links: %+v", len(r.Links), sum)
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	cpu0 := cputime.Used()
	b.ResetTimer()
	for b.Loop() {
		s, _ := Read("bench.md", doc, Markdown)
		if _, err := Check(s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	links := float64(b.N * len(r.Links))
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/links/1e3, "µs/link")
	// The processor time too: on a shared machine it is the steadier
	// figure.
	b.ReportMetric(float64((cputime.Used()-cpu0).Nanoseconds())/links/1e3, "cpu-µs/link")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/links, "B/link")
}

// BenchmarkReadOneLine reads a 2 MB document of one line, 80,000 pieces
// of inline and display math: positions, display openers and the words
// before each piece cost the same wherever on the line it is, so the
// time is linear in the length of the line.
func BenchmarkReadOneLine(b *testing.B) {
	doc := strings.Repeat(`so $x_9 = 2$ and $$a = b$$ i.e. `, 2<<20/32)
	b.SetBytes(int64(len(doc)))
	b.ReportAllocs()
	cpu0 := cputime.Used()
	for b.Loop() {
		s, err := Read("line.md", doc, Markdown)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Math) == 0 {
			b.Fatal("no math read")
		}
	}
	b.ReportMetric(float64((cputime.Used()-cpu0).Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
}

// BenchmarkCheckScopedSections checks 1000 sections, each under a
// condition of its own on a parameter and on an identity's variable:
// each set of conditions draws points for its own links only, so the
// time per link does not grow with the number of sections.
func BenchmarkCheckScopedSections(b *testing.B) {
	var doc strings.Builder
	doc.WriteString("Let $X \\sim \\mathcal{N}(a, s^2)$.\n\n")
	for i := range 1000 {
		fmt.Fprintf(&doc, "## Part %d\n\nFor $a > %.3f$ and $t > %.3f$ we have\n$$\\mathbb{E}[X] + \\sqrt{t^2} = \\sqrt{a^2} + t$$\n\n", i, float64(i)/1000, float64(i)/1000)
	}
	src := doc.String()
	b.ReportAllocs()
	for b.Loop() {
		s, _ := Read("bench.md", src, Markdown)
		r, err := Check(s, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if sum := r.Summary(); sum.OK != 1000 {
			b.Fatalf("%+v", sum)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000)/1e3, "µs/link")
}
