package main

import (
	"os/exec"
	"path/filepath"
	"testing"
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
