package outset

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// Lock is a lock file beside an output: while one command holds it, a
// second one writing the same output is refused.
//
// The lock is the system's advisory lock on the open file (flock), which
// the system drops when its process ends however it ends; the file also
// names the holder's process id, for the message. A lock is held only when
// another process holds it: a file left by a process that was killed, or
// one naming a process id that is running now (process 1 in a container,
// or this very process), is taken over. Where the system has no such
// locks, the process id alone decides, and a file naming this process
// counts as left behind.
type Lock struct {
	path string
	f    *os.File // open while held (flock); nil where the file alone is the lock
}

// TakeLock takes the lock at path. When another process holds it, the
// error says which (HolderError).
func TakeLock(path string) (*Lock, error) {
	for range 3 {
		f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
		if err != nil {
			return nil, err
		}
		got, err := tryLock(f)
		if err != nil { // no locks on this file system: the process id decides
			f.Close()
			return takeByPID(path)
		}
		if !got {
			pid := readPID(f)
			f.Close()
			return nil, &HolderError{Path: path, PID: pid}
		}
		// the holder before us removes the file as it lets go: make sure
		// the file locked is still the one at path
		a, errA := f.Stat()
		b, errB := os.Stat(path)
		if errA != nil || errB != nil || !os.SameFile(a, b) {
			f.Close()
			continue
		}
		if err := writePID(f); err != nil {
			f.Close()
			return nil, err
		}
		return &Lock{path: path, f: f}, nil
	}
	return nil, fmt.Errorf("cannot take the lock %s: it changes hands too fast", path)
}

// Release removes the lock file and lets the lock go.
func (l *Lock) Release() {
	if l == nil {
		return
	}
	os.Remove(l.path)
	if l.f != nil {
		l.f.Close()
	}
}

// HolderError says that another process holds a lock.
type HolderError struct {
	Path string
	PID  int // 0 when the file names none
}

func (e *HolderError) Error() string {
	return fmt.Sprintf("locked by process %d (%s)", e.PID, e.Path)
}

func readPID(f *os.File) int {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	pid, _ := strconv.Atoi(strings.TrimSpace(string(buf[:n])))
	return pid
}

func writePID(f *os.File) error {
	if err := f.Truncate(0); err != nil {
		return err
	}
	_, err := f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	return err
}

// takeByPID takes the lock where the system has no advisory locks: the
// file's existence is the lock, and a file naming no other running process
// is left behind.
func takeByPID(path string) (*Lock, error) {
	for range 2 {
		f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			err = writePID(f)
			f.Close()
			if err != nil {
				os.Remove(path)
				return nil, err
			}
			return &Lock{path: path}, nil
		}
		if !os.IsExist(err) {
			return nil, err
		}
		raw, _ := os.ReadFile(path)
		pid, _ := strconv.Atoi(strings.TrimSpace(string(raw)))
		if pid > 0 && pid != os.Getpid() && processRuns(pid) {
			return nil, &HolderError{Path: path, PID: pid}
		}
		os.Remove(path) // left behind
	}
	return nil, fmt.Errorf("cannot take the lock %s", path)
}
