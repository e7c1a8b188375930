package main

import (
	"bufio"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// benchSet is one benchmark as the speed table runs it: the test binary
// is built once, then run in the package's directory (benchmarks there
// read ../examples) with a fixed number of iterations, so that the whole
// table stays within a few minutes.
type benchSet struct {
	pkg       string // ./derive
	pattern   string // the -test.bench pattern
	benchtime string // 300x, 1x
}

// benchSets are the Go benchmarks the speed targets name. Each run of
// the short ones lasts a fifth of a second or so, as the long ones do:
// on a shared machine a run of a few tens of milliseconds is as likely
// as not to fall in one neighbour's burst, and its figure with it.
var benchSets = []benchSet{
	{"./derive", "^BenchmarkDeriveNormalVerified$", "300x"},
	{"./derive", "^BenchmarkDeriveGammaVerified$", "50x"},
	{"./derive", "^BenchmarkDeriveMvnVerified$", "50x"},
	{"./derive", "^BenchmarkGoals10$", "50x"},
	{"./derive", "^BenchmarkGoals1000$", "1x"},
	{"./derive", "^BenchmarkGoals100$", "3x"},
	{"./check", "^BenchmarkCheck10000Links$", "1x"},
}

// benchResults maps a benchmark's name (without its -GOMAXPROCS
// suffix) to its metrics of each run, in the order of the runs.
type benchResults map[string][]map[string]float64

// runBenchmarks builds each package's test binary into dir and runs the
// benchmarks count times, in turns: every benchmark once, then every
// benchmark again. The i-th runs of two benchmarks are then minutes
// apart at most, not the whole table, so that a ratio of them
// (Goals1000 ÷ Goals10) compares runs made under the same load.
func runBenchmarks(dir string, count int) (benchResults, error) {
	res := benchResults{}
	built := map[string]string{}
	for range count {
		for _, s := range benchSets {
			bin, ok := built[s.pkg]
			if !ok {
				bin = filepath.Join(dir, filepath.Base(s.pkg)+".test")
				if out, err := exec.Command("go", "test", "-c", "-o", bin, s.pkg).CombinedOutput(); err != nil {
					return nil, fmt.Errorf("go test -c %s: %v\n%s", s.pkg, err, out)
				}
				built[s.pkg] = bin
			}
			cmd := exec.Command(bin, "-test.run=^$", "-test.bench="+s.pattern, "-test.benchtime="+s.benchtime)
			cmd.Dir = s.pkg
			out, err := cmd.CombinedOutput()
			if err != nil {
				return nil, fmt.Errorf("benchmarks %s %s: %v\n%s", s.pkg, s.pattern, err, out)
			}
			parseBench(string(out), res)
		}
	}
	return res, nil
}

// parseBench adds the result lines of go test -bench output to res. A
// result line is the benchmark's name, its iteration count, then pairs
// of a value and its unit:
//
//	BenchmarkGoals10-2   50   8715744 ns/op   0.6834 cpu-ms/goal
func parseBench(out string, res benchResults) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 4 || !strings.HasPrefix(f[0], "Benchmark") || len(f)%2 != 0 {
			continue
		}
		if _, err := strconv.Atoi(f[1]); err != nil {
			continue
		}
		name := f[0]
		if i := strings.LastIndexByte(name, '-'); i > 0 {
			if _, err := strconv.Atoi(name[i+1:]); err == nil {
				name = name[:i]
			}
		}
		m := map[string]float64{}
		for i := 2; i+1 < len(f); i += 2 {
			if v, err := strconv.ParseFloat(f[i], 64); err == nil {
				m[f[i+1]] = v
			}
		}
		res[name] = append(res[name], m)
	}
}

// metric is one metric of a benchmark over its runs; a run that did
// not report it is left out.
func (r benchResults) metric(name, unit string) []float64 {
	var vs []float64
	for _, m := range r[name] {
		if v, ok := m[unit]; ok {
			vs = append(vs, v)
		}
	}
	return vs
}
