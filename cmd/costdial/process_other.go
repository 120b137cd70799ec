//go:build !unix

package main

import "os"

// processRuns reports whether a process with this id exists.
func processRuns(pid int) bool {
	_, err := os.FindProcess(pid)
	return err == nil
}
