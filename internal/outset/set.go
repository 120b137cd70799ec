package outset

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// Marker is the file, inside a set's directory, that lists the files the
// set holds; a later set may replace exactly those.
const Marker = ".costdial-set"

// Options describe an output.
type Options struct {
	// Label starts every error about the output, e.g. "--out out".
	Label string
	// Known reports whether a file name is one costdial writes into such a
	// directory: a directory holding only those (and what its Marker lists)
	// may be replaced by a new set.
	Known func(name string) bool
}

// Set writes a set of files that belong together (a sweep's JSON, CSV and
// plots, or plot's images) so that a reader of the directory sees the
// previous set or the new one whole, never a mix: the new set is written
// into a hidden directory beside it and swapped in at the end. A lock file
// beside the directory keeps two commands from writing into it at once.
type Set struct {
	dir   string // as given
	label string
	tmp   string // the new set, until Commit
	lock  string
}

// Dir checks the directory dir before any work is done (so that a
// directory that cannot be written costs no run), takes its lock and makes
// the hidden directory the new set is written into. The caller must call
// Abort or Commit.
func Dir(dir string, o Options) (*Set, error) {
	label := o.Label
	if label == "" {
		label = dir
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", label, err)
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if abs == parent {
		return nil, fmt.Errorf("%s: the root directory cannot hold a sweep: give a directory of its own", label)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("%s: cannot create the directory: %w", label, Unwrap(err))
	}
	if err := checkReplaceable(label, abs, o.Known); err != nil {
		return nil, err
	}
	s := &Set{dir: dir, label: label, lock: filepath.Join(parent, "."+base+".costdial-lock")}
	if err := s.takeLock(); err != nil {
		return nil, err
	}
	s.tmp, err = os.MkdirTemp(parent, "."+base+".costdial-new-")
	if err != nil {
		os.Remove(s.lock)
		return nil, fmt.Errorf("%s: cannot write beside it in %s: %w", label, parent, Unwrap(err))
	}
	return s, nil
}

// checkReplaceable refuses a directory that is not writable or that holds
// files costdial did not write (which the swap would remove).
func checkReplaceable(label, abs string, known func(string) bool) error {
	st, err := os.Stat(abs)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("%s: %w", label, Unwrap(err))
	}
	if !st.IsDir() {
		return fmt.Errorf("%s: not a directory", label)
	}
	probe, err := os.CreateTemp(abs, ".costdial-probe-*")
	if err != nil {
		return fmt.Errorf("%s: not writable: %w", label, Unwrap(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	entries, err := os.ReadDir(abs)
	if err != nil {
		return fmt.Errorf("%s: %w", label, Unwrap(err))
	}
	listed := map[string]bool{Marker: true}
	if raw, err := os.ReadFile(filepath.Join(abs, Marker)); err == nil {
		for _, name := range strings.Split(string(raw), "\n") {
			listed[name] = true
		}
	}
	for _, e := range entries {
		if !listed[e.Name()] && (known == nil || !known(e.Name())) {
			return fmt.Errorf("%s: holds %s, which costdial did not write; sweep and plot replace their directory whole, so give a new or empty directory (or one costdial wrote)", label, strconv.Quote(e.Name()))
		}
	}
	return nil
}

// takeLock creates the lock file, or reports the command that holds it. A
// lock left by a process that no longer runs is taken over.
func (s *Set) takeLock() error {
	for try := 0; try < 2; try++ {
		f, err := os.OpenFile(s.lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			return f.Close()
		}
		if !os.IsExist(err) {
			return fmt.Errorf("%s: cannot write beside it: %w", s.label, Unwrap(err))
		}
		raw, _ := os.ReadFile(s.lock)
		pid, perr := strconv.Atoi(strings.TrimSpace(string(raw)))
		if perr == nil && pid > 0 && processRuns(pid) {
			return fmt.Errorf("%s: another costdial (process %d) is writing there; wait for it to finish (if none runs, remove %s)", s.label, pid, s.lock)
		}
		if perr != nil && try == 0 {
			// being written this instant by another command: look again
			time.Sleep(50 * time.Millisecond)
			raw, _ = os.ReadFile(s.lock)
			if _, err := strconv.Atoi(strings.TrimSpace(string(raw))); err == nil {
				continue
			}
		}
		os.Remove(s.lock) // stale: its process is gone
	}
	return fmt.Errorf("%s: cannot take the lock %s", s.label, s.lock)
}

// Path is where the new set's file name is written.
func (s *Set) Path(name string) string { return filepath.Join(s.tmp, name) }

// Shown is how a file of the set is named to the user: in the directory as
// given.
func (s *Set) Shown(path string) string {
	rel, err := filepath.Rel(s.tmp, path)
	if err != nil {
		return path
	}
	return filepath.Join(s.dir, rel)
}

// Abort removes the unfinished set and the lock; the directory is left as
// it was.
func (s *Set) Abort() {
	os.RemoveAll(s.tmp)
	os.Remove(s.lock)
}

// Commit lists the set in its marker and swaps it in for the directory.
// On failure it aborts.
func (s *Set) Commit() (err error) {
	defer func() {
		if err != nil {
			s.Abort()
		} else {
			os.Remove(s.lock)
		}
	}()
	entries, err := os.ReadDir(s.tmp)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if err := os.WriteFile(filepath.Join(s.tmp, Marker), []byte(strings.Join(names, "\n")+"\n"), 0o644); err != nil {
		return fmt.Errorf("%s: %w", s.label, Unwrap(err))
	}
	if err := os.Chmod(s.tmp, 0o755); err != nil {
		return fmt.Errorf("%s: %w", s.label, Unwrap(err))
	}
	return swapDir(s.label, s.tmp, s.dir)
}

// swapDir puts directory src in the place of dst: at once where the system
// can exchange two names, else by moving dst aside first.
func swapDir(label, src, dst string) error {
	if _, err := os.Stat(dst); os.IsNotExist(err) {
		return os.Rename(src, dst)
	}
	if exchange(src, dst) == nil {
		return os.RemoveAll(src) // src now holds the old set
	}
	old := src + "-old"
	if err := os.Rename(dst, old); err != nil {
		return fmt.Errorf("%s: cannot replace it: %w", label, Unwrap(err))
	}
	if err := os.Rename(src, dst); err != nil {
		os.Rename(old, dst) // put the old set back
		return fmt.Errorf("%s: cannot replace it: %w", label, Unwrap(err))
	}
	return os.RemoveAll(old)
}
