//go:build unix

package outset

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"syscall"
)

// fdDir matches the directories that list a process's open descriptors:
// /dev/fd, and /proc/PID/fd (or /proc/self/fd, or a thread's) on Linux.
var fdDir = regexp.MustCompile(`^(/dev/fd|/proc/(self|thread-self|[0-9]+)(/task/[0-9]+)?/fd)$`)

// ownDescriptor reports whether p names one of this process's open
// descriptors (/dev/stdout is a link to /proc/self/fd/1), and which.
func ownDescriptor(p string) (int, bool) {
	m := fdDir.FindStringSubmatch(filepath.Dir(p))
	if m == nil {
		return 0, false
	}
	if pid, err := strconv.Atoi(m[2]); err == nil && pid != os.Getpid() {
		return 0, false
	}
	fd, err := strconv.Atoi(filepath.Base(p))
	return fd, err == nil && fd >= 0
}

// openDescriptor opens a copy of descriptor fd of this process: it shares
// the descriptor's position and mode (appending, for `>> log`), and
// closing it leaves fd open.
func openDescriptor(fd int, name string) (*os.File, error) {
	dup, err := syscall.Dup(fd)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: name, Err: err}
	}
	return os.NewFile(uintptr(dup), name), nil
}
