//go:build !unix

package outset

import (
	"errors"
	"os"
)

// tryLock has no advisory locks to take here: the process id decides.
func tryLock(f *os.File) (bool, error) { return false, errors.New("no advisory locks") }

// processRuns reports whether a process with this id exists.
func processRuns(pid int) bool {
	_, err := os.FindProcess(pid)
	return err == nil
}
