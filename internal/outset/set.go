package outset

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Marker is the file, inside a set's directory, that lists the files the
// set holds; a later set may replace exactly those.
const Marker = ".costdial-set"

// Options describe an output.
type Options struct {
	// Label starts every error about the output, e.g. "--out out".
	Label string
	// Inputs are the scenario files the command reads: an output that is
	// one of them, or a directory holding one, is refused.
	Inputs []string
	// Known reports whether a file name is one costdial writes into a set's
	// directory (Dir): a directory holding only those, and what its Marker
	// lists, may be replaced by a new set.
	Known func(name string) bool
	// DirHint ends the error about a file set's path that is a directory
	// (File), e.g. "give a file name, e.g. --out out/report.html".
	DirHint string
	// Beside, for a file set (File) that writes files beside its main one,
	// says why, for the error when the main one is a stream (/dev/stdout)
	// that has no directory to put them in.
	Beside string
}

// Set writes a set of files that belong together, all or nothing: they
// are written into a hidden directory and moved into place at the end, so
// that a failure on the way leaves the previous output as it was. A lock
// file beside the output keeps two commands from writing it at once, and
// whatever a killed command left behind is removed by the next one.
//
// A directory set (Dir: a sweep's JSON, CSV and plots, or plot's images)
// replaces a directory whole, swapped in one step where the system can. A
// file set (File: a report, or a Markdown report with its charts beside
// it) moves its files one by one into a directory that holds other files,
// and moves back what it replaced if one cannot be moved.
type Set struct {
	label  string
	given  string // the output as given, to name its files to the user
	real   string // Dir: the directory; File: the main file; every link followed
	dir    bool
	stream *target // File: a main file written into as a stream
	stage  string  // the hidden directory the new files are written into
	lock   *Lock
	inputs []string
}

// lockName and stageName are the lock file and the prefix of the hidden
// directories of an output named base, in the directory beside it.
func lockName(base string) string  { return "." + base + ".costdial-lock" }
func stageName(base string) string { return "." + base + ".costdial-new-" }

// Dir starts a set that replaces the directory path whole. It checks path
// before any work is done, so that an output that cannot be written costs
// no run, takes its lock, removes what an earlier command killed on its
// way left beside it, and makes the hidden directory the set is written
// into. The caller must call Abort or Commit.
//
// A link to a directory is written through: the directory it points to is
// replaced and the link stays. Refused: a path that is not a directory,
// the root, the working directory or one holding it (the swap would pull
// it out from under the shell), a mount point (it cannot be renamed), a
// directory holding an input or a file costdial did not write.
func Dir(path string, o Options) (*Set, error) {
	s, t, err := newSet(path, o, true)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Dir(t.path), filepath.Base(t.path)
	switch {
	case t.path == parent:
		return nil, s.errorf("the root directory cannot hold a set of files: give a directory of its own")
	case t.info != nil && !t.isDir():
		return nil, s.errorf("not a directory")
	}
	if wd, err := os.Getwd(); err == nil {
		if wd, err = filepath.EvalSymlinks(wd); err == nil && within(wd, t.path) {
			return nil, s.errorf("holds the working directory, which replacing it whole would pull out from under you: give a directory below it, e.g. --out %s", filepath.Join(path, "out"))
		}
	}
	for _, in := range o.Inputs {
		if real, err := filepath.EvalSymlinks(in); err == nil {
			if abs, err := filepath.Abs(real); err == nil && within(abs, t.path) {
				return nil, s.errorf("holds the scenario %s, which replacing it whole would remove: give another directory", in)
			}
		}
	}
	if t.isDir() {
		if mountPoint(t.path) {
			return nil, s.errorf("is a mount point, which cannot be replaced: give a directory inside it")
		}
		if err := checkReplaceable(s, o.Known); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, s.errorf("cannot create the directory: %w", Unwrap(err))
	}
	if err := s.begin(parent, base); err != nil {
		return nil, err
	}
	return s, nil
}

