package main

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/costdial/costdial/internal/outset"
)

const smallSaas = "../../scenarios/small-saas.yaml"

// listDir lists the names in dir, hidden ones included, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	return names
}

// Family 4: a sweep's output set replaces the previous one whole, under a
// lock, and leaves nothing behind; --out is checked before any run.
func TestSweepOutputSet(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "o")
	code, stdout, stderr := costdial("sweep", smallSaas, "--trials", "50", "--out", out)
	if code != 0 {
		t.Fatalf("first sweep: exit %d\n%s", code, stderr)
	}
	first := listDir(t, out)
	want := []string{".costdial-set", "cost-rpo.png", "cost-rpo.svg", "cost-rto.png", "cost-rto.svg", "rpo-cdf.png", "rpo-cdf.svg",
		"rto-cdf.png", "rto-cdf.svg", "sweep.csv", "sweep.json", "total-cost.png", "total-cost.svg"}
	if strings.Join(first, " ") != strings.Join(want, " ") {
		t.Errorf("files: %v\nwant %v", first, want)
	}
	if !strings.Contains(stdout, "Wrote "+filepath.Join(out, "sweep.json")) {
		t.Errorf("files not named in --out:\n%s", stdout)
	}
	json1, _ := os.ReadFile(filepath.Join(out, "sweep.json"))
	// a second sweep with another seed replaces the set
	if code, _, stderr := costdial("sweep", smallSaas, "--trials", "50", "--seed", "2", "--out", out); code != 0 {
		t.Fatalf("second sweep: exit %d\n%s", code, stderr)
	}
	json2, _ := os.ReadFile(filepath.Join(out, "sweep.json"))
	if string(json1) == string(json2) {
		t.Errorf("the second sweep did not replace sweep.json")
	}
	if got := listDir(t, parent); strings.Join(got, " ") != "o" {
		t.Errorf("left beside --out: %v", got)
	}

	for _, tc := range []struct {
		name  string
		setup func(t *testing.T) string // returns --out
		code  int
		want  string
	}{
		{"--out is a file", func(t *testing.T) string {
			f := filepath.Join(t.TempDir(), "f")
			os.WriteFile(f, nil, 0o644)
			return f
		}, 1, ": not a directory"},
		{"a directory with other files", func(t *testing.T) string {
			d := t.TempDir()
			os.WriteFile(filepath.Join(d, "notes.txt"), []byte("mine"), 0o644)
			return d
		}, 1, `holds "notes.txt", which costdial did not write`},
		{"a directory another sweep writes", func(t *testing.T) string {
			d := filepath.Join(t.TempDir(), "o")
			lock, err := outset.TakeLock(filepath.Join(filepath.Dir(d), ".o.costdial-lock"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(lock.Release)
			return d
		}, 1, "another costdial (process " + strconv.Itoa(os.Getpid()) + ") is writing there"},
		{"a read-only directory", func(t *testing.T) string {
			if os.Getuid() == 0 {
				t.Skip("root writes anywhere")
			}
			d := filepath.Join(t.TempDir(), "ro")
			os.Mkdir(d, 0o555)
			return d
		}, 1, ": not writable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := tc.setup(t)
			start := time.Now()
			// a million trials a design: refused before any is simulated
			code, _, stderr := costdial("sweep", smallSaas, "--trials", "1000000", "--out", dir)
			if code != tc.code || !strings.Contains(stderr, tc.want) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s", code, tc.code, tc.want, stderr)
			}
			if !strings.HasPrefix(stderr, "--out") && !strings.Contains(stderr, "costdial: --out") {
				t.Errorf("the error does not start with --out:\n%s", stderr)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("refused only after %v", d)
			}
		})
	}
	// plot always writes: an empty --out is a mistake (a sweep without
	// --out writes no files)
	if code, _, stderr := costdial("plot", smallSaas, "--trials", "20", "--out", ""); code != 2 || !strings.Contains(stderr, "--out is empty") {
		t.Errorf("plot --out '': exit %d\n%s", code, stderr)
	}
	// a stale lock (its process is gone) is taken over
	stale := filepath.Join(t.TempDir(), "o")
	os.WriteFile(filepath.Join(filepath.Dir(stale), ".o.costdial-lock"), []byte("999999999\n"), 0o644)
	if code, _, stderr := costdial("sweep", smallSaas, "--trials", "20", "--out", stale); code != 0 {
		t.Errorf("stale lock: exit %d\n%s", code, stderr)
	}
	if got := listDir(t, filepath.Dir(stale)); strings.Join(got, " ") != "o" {
		t.Errorf("left beside --out after a stale lock: %v", got)
	}
}

// Family 4: an interrupt stops the run promptly with exit 130, removes the
// unfinished set and leaves the previous one as it was.
func TestInterrupt(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "o")
	if code, _, stderr := costdial("sweep", smallSaas, "--trials", "20", "--out", out); code != 0 {
		t.Fatalf("exit %d\n%s", code, stderr)
	}
	before, _ := os.ReadFile(filepath.Join(out, "sweep.json"))
	for _, args := range [][]string{
		{"sweep", smallSaas, "--trials", "100000000", "--out", out},
		{"run", smallSaas, "--trials", "100000000"},
		{"plot", smallSaas, "--trials", "100000000", "--out", filepath.Join(parent, "p")},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(300*time.Millisecond, cancel)
		var o, e strings.Builder
		start := time.Now()
		code := executeContext(ctx, args, strings.NewReader(""), &o, &e)
		cancel()
		if code != exitInterrupted || !strings.Contains(e.String(), "interrupted") {
			t.Errorf("%s: exit %d, want %d\n%s", args[0], code, exitInterrupted, e.String())
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: stopped only after %v", args[0], d)
		}
	}
	after, _ := os.ReadFile(filepath.Join(out, "sweep.json"))
	if string(before) != string(after) {
		t.Errorf("the previous sweep.json changed")
	}
	for _, name := range listDir(t, parent) {
		if strings.HasPrefix(name, ".") {
			t.Errorf("left behind: %s", name)
		}
	}
}

