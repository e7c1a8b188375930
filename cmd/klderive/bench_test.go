package main

import (
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klderive/klderive/internal/cputime"
)

// BenchmarkEndToEnd runs the built command on examples/normal.kl as a
// user does: process start, parsing, derivation, verification, output.
func BenchmarkEndToEnd(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "klderive")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, out)
	}
	b.ResetTimer()
	for b.Loop() {
		if out, err := exec.Command(bin, "derive", "../../examples/normal.kl").CombinedOutput(); err != nil {
			b.Fatalf("klderive: %v\n%s", err, out)
		}
	}
}

// BenchmarkRunEval and BenchmarkRunDerive run main's run in process with
// a user's arguments, for profiles of what a short run spends outside
// package init and the runtime's start: the command-line model (kong),
// reading, deriving, verifying and printing. The tables built on first
// use are built by the first iteration only.
func BenchmarkRunEval(b *testing.B) { benchmarkRun(b, "eval", "1+1") }

func BenchmarkRunDerive(b *testing.B) { benchmarkRun(b, "derive", "../../examples/normal.kl") }

func benchmarkRun(b *testing.B, args ...string) {
	e := &env{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	cpu0 := cputime.Used()
	for b.Loop() {
		if code := run(args, e); code != exitOK {
			b.Fatalf("klderive %s: exit %d", strings.Join(args, " "), code)
		}
	}
	b.ReportMetric(float64((cputime.Used()-cpu0).Nanoseconds())/float64(b.N)/1e6, "cpu-ms/op")
}
