package golden

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gonum.org/v1/plot/cmpimg"
)

var update = flag.Bool("update", false, "rewrite the golden files (go test PKG -update), then review their diff")

// Updating reports whether the test binary was run with -update: golden
// files are to be rewritten from what the code now produces.
func Updating() bool { return *update }

// Check compares got with the golden file at path. With -update it
// rewrites the file instead. When they differ the test fails with a diff
// of the lines, the file's on the "-" side and got on the "+" side.
func Check(t testing.TB, path string, got []byte) {
	t.Helper()
	if want, ok := read(t, path, got); ok && !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (-update rewrites it; review the diff before committing):\n%s", path, Diff(string(want), string(got)))
	}
}

// read returns the golden file at path, or with -update writes got there
// and returns false: there is nothing to compare.
func read(t testing.TB, path string, got []byte) ([]byte, bool) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return nil, false
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run the test with -update to write it)", err)
	}
	return want, true
}

// context is the number of unchanged lines shown around a change.
const context = 2

// maxLines bounds a diff's length.
const maxLines = 60

// Diff prints the lines that differ between a and b as a unified diff:
// "-" for a line only a has, "+" for one only b has, unchanged lines
// around each change, "@@ line N" where each group of changes starts.
// Lines that differ only in trailing spaces are marked too, with a "⏎"
// after their last character.
func Diff(a, b string) string {
	x, y := strings.Split(a, "\n"), strings.Split(b, "\n")
	ops := diffLines(x, y)
	var out []string
	shown := map[int]bool{}
	for i, op := range ops {
		if op.kind == ' ' {
			continue
		}
		for j := max(0, i-context); j <= min(len(ops)-1, i+context); j++ {
			shown[j] = true
		}
	}
	prev := -2
	for i, op := range ops {
		if !shown[i] {
			continue
		}
		if i != prev+1 {
			out = append(out, fmt.Sprintf("@@ line %d", op.line+1))
		}
		prev = i
		text := op.text
		if op.kind != ' ' && strings.TrimRight(text, " ") != text {
			text += "⏎"
		}
		out = append(out, string(op.kind)+" "+text)
		if len(out) >= maxLines {
			out = append(out, "... (more differences)")
			break
		}
	}
	return strings.Join(out, "\n")
}

// op is one line of a diff: kept (' '), removed ('-') or added ('+'), and
// its line number in the old text (or the new, for an addition).
type op struct {
	kind byte
	text string
	line int
}

// diffLines is a shortest edit script from x to y by longest common
// subsequence, after taking off the lines they share at both ends.
func diffLines(x, y []string) []op {
	pre := 0
	for pre < len(x) && pre < len(y) && x[pre] == y[pre] {
		pre++
	}
	suf := 0
	for suf < len(x)-pre && suf < len(y)-pre && x[len(x)-1-suf] == y[len(y)-1-suf] {
		suf++
	}
	var ops []op
	for i := 0; i < pre; i++ {
		ops = append(ops, op{' ', x[i], i})
	}
	mx, my := x[pre:len(x)-suf], y[pre:len(y)-suf]
	// lcs[i][j] is the length of the longest common subsequence of mx[i:]
	// and my[j:]
	lcs := make([][]int32, len(mx)+1)
	for i := range lcs {
		lcs[i] = make([]int32, len(my)+1)
	}
	for i := len(mx) - 1; i >= 0; i-- {
		for j := len(my) - 1; j >= 0; j-- {
			if mx[i] == my[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	i, j := 0, 0
	for i < len(mx) || j < len(my) {
		switch {
		case i < len(mx) && j < len(my) && mx[i] == my[j]:
			ops = append(ops, op{' ', mx[i], pre + i})
			i, j = i+1, j+1
		case i < len(mx) && (j == len(my) || lcs[i+1][j] >= lcs[i][j+1]):
			ops = append(ops, op{'-', mx[i], pre + i})
			i++
		default:
			ops = append(ops, op{'+', my[j], pre + j})
			j++
		}
	}
	for k := len(x) - suf; k < len(x); k++ {
		ops = append(ops, op{' ', x[k], k})
	}
	return ops
}

// CheckPNG compares the image got with the golden PNG at path, pixel by
// pixel (two encoders may write the same picture in different bytes).
// With -update it rewrites the file instead. When they differ it writes
// got beside the golden file as NAME_got.png, to look at.
func CheckPNG(t testing.TB, path string, got []byte) {
	t.Helper()
	want, ok := read(t, path, got)
	if !ok {
		return
	}
	same, err := cmpimg.Equal("png", got, want)
	if err != nil {
		t.Fatal(err)
	}
	if !same {
		bad := strings.TrimSuffix(path, ".png") + "_got.png"
		os.WriteFile(bad, got, 0o644)
		t.Errorf("%s differs from the chart drawn now; wrote that to %s to look at (-update rewrites the golden one)", path, bad)
	}
}
