package main

import (
	"fmt"
	"slices"
	"strings"
)

// figure is one row of the speed table: a measured quantity over runs
// (or rounds) and the speed target set for it, an upper bound, or
// none when bound is 0 (a figure shown for scale).
type figure struct {
	name    string
	unit    string // printed after each value: "×", " ms", " MB"
	prec    int    // decimals printed
	bound   float64
	strict  bool // the target is < bound rather than ≤ bound
	samples []float64
}

// meets reports whether one measured value meets the figure's target.
func (f figure) meets(v float64) bool {
	if f.strict {
		return v < f.bound
	}
	return v <= f.bound
}

func (f figure) value(v float64) string { return fmt.Sprintf("%.*f%s", f.prec, v, f.unit) }

// measured is the range of the samples, least–largest.
func (f figure) measured() string {
	if len(f.samples) == 0 {
		return "not measured"
	}
	lo, hi := slices.Min(f.samples), slices.Max(f.samples)
	if f.value(lo) == f.value(hi) {
		return f.value(lo)
	}
	return fmt.Sprintf("%.*f–%s", f.prec, lo, f.value(hi))
}

func (f figure) target() string {
	if f.bound == 0 {
		return "—"
	}
	op := "≤"
	if f.strict {
		op = "<"
	}
	return op + " " + f.value(f.bound)
}

// verdict is "met" when every run meets the target, "not met" when none
// does, and says how many did otherwise: a single lucky run is not
// reported as met.
func (f figure) verdict() string {
	if len(f.samples) == 0 {
		return "not measured"
	}
	if f.bound == 0 {
		return "—"
	}
	n := 0
	for _, v := range f.samples {
		if f.meets(v) {
			n++
		}
	}
	switch n {
	case len(f.samples):
		return "met"
	case 0:
		return "not met"
	}
	return fmt.Sprintf("in %d of %d runs", n, len(f.samples))
}

// markdownTable sets the figures as one Markdown table.
func markdownTable(figs []figure) string {
	var b strings.Builder
	b.WriteString("| figure | measured | target | met |\n|---|---|---|---|\n")
	for _, f := range figs {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", f.name, f.measured(), f.target(), f.verdict())
	}
	return b.String()
}

// ratios divides a[i] by b[i], pairing the runs in their order.
func ratios(a, b []float64) []float64 {
	var r []float64
	for i := range min(len(a), len(b)) {
		if b[i] > 0 {
			r = append(r, a[i]/b[i])
		}
	}
	return r
}

// scale multiplies every sample by k, to change its unit.
func scale(vs []float64, k float64) []float64 {
	r := make([]float64, len(vs))
	for i, v := range vs {
		r[i] = v * k
	}
	return r
}
