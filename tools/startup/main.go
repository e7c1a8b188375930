// Command startup times klderive as a process against a Go hello-world
// built on the same machine in the same run, as the README's speed table
// reports it. From the repository's root:
//
//	go run ./tools/startup [-runs 200] [-base REV] [-static=false]
//	go run ./tools/startup -table [-runs 200] [-rounds 5] [-bench-count 3]
//
// It builds both binaries into a temporary directory, then runs, in turn
// and -runs times each, the hello-world, `klderive derive
// examples/normal.kl` (verification on) and `klderive eval '1+1'`, and
// prints for each the least, median and slowest wall time, their ratios
// to the hello-world's, the least and median processor time, and the
// largest resident set. With -base, the klderive of that git revision
// (built from `git archive`) runs its two commands in the same turns,
// for a side-by-side comparison.
// Alternating them keeps a busy machine's noise alike for all.
//
// With -table it measures every speed target instead and prints
// one Markdown table, the README's speed table: each figure's range
// over runs, its target and whether it is met. The start-up ratios, the
// peak resident set of `klderive derive examples/mvn.kl` and the package
// init total (GODEBUG=inittrace=1, least of 20 runs) are measured in
// -rounds rounds of -runs/-rounds turns, a figure per round; the Go
// benchmarks the targets name run -bench-count times, in turns (each
// benchmark once, then each again), in processor time. With the
// defaults it takes two to four minutes.
//
// klderive is built with CGO_ENABLED=0 unless -static=false, as the
// README's install line builds it: kong links os/user, whose C lookup
// otherwise makes the binary load the C library at every start.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
)

const hello = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, world\") }\n"

// command is one timed process and what it took in each run.
type command struct {
	name  string
	args  []string
	times []time.Duration
	cpu   []time.Duration // user and system time of each run
	rss   int64           // the largest resident set, in KiB
}

func main() {
	runs := flag.Int("runs", 200, "runs of each command")
	base := flag.String("base", "", "a git revision whose klderive to time beside this one")
	static := flag.Bool("static", true, "build klderive with CGO_ENABLED=0, a static binary")
	table := flag.Bool("table", false, "measure every speed target and print the README's speed table")
	rounds := flag.Int("rounds", 5, "with -table, rounds the runs are split into; a figure's range is over them")
	benchCount := flag.Int("bench-count", 3, "with -table, runs of each Go benchmark")
	flag.Parse()
	if *static {
		os.Setenv("CGO_ENABLED", "0")
	}
	var err error
	if *table {
		err = speedTable(*runs, *rounds, *benchCount)
	} else {
		err = run(*runs, *base)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

func run(runs int, base string) error {
	if _, err := os.Stat("examples/normal.kl"); err != nil {
		return fmt.Errorf("run me from the repository's root: %w", err)
	}
	dir, err := os.MkdirTemp("", "klderive-startup")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	helloBin, klBin, err := buildBoth(dir)
	if err != nil {
		return err
	}
	cmds := []*command{
		{name: "hello-world", args: []string{helloBin}},
		{name: "klderive derive examples/normal.kl", args: []string{klBin, "derive", "examples/normal.kl"}},
		{name: "klderive eval '1+1'", args: []string{klBin, "eval", "1+1"}},
	}
	if base != "" {
		baseBin := filepath.Join(dir, "klderive-base")
		if err := buildBase(dir, base, baseBin); err != nil {
			return err
		}
		cmds = append(cmds,
			&command{name: base + ": derive examples/normal.kl", args: []string{baseBin, "derive", "examples/normal.kl"}},
			&command{name: base + ": eval '1+1'", args: []string{baseBin, "eval", "1+1"}})
	}
	loadBefore := loadAverage()
	for range runs {
		for _, c := range cmds {
			if err := c.time(); err != nil {
				return err
			}
		}
	}
	fmt.Printf("%d cores (GOMAXPROCS %d), %s %s/%s, CGO_ENABLED %s, %d runs each; load average %s before, %s after\n\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, cgoSetting(), runs, loadBefore, loadAverage())
	// On a busy machine the least time is the steadier figure: the
	// others include the time spent waiting for a processor. The
	// processor time (user and system, all threads) waits for nothing,
	// though a busy machine's caches still slow it.
	fmt.Printf("%-44s %9s %9s %9s %8s %8s %9s %9s %8s\n", "command", "least", "median", "slowest", "least×", "median×", "cpu least", "cpu med", "max RSS")
	least0, median0 := slices.Min(cmds[0].times), median(cmds[0].times)
	for _, c := range cmds {
		least, m := slices.Min(c.times), median(c.times)
		fmt.Printf("%-44s %9s %9s %9s %7.1f× %7.1f× %9s %9s %5.1f MB\n", c.name, ms(least), ms(m), ms(slices.Max(c.times)),
			float64(least)/float64(least0), float64(m)/float64(median0), ms(slices.Min(c.cpu)), ms(median(c.cpu)), float64(c.rss)/1024)
	}
	return nil
}

// buildHello writes a hello-world module and builds it.
func buildHello(dir, bin string) error {
	src := filepath.Join(dir, "hello-src")
	if err := os.Mkdir(src, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(src, "go.mod"), []byte("module hello\n\ngo 1.26\n"), 0o644); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(src, "main.go"), []byte(hello), 0o644); err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building the hello-world: %v\n%s", err, out)
	}
	return nil
}

// buildBase builds the klderive of a git revision: its tree is
// unpacked by git archive into a directory of its own.
func buildBase(dir, rev, bin string) error {
	src := filepath.Join(dir, "base-src")
	if err := os.Mkdir(src, 0o755); err != nil {
		return err
	}
	tarball := filepath.Join(dir, "base.tar")
	if out, err := exec.Command("git", "archive", "-o", tarball, rev).CombinedOutput(); err != nil {
		return fmt.Errorf("git archive %s: %v\n%s", rev, err, out)
	}
	if out, err := exec.Command("tar", "-xf", tarball, "-C", src).CombinedOutput(); err != nil {
		return fmt.Errorf("unpacking %s: %v\n%s", rev, err, out)
	}
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/klderive")
	cmd.Dir = src
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("building %s: %v\n%s", rev, err, out)
	}
	return nil
}

// time runs the command once, its output discarded.
func (c *command) time() error {
	cmd := exec.Command(c.args[0], c.args[1:]...)
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if err != nil {
		return fmt.Errorf("%s: %w", c.name, err)
	}
	c.times = append(c.times, elapsed)
	c.cpu = append(c.cpu, cmd.ProcessState.UserTime()+cmd.ProcessState.SystemTime())
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		c.rss = max(c.rss, u.Maxrss)
	}
	return nil
}

// loadAverage is the machine's load average over the last minute, as
// Linux reports it, or "unknown".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(b)); err == nil && len(f) > 0 {
		return f[0]
	}
	return "unknown"
}

func median(ts []time.Duration) time.Duration {
	s := slices.Clone(ts)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/1e6) }
