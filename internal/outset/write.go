package outset

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile writes the file a user named, without replacing what is not
// a file costdial may replace:
//
//   - a regular file, or a new one, is written through a temporary file
//     beside it and renamed into place, so that a reader never sees it
//     half-written and a failure leaves the old one;
//   - a symbolic link is written through: the file it points to is written
//     (or made) by these rules, and the link stays;
//   - a device, a pipe or a descriptor (/dev/null, /dev/stdout, a named
//     pipe) is written into as a stream, never replaced;
//   - a directory is refused.
//
// An error names path, never a temporary file.
func WriteFile(path string, write func(io.Writer) error) error {
	t, err := resolve(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, Unwrap(err))
	}
	if t.isDir() {
		return fmt.Errorf("%s: is a directory", path)
	}
	if t.stream() {
		return writeStream(path, t, write)
	}
	return writeAtomic(path, t.path, write)
}

// writeAtomic writes real through a temporary file beside it; errors name
// shown.
func writeAtomic(shown, real string, write func(io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(real), "."+filepath.Base(real)+".costdial-tmp-")
	if err != nil {
		return fmt.Errorf("%s: cannot write beside it: %w", shown, Unwrap(err))
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriter(f)
	if err = write(w); err != nil {
		return named(shown, err)
	}
	if err = w.Flush(); err == nil {
		err = f.Close()
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), real)
	}
	return named(shown, err)
}

// writeStream writes into a device, a pipe or a descriptor as it is.
func writeStream(shown string, t target, write func(io.Writer) error) error {
	var f *os.File
	var err error
	if t.fd >= 0 {
		f, err = openDescriptor(t.fd, shown)
	} else {
		f, err = os.OpenFile(t.path, os.O_WRONLY, 0)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", shown, Unwrap(err))
	}
	w := bufio.NewWriter(f)
	err = write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return named(shown, err)
}

// named puts shown in place of the file a system error names (a
// temporary file, a descriptor); other errors pass as they are.
func named(shown string, err error) error {
	var pe *os.PathError
	var le *os.LinkError
	if errors.As(err, &pe) || errors.As(err, &le) {
		return fmt.Errorf("%s: %w", shown, Unwrap(err))
	}
	return err
}

// Unwrap returns the system's reason inside a path error, without the
// path (which may name a temporary file).
func Unwrap(err error) error {
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