// Families 3 and 5 at the command line: a --dial cannot turn a shared
// setting or one field twice, limits are raised by flags only, and counts
// of one are singular.
func TestSweepRefusalsAndPlurals(t *testing.T) {
	out := filepath.Join(t.TempDir(), "o")
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--dial", "simulate.trials=10,100"}, 1, "a dial cannot turn simulate.trials"},
		{[]string{"--dial", "service.targets.rto=1h,2h"}, 1, "a dial cannot turn service.targets.rto"},
		{[]string{"--dial", "backups.nightly.every=1h,2h", "--dial", "backups.nightly.every=3h"}, 2, "--dial backups.nightly.every is given twice"},
		{[]string{"--dial", "backups.nightly.name=a,b"}, 1, "a dial cannot rename an entry"},
		{[]string{"--dial", "backups.nightly.fail=0,0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9", "--dial", "backups.nightly.fix=1h,2h,3h,4h,5h,6h,7h,8h,9h,10h",
			"--dial", "backups.nightly.duration=1m,2m,3m,4m,5m,6m,7m,8m,9m,10m", "--max-designs", "100"}, 1,
			"dial: 15000 designs (the product of the number of values of each axis), above the limit of 100: turn fewer knobs at once, or raise the limit with --max-designs 15000"},
		{[]string{"--set", "failures.disk-dies.rate=1/m"}, 1, "m means minutes"},
		{[]string{"--dial", "backups.nightly.every=1h,\x1b[2J4h"}, 1, `a value holds a control or formatting character (got "\x1b[2J4h")`},
	} {
		args := append([]string{"sweep", smallSaas, "--trials", "20", "--out", out}, tc.args...)
		code, _, stderr := costdial(args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, want %d; stderr lacks %q:\n%s", tc.args, code, tc.code, tc.want, stderr)
		}
	}
	if code, _, stderr := costdial("run", smallSaas, "--trials", "20", "--set", "failures.disk-dies.rate=200/y", "--max-incidents", "100"); code != 1 || !strings.Contains(stderr, "above the limit of 100") {
		t.Errorf("--max-incidents did not lower the limit: exit %d\n%s", code, stderr)
	}
	for _, flag := range []string{"--max-incidents=nan", "--max-incidents=0", "--max-trial-years=-1", "--max-file-size=0B"} {
		if code, _, stderr := costdial("run", smallSaas, "--trials", "20", flag); code != 2 || !strings.Contains(stderr, "must be a number above zero") {
			t.Errorf("%s: exit %d\n%s", flag, code, stderr)
		}
	}
	if code, _, stderr := costdial("run", smallSaas, "--trials", "20", "--set", "failures.disk-dies.rate=200/y", "--max-incidents", "1000"); code != 0 {
		t.Errorf("--max-incidents did not raise the limit: exit %d\n%s", code, stderr)
	}
	code, stdout, stderr := costdial("sweep", smallSaas, "--trials", "1", "--out", out, "--dial", "backups.nightly.every=4h", "--dial", "stores.bucket.tier=s3-standard")
	if code != 0 || !strings.Contains(stdout, "small-saas: 1 design, 1 trial of 1 year each") {
		t.Errorf("exit %d:\n%s%s", code, stdout, stderr)
	}
	if code, stdout, _ := costdial("run", smallSaas, "--trials", "1"); code != 0 || !strings.Contains(stdout, "small-saas: 1 trial of 1 year") {
		t.Errorf("run: %s", stdout)
	}
}

// zeros is an endless stream of zero bytes, like /dev/zero.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// Family 1: standard input is read through the same limit as a file.
func TestStdinBounded(t *testing.T) {
	var o, e strings.Builder
	start := time.Now()
	code := executeIn([]string{"validate", "-"}, zeros{}, &o, &e)
	if code != 1 || !strings.Contains(e.String(), "(stdin): larger than 4 MiB") {
		t.Errorf("exit %d:\n%s", code, e.String())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("refused only after %v", d)
	}
}

// Family 4: plot writes its four images as a set too, replacing a set
// costdial wrote before.
func TestPlotOutputSet(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "o")
	if code, _, stderr := costdial("sweep", smallSaas, "--trials", "20", "--out", out); code != 0 {
		t.Fatalf("sweep: exit %d\n%s", code, stderr)
	}
	if code, _, stderr := costdial("plot", smallSaas, "--trials", "20", "--out", out); code != 0 {
		t.Fatalf("plot: exit %d\n%s", code, stderr)
	}
	got := strings.Join(listDir(t, out), " ")
	if got != ".costdial-set rpo-cdf.png rpo-cdf.svg rto-cdf.png rto-cdf.svg" {
		t.Errorf("after plot: %s", got)
	}
	if got := listDir(t, parent); strings.Join(got, " ") != "o" {
		t.Errorf("left beside --out: %v", got)
	}
}
