package expr

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// The node table keeps what a map keeps, through growth and resets.
func TestNodeTableIsAMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	tab := newNodeTable()
	want := map[uint64]memoValue{}
	for round := range 6 {
		n := 100 + rng.IntN(3000)
		for i := range n {
			// Nearby nodes share their high bits; some keys repeat.
			k := math.Float64bits(1 + float64(rng.IntN(n))*1e-9)
			if i%7 == 0 {
				k = rng.Uint64()
			}
			v := memoValue{v: Value{V: float64(round*10000 + i)}}
			tab.put(k, v)
			want[k] = v
		}
		require.Equal(t, len(want), tab.len())
		for k, v := range want {
			got, ok := tab.get(k)
			require.True(t, ok)
			require.Equal(t, v, got)
		}
		_, ok := tab.get(math.Float64bits(-3))
		require.False(t, ok)
		tab.reset()
		clear(want)
		_, ok = tab.get(math.Float64bits(1))
		require.False(t, ok, "empty after a reset")
	}
	tab.gen = math.MaxUint32
	tab.put(7, memoValue{})
	tab.reset()
	_, ok := tab.get(7)
	require.False(t, ok, "a wrapped generation empties the table")
}

// nodeKeys are the nodes of a few hundred points of the half-line, met
// twice each, as the integrals of one point meet them.
func nodeKeys() []uint64 {
	var ks []uint64
	for range 2 {
		for i := range 400 {
			ks = append(ks, math.Float64bits(math.Exp(float64(i-200)/20)))
		}
	}
	return ks
}

func BenchmarkNodeTable(b *testing.B) {
	ks, t := nodeKeys(), newNodeTable()
	for b.Loop() {
		t.reset()
		for _, k := range ks {
			if _, ok := t.get(k); !ok {
				t.put(k, memoValue{})
			}
		}
	}
}

// The same with a Go map, cleared between rounds, as the memo had it.
func BenchmarkNodeMap(b *testing.B) {
	ks, t := nodeKeys(), map[uint64]memoValue{}
	for b.Loop() {
		clear(t)
		for _, k := range ks {
			if _, ok := t[k]; !ok {
				t[k] = memoValue{}
			}
		}
	}
}
