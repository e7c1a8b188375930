package check

import "testing"

// TestPatternsCompile compiles every lazily compiled pattern, which a
// run otherwise compiles only when a document needs it.
func TestPatternsCompile(t *testing.T) {
	if len(patterns) == 0 {
		t.Fatal("no lazy patterns registered")
	}
	for _, p := range patterns {
		if p.re() == nil {
			t.Fatal("a pattern compiled to nil")
		}
	}
}
