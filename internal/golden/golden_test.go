package golden

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A diff shows the changed lines with two lines of context around each
// group, the old text's on the "-" side.
func TestDiff(t *testing.T) {
	for _, tc := range []struct {
		name, a, b, want string
	}{
		{"same", "a\nb\n", "a\nb\n", ""},
		{"one line changed", "1\n2\n3\n4\n5\n6\n7\n", "1\n2\n3\nfour\n5\n6\n7\n",
			"@@ line 2\n  2\n  3\n- 4\n+ four\n  5\n  6"},
		{"a line added at the end", "a\nb", "a\nb\nc", "@@ line 1\n  a\n  b\n+ c"},
		{"trailing spaces shown", "a\nb", "a \nb", "@@ line 1\n- a\n+ a ⏎\n  b"},
		{"two groups", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "x\n2\n3\n4\n5\n6\n7\n8\ny\n",
			"@@ line 1\n- 1\n+ x\n  2\n  3\n@@ line 7\n  7\n  8\n- 9\n+ y\n  "},
	} {
		if got := Diff(tc.a, tc.b); got != tc.want {
			t.Errorf("%s:\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
}

// Check passes on the golden file's bytes and fails, with a diff, on
// others.
func TestCheck(t *testing.T) {
	path := filepath.Join(t.TempDir(), "x.txt")
	if err := os.WriteFile(path, []byte("one\ntwo\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	Check(t, path, []byte("one\ntwo\n"))
	var r recorder
	Check(&r, path, []byte("one\n2\n"))
	if !r.failed || !strings.Contains(r.msg, "- two\n+ 2") {
		t.Errorf("a different output: failed %v, %q", r.failed, r.msg)
	}
}

// recorder is a testing.TB that records a failure instead of failing.
type recorder struct {
	testing.TB
	failed bool
	msg    string
}

func (r *recorder) Helper() {}

func (r *recorder) Errorf(format string, args ...any) {
	r.failed = true
	r.msg = fmt.Sprintf(format, args...)
}

func (r *recorder) Fatalf(format string, args ...any) { r.Errorf(format, args...) }
