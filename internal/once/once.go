// Package once holds values built the first time they are used.
//
// Go runs the initialiser of every package-level variable of every
// linked package at start-up, whatever the command: a table of rules or
// a map of names built there is paid by every run, though a run uses a
// few of them. A Value declared as a composite literal,
//
//	var Log = once.Value[Set]{New: func() Set { return Set{…} }}
//
// is laid out by the compiler in the binary's data, so that declaring it
// costs nothing at start-up, and New runs once, at the first Get.
package once

import (
	"sync"
	"sync/atomic"
)

// Value is a value of type T that New builds on first use. Get is safe
// for concurrent use; New must not call Get of the same Value.
type Value[T any] struct {
	New  func() T
	done atomic.Bool
	mu   sync.Mutex
	v    T
}

// Get returns the value, building it the first time. It is small enough
// to inline: the tables it guards are read in the evaluator's loops.
func (l *Value[T]) Get() T {
	if !l.done.Load() {
		l.build()
	}
	return l.v
}

func (l *Value[T]) build() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.done.Load() {
		l.v = l.New()
		l.done.Store(true)
	}
}
