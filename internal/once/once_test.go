package once

import (
	"sync"
	"testing"
)

var builds int

var counted = Value[[]int]{New: func() []int { builds++; return []int{1, 2, 3} }}

// New runs once, however many goroutines ask at once, and every Get
// returns what it built.
func TestBuiltOnce(t *testing.T) {
	var wg sync.WaitGroup
	got := make([][]int, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			got[i] = counted.Get()
		}()
	}
	wg.Wait()
	if builds != 1 {
		t.Fatalf("New ran %d times, want 1", builds)
	}
	for i, g := range got {
		if len(g) != 3 || &g[0] != &got[0][0] {
			t.Errorf("Get %d returned %v, not the one value built", i, g)
		}
	}
}

// A Value may be built from another.
var (
	inner = Value[string]{New: func() string { return "inner" }}
	outer = Value[string]{New: func() string { return inner.Get() + " and outer" }}
)

func TestBuiltFromAnother(t *testing.T) {
	if got := outer.Get(); got != "inner and outer" {
		t.Errorf("got %q", got)
	}
}
