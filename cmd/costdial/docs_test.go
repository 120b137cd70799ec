package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/costdial/costdial/internal/golden"
	"gonum.org/v1/plot/cmpimg"
)

// example is one `console` block of the documentation: a costdial command
// line and what it prints.
type example struct {
	file    string
	line    int      // of the command, 1-based
	args    []string // after "costdial"
	output  []string // the block's lines after the command
	excerpt bool     // the block shows only some lines, "..." standing for the rest
	start   int      // index in the file's lines of the first output line
	end     int      // index of the closing fence
}

// examples finds the console blocks of a Markdown file whose first line is
// "$ costdial ...". A command may continue over lines ending in " \".
func examples(t *testing.T, path string, lines []string) []example {
	t.Helper()
	var out []example
	for i := 0; i < len(lines); i++ {
		if strings.TrimSpace(lines[i]) != "```console" {
			continue
		}
		j := i + 1
		if j >= len(lines) || !strings.HasPrefix(lines[j], "$ costdial") {
			continue
		}
		ex := example{file: path, line: j + 1}
		cmd := strings.TrimPrefix(lines[j], "$ costdial")
		for strings.HasSuffix(cmd, `\`) && j+1 < len(lines) {
			j++
			cmd = strings.TrimSuffix(cmd, `\`) + " " + lines[j]
		}
		if strings.ContainsAny(cmd, `"'$|<>;&`) {
			t.Fatalf("%s:%d: examples are run without a shell; keep them free of quotes and shell syntax", path, ex.line)
		}
		ex.args = strings.Fields(cmd)
		ex.start = j + 1
		for j++; j < len(lines) && strings.TrimSpace(lines[j]) != "```"; j++ {
			ex.output = append(ex.output, lines[j])
			if strings.TrimSpace(lines[j]) == "..." {
				ex.excerpt = true
			}
		}
		ex.end = j
		out = append(out, ex)
		i = j
	}
	return out
}

// matches reports whether got is the block's output: all of it, or for an
// excerpt, its lines in order with "..." standing for any number of lines.
// Trailing spaces are ignored.
func (ex example) matches(got []string) bool {
	if !ex.excerpt {
		if len(got) != len(ex.output) {
			return false
		}
		for i := range got {
			if strings.TrimRight(got[i], " ") != strings.TrimRight(ex.output[i], " ") {
				return false
			}
		}
		return true
	}
	k := 0
	for _, want := range ex.output {
		if strings.TrimSpace(want) == "..." {
			continue
		}
		want = strings.TrimRight(want, " ")
		for k < len(got) && strings.TrimRight(got[k], " ") != want {
			k++
		}
		if k == len(got) {
			return false
		}
		k++
	}
	return true
}

// outDir returns the --out of a command, if any.
func (ex example) outDir() string {
	for i, a := range ex.args {
		if a == "--out" && i+1 < len(ex.args) {
			return ex.args[i+1]
		}
		if v, ok := strings.CutPrefix(a, "--out="); ok {
			return v
		}
	}
	return ""
}

// TestDocExamples runs every costdial command shown in a `console` block of
// the README and docs/, from a folder holding the example scenarios, and
// checks that the block shows what the command prints; figures in the docs
// are ones the tool measured. Plots a command writes under docs/img must
// match the PNGs committed there. `go test ./cmd/costdial -update` rewrites
// whole blocks (not excerpts) and the images.
func TestDocExamples(t *testing.T) {
	if testing.Short() {
		t.Skip("runs every documented command")
	}
	root, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	files = append([]string{filepath.Join(root, "README.md")}, files...)
	work := t.TempDir()
	if err := os.Symlink(filepath.Join(root, "scenarios"), filepath.Join(work, "scenarios")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(work)
	var all strings.Builder
	for _, path := range files {
		raw, _ := os.ReadFile(path)
		all.Write(raw)
	}
	ran := 0
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(string(raw), "\n")
		exs := examples(t, path, lines)
		rel, _ := filepath.Rel(root, path)
		for k := len(exs) - 1; k >= 0; k-- { // from the end, so rewrites keep earlier indexes
			ex := exs[k]
			code, stdout, stderr := costdial(ex.args...)
			ran++
			got := stdout
			if code != 0 {
				got = stdout + stderr // audit prints its findings and exits 1
			}
			gotLines := strings.Split(strings.TrimRight(got, "\n"), "\n")
			for i := range gotLines {
				gotLines[i] = strings.TrimRight(gotLines[i], " ")
			}
			if !ex.matches(gotLines) {
				if golden.Updating() && !ex.excerpt {
					lines = append(lines[:ex.start], append(gotLines, lines[ex.end:]...)...)
				} else {
					t.Errorf("%s:%d: costdial %s printed (exit %d) what the block does not show (go test ./cmd/costdial -update rewrites a whole block):\n%s",
						rel, ex.line, strings.Join(ex.args, " "), code, golden.Diff(strings.Join(ex.output, "\n"), strings.Join(gotLines, "\n")))
				}
			}
			checkImages(t, root, rel, ex, all.String())
		}
		if golden.Updating() {
			if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	if ran == 0 {
		t.Fatal("no examples found in the docs")
	}
	// every committed image is one the docs show, so none goes stale unseen
	filepath.WalkDir(filepath.Join(root, "docs", "img"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(filepath.Join(root, "docs"), path)
			if !shown(all.String(), filepath.ToSlash(rel)) {
				t.Errorf("docs/%s is shown by no page; delete it", filepath.ToSlash(rel))
			}
		}
		return nil
	})
}

// shown reports whether a Markdown page shows the image at rel (a path
// under docs/), linked from docs/ or from the repository's root.
func shown(docs, rel string) bool {
	return strings.Contains(docs, "]("+rel+")") || strings.Contains(docs, "](docs/"+rel+")")
}

// checkImages compares the PNGs a command wrote under out/NAME, and that
// the docs show as docs/img/NAME/..., with the committed ones (or, with
// -update, commits them). The docs' commands write under out/, which git
// ignores, so that a reader who runs them in a clone changes nothing that
// is committed.
func checkImages(t *testing.T, root, rel string, ex example, docs string) {
	t.Helper()
	dir := filepath.ToSlash(filepath.Clean(ex.outDir()))
	name, ok := strings.CutPrefix(dir, "out/")
	if !ok {
		return
	}
	made, _ := filepath.Glob(filepath.Join(dir, "*.png"))
	if len(made) == 0 {
		t.Errorf("%s:%d: no plots written to %s", rel, ex.line, dir)
	}
	for _, png := range made {
		img := "img/" + name + "/" + filepath.Base(png) // under docs/
		if !shown(docs, img) {
			continue
		}
		got, err := os.ReadFile(png)
		if err != nil {
			t.Fatal(err)
		}
		committed := filepath.Join(root, "docs", filepath.FromSlash(img))
		if golden.Updating() {
			if err := os.MkdirAll(filepath.Dir(committed), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(committed, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(committed)
		if err != nil {
			t.Errorf("%s:%d: %v (go test ./cmd/costdial -update writes it)", rel, ex.line, err)
			continue
		}
		if ok, err := cmpimg.Equal("png", got, want); err != nil || !ok {
			t.Errorf("%s:%d: %s is not what the command draws now (go test ./cmd/costdial -update rewrites it)", rel, ex.line, png)
		}
	}
}
