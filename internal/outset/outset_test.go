//go:build unix

package outset

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func names(t *testing.T, dir string) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}

func text(s string) func(io.Writer) error {
	return func(w io.Writer) error {
		_, err := io.WriteString(w, s)
		return err
	}
}

func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	link := filepath.Join(dir, "link")
	os.WriteFile(real, []byte("old"), 0o644)
	os.Symlink("real", link)
	dangling := filepath.Join(dir, "dangling")
	os.Symlink("sub/new", dangling)
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	os.Mkdir(filepath.Join(dir, "d"), 0o755)
	for _, tc := range []struct {
		path, read, want string
		err              string
	}{
		{link, real, "via link", ""},
		{dangling, filepath.Join(dir, "sub", "new"), "made through a dangling link", ""},
		{filepath.Join(dir, "d"), "", "", filepath.Join(dir, "d") + ": is a directory"},
		{"/dev/null", "", "", ""},
	} {
		err := WriteFile(tc.path, text(tc.want))
		if (err == nil) != (tc.err == "") || err != nil && err.Error() != tc.err {
			t.Errorf("%s: error %v, want %q", tc.path, err, tc.err)
		}
		if tc.read != "" {
			if got, _ := os.ReadFile(tc.read); string(got) != tc.want {
				t.Errorf("%s: %s holds %q, want %q", tc.path, tc.read, got, tc.want)
			}
		}
	}
	if got, _ := os.Readlink(link); got != "real" {
		t.Errorf("the link was replaced")
	}
	if got := names(t, dir); got != "d dangling link real sub" {
		t.Errorf("left: %s", got)
	}
	// a failing write leaves the old file and nothing else
	if err := WriteFile(real, func(io.Writer) error { return errors.New("boom") }); err == nil || err.Error() != "boom" {
		t.Errorf("error %v", err)
	}
	if got, _ := os.ReadFile(real); string(got) != "via link" {
		t.Errorf("the old file changed: %q", got)
	}
	if got := names(t, dir); got != "d dangling link real sub" {
		t.Errorf("left after a failure: %s", got)
	}
}

func TestLock(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".o.costdial-lock")
	a, err := TakeLock(path)
	if err != nil {
		t.Fatal(err)
	}
	// another open file of this very process is another holder
	var held *HolderError
	if _, err := TakeLock(path); !errors.As(err, &held) || held.PID != os.Getpid() {
		t.Errorf("a held lock was taken: %v", err)
	}
	a.Release()
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("released, the lock file is still there")
	}
	// a file no process holds is taken over, whatever process it names
	for _, pid := range []int{os.Getpid(), 1, 999999999} {
		os.WriteFile(path, []byte(strconv.Itoa(pid)+"\n"), 0o644)
		b, err := TakeLock(path)
		if err != nil {
			t.Errorf("a lock file naming process %d, held by none: %v", pid, err)
			continue
		}
		if raw, _ := os.ReadFile(path); string(raw) != strconv.Itoa(os.Getpid())+"\n" {
			t.Errorf("the lock names %q", raw)
		}
		b.Release()
	}
}

// A file set puts back what it replaced when a file cannot be moved in.
func TestFileSetUndo(t *testing.T) {
	dir := t.TempDir()
	main := filepath.Join(dir, "r.md")
	os.WriteFile(main, []byte("old md"), 0o644)
	os.WriteFile(filepath.Join(dir, "r-a.png"), []byte("old a"), 0o644)
	s, err := File(main, Options{Label: "--out " + main})
	if err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"r-a.png": "new a", "r-b.png": "new b"} {
		if err := WriteFile(s.Path(name), text(body)); err != nil {
			t.Fatal(err)
		}
	}
	WriteFile(s.Main(), text("new md"))
	calls := 0
	rename = func(a, b string) error {
		if calls++; calls == 3 { // the main file, last
			return &os.LinkError{Op: "rename", Old: a, New: b, Err: errors.New("disk on fire")}
		}
		return os.Rename(a, b)
	}
	defer func() { rename = os.Rename }()
	_, err = s.Commit()
	if err == nil || err.Error() != "--out "+main+": cannot write "+main+": disk on fire" {
		t.Errorf("error %v", err)
	}
	for name, want := range map[string]string{"r.md": "old md", "r-a.png": "old a"} {
		if got, _ := os.ReadFile(filepath.Join(dir, name)); string(got) != want {
			t.Errorf("%s holds %q, want %q", name, got, want)
		}
	}
	if got := names(t, dir); got != "r-a.png r.md" {
		t.Errorf("left: %s", got)
	}
	// the same set, committed
	s, _ = File(main, Options{})
	WriteFile(s.Path("r-a.png"), text("new a"))
	WriteFile(s.Main(), text("new md"))
	files, err := s.Commit()
	if err != nil || strings.Join(files, " ") != main+" "+filepath.Join(dir, "r-a.png") {
		t.Errorf("files %v, error %v", files, err)
	}
	if got := names(t, dir); got != "r-a.png r.md" {
		t.Errorf("left: %s", got)
	}
}
