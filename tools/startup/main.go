// Command startup times klderive as a process against a Go hello-world
// built on the same machine in the same run, as the README's speed table
// reports it. From the repository's root:
//
//	go run ./tools/startup [-runs 200]
//
// It builds both binaries into a temporary directory, then runs, in turn
// and -runs times each, the hello-world, `klderive derive
// examples/normal.kl` (verification on) and `klderive eval '1+1'`, and
// prints for each the least, median and slowest wall time, their ratios
// to the hello-world's, and the largest resident set.
// Alternating the three keeps a busy machine's noise alike for all.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"syscall"
	"time"
)

const hello = "package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello, world\") }\n"

// command is one timed process and what it took in each run.
type command struct {
	name  string
	args  []string
	times []time.Duration
	rss   int64 // the largest resident set, in KiB
}

func main() {
	runs := flag.Int("runs", 200, "runs of each command")
	flag.Parse()
	if err := run(*runs); err != nil {
		fmt.Fprintln(os.Stderr, "startup:", err)
		os.Exit(1)
	}
}

func run(runs int) error {
	if _, err := os.Stat("examples/normal.kl"); err != nil {
		return fmt.Errorf("run me from the repository's root: %w", err)
	}
	dir, err := os.MkdirTemp("", "klderive-startup")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	helloBin, klBin := filepath.Join(dir, "hello"), filepath.Join(dir, "klderive")
	if err := buildHello(dir, helloBin); err != nil {
		return err
	}
	if out, err := exec.Command("go", "build", "-o", klBin, "./cmd/klderive").CombinedOutput(); err != nil {
		return fmt.Errorf("go build ./cmd/klderive: %v\n%s", err, out)
	}
	cmds := []*command{
		{name: "hello-world", args: []string{helloBin}},
		{name: "klderive derive examples/normal.kl", args: []string{klBin, "derive", "examples/normal.kl"}},
		{name: "klderive eval '1+1'", args: []string{klBin, "eval", "1+1"}},
	}
	for range runs {
		for _, c := range cmds {
			if err := c.time(); err != nil {
				return err
			}
		}
	}
	fmt.Printf("%d cores (GOMAXPROCS %d), %s %s/%s, %d runs each\n\n",
		runtime.NumCPU(), runtime.GOMAXPROCS(0), runtime.Version(), runtime.GOOS, runtime.GOARCH, runs)
	// On a busy machine the least time is the steadier figure: the
	// others include the time spent waiting for a processor.
	fmt.Printf("%-36s %9s %9s %9s %8s %8s %8s\n", "command", "least", "median", "slowest", "least×", "median×", "max RSS")
	least0, median0 := slices.Min(cmds[0].times), median(cmds[0].times)
	for _, c := range cmds {
		least, m := slices.Min(c.times), median(c.times)
		fmt.Printf("%-36s %9s %9s %9s %7.1f× %7.1f× %5.1f MB\n", c.name, ms(least), ms(m), ms(slices.Max(c.times)),
			float64(least)/float64(least0), float64(m)/float64(median0), float64(c.rss)/1024)
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
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		c.rss = max(c.rss, u.Maxrss)
	}
	return nil
}

func median(ts []time.Duration) time.Duration {
	s := slices.Clone(ts)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/1e6) }
