package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// mkdirAll creates the output directory; commands call it before they
// simulate, so that a directory that cannot be made costs no run.
func mkdirAll(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("--out %s: cannot create the directory: %w", dir, err)
	}
	return nil
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
