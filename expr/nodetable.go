package expr

// nodeTable is a memo's table of one density's values at quadrature
// nodes, keyed by the node's bits. A Go map would do; this open-addressed
// table costs a third to a half of what a map does for the look-ups of
// one point (BenchmarkNodeTable against BenchmarkNodeMap), and empties in
// constant time between points: a slot is full only when it carries the
// table's current generation.
type nodeTable struct {
	keys []uint64
	vals []memoValue
	gens []uint32
	gen  uint32
	n    int // full slots
}

// nodeTableStart is the first capacity, a power of two: an integral over
// a half-line takes a few hundred nodes.
const nodeTableStart = 1024

func newNodeTable() *nodeTable {
	return &nodeTable{keys: make([]uint64, nodeTableStart), vals: make([]memoValue, nodeTableStart),
		gens: make([]uint32, nodeTableStart), gen: 1}
}

// slot is where k is, or the empty slot where it would go.
func (t *nodeTable) slot(k uint64) int {
	mask := len(t.keys) - 1
	// Fibonacci hashing spreads the bits of nearby nodes, which share
	// their high bits, over the table.
	i := int((k*0x9e3779b97f4a7c15)>>32) & mask
	for t.gens[i] == t.gen && t.keys[i] != k {
		i = (i + 1) & mask
	}
	return i
}

func (t *nodeTable) get(k uint64) (memoValue, bool) {
	i := t.slot(k)
	if t.gens[i] != t.gen {
		return memoValue{}, false
	}
	return t.vals[i], true
}

func (t *nodeTable) put(k uint64, v memoValue) {
	if 2*(t.n+1) > len(t.keys) {
		t.grow()
	}
	i := t.slot(k)
	if t.gens[i] != t.gen {
		t.n++
	}
	t.keys[i], t.vals[i], t.gens[i] = k, v, t.gen
}

// grow doubles the table, keeping it at most half full.
func (t *nodeTable) grow() {
	old := *t
	size := 2 * len(old.keys)
	*t = nodeTable{keys: make([]uint64, size), vals: make([]memoValue, size), gens: make([]uint32, size), gen: 1}
	for i, g := range old.gens {
		if g == old.gen {
			t.put(old.keys[i], old.vals[i])
		}
	}
}

// reset empties the table, keeping its room.
func (t *nodeTable) reset() {
	t.gen++
	t.n = 0
	if t.gen == 0 { // wrapped: old generations could look current
		clear(t.gens)
		t.gen = 1
	}
}

// len is the number of nodes kept.
func (t *nodeTable) len() int { return t.n }
