// Package cputime measures the processor time of the running process,
// for benchmarks: on a shared machine it is a steadier figure than the
// wall time, which also counts the waits for a processor.
package cputime

import (
	"syscall"
	"time"
)

// Used is the processor time the process has used so far, in user and
// system mode, over all its threads.
func Used() time.Duration {
	var u syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &u); err != nil {
		return 0
	}
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}
