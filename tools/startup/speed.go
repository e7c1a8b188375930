package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
)

// initRuns is how many times each round runs klderive with
// GODEBUG=inittrace=1; the round's figure is the least total.
const initRuns = 20

// speedTable measures every figure of the speed targets and prints
// them as the README's speed table: the process figures in rounds of
// runs/rounds turns each (a figure's range is over the rounds), then
// the Go benchmarks benchCount times each.
func speedTable(runs, rounds, benchCount int) error {
	if rounds < 1 || runs < rounds || benchCount < 1 {
		return fmt.Errorf("-table needs -rounds ≥ 1, -runs ≥ -rounds and -bench-count ≥ 1")
	}
	dir, err := os.MkdirTemp("", "klderive-speed")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	helloBin, klBin, err := buildBoth(dir)
	if err != nil {
		return err
	}
	loadBefore := loadAverage()
	var deriveX, evalX, rss, inits []float64
	for range rounds {
		cmds := []*command{
			{name: "hello-world", args: []string{helloBin}},
			{name: "derive examples/normal.kl", args: []string{klBin, "derive", "examples/normal.kl"}},
			{name: "eval '1+1'", args: []string{klBin, "eval", "1+1"}},
			{name: "derive examples/mvn.kl", args: []string{klBin, "derive", "examples/mvn.kl"}},
		}
		for range runs / rounds {
			for _, c := range cmds {
				if err := c.time(); err != nil {
					return err
				}
			}
		}
		hello := float64(slices.Min(cmds[0].times))
		deriveX = append(deriveX, float64(slices.Min(cmds[1].times))/hello)
		evalX = append(evalX, float64(slices.Min(cmds[2].times))/hello)
		rss = append(rss, float64(cmds[3].rss)/1024)
		least, err := leastInit(klBin)
		if err != nil {
			return err
		}
		inits = append(inits, least)
	}
	bench, err := runBenchmarks(dir, benchCount)
	if err != nil {
		return err
	}
	figs := []figure{
		{name: "`derive examples/normal.kl` ÷ hello-world, least wall time", unit: "×", prec: 1, bound: 3, samples: deriveX},
		{name: "`eval '1+1'` ÷ hello-world, least wall time", unit: "×", prec: 1, bound: 2, samples: evalX},
		{name: "package init (`GODEBUG=inittrace=1`, sum of clock)", unit: " ms", prec: 2, bound: 1, strict: true, samples: inits},
		{name: "peak RSS of `derive examples/mvn.kl`", unit: " MB", prec: 1, bound: 12, strict: true, samples: rss},
	}
	figs = append(figs, benchFigures(bench)...)
	fmt.Printf("%s, %d cores (GOMAXPROCS %d), %s %s/%s, CGO_ENABLED %s; load average %s before, %s after; "+
		"process figures over %d rounds of %d turns, benchmarks over %d runs, processor time\n\n",
		revision(), runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH,
		cgoSetting(), loadBefore, loadAverage(), rounds, runs/rounds, benchCount)
	fmt.Print(markdownTable(figs))
	return nil
}

// benchFigures are the rows of the Go benchmarks, in processor time
// (user and system, all threads), which on a shared machine waits for
// nothing, unlike the wall time.
func benchFigures(r benchResults) []figure {
	// At 1000 goals the processor milliseconds per goal are the
	// seconds of the whole file.
	goals10, goals1000 := r.metric("BenchmarkGoals10", "cpu-ms/goal"), r.metric("BenchmarkGoals1000", "cpu-ms/goal")
	return []figure{
		{name: "BenchmarkDeriveNormalVerified, cpu-ms/op", unit: " ms", prec: 2, bound: 0.5, strict: true, samples: r.metric("BenchmarkDeriveNormalVerified", "cpu-ms/op")},
		{name: "BenchmarkDeriveGammaVerified, cpu-ms/op", unit: " ms", prec: 2, bound: 5, strict: true, samples: r.metric("BenchmarkDeriveGammaVerified", "cpu-ms/op")},
		{name: "BenchmarkDeriveMvnVerified, cpu-ms/op", unit: " ms", prec: 2, bound: 8, strict: true, samples: r.metric("BenchmarkDeriveMvnVerified", "cpu-ms/op")},
		{name: "BenchmarkGoals10, cpu-ms/goal", unit: " ms", prec: 2, samples: goals10},
		{name: "BenchmarkGoals100, cpu-ms/goal", unit: " ms", prec: 2, samples: r.metric("BenchmarkGoals100", "cpu-ms/goal")},
		{name: "BenchmarkGoals1000, 1000 goals verified, cpu-s", unit: " s", prec: 2, bound: 2, strict: true, samples: goals1000},
		{name: "BenchmarkGoals1000 ÷ BenchmarkGoals10, cpu-ms/goal", unit: "×", prec: 2, bound: 1.5, samples: ratios(goals1000, goals10)},
		{name: "BenchmarkCheck10000Links, cpu-s", unit: " s", prec: 2, bound: 1, strict: true, samples: scale(r.metric("BenchmarkCheck10000Links", "cpu-µs/link"), 1e4/1e6)},
		{name: "BenchmarkCheck10000Links, allocated KB/link", unit: " KB", prec: 1, bound: 5, strict: true, samples: scale(r.metric("BenchmarkCheck10000Links", "B/link"), 1e-3)},
	}
}

// leastInit runs `klderive eval '1+1'` initRuns times with
// GODEBUG=inittrace=1 and returns the least total init clock, in ms.
func leastInit(bin string) (float64, error) {
	least := -1.0
	for range initRuns {
		cmd := exec.Command(bin, "eval", "1+1")
		cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			return 0, fmt.Errorf("GODEBUG=inittrace=1 klderive eval '1+1': %v\n%s", err, out)
		}
		t, n := initTotal(string(out))
		if n == 0 {
			return 0, fmt.Errorf("GODEBUG=inittrace=1 klderive eval '1+1' printed no init lines")
		}
		if least < 0 || t < least {
			least = t
		}
	}
	return least, nil
}

// initTotal sums the clock column of inittrace lines,
//
//	init github.com/yuin/goldmark/util @2.7 ms, 0.22 ms clock, 139464 bytes, 437 allocs
//
// and says how many lines it read.
func initTotal(out string) (ms float64, lines int) {
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 7 || f[0] != "init" || f[6] != "clock," {
			continue
		}
		if v, err := strconv.ParseFloat(f[4], 64); err == nil {
			ms += v
			lines++
		}
	}
	return ms, lines
}

// buildBoth builds the hello-world and klderive into dir.
func buildBoth(dir string) (helloBin, klBin string, err error) {
	helloBin, klBin = filepath.Join(dir, "hello"), filepath.Join(dir, "klderive")
	if err := buildHello(dir, helloBin); err != nil {
		return "", "", err
	}
	if out, err := exec.Command("go", "build", "-o", klBin, "./cmd/klderive").CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("go build ./cmd/klderive: %v\n%s", err, out)
	}
	return helloBin, klBin, nil
}

// revision names the commit measured, marked when the tree has changes.
func revision() string {
	out, err := exec.Command("git", "describe", "--always", "--dirty").Output()
	if err != nil {
		return "commit unknown"
	}
	return "commit " + strings.TrimSpace(string(out))
}

func cgoSetting() string {
	if cgo := os.Getenv("CGO_ENABLED"); cgo != "" {
		return cgo
	}
	return "default"
}
