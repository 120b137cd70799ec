//go:build !unix

package outset

import "os"

// processRuns reports whether a process with this id exists.
func processRuns(pid int) bool {
	_, err := os.FindProcess(pid)
	return err == nil
}
