package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// mkdirAll creates the output directory and checks that it can be
// written; commands call it before they simulate, so that a directory that
// cannot be made or written costs no run.
func mkdirAll(dir string) error {
	if dir == "" {
		return usageError{fmt.Errorf("--out is empty: give a directory, e.g. --out out")}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out %s: cannot create the directory: %w", dir, err)
	}
	probe, err := os.CreateTemp(dir, ".costdial-probe-*")
	if err != nil {
		return fmt.Errorf("--out %s: not writable: %w", dir, unwrapPath(err))
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// writeFileAtomic writes through a temporary file in the same directory and
// renames it into place, so a failure never leaves a half-written file.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriter(f)
	if err = write(w); err != nil {
		return err
	}
	if err = w.Flush(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}

// setMarker is the file, inside a sweep's output directory, that lists the
// files the sweep wrote; a later sweep may replace exactly those.
const setMarker = ".costdial-set"

// knownOutputs are files costdial writes into --out; a directory holding
// only these (and setMarker) may be replaced by a sweep's new set.
var knownOutputs = map[string]bool{
	"sweep.json": true, "sweep.csv": true, setMarker: true,
}

func isKnownOutput(name string) bool {
	if knownOutputs[name] {
		return true
	}
	for _, plot := range []string{"cost-rpo", "cost-rto", "total-cost", "rpo-cdf", "rto-cdf"} {
		if name == plot+".png" || name == plot+".svg" {
			return true
		}
	}
	return false
}

// outputSet writes a set of files that belong together (a sweep's JSON,
// CSV and plots, or plot's four images) so that a reader of --out sees the previous set or the
// new one whole, never a mix: the new set is written into a hidden
// directory beside --out and swapped in at the end. A lock file beside
// --out keeps two sweeps from writing into one directory at once.
type outputSet struct {
	dir  string // --out as given
	tmp  string // the new set, until commit
	lock string
}

// beginOutput checks --out before any simulation (so that a directory that
// cannot be written costs no run), takes its lock and makes the hidden
// directory the new set is written into. The caller must call abort or
// commit.
func beginOutput(dir string) (*outputSet, error) {
	if dir == "" {
		return nil, usageError{fmt.Errorf("--out is empty: give a directory, e.g. --out out")}
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("--out %s: %w", dir, err)
	}
	parent, base := filepath.Dir(abs), filepath.Base(abs)
	if abs == parent {
		return nil, fmt.Errorf("--out %s: the root directory cannot hold a sweep: give a directory of its own", dir)
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("--out %s: cannot create the directory: %w", dir, unwrapPath(err))
	}
	if err := checkReplaceable(dir, abs); err != nil {
		return nil, err
	}
	o := &outputSet{dir: dir, lock: filepath.Join(parent, "."+base+".costdial-lock")}
	if err := o.takeLock(); err != nil {
		return nil, err
	}
	o.tmp, err = os.MkdirTemp(parent, "."+base+".costdial-new-")
	if err != nil {
		os.Remove(o.lock)
		return nil, fmt.Errorf("--out %s: cannot write beside it in %s: %w", dir, parent, unwrapPath(err))
	}
	return o, nil
}

// checkReplaceable refuses an --out that is not a writable directory or
// that holds files a sweep did not write (which the swap would remove).
func checkReplaceable(dir, abs string) error {
	st, err := os.Stat(abs)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("--out %s: %w", dir, unwrapPath(err))
	}
	if !st.IsDir() {
		return fmt.Errorf("--out %s: not a directory", dir)
	}
	probe, err := os.CreateTemp(abs, ".costdial-probe-*")
	if err != nil {
		return fmt.Errorf("--out %s: not writable: %w", dir, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	entries, err := os.ReadDir(abs)
	if err != nil {
		return fmt.Errorf("--out %s: %w", dir, unwrapPath(err))
	}
	listed := map[string]bool{}
	if raw, err := os.ReadFile(filepath.Join(abs, setMarker)); err == nil {
		for _, name := range strings.Split(string(raw), "\n") {
			listed[name] = true
		}
	}
	for _, e := range entries {
		if !listed[e.Name()] && !isKnownOutput(e.Name()) {
			return fmt.Errorf("--out %s: holds %s, which costdial did not write; sweep and plot replace their directory whole, so give a new or empty directory (or one costdial wrote)", dir, strconv.Quote(e.Name()))
		}
	}
	return nil
}

// takeLock creates the lock file, or reports the sweep that holds it. A
// lock left by a process that no longer runs is taken over.
func (o *outputSet) takeLock() error {
	for try := 0; try < 2; try++ {
		f, err := os.OpenFile(o.lock, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if err == nil {
			fmt.Fprintf(f, "%d\n", os.Getpid())
			return f.Close()
		}
		if !os.IsExist(err) {
			return fmt.Errorf("--out %s: cannot write beside it: %w", o.dir, unwrapPath(err))
		}
		raw, _ := os.ReadFile(o.lock)
		pid, perr := strconv.Atoi(strings.TrimSpace(string(raw)))
		if perr == nil && pid > 0 && processRuns(pid) {
			return fmt.Errorf("--out %s: another costdial (process %d) is writing there; wait for it to finish (if none runs, remove %s)", o.dir, pid, o.lock)
		}
		if perr != nil && try == 0 {
			// being written this instant by another sweep: look again
			time.Sleep(50 * time.Millisecond)
			raw, _ = os.ReadFile(o.lock)
			if _, err := strconv.Atoi(strings.TrimSpace(string(raw))); err == nil {
				continue
			}
		}
		os.Remove(o.lock) // stale: its process is gone
	}
	return fmt.Errorf("--out %s: cannot take the lock %s", o.dir, o.lock)
}

// path is where the new set's file name is written.
func (o *outputSet) path(name string) string { return filepath.Join(o.tmp, name) }

// shown is how a file of the set is named to the user: in --out.
func (o *outputSet) shown(path string) string {
	rel, err := filepath.Rel(o.tmp, path)
	if err != nil {
		return path
	}
	return filepath.Join(o.dir, rel)
}

// abort removes the unfinished set and the lock; --out is left as it was.
func (o *outputSet) abort() {
	os.RemoveAll(o.tmp)
	os.Remove(o.lock)
}

// commit lists the set in its marker and swaps it in for --out.
func (o *outputSet) commit() (err error) {
	defer func() {
		if err != nil {
			o.abort()
		} else {
			os.Remove(o.lock)
		}
	}()
	entries, err := os.ReadDir(o.tmp)
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if err := os.WriteFile(filepath.Join(o.tmp, setMarker), []byte(strings.Join(names, "\n")+"\n"), 0o644); err != nil {
		return fmt.Errorf("--out %s: %w", o.dir, unwrapPath(err))
	}
	if err := os.Chmod(o.tmp, 0o755); err != nil {
		return fmt.Errorf("--out %s: %w", o.dir, unwrapPath(err))
	}
	return swapDir(o.tmp, o.dir)
}

// swapDir puts directory src in the place of dst: at once where the system
// can exchange two names, else by moving dst aside first.
func swapDir(src, dst string) error {
	if _, err := os.Stat(dst); os.IsNotExist(err) {
		return os.Rename(src, dst)
	}
	if exchange(src, dst) == nil {
		return os.RemoveAll(src) // src now holds the old set
	}
	old := src + "-old"
	if err := os.Rename(dst, old); err != nil {
		return fmt.Errorf("--out %s: cannot replace it: %w", dst, unwrapPath(err))
	}
	if err := os.Rename(src, dst); err != nil {
		os.Rename(old, dst) // put the old set back
		return fmt.Errorf("--out %s: cannot replace it: %w", dst, unwrapPath(err))
	}
	return os.RemoveAll(old)
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
