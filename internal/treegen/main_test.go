package main

import (
	"os"
	"testing"
)

// rules/trees_gen.go is what the generator writes from the rule tables
// as they are.
func TestGeneratedTreesCurrent(t *testing.T) {
	want, err := generate(allSources())
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../rules/trees_gen.go")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Error("rules/trees_gen.go is not current; run go generate ./rules")
	}
}
