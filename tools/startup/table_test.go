package main

import (
	"reflect"
	"testing"
)

func TestMarkdownTable(t *testing.T) {
	figs := []figure{
		{name: "ratio", unit: "×", prec: 1, bound: 3, samples: []float64{2.94, 3.0, 2.5}},
		{name: "init", unit: " ms", prec: 2, bound: 1, strict: true, samples: []float64{0.98, 1.0, 1.2}},
		{name: "rss", unit: " MB", prec: 1, bound: 12, strict: true, samples: []float64{12.04, 12.3}},
		{name: "same", unit: " s", prec: 2, bound: 1, strict: true, samples: []float64{0.501, 0.499}},
		{name: "scale only", unit: " ms", prec: 2, samples: []float64{0.7}},
		{name: "missing", unit: " ms", prec: 2, bound: 1, strict: true},
	}
	want := "| figure | measured | target | met |\n|---|---|---|---|\n" +
		"| ratio | 2.5–3.0× | ≤ 3.0× | met |\n" +
		"| init | 0.98–1.20 ms | < 1.00 ms | in 1 of 3 runs |\n" +
		"| rss | 12.0–12.3 MB | < 12.0 MB | not met |\n" +
		"| same | 0.50 s | < 1.00 s | met |\n" +
		"| scale only | 0.70 ms | — | — |\n" +
		"| missing | not measured | < 1.00 ms | not measured |\n"
	if got := markdownTable(figs); got != want {
		t.Errorf("markdownTable:\n%s\nwant:\n%s", got, want)
	}
}

func TestParseBench(t *testing.T) {
	out := `goos: linux
pkg: github.com/klderive/klderive/derive
BenchmarkGoals10-2                	       1	   8715744 ns/op	         0.6834 cpu-ms/goal	         0.8716 ms/goal
BenchmarkGoals10-2                	       1	   8715744 ns/op	         0.7000 cpu-ms/goal	         0.8716 ms/goal
BenchmarkCheck10000Links   	       1	3195969931 ns/op	     14091 B/link	       155.7 cpu-µs/link
--- BENCH: BenchmarkCheck10000Links-2
    bench_test.go:51: 10000 links: {OK:10000 Wrong:0 Unchecked:0}
PASS
`
	r := benchResults{}
	parseBench(out, r)
	if got := r.metric("BenchmarkGoals10", "cpu-ms/goal"); !reflect.DeepEqual(got, []float64{0.6834, 0.7}) {
		t.Errorf("Goals10 cpu-ms/goal = %v", got)
	}
	if got := r.metric("BenchmarkCheck10000Links", "B/link"); !reflect.DeepEqual(got, []float64{14091}) {
		t.Errorf("Check10000Links B/link = %v", got)
	}
	if got := r.metric("BenchmarkGoals10", "B/link"); got != nil {
		t.Errorf("a metric not reported = %v, want none", got)
	}
	if len(r) != 2 {
		t.Errorf("read %d benchmarks, want 2: %v", len(r), r)
	}
}

func TestInitTotal(t *testing.T) {
	out := `init internal/bytealg @0.009 ms, 0 ms clock, 0 bytes, 0 allocs
init runtime @0.021 ms, 0.11 ms clock, 0 bytes, 0 allocs
init github.com/yuin/goldmark/util @2.7 ms, 0.22 ms clock, 139464 bytes, 437 allocs
2
`
	ms, n := initTotal(out)
	if n != 3 || ms < 0.329999 || ms > 0.330001 {
		t.Errorf("initTotal = %v ms over %d lines, want 0.33 over 3", ms, n)
	}
}

func TestRatios(t *testing.T) {
	if got := ratios([]float64{3, 4, 5}, []float64{1, 2}); !reflect.DeepEqual(got, []float64{3, 2}) {
		t.Errorf("ratios = %v, want [3 2]", got)
	}
}