// File starts a set whose main file is path, with any files beside it
// that Path names. It checks path before any work is done, takes its lock,
// removes what a killed command left and makes the hidden directory the
// set is written into. The caller must call Abort or Commit.
//
// The main file is placed as WriteFile places a file: through a link, and
// into a device, a pipe or a descriptor as a stream (with no files beside
// it, which Options.Beside refuses). Refused: a directory, an input.
func File(path string, o Options) (*Set, error) {
	s, t, err := newSet(path, o, false)
	if err != nil {
		return nil, err
	}
	if err := s.placeable(t); err != nil {
		if t.isDir() && o.DirHint != "" {
			return nil, fmt.Errorf("%w; %s", err, o.DirHint)
		}
		return nil, err
	}
	if t.stream() {
		if o.Beside != "" {
			return nil, s.errorf("not a file in a directory; %s", o.Beside)
		}
		s.stream = &t
		if s.stage, err = os.MkdirTemp("", "costdial-new-"); err != nil {
			return nil, s.errorf("%w", Unwrap(err))
		}
		return s, nil
	}
	dir := filepath.Dir(t.path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, s.errorf("cannot create the directory: %w", Unwrap(err))
	}
	if err := s.begin(dir, filepath.Base(t.path)); err != nil {
		return nil, err
	}
	return s, nil
}

// newSet is a set writing to path, and what path names.
func newSet(path string, o Options, dir bool) (*Set, target, error) {
	s := &Set{label: o.Label, given: path, dir: dir, inputs: o.Inputs}
	if s.label == "" {
		s.label = path
	}
	t, err := resolve(path)
	if err != nil {
		return nil, t, s.errorf("%w", Unwrap(err))
	}
	s.real = t.path
	return s, t, nil
}

// begin takes the lock of the output named base in dir, removes what a
// killed command left there and makes the hidden directory.
func (s *Set) begin(dir, base string) error {
	lock, err := TakeLock(filepath.Join(dir, lockName(base)))
	var held *HolderError
	if errors.As(err, &held) {
		return s.errorf("another costdial (process %d) is writing there; wait for it to finish (if none runs, remove %s)", held.PID, held.Path)
	}
	if err != nil {
		return s.errorf("cannot write beside it: %w", Unwrap(err))
	}
	// holding the lock, whatever hidden directory is there was left by a
	// command that could not remove it (killed, or the system went down)
	orphans, _ := filepath.Glob(filepath.Join(dir, stageName(base)+"*"))
	for _, o := range orphans {
		os.RemoveAll(o)
	}
	s.lock = lock
	if s.stage, err = os.MkdirTemp(dir, stageName(base)); err != nil {
		lock.Release()
		return s.errorf("cannot write beside it in %s: %w", dir, Unwrap(err))
	}
	return nil
}

func (s *Set) errorf(format string, args ...any) error {
	return fmt.Errorf("%s: %w", s.label, fmt.Errorf(format, args...))
}

