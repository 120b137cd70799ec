//go:build unix

package engine

import "syscall"

// cpuSeconds is the CPU time (user and system) the process has used, which
// other programs on a shared machine slow down far less than the wall clock.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}