// within reports whether path is dir or inside it.
func within(path, dir string) bool {
	return path == dir || strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// checkReplaceable refuses a directory that is not writable or that holds
// files costdial did not write (which the swap would remove).
func checkReplaceable(s *Set, known func(string) bool) error {
	probe, err := os.CreateTemp(s.real, ".costdial-probe-*")
	if err != nil {
		return s.errorf("not writable: %w", Unwrap(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	entries, err := os.ReadDir(s.real)
	if err != nil {
		return s.errorf("%w", Unwrap(err))
	}
	listed := map[string]bool{Marker: true}
	if raw, err := os.ReadFile(filepath.Join(s.real, Marker)); err == nil {
		for _, name := range strings.Split(string(raw), "\n") {
			listed[name] = true
		}
	}
	for _, e := range entries {
		if !listed[e.Name()] && (known == nil || !known(e.Name())) {
			return s.errorf("holds %s, which costdial did not write; sweep and plot replace their directory whole, so give a new or empty directory (or one costdial wrote)", strconv.Quote(e.Name()))
		}
	}
	return nil
}

// placeable refuses to put a file of a file set where t is: a directory,
// or one of the inputs.
func (s *Set) placeable(t target) error {
	if t.isDir() && t.path == s.real {
		return s.errorf("is a directory")
	}
	if t.isDir() {
		return s.errorf("%s is a directory", s.nameOf(t.path))
	}
	if t.info == nil {
		return nil
	}
	for _, in := range s.inputs {
		if st, err := os.Stat(in); err == nil && os.SameFile(st, t.info) {
			return s.errorf("is the scenario %s; give another file", in)
		}
	}
	return nil
}

// nameOf names a destination of the set to the user: the output as given
// for its main file.
func (s *Set) nameOf(real string) string {
	if real == s.real {
		return s.given
	}
	return s.Shown(filepath.Join(s.stage, filepath.Base(real)))
}

// Path is where the new set's file name is written: in the hidden
// directory. For a file set, name is the name of a file beside the main
// one.
func (s *Set) Path(name string) string { return filepath.Join(s.stage, name) }

// Main is where a file set's main file is written.
func (s *Set) Main() string { return filepath.Join(s.stage, s.mainName()) }

func (s *Set) mainName() string {
	if s.stream != nil {
		return "output"
	}
	return filepath.Base(s.real)
}

// Stem is the name of a file set's main file without its extension, as it
// will be written (through a link, the name of the file it points to): the
// files beside it are named after it.
func (s *Set) Stem() string {
	base := filepath.Base(s.real)
	return strings.TrimSuffix(base, filepath.Ext(base))
}

// Shown is how a file of the set (a path under Path) is named to the user:
// under the output as given.
func (s *Set) Shown(path string) string {
	rel, err := filepath.Rel(s.stage, path)
	if err != nil || strings.HasPrefix(rel, "..") {
		return path
	}
	if s.dir {
		return filepath.Join(s.given, rel)
	}
	if rel == s.mainName() {
		return s.given
	}
	// beside the main file: as given when the given directory is the real
	// one, else where the link led
	dir := filepath.Dir(s.given)
	if real, err := filepath.EvalSymlinks(dir); err != nil || !sameDir(real, filepath.Dir(s.real)) {
		dir = filepath.Dir(s.real)
	}
	return filepath.Join(dir, rel)
}

func sameDir(a, b string) bool {
	sa, errA := os.Stat(a)
	sb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(sa, sb)
}

// Abort removes the unfinished set and the lock; the output is left as it
// was.
func (s *Set) Abort() {
	os.RemoveAll(s.stage)
	s.lock.Release()
}

// Commit puts the set in place of the output and returns the files it
// wrote, as Shown names them (a stream is not among them: it is not a
// file a reader goes and opens). On failure it aborts, and the output is
// as it was.
func (s *Set) Commit() (files []string, err error) {
	defer s.Abort() // removes what is left of the stage, and the lock
	entries, err := os.ReadDir(s.stage)
	if err != nil {
		return nil, s.errorf("%w", Unwrap(err))
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if s.dir {
		return s.commitDir(names)
	}
	return s.commitFiles(names)
}

// commitDir lists the set in its marker and swaps it in for the directory.
func (s *Set) commitDir(names []string) ([]string, error) {
	if err := os.WriteFile(filepath.Join(s.stage, Marker), []byte(strings.Join(names, "\n")+"\n"), 0o644); err != nil {
		return nil, s.errorf("%w", Unwrap(err))
	}
	if err := os.Chmod(s.stage, 0o755); err != nil {
		return nil, s.errorf("%w", Unwrap(err))
	}
	if err := swapDir(s.stage, s.real); err != nil {
		return nil, s.errorf("cannot replace it: %w", Unwrap(err))
	}
	var files []string
	for _, n := range names {
		files = append(files, filepath.Join(s.given, n))
	}
	return files, nil
}

// swapDir puts directory src in the place of dst: at once where the system
// can exchange two names, else by moving dst aside first. The old set ends
// under src's name (removed with it) or src+"-old".
func swapDir(src, dst string) error {
	if _, err := os.Lstat(dst); os.IsNotExist(err) {
		return os.Rename(src, dst)
	}
	if exchange(src, dst) == nil {
		return nil // src now holds the old set
	}
	old := src + "-old"
	if err := os.Rename(dst, old); err != nil {
		return err
	}
	if err := os.Rename(src, dst); err != nil {
		os.Rename(old, dst) // put the old set back
		return err
	}
	return os.RemoveAll(old)
}

// rename is os.Rename; a test makes it fail.
var rename = os.Rename

// commitFiles moves a file set's files into place, the main file last (a
// reader who finds it finds the files it links to), after checking every
// destination; if one cannot be moved, those already moved are put back.
func (s *Set) commitFiles(names []string) ([]string, error) {
	main := s.mainName()
	order := make([]string, 0, len(names))
	for _, n := range names {
		if n != main {
			order = append(order, n)
		}
	}
	if s.stream != nil {
		if len(order) > 0 {
			return nil, s.errorf("not a file in a directory, and %d files go beside it", len(order))
		}
		src, err := os.Open(filepath.Join(s.stage, main))
		if err != nil {
			return nil, s.errorf("%w", Unwrap(err))
		}
		defer src.Close()
		err = writeStream(s.label, *s.stream, func(w io.Writer) error {
			_, err := io.Copy(w, src)
			return err
		})
		return nil, err
	}
	order = append(order, main)
	dir := filepath.Dir(s.real)
	dsts := make([]target, len(order))
	for i, n := range order {
		t, err := resolve(filepath.Join(dir, n))
		if n == main {
			t, err = resolve(s.given)
		}
		if err != nil {
			return nil, s.errorf("%s: %w", s.nameOf(filepath.Join(dir, n)), Unwrap(err))
		}
		if err := s.placeable(t); err != nil {
			return nil, err
		}
		if t.stream() {
			return nil, s.errorf("%s is not a regular file", s.nameOf(t.path))
		}
		dsts[i] = t
	}
	type moved struct {
		dst, backup string
		existed     bool
	}
	var done []moved
	undo := func() {
		for i := len(done) - 1; i >= 0; i-- {
			switch {
			case done[i].backup != "":
				os.Rename(done[i].backup, done[i].dst)
			case !done[i].existed:
				os.Remove(done[i].dst)
			}
		}
	}
	var files []string
	for i, n := range order {
		m := moved{dst: dsts[i].path, existed: dsts[i].info != nil}
		if m.existed {
			// keep the old file until every new one is in place
			m.backup = filepath.Join(s.stage, ".old-"+strconv.Itoa(i))
			if os.Link(m.dst, m.backup) != nil {
				m.backup = ""
			}
		}
		if err := os.Chmod(filepath.Join(s.stage, n), 0o644); err != nil {
			undo()
			return nil, s.errorf("%w", Unwrap(err))
		}
		if err := rename(filepath.Join(s.stage, n), m.dst); err != nil {
			undo()
			return nil, s.errorf("cannot write %s: %w", s.nameOf(m.dst), Unwrap(err))
		}
		done = append(done, m)
		files = append(files, s.Shown(filepath.Join(s.stage, n)))
	}
	// the main file first, as it is the one to open
	return append(files[len(files)-1:], files[:len(files)-1]...), nil
}

// Err names, in err, the files of the set as Shown names them instead of
// where they sit until Commit, so that no error names a hidden directory.
func (s *Set) Err(err error) error {
	if err == nil || s.stage == "" || !strings.Contains(err.Error(), s.stage) {
		return err
	}
	shown := s.given
	if !s.dir {
		shown = filepath.Dir(s.Shown(s.Path("x")))
	}
	return errors.New(strings.ReplaceAll(err.Error(), s.stage, shown))
}
